// The scheduled jobs page in Chromium, reached from the account menu; axe-checked.
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { waitFor } from "../integration/search-support";

const ctx = useTestApp();
const web = useBrowser(ctx);

describe("jobs page in a real browser", () => {
  it("When a coordinator opens the scheduled jobs from the menu, then every job shows its schedule and next run, and the page has no serious accessibility problem", async () => {
    ctx.services.jobs.define({
      name: "e2e-failing",
      schedule: { everyMs: 3_600_000 },
      run: () => Promise.reject(new Error("servizio esterno non raggiungibile")),
    });
    await waitFor("the failure recorded", async () =>
      (await ctx.services.jobs.status()).some((j) => j.name === "e2e-failing" && j.lastOk === false),
    );
    const coordinator = await createUser(ctx, { role: "coordinator" });
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(8000);
    await loginInBrowser(page, web.baseUrl, coordinator);
    await page.click(".atl-account-toggle"); // the coordinator's pages are in the account menu
    await Promise.all([page.waitForURL(/\/admin\/jobs$/), page.click('a[href="/admin/jobs"]')]);
    expect(await page.textContent("h1")).toBe("Attività pianificate");
    const rows = await page.$$eval("tbody tr", (trs) => trs.map((tr) => tr.id));
    expect(rows).toEqual(
      expect.arrayContaining([
        "job-search-indexer",
        "job-search-settings",
        "job-search-check",
        "job-e2e-failing",
      ]),
    );
    expect(await page.textContent("#job-search-check")).toContain("ogni giorno alle 3:30 (ora italiana)");
    expect(await page.textContent("#job-e2e-failing")).toContain("servizio esterno non raggiungibile");
    expect(await page.textContent("#job-e2e-failing")).toContain("ogni ora");
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (process.env.JOBS_SCREENSHOT)
      await page.screenshot({ path: process.env.JOBS_SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
