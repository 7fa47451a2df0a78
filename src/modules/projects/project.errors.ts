import { ConflictError, ValidationError } from "../../web/errors";
import { translator } from "../../web/i18n/index";
import type { FieldError, ProjectRaw } from "./project.input";
import type { ProjectDoc } from "./project.model";

/** Field errors of a project; `details` are in English for API clients, `fieldErrors` are message keys. */
export class ProjectValidationError extends ValidationError {
  constructor(readonly fieldErrors: FieldError[]) {
    const t = translator("en");
    super(
      "The project has invalid fields",
      fieldErrors.map((e) => ({ field: e.field, message: t(e.key, e.params) })),
    );
  }
}

/** The version someone edited is no longer the saved one: nothing was written. */
export class ProjectConflictError extends ConflictError {
  constructor(
    readonly current: ProjectDoc,
    readonly submittedVersion: number,
    readonly submitted?: ProjectRaw,
  ) {
    super(
      `The project was changed by someone else (you edited version ${submittedVersion}, the saved one is ${current.version})`,
    );
  }
}
