use super::port;
use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;
use crate::source::Node;

/// The most port ranges one container may map.
const MAX_RANGES: usize = 100;

declare_rule! {
    /// ## What it does
    /// Reports a `containerPortRange` that ECS does not accept: not written `first-last` (two
    /// decimal numbers and a hyphen, no spaces), a bound outside 1–65535, a first port that is
    /// not less than the last, a range that overlaps another range or a `containerPort` of the
    /// same container, or more than 100 ranges in one container.
    ///
    /// ## Why is this bad?
    /// The API documentation sets these rules for port ranges: valid values are between 1 and
    /// 65535, the first port must be less than the last, ranges may not overlap, a port can be
    /// included in only one port mapping per container, and a container may have at most 100
    /// ranges. RegisterTaskDefinition rejects a definition that breaks them. `"8000:8010"` or
    /// `"8000 - 8010"` are common slips from Docker's `-p` syntax.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "game-server",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "game", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 512, "portMappings": [{"containerPortRange": "7000:7100", "protocol": "udp"}, {"containerPort": 7777, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "game-server",
    ///   "networkMode": "bridge",
    ///   "containerDefinitions": [
    ///     {"name": "game", "image": "public.ecr.aws/docker/library/alpine:3.20", "memory": 512, "portMappings": [{"containerPortRange": "7000-7100", "protocol": "udp"}, {"containerPort": 7777, "protocol": "tcp"}]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:PortMapping.containerPortRange (botocore 1.44.5 ECS model: the rules for port ranges)
    pub struct PortRangeInvalid {
        code: "TD-PORT-013",
        name: "port-range-invalid",
        severity: Error,
        scope: Containers,
        summary: "A containerPortRange that is malformed, out of bounds, overlapping, or one too many",
    }
}

/// Reads `first-last`; `Err` says what is wrong with it.
fn parse_range(text: &str) -> Result<(i64, i64), String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some((first, last)) = text.split_once('-').filter(|(a, b)| digits(a) && digits(b)) else {
        return Err(
            "must be two port numbers joined by a hyphen, for example \"8000-8010\"".to_owned(),
        );
    };
    let (Ok(first), Ok(last)) = (first.parse::<i64>(), last.parse::<i64>()) else {
        return Err("has a port outside 1-65535".to_owned());
    };
    if !(1..=65535).contains(&first) || !(1..=65535).contains(&last) {
        return Err("has a port outside 1-65535".to_owned());
    }
    if first >= last {
        return Err(format!(
            "must start with the lower port: {first} is not less than {last}"
        ));
    }
    Ok((first, last))
}

impl Rule for PortRangeInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let key = field(cx, "containerPortRange");
        for (i, container) in cx.containers() {
            let name = container_label(container, i);
            let mappings = container
                .get("portMappings")
                .map(Node::items)
                .unwrap_or_default();
            let mut valid: Vec<(&Node, i64, i64)> = Vec::new();
            let mut count = 0usize;
            for mapping in mappings {
                let Some(range) = mapping.get("containerPortRange") else {
                    continue;
                };
                let Some(text) = range.as_str() else { continue };
                count = count.saturating_add(1);
                if count == MAX_RANGES.saturating_add(1) {
                    out.push(
                        Finding::at(range, format!("container {name} has more than {MAX_RANGES} port ranges; ECS accepts at most {MAX_RANGES} per container"))
                            .help("merge adjacent ranges into one, or spread the ports over several containers"),
                    );
                }
                match parse_range(text) {
                    Err(why) => out.push(
                        Finding::at(range, format!("{key} \"{text}\" of container {name} {why}"))
                            .help("write the range as first-last with the lower port first, both from 1 to 65535"),
                    ),
                    Ok((first, last)) => {
                        if let Some((other, of, ol)) =
                            valid.iter().find(|(_, of, ol)| first <= *ol && *of <= last)
                        {
                            out.push(
                                Finding::at(range, format!("{key} {first}-{last} of container {name} overlaps the range {of}-{ol}"))
                                    .label(other, "the other range")
                                    .help("merge the two ranges, or make them disjoint: a port can be in only one mapping per container"),
                            );
                        }
                        valid.push((range, first, last));
                    }
                }
            }
            for mapping in mappings {
                let Some((single, p)) = port(cx, mapping, "containerPort") else {
                    continue;
                };
                if mapping.get("containerPortRange").is_some() {
                    // The same mapping holding both is TD-PORT-012's finding.
                    continue;
                }
                for (range, first, last) in valid.iter().filter(|(_, f, l)| (*f..=*l).contains(&p))
                {
                    let (at, other) = if single.span > range.span {
                        (single, *range)
                    } else {
                        (*range, single)
                    };
                    out.push(
                        Finding::at(at, format!("port {p} of container {name} is mapped on its own and in the range {first}-{last}"))
                            .label(other, if at.span == single.span { "the range" } else { "the single port" })
                            .help(format!("remove port {p} from one of the two mappings: a port can be in only one mapping per container")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PortRangeInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn container(mappings: &str) -> String {
        format!(r#"[{{"name": "game", "image": "b", "portMappings": [{mappings}]}}]"#)
    }

    #[test]
    fn malformed_and_out_of_bounds_ranges_fail() {
        let text = container(r#"{"containerPortRange": "7000:7100"}"#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/portMappings/0/containerPortRange");
        assert_eq!(spanned(&text, &d[0]), "\"7000:7100\"");
        assert_eq!(
            d[0].message,
            "containerPortRange \"7000:7100\" of container 'game' must be two port numbers joined by a hyphen, for example \"8000-8010\""
        );
        for bad in [
            "7000 - 7100",
            "-7100",
            "0-10",
            "65000-65536",
            "7100-7000",
            "7000-7000",
            "99999999999999999999-1",
        ] {
            assert_fails(
                &Rule::META,
                &container(&format!(r#"{{"containerPortRange": "{bad}"}}"#)),
            );
        }
    }

    #[test]
    fn overlaps_fail_at_the_later_mapping() {
        let text = container(
            r#"{"containerPortRange": "7000-7100"}, {"containerPortRange": "7100-7200", "protocol": "udp"}"#,
        );
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/0/portMappings/1/containerPortRange");
        assert_eq!(
            d[0].labels[0].pointer,
            "/0/portMappings/0/containerPortRange"
        );
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPortRange": "7000-7100"}, {"containerPort": 7050}"#),
        );
        assert_eq!(d[0].pointer, "/0/portMappings/1/containerPort");
        assert_eq!(
            d[0].message,
            "port 7050 of container 'game' is mapped on its own and in the range 7000-7100"
        );
        let d = assert_fails(
            &Rule::META,
            &container(r#"{"containerPort": 7000}, {"containerPortRange": "7000-7100"}"#),
        );
        assert_eq!(d[0].pointer, "/0/portMappings/1/containerPortRange");
    }

    #[test]
    fn more_than_a_hundred_ranges_fail() {
        let ranges: Vec<String> = (0..101)
            .map(|n| {
                format!(
                    r#"{{"containerPortRange": "{}-{}"}}"#,
                    10000 + n * 10,
                    10005 + n * 10
                )
            })
            .collect();
        let d = assert_fails(&Rule::META, &container(&ranges.join(", ")));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/0/portMappings/100/containerPortRange");
        assert_passes(&Rule::META, &container(&ranges[..100].join(", ")));
    }

    #[test]
    fn valid_disjoint_ranges_pass() {
        assert_passes(
            &Rule::META,
            &container(
                r#"{"containerPortRange": "1-2"}, {"containerPortRange": "3-79"}, {"containerPort": 80, "hostPort": 80}"#,
            ),
        );
        // Ranges of different containers may overlap; a deploy-time range is not judged.
        assert_passes(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "portMappings": [{"containerPortRange": "7000-7100"}]}, {"name": "c", "image": "b", "portMappings": [{"containerPortRange": "7000-7100"}]}]"#,
        );
        assert_passes(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          PortMappings: [{ContainerPortRange: !Ref R}]\n");
    }
}
