export interface CheckResult {
  ok: boolean;
  [detail: string]: unknown;
}

/** One dependency of readiness: MongoDB, Meilisearch, the indexer... */
export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult>;
}
