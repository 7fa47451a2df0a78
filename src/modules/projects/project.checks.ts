// The checks a project write makes against what is stored: every field rule (project.input.ts) plus the
// uniqueness of slug and CUP, reported together as field errors; a free slug for a title.
import mongoose from "mongoose";
import { slugify, type TaxonomyService } from "../taxonomy/index";
import { ProjectValidationError } from "./project.errors";
import { validateProject, type FieldError, type ProjectInput, type ProjectRaw } from "./project.input";
import { ProjectModel } from "./project.model";

/** The duplicate key error of a slug or CUP taken meanwhile (a write raced another), as a field error. */
export function asFieldConflict(err: unknown): unknown {
  if ((err as { code?: number }).code !== 11000) return err;
  const pattern = (err as { keyPattern?: Record<string, unknown> }).keyPattern;
  const field = pattern && "cup" in pattern ? "cup" : "slug";
  return new ProjectValidationError([
    { field, key: field === "cup" ? "projects.error.cupTaken" : "projects.error.slugTaken" },
  ]);
}

export function createProjectChecks(deps: { taxonomy: TaxonomyService }) {
  const { taxonomy } = deps;

  /** Validates a raw project, uniqueness of slug and CUP included, reporting every field error at once. */
  async function validate(
    raw: ProjectRaw,
    exceptId?: mongoose.Types.ObjectId,
    currentSlug?: string,
  ): Promise<ProjectInput> {
    const { input, errors } = validateProject(raw, await taxonomy.vocabulary(), await taxonomy.tags());
    const slug =
      input.slug && input.slug !== currentSlug && !errors.some((e) => e.field === "slug")
        ? input.slug
        : undefined;
    const cup = errors.some((e) => e.field === "cup") ? undefined : input.cup;
    errors.push(...(await uniquenessErrors({ ...input, cup }, slug, exceptId)));
    if (errors.length > 0) throw new ProjectValidationError(errors);
    return input;
  }

  /** Field errors for a slug or CUP already used by another project. */
  async function uniquenessErrors(
    input: Pick<ProjectInput, "cup">,
    slug: string | undefined,
    exceptId?: mongoose.Types.ObjectId,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const notMe = exceptId ? { _id: { $ne: exceptId } } : {};
    if (slug && (await ProjectModel.exists({ ...notMe, $or: [{ slug }, { oldSlugs: slug }] }))) {
      errors.push({ field: "slug", key: "projects.error.slugTaken" });
    }
    if (input.cup && (await ProjectModel.exists({ ...notMe, cup: input.cup }))) {
      errors.push({ field: "cup", key: "projects.error.cupTaken" });
    }
    return errors;
  }

  /**
   * The title's slug, or the first of `slug-2`, `slug-3`... that no project uses (now or as an old slug)
   * and that is not in `taken` (the slugs an import has handed out already; the one found joins them).
   */
  async function freeSlug(title: string, taken = new Set<string>()): Promise<string> {
    const base = slugify(title) || "progetto";
    for (let i = 1; i < 1000; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if (taken.has(candidate)) continue;
      if (!(await ProjectModel.exists({ $or: [{ slug: candidate }, { oldSlugs: candidate }] }))) {
        taken.add(candidate);
        return candidate;
      }
    }
    return `${base}-${new mongoose.Types.ObjectId().toHexString()}`;
  }

  return { validate, uniquenessErrors, freeSlug };
}
