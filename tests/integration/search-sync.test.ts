// The settings job's round (syncSources) against real MongoDB and Meilisearch, over the test's own items.
import { syncSources } from "../../src/modules/search/index-admin";
import type { IndexedType } from "../../src/modules/search/outbox.model";
import { reindexSource } from "../../src/modules/search/reindex";
import { indexUid, type SearchSource } from "../../src/modules/search/sources";
import { useTestApp } from "../support/test-app";
import { bulkItems, itemSource } from "./search-support";

const ctx = useTestApp();

describe("search settings sync", () => {
  it("When the rebuild of one type fails, then the other types are still rebuilt in the same round, and the round fails naming it", async () => {
    const ids = await bulkItems(30);
    // Two types over the same items, each with an index of its own; reading the first one fails.
    const broken = itemSource({
      type: "broken" as IndexedType,
      indexName: "broken_items",
      iterate: () => {
        throw new Error("lettura non riuscita");
      },
    });
    const healthy = itemSource({ type: "healthy" as IndexedType, indexName: "healthy_items" });
    const sources: SearchSource[] = [broken, healthy];
    const prefix = ctx.config.meiliIndexPrefix;
    const rebuild = (type: string) =>
      reindexSource(
        ctx.infra.meili,
        prefix,
        sources.find((s) => s.type === type)!,
      );

    // Both indexes are missing: the round creates them and rebuilds each (documents without outbox entries).
    const round = await syncSources(ctx.infra.meili, prefix, sources, rebuild, ctx.infra.logger).catch(
      (err: Error) => err,
    );
    const { results } = await ctx.infra.meili
      .index(indexUid(prefix, healthy))
      .getDocuments<{ id: string }>({ fields: ["id"], limit: 100 });
    expect(results.map((d) => d.id).sort()).toEqual(ids);
    expect(round).toBeInstanceOf(Error);
    expect((round as Error).message).toBe("search settings sync failed for broken: lettura non riuscita");
  });
});
