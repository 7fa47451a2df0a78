// A line diff as people read it: unchanged lines, removed ones struck (<del>) and added ones marked (<ins>),
// each change named for screen readers. Project history and the tables' documents show theirs with it.
import { usePage } from "../page-context";

export function LineDiff(props: { lines: { kind: "same" | "add" | "del"; text: string }[] }) {
  const { t } = usePage();
  return (
    <div class="atl-linediff">
      {props.lines.map((seg, i) =>
        seg.kind === "same" ? (
          <div key={i}>{seg.text || "\u00a0"}</div>
        ) : seg.kind === "del" ? (
          <del key={i}>
            <span class="visually-hidden">{t("projects.diff.removed")}: </span>
            {seg.text || "\u00a0"}
          </del>
        ) : (
          <ins key={i}>
            <span class="visually-hidden">{t("projects.diff.added")}: </span>
            {seg.text || "\u00a0"}
          </ins>
        ),
      )}
    </div>
  );
}
