//! Shared by the corpus and fuzz tests and the corpus benchmark: where the real-world corpus is,
//! and the task-definition files under a folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpus/real` beside the project (absent on a machine without `../shared`).
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real")
}

/// Every `.json`, `.yml` and `.yaml` file under `dir` but the corpus's `manifest.json`, sorted;
/// empty when `dir` does not exist.
pub fn documents_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yml" | "yaml")
            ) && path.file_name().and_then(|n| n.to_str()) != Some("manifest.json")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}
