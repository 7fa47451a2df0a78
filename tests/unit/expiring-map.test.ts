// The bounded, expiring map behind the app's short-lived read caches.
import { ExpiringMap } from "../../src/infra/expiring-map";

describe("ExpiringMap", () => {
  afterEach(() => jest.useRealTimers());

  it("When an entry outlives its time, or the map is full, then it is gone (oldest first)", () => {
    jest.useFakeTimers({ now: 0 });
    const map = new ExpiringMap<number>(1000, 2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3); // written again: now the newest
    map.set("c", 4); // full: "b", the oldest, goes
    expect([map.get("a"), map.get("b"), map.get("c")]).toEqual([3, undefined, 4]);
    jest.advanceTimersByTime(1001);
    expect(map.get("a")).toBeUndefined();
  });

  it("When the map is cleared while a value is being read, then that value is not stored", () => {
    const map = new ExpiringMap<string>(1000, 10);
    const epoch = map.epoch;
    map.clear();
    map.setIfSince(epoch, "k", "stale");
    expect(map.get("k")).toBeUndefined();
    map.setIfSince(map.epoch, "k", "fresh");
    expect(map.get("k")).toBe("fresh");
  });

  it("When asked to forget a value that was replaced meanwhile, then the newer one stays", () => {
    const map = new ExpiringMap<string>(1000, 10);
    map.set("k", "old");
    map.set("k", "new");
    map.deleteIf("k", "old");
    expect(map.get("k")).toBe("new");
    map.deleteIf("k", "new");
    expect(map.get("k")).toBeUndefined();
  });
});
