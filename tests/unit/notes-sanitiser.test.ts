// The Markdown sanitiser every note, reply and preview goes through, against a list of XSS payloads.
import { renderMarkdown } from "../../src/web/markdown";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "<iframe src=javascript:alert(1)></iframe>",
  "<body onload=alert(1)>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click]( javascript:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](//evil.example/x)",
  "[click](/\\evil.example/x)",
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](https://evil.example/x.png)',
  "![x](https://evil.example/track.png)",
  '[x](https://ok.example "title" onmouseover=alert(1))',
  "<a href='https://ok.example' onclick='alert(1)'>x</a>",
  "```html\n<script>alert(1)</script>\n```",
  "`<script>alert(1)</script>`",
  '<https://ok.example/?q="><script>alert(1)</script>>',
  "javascript:alert(1)",
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "<object data=javascript:alert(1)>",
  "<form action=javascript:alert(1)><button>x</button></form>",
  '[x](https://ok.example/" onmouseover="alert(1))',
  "<details open ontoggle=alert(1)>",
];

describe("the notes sanitiser", () => {
  test.each(PAYLOADS)(
    "When the body is %j, then no script, handler, dangerous link or image survives",
    (payload) => {
      const html = renderMarkdown(payload);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<(img|svg|iframe|object|embed|math|form|body|details|style|div|button)\b/i);
      // Event handlers only count as attributes of a real tag (escaped text may contain the words).
      expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/<[a-z][^>]*\s(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
      expect(html).not.toMatch(/href="\/\/|href="\/\\/i);
      expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/i);
    },
  );

  test("When the body is ordinary Markdown, then it keeps its formatting and safe links", () => {
    const html = renderMarkdown(
      "**bold** _it_\n\n- a\n- b\n\n[sito](https://www.regione.toscana.it) [pagina](/projects/x)",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>a</li>");
    expect(html).toContain('href="https://www.regione.toscana.it"');
    expect(html).toContain('rel="nofollow noopener"');
    expect(html).toContain('href="/projects/x"');
  });

  test("When lists and quotes are nested thousands deep, then rendering stays bounded and fast", () => {
    const lists = Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n");
    const quotes = `${">".repeat(5000)} x`;
    for (const source of [lists, quotes]) {
      const started = Date.now();
      const html = renderMarkdown(source);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((html.match(/<ul>|<blockquote>/g) ?? []).length).toBeLessThanOrEqual(100);
    }
  });
});
