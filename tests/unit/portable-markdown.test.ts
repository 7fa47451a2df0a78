// The Markdown exports of reports and guidelines: what other renderers would read as HTML or as a script
// link is made plain, and code is left as written.
import { portableMarkdown } from "../../src/modules/tables/report.export.text";

describe("portableMarkdown", () => {
  test("When text holds raw HTML, then it becomes text (an entity) outside code, and code is untouched", () => {
    expect(portableMarkdown("a <script>alert(1)</script> `<b>` b")).toBe(
      "a &lt;script>alert(1)&lt;/script> `<b>` b",
    );
    expect(portableMarkdown("```\n<svg onload=x>\n```\n<img src=x>")).toBe(
      "```\n<svg onload=x>\n```\n&lt;img src=x>",
    );
  });

  test("When a code span would cross a blank line, then it is not code and its HTML is made plain", () => {
    expect(portableMarkdown("`a\n\n<script>\n\n`")).toBe("`a\n\n&lt;script>\n\n`");
  });

  test("When links point at script or data addresses, in any case, inline or by reference, then they lose their scheme", () => {
    const md = [
      "[a](javascript:alert(1))",
      "[b](JaVaScRiPt:alert(1))",
      "![c]( vbscript:msgbox(1))",
      "[d](<data:text/html;base64,xx>)",
      "[e]: javascript:alert(1)",
      "[ok](https://example.org/x) and [site](/notes/1)",
    ].join("\n");
    const out = portableMarkdown(md);
    expect(out).not.toMatch(/\]\(\s*&?l?t?;?<?\s*(javascript|vbscript|data):|^\[e\]:\s*javascript:/im);
    expect(out).toContain("[a](#javascript-alert(1))");
    expect(out).toContain("[ok](https://example.org/x) and [site](/notes/1)");
  });
});
