// Bundles the editor bridge (web/js/editor.js and its CodeMirror packages from node_modules)
// into one minified script. Run by Trunk's pre_build hook (Trunk.toml) or by hand:
//   node web/js/build.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [path.join(here, "editor.js")],
  outfile: path.join(here, "build", "editor.js"),
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
});
