// The projects module's entry: what other modules may use of the catalogue.
export type { ProjectDoc, ProjectStatus } from "./project.model";
export type { ProjectQueries } from "./project.queries";
export type { ProjectRef, ProjectRefs, ProjectSummary } from "./project.refs";
