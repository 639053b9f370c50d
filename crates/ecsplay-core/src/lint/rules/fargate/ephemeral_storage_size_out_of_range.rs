use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

/// The `ephemeralStorage.sizeInGiB` range, GiB.
const MIN_GIB: i64 = 21;
const MAX_GIB: i64 = 200;

declare_rule! {
    /// ## What it does
    /// Reports an `ephemeralStorage.sizeInGiB` below 21 or above 200.
    ///
    /// ## Why is this bad?
    /// "The minimum supported value is 21 GiB and the maximum supported value is 200 GiB." The
    /// parameter only raises the Fargate default of 20 GiB, so a value of 20 or less asks for
    /// nothing (remove the member instead), and Fargate cannot give a task more than 200 GiB:
    /// use an EFS or EBS volume for larger data. The range holds whatever the launch type, so
    /// the rule does not depend on `requiresCompatibilities`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "etl",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "4096",
    ///   "ephemeralStorage": {"sizeInGiB": 500},
    ///   "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/example/etl:7"}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "etl",
    ///   "requiresCompatibilities": ["FARGATE"],
    ///   "networkMode": "awsvpc",
    ///   "cpu": "1024",
    ///   "memory": "4096",
    ///   "ephemeralStorage": {"sizeInGiB": 200},
    ///   "containerDefinitions": [{"name": "etl", "image": "public.ecr.aws/example/etl:7"}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:EphemeralStorage.sizeInGiB (botocore 1.44.5 ECS model: 21 to 200 GiB)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html
    pub struct EphemeralStorageSizeOutOfRange {
        code: "TD-FG-026",
        name: "ephemeral-storage-size-out-of-range",
        severity: Error,
        scope: Task,
        summary: "ephemeralStorage.sizeInGiB outside 21 to 200",
    }
}

impl Rule for EphemeralStorageSizeOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(node) = cx
            .task()
            .and_then(|t| t.at_path(["ephemeralStorage", "sizeInGiB"]))
        else {
            return;
        };
        let Some(gib) = cx.int_of(node) else { return };
        let help = if gib < MIN_GIB {
            "remove ephemeralStorage to keep the default 20 GiB, or set sizeInGiB to at least 21"
        } else if gib > MAX_GIB {
            "set sizeInGiB to at most 200; for more data mount an EFS volume or an EBS volume configured at launch"
        } else {
            return;
        };
        out.push(
            Finding::at(
                node,
                format!("ephemeralStorage.sizeInGiB {gib} is outside {MIN_GIB} to {MAX_GIB} GiB"),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ec2, fargate, fargate_cfn};
    use super::EphemeralStorageSizeOutOfRange as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn storage(gib: &str) -> String {
        format!(r#""ephemeralStorage": {{"sizeInGiB": {gib}}}"#)
    }

    #[test]
    fn outside_the_range_fails_at_the_size() {
        let text = fargate(&storage("20"), "");
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/ephemeralStorage/sizeInGiB");
        assert_eq!(spanned(&text, &d[0]), "20");
        assert_eq!(
            d[0].message,
            "ephemeralStorage.sizeInGiB 20 is outside 21 to 200 GiB"
        );
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("remove ephemeralStorage"));
        let d = assert_fails(&Rule::META, &ec2(&storage("201"), ""));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("set sizeInGiB to at most 200"));
        assert_fails(&Rule::META, &fargate(&storage("0"), ""));
        assert_fails(
            &Rule::META,
            &fargate_cfn("      EphemeralStorage:\n        SizeInGiB: '10'\n"),
        );
    }

    #[test]
    fn inside_the_range_or_unreadable_passes() {
        for gib in ["21", "200", "100", "\"500\"", "null"] {
            assert_passes(&Rule::META, &fargate(&storage(gib), ""));
        }
        assert_passes(
            &Rule::META,
            &fargate_cfn("      EphemeralStorage:\n        SizeInGiB: !Ref Size\n"),
        );
        assert_passes(&Rule::META, r#"[{"name": "a", "image": "b"}]"#);
    }
}
