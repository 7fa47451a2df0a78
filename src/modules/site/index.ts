// The site module's entry: the pages a public service has (about, contacts, accessibility statement, API
// page, service status). It owns no data and imports no other module.
export { siteRouter } from "./site.routes";
export { apiOperations, type ApiOperation } from "./api-doc";
