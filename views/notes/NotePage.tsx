// One note on its own page, with every action the viewer may take (useful, reply, flag, edit, delete).
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { NoteView, ProjectRef } from "../../src/modules/notes/note.queries";
import { NoteCard, type NoteLabels } from "./NoteCard";

export function NotePage(props: { view: NoteView; project: ProjectRef; labels: NoteLabels }) {
  const { t } = usePage();
  return (
    <Layout title={props.view.note.title} scripts={[]}>
      <div class="container my-4">
        <h1 class="h3">{props.project.title}</h1>
        <p>
          <a href={`/projects/${props.project.slug}#note-${String(props.view.note._id)}`}>
            {t("notes.page.back")}
          </a>
        </p>
        <NoteCard view={props.view} project={props.project} labels={props.labels} level={2} actions />
      </div>
    </Layout>
  );
}
