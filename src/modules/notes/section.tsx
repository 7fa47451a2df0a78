// The notes section the project page shows (plugged into the catalogue's project route).
import type { VNode } from "preact";
import { hasRole } from "../../web/auth-guards";
import type { PageUser } from "../../../views/page-context";
import { NotesSection } from "../../../views/notes/NotesSection";
import type { ProjectDoc } from "../projects/project.model";
import type { TaxonomyService } from "../taxonomy/taxonomy.service";
import type { NoteQueries } from "./note.queries";

export function notesSectionFor(deps: { queries: NoteQueries; taxonomy: TaxonomyService }) {
  return async (project: ProjectDoc, user: PageUser | undefined): Promise<VNode | null> => {
    if (project.deletedAt || (project.status !== "published" && project.status !== "archived")) return null;
    const moderator = hasRole(user?.role, "coordinator");
    const [notes, vocab, tags, pending] = await Promise.all([
      deps.queries.forProject(project._id, { id: user?.id, role: user?.role }),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
      moderator ? deps.queries.pendingCount(project._id) : Promise.resolve(0),
    ]);
    return (
      <NotesSection
        slug={project.slug}
        notes={notes}
        labels={{ vocab, tags }}
        open={project.status === "published"}
        pendingCount={pending}
      />
    );
  };
}
