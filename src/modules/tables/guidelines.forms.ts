// What the guidelines' routes make of their input and output: a failed save's errors and the values to
// show again, a version as lines for the diff, and the JSON of a published document (API and export).
import { AppError } from "../../web/errors";
import type { Translate } from "../../web/i18n/index";
import type { GuidelinesErrors, GuidelinesValues } from "../../../views/tables/GuidelinesPages";
import type { GuidelinesSnapshot } from "./guidelines.model";
import type { GuidelinesView } from "./guidelines.queries";
import { GuidelinesConflictError, GuidelinesItemsError } from "./guidelines.service";
import { citationsJson } from "./report.export.text";

/** Errors of a failed save, translated for the form (codes are named one by one). */
export function errorsOf(err: unknown, t: Translate): GuidelinesErrors | undefined {
  if (err instanceof GuidelinesItemsError) {
    return {
      items: [
        ...err.unknown.map((code) => t("guidelines.error.item.unknown", { code })),
        ...err.withdrawn.map((code) => t("guidelines.error.item.withdrawn", { code })),
      ].join(" "),
    };
  }
  if (err instanceof GuidelinesConflictError) return { _form: t("guidelines.error.stale") };
  if (err instanceof AppError && err.details.some((d) => d.message === "guidelines.error.items_max")) {
    return { items: t("guidelines.error.items_max") };
  }
  if (err instanceof AppError && err.status === 409) return { _form: t("guidelines.error.transition") };
  return undefined;
}

/** What the form sent, as typed (shown again after an error). */
export function valuesOf(body: unknown): GuidelinesValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).slice(0, 400).map((x) => String(x).slice(0, 30_000));
  const themes = list(b.theme);
  const intros = list(b.sectionIntro);
  return {
    title: typeof b.title === "string" ? b.title.slice(0, 300) : "",
    intro: typeof b.intro === "string" ? b.intro.slice(0, 30_000) : "",
    sectionIntros: Object.fromEntries(themes.map((th, i) => [th, intros[i] ?? ""])),
    items: list(b.item),
  };
}

export const valuesOfSnapshot = (s: GuidelinesSnapshot): GuidelinesValues => ({
  title: s.title,
  intro: s.intro,
  sectionIntros: Object.fromEntries(s.sections.map((x) => [x.theme, x.intro])),
  items: s.sections.flatMap((x) => x.items),
});

/** A version as lines, for the readable diff (each table by its name). */
export const linesOf = (s: GuidelinesSnapshot, label: (theme: string) => string) =>
  [
    `# ${s.title}`,
    "",
    s.intro,
    "",
    ...s.sections.flatMap((x) => [
      `## ${label(x.theme)}`,
      "",
      x.intro,
      "",
      ...x.items.map((c) => `- ${c}`),
      "",
    ]),
  ].join("\n");

/** The JSON of a published document (the API and the .json export give the same). */
export const guidelinesJson = (view: GuidelinesView, baseUrl: string) => ({
  slug: view.meta.slug,
  url: `${baseUrl.replace(/\/+$/, "")}/guidelines/${view.meta.slug}`,
  title: view.content.title,
  version: view.version,
  publishedAt: view.meta.publishedAt,
  publishedBy: view.meta.publishedBy?.name ?? null,
  demo: view.meta.demo,
  introduction: view.content.intro,
  sections: view.sections.map((s) => ({
    table: s.theme,
    label: s.label,
    introduction: view.content.sections.find((x) => x.theme === s.theme)?.intro ?? "",
    recommendations: s.items.map((i) => ({
      code: i.code,
      withdrawn: i.withdrawn,
      markdown: i.withdrawn ? null : i.markdown,
    })),
  })),
  citations: citationsJson(view.references, baseUrl),
});
