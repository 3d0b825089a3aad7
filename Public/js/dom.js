// Building DOM safely: every string becomes a text node, so nothing from the API is ever parsed as
// HTML, except search snippets, which pass through trustedSnippet (text and <mark> only).

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children: strings and numbers as text, nodes as they are; null, false and nested arrays allowed. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h("a", {href: "#/"}, "text", otherNode). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element, same calling convention as h. */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

/** Replaces the node's content. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/**
 * The API's snippet (HTML-escaped text with <mark> around matches) as nodes. Only text and bare
 * <mark> elements survive; anything else is reduced to its text, so a bad snippet cannot inject markup.
 */
export function trustedSnippet(html) {
  const template = document.createElement("template");
  template.innerHTML = String(html ?? "");
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") out.append(h("mark", null, node.textContent));
    else out.append(document.createTextNode(node.textContent));
  }
  return out;
}
