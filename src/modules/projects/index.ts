// The projects module's entry: the catalogue's services and routers for the composition root and the app,
// and what other modules may read of projects.
export type { ProjectStatus } from "./project.model";
export type { ListedProject, ProjectView } from "./project.view";
export { createProjectService, type ProjectService } from "./project.service";
export { createProjectQueries, type ProjectQueries } from "./project.queries";
export type { ProjectFacts, ProjectRef, ProjectRefs, ProjectSummary } from "./project.refs";
export { PUBLIC_STATUSES, isPublic } from "./project.refs";
export { createImportService, type ImportService } from "./import.service";
export { createExportService, type ExportService } from "./export.service";
export { createProjectSource } from "./project.source";
export { curationRouter } from "./curation.routes";
export { projectsRouter } from "./projects.routes";
export { termsRouter } from "./terms.routes";
export { importRouter } from "./import.routes";
export { projectsApiRouter } from "./api.routes";
