// Helpers of the end-to-end tests: a tiny static server for dist/ (optionally under a sub-path),
// Debian's Chromium driven by playwright-core, and a page that records console errors and any
// request that leaves the page's origin (both fail the test).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = path.join(root, "dist");
export const artifacts = path.join(root, "tests/e2e/artifacts");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

// Serves `dir` at http://127.0.0.1:<port><prefix>; anything outside the prefix is a 404, and so
// is any file whose name matches `hide` (to test a failed start).
export function serve(dir = dist, prefix = "/", { hide } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let rel = url.pathname;
    if (!rel.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    rel = decodeURIComponent(rel.slice(prefix.length)) || "index.html";
    const file = path.join(dir, rel);
    if ((hide && hide.test(rel)) || !file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": types[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

// A fresh browser context and page; `problems` collects console errors, page errors and
// requests to other origins (which are also aborted, so nothing leaves the machine).
export async function open(browser, url, { colorScheme = "light", viewport } = {}) {
  const context = await browser.newContext({
    colorScheme,
    viewport: viewport || { width: 1400, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(url).origin,
  });
  const origin = new URL(url).origin;
  const problems = [];
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.origin !== origin && target.protocol !== "blob:" && target.protocol !== "data:") {
      problems.push(`request to another origin: ${target.href}`);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  await page.waitForSelector("html[data-ready]");
  return { context, page, problems };
}

// The editor's current text.
export function editorText(page) {
  return page.evaluate(() => window.ecsplayEditor.active().text());
}

// The lint view's lint-run counter.
export function revision(page) {
  return page.getAttribute("[data-testid=lint-ms]", "data-revision");
}

// Replaces the editor's text by pasting it from the clipboard, and waits for its lint result.
export async function paste(page, text) {
  const before = await revision(page);
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
  await page.waitForFunction(
    (r) => document.querySelector("[data-testid=lint-ms]").dataset.revision !== r,
    before,
  );
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
