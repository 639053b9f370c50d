// The playground's budget: the transferred size of its wasm + JS + CSS (gzip and brotli, as a
// server would send them) and the time to interactive in headless Chromium on localhost
// (navigation start to the first lint result rendered: the `ecsplay-interactive` mark).
//   node scripts/web-budget.mjs        (after `make dist`)
// Reports both against their goals (900 KB brotli, 1 s). Fails when the brotli size passes the
// regression ceiling (the measured size plus a margin), so that growth is a decision, not an accident.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, dist } from "../tests/e2e/lib.mjs";

const BUDGET_BROTLI = 900 * 1000;
// Measured 2026-12-01 at 991 KB with the placement engine and 282 rules (the rule pages are
// fetched on demand, not counted here); the goal above is not met yet.
const CEILING_BROTLI = 1050 * 1000;
const BUDGET_TTI_MS = 1000;
const RUNS = 5;

const rows = [];
for (const name of fs.readdirSync(dist).sort()) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = fs.readFileSync(path.join(dist, name));
  rows.push({
    name,
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  });
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(10);
console.log(`${"file".padEnd(44)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`);
for (const r of [...rows, { name: "total", ...total }]) {
  console.log(`${r.name.padEnd(44)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
}

const server = await serve();
const browser = await launch();
const times = [];
try {
  for (let i = 0; i < RUNS; i++) {
    // A fresh context each time: nothing cached, as on a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("html[data-ready]");
    times.push(await page.evaluate(() => performance.getEntriesByName("ecsplay-interactive")[0].startTime));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`time to interactive (localhost, ${RUNS} cold loads): median ${median.toFixed(0)} ms, ` +
  `min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms (budget ${BUDGET_TTI_MS} ms)`);
console.log(`transferred (brotli): ${(total.brotli / 1000).toFixed(1)} KB of ${BUDGET_BROTLI / 1000} KB; gzip: ${(total.gzip / 1000).toFixed(1)} KB`);
if (median > BUDGET_TTI_MS) console.log("warning: the time to interactive is over budget");
if (total.brotli > BUDGET_BROTLI) {
  console.log(`warning: the brotli size is over the ${BUDGET_BROTLI / 1000} KB goal`);
}
if (total.brotli > CEILING_BROTLI) {
  console.error(`error: the brotli size passed the regression ceiling of ${CEILING_BROTLI / 1000} KB`);
  process.exit(1);
}
