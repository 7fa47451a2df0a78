// Cached fragments spliced into compressed pages: the joined gzip must be exactly the page.
import zlib from "node:zlib";
import { renderToString } from "preact-render-to-string";
import { CachedHtml, collectFragments, gzipWithFragments, HtmlFragment } from "../../src/web/fragments";

/** The page as it reads once each marker is replaced by its fragment's HTML. */
function inlineFragments(html: string, fragments: HtmlFragment[]): string {
  return fragments.reduce((page, f) => page.replace(f.marker, () => f.html), html);
}

function page(fragments: HtmlFragment[], text: (i: number) => string) {
  const { result, fragments: found } = collectFragments(() =>
    renderToString(
      <main>
        {fragments.map((f, i) => (
          <section key={i}>
            <p>{text(i)}</p>
            <CachedHtml class="x" fragment={f} />
          </section>
        ))}
        <footer>{text(fragments.length)}</footer>
      </main>,
    ),
  );
  return { html: result, fragments: found };
}

describe("cached HTML fragments", () => {
  it("When a page embeds fragments, then its gzip built around their cached segments inflates to the page, byte for byte", async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `<li>nota ${i}: perché è così — 👍 «ok»</li>`).join(
      "",
    );
    const fragments = [
      new HtmlFragment(`<ul>${big}</ul>`),
      new HtmlFragment("<b>è</b> ".repeat(300)),
      new HtmlFragment("<i>👍</i>".repeat(300)),
    ];
    const { html, fragments: found } = page(fragments, (i) => `Testo ${i} con àccenti & <simboli>`);
    expect(found).toEqual(fragments);
    expect(html).toContain(fragments[0]!.marker);
    expect(html).not.toContain("nota 1:");
    const whole = inlineFragments(html, found);
    expect(whole).toContain("<li>nota 2999: perché è così — 👍 «ok»</li>");
    expect(whole).not.toContain("atl-fragment");
    expect(whole).toContain("Testo 0 con àccenti &amp; &lt;simboli>");

    const gz = gzipWithFragments(html, found);
    // gunzip checks the CRC-32 and the length of the trailer too.
    expect(zlib.gunzipSync(gz).toString()).toBe(whole);
    // Inflated in small pieces, as a browser receives it, it is the same.
    const inflater = zlib.createGunzip();
    const chunks: Buffer[] = [];
    inflater.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve, reject) => {
      inflater.on("end", resolve);
      inflater.on("error", reject);
    });
    for (let i = 0; i < gz.length; i += 97) inflater.write(gz.subarray(i, i + 97));
    inflater.end();
    await ended;
    expect(Buffer.concat(chunks).toString()).toBe(whole);
  });

  it("When the fragment is the first or last thing of the page, or the page has none, then the gzip is still exact", () => {
    const f = new HtmlFragment("<p>solo</p>".repeat(500));
    for (const html of [f.marker, `${f.marker}dopo`, `prima${f.marker}`, "niente"]) {
      const used = html.includes(f.marker) ? [f] : [];
      expect(zlib.gunzipSync(gzipWithFragments(html, used)).toString()).toBe(inlineFragments(html, used));
    }
    // The cached segment is what makes it cheap: it is reused, not made again.
    expect(f.deflated).toBe(f.deflated);
    expect(f.deflated.length).toBeLessThan(f.bytes.length / 10);
  });

  it("When a fragment is small, then the page holds its HTML (compressed with the page), not a marker", () => {
    const small = new HtmlFragment("<p>Nessuna nota pubblicata.</p>");
    const large = new HtmlFragment("<p>nota</p>".repeat(400));
    const smallSegment = jest.spyOn(small, "deflated", "get");
    const { html, fragments } = page([small, large], (i) => `Testo ${i}`);
    expect(fragments).toEqual([large]);
    expect(html).toContain(`<div class="x">${small.html}</div>`);
    expect(html).not.toContain(small.marker);
    expect(zlib.gunzipSync(gzipWithFragments(html, fragments)).toString()).toBe(
      inlineFragments(html, fragments),
    );
    expect(smallSegment).not.toHaveBeenCalled();
  });

  it("When a fragment is rendered outside a page being collected, then its HTML is inlined", () => {
    const f = new HtmlFragment("<em>dentro</em>");
    expect(renderToString(<CachedHtml fragment={f} />)).toBe("<div><em>dentro</em></div>");
  });
});
