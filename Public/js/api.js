// The JSON API: one function to fetch, and readable errors for every way a request can fail.

/** A failed API request, with a title and a sentence fit to show to the reader. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** `/api/<path>?<params>`, leaving out empty parameters. */
export function apiURL(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  return `/api/${path}${qs ? `?${qs}` : ""}`;
}

/** GET an API path and parse the JSON; throws ApiError (or AbortError when aborted). */
export async function getJSON(path, params, signal) {
  let response;
  try {
    response = await fetch(apiURL(path, params), { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "The server could not be reached", "Check that the Dateline server is running, then try again.");
  }
  const type = response.headers.get("Content-Type") || "";
  let body = null;
  if (type.includes("json")) {
    try { body = await response.json(); } catch (error) {
      if (error.name === "AbortError") throw error;
      body = undefined;
    }
  }
  if (!response.ok) {
    if (body && typeof body === "object" && body.title) throw new ApiError(response.status, String(body.title), body.detail ? String(body.detail) : "");
    throw new ApiError(response.status, `The server answered with an error (HTTP ${response.status})`, response.statusText || "");
  }
  if (body === null || body === undefined || typeof body !== "object") {
    throw new ApiError(response.status, "The server sent a response this page cannot read", `Expected JSON from ${new URL(response.url).pathname}, got ${type || "no content type"}.`);
  }
  return body;
}

/** GET a list endpoint; checks the `{items, next_cursor}` shape. */
export async function getList(path, params, signal) {
  const body = await getJSON(path, params, signal);
  if (!Array.isArray(body.items)) {
    throw new ApiError(200, "The server sent a list in an unexpected shape", `${path} has no "items" array.`);
  }
  return { items: body.items, next: typeof body.next_cursor === "string" ? body.next_cursor : null };
}
