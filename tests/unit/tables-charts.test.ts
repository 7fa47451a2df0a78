import { chartSvg } from "../../src/modules/tables/charts";

describe("working-table charts", () => {
  it("When a chart is drawn, then it is an SVG image with a title and a description, and no style element", () => {
    const svg = chartSvg({
      id: "c1",
      title: "Note per zona",
      description: "Grafico a barre: Lunigiana 3, Apuana 1",
      rows: [
        { label: "Lunigiana", n: 3 },
        { label: "Apuana & <Versilia>", n: 1 },
      ],
      orientation: "horizontal",
      countLabel: "Note",
    });
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain('<title id="c1-title">Note per zona</title>');
    expect(svg).toContain("<desc");
    expect(svg).not.toContain("<style");
    expect(svg).not.toContain("aria-label=");
    expect(svg).toContain("Apuana &amp; &lt;Versilia&gt;");
  });
});
