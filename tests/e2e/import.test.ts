// The coordinators' import page in Chromium: upload a file with a bad row, read the report; axe-checked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { ProjectModel } from "../../src/modules/projects/project.model";

const ctx = useTestApp();
const web = useBrowser(ctx);

describe("import page in a real browser", () => {
  it("When a coordinator uploads a CSV with one bad row, then the report names its line and field and the good row is in the catalogue", async () => {
    await ctx.services.taxonomy.seed();
    const coordinator = await createUser(ctx, { role: "coordinator" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlante-e2e-import-"));
    const file = path.join(dir, "progetti.csv");
    fs.writeFileSync(
      file,
      "title,zones,startDate\nPonti nel browser,lunigiana,2020-01-01\nData impossibile,,2023-02-30\n",
    );
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(8000);
    await loginInBrowser(page, web.baseUrl, coordinator);
    await page.click(".atl-account-toggle"); // the coordinator's pages are in the account menu
    await Promise.all([page.waitForURL(/\/admin\/import$/), page.click('a[href="/admin/import"]')]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setInputFiles("#import-file", file);
    await Promise.all([
      page.waitForLoadState("load"),
      page.click('form[enctype="multipart/form-data"] button'),
    ]);
    expect(await page.textContent("[role=status]")).toContain(
      "2 righe: 1 progetto creato, 0 aggiornati, 0 invariati, 1 con errori",
    );
    expect(await page.textContent("table")).toMatch(/3\s*startDate/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await ProjectModel.countDocuments({ title: "Ponti nel browser" })).toBe(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
