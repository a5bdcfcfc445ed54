// The work cell of one trace: fixtures, parts, conveyors, sensors, lamps,
// machines, safety zones and people, built from trace.scene and moved to a
// playback time with update(t). Units are the trace's: mm and degrees.

import {
  Box3,
  BoxGeometry,
  BufferGeometry,
  Color,
  CylinderGeometry,
  EdgesGeometry,
  Group,
  Line,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshStandardMaterial,
  SphereGeometry,
  Vector3,
} from "three";
import { applyPose, bitAt, bracket, cssColor, lerpPose } from "./math.js";

// Unit shapes, scaled per object: a 1 mm cube and a cylinder of radius 1 and
// height 1 along Z (three's cylinders stand along Y).
export const UNIT_BOX = new BoxGeometry(1, 1, 1);
export const UNIT_BOX_EDGES = new EdgesGeometry(UNIT_BOX);
export const UNIT_CYLINDER = new CylinderGeometry(1, 1, 1, 32).rotateX(Math.PI / 2);
export const UNIT_SPHERE = new SphereGeometry(1, 24, 16);

const LAMP_COLORS = { green: "#22c55e", red: "#ef4444", yellow: "#facc15", amber: "#f59e0b", blue: "#3b82f6", white: "#f8fafc", orange: "#f97316" };
const PERSON_HEIGHT_MM = 1700;
const MACHINE_SIZE_MM = [260, 260, 320];
const SLAT_SPACING_MM = 60;
const BELT_SPEED_MM_S = 100; // for the look of a running belt only

const TRANSLUCENT_KINDS = new Set(["fence", "guard", "wall", "panel", "window"]);

export class CellScene {
  constructor(root) {
    this.root = new Group();
    this.root.name = "cell";
    root.add(this.root);
    this.materials = new Map();
    this.ownMaterials = [];
    this.ownGeometries = [];
    this.updaters = [];
    this.floorZ = 0;
  }

  /** Build the cell of `trace` (replacing any previous one). */
  load(trace) {
    this.clear();
    this.trace = trace;
    const scene = trace.scene || {};
    this.floorZ = this.lowest(scene);
    for (const f of scene.fixtures || []) this.addFixture(f);
    for (const d of scene.devices || []) this.addDevice(d, trace);
    this.addParts(trace);
    for (const p of scene.people || []) this.addPerson(p);
    if (scene.work_area) this.addWorkArea(scene.work_area);
  }

  clear() {
    this.root.clear();
    for (const m of this.ownMaterials) m.dispose();
    for (const m of this.materials.values()) m.dispose();
    for (const g of this.ownGeometries) g.dispose();
    this.ownMaterials = [];
    this.ownGeometries = [];
    this.workArea = null;
    this.materials.clear();
    this.updaters = [];
  }

  update(t) {
    for (const fn of this.updaters) fn(t);
  }

  /** Bounding box of the cell, for framing the camera. */
  bounds() {
    const box = new Box3();
    for (const child of this.root.children) {
      if (child !== this.workArea && !child.name.startsWith("person:")) box.expandByObject(child);
    }
    // People: every place they walk to, not where they stand now.
    for (const p of this.trace?.scene?.people || []) {
      for (const [x, y] of p.xy || []) {
        box.expandByPoint(new Vector3(x, y, this.floorZ));
        box.expandByPoint(new Vector3(x, y, this.floorZ + PERSON_HEIGHT_MM));
      }
    }
    return box;
  }

  // -- materials -------------------------------------------------------------

  material(color, { opacity = 1, emissive = null } = {}) {
    const key = `${color}|${opacity}|${emissive}`;
    let m = this.materials.get(key);
    if (!m) {
      m = new MeshStandardMaterial({
        color: new Color(cssColor(color)),
        roughness: 0.7,
        metalness: 0.05,
        transparent: opacity < 1,
        opacity,
        depthWrite: opacity >= 1,
      });
      if (emissive) m.emissive = new Color(emissive);
      this.materials.set(key, m);
    }
    return m;
  }

  own(material) {
    this.ownMaterials.push(material);
    return material;
  }

  lowest(scene) {
    let z = 0;
    for (const f of scene.fixtures || []) {
      const s = f.shape || {};
      const half = s.shape === "cylinder" ? (s.height_mm || 0) / 2 : ((s.size_mm || [0, 0, 0])[2] || 0) / 2;
      z = Math.min(z, (f.pose?.[2] || 0) - half);
    }
    for (const d of scene.devices || []) {
      if (d.kind === "conveyor") z = Math.min(z, (d.pose?.[2] || 0) - (d.thickness_mm || 0));
    }
    return z - 0.5;
  }

  // -- solids -----------------------------------------------------------------

  solid(shape, material) {
    let mesh;
    if (shape.shape === "cylinder") {
      mesh = new Mesh(UNIT_CYLINDER, material);
      const r = shape.radius_mm || 10;
      mesh.scale.set(r, r, shape.height_mm || 10);
    } else {
      mesh = new Mesh(UNIT_BOX, material);
      const [x, y, z] = shape.size_mm || [10, 10, 10];
      mesh.scale.set(x, y, z);
      const edges = new LineSegments(UNIT_BOX_EDGES, this.edgeMaterial());
      mesh.add(edges);
    }
    return mesh;
  }

  edgeMaterial() {
    if (!this._edges) this._edges = new LineBasicMaterial({ color: 0x334155, transparent: true, opacity: 0.35 });
    return this._edges;
  }

  addFixture(f) {
    const translucent = TRANSLUCENT_KINDS.has(f.kind);
    const mesh = this.solid(f.shape || {}, this.material(f.color, { opacity: translucent ? 0.22 : 1 }));
    applyPose(mesh, f.pose || [0, 0, 0, 0, 0, 0]);
    mesh.name = `fixture:${f.id}`;
    this.root.add(mesh);
  }

  addParts(trace) {
    const types = new Map((trace.scene?.part_types || []).map((p) => [p.type, p]));
    for (const [id, part] of Object.entries(trace.parts || {})) {
      const type = types.get(part.type) || { shape: "box", size_mm: [40, 40, 30], color: "#d62828" };
      const mesh = this.solid(type, this.material(type.color || "#d62828"));
      mesh.name = `part:${id}`;
      mesh.visible = false;
      this.root.add(mesh);
      const ts = part.t || [];
      const poses = part.pose || [];
      this.updaters.push((t) => {
        if (!ts.length || t < ts[0]) {
          mesh.visible = false;
          return;
        }
        const { i, f } = bracket(ts, t);
        const pose = i + 1 < poses.length ? lerpPose(poses[i], poses[i + 1], f) : poses[i];
        mesh.visible = true;
        applyPose(mesh, pose);
      });
    }
  }

  // -- devices -----------------------------------------------------------------

  addDevice(d, trace) {
    switch (d.kind) {
      case "conveyor":
        return this.addConveyor(d, trace.io);
      case "photo_eye":
        return this.addPhotoEye(d, trace.io);
      case "feeder":
        return this.addFeeder(d);
      case "lamp":
        return this.addLamp(d, trace.io);
      case "machine":
        return this.addMachine(d, trace.io);
      case "light_curtain":
      case "area_scanner":
        return this.addZone(d, trace.io);
      default:
        return null;
    }
  }

  addConveyor(d, io) {
    const length = d.length_mm || 500;
    const width = d.width_mm || 100;
    const thick = d.thickness_mm || 50;
    const group = new Group();
    group.name = `conveyor:${d.id}`;
    applyPose(group, d.pose || [0, 0, 0, 0, 0, 0]);
    const frame = new Mesh(UNIT_BOX, this.material("#4b5563"));
    frame.scale.set(length, width + 30, thick - 4);
    frame.position.z = -thick / 2 - 2;
    group.add(frame);
    const belt = new Mesh(UNIT_BOX, this.material("#1f2937"));
    belt.scale.set(length, width, 4);
    belt.position.z = -2;
    group.add(belt);
    // Slats that travel along the belt while its run bit is on.
    const slatMat = this.material("#9ca3af");
    const slats = [];
    const count = Math.max(2, Math.floor(length / SLAT_SPACING_MM));
    for (let i = 0; i < count; i++) {
      const slat = new Mesh(UNIT_BOX, slatMat);
      slat.scale.set(6, width * 0.96, 1.5);
      slat.position.z = 0.2;
      group.add(slat);
      slats.push(slat);
    }
    this.root.add(group);
    const bit = d.run_bit;
    const changes = (io || []).filter(([, dir, b]) => dir === "out" && b === bit);
    const runningTime = (t) => {
      let total = 0;
      let since = null;
      for (const [time, , , v] of changes) {
        if (time > t) break;
        if (v && since === null) since = time;
        if (!v && since !== null) {
          total += time - since;
          since = null;
        }
      }
      if (since !== null) total += t - since;
      return total;
    };
    this.updaters.push((t) => {
      const offset = (runningTime(t) * BELT_SPEED_MM_S) % SLAT_SPACING_MM;
      const span = count * SLAT_SPACING_MM;
      slats.forEach((slat, i) => {
        const x = (i * SLAT_SPACING_MM + offset) % span;
        slat.position.x = -length / 2 + (x / span) * length;
      });
    });
  }

  addPhotoEye(d, io) {
    const a = new Vector3(...(d.source || [0, 0, 0]));
    const b = new Vector3(...(d.target || [0, 0, 0]));
    const beamMat = this.own(new LineBasicMaterial({ color: 0xef4444, transparent: true, opacity: 0.5 }));
    const beamGeometry = new BufferGeometry().setFromPoints([a, b]);
    this.ownGeometries.push(beamGeometry);
    const beam = new Line(beamGeometry, beamMat);
    beam.name = `photo_eye:${d.id}`;
    this.root.add(beam);
    for (const [p, color] of [
      [a, "#111827"],
      [b, "#6b7280"],
    ]) {
      const head = new Mesh(UNIT_BOX, this.material(color));
      head.scale.set(16, 16, 24);
      head.position.copy(p);
      this.root.add(head);
    }
    this.updaters.push((t) => {
      const on = bitAt(io, "in", d.input_bit, t) === 1;
      beamMat.opacity = on ? 1 : 0.35;
      beamMat.color.set(on ? 0xff1a1a : 0xef4444);
    });
  }

  addFeeder(d) {
    const mesh = new Mesh(UNIT_BOX, this.material("#64748b", { opacity: 0.25 }));
    mesh.scale.set(110, 110, 60);
    applyPose(mesh, d.at || [0, 0, 0, 0, 0, 0]);
    mesh.position.z += 110;
    mesh.name = `feeder:${d.id}`;
    mesh.add(new LineSegments(UNIT_BOX_EDGES, this.edgeMaterial()));
    this.root.add(mesh);
  }

  addLamp(d, io) {
    const [x, y, z] = d.position || [0, 0, 0];
    const pole = new Mesh(UNIT_CYLINDER, this.material("#6b7280"));
    const bottom = this.floorZ;
    pole.scale.set(8, 8, Math.max(1, z - bottom));
    pole.position.set(x, y, (z + bottom) / 2);
    this.root.add(pole);
    const color = LAMP_COLORS[d.color] || cssColor(d.color, "#22c55e");
    const lensMat = this.own(
      new MeshStandardMaterial({ color: new Color(color), roughness: 0.3, emissive: new Color(color), emissiveIntensity: 0 })
    );
    const lens = new Mesh(UNIT_CYLINDER, lensMat);
    lens.scale.set(30, 30, 60);
    lens.position.set(x, y, z + 30);
    lens.name = `lamp:${d.id}`;
    this.root.add(lens);
    const off = new Color(color).multiplyScalar(0.35);
    const on = new Color(color);
    this.updaters.push((t) => {
      const lit = bitAt(io, "out", d.output_bit, t) === 1;
      lensMat.color.copy(lit ? on : off);
      lensMat.emissiveIntensity = lit ? 1.2 : 0;
    });
  }

  addMachine(d, io) {
    const [x, y, z] = d.position || [0, 0, 0];
    const mat = this.own(
      new MeshStandardMaterial({ color: new Color("#94a3b8"), transparent: true, opacity: 0.35, depthWrite: false })
    );
    const box = new Mesh(UNIT_BOX, mat);
    box.scale.set(...MACHINE_SIZE_MM);
    box.position.set(x, y, z + MACHINE_SIZE_MM[2] / 2);
    box.name = `machine:${d.id}`;
    box.add(new LineSegments(UNIT_BOX_EDGES, this.edgeMaterial()));
    this.root.add(box);
    this.updaters.push((t) => {
      const busy = d.busy_bit != null && bitAt(io, "in", d.busy_bit, t) === 1;
      const done = d.done_bit != null && bitAt(io, "in", d.done_bit, t) === 1;
      mat.color.set(busy ? "#f59e0b" : done ? "#22c55e" : "#94a3b8");
    });
  }

  addZone(d, io) {
    const min = d.min || [0, 0, 0];
    const max = d.max || [0, 0, 0];
    const mat = this.own(
      new MeshStandardMaterial({ color: new Color("#facc15"), transparent: true, opacity: 0.14, depthWrite: false })
    );
    const box = new Mesh(UNIT_BOX, mat);
    box.scale.set(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
    box.position.set((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
    box.name = `${d.kind}:${d.id}`;
    const edgeMat = this.own(new LineBasicMaterial({ color: 0xca8a04 }));
    box.add(new LineSegments(UNIT_BOX_EDGES, edgeMat));
    this.root.add(box);
    this.updaters.push((t) => {
      const tripped = bitAt(io, "in", d.input_bit, t) === 1;
      mat.color.set(tripped ? "#ef4444" : "#facc15");
      mat.opacity = tripped ? 0.22 : 0.14;
      edgeMat.color.set(tripped ? 0xdc2626 : 0xca8a04);
    });
  }

  addPerson(p) {
    const group = new Group();
    group.name = `person:${p.id}`;
    const r = p.radius_mm || 250;
    const body = new Mesh(UNIT_CYLINDER, this.material("#2563eb", { opacity: 0.85 }));
    body.scale.set(r * 0.8, r * 0.8, PERSON_HEIGHT_MM - 250);
    body.position.z = (PERSON_HEIGHT_MM - 250) / 2;
    group.add(body);
    const head = new Mesh(UNIT_SPHERE, this.material("#f1c27d"));
    head.scale.setScalar(110);
    head.position.z = PERSON_HEIGHT_MM - 110;
    group.add(head);
    const ring = new Mesh(UNIT_CYLINDER, this.material("#2563eb", { opacity: 0.15 }));
    ring.scale.set(r, r, 4);
    group.add(ring);
    group.position.z = this.floorZ;
    this.root.add(group);
    const ts = p.t || [];
    const xy = p.xy || [];
    this.updaters.push((t) => {
      if (!ts.length) return;
      let x;
      let y;
      if (t <= ts[0]) [x, y] = xy[0];
      else if (t >= ts[ts.length - 1]) [x, y] = xy[xy.length - 1];
      else {
        const { i, f } = bracket(ts, t);
        x = xy[i][0] + (xy[i + 1][0] - xy[i][0]) * f;
        y = xy[i][1] + (xy[i + 1][1] - xy[i][1]) * f;
      }
      group.position.x = x;
      group.position.y = y;
    });
  }

  addWorkArea(area) {
    const min = area.min || [0, 0, 0];
    const max = area.max || [0, 0, 0];
    const mat = this.own(new LineBasicMaterial({ color: 0x60a5fa, transparent: true, opacity: 0.45 }));
    const box = new LineSegments(UNIT_BOX_EDGES, mat);
    box.scale.set(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
    box.position.set((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
    box.name = "work_area";
    this.workArea = box;
    this.root.add(box);
  }
}
