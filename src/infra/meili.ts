import { Meilisearch } from "meilisearch";
import type { CheckResult } from "./health-check";

export type { Meilisearch };

export function createMeiliClient(url: string, apiKey: string | undefined): Meilisearch {
  // Tasks queue behind each other (a rebuild can hold the queue for minutes): wait long enough by default
  // that a busy Meilisearch is not mistaken for a failed one; callers pass a shorter timeout where it matters.
  return new Meilisearch({ host: url, apiKey, timeout: 10_000, defaultWaitOptions: { timeout: 120_000 } });
}

export async function meiliHealth(client: Meilisearch): Promise<CheckResult> {
  const res = await fetch(`${client.config.host.replace(/\/$/, "")}/health`, {
    signal: AbortSignal.timeout(1000),
  });
  if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
  return { ok: true };
}
