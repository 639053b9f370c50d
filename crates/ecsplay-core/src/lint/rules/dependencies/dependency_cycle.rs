use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;
use std::collections::{BTreeSet, HashMap};

declare_rule! {
    /// ## What it does
    /// Reports a container that depends on itself in `dependsOn`, and containers whose start-order
    /// relations form a cycle. Start order comes from `dependsOn`, and also from `links` and
    /// `volumesFrom`: a container starts after the containers it links to or mounts volumes
    /// from.
    ///
    /// ## Why is this bad?
    /// The ECS agent starts a task's containers in dependency order (and stops them in reverse).
    /// A cycle has no order: every container in it waits for another one of them, so the agent
    /// refuses the task (its dependency graph fails `ValidDependencies`). AWS is also reported to
    /// reject cycles at registration.
    ///
    /// A `links` or `volumesFrom` entry naming the container itself is reported by TD-DEP-012 and
    /// TD-VOL-023; references to containers that do not exist are not edges here (TD-DEP-002).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512,
    ///      "dependsOn": [{"containerName": "proxy", "condition": "START"}]},
    ///     {"name": "proxy", "image": "nginx:1.27", "memory": 128,
    ///      "dependsOn": [{"containerName": "app", "condition": "START"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {"name": "app", "image": "example/app:2.1", "memory": 512},
    ///     {"name": "proxy", "image": "nginx:1.27", "memory": 128,
    ///      "dependsOn": [{"containerName": "app", "condition": "START"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - AGENT:agent/engine/dependencygraph/graph.go (ValidDependencies: dependsOn, links and volumesFrom edges)
    /// - BOTO:ContainerDependency (botocore 1.44.5 ECS model)
    /// - https://github.com/faiscadev/fakecloud/pull/1211 (states that AWS rejects cycles at registration)
    pub struct DependencyCycle {
        code: "TD-DEP-003",
        name: "dependency-cycle",
        severity: Error,
        scope: Containers,
        summary: "A container depends on itself, or containers depend on each other in a cycle",
    }
}

/// One start-order edge: the container at `from` starts after the one at `to`.
struct Edge<'a> {
    from: usize,
    to: usize,
    node: &'a Node,
    verb: &'static str,
}

fn edges<'a>(position: &[(&'a str, usize, &'a Node)]) -> Vec<Edge<'a>> {
    let index: HashMap<&str, usize> = position
        .iter()
        .enumerate()
        .map(|(p, (n, _, _))| (*n, p))
        .collect();
    let find = |name: &str| index.get(name).copied();
    let mut out = Vec::new();
    for (from, (_, _, c)) in position.iter().enumerate() {
        let refs = [
            ("dependsOn", "containerName", "depends on"),
            ("volumesFrom", "sourceContainer", "mounts volumes from"),
        ];
        for (list, key, verb) in refs {
            for entry in c.get(list).map(Node::items).unwrap_or_default() {
                if let Some(node) = entry.get(key) {
                    if let Some(to) = node.as_str().and_then(find) {
                        out.push(Edge {
                            from,
                            to,
                            node,
                            verb,
                        });
                    }
                }
            }
        }
        for node in c.get("links").map(Node::items).unwrap_or_default() {
            let target = node.as_str().map(|s| s.split(':').next().unwrap_or(s));
            if let Some(to) = target.and_then(find) {
                out.push(Edge {
                    from,
                    to,
                    node,
                    verb: "links to",
                });
            }
        }
    }
    out
}

/// Finds cycles by depth-first search; each cycle is the list of its edges (indexes into
/// `edges`), reported once per set of containers. The search keeps its own stack, so that a
/// long chain of containers cannot overflow the call stack.
fn cycles(count: usize, edges: &[Edge<'_>]) -> Vec<Vec<usize>> {
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (k, e) in edges.iter().enumerate() {
        if e.from != e.to {
            if let Some(list) = outgoing.get_mut(e.from) {
                list.push(k);
            }
        }
    }
    // 0: not visited, 1: on the current path, 2: done.
    let mut state = vec![0u8; count];
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for root in 0..count {
        if state.get(root) != Some(&0) {
            continue;
        }
        if let Some(s) = state.get_mut(root) {
            *s = 1;
        }
        // The containers on the path with the next outgoing edge to try, and the edges taken.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        let mut path: Vec<usize> = Vec::new();
        while let Some((u, pos)) = frames.last_mut() {
            let u = *u;
            let Some(&k) = outgoing.get(u).and_then(|l| l.get(*pos)) else {
                if let Some(s) = state.get_mut(u) {
                    *s = 2;
                }
                frames.pop();
                path.pop();
                continue;
            };
            *pos += 1;
            let Some(v) = edges.get(k).map(|e| e.to) else {
                continue;
            };
            match state.get(v).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(v) {
                        *s = 1;
                    }
                    path.push(k);
                    frames.push((v, 0));
                }
                Some(1) => {
                    // The path from v to u, then this edge, closes a cycle.
                    let start = path
                        .iter()
                        .position(|&p| edges.get(p).is_some_and(|e| e.from == v));
                    let mut cycle: Vec<usize> =
                        start.map_or_else(Vec::new, |s| path.iter().skip(s).copied().collect());
                    cycle.push(k);
                    let mut members: Vec<usize> = cycle
                        .iter()
                        .filter_map(|&c| edges.get(c).map(|e| e.from))
                        .collect();
                    members.sort_unstable();
                    if seen.insert(members) {
                        found.push(cycle);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

impl Rule for DependencyCycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Containers by name (the first of a duplicated name, as TD-SHAPE-022 reports the rest).
        let mut position: Vec<(&str, usize, &Node)> = Vec::new();
        let mut named = std::collections::HashSet::new();
        for (i, c) in cx.containers() {
            if let Some(name) = c.get("name").and_then(Node::as_str) {
                if named.insert(name) {
                    position.push((name, i, c));
                }
            }
        }
        let edges = edges(&position);
        let label = |p: usize| {
            position
                .get(p)
                .map(|(_, i, c)| container_label(c, *i))
                .unwrap_or_default()
        };
        for e in edges
            .iter()
            .filter(|e| e.from == e.to && e.verb == "depends on")
        {
            out.push(
                Finding::at(
                    e.node,
                    format!("container {} depends on itself", label(e.from)),
                )
                .help("remove this dependsOn entry: a container cannot wait for itself"),
            );
        }
        for cycle in cycles(position.len(), &edges) {
            let steps: Vec<&Edge<'_>> = cycle.iter().filter_map(|&k| edges.get(k)).collect();
            let Some((last, before)) = steps.split_last() else {
                continue;
            };
            let chain = steps
                .iter()
                .map(|e| format!("{} {} {}", label(e.from), e.verb, label(e.to)))
                .collect::<Vec<_>>()
                .join(", ");
            let mut f = Finding::at(
                last.node,
                format!("containers depend on each other in a cycle: {chain}"),
            )
            .help(format!(
                "break the cycle so that one container can start first: remove one of these references, for example this one from {} to {}",
                label(last.from),
                label(last.to)
            ));
            for e in before {
                f = f.label(
                    e.node,
                    format!("{} {} {} here", label(e.from), e.verb, label(e.to)),
                );
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DependencyCycle as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    #[test]
    fn self_dependency_fails() {
        let text = r#"[{"name": "app", "image": "b", "dependsOn": [{"containerName": "app", "condition": "START"}]}]"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "container 'app' depends on itself");
        assert_eq!(spanned(text, &d[0]), "\"app\"");
    }

    #[test]
    fn two_container_cycle_fails_once() {
        let text = r#"{"family": "f", "containerDefinitions": [
            {"name": "a", "image": "i", "dependsOn": [{"containerName": "b", "condition": "START"}]},
            {"name": "b", "image": "i", "dependsOn": [{"containerName": "a", "condition": "START"}]}]}"#;
        let d = assert_fails(&Rule::META, text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "containers depend on each other in a cycle: 'a' depends on 'b', 'b' depends on 'a'"
        );
        assert_eq!(
            d[0].pointer,
            "/containerDefinitions/1/dependsOn/0/containerName"
        );
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(
            d[0].labels[0].pointer,
            "/containerDefinitions/0/dependsOn/0/containerName"
        );
    }

    #[test]
    fn links_and_volumes_from_close_cycles() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "links": ["b:backend"]},
                {"name": "b", "image": "i", "volumesFrom": [{"sourceContainer": "c"}]},
                {"name": "c", "image": "i", "dependsOn": [{"containerName": "a", "condition": "START"}]}]"#,
        );
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("'a' links to 'b'"),
            "{}",
            d[0].message
        );
        assert!(d[0].message.contains("'b' mounts volumes from 'c'"));
        assert!(d[0].message.contains("'c' depends on 'a'"));
        assert_eq!(d[0].labels.len(), 2);
    }

    #[test]
    fn a_long_chain_closes_one_cycle() {
        let n = 500;
        let mut containers: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"name": "c{i}", "image": "i", "dependsOn": [{{"containerName": "c{}", "condition": "START"}}]}}"#,
                    i + 1
                )
            })
            .collect();
        containers.push(format!(
            r#"{{"name": "c{n}", "image": "i", "dependsOn": [{{"containerName": "c0", "condition": "START"}}]}}"#
        ));
        let d = assert_fails(&Rule::META, &format!("[{}]", containers.join(",")));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].labels.len(), n);
    }

    #[test]
    fn chains_trees_and_unknown_names_pass() {
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "dependsOn": [{"containerName": "b", "condition": "START"}, {"containerName": "c", "condition": "START"}]},
                {"name": "b", "image": "i", "dependsOn": [{"containerName": "c", "condition": "HEALTHY"}], "links": ["c"]},
                {"name": "c", "image": "i", "dependsOn": [{"containerName": "nope", "condition": "START"}]}]"#,
        );
        // Self links and self volumesFrom are other rules' findings.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "i", "links": ["a"], "volumesFrom": [{"sourceContainer": "a"}]}]"#,
        );
    }
}
