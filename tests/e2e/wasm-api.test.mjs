// The JavaScript API (crates/ecsplay-wasm, interfaces.md §5) as Node loads it: lint, place and
// rules give what the CLI gives. Build it first: `bash scripts/npm-package.sh --node`.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { root } from "./lib.mjs";

const built = path.join(root, "target/ecsplay-wasm-node/ecsplay.js");
const api = createRequire(import.meta.url)(built);
const cli = path.join(root, "target/debug/ecsplay");

const BROKEN = JSON.stringify({
  family: "web",
  networkMode: "awsvpc",
  containerDefinitions: [{ name: "app", image: "nginx:1.27", memory: 512, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
});

test("lint gives the CLI's diagnostics for one file", () => {
  const out = api.lint(BROKEN);
  assert.equal(out.form, "register");
  assert.ok(out.diagnostics.some((d) => d.code === "TD-NET-007" && d.range.start.line === 1));
  assert.equal(out.summary.error, out.diagnostics.filter((d) => d.severity === "error").length);
  const only = api.lint(BROKEN, { select: ["TD-NET"] });
  assert.deepEqual([...new Set(only.diagnostics.map((d) => d.code))], ["TD-NET-007"]);
  assert.throws(() => api.lint(BROKEN, { selekt: [] }), /invalid lint options/);
  if (fs.existsSync(cli)) {
    const file = path.join(root, "target/wasm-api-broken.json");
    fs.writeFileSync(file, BROKEN);
    let json;
    try {
      json = execFileSync(cli, ["lint", "--format", "json", file], { encoding: "utf8" });
    } catch (e) {
      json = e.stdout;
    }
    assert.deepEqual(JSON.parse(json).files[0].diagnostics, out.diagnostics);
  }
});

test("place runs a scenario, and an invalid one throws with pointers", () => {
  const scenario = fs.readFileSync(path.join(root, "tests/scenarios/spread-binpack.json"), "utf8");
  const result = api.place(scenario);
  assert.equal(result.seed, 7);
  assert.equal(result.steps[0].tasks.length, 6);
  const again = api.place(JSON.parse(scenario), { seed: 7, explain: true });
  assert.deepEqual(again.steps[0].tasks, result.steps[0].tasks, "same seed, same plan");
  assert.ok(again.steps[0].placements.length > 0);
  assert.throws(
    () => api.place({ cluster: { instances: [{ id: "i-1" }] } }),
    (e) => e.message.startsWith("the scenario is not valid") && e.errors[0].pointer === "/cluster/instances/0",
  );
});

test("rules documents every rule", () => {
  const rules = api.rules();
  assert.ok(rules.length > 250);
  const r = rules.find((x) => x.code === "TD-NET-007");
  assert.equal(r.severity, "error");
  assert.match(r.documentation, /## References/);
});
