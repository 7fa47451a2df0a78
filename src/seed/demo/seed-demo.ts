// Loads the demo projects: only the ones missing (by slug, current or old), so it is idempotent and
// never overwrites what coordinators changed. Used on first start (config.demoContent) and by `npm run seed-demo`.
import type { Logger } from "../../infra/logger";
import type { ProjectQueries } from "../../modules/projects/project.queries";
import type { ProjectService } from "../../modules/projects/project.service";
import { SYSTEM_ACTOR } from "../../modules/accounts/actor";
import type { TaxonomyService } from "../../modules/taxonomy/taxonomy.service";
import { DEMO_PROJECTS, type DemoProject } from "./projects";

export const DEMO_TAG = "esempio";

function description(p: DemoProject): string {
  return [
    p.summary,
    "",
    "**Attività principali**",
    "",
    ...p.activities.map((a) => `- ${a}`),
    "",
    "_Progetto di esempio: enti, persone e cifre sono inventati._",
  ].join("\n");
}

/** A well-formed but clearly fictional CUP (the Z99Z prefix is not used by the CUP system). */
function demoCup(i: number): string | undefined {
  return i % 2 === 0 ? `Z99Z${String(19000000000 + i * 7919).padStart(11, "0")}` : undefined;
}

export async function seedDemoProjects(
  services: { projects: ProjectService; projectQueries: ProjectQueries; taxonomy: TaxonomyService },
  logger?: Logger,
): Promise<{ created: number; skipped: number }> {
  const { projects, projectQueries, taxonomy } = services;
  const index = await taxonomy.tags();
  if (!index.bySlug.has(DEMO_TAG) && !index.byOldSlug.has(DEMO_TAG)) {
    await taxonomy.createTag(SYSTEM_ACTOR, {
      slug: DEMO_TAG,
      label_it: "Esempio (contenuto fittizio)",
      label_en: "Example (fictional content)",
      description_it: "Progetti di esempio caricati con l'installazione: sono inventati.",
      description_en: "Demo projects loaded with the installation: they are made up.",
      synonyms: ["demo", "fittizio"],
    });
  }
  let created = 0;
  let skipped = 0;
  for (const [i, p] of DEMO_PROJECTS.entries()) {
    if (await projectQueries.getBySlug(p.slug, { role: "admin" })) {
      skipped++;
      continue;
    }
    await projects.create(
      SYSTEM_ACTOR,
      {
        title: p.title,
        slug: p.slug,
        summary: p.summary,
        description: description(p),
        fundingProgramme:
          p.start < "2019-01-01" ? "avviso-accoglienza-diffusa-2017" : "bando-coesione-sociale-2019",
        call: p.start < "2019-01-01" ? "Avviso 2017 (esempio)" : "Bando 2019 (esempio)",
        cup: demoCup(i),
        leadOrganisation: `${p.lead} (esempio)`.replace(" (esempio) (esempio)", " (esempio)"),
        partners: p.partners.join("\n"),
        zones: p.zones,
        themes: p.themes,
        tags: [...p.tags, DEMO_TAG],
        targetGroups: p.targets,
        startDate: p.start,
        endDate: p.end,
        budget: String(p.budget),
        outcomes: p.outcome,
        links: `Scheda di esempio | https://www.example.org/atlante/${p.slug}`,
        contactName: "Referente di esempio",
        contactEmail: `progetti+${p.slug.slice(0, 30)}@example.org`,
      },
      { status: "published", demo: true },
    );
    created++;
  }
  if (created > 0) logger?.info({ created, skipped }, "demo projects loaded");
  return { created, skipped };
}
