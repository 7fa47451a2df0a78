import type { TagIndex } from "../taxonomy/index";
import { formatDate, formatEuroInput, type FieldError, type ProjectFormValues } from "./project.input";
import type { ProjectDoc } from "./project.model";
import type { Translate } from "../../web/i18n/index";

/** The edit form's values for a stored project. */
export function formValuesOfProject(p: ProjectDoc, tags: TagIndex): ProjectFormValues {
  return {
    title: p.title,
    slug: p.slug,
    summary: p.summary ?? "",
    description: p.description ?? "",
    fundingProgramme: p.fundingProgramme ?? "",
    call: p.call ?? "",
    cup: p.cup ?? "",
    leadOrganisation: p.leadOrganisation ?? "",
    partners: (p.partners ?? []).join("\n"),
    zones: [...(p.zones ?? [])],
    provinces: [...(p.provinces ?? [])],
    startDate: formatDate(p.startDate),
    endDate: formatDate(p.endDate),
    budget: formatEuroInput(p.budgetCents),
    targetGroups: [...(p.targetGroups ?? [])],
    themes: [...(p.themes ?? [])],
    tags: (p.tags ?? []).map((id) => tags.byId.get(String(id))?.slug ?? String(id)),
    outcomes: p.outcomes ?? "",
    links: (p.links ?? []).map((l) => (l.label ? `${l.label} | ${l.url}` : l.url)).join("\n"),
    contactName: p.contact?.name ?? "",
    contactEmail: p.contact?.email ?? "",
    contactPhone: p.contact?.phone ?? "",
  };
}

/** Field errors translated and grouped by field, for the form. */
export function groupErrors(errors: FieldError[], t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.field] ??= []).push(t(e.key, e.params));
  return out;
}
