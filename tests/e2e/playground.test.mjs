// End-to-end tests of the playground: the built dist/ served on localhost, in Debian's Chromium.
// Run: node --test tests/e2e/   (after `make dist`; scripts/test.sh does both)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, open, editorText, paste, screenshot, dist, root } from "./lib.mjs";

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, "index.html")), "dist/ is missing: run `make dist` first");
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Opens the playground, runs `body`, then fails on any console error or foreign request.
async function withPage(url, options, body) {
  const { context, page, problems } = await open(browser, url, options);
  try {
    await body(page);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], "console errors or requests to other origins");
}

const BROKEN = `{
  "family": "shop",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "shop",
      "image": "public.ecr.aws/nginx/nginx:1.27",
      "portMappings": [{"containerPort": 80, "hostPort": 8080}]
    }
  ]
}`;

// 1-based line and UTF-16 column of the first occurrence of `needle` in `text`.
function position(text, needle) {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}

test("the default example is linted, with markers and both themes", async () => {
  for (const colorScheme of ["light", "dark"]) {
    await withPage(server.url, { colorScheme }, async (page) => {
      await page.waitForSelector(".problem");
      const codes = await page.$$eval(".problem .code", (els) => els.map((e) => e.textContent));
      assert.ok(codes.includes("TD-FG-004"), codes.join(","));
      assert.equal(await page.textContent("[data-testid=form]"), "register");
      await page.waitForSelector(".cm-lintRange-error");
      await page.waitForSelector(".cm-gutter-lint .cm-lint-marker-error");
      await page.waitForSelector("[data-testid=rule-panel] .doc h4");
      await screenshot(page, `default-${colorScheme}`);
    });
  }
});

test("a pasted broken task definition shows its finding at the right line, in the panel and the editor", async () => {
  await withPage(server.url, {}, async (page) => {
    await paste(page, BROKEN);
    const item = page.locator(".problem", { hasText: "TD-NET-007" });
    await item.waitFor();
    const at = position(BROKEN, "8080");
    assert.equal(await item.locator("[data-testid=loc]").textContent(), `${at.line}:${at.column}`);
    // The marker underlines exactly the offending value.
    const marked = await page.$$eval(".cm-lintRange-error", (els) => els.map((e) => e.textContent));
    assert.ok(marked.includes("8080"), marked.join("|"));
    // Clicking the finding selects its range in the editor and shows its rule.
    await item.locator("button").click();
    const selection = await page.evaluate(() => {
      const view = window.ecsplayEditor.active().view;
      const { from, to } = view.state.selection.main;
      return view.state.sliceDoc(from, to);
    });
    assert.equal(selection, "8080");
    assert.match(await page.textContent("#rule-title"), /TD-NET-007/);
    const sources = await page.$$eval(".doc a", (els) => els.map((e) => e.href));
    assert.ok(sources.length > 0 && sources.every((s) => s.startsWith("https://")), sources.join(" "));
    await screenshot(page, "pasted-broken");
  });
});

test("the keyboard reaches a finding and Enter jumps to it", async () => {
  await withPage(server.url, {}, async (page) => {
    await page.waitForSelector(".problem");
    // Tab order: the first tab stop is a control of the top bar, with a visible focus ring.
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      return el.closest(".topbar") !== null && getComputedStyle(el).outlineStyle !== "none";
    });
    assert.ok(first, "the first Tab focuses the top bar");
    await page.focus(".problem:nth-child(2) button");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".problem:nth-child(2).selected");
    assert.ok(await page.evaluate(() => window.ecsplayEditor.active().view.hasFocus));
    await page.focus(".problem:nth-child(1) button");
    await page.keyboard.press(" ");
    await page.waitForSelector(".problem:nth-child(1).selected");
  });
});

test("the editor completes members and enum values from the schema, and documents them on hover", async () => {
  await withPage(server.url, {}, async (page) => {
    const doc = '{\n  "family": "x",\n  "networkMode": "",\n  "containerDefinitions": [{"name": "a", }]\n}';
    await paste(page, doc);
    const putCursor = (offset) =>
      page.evaluate((o) => {
        const view = window.ecsplayEditor.active().view;
        view.dispatch({ selection: { anchor: o } });
        view.focus();
      }, offset);
    await putCursor(doc.indexOf('""') + 1);
    await page.keyboard.type("a");
    // CodeMirror ignores a pick made within 75 ms of the list opening (its interactionDelay).
    const pick = async (label) => {
      const option = page.locator(".cm-tooltip-autocomplete li", { hasText: label });
      await option.first().waitFor();
      await page.waitForTimeout(250);
      await option.first().click();
    };
    await pick('"awsvpc"');
    await page.waitForFunction(() => window.ecsplayEditor.active().text().includes('"networkMode": "awsvpc",'));
    const edited = await editorText(page);
    await putCursor(edited.indexOf('"a", ') + 5);
    await page.keyboard.type('"ess');
    await pick("essential");
    await page.waitForFunction(() => /"name": "a", "essential": \s*\}/.test(window.ecsplayEditor.active().text()));
    await page.keyboard.press("Escape");
    await page.waitForSelector(".cm-tooltip-autocomplete", { state: "detached" });
    const name = page.locator(".cm-line", { hasText: '"networkMode"' }).locator("span", { hasText: "networkMode" }).first();
    const box = await name.boundingBox();
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.move(box.x + 14, box.y + box.height / 2);
    await page.locator(".cm-schema-hover", { hasText: "awsvpc" }).waitFor({ timeout: 5000 });
    await screenshot(page, "hover");
  });
});

test("picking an example loads it, and Reset goes back to it", async () => {
  await withPage(server.url, {}, async (page) => {
    await page.click("[data-testid=open-examples]");
    await page.waitForSelector(".dialog .card");
    const cards = await page.$$(".dialog .card");
    assert.ok(cards.length >= 12, `${cards.length} examples`);
    await screenshot(page, "gallery");
    // Keyboard: focus starts on the first card, Escape closes and gives focus back.
    assert.equal(await page.evaluate(() => document.activeElement.dataset.example), "fargate-web");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.closest(".dialog") !== null), true);
    await page.keyboard.press("Escape");
    await page.waitForSelector(".dialog", { state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "open-examples");
    await page.click("[data-testid=open-examples]");
    await page.click("[data-example=sidecar-healthy-without-check]");
    await page.waitForSelector(".problem .code >> text=TD-DEP-005");
    const expected = fs.readFileSync(path.join(root, "examples/sidecar-healthy-without-check.json"), "utf8");
    assert.equal(await editorText(page), expected);
    await paste(page, "{}");
    await page.waitForSelector(".problem .code >> text=TD-FORM-001");
    await page.click("[data-testid=reset]");
    await page.waitForSelector(".problem .code >> text=TD-DEP-005");
    assert.equal(await editorText(page), expected);
  });
});

test("a copied permalink reproduces the text and the view in a fresh page", async () => {
  let link;
  const text = BROKEN.replace("shop", "permalink-ü-✓");
  await withPage(server.url, {}, async (page) => {
    await paste(page, text);
    await page.locator(".problem", { hasText: "TD-NET-007" }).waitFor();
    // Copy Markdown follows the view: the findings here, the placement summary there.
    await page.click("[data-testid=copy-markdown]");
    await page.waitForSelector("[data-testid=notice] >> text=as Markdown");
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(markdown, /\| error \| \[`TD-NET-007`\]\([^)]*\) \| 12:\d+ \|/);
    await page.click("#tab-place");
    await page.waitForSelector("[data-testid=fleet-picture]");
    await page.click("[data-testid=copy-markdown]");
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).startsWith("**ecsplay placement**"));
    await page.click("[data-testid=copy-link]");
    await page.waitForSelector("[data-testid=notice] >> text=Copied the link");
    link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#v1:[A-Za-z0-9_-]+$/);
    assert.equal(link, page.url());
  });
  await withPage(link, {}, async (page) => {
    assert.equal(await page.getAttribute("#tab-place", "aria-selected"), "true");
    await page.click("#tab-lint");
    await page.waitForSelector(".cm-content");
    assert.equal(await editorText(page), text);
  });
});

test("a docs page can link to a rule: its page and its example open", async () => {
  await withPage(`${server.url}#rule=TD-NET-007`, {}, async (page) => {
    await page.locator(".problem .code", { hasText: "TD-NET-007" }).first().waitFor();
    assert.match(await page.textContent("#rule-title"), /TD-NET-007/);
  });
});

test("a damaged link says so instead of failing", async () => {
  await withPage(`${server.url}#v1:not-a-link`, {}, async (page) => {
    await page.waitForSelector("[data-testid=notice].error");
    await page.waitForSelector(".problem");
  });
});

test("Download JSON gives the CLI's JSON shape", async () => {
  await withPage(server.url, {}, async (page) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=download-json]"),
    ]);
    const file = await download.path();
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.equal(doc.files[0].form, "register");
    assert.equal(doc.summary.error, doc.files[0].diagnostics.filter((d) => d.severity === "error").length);
  });
});

test("the theme toggle switches and is kept in the link", async () => {
  await withPage(server.url, { colorScheme: "light" }, async (page) => {
    await page.click("[data-testid=theme]");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    await page.waitForFunction(() => location.hash.startsWith("#v1:"));
    await screenshot(page, "toggled-dark");
  });
});

test("a 64 KiB document lints without lag", async () => {
  const containers = [];
  for (let c = 0; c < 10; c++) {
    const environment = [];
    for (let i = 0; i < 62; i++) environment.push({ name: `VAR_${c}_${i}`, value: `value-${i}-${"x".repeat(24)}` });
    containers.push({ name: `c${c}`, image: "public.ecr.aws/nginx/nginx:1.27", memory: 128, environment });
  }
  const big = JSON.stringify({ family: "big", containerDefinitions: containers }, null, 2);
  assert.ok(big.length >= 64 * 1024 && big.length < 80 * 1024, `${big.length} bytes`);
  await withPage(server.url, {}, async (page) => {
    await paste(page, big);
    assert.equal(await editorText(page), big);
    const ms = Number(await page.getAttribute("[data-testid=lint-ms]", "data-ms"));
    console.log(`lint time for ${big.length} bytes in the browser: ${ms.toFixed(1)} ms`);
    assert.ok(ms < 250, `${ms} ms`);
    // Typing stays responsive: a keystroke's frame is not blocked by linting.
    await page.click(".cm-content");
    const t0 = Date.now();
    await page.keyboard.type("  ");
    assert.ok(Date.now() - t0 < 1000);
  });
});

test("a failed start shows a readable error panel, not a blank page", async () => {
  const broken = await serve(dist, "/", { hide: /\.wasm$/ });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(broken.url);
    const panel = page.locator(".fatal[role=alert]");
    await panel.waitFor();
    assert.match(await panel.textContent(), /could not start/);
    await screenshot(page, "failed-start");
  } finally {
    await context.close();
    await broken.close();
  }
});

test("the site works from a sub-path", async () => {
  const sub = await serve(dist, "/docs/ecsplay/");
  try {
    await withPage(sub.url, {}, async (page) => {
      await page.waitForSelector(".problem");
      assert.ok(page.url().startsWith(sub.url));
    });
  } finally {
    await sub.close();
  }
});
