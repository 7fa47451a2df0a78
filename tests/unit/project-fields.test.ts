// The field list (src/modules/projects/project.fields.ts) is the one place a project's content is declared:
// every shape carries each field, and what one shape writes the next one reads back unchanged.
import mongoose from "mongoose";
import { apiProject, apiProjectSchema } from "../../src/modules/projects/api.project";
import { exportRecord } from "../../src/modules/projects/export.service";
import { IMPORT_COLUMNS } from "../../src/modules/projects/import.format";
import { projectToDocument } from "../../src/modules/projects/project.document";
import { CONTENT_FIELDS, columnsOf, specOf } from "../../src/modules/projects/project.fields";
import { formValuesOfProject } from "../../src/modules/projects/project.form";
import { projectRawSchema, validateProject } from "../../src/modules/projects/project.input";
import { ProjectModel, type ProjectDoc } from "../../src/modules/projects/project.model";
import { snapshotOf } from "../../src/modules/projects/project.snapshot";
import { storedValuesOf, storedValuesOfSnapshot } from "../../src/modules/projects/project.stored";
import type { TagIndex, TagView, Term, Vocabulary } from "../../src/modules/taxonomy/index";

const term = (kind: Term["kind"], key: string, provinces: string[] = []): Term => ({
  kind,
  key,
  order: 1,
  label_it: `${key} (it)`,
  label_en: `${key} (en)`,
  description_it: "",
  description_en: "",
  guidingQuestions: [],
  provinces,
  aliases: [],
  towns: [],
});
const terms = [
  term("zone", "lunigiana", ["MS"]),
  term("province", "MS"),
  term("theme", "accessibilita-servizi"),
  term("targetGroup", "donne"),
  term("funding", "fami-2014-2020"),
];
const vocab: Vocabulary = {
  themes: terms.filter((t) => t.kind === "theme"),
  zones: terms.filter((t) => t.kind === "zone"),
  provinces: terms.filter((t) => t.kind === "province"),
  targetGroups: terms.filter((t) => t.kind === "targetGroup"),
  funding: terms.filter((t) => t.kind === "funding"),
  get: (kind, key) => terms.find((t) => t.kind === kind && t.key === key),
};
const tagId = new mongoose.Types.ObjectId();
const tag: TagView = {
  id: String(tagId),
  slug: "italiano-l2",
  oldSlugs: [],
  label_it: "Italiano L2",
  label_en: "Italian L2",
  description_it: "",
  description_en: "",
  synonyms: [],
  status: "active",
  usageCount: 1,
};
const tags: TagIndex = {
  all: [tag],
  byId: new Map([[tag.id, tag]]),
  bySlug: new Map([[tag.slug, tag]]),
  byOldSlug: new Map(),
};

/** A stored project with every field filled. */
const stored = {
  _id: new mongoose.Types.ObjectId(),
  slug: "ponti-di-parole",
  oldSlugs: [],
  status: "published",
  demo: false,
  version: 3,
  deletedAt: null,
  title: "Ponti di parole",
  sortTitle: "ponti di parole",
  summary: "Mediazione linguistica.",
  description: "Una **descrizione**.\n\n- con una lista",
  fundingProgramme: "fami-2014-2020",
  call: "Avviso 2019",
  cup: "J12B19000000001",
  leadOrganisation: "Cooperativa L'Approdo",
  partners: ["Comune di Aulla", "Associazione Ponti"],
  zones: ["lunigiana"],
  provinces: ["MS"],
  startDate: new Date(Date.UTC(2020, 0, 15)),
  endDate: new Date(Date.UTC(2021, 5, 30)),
  startYear: 2020,
  budgetCents: 12_500_050,
  targetGroups: ["donne"],
  themes: ["accessibilita-servizi"],
  tags: [tagId],
  outcomes: "Risultati _buoni_.",
  links: [{ label: "Sito", url: "https://example.org/ponti" }],
  contact: { name: "Referente", email: "referente@example.org", phone: "+39 0187 000000" },
  publishedAt: new Date(Date.UTC(2021, 0, 1)),
  updatedAt: new Date(Date.UTC(2021, 0, 2)),
} as unknown as ProjectDoc;

describe("the project's field list", () => {
  it("When a field is declared, then the schema stores it and the snapshot, form, import and export columns, API and its schema carry it (contacts only for members)", () => {
    const snapshot = snapshotOf(stored);
    const form = formValuesOfProject(stored, tags);
    const exported = exportRecord(stored, tags, { withContact: true });
    const anonymous = exportRecord(stored, tags, { withContact: false });
    const api = apiProject(stored, tags);
    const schema = apiProjectSchema().properties as Record<string, unknown>;
    for (const field of CONTENT_FIELDS) {
      expect([field, ProjectModel.schema.pathType(field)]).not.toEqual([field, "adhocOrUndefined"]);
      expect(snapshot).toHaveProperty(field);
      for (const column of columnsOf(field)) {
        expect(IMPORT_COLUMNS).toContain(column);
        expect([column, form[column]]).not.toEqual([column, ""]);
        expect([column, exported[column]]).not.toEqual([column, ""]);
        if (specOf(field).membersOnly) expect(anonymous[column]).toBe("");
        else expect(anonymous[column]).toEqual(exported[column]);
        expect(projectRawSchema.safeParse({ [column]: "x" }).success).toBe(true);
      }
      expect(field in api).toBe(!specOf(field).membersOnly);
      expect(field in schema).toBe(!specOf(field).membersOnly);
    }
    expect(projectRawSchema.safeParse({ unknownColumn: "x" }).success).toBe(false);
  });

  it("When a stored project is shown in the edit form and submitted unchanged, then validation gives back the same content", () => {
    const { input, errors } = validateProject(formValuesOfProject(stored, tags), vocab, tags);
    expect(errors).toEqual([]);
    expect(snapshotOf({ ...stored, ...storedValuesOf(input) })).toEqual(snapshotOf(stored));
  });

  it("When an earlier version is restored from its snapshot, then the stored fields give the same snapshot, sort key and year", () => {
    const values = storedValuesOfSnapshot(snapshotOf(stored), (ids) => ids);
    expect(snapshotOf({ ...stored, ...values })).toEqual(snapshotOf(stored));
    expect(values).toMatchObject({ sortTitle: "ponti di parole", startYear: 2020, tags: [tagId] });
  });

  it("When a project is indexed, then its text fields, organisations and filter fields are in its search document", () => {
    const doc = projectToDocument(stored, tags, [], vocab)!;
    expect(doc).toMatchObject({
      title: "Ponti di parole",
      summary: "Mediazione linguistica.",
      organisations: ["Cooperativa L'Approdo", "Comune di Aulla", "Associazione Ponti"],
      zones: ["lunigiana"],
      provinces: ["MS"],
      targetGroups: ["donne"],
      themes: ["accessibilita-servizi"],
      tags: ["italiano-l2"],
      budget: 12_500_050,
      years: [2020, 2021],
    });
    expect(doc.description).not.toContain("**");
    for (const field of CONTENT_FIELDS.filter((f) => specOf(f).search === "facet"))
      expect(doc).toHaveProperty(field);
  });
});
