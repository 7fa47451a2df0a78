// Demo content: a fictional, published guidelines document ("esempio") built from the demo register's
// recommendations, two per table, with an introduction and a short one per table. Loaded on first start
// after the register's demo; loading again adds nothing.
import type { Logger } from "../../infra/logger";
import { SYSTEM_ACTOR } from "../accounts/index";
import { GuidelinesModel } from "./guidelines.model";
import type { GuidelinesService, RegisterReads } from "./guidelines.service";

const DEMO_KEY = "demo-guidelines-2022";
const PER_TABLE = 2;

const INTRO =
  "Esempio: queste linee guida e le raccomandazioni che raccolgono sono inventate, per mostrare come funziona Atlante.\n\n" +
  "Il seminario del 17 settembre 2021 ha promesso linee guida per l'aggiornamento dei piani integrati zonali. " +
  "Qui sono raccolte, tavolo per tavolo, le raccomandazioni del registro che le zone-distretto possono adottare " +
  "per prime; ognuna rimanda alle note da cui viene.";

const SECTION_INTRO =
  "Esempio: le raccomandazioni di questo tavolo scelte per la prima edizione delle linee guida.";

export async function seedDemoGuidelines(
  deps: { guidelines: GuidelinesService; register: RegisterReads; themes: () => Promise<string[]> },
  logger?: Logger,
): Promise<{ created: number }> {
  if (await GuidelinesModel.exists({ demoKey: DEMO_KEY })) return { created: 0 };
  const [themes, items] = await Promise.all([deps.themes(), deps.register.items()]);
  const chosen = themes.flatMap((theme) =>
    items
      .filter((i) => i.theme === theme && !i.withdrawn)
      .slice(0, PER_TABLE)
      .map((i) => i.code),
  );
  if (chosen.length === 0) return { created: 0 };
  const doc = await deps.guidelines.create(SYSTEM_ACTOR, {
    title: "Linee guida per l'aggiornamento dei piani integrati zonali (esempio)",
    intro: INTRO,
    sectionIntros: Object.fromEntries(themes.map((theme) => [theme, SECTION_INTRO])),
    items: chosen,
    demoKey: DEMO_KEY,
  });
  const review = await deps.guidelines.transition(SYSTEM_ACTOR, doc.slug, "submit", doc.version);
  await deps.guidelines.transition(SYSTEM_ACTOR, doc.slug, "publish", review.version);
  logger?.info({ slug: doc.slug, items: chosen.length }, "demo guidelines loaded");
  return { created: 1 };
}
