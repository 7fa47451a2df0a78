import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

describe("home page in a real browser", () => {
  it.each([
    ["it-IT", "it", "Atlante dei progetti per la coesione sociale"],
    ["en-GB", "en", "Atlas of the social-cohesion projects"],
  ])(
    "When a %s browser opens the home page, then it renders without errors and passes axe",
    async (locale, lang, heading) => {
      const { page, context, consoleErrors } = await web.newPage({ locale });
      const res = await page.goto(`${web.baseUrl}/`);
      expect(res?.status()).toBe(200);
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      expect(await page.textContent("h1")).toContain(heading);
      // Bootstrap Italia's CSS and our fonts were applied (served locally).
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(font).toContain("Titillium Web");
      expect(await page.evaluate(() => document.documentElement.classList.contains("js"))).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
  );

  it("When the visitor uses the language switch, then the page comes back in the other language", async () => {
    const { page, context, consoleErrors } = await web.newPage({ locale: "it-IT" });
    await page.goto(`${web.baseUrl}/`);
    await page.click('a[hreflang="en"]');
    // The language goes into the address too, so that the address can be shared as it is.
    await page.waitForURL(`${web.baseUrl}/?lang=en`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("When a keyboard user tabs into the page, then the first stop is the skip link to the content", async () => {
    const { page, context } = await web.newPage();
    await page.goto(`${web.baseUrl}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#main-content");
    await context.close();
  });
});
