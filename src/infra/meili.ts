import { Meilisearch } from "meilisearch";
import type { CheckResult } from "./health-check";

export type { Meilisearch };

export function createMeiliClient(url: string, apiKey: string | undefined): Meilisearch {
  return new Meilisearch({ host: url, apiKey, timeout: 10_000 });
}

export async function meiliHealth(client: Meilisearch): Promise<CheckResult> {
  const res = await fetch(`${client.config.host.replace(/\/$/, "")}/health`, {
    signal: AbortSignal.timeout(1000),
  });
  if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
  return { ok: true };
}
