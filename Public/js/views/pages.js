// Pages: each live page with its summary bullets and its declared against found post counts.
import { getList } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { notice } from "../components.js";
import { longDay, plural } from "../format.js";

const list = (value) => (Array.isArray(value) ? value : []);

/** "Declared 7 posts, found 6", flagged when they differ. */
function counts(page) {
  const found = page.post_count ?? 0;
  if (page.declared_posts === null || page.declared_posts === undefined) {
    return h("p", { class: "counts" }, `Found ${plural(found, "post")}; the page declares no count.`);
  }
  const differs = page.declared_posts !== found;
  return h("p", { class: differs ? "counts differs" : "counts" },
    `Declared ${plural(page.declared_posts, "post")}, found ${found}`, differs ? " — they differ" : " — they agree", ".");
}

/** One page's header: title, date, layout, counts, summary bullets, status line and sources. */
export function pageCard(page, { heading = "h2", titleLink = true } = {}) {
  const title = page.title || "Untitled page";
  return h("article", { class: "page-card", "data-page": page.id },
    h(heading, { tabindex: heading === "h1" ? "-1" : null, class: page.title ? null : "untitled" },
      titleLink ? h("a", { href: link("page", page.id) }, title) : title),
    h("p", { class: "when" }, page.date ? longDay(page.date) : "Date unknown", ` · ${page.layout || "unknown"} layout`),
    counts(page),
    list(page.summary).length ? h("ul", { class: "summary", "aria-label": "Summary" }, page.summary.map((b) => h("li", null, b))) : null,
    page.status_line ? h("p", { class: "status-line" }, page.status_line) : null,
    h("details", { class: "sources" }, h("summary", null, plural(list(page.sources).length, "source file")),
      h("ul", { class: "plain" }, list(page.sources).map((src) => h("li", null, h("code", null, src.path),
        src.status && src.status !== "ok" ? ` (${src.status})` : null)))),
    h("p", { class: "actions" }, h("a", { href: link("", null, { page: page.id }) }, "Show on the timeline")));
}

export async function render(ctx) {
  ctx.setTitle("Pages");
  const pages = await getList("pages", {}, ctx.signal);
  ctx.root.append(h("h1", { tabindex: "-1" }, "Pages"),
    h("p", { class: "lede" }, `${plural(pages.items.length, "live page")} in the archive.`));
  if (!pages.items.length) ctx.root.append(notice("The archive holds no pages yet."));
  ctx.root.append(h("div", { class: "page-list" }, pages.items.map((p) => pageCard(p))));
}
