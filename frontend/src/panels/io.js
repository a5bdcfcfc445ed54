// The I/O panel: one lamp per bit the run uses (in trace.io or named in
// scene.labels), lit or dark at the playback time. Also renders a plain I/O
// image for the debugger.

import { h, fill } from "../dom.js";
import { ioAt } from "../player/math.js";

/** Bits a trace uses: {in: [bits], out: [bits]} sorted. */
export function bitsOf(trace) {
  const bits = { in: new Set(), out: new Set() };
  for (const [, dir, bit] of trace?.io || []) bits[dir === "in" ? "in" : "out"].add(Number(bit));
  const labels = trace?.scene?.labels || {};
  for (const dir of ["in", "out"]) {
    for (const key of Object.keys(labels[dir] || {})) bits[dir].add(Number(key));
  }
  return {
    in: [...bits.in].filter(Number.isFinite).sort((a, b) => a - b),
    out: [...bits.out].filter(Number.isFinite).sort((a, b) => a - b),
  };
}

function lamp(dir, bit, label, on, t) {
  return h(
    "li",
    { class: "lab-lamp", dataset: { dir, bit: String(bit), on: on ? "1" : "0" } },
    h("span", { class: "lab-lamp-dot", "aria-hidden": "true" }),
    h("span", { class: "lab-lamp-bit" }, `${t(dir === "in" ? "io_in" : "io_out")} ${bit}`),
    label ? h("span", { class: "lab-lamp-label" }, label) : null,
    h("span", { class: "lab-sr lab-lamp-state" }, t(on ? "io_on" : "io_off"))
  );
}

export class IoPanel {
  constructor(t) {
    this.t = t;
    this.list = h("ul", { class: "lab-io-list" });
    this.empty = h("p", { class: "lab-muted" }, t("io_none"));
    this.element = h("div", { class: "lab-io" }, this.empty, this.list);
    this.items = [];
  }

  setTrace(trace) {
    this.trace = trace;
    const labels = trace?.scene?.labels || {};
    const bits = bitsOf(trace);
    this.items = [];
    const nodes = [];
    for (const dir of ["in", "out"]) {
      for (const bit of bits[dir]) {
        const label = (labels[dir] || {})[String(bit)];
        const node = lamp(dir, bit, label, false, this.t);
        this.items.push({ dir, bit, node });
        nodes.push(node);
      }
    }
    fill(this.list, nodes);
    this.empty.hidden = nodes.length > 0;
  }

  update(time) {
    if (!this.trace) return;
    const state = ioAt(this.trace.io, time);
    for (const { dir, bit, node } of this.items) {
      const on = (state[dir].get(bit) || 0) === 1;
      const value = on ? "1" : "0";
      if (node.dataset.on !== value) {
        node.dataset.on = value;
        node.querySelector(".lab-lamp-state").textContent = this.t(on ? "io_on" : "io_off");
      }
    }
  }
}

/** A static I/O image ({in: {bit: 0|1}, out: {...}}) as a lamp list. */
export function ioImage(io, labels, t) {
  const nodes = [];
  for (const dir of ["in", "out"]) {
    const bits = new Set([
      ...Object.keys(io?.[dir] || {}),
      ...Object.keys(labels?.[dir] || {}),
    ]);
    for (const key of [...bits].sort((a, b) => Number(a) - Number(b))) {
      const on = Number(io?.[dir]?.[key]) === 1;
      nodes.push(lamp(dir, key, (labels?.[dir] || {})[key], on, t));
    }
  }
  if (!nodes.length) return h("p", { class: "lab-muted" }, t("io_none"));
  return h("ul", { class: "lab-io-list" }, nodes);
}
