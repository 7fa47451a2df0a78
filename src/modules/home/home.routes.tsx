import express, { type Router } from "express";
import { PageCache } from "../../web/page-cache";
import { HomePage } from "../../../views/home/HomePage";
import themesSeed from "../../seed/data/themes.json";

interface ThemeSeed {
  number: number;
  id: string;
  label_it: string;
  label_en: string;
}

const themes = (themesSeed as { themes: ThemeSeed[] }).themes;

export function homeRouter(): Router {
  const router = express.Router();
  const cache = new PageCache(30_000);
  router.get("/", (req, res) => {
    cache.send(req, res, "home", () => (
      <HomePage
        themes={themes.map((t) => ({
          id: t.id,
          number: t.number,
          label: req.lang === "en" ? t.label_en : t.label_it,
        }))}
      />
    ));
  });
  return router;
}
