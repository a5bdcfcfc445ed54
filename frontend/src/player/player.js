// Plays one run back: owns the cell and the robot in the viewer and a clock
// (play, pause, seek, speed). Listeners hear every time change.

import { CellScene } from "./scene.js";
import { RobotModel } from "./robot.js";

export class Player {
  constructor(viewer) {
    this.viewer = viewer;
    this.cell = viewer ? new CellScene(viewer.scene) : null;
    this.robot = null;
    this.run = null;
    this.time = 0;
    this.duration = 0;
    this.speed = 1;
    this.playing = false;
    this.loaded = false;
    this.timeListeners = [];
    this.stateListeners = [];
    this.frame = this.frame.bind(this);
    this.raf = null;
  }

  onTime(fn) {
    this.timeListeners.push(fn);
  }

  onState(fn) {
    this.stateListeners.push(fn);
  }

  emitState() {
    for (const fn of this.stateListeners) fn(this);
  }

  /** Load a run answer ({trace, skeleton, lines, ...}); returns false if it has no trace. */
  load(run) {
    this.pause();
    this.run = run;
    const trace = run && run.trace;
    if (this.robot) {
      this.robot.dispose();
      this.robot = null;
    }
    if (!trace) {
      this.cell?.clear();
      this.loaded = false;
      this.duration = 0;
      this.seek(0);
      this.emitState();
      return false;
    }
    const track = trace.robot_track?.t || [];
    this.duration = Math.max(
      Number(trace.final?.time_s) || 0,
      track.length ? track[track.length - 1] : 0,
      Number(run.cycle_time_s) || 0
    );
    if (this.viewer) {
      this.cell.load(trace);
      if (run.skeleton) this.robot = new RobotModel(this.viewer.scene, run.skeleton, trace);
      this.viewer.setFloor(this.floorSize(), this.cell.floorZ);
      const box = this.cell.bounds();
      if (this.robot) {
        this.robot.update(0);
        box.expandByObject(this.robot.group);
      }
      this.viewer.frame(box);
    }
    this.loaded = true;
    this.seek(0);
    this.emitState();
    return true;
  }

  floorSize() {
    const box = this.cell.bounds();
    let extent = 1000;
    if (!box.isEmpty()) {
      for (const v of [box.min.x, box.min.y, box.max.x, box.max.y]) extent = Math.max(extent, Math.abs(v));
    }
    return Math.ceil((extent * 2 + 400) / 500) * 500;
  }

  seek(t) {
    const time = Math.min(Math.max(0, Number(t) || 0), this.duration);
    this.time = time;
    if (this.viewer && this.loaded) {
      this.cell.update(time);
      this.robot?.update(time);
      this.viewer.render();
    }
    for (const fn of this.timeListeners) fn(time);
  }

  play() {
    if (!this.loaded || this.playing) return;
    if (this.time >= this.duration - 1e-6) this.seek(0);
    this.playing = true;
    this.last = performance.now();
    this.raf = requestAnimationFrame(this.frame);
    this.emitState();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = null;
    this.emitState();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed) {
    this.speed = Number(speed) || 1;
  }

  frame(now) {
    if (!this.playing) return;
    const dt = Math.min(0.25, Math.max(0, (now - this.last) / 1000));
    this.last = now;
    const next = this.time + dt * this.speed;
    if (next >= this.duration) {
      this.seek(this.duration);
      this.pause();
      return;
    }
    this.seek(next);
    this.raf = requestAnimationFrame(this.frame);
  }
}
