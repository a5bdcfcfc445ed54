// Bundle the lab's browser code with esbuild:
//   src/main.js (+ lab.css, three, CodeMirror) -> ../src/robocampus/static/robocampus/dist/lab.js, lab.css
// An ES module, minified, with every dependency inside: the page loads
// nothing from the network but these two files.
//
//   node build.mjs            # production build
//   node build.mjs --watch    # rebuild on change (dev), not minified
//   node build.mjs --dev      # one build, not minified, with source maps

import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, "../src/robocampus/static/robocampus/dist");
const watch = process.argv.includes("--watch");
const dev = watch || process.argv.includes("--dev");

const options = {
  entryPoints: { lab: path.join(here, "src/main.js") },
  outdir,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2020", "chrome90", "firefox90", "safari15"],
  minify: !dev,
  sourcemap: dev ? "linked" : false,
  legalComments: "eof",
  logLevel: "info",
  charset: "utf8",
  define: { "process.env.NODE_ENV": dev ? '"development"' : '"production"' },
};

fs.mkdirSync(outdir, { recursive: true });
if (!dev) {
  // No stale maps from an earlier dev build next to a production bundle.
  for (const name of ["lab.js.map", "lab.css.map"]) fs.rmSync(path.join(outdir, name), { force: true });
}

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log(`watching; writing to ${outdir}`);
} else {
  const result = await esbuild.build({ ...options, metafile: true });
  // Refuse a bundle that would fetch something at run time.
  const js = fs.readFileSync(path.join(outdir, "lab.js"), "utf8");
  const css = fs.readFileSync(path.join(outdir, "lab.css"), "utf8");
  if (/@import\s+url\(|url\(\s*["']?https?:/i.test(css)) {
    console.error("lab.css refers to an external URL");
    process.exit(1);
  }
  if (/\bimport\s*\(\s*["']https?:|from\s*["']https?:/.test(js)) {
    console.error("lab.js imports from an external URL");
    process.exit(1);
  }
  const sizes = Object.entries(result.metafile.outputs)
    .map(([file, out]) => `${path.basename(file)} ${(out.bytes / 1024).toFixed(0)} kB`)
    .join(", ");
  console.log(`built ${sizes} in ${outdir}`);
}
