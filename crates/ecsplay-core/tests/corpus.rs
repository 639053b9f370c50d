//! Lints every file of the real-world corpus (`../shared/corpus/real`): no panic, every range
//! inside the text and consistent with its offsets, and a reviewed snapshot of the findings of
//! each file. Skips with a message when `../shared` is absent.

use ecsplay_core::source::LineIndex;
use ecsplay_core::{lint, LintOptions, Severity};
use std::path::{Path, PathBuf};

mod support;
use support::corpus_dir;

fn corpus_files() -> Vec<PathBuf> {
    support::documents_under(&corpus_dir())
}

fn relative(path: &Path) -> String {
    path.strip_prefix(corpus_dir())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn every_corpus_file_lints_with_located_findings() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: the corpus ../shared/corpus/real is not present beside the project");
        return;
    }
    assert_eq!(files.len(), 163, "the corpus has 163 task-definition files");
    let mut definitions = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let result = lint(&text, &LintOptions::default());
        definitions += result.task_definitions;
        let index = LineIndex::new(&text);
        let mut summary = String::new();
        for d in &result.diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end as usize <= text.len(),
                "{}: {} out of range",
                relative(path),
                d.code
            );
            assert_eq!(
                d.range,
                index.range(d.span),
                "{}: range and span disagree",
                relative(path)
            );
            assert!(
                !d.message.is_empty() && d.help.as_deref().is_some_and(|h| !h.is_empty()),
                "{}: {} lacks message or help",
                relative(path),
                d.code
            );
            summary.push_str(&format!(
                "{:>7} {} {}:{} {} — {}\n",
                d.severity.as_str(),
                d.code,
                d.range.start.line,
                d.range.start.column,
                if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                },
                d.message
            ));
        }
        let form = result.form.map_or("none", |f| f.as_str());
        let header = format!(
            "form: {form}, task definitions: {}\n",
            result.task_definitions
        );
        insta::assert_snapshot!(
            relative(path).replace('/', "__"),
            format!("{header}{summary}")
        );
    }
    // 247 task definitions in 163 files, less the 6 files that do not parse.
    assert!(
        definitions >= 230,
        "only {definitions} task definitions recognised"
    );
}

/// Every error-severity finding on the corpus was reviewed by hand and is a true defect of that
/// file; this list is the review. A new error finding fails the test until it is reviewed.
const REVIEWED_ERRORS: &[(&str, &str, &str)] = &[
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/daemon-service/cwagent-ecs-instance-metric/cwagent-ecs-instance-metric.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/daemon-service/cwagent-ecs-instance-metric/cwagent-ecs-instance-metric.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/daemon-service/cwagent-ecs-instance-metric/cwagent-ecs-instance-metric.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-SHAPE-002",
        "family holds unrendered {{...}} placeholders",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-NET-001",
        "networkMode is an unrendered {{networkmode}} placeholder",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-ENV-010",
        "secret valueFrom is an unrendered placeholder ({{...}}), not an ARN or parameter name",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/cwagent-prometheus-task-definition.json",
        "TD-SHAPE-012",
        "requiresCompatibilities holds an unrendered {{launchtype}} placeholder",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/replica-service/cwagent-prometheus/sample_traffic/redis/redis-traffic-sample.yaml",
        "TD-LOG-001",
        "LogConfiguration has no LogDriver (the template writes logDriver in camelCase); ECS requires it",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-ec2.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-ec2.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-ec2.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-ec2.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-fargate.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-fargate.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-fargate.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/combination/combination-fargate.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-ec2.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-ec2.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-ec2.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-ec2.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-fargate.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-fargate.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-fargate.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-emf/cwagent-emf-fargate.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-ec2.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-ec2.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-ec2.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-ec2.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-fargate.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-fargate.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-fargate.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-sdkmetrics/cwagent-sdkmetrics-fargate.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-ec2.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-ec2.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-ec2.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-fargate.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-fargate.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-cloudwatch-container-insights/ecs-task-definition-templates/deployment-mode/sidecar/cwagent-statsd/cwagent-statsd-fargate.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/add-keys/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/add-keys/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/adot-resource-monitoring/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/adot-resource-monitoring/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-managed-service-for-prometheus/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-managed-service-for-prometheus/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-opensearch-serverless/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-opensearch-serverless/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-opensearch/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/amazon-opensearch/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/emf-over-tcp/task-definition-bridge.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/emf-over-tcp/task-definition-bridge.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/emf-over-tcp/task-definition-localhost.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/emf-over-tcp/task-definition-localhost.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/task-definition-stdout-emf.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs-emf/task-definition-stdout-emf.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs/task-definition-cloudwatch.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs/task-definition-cloudwatch.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs/task-definition-cloudwatch_logs.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cloudwatchlogs/task-definition-cloudwatch_logs.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/config-file-type-file/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/config-file-type-file/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cross-account/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/cross-account/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/datadog/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/datadog/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/datadog/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/dynatrace/task-definition.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-collection/task-definition-tail.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-collection/task-definition-tail.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-collection/task-definition-tcp.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-collection/task-definition-tcp.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-deletion/take-definition-tail.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/ecs-log-deletion/take-definition-tail.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/efs/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/efs/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/elastic-cloud/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/elastic-cloud/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/elastic-cloud/task-definition.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/elastic-cloud/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/enable-debug-logging/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/enable-debug-logging/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/filter-multiline-partial-message-mode/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/filter-multiline-partial-message-mode/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/filter-multiline/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/filter-multiline/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/forward-to-aggregator/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/grafana-cloud/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/grafana-cloud/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/grafana-cloud/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-output-metrics-healthcheck.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-output-metrics-healthcheck.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-tcp-healthcheck.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-tcp-healthcheck.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-uptime-healthcheck.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/health-check/task-definition-uptime-healthcheck.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/init-metadata/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/init-metadata/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/kinesis-firehose/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/kinesis-firehose/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/kinesis-stream/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/kinesis-stream/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/log-driver-buffer-limit/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/log-driver-buffer-limit/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/logstash/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/logstash/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/logstash/task-definition.json",
        "TD-SHAPE-010",
        "an object where ECS takes a list (botocore ParamValidator: Invalid type)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/logstash/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/multi-config-support/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/multi-config-support/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/newrelic/example-task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/newrelic/example-task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/newrelic/example-task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/oomkill-prevention/firelens-full-filesystem-example/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/oomkill-prevention/firelens-full-filesystem-example/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/oomkill-prevention/firelens-full-memory-example/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/oomkill-prevention/firelens-full-memory-example/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/parse-common-log-formats/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/parse-common-log-formats/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/parse-json/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/parse-json/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/s3/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/s3/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sematext/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sematext/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sematext/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/send-to-multiple-destinations/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/send-to-multiple-destinations/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/signalfx/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/signalfx/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/signalfx/task-definition.json",
        "TD-SHAPE-010",
        "an object where ECS takes a list (botocore ParamValidator: Invalid type)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/solarwinds-loggly/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/solarwinds-loggly/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/solarwinds-loggly/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sumologic/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sumologic/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluent-bit/sumologic/task-definition.json",
        "TD-LOG-025",
        "log secret valueFrom is a placeholder ARN (${Account}, aws_account_id), not a Secrets Manager or SSM ARN",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluentd/multiline-logs/task-definition.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/fluentd/multiline-logs/task-definition.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "amazon-ecs-firelens-examples/examples/splitting-log-streams/fluentd/task_definition.json",
        "TD-FG-021",
        "FARGATE with a FireLens config-file-type of s3; Fargate supports only file",
    ),
    (
        "aws-app-mesh-examples/examples/apps/colorapp/ecs/colorgateway-base-task-def.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "aws-app-mesh-examples/examples/apps/colorapp/ecs/colorteller-base-task-def.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "aws-app-mesh-examples/walkthroughs/fargate/fargate-colorteller-task-def.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "aws-containers-task-definitions/gunicorn/gunicorn_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-containers-task-definitions/jetty/jetty_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-containers-task-definitions/kibana/kibana_ec2.json",
        "TD-NET-007",
        "awsvpc with hostPort 80 and a different containerPort: ECS refuses it",
    ),
    (
        "aws-containers-task-definitions/kibana/kibana_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-containers-task-definitions/nginx/nginx_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-containers-task-definitions/tomcat/tomcat_ec2.json",
        "TD-NET-007",
        "awsvpc with hostPort 80 and a different containerPort: ECS refuses it",
    ),
    (
        "aws-containers-task-definitions/tomcat/tomcat_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-containers-task-definitions/wildfly/wildfly_fargate.json",
        "TD-IAM-002",
        "Fargate with awslogs and no executionRoleArn: RegisterTaskDefinition refuses it",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-ec2-sidecar.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-ec2-sidecar.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-ec2-sidecar.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ec2/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-cloudwatch/ecs-ec2-instance-daemon.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-cloudwatch/ecs-ec2-sidecar.json",
        "TD-SYNTAX-001",
        "not JSON: an unrendered template (${...} or {{...}} outside strings)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-cloudwatch/ecs-fargate-sidecar.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-ec2-task-def.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-ec2-task-def.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-ec2-task-def.json",
        "TD-NET-001",
        "networkMode \"default\" is not an API value (the Windows NAT default is written by omitting it)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-ec2-task-def.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-ec2-task-def.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-fargate-task-def.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-fargate-task-def.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-fargate-task-def.json",
        "TD-LOG-011",
        "awslogs-region is an unrendered placeholder ({{region}}, <aws_region>), not a Region code",
    ),
    (
        "aws-otel-collector/examples/ecs/aws-prometheus/ecs-fargate-task-def.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "copilot-cli/internal/pkg/template/override/testdata/outputs/linux_parameters.yml",
        "TD-FG-013",
        "FARGATE adds capabilities other than SYS_PTRACE, which Fargate refuses",
    ),
    (
        "copilot-cli/internal/pkg/template/override/testdata/outputs/loggroup.yml",
        "TD-LOG-010",
        "awslogs-group holds a literal ${...} (no Fn::Sub), characters a log group name cannot have",
    ),
    (
        "copilot-cli/internal/pkg/template/override/testdata/outputs/multiple_overrides.yml",
        "TD-SHAPE-014",
        "a ulimit with only HardLimit: ECS requires name, softLimit and hardLimit",
    ),
    (
        "copilot-cli/internal/pkg/template/override/testdata/outputs/multiple_overrides.yml",
        "TD-FG-013",
        "FARGATE adds capabilities other than SYS_PTRACE, which Fargate refuses",
    ),
    (
        "copilot-cli/internal/pkg/template/override/testdata/outputs/ulimits.yml",
        "TD-SHAPE-014",
        "a ulimit with only HardLimit: ECS requires name, softLimit and hardLimit",
    ),
    (
        "ecspresso/tests/ci/ecs-task-def-daemon.json",
        "TD-ENV-010",
        "secret valueFrom is an unrendered placeholder ({{...}}), not an ARN or parameter name",
    ),
    (
        "ecspresso/tests/ci/ecs-task-def-daemon.json",
        "TD-IAM-007",
        "placeholder account id or unrendered template variable in executionRoleArn (ECS: Role is not valid)",
    ),
    (
        "ecspresso/tests/ci/ecs-task-def-daemon.json",
        "TD-IAM-008",
        "placeholder account id or unrendered template variable in taskRoleArn (ECS: Role is not valid)",
    ),
    (
        "ecspresso/tests/ecs-task-def-multiple-plugins.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/ecs-task-def.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/run-test-td.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/run-test-td.json",
        "TD-MISC-001",
        "proxyConfiguration.containerName names no container of the task (synthetic fixture): the App Mesh proxy cannot start",
    ),
    (
        "ecspresso/tests/td-in-tags.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/td-in-tags.json",
        "TD-MISC-001",
        "proxyConfiguration.containerName names no container of the task (synthetic fixture): the App Mesh proxy cannot start",
    ),
    (
        "ecspresso/tests/td-plain-in-tags.json",
        "TD-SHAPE-007",
        "register body with read-only describe members (status, revision): the CLI refuses Unknown parameter",
    ),
    (
        "ecspresso/tests/td-plain-in-tags.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/td-plain-in-tags.json",
        "TD-MISC-001",
        "proxyConfiguration.containerName names no container of the task (synthetic fixture): the App Mesh proxy cannot start",
    ),
    (
        "ecspresso/tests/td-plain.json",
        "TD-SHAPE-007",
        "register body with read-only describe members (status, revision): the CLI refuses Unknown parameter",
    ),
    (
        "ecspresso/tests/td-plain.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/td-plain.json",
        "TD-MISC-001",
        "proxyConfiguration.containerName names no container of the task (synthetic fixture): the App Mesh proxy cannot start",
    ),
    (
        "ecspresso/tests/td.json",
        "TD-SHAPE-031",
        "image is an unrendered template placeholder ({{...}}), with characters ECS refuses",
    ),
    (
        "ecspresso/tests/td.json",
        "TD-MISC-001",
        "proxyConfiguration.containerName names no container of the task (synthetic fixture): the App Mesh proxy cannot start",
    ),
];

#[test]
fn corpus_error_findings_are_all_reviewed_true_defects() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: the corpus ../shared/corpus/real is not present beside the project");
        return;
    }
    let mut unreviewed = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for d in lint(&text, &LintOptions::default())
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let file = relative(path);
            seen.insert((file.clone(), d.code));
            if !REVIEWED_ERRORS
                .iter()
                .any(|(f, c, _)| *f == file && *c == d.code)
            {
                unreviewed.push(format!("{file} {} {} {}", d.code, d.pointer, d.message));
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "unreviewed error findings on the corpus:\n{}",
        unreviewed.join("\n")
    );
    let stale: Vec<_> = REVIEWED_ERRORS
        .iter()
        .filter(|(f, c, _)| !seen.contains(&(f.to_string(), *c)))
        .collect();
    assert!(
        stale.is_empty(),
        "reviewed entries that no longer fire: {stale:?}"
    );
}
