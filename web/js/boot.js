// Starts the wasm app. Trunk writes this script's tag (Trunk.toml `pattern_script`) with the
// hashed names of the wasm-bindgen loader and the wasm file, relative to the page, so the
// playground works from any sub-path and the page needs no inline script (its CSP forbids them).
const tag = document.getElementById("ecsplay-boot");

function fail(error) {
  console.error(error);
  const panel = document.createElement("div");
  panel.className = "fatal";
  panel.setAttribute("role", "alert");
  const title = document.createElement("h1");
  title.textContent = "The playground could not start";
  const detail = document.createElement("pre");
  detail.textContent = String(error && error.stack ? error.stack : error);
  const hint = document.createElement("p");
  hint.textContent = "Reload the page; if this persists, your browser may not support WebAssembly.";
  panel.append(title, hint, detail);
  document.body.replaceChildren(panel);
}

(async () => {
  const base = new URL(".", document.baseURI);
  const loader = await import(new URL(tag.dataset.js, base).href);
  await loader.default({ module_or_path: new URL(tag.dataset.wasm, base).href });
})().catch(fail);
