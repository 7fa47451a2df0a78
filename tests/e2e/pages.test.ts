// Every page type, as each role sees it, on a phone and a tablet: nothing scrolls sideways at 320 or
// 768 px, axe-core finds no serious violation at 375 px in Italian and in English, no label overprints a
// heading, a legend or another label, and each select shows one arrow.
import type { Page } from "playwright-core";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { inLang, pageTypes, seedSite, signIn, type Role, type SiteFixture } from "./site-fixture";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
let fx: SiteFixture;

beforeAll(async () => {
  fx = await seedSite(ctx);
}, 120_000);

/** How far the page is wider than the viewport (0 when it does not scroll sideways), and what sticks out. */
async function sidewaysOverflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1;
      })
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").join(".")}`);
    return { px: document.documentElement.scrollWidth - width, culprits };
  });
}

/** Visible labels whose box overlaps a heading, a legend or another label. */
async function overprintedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // checkVisibility() also leaves out what a closed <details> hides.
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.height > 0 &&
        el.checkVisibility({ checkVisibilityCSS: true }) &&
        !el.closest(".visually-hidden")
      );
    };
    const labels = [...document.querySelectorAll("main label")].filter(visible);
    const others = [
      ...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6, main legend"),
    ]
      .filter(visible)
      .concat(labels);
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
      Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    const found: string[] = [];
    for (const label of labels) {
      for (const other of others) {
        if (other === label || other.contains(label) || label.contains(other)) continue;
        if (overlap(label.getBoundingClientRect(), other.getBoundingClientRect()) > 4) {
          found.push(`"${label.textContent?.trim()}" over "${other.textContent?.trim().slice(0, 40)}"`);
        }
      }
    }
    return found;
  });
}

/** Selects drawing two arrows: the browser's own (appearance) and a background image. */
async function doubleArrowSelects(page: Page): Promise<string[]> {
  return page.$$eval("select", (selects) =>
    selects
      .filter((s) => {
        const style = getComputedStyle(s);
        const native = style.appearance !== "none" && !s.multiple && s.size <= 1;
        return s.getBoundingClientRect().width > 0 && native && style.backgroundImage !== "none";
      })
      .map((s) => `#${s.id}`),
  );
}

async function checkRole(role: Role) {
  const types = pageTypes(fx).filter((t) => t.role === role);
  const { page, context } = await web.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, web.baseUrl, fx, role);
  const problems: string[] = [];
  for (const type of types) {
    for (const lang of ["it", "en"] as const) {
      await page.setViewportSize({ width: 375, height: 800 });
      const res = await page.goto(`${web.baseUrl}${inLang(type.path, lang)}`);
      const status = res?.status() ?? 0;
      if (status >= 500 || (status >= 400 && type.name !== "not found")) {
        problems.push(`${type.name} (${lang}): HTTP ${status}`);
        continue;
      }
      const where = `${type.name} ${type.path} (${lang})`;
      for (const v of await seriousA11yViolations(page)) {
        problems.push(
          `${where} at 375 px: axe ${v.impact} ${v.id} on ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      }
      if (lang === "en") continue;
      for (const o of await overprintedLabels(page)) problems.push(`${where}: label ${o}`);
      for (const s of await doubleArrowSelects(page)) problems.push(`${where}: select ${s} shows two arrows`);
      for (const width of [320, 768]) {
        await page.setViewportSize({ width, height: 800 });
        const o = await sidewaysOverflow(page);
        if (o.px > 0)
          problems.push(`${where} at ${width} px scrolls sideways by ${o.px} px: ${o.culprits.join(", ")}`);
      }
    }
  }
  await context.close();
  expect(problems).toEqual([]);
}

describe("every page type on phones and tablets", () => {
  it("When a visitor opens each public page type, then it fits 320 and 768 px and axe passes at 375 px in both languages", async () => {
    await checkRole("anonymous");
  }, 300_000);

  it("When a member opens each of their page types, then the same holds", async () => {
    await checkRole("member");
  }, 180_000);

  it("When a coordinator opens each of their page types, then the same holds", async () => {
    await checkRole("coordinator");
  }, 240_000);

  it("When an admin opens each of their page types, then the same holds", async () => {
    await checkRole("admin");
  }, 180_000);
});
