// A project as the public API shows it, and its OpenAPI schema, built from the field list: every content
// field but the members-only ones (contacts), between the project's address and its dates.
import type { TagIndex } from "../taxonomy/index";
import { CONTENT_FIELDS, idsOf, linksOf, specOf, type ContentField, type FieldKind } from "./project.fields";
import { formatDate } from "./project.input";

const str = { type: "string" };
const strList = { type: "array", items: str };

/** A stored value of each kind in the API (null for an absent single value), and its JSON schema. */
const API: Record<FieldKind, { value: (v: unknown, tags: TagIndex) => unknown; schema: object }> = {
  text: { value: (v) => v ?? "", schema: str },
  optional: { value: (v) => v ?? null, schema: { type: ["string", "null"] } },
  list: { value: (v) => v ?? [], schema: strList },
  lines: { value: (v) => v ?? [], schema: strList },
  date: {
    value: (v) => formatDate(v as Date | null | undefined) || null,
    schema: { type: ["string", "null"], format: "date" },
  },
  money: { value: (v) => v ?? null, schema: { type: ["integer", "null"], description: "In euro cents" } },
  tags: {
    value: (v, tags) =>
      idsOf(v)
        .map((id) => tags.byId.get(id)?.slug)
        .filter((s): s is string => !!s),
    schema: { ...strList, description: "Tag slugs" },
  },
  links: {
    value: linksOf,
    schema: {
      type: "array",
      items: { type: "object", properties: { label: str, url: { type: "string", format: "uri" } } },
    },
  },
  contact: {
    value: (v) => v ?? null,
    schema: { type: "object", properties: { name: str, email: str, phone: str } },
  },
};

/** The content fields the public API shows. */
const PUBLIC_FIELDS = CONTENT_FIELDS.filter((f) => !specOf(f).membersOnly);

/** What the API needs of a project: stored, or as the read model holds it. */
export type ApiSource = {
  slug: string;
  demo?: boolean | null;
  publishedAt?: Date | null;
  updatedAt?: Date | null;
} & Partial<Record<ContentField, unknown>>;

/** A published project as the API shows it (no contact: that is for members only). */
export function apiProject(p: ApiSource, tags: TagIndex) {
  const project: Record<string, unknown> = { slug: p.slug, url: `/projects/${p.slug}` };
  for (const field of PUBLIC_FIELDS) project[field] = API[specOf(field).kind].value(p[field], tags);
  return {
    ...project,
    demo: !!p.demo,
    publishedAt: p.publishedAt ?? null,
    updatedAt: p.updatedAt ?? null,
  };
}

/** The OpenAPI schema of apiProject's answer; `about` adds to a field's schema (a pattern, a description). */
export function apiProjectSchema(about: Partial<Record<ContentField, object>> = {}) {
  const properties: Record<string, object> = { slug: str, url: str };
  for (const field of PUBLIC_FIELDS) {
    const spec = specOf(field);
    properties[field] = {
      ...API[spec.kind].schema,
      ...(spec.markdown ? { description: "Markdown" } : {}),
      ...about[field],
    };
  }
  return {
    type: "object",
    required: ["slug", "url", "title"],
    properties: {
      ...properties,
      demo: { type: "boolean", description: "Fictional demo content" },
      publishedAt: { type: ["string", "null"], format: "date-time" },
      updatedAt: { type: ["string", "null"], format: "date-time" },
    },
  };
}
