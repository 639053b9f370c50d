use crate::declare_engine_rule;

declare_engine_rule! {
    /// ## What it does
    /// Reports a `dnsSearchDomains` entry that is not a DNS search domain as ECS accepts it:
    /// `^[a-zA-Z0-9-.]{0,253}[a-zA-Z0-9]$` (letters, digits, hyphens and dots, at most 254
    /// characters, ending in a letter or digit). Found by the JSON Schema layer (`pattern`).
    ///
    /// ## Why is this bad?
    /// The search domains are written to the container's `/etc/resolv.conf`. ECS validates
    /// them against this pattern and rejects the task definition otherwise; a trailing dot
    /// (`corp.example.com.`), an underscore, a space or a URL (`https://corp.example.com`) are the
    /// usual mistakes.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "dnsSearchDomains": ["corp.example.com."]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {
    ///   "family": "web",
    ///   "containerDefinitions": [
    ///     {
    ///       "name": "app",
    ///       "image": "public.ecr.aws/nginx/nginx:1.27",
    ///       "memory": 512,
    ///       "dnsSearchDomains": ["corp.example.com"]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## References
    /// - DG23: task_definition_parameters.md (dnsSearchDomains: "Pattern: ^[a-zA-Z0-9-.]{0,253}[a-zA-Z0-9]$")
    /// - BOTO:ContainerDefinition.dnsSearchDomains (botocore 1.44.5 ECS model: list of strings)
    /// - DOC: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_network
    pub struct DnsSearchDomainInvalid {
        code: "TD-MISC-016",
        name: "dns-search-domain-invalid",
        severity: Error,
        scope: Engine,
        summary: "DNS search domain that does not match the pattern ECS accepts",
    }
}

#[cfg(test)]
mod tests {
    use super::DnsSearchDomainInvalid as Rule;
    use crate::lint::testing::{assert_fails, assert_passes, spanned};

    fn td(domains: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "b", "dnsSearchDomains": [{domains}]}}]}}"#
        )
    }

    #[test]
    fn trailing_dot_and_bad_characters_fail() {
        let text = td(r#""ok.example.com", "corp.example.com.""#);
        let d = assert_fails(&Rule::META, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pointer, "/containerDefinitions/0/dnsSearchDomains/1");
        assert_eq!(spanned(&text, &d[0]), "\"corp.example.com.\"");
        assert_eq!(d[0].message, "containerDefinitions[0].dnsSearchDomains[1] \"corp.example.com.\" is not a valid DNS search domain");
        assert_fails(&Rule::META, &td(r#""my_corp.local""#));
        assert_fails(&Rule::META, &td(r#""""#));
        assert_fails(&Rule::META, &td(&format!("\"{}\"", "a".repeat(255))));
    }

    #[test]
    fn terraform_and_cloudformation() {
        let d = assert_fails(
            &Rule::META,
            r#"[{"name": "a", "image": "b", "dnsSearchDomains": ["https://x.com"]}]"#,
        );
        assert_eq!(d[0].pointer, "/0/dnsSearchDomains/0");
        let d = assert_fails(&Rule::META, "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          DnsSearchDomains: [ 'a b' ]\n");
        assert_eq!(
            d[0].pointer,
            "/Resources/T/Properties/ContainerDefinitions/0/DnsSearchDomains/0"
        );
    }

    #[test]
    fn valid_domains_pass() {
        assert_passes(&Rule::META, &td(r#""corp.example.com", "svc", "a-b.c1""#));
        assert_passes(&Rule::META, &td(&format!("\"{}\"", "a".repeat(254))));
    }
}
