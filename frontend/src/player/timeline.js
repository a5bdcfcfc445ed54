// Playback controls: play/pause, the time scrubber with its read-out, and the
// speed. They drive a Player and follow it (player.onTime).

import { h, seconds } from "../dom.js";

export const SPEEDS = [0.25, 0.5, 1, 2, 4];

export class Timeline {
  constructor(player, t) {
    this.player = player;
    this.t = t;
    this.playButton = h("button", {
      id: "lab-play",
      type: "button",
      class: "lab-btn lab-btn-icon",
      "aria-label": t("play"),
      title: t("play"),
      disabled: true,
      onclick: () => player.toggle(),
    });
    this.scrubber = h("input", {
      id: "lab-scrubber",
      type: "range",
      min: "0",
      max: "0",
      step: "0.001",
      value: "0",
      disabled: true,
      "aria-label": t("timeline"),
      oninput: () => player.seek(Number(this.scrubber.value)),
    });
    this.readout = h("output", { class: "lab-time", for: "lab-scrubber", "aria-live": "off" });
    this.speed = h(
      "select",
      {
        id: "lab-speed",
        "aria-label": t("speed"),
        title: t("speed"),
        onchange: () => player.setSpeed(Number(this.speed.value)),
      },
      SPEEDS.map((s) => h("option", { value: String(s), selected: s === 1 }, `${s}×`))
    );
    this.element = h(
      "div",
      { class: "lab-timeline", role: "group", "aria-label": t("timeline") },
      this.playButton,
      this.scrubber,
      this.readout,
      h("label", { class: "lab-speed" }, h("span", { class: "lab-sr" }, t("speed")), this.speed)
    );
    player.onTime((time) => this.show(time));
    player.onState(() => this.state());
    this.show(0);
    this.state();
  }

  state() {
    const p = this.player;
    const loaded = p.duration > 0 || p.loaded;
    this.playButton.disabled = !loaded;
    this.scrubber.disabled = !loaded;
    this.scrubber.max = String(p.duration || 0);
    const label = this.t(p.playing ? "pause" : "play");
    this.playButton.setAttribute("aria-label", label);
    this.playButton.title = label;
    this.playButton.textContent = p.playing ? "❚❚" : "▶";
    this.playButton.classList.toggle("is-playing", p.playing);
  }

  show(time) {
    if (document.activeElement !== this.scrubber || this.player.playing) {
      this.scrubber.value = String(time);
    }
    this.readout.textContent = this.t("time_of", {
      time: seconds(time),
      total: seconds(this.player.duration || 0),
    });
  }
}
