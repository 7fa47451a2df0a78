// What the versioned documents of the tables module (reports, guidelines) share: the readable line diff
// between two versions (each written out as text by its own `linesOf`), a free slug for a new document,
// and the rows of the list of versions.
import { diffLines } from "diff";
import mongoose from "mongoose";
import { slugify } from "../taxonomy/index";

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

/** A free slug for a new document: the title's, then `-2`, `-3`... (`taken` says whether one is used). */
export async function freeSlug(
  title: string,
  fallback: string,
  taken: (slug: string) => Promise<unknown>,
): Promise<string> {
  const base = (slugify(title) || fallback).slice(0, 80);
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await taken(candidate))) return candidate;
  }
  return `${base}-${new mongoose.Types.ObjectId().toHexString()}`;
}

/** One row of a document's list of versions. */
export const versionRow = (r: {
  version: number;
  action: string;
  status: string;
  by?: { name?: string | null } | null;
  at: Date;
}) => ({ version: r.version, action: r.action, status: r.status, by: r.by?.name ?? "", at: r.at });
