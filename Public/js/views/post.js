// Post: the whole post, with its images (caption and credit), contributors, the pages and source
// files it came from, its entities and its quotes.
import { getJSON } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { entityChips, quoteList, postTitle } from "../components.js";
import { postDateline, plural } from "../format.js";

const list = (value) => (Array.isArray(value) ? value : []);

function section(title, ...content) {
  return h("section", { class: "part", "aria-label": title }, h("h2", null, title), content);
}

export async function render(ctx) {
  const post = await getJSON(`posts/${encodeURIComponent(ctx.route.id || "")}`, {}, ctx.signal);
  const title = postTitle(post);
  ctx.setTitle(title);
  const day = post.day;

  const images = list(post.images).map((image) => h("figure", { class: "image" },
    h("span", { class: "frame", title: "The archive keeps captions, not image files" }, "Image"),
    h("figcaption", null, image.caption || h("span", { class: "unknown" }, "No caption"),
      image.credit ? [" ", h("span", { class: "credit" }, image.credit)] : null)));

  const byline = post.byline || (list(post.authors).length ? `By ${post.authors.join(", ")}` : null);
  const article = h("article", { class: "post-full", "data-post": post.id },
    h("p", { class: "crumbs" }, h("a", { href: day ? link("", null, { since: day, until: day }) : link("") }, day ? "← This day on the timeline" : "← Timeline")),
    h("h1", { tabindex: "-1", class: post.headline ? null : "untitled" }, title),
    h("p", { class: "meta" },
      post.time_precision === "minute" ? h("time", { datetime: post.published_at }, postDateline(post)) : postDateline(post),
      byline ? [h("br"), h("span", { class: "byline" }, byline)] : null),
    images,
    h("div", { class: "body" }, list(post.body).map((p) => h("p", null, p))),
    list(post.contributors).length ? h("p", { class: "contributors" }, `Contributors: ${post.contributors.join(", ")}`) : null,
    h("p", { class: "note" }, `${plural(post.word_count ?? 0, "word")}`));

  const aside = h("aside", { class: "post-facts", "aria-label": "About this post" });
  const chips = entityChips(post.entities, { counts: true });
  if (chips) aside.append(section("Entities", chips));
  else if (ctx.entities) aside.append(section("Entities", h("p", { class: "note" }, "No people, organizations or places found in this post.")));
  if (list(post.quotes).length) aside.append(section("Quotes", quoteList(post.quotes, { showPost: false })));

  aside.append(section("Pages",
    h("ul", { class: "plain" }, list(post.pages).map((p) => h("li", null,
      h("a", { href: link("page", p.id), class: p.title ? null : "untitled" }, p.title || "Untitled page"),
      p.seq ? ` (post ${p.seq} on the page)` : null)))));
  aside.append(section("Source files",
    h("ul", { class: "plain sources" }, list(post.sources).map((src) => h("li", null,
      h("code", null, src.path), " ", src.sha256 ? h("span", { class: "hash", title: `SHA-256 ${src.sha256}` }, String(src.sha256).slice(0, 12)) : null)))));

  ctx.root.append(h("div", { class: "post-layout" }, article, aside));
}
