// Pieces several views share: post items, entity chips, quotes, error boxes, "load more".
import { h } from "./dom.js";
import { link } from "./router.js";
import { postTime, postDateline, shortDay } from "./format.js";

/** A post's headline, or a stand-in made from its first words when the source printed none. */
export function postTitle(post) {
  if (post.headline) return post.headline;
  const words = String(post.excerpt || post.body?.[0] || "").split(/\s+/).slice(0, 12).join(" ");
  return words ? `${words}…` : "Untitled post";
}

/** Entity chips linking to their entity views, and a "+N more" chip to `moreHref` when `more` entities
 *  are left out (lists carry a post's first few); null when there are none. */
export function entityChips(entities, { counts = false, label = "Entities", more = 0, moreHref = null } = {}) {
  if (!Array.isArray(entities) || entities.length === 0) return null;
  return h("ul", { class: "chips", "aria-label": label },
    entities.map((e) => h("li", null,
      h("a", { class: `chip ${e.type || ""}`, href: link("entity", e.id), title: e.type || null },
        e.name, counts && e.count ? h("span", { class: "count" }, ` ${e.count}`) : null))),
    more > 0 && moreHref ? h("li", null, h("a", { class: "chip more", href: moreHref, title: "All of the post's entities" }, `+${more} more`)) : null);
}

/** One post in a list: time (or "time unknown"), headline link, byline, entity chips. */
export function postItem(post, { showDay = false, seq = null } = {}) {
  const untitled = !post.headline;
  const time = postTime(post);
  return h("li", { class: "post", "data-post": post.id },
    h("p", { class: "when" },
      seq !== null ? h("span", { class: "seq" }, `#${seq} · `) : null,
      showDay && post.day ? `${shortDay(post.day, true)} · ` : null,
      time === "time unknown"
        ? h("span", { class: "unknown" }, time)
        : h("time", { datetime: post.published_at, title: postDateline(post) }, time)),
    h("h3", { class: untitled ? "headline untitled" : "headline" }, h("a", { href: link("post", post.id) }, postTitle(post))),
    post.byline ? h("p", { class: "byline" }, post.byline)
      : post.authors?.length ? h("p", { class: "byline" }, `By ${post.authors.join(", ")}`) : null,
    entityChips(post.entities, { more: (post.entity_count ?? 0) - (post.entities?.length ?? 0), moreHref: link("post", post.id) }));
}

/** Quotes as blockquotes, with speakers linked when the entity is known. */
export function quoteList(quotes, { showPost = true } = {}) {
  return h("ul", { class: "quotes" }, quotes.map((q) => h("li", null,
    h("blockquote", null, h("p", null, `“${q.text}”`)),
    h("p", { class: "speaker" }, "— ",
      q.speaker ? h("a", { href: link("entity", q.speaker.id) }, q.speaker.name) : (q.speaker_text || "unknown speaker"),
      showPost && q.post_id ? [" · ", h("a", { href: link("post", q.post_id) }, q.published_at ? shortDay(q.published_at, true) : "post")] : null))));
}

/** A readable message for a failed request, with a button to try again. */
export function errorBox(error, retry) {
  const title = error?.title || "Something went wrong";
  const detail = error?.detail ?? (error?.title ? "" : String(error?.message || error || ""));
  return h("div", { class: "error", role: "alert" },
    h("h2", null, title),
    detail ? h("p", null, detail) : null,
    retry ? h("button", { type: "button", onclick: retry }, "Try again") : null);
}

/** A short, non-alarming note (e.g. a part of the archive that this server does not offer yet). */
export function notice(text) {
  return h("p", { class: "notice" }, text);
}

/**
 * A "Load more" button: calls more(), which returns the next cursor or null; while it runs the
 * button is disabled, and a failure is shown next to it.
 */
export function loadMore(more, label = "Load more") {
  const status = h("span", { class: "more-status", role: "status" });
  const button = h("button", { type: "button", class: "more" }, label);
  const box = h("div", { class: "more-box" }, button, status);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Loading…";
    try {
      const next = await more();
      status.textContent = "";
      if (next) button.disabled = false; else box.remove();
    } catch (error) {
      status.textContent = error?.title ? `${error.title}. ${error.detail || ""}` : String(error?.message || error);
      button.disabled = false;
    }
  });
  return box;
}
