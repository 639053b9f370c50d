//! Lints the whole real-world corpus (`../shared/corpus/real`): documents per second, and the
//! median time of one document.
//!
//! Run with `cargo bench -p ecsplay-core --bench lint_corpus`.

use criterion::{criterion_group, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

#[path = "../tests/support/mod.rs"]
mod support;
use support::corpus_dir;

fn corpus() -> Vec<(PathBuf, String)> {
    support::documents_under(&corpus_dir())
        .into_iter()
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    if docs.is_empty() {
        eprintln!(
            "skipped: no corpus at {} (../shared is absent)",
            corpus_dir().display()
        );
        return;
    }
    let options = ecsplay_core::LintOptions::default();
    // Warm the schema validator and the rule registry once, as a long-running process would.
    let _ = ecsplay_core::lint(&docs[0].1, &options);

    // Per-document median: each document linted 21 times, the median of each, then the median
    // of those.
    let mut medians: Vec<f64> = docs
        .iter()
        .map(|(_, text)| {
            let mut times: Vec<f64> = (0..21)
                .map(|_| {
                    let start = Instant::now();
                    black_box(ecsplay_core::lint(black_box(text), &options));
                    start.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        })
        .collect();
    medians.sort_by(f64::total_cmp);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    println!(
        "corpus: {} files, {} bytes; per-document median {:.1} µs (p90 {:.1} µs, max {:.1} µs)",
        docs.len(),
        bytes,
        medians[medians.len() / 2] * 1e6,
        medians[medians.len() * 9 / 10] * 1e6,
        medians[medians.len() - 1] * 1e6
    );

    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("whole corpus", |b| {
        b.iter(|| {
            for (_, text) in &docs {
                black_box(ecsplay_core::lint(black_box(text), &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
