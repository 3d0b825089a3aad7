// Timeline: the posts day by day, with a chart of posts per day and filters by page, entity and
// date range. Every filter lives in the URL.
import { getJSON, getList } from "../api.js";
import { h } from "../dom.js";
import { link } from "../router.js";
import { barChart } from "../chart.js";
import { postItem, errorBox, loadMore, notice } from "../components.js";
import { longDay, mediumDay, shortDay, plural } from "../format.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function select(id, label, value, options, onchange) {
  return h("label", { for: id }, label,
    h("select", { id, onchange }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))));
}

function dateInput(id, label, value, onchange) {
  return h("label", { for: id }, label, h("input", { id, type: "date", value: DAY.test(value) ? value : "", onchange }));
}

/** Posts per day as a bar chart; each bar narrows the timeline to its day. */
export function dayChart(data, { caption, hrefFor, width }) {
  const items = (data?.items || []).filter((b) => typeof b.key === "string" && Number.isFinite(b.count));
  const years = new Set(items.map((b) => b.key.slice(0, 4)));
  const bars = items.map((b) => ({
    key: b.key, count: b.count, href: hrefFor(b.key.slice(0, 10)),
    label: shortDay(b.key, years.size > 1), title: mediumDay(b.key),
  }));
  const undated = Array.isArray(data?.undated) ? data.undated.length : 0;
  return h("div", { class: "chart-box" }, barChart({ bars, caption, width }),
    undated ? h("p", { class: "note" }, `${plural(undated, "post")} without a date ${undated === 1 ? "is" : "are"} not in the chart.`) : null);
}

export async function render(ctx) {
  const { params } = ctx.route;
  const f = {
    page: params.get("page") || "", entity: params.get("entity") || "",
    since: params.get("since") || "", until: params.get("until") || "",
    order: params.get("order") === "desc" ? "desc" : "",
  };
  ctx.setTitle("Timeline");
  const go = (changes) => { location.hash = link("", null, { ...f, ...changes }); };

  const [pageList, entityList] = await Promise.all([
    getList("pages", {}, ctx.signal),
    ctx.entities ? getList("entities", { sort: "mentions", limit: 100 }, ctx.signal).catch((e) => (e.name === "AbortError" ? Promise.reject(e) : e)) : null,
  ]);

  const stats = ctx.stats;
  ctx.root.append(h("h1", { tabindex: "-1" }, "Timeline"),
    stats ? h("p", { class: "lede" }, `${plural(stats.posts ?? 0, "post")} on ${plural(stats.pages ?? 0, "page")}`,
      stats.first_published_at ? `, from ${mediumDay(stats.first_published_at)} to ${mediumDay(stats.last_published_at)}` : "", ".") : null);

  const pageOptions = [["", "All pages"], ...pageList.items.map((p) => [p.id, `${p.date ? `${shortDay(p.date, true)} · ` : ""}${p.title || `Untitled ${p.layout || ""} page`}`])];
  if (f.page && !pageOptions.some(([v]) => v === f.page)) pageOptions.push([f.page, f.page]);
  const controls = [select("f-page", "Page", f.page, pageOptions, (e) => go({ page: e.target.value }))];
  const notes = [];
  if (Array.isArray(entityList?.items)) {
    const options = [["", "All entities"], ...entityList.items.map((e) => [e.id, `${e.name} (${e.mention_count ?? e.post_count ?? 0})`])];
    if (f.entity && !options.some(([v]) => v === f.entity)) options.push([f.entity, f.entity]);
    controls.push(select("f-entity", "Entity", f.entity, options, (e) => go({ entity: e.target.value })));
  } else if (entityList instanceof Error) {
    notes.push(notice(`The list of entities could not be loaded (${entityList.title || entityList.message}), so the entity filter is hidden.`));
  } else if (f.entity) {
    notes.push(notice("Filtering by entity is not available on this server, so the entity filter in the address is ignored."));
  }
  const entity = Array.isArray(entityList?.items) ? f.entity : "";
  controls.push(
    dateInput("f-since", "From", f.since, (e) => go({ since: e.target.value })),
    dateInput("f-until", "To", f.until, (e) => go({ until: e.target.value })),
    select("f-order", "Order", f.order, [["", "Oldest first"], ["desc", "Newest first"]], (e) => go({ order: e.target.value })));
  const filtered = f.page || entity || f.since || f.until;
  ctx.root.append(h("form", { class: "filters", "aria-label": "Filter the timeline", onsubmit: (e) => e.preventDefault() },
    controls, filtered ? h("a", { class: "clear", href: link("", null, { order: f.order }) }, "Clear filters") : null), notes);

  const query = { page: f.page, entity, since: DAY.test(f.since) ? f.since : "", until: DAY.test(f.until) ? f.until : "" };
  const chartSlot = h("div", { class: "chart-slot" });
  const list = h("div", { class: "days" });
  ctx.root.append(chartSlot, list);

  const [chart, first] = await Promise.allSettled([
    getJSON("timeline", { granularity: "day", ...query }, ctx.signal),
    getList("posts", { ...query, order: f.order || "asc", limit: 100 }, ctx.signal),
  ]);
  if (first.status === "rejected") throw first.reason;
  if (chart.status === "fulfilled") {
    chartSlot.append(dayChart(chart.value, {
      caption: filtered ? "Posts per day (filtered)" : "Posts per day",
      hrefFor: (day) => link("", null, { ...f, since: day, until: day }),
      width: ctx.root.clientWidth,
    }));
  } else if (chart.reason?.name !== "AbortError") {
    chartSlot.append(errorBox(chart.reason));
  }

  const sections = new Map();
  const count = h("p", { class: "count", role: "status" });
  let shown = 0;
  const add = (items) => {
    for (const post of items) {
      const key = post.day || "undated";
      if (!sections.has(key)) {
        const ol = h("ol", { class: "posts" });
        list.append(h("section", { class: "day", "data-day": key, "aria-label": key === "undated" ? "Date unknown" : longDay(key) },
          h("h2", null, key === "undated" ? "Date unknown" : longDay(key)), ol));
        sections.set(key, ol);
      }
      sections.get(key).append(postItem(post));
    }
    shown += items.length;
    count.textContent = `Showing ${plural(shown, "post")}${filtered ? " that match the filters" : ""}.`;
  };
  add(first.value.items);
  if (shown === 0) {
    list.append(notice(filtered ? "No posts match these filters." : "The archive holds no posts yet."));
    return;
  }
  ctx.root.append(count);
  let cursor = first.value.next;
  if (cursor) {
    ctx.root.append(loadMore(async () => {
      const next = await getList("posts", { ...query, order: f.order || "asc", limit: 100, cursor });
      add(next.items);
      cursor = next.next;
      return cursor;
    }, "Load more posts"));
  }
}
