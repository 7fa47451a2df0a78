// The audit module's entry: the security log every module records to, and its admin page.
export { createAuditService, type AuditEventInput, type AuditService } from "./audit.service";
export { auditRouter, type UserDirectory } from "./audit.routes";
