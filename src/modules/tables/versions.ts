// What the versioned documents of the tables module (reports, guidelines) share for their history: the
// readable line diff between two versions, each written out as text by its own `linesOf`.
import { diffLines } from "diff";

export interface DiffLine {
  kind: "same" | "add" | "del";
  text: string;
}

/** The lines of `b` against `a`: kept, added and removed. */
export function lineDiff(a: string, b: string): DiffLine[] {
  return diffLines(a, b).flatMap((part) =>
    part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({
        kind: part.added ? ("add" as const) : part.removed ? ("del" as const) : ("same" as const),
        text,
      })),
  );
}
