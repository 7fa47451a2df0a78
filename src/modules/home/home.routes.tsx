import express, { type Router } from "express";
import { sendPage } from "../../web/render.js";
import { HomePage } from "../../../views/home/HomePage.js";
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
  router.get("/", (req, res) => {
    sendPage(
      req,
      res,
      <HomePage
        themes={themes.map((t) => ({ id: t.id, number: t.number, label: req.lang === "en" ? t.label_en : t.label_it }))}
      />,
    );
  });
  return router;
}
