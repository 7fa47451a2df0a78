// The command line of `npm run generate-dataset`: what it accepts and how it says what it does not.
import { parseDatasetArgs, UsageError } from "../../scripts/generate-dataset";

describe("generate-dataset arguments", () => {
  it("When only projects are asked for, then no notes are written (today's behaviour) with seed 1", () => {
    expect(parseDatasetArgs(["--projects", "100"])).toEqual({
      projects: 100,
      notes: 0,
      seed: 1,
      outbox: false,
    });
  });

  it("When projects, notes, a seed and --outbox are given in any order, then all are read", () => {
    expect(
      parseDatasetArgs(["--outbox", "--notes", "200000", "--seed", "42", "--projects", "200000"]),
    ).toEqual({ projects: 200_000, notes: 200_000, seed: 42, outbox: true });
    expect(parseDatasetArgs(["--projects", "1", "--notes", "0"]).notes).toBe(0);
  });

  it.each([
    [["--projects", "10", "--notes", "abc"], /--notes must be a whole number from 0 to 200000, not "abc"/],
    [["--projects", "10", "--notes", "-5"], /--notes must be a whole number from 0 to 200000, not "-5"/],
    [["--projects", "10", "--notes", "200001"], /--notes must be a whole number from 0 to 200000/],
    [["--projects", "10", "--notes", "1.5"], /--notes must be a whole number/],
    [["--projects", "10", "--notes", "1e3"], /--notes must be a whole number/],
    [["--projects", "10", "--notes"], /--notes needs a number \(0-200000\)/],
    [["--projects", "10", "--notes", "--outbox"], /--notes needs a number/],
    [["--notes", "500"], /How many projects\? .*--notes needs --projects/],
    [["--notes", "0"], /How many projects\?/],
    [[], /How many projects\?/],
    [["--projects", "0"], /--projects must be a whole number from 1 to 200000, not "0"/],
    [["--projects", "200001"], /--projects must be a whole number from 1 to 200000/],
    [["--projects", "many"], /--projects must be a whole number/],
    [["--projects"], /--projects needs a number \(1-200000\)/],
    [["--projects", "10", "--seed", "x"], /--seed must be a whole number/],
    [["--projects", "10", "--note", "5"], /Unexpected --note 5/],
    [["--projects", "10", "extra"], /Unexpected extra/],
  ])(
    "When the arguments are %j, then a usage error says what is wrong and how to call it",
    (argv, message) => {
      let error: unknown;
      try {
        parseDatasetArgs(argv);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(
        "Usage: npm run generate-dataset -- --projects N (1-200000) [--notes M (0-200000)]",
      );
    },
  );
});
