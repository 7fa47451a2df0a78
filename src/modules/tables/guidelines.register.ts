// The recommendations register as guidelines read it: every item (withdrawn ones too), with its text,
// the notes and projects it rests on, its report and its page in the register.
import type { Citation } from "./report.citations";
import type { RegisterItem, RegisterReads } from "./guidelines.service";
import type { RegisterQueries } from "./register.queries";

export function registerReadsOf(queries: Pick<RegisterQueries, "list">): RegisterReads {
  return {
    async items(): Promise<RegisterItem[]> {
      const list = await queries.list({ state: "all" });
      return list.map((i) => ({
        code: i.code,
        theme: i.theme,
        text: i.text,
        withdrawn: i.state === "withdrawn",
        evidence: [
          ...i.evidence.notes.map((ref): Citation => ({ kind: "note", ref })),
          ...i.evidence.projects.map((ref): Citation => ({ kind: "project", ref })),
        ],
        report: i.report.slug ? { slug: i.report.slug, title: i.report.title } : null,
        href: `/recommendations/${i.code}`,
      }));
    },
  };
}
