// The arm, drawn from the run's skeleton: at each robot_track time 8 world
// points (base, column_top, shoulder, elbow, forearm, wrist, flange, TCP).
// Links are cylinders between points 0..6 (radius radii_mm[i] for segment i),
// joints are spheres, the tool is a cylinder from the flange towards the TCP
// with two fingers (two_finger) or a cup (suction) at its end.
//
// The tool's spin about its axis is not in the points; it comes from the
// joints: R = Base * Rz(J1) Ry(J2+J3) Rz(J4) Ry(J5) Rz(J6) * Tool, the
// kinematics of robocampus.sim.robot (checked there to 1e-15).

import { Group, Matrix4, Mesh, MeshStandardMaterial, Quaternion, Vector3 } from "three";
import { UNIT_BOX, UNIT_CYLINDER, UNIT_SPHERE } from "./scene.js";
import { DEG, bracket, poseMatrix, poseQuaternion } from "./math.js";

const Z = new Vector3(0, 0, 1);
const _a = new Vector3();
const _b = new Vector3();
const _d = new Vector3();
const _m = new Matrix4();
const _q = new Quaternion();

/** Place a unit Z-cylinder mesh between points a and b with radius r. */
function stretch(mesh, a, b, r) {
  _d.subVectors(b, a);
  const length = _d.length();
  mesh.visible = length > 0.01;
  if (!mesh.visible) return;
  mesh.position.addVectors(a, b).multiplyScalar(0.5);
  mesh.quaternion.setFromUnitVectors(Z, _d.divideScalar(length));
  mesh.scale.set(r, r, length);
}

function rotZ(a) {
  return new Matrix4().makeRotationZ(a);
}
function rotY(a) {
  return new Matrix4().makeRotationY(a);
}

export class RobotModel {
  /**
   * skeleton: {t, points_mm, radii_mm}; trace: the run's trace (scene.tool,
   * scene.robot.base, robot_track, events, part types).
   */
  constructor(parent, skeleton, trace) {
    this.group = new Group();
    this.group.name = "robot";
    parent.add(this.group);
    this.skeleton = skeleton;
    this.trace = trace || {};
    this.tool = this.trace.scene?.tool || null;
    this.points = Array.from({ length: 8 }, () => new Vector3());
    this.materials = {
      arm: new MeshStandardMaterial({ color: 0xf4f5f7, roughness: 0.45, metalness: 0.1 }),
      joint: new MeshStandardMaterial({ color: 0xc9d1db, roughness: 0.5, metalness: 0.15 }),
      base: new MeshStandardMaterial({ color: 0x3f4a5a, roughness: 0.6 }),
      tool: new MeshStandardMaterial({ color: 0x4b5563, roughness: 0.5, metalness: 0.3 }),
      finger: new MeshStandardMaterial({ color: 0x1f2937, roughness: 0.5, metalness: 0.3 }),
      accent: new MeshStandardMaterial({ color: 0x2b6cb0, roughness: 0.5 }),
    };
    const radii = skeleton.radii_mm || [];
    this.radii = Array.from({ length: 7 }, (_, i) => radii[i] || [70, 70, 55, 45, 45, 35, 25][i]);

    const pedestal = new Mesh(UNIT_CYLINDER, this.materials.base);
    pedestal.name = "robot:pedestal";
    this.pedestal = pedestal;
    this.group.add(pedestal);

    this.links = [];
    for (let i = 0; i < 6; i++) {
      const mesh = new Mesh(UNIT_CYLINDER, i === 0 ? this.materials.joint : this.materials.arm);
      mesh.name = `robot:link${i}`;
      this.links.push(mesh);
      this.group.add(mesh);
    }
    this.joints = [];
    for (let i = 1; i <= 6; i++) {
      const mesh = new Mesh(UNIT_SPHERE, i === 6 ? this.materials.accent : this.materials.joint);
      mesh.name = `robot:joint${i}`;
      this.joints.push(mesh);
      this.group.add(mesh);
    }
    this.buildTool();
    this.baseMatrix = poseMatrix(this.trace.scene?.robot?.base || [0, 0, 0, 0, 0, 0]);
    const tcp = this.tool?.tcp || [0, 0, 0, 0, 0, 0];
    this.toolMatrix = new Matrix4().makeRotationFromQuaternion(poseQuaternion(tcp));
    this.opening = this.openingTrack();
  }

  buildTool() {
    const tool = this.tool || {};
    this.toolBody = new Mesh(UNIT_CYLINDER, this.materials.tool);
    this.toolBody.name = "robot:tool";
    this.group.add(this.toolBody);
    // The end of the tool, in the TCP frame (X: the fingers' closing axis).
    this.toolEnd = new Group();
    this.group.add(this.toolEnd);
    this.fingers = [];
    if (tool.kind === "two_finger" || tool.fingers) {
      const f = tool.fingers || { length_mm: 40, radius_mm: 6, open_width_mm: 60 };
      for (const side of [1, -1]) {
        const finger = new Mesh(UNIT_BOX, this.materials.finger);
        finger.name = side > 0 ? "robot:finger_a" : "robot:finger_b";
        finger.scale.set(2 * f.radius_mm, 3 * f.radius_mm, f.length_mm);
        finger.position.z = -f.length_mm / 2;
        finger.userData.side = side;
        this.toolEnd.add(finger);
        this.fingers.push(finger);
      }
      const palm = new Mesh(UNIT_BOX, this.materials.tool);
      palm.scale.set((f.open_width_mm || 60) + 4 * f.radius_mm, 4 * f.radius_mm, 8);
      palm.position.z = -f.length_mm - 4;
      this.toolEnd.add(palm);
      this.fingerSpec = f;
    } else if (tool.kind === "suction" || tool.cup) {
      const r = tool.cup?.radius_mm || 12;
      const cup = new Mesh(UNIT_CYLINDER, this.materials.finger);
      cup.name = "robot:cup";
      cup.scale.set(r, r, 2 * r);
      cup.position.z = -r;
      this.toolEnd.add(cup);
    }
  }

  /** Finger opening (mm) over time, from the hand events: [[t, mm], ...]. */
  openingTrack() {
    const f = this.fingerSpec;
    if (!f) return null;
    const open = f.open_width_mm || 60;
    const act = this.tool?.actuation_time_s || 0.2;
    const types = new Map((this.trace.scene?.part_types || []).map((p) => [p.type, p]));
    const parts = this.trace.parts || {};
    const widthOf = (id) => {
      const type = types.get(parts[id]?.type);
      if (!type) return 0;
      if (type.shape === "cylinder") return 2 * (type.radius_mm || 0);
      const [x, y] = type.size_mm || [0, 0];
      return Math.min(x, y);
    };
    const track = [[0, open]];
    const events = this.trace.events || [];
    let current = open;
    events.forEach((e, k) => {
      if (e.kind !== "hand_open" && e.kind !== "hand_close") return;
      let target = e.kind === "hand_open" ? open : 0;
      if (e.kind === "hand_close") {
        const grasp = events.slice(k + 1).find((g) => g.kind === "grasp" && g.t <= e.t + act + 1e-6);
        if (grasp) target = Math.min(open, widthOf(grasp.subject));
      }
      track.push([e.t, current], [e.t + act, target]);
      current = target;
    });
    return track;
  }

  openingAt(t) {
    const track = this.opening;
    if (!track) return 0;
    let value = track[0][1];
    for (let i = 1; i < track.length; i++) {
      const [t1, v1] = track[i];
      const [t0, v0] = track[i - 1];
      if (t < t1) {
        if (t >= t0 && t1 > t0) value = v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
        else value = v0;
        return value;
      }
      value = v1;
    }
    return value;
  }

  /** Joint angles (deg) at time t from robot_track, or null. */
  jointsAt(t) {
    const track = this.trace.robot_track;
    if (!track || !track.t?.length) return null;
    const { i, f } = bracket(track.t, t);
    const a = track.joints_deg[i];
    const b = track.joints_deg[Math.min(i + 1, track.joints_deg.length - 1)];
    return a.map((v, k) => v + (b[k] - v) * f);
  }

  /** Rotation of the TCP frame (world) at time t, as a Matrix4. */
  toolRotation(t, target) {
    const q = this.jointsAt(t);
    if (!q) return null;
    const r = q.map((v) => v * DEG);
    target.copy(this.baseMatrix).setPosition(0, 0, 0);
    target
      .multiply(rotZ(r[0]))
      .multiply(rotY(r[1] + r[2]))
      .multiply(rotZ(r[3]))
      .multiply(rotY(r[4]))
      .multiply(rotZ(r[5]))
      .multiply(this.toolMatrix);
    return target;
  }

  update(t) {
    const sk = this.skeleton;
    if (!sk?.t?.length) return;
    const { i, f } = bracket(sk.t, t);
    const A = sk.points_mm[i];
    const B = sk.points_mm[Math.min(i + 1, sk.points_mm.length - 1)];
    for (let k = 0; k < 8; k++) {
      const a = A[k] || A[A.length - 1];
      const b = B[k] || a;
      this.points[k].set(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
    }
    const p = this.points;
    const r = this.radii;
    // Pedestal: a flat disc under the base point.
    this.pedestal.position.copy(p[0]);
    this.pedestal.position.z += 15;
    this.pedestal.scale.set(r[0] * 1.35, r[0] * 1.35, 30);
    for (let s = 0; s < 6; s++) stretch(this.links[s], p[s], p[s + 1], r[s]);
    for (let j = 1; j <= 6; j++) {
      const sphere = this.joints[j - 1];
      const radius = Math.max(r[j - 1] || 0, r[j] || 0) * (j === 6 ? 0.9 : 1.05);
      sphere.position.copy(p[j]);
      sphere.scale.setScalar(j === 1 ? r[0] : radius);
    }
    this.updateTool(t, p[6], p[7]);
  }

  updateTool(t, flange, tcp) {
    const tool = this.tool || {};
    const R = this.toolRotation(t, _m);
    let axis;
    if (R) {
      axis = _b.set(0, 0, 1).transformDirection(R);
      _q.setFromRotationMatrix(R);
    } else {
      axis = _b.subVectors(tcp, flange);
      if (axis.lengthSq() < 1e-6) axis.set(0, 0, -1);
      axis.normalize();
      _q.setFromUnitVectors(Z, axis);
    }
    const reach = _a.subVectors(tcp, flange).dot(axis);
    const fingerLength = this.fingerSpec?.length_mm || 0;
    let length = tool.body?.length_mm || Math.max(0, reach - fingerLength);
    if (reach > 0) length = Math.min(length, reach);
    const radius = tool.body?.radius_mm || 25;
    _a.copy(flange).addScaledVector(axis, length);
    stretch(this.toolBody, flange, _a, radius);
    this.toolEnd.position.copy(tcp);
    this.toolEnd.quaternion.copy(_q);
    if (this.fingerSpec) {
      const half = this.openingAt(t) / 2 + this.fingerSpec.radius_mm;
      for (const finger of this.fingers) finger.position.x = finger.userData.side * half;
    }
  }

  dispose() {
    this.group.parent?.remove(this.group);
    for (const m of Object.values(this.materials)) m.dispose();
  }
}
