// The shared pager, rendered to a string as pages render it.
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Pager, pageHref, type PagerLabels } from "../../views/components/Pager";
import { anonymousContext, PageContext } from "../../views/page-context";

const LABELS: PagerLabels = {
  previous: "projects.prev",
  next: "projects.next",
  page: "projects.page",
  nav: "projects.pagination",
};

function html(node: VNode): string {
  return renderToString(<PageContext.Provider value={anonymousContext("en")}>{node}</PageContext.Provider>);
}

function pager(page: number, pages: number, current: "caption" | "item" | "numbers", labels = LABELS) {
  const href = (p: number) => pageHref("/admin/users", { q: "rossi & co", role: "admin", status: "" }, p);
  return html(<Pager page={page} pages={pages} href={href} labels={labels} current={current} />);
}

const links = (markup: string) => [...markup.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);

describe("the pager", () => {
  it("When a list fits in one page, then there is no pager", () => {
    for (const current of ["caption", "item", "numbers"] as const) {
      expect(pager(1, 1, current)).toBe("");
      expect(pager(1, 0, current)).toBe("");
    }
  });

  it("When it links to another page, then the link keeps the other query parameters and leaves out empty ones", () => {
    const markup = pager(2, 3, "item");
    expect(links(markup)).toEqual([
      "/admin/users?q=rossi+%26+co&amp;role=admin",
      "/admin/users?q=rossi+%26+co&amp;role=admin&amp;page=3",
    ]);
    expect(pageHref("/projects", {}, 1)).toBe("/projects");
    expect(pageHref("/projects", { theme: "lavoro", tag: undefined }, 2)).toBe(
      "/projects?theme=lavoro&page=2",
    );
  });

  it("When the reader is on the first or the last page, then there is no link past the ends", () => {
    for (const current of ["caption", "item", "numbers"] as const) {
      const first = pager(1, 3, current);
      expect(first).not.toContain('rel="prev"');
      expect(first).toContain('rel="next"');
      const last = pager(3, 3, current);
      expect(last).toContain('rel="prev"');
      expect(last).not.toContain('rel="next"');
      expect(links(last)).not.toContain(expect.stringContaining("page=4"));
    }
  });

  it("When the position is an item, then it is the current page, between previous and next", () => {
    const markup = pager(2, 3, "item");
    expect(markup).toContain('<nav class="pagination-wrapper" aria-label="Pagination">');
    expect(markup).toMatch(
      /Previous page<\/a>.*<span class="page-link" aria-current="page">Page 2 of 3<\/span>.*Next page/,
    );
    expect(markup.match(/aria-current/g)).toHaveLength(1);
  });

  it("When pages are numbered, then up to two on each side are linked and only the current one is marked", () => {
    const markup = pager(5, 9, "numbers");
    const numbered = [...markup.matchAll(/<span aria-hidden="true">(\d+)<\/span>/g)].map((m) => m[1]);
    expect(numbered).toEqual(["3", "4", "5", "6", "7"]);
    expect(markup.match(/aria-current="page"/g)).toHaveLength(1);
    expect(markup).toMatch(
      /<li class="page-item active"><a class="page-link" href="[^"]*page=5" aria-current="page"><span class="visually-hidden">Page 5 of 9<\/span>/,
    );
    expect([...pager(9, 9, "numbers").matchAll(/aria-hidden="true">(\d+)</g)].map((m) => m[1])).toEqual([
      "7",
      "8",
      "9",
    ]);
  });

  it("When the labels name no landmark, then 'page n of m' names it and stands above the links", () => {
    const { nav: _nav, ...labels } = LABELS;
    const markup = pager(2, 3, "caption", labels);
    expect(markup).toMatch(
      /^<nav class="pagination-wrapper" aria-label="Page 2 of 3"><p>Page 2 of 3<\/p><ul/,
    );
    expect(markup).not.toContain("aria-current");
  });
});
