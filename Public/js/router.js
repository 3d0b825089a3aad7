// Hash routes, so every view has a URL the static file server can answer: "#/post/ab12?x=1".

/** The route in a hash: {name, id, params}. "" is the timeline. */
export function parseHash(hash) {
  const text = (hash || "").replace(/^#\/?/, "");
  const mark = text.indexOf("?");
  const path = mark < 0 ? text : text.slice(0, mark);
  const query = mark < 0 ? "" : text.slice(mark + 1);
  const [name = "", ...rest] = path.split("/");
  let id = null;
  if (rest.length) {
    try { id = decodeURIComponent(rest.join("/")); } catch { id = rest.join("/"); }
  }
  return { name, id, params: new URLSearchParams(query) };
}

/** The hash for a route: link("post", "ab12") → "#/post/ab12"; empty params are left out. */
export function link(name, id, params) {
  let out = `#/${name}`;
  if (id !== null && id !== undefined) out += `/${encodeURIComponent(id)}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  return qs ? `${out}?${qs}` : out;
}
