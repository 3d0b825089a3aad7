// Dates and times as the sources printed them: the clock time in the post's own UTC offset, never
// converted to the reader's zone, and never a time the source did not give.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const ISO_TIME = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/;

function parts(day) {
  const m = ISO_DAY.exec(day || "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, mo, d, weekday: new Date(Date.UTC(y, mo - 1, d)).getUTCDay() };
}

/** "Tuesday, March 12, 2024" for "2024-03-12…", or the input when it is not a date. */
export function longDay(day) {
  const p = parts(day);
  return p ? `${WEEKDAYS[p.weekday]}, ${MONTHS[p.mo - 1]} ${p.d}, ${p.y}` : String(day ?? "");
}

/** "March 12, 2024". */
export function mediumDay(day) {
  const p = parts(day);
  return p ? `${MONTHS[p.mo - 1]} ${p.d}, ${p.y}` : String(day ?? "");
}

/** "Mar 12", with "’24" when withYear. */
export function shortDay(day, withYear) {
  const p = parts(day);
  if (!p) return String(day ?? "");
  return `${MONTHS[p.mo - 1].slice(0, 3)} ${p.d}${withYear ? ` ’${String(p.y).slice(2)}` : ""}`;
}

/** "10:15 a.m." from an ISO instant, or null when it holds no time. */
export function clock(iso) {
  const m = ISO_TIME.exec(iso || "");
  if (!m) return null;
  const hour = Number(m[1]);
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${m[2]} ${hour < 12 ? "a.m." : "p.m."}`;
}

/** "UTC−04:00" from an ISO instant, or "". */
export function offset(iso) {
  const m = ISO_TIME.exec(iso || "");
  if (!m || !m[3]) return "";
  return m[3] === "Z" ? "UTC" : `UTC${m[3].replace("-", "−")}`;
}

/** The clock time of a post, or "time unknown" when the source gave none. */
export function postTime(item) {
  return item.time_precision === "minute" && clock(item.published_at) ? clock(item.published_at) : "time unknown";
}

/** A whole date and time line for a post. */
export function postDateline(item) {
  const day = item.day || (item.published_at ? item.published_at.slice(0, 10) : null);
  if (!day) return "Date and time unknown";
  if (item.time_precision === "minute" && clock(item.published_at)) {
    return `${longDay(day)}, ${clock(item.published_at)} (${offset(item.published_at)})`;
  }
  return `${longDay(day)}, time unknown`;
}

/** "1 post", "2 posts". */
export function plural(n, word, many = `${word}s`) {
  return `${Number(n).toLocaleString("en-US")} ${n === 1 ? word : many}`;
}
