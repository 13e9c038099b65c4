// Builds build/plotly/plotly-course.min.js: plotly.js with only the trace types the course draws.
// The full bundle is about 4.8 MB (1.5 MB compressed); this one is about a third of that, which matters on a phone.
// Run by `make book` when Node is present (the npm versions are pinned in package-lock.json); without Node the site
// serves the full bundle from the plotly Python package instead.
import { build } from "esbuild";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Trace types in the bundle ("scatter" is part of plotly's core). Keep in step with TRACES_IN_BUNDLE's users:
// a page with any other trace type is given the full bundle by book/_ext/course_assets.py.
export const TRACES = ["bar", "scattergeo", "choropleth"];

const outDir = join(root, "build", "plotly");
mkdirSync(outDir, { recursive: true });
const entry = join(outDir, "entry.js");
writeFileSync(
  entry,
  "var Plotly = require('plotly.js/lib/core');\n" +
    `Plotly.register([${TRACES.map((t) => `require('plotly.js/lib/${t}')`).join(", ")}]);\n` +
    "module.exports = Plotly;\n",
);
const version = JSON.parse(readFileSync(join(root, "node_modules", "plotly.js", "package.json"), "utf8")).version;
await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  outfile: join(outDir, "plotly-course.min.js"),
  loader: { ".css": "empty" },
  // plotly.js and its dependencies were written for browserify, which provided these names.
  define: { global: "window" },
  legalComments: "none",
  logLevel: "warning",
  banner: { js: `/* plotly.js ${version} (MIT), course bundle: scatter, ${TRACES.join(", ")} */` },
});
writeFileSync(join(outDir, "traces.json"), JSON.stringify(["scatter", ...TRACES]) + "\n");
console.log(`plotly.js ${version} course bundle written to build/plotly/plotly-course.min.js`);
