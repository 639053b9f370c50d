#!/usr/bin/env python3
"""Check schemas/task-definition.schema.json against botocore's ECS service model.

Walks the input shape of the RegisterTaskDefinition operation recursively, alongside our JSON
Schema (following `$ref`s into `$defs`), and compares at every path:

  structures   each botocore structure is a `$defs` entry named like the shape (the request itself
               is the inline root), with "type": "object" and "additionalProperties": false; no
               combinators or unexpected keywords anywhere; no unused `$defs`
  members      the member names equal our `properties` keys
  required     botocore's `required` members are a subset of ours; our extra ones are allow-listed
  enums        every botocore enum equals ours (as sets); extra or missing enums are allow-listed
  types        JSON types match (structure/map -> object, list -> array, integer/long -> integer,
               double/float -> number, string, boolean)
  limits       botocore min/max/pattern equal our minLength/maxLength/minItems/maxItems/
               minimum/maximum/pattern; any constraint botocore does not have is allow-listed
  unions       botocore tagged unions (exactly one member must be set) are expressed or allow-listed
  descriptions every property has a one-line, plain-text description (editor autocompletion)
  allow-list   every allow-list entry still matches a real difference (no stale entries)

Any difference that is not in ALLOW_LIST fails. Run from the repository root with botocore
importable (standard library + botocore only):

    python3 tests/conformance/botocore_schema.py [path/to/task-definition.schema.json]

The last line is `botocore-schema: N passed, M failed`; the exit status is 1 when M > 0.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import botocore
import botocore.session

# The botocore release the schema was written against (a different one is reported, not failed:
# the checks below are what tell whether the model moved).
EXPECTED_BOTOCORE = "1.44.5"

NAME_PATTERN_REASON = "rules.md 1.5: up to 255 letters, digits, '_' and '-' (documented in the botocore member doc, not in the model)"

# Intended differences from botocore, keyed by (path, kind). Paths are JSONPath-like in the API's
# camelCase form (`[*]` for list items, `.*` for map values), as in shared/spec/rules.md.
# Kinds: "required" (extra required member), "no-enum" (botocore enum we leave out), "enum"
# (our enum differs from or is absent in botocore), "union" (tagged union not expressed), or the
# name of a constraint keyword (minLength, maxLength, minItems, maxItems, minimum, maximum,
# pattern, uniqueItems) that is not botocore's.
ALLOW_LIST: dict[tuple[str, str], str] = {
    ("$.containerDefinitions[*].name", "required"): (
        "ECS requires them server-side: Container.name should not be null or empty. (rules.md 1.3, TD-SHAPE-020)"
    ),
    ("$.containerDefinitions[*].image", "required"): (
        "ECS requires them server-side: Container.image should not be null or empty. (rules.md 1.3, TD-SHAPE-030)"
    ),
    ("$.containerDefinitions[*].portMappings[*].protocol", "no-enum"): (
        "ECS treats unknown protocol strings as tcp; rule TD-PORT-005 reports them with a form-dependent severity"
    ),
    ("$.family", "minLength"): "an empty family is rejected by ECS (TD-SHAPE-001)",
    ("$.family", "pattern"): NAME_PATTERN_REASON + " (TD-SHAPE-002)",
    ("$.containerDefinitions", "minItems"): "a task definition needs at least one container (TD-SHAPE-004; CFN minItems 1)",
    ("$.containerDefinitions", "maxItems"): "service quota: 10 containers per task definition, not adjustable (TD-SHAPE-005)",
    ("$.requiresCompatibilities", "uniqueItems"): "CloudFormation's schema rejects duplicates (TD-SHAPE-013)",
    ("$.containerDefinitions[*].name", "minLength"): "ECS rejects an empty container name (TD-SHAPE-020)",
    ("$.containerDefinitions[*].name", "pattern"): NAME_PATTERN_REASON + " (TD-SHAPE-021)",
    ("$.containerDefinitions[*].image", "minLength"): (
        "ECS rejects an empty image (TD-SHAPE-030); the image grammar itself is a rule, not a schema pattern"
    ),
    ("$.containerDefinitions[*].dnsSearchDomains[*]", "pattern"): (
        "search domain syntax from the developer guide (rules.md 1.5, DG23 task_definition_parameters.md)"
    ),
    ("$.volumes[*].name", "pattern"): NAME_PATTERN_REASON,
    ("$.containerDefinitions[*].portMappings[*].name", "pattern"): (
        "rules.md 1.5: up to 64 lowercase letters, digits, '_' and '-', not starting with '-' (botocore member doc)"
    ),
    ("$.tags[*].key", "pattern"): (
        "botocore's pattern is unanchored (it matches a substring of any string); AWS matches the whole key, so ours is ^(...)$"
    ),
    ("$.tags[*].value", "pattern"): (
        "botocore's pattern is unanchored (it matches a substring of any string); AWS matches the whole value, so ours is ^(...)$"
    ),
    ("$.containerDefinitions[*].resourceRequirements[*].sharingStrategy", "union"): (
        "SharingStrategy is a one-member tagged union; additionalProperties false already forbids a second key, and an "
        "empty {} (rejected by the AWS CLI) is left to the lint rules: the schema layer maps no minProperties keyword"
    ),
}

JSON_TYPE = {
    "structure": "object",
    "map": "object",
    "list": "array",
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "boolean": "boolean",
    "double": "number",
    "float": "number",
}

CONSTRAINTS = ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "pattern", "uniqueItems")
# Keywords a node of our schema may use; anything else (oneOf, anyOf, allOf, if, not, const,
# default, format, ...) is a failure: errors must stay one per problem and map to rule codes.
NODE_KEYWORDS = {"description", "type", "enum", "items", "additionalProperties", "properties", "required", "$ref"}
NODE_KEYWORDS.update(CONSTRAINTS)
ROOT_KEYWORDS = {"$schema", "$id", "title", "$defs"}

GROUPS = ("structures", "members", "required", "enums", "types", "limits", "unions", "descriptions", "allow-list")


class Report:
    """Counts checks per group and remembers failure messages."""

    def __init__(self) -> None:
        self.passed = {g: 0 for g in GROUPS}
        self.failures: dict[str, list[str]] = {g: [] for g in GROUPS}
        self.allow_used: set[tuple[str, str]] = set()

    def ok(self, group: str, cond: bool, message: str) -> None:
        if cond:
            self.passed[group] += 1
        else:
            self.failures[group].append(message)

    def difference(self, group: str, path: str, kind: str, message: str) -> None:
        """A difference from botocore: passes only when it is allow-listed."""
        key = (path, kind)
        if key in ALLOW_LIST:
            self.allow_used.add(key)
            self.passed[group] += 1
        else:
            self.failures[group].append(f"{path}: {message} (not in ALLOW_LIST as {key!r})")


def botocore_constraints(shape) -> dict:
    """The JSON Schema constraints botocore's model implies for one shape."""
    md = shape.metadata
    out = {}
    if shape.type_name == "string":
        if "min" in md:
            out["minLength"] = md["min"]
        if "max" in md:
            out["maxLength"] = md["max"]
        if "pattern" in md:
            out["pattern"] = md["pattern"]
    elif shape.type_name == "list":
        if "min" in md:
            out["minItems"] = md["min"]
        if "max" in md:
            out["maxItems"] = md["max"]
    elif shape.type_name in ("integer", "long", "double", "float"):
        if "min" in md:
            out["minimum"] = md["min"]
        if "max" in md:
            out["maximum"] = md["max"]
    return out


class Walker:
    def __init__(self, schema: dict, report: Report) -> None:
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.report = report
        self.used_defs: set[str] = set()
        self.structure_paths = 0

    def check_keywords(self, node: dict, path: str, allowed: set[str]) -> None:
        unexpected = sorted(set(node) - allowed)
        self.report.ok("structures", not unexpected, f"{path}: unexpected keyword(s) {unexpected}")

    def resolve(self, node: dict, shape, path: str) -> dict | None:
        """Follow a `$ref` (and check it names the botocore shape); None if unusable."""
        if "$ref" not in node:
            return node
        ref = node["$ref"]
        m = re.fullmatch(r"#/\$defs/(.+)", ref)
        if not m or m.group(1) not in self.defs:
            self.report.ok("structures", False, f"{path}: $ref {ref!r} does not resolve into $defs")
            return None
        name = m.group(1)
        self.report.ok("structures", name == shape.name, f"{path}: $ref names {name!r}, botocore shape is {shape.name!r}")
        self.used_defs.add(name)
        return self.defs[name]

    def walk(self, shape, node: dict, path: str, member_of: str | None = None) -> None:
        """Compare one botocore shape with our schema node at `path`."""
        t = shape.type_name
        is_root = path == "$"
        if not is_root:
            self.check_keywords(node, path, NODE_KEYWORDS)
        if t == "structure":
            if not is_root:
                self.report.ok("structures", "$ref" in node, f"{path}: structure {shape.name} is inline, not a $defs entry")
            target = self.resolve(node, shape, path)
            if target is None:
                return
            if "$ref" in node:
                self.check_keywords(target, f"$defs/{shape.name}", NODE_KEYWORDS)
            self.structure(shape, target, path)
            return
        if "$ref" in node:
            self.report.ok("structures", False, f"{path}: $ref used for non-structure shape {shape.name}")
            return
        self.report.ok("types", node.get("type") == JSON_TYPE.get(t),
                       f"{path}: type {node.get('type')!r}, botocore {t} -> {JSON_TYPE.get(t)!r}")
        self.enums(shape, node, path)
        self.limits(shape, node, path)
        if t == "list":
            items = node.get("items")
            if not isinstance(items, dict):
                self.report.ok("types", False, f"{path}: list without an items schema")
                return
            self.walk(shape.member, items, path + "[*]")
        elif t == "map":
            self.report.ok("types", shape.key.type_name == "string", f"{path}: map key type {shape.key.type_name}")
            value = node.get("additionalProperties")
            if not isinstance(value, dict):
                self.report.ok("types", False, f"{path}: map without an additionalProperties schema")
                return
            self.report.ok("types", "properties" not in node, f"{path}: map has fixed properties")
            self.walk(shape.value, value, path + ".*")

    def structure(self, shape, node: dict, path: str) -> None:
        self.structure_paths += 1
        self.report.ok("types", node.get("type") == "object", f"{path}: structure type {node.get('type')!r}")
        self.report.ok("structures", node.get("additionalProperties") is False,
                       f"{path}: additionalProperties is not false")
        props = node.get("properties", {})
        ours, theirs = set(props), set(shape.members)
        self.report.ok("members", ours == theirs,
                       f"{path}: members differ: only in schema {sorted(ours - theirs)}, only in botocore {sorted(theirs - ours)}")

        required = node.get("required", [])
        self.report.ok("required", len(required) == len(set(required)), f"{path}: duplicate required entries")
        self.report.ok("required", set(required) <= ours, f"{path}: required names unknown properties")
        missing = set(shape.required_members) - set(required)
        self.report.ok("required", not missing, f"{path}: botocore requires {sorted(missing)}, schema does not")
        for extra in sorted(set(required) - set(shape.required_members)):
            self.report.difference("required", f"{path}.{extra}", "required", f"schema requires {extra!r}, botocore does not")

        if shape.is_tagged_union:
            expressed = node.get("minProperties") == 1 and node.get("maxProperties") == 1
            if not expressed:
                self.report.difference("unions", path, "union", "botocore tagged union (exactly one member) not expressed")

        for member in sorted(ours & theirs):
            sub = props[member]
            mpath = f"{path}.{member}"
            desc = sub.get("description")
            self.report.ok(
                "descriptions",
                isinstance(desc, str) and desc.strip() != "" and "\n" not in desc and not re.search(r"<[a-zA-Z/]", desc),
                f"{mpath}: missing, multi-line or HTML description",
            )
            self.walk(shape.members[member], sub, mpath)

    def enums(self, shape, node: dict, path: str) -> None:
        theirs = getattr(shape, "enum", None) or None
        ours = node.get("enum")
        if theirs and ours is not None:
            self.report.ok("enums", set(ours) == set(theirs),
                           f"{path}: enum differs: only in schema {sorted(set(ours) - set(theirs))}, "
                           f"only in botocore {sorted(set(theirs) - set(ours))}")
            self.report.ok("enums", len(ours) == len(set(ours)), f"{path}: duplicate enum values")
        elif theirs:
            self.report.difference("enums", path, "no-enum", f"botocore enum {sorted(theirs)} missing from the schema")
        elif ours is not None:
            self.report.difference("enums", path, "enum", f"schema enum {ours} not in botocore")

    def limits(self, shape, node: dict, path: str) -> None:
        theirs = botocore_constraints(shape)
        for kw in CONSTRAINTS:
            if kw not in theirs and kw not in node:
                continue
            if theirs.get(kw) == node.get(kw):
                self.report.ok("limits", True, "")
            else:
                self.report.difference("limits", path, kw,
                                       f"{kw}: schema {node.get(kw)!r}, botocore {theirs.get(kw)!r}")


def main() -> int:
    root_dir = Path(__file__).resolve().parents[2]
    schema_path = Path(sys.argv[1]) if len(sys.argv) > 1 else root_dir / "schemas" / "task-definition.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))

    model = botocore.session.get_session().get_service_model("ecs")
    input_shape = model.operation_model("RegisterTaskDefinition").input_shape
    note = "" if botocore.__version__ == EXPECTED_BOTOCORE else f" (schema written against {EXPECTED_BOTOCORE})"
    print(f"botocore {botocore.__version__}{note}, ECS API {model.api_version}, shape {input_shape.name}")
    print(f"schema {schema_path}")

    report = Report()
    report.ok("structures", schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema",
              "$schema is not draft 2020-12")
    walker = Walker(schema, report)
    walker.check_keywords(schema, "$", NODE_KEYWORDS | ROOT_KEYWORDS)
    walker.walk(input_shape, schema, "$")
    unused = sorted(set(walker.defs) - walker.used_defs)
    report.ok("structures", not unused, f"$defs not reachable from the botocore model: {unused}")

    for key in sorted(ALLOW_LIST):
        report.ok("allow-list", key in report.allow_used,
                  f"stale ALLOW_LIST entry {key!r}: no such difference any more ({ALLOW_LIST[key]})")

    print(f"walked {walker.structure_paths} structure paths, {len(walker.used_defs)} $defs")
    total_passed = total_failed = 0
    for group in GROUPS:
        passed, failed = report.passed[group], len(report.failures[group])
        total_passed += passed
        total_failed += failed
        print(f"{group:>12}: {passed} passed, {failed} failed")
        for message in report.failures[group]:
            print(f"    FAIL {message}")
    print(f"botocore-schema: {total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
