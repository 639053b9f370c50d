# The two commands a newcomer needs: `make serve` and `make test`. Each installs what it needs.
.PHONY: serve dist test bench bench-place lint-example web-tools

# Trunk finds wasm-opt (npm's binaryen) and wasm-bindgen here, so it downloads nothing.
WEB_PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

# The playground at http://127.0.0.1:8080/ (release build; rebuilt when a source changes).
serve: web-tools
	PATH="$(WEB_PATH)" trunk serve --release --locked

# The release static site in dist/: relative URLs, so it can be served from any sub-path.
dist: web-tools
	PATH="$(WEB_PATH)" trunk build --release --locked

web-tools:
	bash scripts/web-tools.sh

lint-example:
	cargo run -q -p ecsplay-cli -- lint examples/fargate-web.json; status=$$?; [ $$status -le 1 ]

test:
	bash scripts/test.sh

bench:
	cargo bench -p ecsplay-core --bench lint_corpus

bench-place:
	cargo bench -p ecsplay-core --bench placement
