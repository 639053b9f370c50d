use crate::declare_rule;
use crate::lint::rules::network::field;
use crate::lint::{Context, Finding, Rule, RuleMeta};
use crate::model::container_label;

/// The two prefixes a credential spec entry may carry.
const PREFIXES: [&str; 2] = ["credentialspecdomainless:", "credentialspec:"];

/// Whether `arn` is the ARN of an SSM parameter or of an S3 object (the two places ECS reads a
/// credential spec file from).
fn is_credspec_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [scheme, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let partition_ok = partition.starts_with("aws")
        && partition
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-');
    if *scheme != "arn" || !partition_ok {
        return false;
    }
    match *service {
        "ssm" => {
            !region.is_empty()
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && resource
                    .strip_prefix("parameter/")
                    .is_some_and(|name| !name.is_empty())
        }
        "s3" => {
            region.is_empty()
                && account.is_empty()
                && resource
                    .split_once('/')
                    .is_some_and(|(bucket, key)| !bucket.is_empty() && !key.is_empty())
        }
        _ => false,
    }
}

/// What is wrong with one entry, and what to write instead; `None` when it is valid.
fn problem(entry: &str) -> Option<(String, String)> {
    let example = "credentialspec:arn:aws:ssm:us-east-1:111122223333:parameter/gmsa/webapp";
    match PREFIXES.iter().find_map(|p| entry.strip_prefix(p)) {
        Some(arn) if is_credspec_arn(arn) => None,
        Some(arn) => Some((
            format!("\"{arn}\" is not the ARN of an SSM parameter or an S3 object"),
            format!("give the ARN of the credential spec file in SSM Parameter Store or S3, for example \"{example}\""),
        )),
        None if is_credspec_arn(entry) => Some((
            "the ARN has no credentialspec: or credentialspecdomainless: prefix".to_owned(),
            format!("write \"credentialspec:{entry}\" (or \"credentialspecdomainless:{entry}\" for domainless gMSA)"),
        )),
        None => Some((
            "it is not credentialspec:<ARN> or credentialspecdomainless:<ARN>".to_owned(),
            format!("write the prefix and the ARN of the credential spec file in SSM or S3, for example \"{example}\""),
        )),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a container's `credentialSpecs` (the gMSA credential spec for Active Directory
    /// authentication) with more than one entry, or with an entry that is not
    /// `credentialspec:<ARN>` or `credentialspecdomainless:<ARN>`, where the ARN is that of an
    /// SSM parameter (`arn:aws:ssm:<region>:<account>:parameter/<name>`) or of an S3 object
    /// (`arn:aws:s3:::<bucket>/<key>`).
    ///
    /// A Windows task on Fargate cannot use gMSA at all (TD-FG-022 reports the member), so the
    /// format is not judged there.
    ///
    /// ## Why is this bad?
    /// The API allows at most one ARN. `credentialspec:` uses a credential spec for the single
    /// domain the container instance has joined; `credentialspecdomainless:` uses a credential
    /// spec whose extra section names a Secrets Manager secret holding the domain credentials.
    /// Without one of these prefixes, or with an ARN of another kind (a secret, a bucket without
    /// a key, a local file path), ECS cannot fetch the credential spec and the container does not
    /// get its Active Directory identity.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "webapp",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "webapp", "image": "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "credentialSpecs": ["arn:aws:ssm:us-east-1:111122223333:parameter/gmsa/webapp"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "webapp",
    ///   "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///   "containerDefinitions": [
    ///     {"name": "webapp", "image": "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", "cpu": 1024, "memory": 2048,
    ///      "credentialSpecs": ["credentialspec:arn:aws:ssm:us-east-1:111122223333:parameter/gmsa/webapp"]}
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:ContainerDefinition.credentialSpecs (botocore 1.44.5 ECS model: "The maximum number of ARNs is 1. There are two formats for each ARN. credentialspecdomainless:MyARN … credentialspec:MyARN … replace MyARN with the ARN in SSM or Amazon S3")
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows-gmsa.html
    pub struct CredentialSpecsInvalid {
        code: "TD-WIN-007",
        name: "credential-specs-invalid",
        severity: Error,
        scope: Containers,
        summary: "credentialSpecs with more than one entry, or an entry that is not a prefixed SSM or S3 ARN",
    }
}

impl Rule for CredentialSpecsInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // Windows on Fargate has no gMSA: TD-FG-022 reports the member.
        if cx.facts.fargate && cx.facts.windows {
            return;
        }
        let key = field(cx, "credentialSpecs");
        for (i, container, specs) in cx.container_members("credentialSpecs") {
            let who = container_label(container, i);
            let items = specs.items();
            if let (Some(first), Some(second)) = (items.first(), items.get(1)) {
                out.push(
                    Finding::at(
                        second,
                        format!(
                            "{key} of container {who} has {} entries; ECS allows at most one",
                            items.len()
                        ),
                    )
                    .label(first, "the first entry")
                    .help("keep one credential spec ARN and remove the others"),
                );
            }
            for item in items {
                let Some(entry) = item.as_str() else { continue };
                if let Some((why, help)) = problem(entry) {
                    out.push(
                        Finding::at(
                            item,
                            format!("{key} entry \"{entry}\" of container {who} is invalid: {why}"),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CredentialSpecsInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(specs: &str) -> String {
        format!(
            r#"{{"family": "a", "runtimePlatform": {{"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}, "containerDefinitions": [{{"name": "web", "image": "b", "memory": 512, "credentialSpecs": [{specs}]}}]}}"#
        )
    }

    const SSM: &str = "arn:aws:ssm:us-east-1:111122223333:parameter/gmsa/web";

    #[test]
    fn missing_prefix_fails_with_the_fix() {
        let text = td(&format!("\"{SSM}\""));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/credentialSpecs/0");
        assert_eq!(spanned(&text, &d[0]), format!("\"{SSM}\""));
        assert_eq!(
            d[0].message,
            format!("credentialSpecs entry \"{SSM}\" of container 'web' is invalid: the ARN has no credentialspec: or credentialspecdomainless: prefix")
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(format!("write \"credentialspec:{SSM}\" (or \"credentialspecdomainless:{SSM}\" for domainless gMSA)").as_str())
        );
    }

    #[test]
    fn wrong_arns_and_paths_fail() {
        for bad in [
            "credentialspec:arn:aws:secretsmanager:us-east-1:111122223333:secret:gmsa",
            "credentialspec:arn:aws:s3:::bucket",
            "credentialspec:arn:aws:ssm:us-east-1:XXXXXXXXXXXX:parameter/gmsa",
            "credentialspec:file://webapp.json",
            "CredentialSpec:arn:aws:s3:::bucket/webapp.json",
        ] {
            assert_fails(&Rule::META, &td(&format!("\"{bad}\"")));
        }
    }

    #[test]
    fn two_entries_fail_at_the_second() {
        let text = td(&format!(
            "\"credentialspec:{SSM}\", \"credentialspec:arn:aws:s3:::b/k.json\""
        ));
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/credentialSpecs/1");
        assert_eq!(d[0].labels[0].message, "the first entry");
    }

    #[test]
    fn valid_entries_pass() {
        assert_passes(&Rule::META, &td(&format!("\"credentialspec:{SSM}\"")));
        assert_passes(
            &Rule::META,
            &td("\"credentialspecdomainless:arn:aws-us-gov:s3:::my-bucket/gmsa/web.json\""),
        );
        assert_passes(&Rule::META, &td(""));
        // Terraform arrays are checked too (no task context needed).
        assert_fails(
            &Rule::META,
            &format!(r#"[{{"name": "a", "image": "b", "credentialSpecs": ["{SSM}"]}}]"#),
        );
        // Windows on Fargate: TD-FG-022 reports credentialSpecs itself.
        let fargate = td(&format!("\"{SSM}\"")).replace(
            r#""family": "a","#,
            r#""family": "a", "requiresCompatibilities": ["FARGATE"],"#,
        );
        assert_passes(&Rule::META, &fargate);
    }
}
