// What startServices guarantees before the first request on a brand-new database.
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });

describe("start-up on a new database", () => {
  it("When the services have started, then every index the models declare exists already", async () => {
    for (const model of Object.values(ctx.infra.mongo.models)) {
      const declared = model.schema.indexes().length;
      if (declared === 0) continue;
      const existing = await model.collection.listIndexes().toArray();
      // +1: the _id index; extra indexes (e.g. the search fallback's text index) may exist too.
      expect([model.modelName, existing.length >= declared + 1]).toEqual([model.modelName, true]);
    }
  });

  it("When the first visitor arrives, then the home page answers 200", async () => {
    const res = await ctx.agent().get("/");
    expect(res.status).toBe(200);
  });
});
