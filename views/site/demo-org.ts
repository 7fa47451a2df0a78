/**
 * The organisation that runs this Atlante: fictional demo data (addresses under .invalid, which can never
 * exist). A real deployment replaces them here.
 */
export const DEMO_ORG = {
  email: "segreteria@atlante.invalid",
  pec: "segreteria@pec.atlante.invalid",
  accessibilityEmail: "accessibilita@atlante.invalid",
  /** When the accessibility statement was last reviewed (see docs/accessibility.md). */
  statementDate: new Date("2026-12-06T00:00:00Z"),
  publishedDate: new Date("2026-09-17T00:00:00Z"),
  /** AgID's form for reports when the organisation did not answer within 30 days. */
  agidForm: "https://form.agid.gov.it/",
} as const;
