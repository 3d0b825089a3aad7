// Entity: a person, organization or place — names, titles, a chart of mentions over time, related
// entities, quotes and posts. Servers without entity routes get a readable note instead.
import { getJSON, getList } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { dayChart } from "./timeline.js";
import { entityChips, errorBox, loadMore, notice, postItem, quoteList } from "../components.js";
import { mediumDay, plural } from "../format.js";

const list = (value) => (Array.isArray(value) ? value : []);

function part(title, content) {
  return h("section", { class: "part", "aria-label": title }, h("h2", null, title), content);
}

function settled(result, build) {
  if (result.status === "fulfilled") return build(result.value);
  if (result.reason?.name === "AbortError") throw result.reason;
  return errorBox(result.reason);
}

export async function render(ctx) {
  const id = ctx.route.id || "";
  const path = `entities/${encodeURIComponent(id)}`;
  if (!ctx.entities) {
    ctx.setTitle("Entities unavailable");
    ctx.root.append(h("h1", { tabindex: "-1" }, "Entities are not available yet"),
      notice("This server does not offer people, organizations and places yet, so this link cannot be shown. The timeline, posts, pages and search work as usual."),
      h("p", null, h("a", { href: link("") }, "Go to the timeline")));
    return;
  }
  const entity = await getJSON(path, {}, ctx.signal);
  ctx.setTitle(entity.name || id);
  const [timeline, posts, quotes] = await Promise.allSettled([
    getJSON(`${path}/timeline`, { granularity: "day" }, ctx.signal),
    getList(`${path}/posts`, { limit: 50 }, ctx.signal),
    getList(`${path}/quotes`, { limit: 50 }, ctx.signal),
  ]);

  const facts = [];
  if (list(entity.titles).length) facts.push(h("dt", null, "Titles"), h("dd", null, entity.titles.join(", ")));
  if (list(entity.aliases).length) facts.push(h("dt", null, "Also called"), h("dd", null, entity.aliases.join(", ")));
  facts.push(h("dt", null, "Mentions"), h("dd", null, `${plural(entity.mention_count ?? 0, "mention")} in ${plural(entity.post_count ?? 0, "post")}`));
  if (entity.first_seen) facts.push(h("dt", null, "Seen"), h("dd", null, `${mediumDay(entity.first_seen)} to ${mediumDay(entity.last_seen || entity.first_seen)}`));

  ctx.root.append(
    h("h1", { tabindex: "-1" }, entity.name || id, " ", h("span", { class: `chip ${entity.type || ""}` }, entity.type || "entity")),
    h("dl", { class: "facts" }, facts),
    settled(timeline, (data) => dayChart(data, {
      caption: `Posts mentioning ${entity.name || id}, per day`,
      hrefFor: (day) => link("", null, { entity: id, since: day, until: day }),
      width: ctx.root.clientWidth,
    })),
    part("Related", entityChips(entity.related, { counts: true, label: "Related entities" }) || h("p", { class: "note" }, "None found.")),
    part("Quotes", settled(quotes, (q) => (q.items.length ? quoteList(q.items) : h("p", { class: "note" }, "No quotes attributed.")))),
    part("Posts", settled(posts, (page) => {
      const ol = h("ol", { class: "posts" }, page.items.map((p) => postItem(p, { showDay: true })));
      let cursor = page.next;
      const more = cursor ? loadMore(async () => {
        const next = await getList(`${path}/posts`, { limit: 50, cursor });
        ol.append(...next.items.map((p) => postItem(p, { showDay: true })));
        cursor = next.next;
        return cursor;
      }, "Load more posts") : null;
      return h("div", null, ol, more, h("p", null, h("a", { href: link("", null, { entity: id }) }, "Show on the timeline")));
    })));
}
