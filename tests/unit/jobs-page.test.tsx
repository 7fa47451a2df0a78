// How the scheduled jobs page says when a job runs: words and plurals, not raw milliseconds.
import { translator } from "../../src/web/i18n/index";
import { cronInWords, every } from "../../views/admin/JobsPage";

const it_ = translator("it");
const en = translator("en");

describe("the jobs page's schedules", () => {
  it("When a job runs on an interval, then the interval reads in the largest whole unit, singular or plural", () => {
    expect(every(3_600_000, it_)).toBe("ogni ora");
    expect(every(2 * 3_600_000, it_)).toBe("ogni 2 ore");
    expect(every(60_000, it_)).toBe("ogni minuto");
    expect(every(90 * 60_000, it_)).toBe("ogni 90 minuti");
    expect(every(30_000, it_)).toBe("ogni 30 secondi");
    expect(every(1000, it_)).toBe("ogni secondo");
    expect(every(100, it_)).toBe("ogni 100 millisecondi");
    expect(every(1500, en)).toBe("every 1500 milliseconds");
    expect(every(60_000, en)).toBe("every minute");
  });

  it("When a job runs at a time of day, then the page says so in the user's language; any other expression is shown as it is", () => {
    const rome = (cron: string) => ({ cron, timezone: "Europe/Rome" });
    expect(cronInWords(rome("30 3 * * *"), it_)).toBe("ogni giorno alle 3:30 (ora italiana)");
    expect(cronInWords(rome("5 14 * * *"), en)).toBe("every day at 14:05 (Italian time)");
    expect(cronInWords(rome("0 7 * * 1"), it_)).toBe("secondo l'espressione cron «0 7 * * 1» (ora italiana)");
    // Not a time of day: a seconds field, or numbers out of range.
    expect(cronInWords(rome("0 30 3 * * *"), it_)).toBe(
      "secondo l'espressione cron «0 30 3 * * *» (ora italiana)",
    );
    expect(cronInWords(rome("75 3 * * *"), it_)).toBe(
      "secondo l'espressione cron «75 3 * * *» (ora italiana)",
    );
    expect(cronInWords({ cron: "0 3 * * *", timezone: "UTC" }, en)).toBe("every day at 3:00 (UTC)");
  });
});
