// A bar chart in inline SVG: one bar per bucket, each a link, with a caption and a summary for
// screen readers. Drawn at the width of its container so text stays readable on a phone.
import { h, s } from "./dom.js";
import { plural } from "./format.js";

const HEIGHT = 180;
const MARGIN = { top: 14, right: 8, bottom: 34, left: 34 };

/**
 * bars: [{key, label, count, href, title}] in order; caption: text under the chart;
 * width: pixels available. Returns a <figure class="chart">.
 */
/** Gridline values 0, step, 2·step… up to the first one at or above max, step a 1-2-5 number. */
function ticks(max) {
  const raw = Math.max(1, max / 3);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw);
  const out = [0];
  while (out[out.length - 1] < max || out.length < 2) out.push(out[out.length - 1] + step);
  return out;
}

export function barChart({ bars, caption, width, unit = "post" }) {
  const fit = MARGIN.left + MARGIN.right + 96 * Math.max(3, bars.length);
  const W = Math.round(Math.max(280, Math.min(960, width || 640, fit)));
  const plotW = W - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const lines = ticks(Math.max(0, ...bars.map((b) => b.count)));
  const max = lines[lines.length - 1];
  const step = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, Math.min(56, step * 0.72));
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotW / 64))));
  const y = (count) => MARGIN.top + plotH - (count / max) * plotH;

  const grid = lines.map((v) =>
    s("g", { class: "grid" },
      s("line", { x1: MARGIN.left, x2: W - MARGIN.right, y1: y(v), y2: y(v) }),
      s("text", { x: MARGIN.left - 6, y: y(v) + 4, "text-anchor": "end" }, v)));

  const marks = bars.map((bar, i) => {
    const cx = MARGIN.left + step * i + step / 2;
    const label = `${bar.title || bar.label}: ${plural(bar.count, unit)}`;
    return s("a", { href: bar.href, "aria-label": label },
      s("title", null, label),
      s("rect", { class: "bar", x: cx - barW / 2, y: y(bar.count), width: barW, height: Math.max(1, y(0) - y(bar.count)),
        rx: 2, "data-key": bar.key, "data-count": bar.count }),
      i % labelEvery === 0 ? s("text", { class: "x", x: cx, y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle" }, bar.label) : null);
  });

  const total = bars.reduce((sum, b) => sum + b.count, 0);
  const peak = bars.reduce((best, b) => (b.count > (best?.count ?? -1) ? b : best), null);
  const summary = bars.length
    ? `${caption}: ${plural(total, unit)} in ${plural(bars.length, "bar")}; most on ${peak.title || peak.label} (${peak.count}).`
    : `${caption}: no dated ${unit}s.`;
  return h("figure", { class: "chart", "data-bars": bars.length },
    s("svg", { viewBox: `0 0 ${W} ${HEIGHT}`, width: W, height: HEIGHT, role: "group", "aria-label": summary }, grid, marks),
    h("figcaption", null, caption));
}
