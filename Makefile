# The two commands a newcomer needs: `make serve` and `make test`. Each installs what it needs.
.PHONY: serve test bench bench-place lint-example

# Until the web playground lands, "serve" lints the bundled example task definition.
serve: lint-example

lint-example:
	cargo run -q -p ecsplay-cli -- lint examples/fargate-web.json; status=$$?; [ $$status -le 1 ]

test:
	bash scripts/test.sh

bench:
	cargo bench -p ecsplay-core --bench lint_corpus

bench-place:
	cargo bench -p ecsplay-core --bench placement
