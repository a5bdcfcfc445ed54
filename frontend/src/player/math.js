// Small numeric helpers for playback: time look-up, interpolation, MELFA poses.

import { Euler, Matrix4, Quaternion, Vector3 } from "three";

export const DEG = Math.PI / 180;

/** Index of the last entry of the increasing list `ts` that is <= t (-1 if none). */
export function indexAt(ts, t) {
  let lo = 0;
  let hi = ts.length - 1;
  if (hi < 0 || t < ts[0]) return -1;
  if (t >= ts[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** {i, f}: interpolate between frame i and i+1 with fraction f; clamped. */
export function bracket(ts, t) {
  const i = indexAt(ts, t);
  if (i < 0) return { i: 0, f: 0 };
  if (i >= ts.length - 1) return { i: ts.length - 1, f: 0 };
  const span = ts[i + 1] - ts[i];
  return { i, f: span > 0 ? (t - ts[i]) / span : 1 };
}

/** Shortest-way interpolation of angles in degrees. */
export function lerpAngle(a, b, f) {
  let d = (((b - a) % 360) + 540) % 360 - 180;
  return a + d * f;
}

/** Interpolate MELFA poses [X, Y, Z, A, B, C]: positions linearly, angles the short way. */
export function lerpPose(p, q, f) {
  if (f <= 0) return p;
  if (f >= 1) return q;
  return [
    p[0] + (q[0] - p[0]) * f,
    p[1] + (q[1] - p[1]) * f,
    p[2] + (q[2] - p[2]) * f,
    lerpAngle(p[3], q[3], f),
    lerpAngle(p[4], q[4], f),
    lerpAngle(p[5], q[5], f),
  ];
}

const _euler = new Euler();
const _pos = new Vector3();
const _quat = new Quaternion();
const _one = new Vector3(1, 1, 1);

/** Rotation of MELFA angles (deg): R = Rz(C) Ry(B) Rx(A), as a quaternion. */
export function poseQuaternion(pose, target = new Quaternion()) {
  _euler.set((pose[3] || 0) * DEG, (pose[4] || 0) * DEG, (pose[5] || 0) * DEG, "ZYX");
  return target.setFromEuler(_euler);
}

/** Put an Object3D at a MELFA pose [X, Y, Z, A, B, C] (mm, deg). */
export function applyPose(object, pose) {
  object.position.set(pose[0] || 0, pose[1] || 0, pose[2] || 0);
  poseQuaternion(pose, object.quaternion);
}

/** A MELFA pose as a 4x4 matrix. */
export function poseMatrix(pose, target = new Matrix4()) {
  _pos.set(pose[0] || 0, pose[1] || 0, pose[2] || 0);
  poseQuaternion(pose, _quat);
  return target.compose(_pos, _quat, _one);
}

/** Value of an I/O bit at time t from the trace's io list (0 before its first change). */
export function bitAt(io, dir, bit, t) {
  let value = 0;
  for (const [time, d, b, v] of io || []) {
    if (time > t) break;
    if (d === dir && b === bit) value = v;
  }
  return value;
}

/** All bits at time t: {in: Map(bit -> 0|1), out: Map}. */
export function ioAt(io, t) {
  const state = { in: new Map(), out: new Map() };
  for (const [time, d, b, v] of io || []) {
    if (time > t) break;
    (d === "in" ? state.in : state.out).set(b, v);
  }
  return state;
}

/** Colour names a cell file may use, as CSS colours three.js understands. */
export function cssColor(value, fallback = "#9aa5b1") {
  if (typeof value !== "string" || !value) return fallback;
  return value;
}
