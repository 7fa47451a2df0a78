// The JSON shape of a published note in the API.
import { NotFoundError } from "../../web/errors";
import { PUBLIC_STATUSES, type ProjectRefs } from "../projects/index";
import type { TagIndex } from "../taxonomy/index";
import type { NoteView } from "./note.queries";

/** A public (published) project, whose notes anyone may read. */
export async function openProjectForRead(projects: Pick<ProjectRefs, "refBySlug">, slug: string) {
  const p = await projects.refBySlug(slug, PUBLIC_STATUSES);
  if (!p) throw new NotFoundError(`No project ${slug}`);
  return p;
}

export function noteJson(v: NoteView, tags: TagIndex, projectSlug: string) {
  const n = v.note;
  const id = String(n._id);
  return {
    id,
    url: `/projects/${projectSlug}#note-${id}`,
    kind: n.kind,
    theme: n.theme,
    question: n.question ?? null,
    title: n.title,
    body: n.body,
    bodyHtml: v.html,
    tags: (n.tags ?? []).map((t) => tags.byId.get(String(t))?.slug).filter((s) => s !== undefined),
    author: { id: n.author.id, name: n.author.name },
    publishedAt: n.publishedAt ?? null,
    updatedAt: n.updatedAt,
    useful: n.usefulCount ?? 0,
    replies: v.replies.map((r) => ({ id: r.id, author: r.author, at: r.at, bodyHtml: r.html })),
    demo: n.demo ?? false,
    version: n.version,
  };
}
