// Entities: the people, organizations and places of the archive, most mentioned first.
import { ApiError, getList } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { loadMore, notice } from "../components.js";
import { plural } from "../format.js";

const TYPES = [["", "All"], ["person", "People"], ["organization", "Organizations"], ["place", "Places"]];

function row(e) {
  return h("tr", null,
    h("th", { scope: "row" }, h("a", { href: link("entity", e.id) }, e.name)),
    h("td", null, h("span", { class: `chip ${e.type || ""}` }, e.type || "")),
    h("td", { class: "num" }, e.mention_count ?? 0),
    h("td", { class: "num" }, e.post_count ?? 0));
}

export async function render(ctx) {
  const type = ctx.route.params.get("type") || "";
  ctx.setTitle("Entities");
  ctx.root.append(h("h1", { tabindex: "-1" }, "Entities"));
  if (!ctx.entities) {
    ctx.root.append(notice("This server does not offer people, organizations and places yet."));
    return;
  }
  ctx.root.append(h("nav", { class: "tabs", "aria-label": "Entity types" }, TYPES.map(([value, label]) =>
    h("a", { href: link("entities", null, { type: value }), "aria-current": value === type ? "page" : null }, label))));
  let first;
  try {
    first = await getList("entities", { type, sort: "mentions", limit: 100 }, ctx.signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      ctx.root.append(notice("This server does not offer people, organizations and places yet."));
      return;
    }
    throw error;
  }
  if (!first.items.length) {
    ctx.root.append(notice("No entities of this type."));
    return;
  }
  const body = h("tbody", null, first.items.map(row));
  ctx.root.append(h("div", { class: "table-wrap" }, h("table", { class: "entities" },
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Type"),
      h("th", { scope: "col", class: "num" }, "Mentions"), h("th", { scope: "col", class: "num" }, "Posts"))),
    body)));
  let cursor = first.next;
  if (cursor) {
    ctx.root.append(loadMore(async () => {
      const next = await getList("entities", { type, sort: "mentions", limit: 100, cursor });
      body.append(...next.items.map(row));
      cursor = next.next;
      return cursor;
    }, `Load more ${plural(100, "entity", "entities")}`));
  }
}
