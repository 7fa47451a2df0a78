// Demo content of the register: twelve fictional recommendations (three per table) that the seminar's
// published example report lists, each citing contributions of its table, and their statuses in seven
// zones-distretto, some with a history (proposed, then discussed, then adopted). All of it is "esempio".
// Loaded on first start after the demo reports; loading again adds nothing.
import type { Logger } from "../../infra/logger";
import { SYSTEM_ACTOR } from "../accounts/index";
import type { ProposalPart } from "./report.proposal";
import { RecommendationModel, type RegisterStatus } from "./register.model";
import type { RegisterService } from "./register.service";

/** The demo recommendations, by table (in the themes' order). */
const TEXTS: string[][] = [
  [
    "Istituire in ogni zona-distretto un tavolo stabile tra Società della Salute, Comuni, terzo settore e scuole, con un calendario annuale di incontri.",
    "Indicare in ogni piano integrato zonale una persona di riferimento per l'integrazione, con un mandato scritto e tempo dedicato.",
    "Allineare i tempi dei bandi regionali a quelli della programmazione zonale, per non interrompere i servizi tra un progetto e il successivo.",
  ],
  [
    "Coinvolgere le associazioni di cittadine e cittadini di origine straniera fin dalla progettazione, non solo nelle attività.",
    "Garantire nei servizi mediatrici e mediatori interculturali stabili, non solo a chiamata.",
    "Restituire i risultati dei progetti alle comunità con incontri pubblici nei quartieri e nelle frazioni.",
  ],
  [
    "Adottare pochi indicatori comuni a tutti i progetti della zona, raccolti con lo stesso modulo e negli stessi tempi.",
    "Riservare a ogni progetto una quota del budget per la valutazione, decisa fin dall'inizio.",
    "Pubblicare i dati di monitoraggio in formato aperto, con una scheda sintetica per progetto.",
  ],
  [
    "Aprire sportelli unici di orientamento con orari serali e nel fine settimana.",
    "Tradurre la modulistica dei servizi nelle lingue più parlate della zona e riscriverla in italiano semplice.",
    "Formare il personale di sportello all'accoglienza di chi conosce poco l'italiano.",
  ],
];

/**
 * The recommendations section of the demo report: each text citing one or two published contributions
 * of its table (recommendations first), taken from the proposal's parts.
 */
export function demoRecommendationsBody(parts: ProposalPart[], themes: string[]): string {
  const lines: string[] = [];
  themes.slice(0, TEXTS.length).forEach((theme, t) => {
    const ofTheme = parts.filter((p) => p.theme === theme);
    const ordered = [
      ...ofTheme.filter((p) => p.kind === "recommendation"),
      ...ofTheme.filter((p) => p.kind !== "recommendation"),
    ];
    const ids = [
      ...new Set(
        ordered.flatMap((p) => [...p.groups.flatMap((g) => g.notes), ...p.ungrouped]).map((n) => n.id),
      ),
    ];
    TEXTS[t]!.forEach((text, i) => {
      const cited =
        ids.length > 0 ? [ids[i % ids.length]!, ...(ids.length > 3 ? [ids[(i + 3) % ids.length]!] : [])] : [];
      lines.push(`- ${text}${[...new Set(cited)].map((id) => ` [@nota:${id}]`).join("")}`);
    });
  });
  return lines.join("\n");
}

/** [item (0..11, in the report's order), zone, status, date]: in order, so some zones have a history. */
const STEPS: [number, string, RegisterStatus, string][] = [
  [0, "fiorentina", "proposed", "2022-01-20"],
  [0, "fiorentina", "under_discussion", "2022-03-15"],
  [0, "fiorentina", "adopted", "2022-06-30"],
  [0, "pisana", "adopted", "2022-05-10"],
  [1, "pratese", "partly_adopted", "2022-07-12"],
  [2, "senese", "under_discussion", "2022-04-04"],
  [3, "fiorentina", "adopted", "2022-06-30"],
  [3, "lunigiana", "proposed", "2022-02-08"],
  [4, "livornese", "proposed", "2022-02-21"],
  [4, "livornese", "adopted", "2022-09-01"],
  [4, "aretina", "not_adopted", "2022-05-26"],
  [5, "pisana", "under_discussion", "2022-03-03"],
  [6, "pratese", "adopted", "2022-07-12"],
  [6, "senese", "adopted", "2022-06-14"],
  [6, "fiorentina", "partly_adopted", "2022-06-30"],
  [7, "aretina", "proposed", "2022-05-26"],
  [8, "lunigiana", "not_adopted", "2022-04-19"],
  [9, "livornese", "partly_adopted", "2022-09-01"],
  [9, "pisana", "adopted", "2022-05-10"],
  [10, "senese", "under_discussion", "2022-06-14"],
  [10, "senese", "adopted", "2022-11-30"],
  [11, "aretina", "under_discussion", "2022-05-26"],
  [11, "fiorentina", "proposed", "2022-01-20"],
];

const NOTES: Partial<Record<RegisterStatus, string>> = {
  proposed: "Esempio: proposta dal tavolo tecnico zonale.",
  under_discussion: "Esempio: in discussione nella conferenza zonale dei sindaci.",
  adopted: "Esempio: inserita nel piano integrato zonale, scheda **Inclusione**.",
  partly_adopted: "Esempio: adottata per i servizi sociali, non ancora per la scuola.",
  not_adopted: "Esempio: rinviata per mancanza di risorse dedicate.",
};

/**
 * Puts the items of the published demo report in the register (marked demo) and records the demo
 * statuses; does nothing when that report's items are already there.
 */
export async function seedDemoRegister(
  deps: { register: RegisterService },
  reportSlug: string | null,
  logger?: Logger,
): Promise<{ created: number }> {
  if (!reportSlug || (await RecommendationModel.exists({ "report.slug": reportSlug }))) return { created: 0 };
  const result = await deps.register.syncFromReport(SYSTEM_ACTOR, reportSlug, { demo: true });
  const items = await RecommendationModel.find(
    { "report.slug": reportSlug },
    { code: 1, position: 1, version: 1 },
  )
    .sort({ position: 1 })
    .lean();
  const versions = new Map(items.map((i) => [i.code, i.version]));
  for (const [n, zone, status, date] of STEPS) {
    const code = items[n]?.code;
    if (!code) continue;
    const link = status === "adopted" ? `https://example.org/piani-integrati-zonali/${zone}` : null;
    const doc = await deps.register.setStatus(
      SYSTEM_ACTOR,
      code,
      { zone, status, date, note: NOTES[status] ?? "", link },
      versions.get(code)!,
    );
    versions.set(code, doc.version);
  }
  logger?.info({ created: result.created.length }, "demo recommendations register loaded");
  return { created: result.created.length };
}
