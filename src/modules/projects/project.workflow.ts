// The status workflow: the statuses of a project, which transitions it may take from each, and where each
// leads. Plain data: views may import it.

export const PROJECT_STATUSES = ["draft", "in_review", "published", "archived"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const TRANSITIONS = {
  submit: { from: ["draft"], to: "in_review" },
  publish: { from: ["draft", "in_review"], to: "published" },
  return: { from: ["in_review"], to: "draft" },
  archive: { from: ["published"], to: "archived" },
  restore: { from: ["archived"], to: "published" },
} as const satisfies Record<string, { from: readonly ProjectStatus[]; to: ProjectStatus }>;
export type TransitionName = keyof typeof TRANSITIONS;

/** The transitions a project in `status` may take, in the workflow's order. */
export function transitionsFrom(status: string): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) =>
    (TRANSITIONS[name].from as readonly string[]).includes(status),
  );
}
