// The 3D viewport: renderer, Z-up camera in millimetres, orbit controls,
// lights and the floor grid. Renders on demand (camera moves, playback).

import {
  AmbientLight,
  Box3,
  Color,
  DirectionalLight,
  GridHelper,
  HemisphereLight,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";

export function webglAvailable() {
  try {
    const canvas = document.createElement("canvas");
    return !!(window.WebGLRenderingContext && (canvas.getContext("webgl2") || canvas.getContext("webgl")));
  } catch {
    return false;
  }
}

export class Viewer {
  constructor(container, { label } = {}) {
    this.container = container;
    this.renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    const canvas = this.renderer.domElement;
    canvas.id = "lab-canvas";
    canvas.setAttribute("role", "img");
    if (label) canvas.setAttribute("aria-label", label);
    canvas.tabIndex = 0;
    container.append(canvas);

    this.scene = new Scene();
    this.scene.background = new Color("#e8edf3");
    this.camera = new PerspectiveCamera(40, 1, 10, 60000);
    this.camera.up.set(0, 0, 1); // the world is Z-up, in mm
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = false;
    this.controls.screenSpacePanning = true;
    this.controls.addEventListener("change", () => this.requestRender());

    this.scene.add(new HemisphereLight(0xffffff, 0x8a8f99, 1.6));
    this.scene.add(new AmbientLight(0xffffff, 0.35));
    const sun = new DirectionalLight(0xffffff, 1.6);
    sun.position.set(1500, -1200, 3000);
    this.scene.add(sun);
    const fill = new DirectionalLight(0xffffff, 0.5);
    fill.position.set(-2000, 1500, 1000);
    this.scene.add(fill);

    this.grid = null;
    this.setFloor(4000, 0);
    this.home = { position: new Vector3(1700, -1500, 1300), target: new Vector3(250, 0, 150) };
    this.resetView();

    this.pending = false;
    this.beforeRender = null;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  /** A floor grid `size` mm wide (100 mm squares) at height z. */
  setFloor(size, z) {
    if (this.grid) {
      this.scene.remove(this.grid);
      this.grid.geometry.dispose();
      this.grid.material.dispose();
    }
    const divisions = Math.round(size / 100);
    this.grid = new GridHelper(size, divisions, 0x8795a8, 0xc3ccd8);
    this.grid.rotation.x = Math.PI / 2; // GridHelper lies in XZ; the floor is XY
    this.grid.position.z = z;
    this.scene.add(this.grid);
  }

  /** Aim the camera at a box (THREE.Box3) from the front-right, above. */
  frame(box) {
    if (!box || box.isEmpty()) return;
    const center = box.getCenter(new Vector3());
    const size = box.getSize(new Vector3());
    const radius = Math.max(400, 0.5 * size.length());
    const distance = radius / Math.sin((this.camera.fov * Math.PI) / 360) * 0.9;
    const dir = new Vector3(0.45, -1, 0.7).normalize();
    center.z = Math.max(center.z, 100);
    this.home = { position: center.clone().addScaledVector(dir, distance), target: center };
    this.resetView();
  }

  resetView() {
    this.camera.position.copy(this.home.position);
    this.controls.target.copy(this.home.target);
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.requestRender();
  }

  resize() {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  requestRender() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  render() {
    if (this.beforeRender) this.beforeRender();
    this.renderer.render(this.scene, this.camera);
  }

  static boxOf(objects) {
    const box = new Box3();
    for (const o of objects) box.expandByObject(o);
    return box;
  }
}
