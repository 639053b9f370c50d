#!/usr/bin/env python3
"""Time cfn-lint on the corpus that `make bench` lints, so the two can be compared as a ratio.

Walks ../shared/corpus/real the way crates/ecsplay-core/benches/lint_corpus.rs does (every
.json/.yml/.yaml file but manifest.json, in sorted order), then:

  api / describe form   converted to a one-resource CloudFormation template as research notes
                        shared/oracles.md section 4 describe (unwrap `taskDefinition`, move a
                        sibling `tags` in, drop read-only fields, upper-case the first letter of
                        every structure key with that section's renames, keep keys inside
                        map-typed values verbatim)
  cloudformation        copied as it is
  not parseable JSON    skipped and counted (ecsplay reads these too, to report the parse error)

All templates go to one temporary directory and cfn-lint runs once over them
(`cfn-lint --format json -- <files>`); that process's wall-clock time is taken --runs times
(default 3) and the median kept. A run on one tiny template (median of the same number of runs)
estimates cfn-lint's start-up cost, which is also subtracted from the batch time.

Standard library only; it never installs anything. Usage, from the repository root:

    python3 scripts/bench-cfn-lint.py [--cfn-lint PATH] [--corpus DIR] [--runs N]

Without --cfn-lint it uses `cfn-lint` on PATH, else .venv-cfnlint/bin/cfn-lint.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "real"
VENV_CFN_LINT = REPO / ".venv-cfnlint" / "bin" / "cfn-lint"
INSTALL = "python3 -m venv .venv-cfnlint && .venv-cfnlint/bin/pip install cfn-lint==1.58.0"

# Read-only fields of DescribeTaskDefinition output (oracles.md section 4, rule 1). They are
# dropped at the top level of every API-form document too: some API-form samples carry them.
READ_ONLY = {
    "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
    "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
}
# Valid in the API, absent from the CloudFormation schema: dropped rather than reported as E3002.
NOT_IN_CFN = {"trustedExecutionConfiguration"}
# (parent API key, API key) -> CloudFormation key, where it isn't a first-letter upper-casing.
# A parent of None matches any parent.
RENAMES = {
    ("proxyConfiguration", "properties"): "ProxyConfigurationProperties",
    (None, "efsVolumeConfiguration"): "EFSVolumeConfiguration",
    ("efsVolumeConfiguration", "fileSystemId"): "FilesystemId",
    ("authorizationConfig", "iam"): "IAM",
    (None, "fsxWindowsFileServerVolumeConfiguration"): "FSxWindowsFileServerVolumeConfiguration",
    (None, "s3filesVolumeConfiguration"): "S3FilesVolumeConfiguration",
}
# Map-typed values: their own keys are data and stay verbatim.
MAP_VALUED = {
    (None, "dockerLabels"),
    ("logConfiguration", "options"),
    ("firelensConfiguration", "options"),
    ("dockerVolumeConfiguration", "driverOpts"),
    ("dockerVolumeConfiguration", "labels"),
}

# The tiny template of oracles.md's appendix (td-good.yaml): cfn-lint finds nothing in it.
TINY_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: "512"
      ExecutionRoleArn: arn:aws:iam::123456789012:role/ecsTaskExecutionRole
      ContainerDefinitions:
        - Name: web
          Image: public.ecr.aws/nginx/nginx:1.25
          Essential: true
          PortMappings:
            - ContainerPort: 80
              Protocol: tcp
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: /ecs/web
              awslogs-region: us-east-1
              awslogs-stream-prefix: web
"""


class Stats:
    def __init__(self) -> None:
        self.pascal_keys: list[str] = []  # already upper-case in an API doc: would be "fixed"
        self.dropped: collections.Counter[str] = collections.Counter()


def lookup(table: dict, parent: str | None, key: str):
    return table.get((parent, key), table.get((None, key)))


def convert_value(value, parent: str | None, path: str, stats: Stats):
    if isinstance(value, list):
        return [convert_value(v, parent, f"{path}[{i}]", stats) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value  # scalars, enum values and null stay as they are
    out = {}
    for key, child in value.items():
        child_path = f"{path}.{key}" if path else key
        if key[:1].isupper():
            stats.pascal_keys.append(child_path)
        cfn_key = lookup(RENAMES, parent, key) or key[:1].upper() + key[1:]
        if (parent, key) in MAP_VALUED or (None, key) in MAP_VALUED:
            out[cfn_key] = child  # a map: its keys (e.g. awslogs-group) are data
        else:
            out[cfn_key] = convert_value(child, key, child_path, stats)
    return out


def to_template(doc: dict, describe: bool, stats: Stats) -> dict:
    if describe:
        td = dict(doc["taskDefinition"])
        if isinstance(doc.get("tags"), list):
            td["tags"] = list(td.get("tags") or []) + doc["tags"]
    else:
        td = dict(doc)
    for key in list(td):
        if key in READ_ONLY or key in NOT_IN_CFN:
            stats.dropped[key] += 1
            del td[key]
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "TaskDefinition": {
                "Type": "AWS::ECS::TaskDefinition",
                "Properties": convert_value(td, None, "", stats),
            }
        },
    }


def corpus_files(root: Path) -> list[Path]:
    """Same walk as lint_corpus.rs: depth-first, entries sorted by path within each folder."""
    out: list[Path] = []

    def walk(d: Path) -> None:
        for p in sorted(d.iterdir()):
            if p.is_dir():
                walk(p)
            elif p.suffix in (".json", ".yml", ".yaml") and p.name != "manifest.json":
                out.append(p)

    walk(root)
    return out


def classify(path: Path) -> tuple[str, object]:
    """Return (form, parsed JSON or None). YAML files are CloudFormation templates in this
    corpus; the standard library has no YAML parser, so cfn-lint is left to parse them."""
    if path.suffix != ".json":
        return "cloudformation", None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "unparseable", None
    if not isinstance(doc, dict):
        return "unparseable", None
    if "Resources" in doc or "AWSTemplateFormatVersion" in doc:
        return "cloudformation", doc
    if isinstance(doc.get("taskDefinition"), dict):
        return "describe-task-definition-output", doc
    return "api-register-input", doc


def find_cfn_lint(given: str | None) -> Path | None:
    if given:
        p = Path(given)
        return p if p.is_file() and os.access(p, os.X_OK) else None
    on_path = shutil.which("cfn-lint")
    if on_path:
        return Path(on_path)
    return VENV_CFN_LINT if VENV_CFN_LINT.is_file() else None


def run_timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    # Exit status is a bit-or of 2 (error), 4 (warning), 8 (info); 1 is a crash or bad usage.
    if proc.returncode & 1 or proc.returncode > 15:
        sys.exit(f"cfn-lint failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cfn-lint", help="path to the cfn-lint executable")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus directory")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each kind (median kept)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    cfn_lint = find_cfn_lint(args.cfn_lint)
    if cfn_lint is None:
        where = args.cfn_lint or f"PATH or {VENV_CFN_LINT.relative_to(REPO)}"
        print(f"cfn-lint not found ({where}). Install it with:\n  {INSTALL}", file=sys.stderr)
        return 2
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    version = subprocess.run([str(cfn_lint), "--version"], capture_output=True, text=True)
    version_text = (version.stdout or version.stderr).strip()

    # Cross-check the detected forms with manifest.json, where there is one.
    manifest_forms = {}
    manifest = args.corpus / "manifest.json"
    if manifest.is_file():
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            manifest_forms[entry["file"]] = (
                "unparseable" if entry.get("parse") == "invalid" else entry["form"]
            )

    files = corpus_files(args.corpus)
    forms: collections.Counter[str] = collections.Counter()
    stats = Stats()
    with tempfile.TemporaryDirectory(prefix="bench-cfn-lint-") as tmp:
        out_dir = Path(tmp) / "templates"
        templates: list[Path] = []
        for path in files:
            rel = path.relative_to(args.corpus)
            form, doc = classify(path)
            expected = manifest_forms.get(rel.as_posix())
            if expected and expected != form:
                print(f"warning: {rel}: detected {form}, manifest says {expected}", file=sys.stderr)
            forms[form] += 1
            if form == "unparseable":
                continue
            dest = out_dir / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if form == "cloudformation":
                shutil.copyfile(path, dest)
            else:
                template = to_template(doc, form.startswith("describe"), stats)
                dest.write_text(json.dumps(template, indent=2) + "\n", encoding="utf-8")
            templates.append(dest)

        tiny = Path(tmp) / "tiny.yaml"
        tiny.write_text(TINY_TEMPLATE, encoding="utf-8")

        base = [str(cfn_lint), "--format", "json", "--"]
        # Start-up runs first: they also warm the OS file cache and cfn-lint's .pyc files.
        startup_times = [run_timed(base + [str(tiny)])[0] for _ in range(args.runs)]
        batch_times = []
        findings = None
        for _ in range(args.runs):
            elapsed, proc = run_timed(base + [str(t) for t in templates])
            batch_times.append(elapsed)
            findings = json.loads(proc.stdout or "[]")

    n = len(templates)
    batch = statistics.median(batch_times)
    startup = statistics.median(startup_times)
    net = batch - startup
    levels = collections.Counter(f.get("Level", "?") for f in findings)
    files_with_error = len({f["Filename"] for f in findings if f.get("Level") == "Error"})

    print(f"cfn-lint:              {cfn_lint} ({version_text})")
    print(f"corpus:                {args.corpus} ({len(files)} files)")
    print(
        f"documents linted:      {n} ({forms['api-register-input']} api + "
        f"{forms['describe-task-definition-output']} describe converted, "
        f"{forms['cloudformation']} cloudformation as is); "
        f"skipped unparseable: {forms['unparseable']}"
    )
    if stats.dropped:
        dropped = ", ".join(f"{k} x{v}" for k, v in sorted(stats.dropped.items()))
        print(f"dropped top-level keys: {dropped}")
    print(f"PascalCase keys in API docs (passed through, unmapped): {len(stats.pascal_keys)}")
    print(f"batch runs (s):        {', '.join(f'{t:.3f}' for t in batch_times)}")
    print(f"batch seconds:         {batch:.3f} (median of {args.runs}, one process, {n} files)")
    print(f"documents per second:  {n / batch:.1f}")
    print(f"ms per document:       {batch * 1000 / n:.1f}")
    print(
        f"start-up seconds:      {startup:.3f} (one tiny template, median of {args.runs}: "
        f"{', '.join(f'{t:.3f}' for t in startup_times)})"
    )
    if net > 0:
        print(
            f"batch minus start-up:  {net:.3f} s -> {n / net:.1f} documents/s, "
            f"{net * 1000 / n:.1f} ms per document"
        )
    else:
        print(f"batch minus start-up:  {net:.3f} s (not positive: start-up dominates)")
    by_level = ", ".join(f"{k}: {v}" for k, v in sorted(levels.items())) or "none"
    print(f"findings by Level:     {by_level} (total {len(findings)}; "
          f"{files_with_error} of {n} files with an Error)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
