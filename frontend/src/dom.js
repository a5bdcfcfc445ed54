// Tiny DOM helpers: build elements without innerHTML for any text we did not
// sanitise ourselves.

/**
 * h("button", {id: "x", class: "btn", onclick: fn, "aria-label": "..."}, "text", child)
 * Attributes starting with "on" become listeners; `dataset` is an object;
 * null/undefined/false attributes are skipped; children may be strings,
 * nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "class") {
      el.className = value;
    } else if (key in el && typeof value !== "string") {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Format seconds with a fixed number of decimals (locale-independent). */
export function seconds(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

/** A short score: 72.5 -> "72.5", 70 -> "70". */
export function score(value) {
  if (!Number.isFinite(value)) return "–";
  return String(Math.round(value * 10) / 10);
}
