//! Lints the whole real-world corpus (`../shared/corpus/real`): documents per second, and the
//! median time of one document.
//!
//! Run with `cargo bench -p ecsplay-core --bench lint_corpus`.

use criterion::{criterion_group, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real")
}

fn corpus() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yml" | "yaml")
            ) && path.file_name().and_then(|n| n.to_str()) != Some("manifest.json")
            {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path, text));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus_dir(), &mut out);
    out
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
