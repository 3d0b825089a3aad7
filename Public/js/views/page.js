// Page: one live page — its header and its posts in page order.
import { getJSON, getList } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { loadMore, notice, postItem } from "../components.js";
import { pageCard } from "./pages.js";

export async function render(ctx) {
  const path = `pages/${encodeURIComponent(ctx.route.id || "")}`;
  const [page, posts] = await Promise.all([getJSON(path, {}, ctx.signal), getList(`${path}/posts`, { limit: 100 }, ctx.signal)]);
  ctx.setTitle(page.title || "Untitled page");
  ctx.root.append(h("p", { class: "crumbs" }, h("a", { href: link("pages") }, "← All pages")),
    pageCard(page, { heading: "h1", titleLink: false }), h("h2", null, "Posts in page order"));
  if (!posts.items.length) {
    ctx.root.append(notice("No posts were found on this page."));
    return;
  }
  const item = (p) => postItem(p, { showDay: true, seq: p.page_seq ?? null });
  const ol = h("ol", { class: "posts" }, posts.items.map(item));
  ctx.root.append(ol);
  let cursor = posts.next;
  if (cursor) {
    ctx.root.append(loadMore(async () => {
      const next = await getList(`${path}/posts`, { limit: 100, cursor });
      ol.append(...next.items.map(item));
      cursor = next.next;
      return cursor;
    }, "Load more posts"));
  }
}
