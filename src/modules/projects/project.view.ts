// The read model of a project: what pages, views and other modules get. Plain data built from the stored
// document once per read (ids as strings, absent values as undefined, no Mongoose type); the public project
// page keeps it in memory. Views import this file, never the model.
import {
  CONTENT_FIELDS,
  contactOf,
  idsOf,
  linksOf,
  specOf,
  type ContentField,
  type FieldKind,
  type ProjectContent,
} from "./project.fields";
import type { ProjectStatus } from "./project.workflow";

/** A project as pages show it. */
export interface ProjectView extends ProjectContent {
  id: string;
  slug: string;
  status: ProjectStatus;
  /** Demo content ("esempio"): fictional, shown with a visible label. */
  demo: boolean;
  version: number;
  publishedAt?: Date;
  updatedAt?: Date;
  deletedAt?: Date;
}

/** The fields a list of projects shows (browse, term pages, related projects). */
export const LISTED_FIELDS = [
  "title",
  "summary",
  "themes",
  "zones",
  "tags",
  "startDate",
  "endDate",
  "leadOrganisation",
] as const satisfies readonly ContentField[];

/** A project in a list. */
export type ListedProject = Pick<
  ProjectView,
  "id" | "slug" | "status" | "demo" | (typeof LISTED_FIELDS)[number]
>;

export const SORT_NAMES = ["start", "title", "updated"] as const;
export type SortName = (typeof SORT_NAMES)[number];

/** How many projects match a list's filters, and how many of them have each filter value. */
export interface Facets {
  total: number;
  themes: Map<string, number>;
  tags: Map<string, number>;
  zones: Map<string, number>;
  targetGroups: Map<string, number>;
  years: Map<number, number>;
  statuses: Map<string, number>;
}

/** A stored value of each kind as the read model holds it. */
const VIEW: Record<FieldKind, (value: unknown) => unknown> = {
  text: (v) => v ?? "",
  optional: (v) => v ?? undefined,
  list: (v) => v ?? [],
  lines: (v) => v ?? [],
  date: (v) => v ?? undefined,
  money: (v) => v ?? undefined,
  tags: idsOf,
  links: linksOf,
  contact: contactOf,
};

/** What a view is built from: a stored project, whole or with the listed fields only. */
export interface StoredProject extends Partial<Record<ContentField, unknown>> {
  _id: { toString(): string };
  slug: string;
  status: ProjectStatus;
  demo?: boolean | null;
  version?: number | null;
  publishedAt?: Date | null;
  updatedAt?: Date | null;
  deletedAt?: Date | null;
}

function viewOf<F extends readonly ContentField[]>(p: StoredProject, fields: F) {
  const view: Record<string, unknown> = {
    id: String(p._id),
    slug: p.slug,
    status: p.status,
    demo: p.demo ?? false,
  };
  for (const field of fields) view[field] = VIEW[specOf(field).kind](p[field]);
  return view;
}

/** The read model of a stored project. */
export function projectViewOf(p: StoredProject): ProjectView {
  const view = viewOf(p, CONTENT_FIELDS);
  view.version = p.version ?? 1;
  view.publishedAt = p.publishedAt ?? undefined;
  view.updatedAt = p.updatedAt ?? undefined;
  view.deletedAt = p.deletedAt ?? undefined;
  return view as unknown as ProjectView;
}

/** A stored project (read with the listed fields at least) as a list shows it. */
export function listedViewOf(p: StoredProject): ListedProject {
  return viewOf(p, LISTED_FIELDS) as unknown as ListedProject;
}
