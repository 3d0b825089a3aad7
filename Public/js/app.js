// Boot and routing: reads the hash, runs the matching view into <main>, keeps the navigation,
// title, focus and footer in step, and turns any failure into a readable message.
import { getJSON } from "./api.js";
import { h, replace } from "./dom.js";
import { parseHash } from "./router.js";
import { errorBox } from "./components.js";
import { plural } from "./format.js";
import * as timeline from "./views/timeline.js";
import * as post from "./views/post.js";
import * as entity from "./views/entity.js";
import * as entities from "./views/entities.js";
import * as search from "./views/search.js";
import * as pages from "./views/pages.js";
import * as page from "./views/page.js";

const VIEWS = { "": timeline, post, entity, entities, search, pages, page };
const NAV = { "": "timeline", post: "timeline", entity: "entities", entities: "entities", search: "search", pages: "pages", page: "pages" };

const main = document.getElementById("main");
const banner = document.getElementById("banner");
let current = null;
let statsPromise = null;

/** /api/stats, fetched once; null when unavailable (the views then report their own errors). */
function loadStats() {
  statsPromise ??= getJSON("stats")
    .then((stats) => (typeof stats.posts === "number" ? stats : Promise.reject(new Error("unexpected stats"))))
    .catch(() => { statsPromise = null; return null; });
  return statsPromise;
}

const notFound = {
  async render(ctx) {
    ctx.setTitle("Not found");
    ctx.root.append(h("h1", { tabindex: "-1" }, "There is no view at this address"),
      h("p", null, "The link may be mistyped. ", h("a", { href: "#/" }, "Go to the timeline"), "."));
  },
};

function showFooter(stats) {
  const footer = document.getElementById("footer");
  if (!stats) return replace(footer);
  const parts = [plural(stats.posts ?? 0, "post"), plural(stats.pages ?? 0, "page")];
  if (typeof stats.entities === "number") parts.push(plural(stats.entities, "entity", "entities"));
  replace(footer, h("p", null, `Archive: ${parts.join(" · ")}. `, h("a", { href: "/api/stats" }, "JSON API")));
}

async function render(firstLoad = false) {
  const route = parseHash(location.hash);
  const view = VIEWS[route.name] ?? notFound;
  const previous = current;
  previous?.controller.abort();
  const token = (current = { controller: new AbortController(), name: route.name });
  const focusedId = !firstLoad && main.contains(document.activeElement) ? document.activeElement.id : "";
  const sameView = previous && previous.name === route.name;

  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === (NAV[route.name] ?? "")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  main.dataset.view = route.name || "timeline";
  main.dataset.state = "loading";
  main.setAttribute("aria-busy", "true");
  const root = h("div", { class: "view" });
  replace(main, root, h("p", { class: "loading" }, "Loading…"));

  const stats = await loadStats();
  if (token !== current) return;
  const hasEntities = typeof stats?.entities === "number";
  for (const el of document.querySelectorAll("[data-needs=entities]")) el.hidden = !hasEntities;
  showFooter(stats);

  let state = "ready";
  try {
    await view.render({
      route, root, stats, entities: hasEntities, signal: token.controller.signal,
      setTitle: (title) => { document.title = title ? `${title} · Dateline` : "Dateline"; },
      isCurrent: () => token === current,
    });
  } catch (error) {
    if (error?.name === "AbortError" || token !== current) return;
    state = "error";
    root.append(errorBox(error, () => render()));
    if (!root.querySelector("h1")) root.prepend(h("h1", { tabindex: "-1" }, "This view could not be loaded"));
  }
  if (token !== current) return;
  main.querySelector(":scope > .loading")?.remove();
  main.dataset.state = state;
  main.removeAttribute("aria-busy");

  if (firstLoad) return;
  const again = focusedId && sameView ? document.getElementById(focusedId) : null;
  if (again) again.focus();
  else {
    window.scrollTo(0, 0);
    (main.querySelector("[data-autofocus]") || main.querySelector("h1") || main).focus({ preventScroll: true });
  }
}

function showBanner(message) {
  replace(banner, h("p", null, "Something went wrong on this page: ", message, " ",
    h("button", { type: "button", onclick: () => location.reload() }, "Reload")));
  banner.hidden = false;
}

window.addEventListener("error", (event) => showBanner(event.message || "unknown error"));
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason?.name !== "AbortError") showBanner(String(event.reason?.message || event.reason));
});
document.getElementById("skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("hashchange", () => render());
render(true);
