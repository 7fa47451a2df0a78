// "Cache on second hit": what the page and project caches ask before they store.
import { Doorkeeper } from "../../src/infra/doorkeeper";

describe("Doorkeeper", () => {
  it("When a key is asked for the first time, then it is not admitted; the second time, it is", () => {
    const door = new Doorkeeper(100);
    expect(door.admit("/projects/a")).toBe(false);
    expect(door.admit("/projects/b")).toBe(false);
    expect(door.admit("/projects/a")).toBe(true);
    expect(door.admit("/projects/a")).toBe(true);
  });

  it("When many other keys came since, then a key is forgotten (memory stays bounded)", () => {
    const door = new Doorkeeper(3);
    door.admit("old");
    for (const k of ["k1", "k2", "k3", "k4", "k5"]) door.admit(k); // two rotations since "old"
    expect(door.admit("old")).toBe(false);
    // One rotation is not enough to forget: the key just seen is still remembered.
    expect(door.admit("k5")).toBe(true);
  });

  it("When cleared, then every key starts again from its first request", () => {
    const door = new Doorkeeper(10);
    door.admit("x");
    door.clear();
    expect(door.admit("x")).toBe(false);
  });
});
