// Writes every rule's documentation page to web/build/rules/<CODE>.json for the playground, which
// is built without them (ecsplay-core's `docs` feature) and fetches a page when it shows a rule.
// Run by Trunk's pre_build hook (Trunk.toml) or by hand: node web/js/rule-docs.mjs
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.join(root, "web/build/rules");
const json = execFileSync("cargo", ["run", "-q", "--locked", "-p", "ecsplay-cli", "--", "rules", "--format", "json"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
  stdio: ["ignore", "pipe", "inherit"],
});
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const rule of JSON.parse(json)) {
  const page = { code: rule.code, documentation: rule.documentation };
  fs.writeFileSync(path.join(out, `${rule.code}.json`), JSON.stringify(page));
  n += 1;
}
console.log(`rule-docs: ${n} pages in web/build/rules/`);
