use crate::declare_rule;
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `trustedExecutionConfiguration` with `isolationMode` `CONFIDENTIAL_SANDBOX`
    /// and no `attestationPolicy` (or an empty one).
    ///
    /// ## Why is this bad?
    /// A confidential sandbox runs the task in a hardware-protected enclave that proves what it
    /// runs through attestation. The attestation policy, a base64-encoded policy envelope, says
    /// which measurements are acceptable; the API requires it for this isolation mode, so the
    /// definition is refused without it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "payments",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "trustedExecutionConfiguration": {"isolationMode": "CONFIDENTIAL_SANDBOX"},
    ///   "containerDefinitions": [{"name": "app", "image": "example/payments:3.2", "memory": 1024}]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "payments",
    ///   "requiresCompatibilities": ["MANAGED_INSTANCES"],
    ///   "networkMode": "awsvpc",
    ///   "trustedExecutionConfiguration": {"isolationMode": "CONFIDENTIAL_SANDBOX", "attestationPolicy": "eyJ2ZXJzaW9uIjoiMSJ9"},
    ///   "containerDefinitions": [{"name": "app", "image": "example/payments:3.2", "memory": 1024}]
    /// }
    /// ```
    ///
    /// ## References
    /// - BOTO:TrustedExecutionConfiguration.attestationPolicy (botocore 1.44.5 ECS model: base64-encoded; required when isolationMode is CONFIDENTIAL_SANDBOX)
    pub struct ConfidentialSandboxWithoutAttestationPolicy {
        code: "TD-MISC-006",
        name: "confidential-sandbox-without-attestation-policy",
        severity: Error,
        scope: Task,
        summary: "CONFIDENTIAL_SANDBOX isolation without an attestationPolicy",
    }
}

impl Rule for ConfidentialSandboxWithoutAttestationPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // CloudFormation has no such property: TD-SHAPE-008 reports it.
        if cx.is_cloudformation() {
            return;
        }
        let Some(config) = cx
            .task()
            .and_then(|t| t.get("trustedExecutionConfiguration"))
        else {
            return;
        };
        let Some(mode) = config
            .get("isolationMode")
            .filter(|m| m.as_str() == Some("CONFIDENTIAL_SANDBOX"))
        else {
            return;
        };
        let policy = config.get("attestationPolicy");
        if policy
            .is_some_and(|p| p.is_unknown() || p.as_str().is_some_and(|s| !s.trim().is_empty()))
        {
            return;
        }
        let at = policy.unwrap_or(config);
        out.push(
            Finding::at(at, "isolationMode CONFIDENTIAL_SANDBOX requires an attestationPolicy")
                .label(mode, "the confidential sandbox is chosen here")
                .help("add \"attestationPolicy\": the base64-encoded attestation policy envelope, or choose the ISOLATED_SANDBOX isolation mode"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ConfidentialSandboxWithoutAttestationPolicy as Rule;
    use crate::lint::testing::{assert_fails, assert_passes};

    fn td(config: &str) -> String {
        format!(
            r#"{{"family": "a", "requiresCompatibilities": ["MANAGED_INSTANCES"], "trustedExecutionConfiguration": {{{config}}}, "containerDefinitions": [{{"name": "a", "image": "b", "memory": 64}}]}}"#
        )
    }

    #[test]
    fn confidential_without_policy_fails() {
        let d = assert_fails(
            &Rule::META,
            &td(r#""isolationMode": "CONFIDENTIAL_SANDBOX""#),
        );
        assert_eq!(d[0].pointer, "/trustedExecutionConfiguration");
        assert_eq!(
            d[0].message,
            "isolationMode CONFIDENTIAL_SANDBOX requires an attestationPolicy"
        );
        assert_eq!(
            d[0].labels[0].pointer,
            "/trustedExecutionConfiguration/isolationMode"
        );
        let d = assert_fails(
            &Rule::META,
            &td(r#""isolationMode": "CONFIDENTIAL_SANDBOX", "attestationPolicy": "  ""#),
        );
        assert_eq!(
            d[0].pointer,
            "/trustedExecutionConfiguration/attestationPolicy"
        );
    }

    #[test]
    fn policy_or_other_modes_pass() {
        assert_passes(
            &Rule::META,
            &td(r#""isolationMode": "CONFIDENTIAL_SANDBOX", "attestationPolicy": "eyJ9""#),
        );
        assert_passes(&Rule::META, &td(r#""isolationMode": "ISOLATED_SANDBOX""#));
        assert_passes(&Rule::META, &td(r#""isolationMode": "SHARED""#));
    }
}
