// Pure rules of the catalogue input: dates, amounts, Markdown rendering, slugs.
import { parseDate, parseEuroCents, formatEuroInput } from "../../src/modules/projects/project.input";
import { slugify } from "../../src/modules/taxonomy/slug";
import { renderMarkdown } from "../../src/web/markdown";

describe("catalogue input rules", () => {
  it("When dates are parsed, then only real calendar days pass", () => {
    expect(parseDate("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    for (const bad of [
      "2023-02-30",
      "2023-02-29",
      "2023-13-01",
      "2023-04-31",
      "23-01-01",
      "2023-1-1",
      "domani",
    ]) {
      expect([bad, parseDate(bad)]).toEqual([bad, undefined]);
    }
  });

  it("When an amount round-trips through the form, then the cents are unchanged", () => {
    for (const cents of [0, 1, 99, 100, 12500050, 123456789]) {
      expect(parseEuroCents(formatEuroInput(cents))).toBe(cents);
    }
    expect(parseEuroCents("12,345")).toBe(1234500);
    expect(parseEuroCents("1.5")).toBe(150);
    expect(parseEuroCents("1,234.56")).toBe(123456);
    expect(parseEuroCents("12.34.56")).toBeUndefined();
    expect(parseEuroCents("99999999999999")).toBeUndefined();
  });

  it("When Markdown carries HTML, scripts or unsafe links, then the output is inert", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <a href="javascript:x">a</a> [b](javascript:alert(1)) [c](data:text/html,x) ![i](https://e.org/i.png) [ok](https://example.org)',
    );
    expect(html).not.toMatch(/<script|<a href="javascript|href="data:|<img/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener">ok</a>');
  });

  it("When titles become slugs, then accents, apostrophes and symbols turn into single hyphens", () => {
    expect(slugify("Città dell'Accoglienza: più diritti!")).toBe("citta-dell-accoglienza-piu-diritti");
    expect(slugify("  ---  ")).toBe("");
  });
});
