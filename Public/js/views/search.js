// Search: results with highlighted snippets as you type (debounced); the query stays in the URL.
import { ApiError, getList } from "../api.js";
import { h, replace, trustedSnippet } from "../dom.js";
import { link } from "../router.js";
import { loadMore } from "../components.js";
import { postTime, shortDay, plural } from "../format.js";

const DELAY_MS = 250;

function hit(item) {
  return h("li", { class: "hit", "data-post": item.id },
    h("h2", { class: item.headline ? "headline" : "headline untitled" },
      h("a", { href: link("post", item.id) }, item.headline || "Untitled post")),
    h("p", { class: "when" }, item.day ? `${shortDay(item.day, true)} · ${postTime(item)}` : "Date unknown"),
    h("p", { class: "snippet" }, trustedSnippet(item.snippet)));
}

export async function render(ctx) {
  const initial = ctx.route.params.get("q") || "";
  ctx.setTitle(initial ? `Search: ${initial}` : "Search");
  const input = h("input", { id: "search-q", type: "search", name: "q", value: initial, autocomplete: "off", spellcheck: "false", "data-autofocus": true,
    "aria-describedby": "search-help" });
  const status = h("p", { class: "count", role: "status", "aria-live": "polite" });
  const results = h("div", { class: "results" });
  let controller = null;
  let timer = 0;

  async function run(q) {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    replace(results);
    if (!q.trim()) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    let page;
    try {
      page = await getList("search", { q, limit: 20 }, signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      status.textContent = "";
      const bad = error instanceof ApiError && error.status === 400;
      results.append(h("div", { class: bad ? "notice" : "error", role: "alert" },
        h("p", null, bad ? `The search could not run: ${error.detail || error.title}` : `${error.title}. ${error.detail || ""}`)));
      return;
    }
    if (signal.aborted) return;
    const ol = h("ol", { class: "hits" }, page.items.map(hit));
    let shown = page.items.length;
    const say = (more) => { status.textContent = shown ? `${plural(shown, "result")}${more ? " so far" : ""} for “${q}”.` : `No results for “${q}”.`; };
    say(Boolean(page.next));
    results.append(ol);
    let cursor = page.next;
    if (cursor) {
      results.append(loadMore(async () => {
        const next = await getList("search", { q, limit: 20, cursor }, signal);
        ol.append(...next.items.map(hit));
        shown += next.items.length;
        cursor = next.next;
        say(Boolean(cursor));
        return cursor;
      }, "More results"));
    }
  }

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const q = input.value;
      history.replaceState(null, "", link("search", null, { q }));
      ctx.setTitle(q ? `Search: ${q}` : "Search");
      run(q);
    }, DELAY_MS);
  }
  input.addEventListener("input", changed);
  ctx.signal.addEventListener("abort", () => { clearTimeout(timer); controller?.abort(); }, { once: true });

  ctx.root.append(h("h1", { tabindex: "-1" }, "Search"),
    h("form", { role: "search", class: "search", onsubmit: (e) => { e.preventDefault(); clearTimeout(timer); changed(); } },
      h("label", { for: "search-q" }, "Search headlines and text"), h("div", { class: "row" }, input, h("button", { type: "submit" }, "Search")),
      h("p", { id: "search-help", class: "note" }, "Results update as you type. Use \"quotes\" for a phrase, flood* for any ending, and AND, OR, NOT.")),
    status, results);
  await run(initial);
}
