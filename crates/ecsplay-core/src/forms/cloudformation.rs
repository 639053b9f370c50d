//! CloudFormation `AWS::ECS::TaskDefinition` resources, mapped onto the API shape.
//!
//! Property names are the API names with the first letter upper-cased, except a few renamed
//! ones (rules.md §15.2, oracles.md §4). Keys inside map-typed values stay as written. Intrinsic
//! functions (`Ref`, `Fn::*`, `!Sub`, ...) become [`Value::Unknown`]. A key that CloudFormation
//! would not accept (one starting with a lower-case letter) is mapped to a name the API does not
//! have either, so that it is still reported as unknown.

use super::{Scope, TaskDefinitionInput};
use crate::source::{Member, Node, Value};

/// CloudFormation names that are not a plain first-letter case change of the API name.
const RENAMED: [(&str, &str); 6] = [
    ("ProxyConfigurationProperties", "properties"),
    ("EFSVolumeConfiguration", "efsVolumeConfiguration"),
    ("FilesystemId", "fileSystemId"),
    ("IAM", "iam"),
    (
        "FSxWindowsFileServerVolumeConfiguration",
        "fsxWindowsFileServerVolumeConfiguration",
    ),
    ("S3FilesVolumeConfiguration", "s3filesVolumeConfiguration"),
];

/// API members whose value is a map with user-chosen keys.
const MAP_MEMBERS: [&str; 4] = ["dockerLabels", "options", "driverOpts", "labels"];

pub(super) fn task_definitions(resources: &Node) -> Vec<TaskDefinitionInput> {
    resources
        .members()
        .iter()
        .filter(|m| m.value.get("Type").and_then(Node::as_str) == Some("AWS::ECS::TaskDefinition"))
        .map(|m| {
            let base = format!("{}/Properties", m.value.pointer);
            let root = match m.value.get("Properties") {
                Some(props) if props.is_object() => convert(props, false),
                Some(props) => props.clone(),
                None => Node {
                    value: Value::Object(Vec::new()),
                    span: m.value.span,
                    pointer: base.clone(),
                    tag: None,
                },
            };
            TaskDefinitionInput {
                root,
                base_pointer: base,
                logical_id: Some(m.key.clone()),
                scope: Scope::Task,
            }
        })
        .collect()
}

/// Whether a node is an intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`, `!GetAtt ...`).
fn is_intrinsic(node: &Node) -> bool {
    if node
        .tag
        .as_deref()
        .is_some_and(|t| t.starts_with('!') && !t.starts_with("!!"))
    {
        return true;
    }
    match node.members() {
        [only] => only.key == "Ref" || only.key == "Condition" || only.key.starts_with("Fn::"),
        _ => false,
    }
}

fn api_name(key: &str) -> String {
    if let Some((_, api)) = RENAMED.iter().find(|(cfn, _)| *cfn == key) {
        return (*api).to_owned();
    }
    let mut chars = key.chars();
    match chars.next() {
        // Not a CloudFormation property name: keep it unknown to the API shape too.
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn convert(node: &Node, verbatim_keys: bool) -> Node {
    if is_intrinsic(node) {
        let what = node
            .tag
            .clone()
            .or_else(|| node.members().first().map(|m| m.key.clone()))
            .unwrap_or_default();
        return Node {
            value: Value::Unknown(what),
            ..node.clone()
        };
    }
    let value = match &node.value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| {
                    let key = if verbatim_keys {
                        m.key.clone()
                    } else {
                        api_name(&m.key)
                    };
                    let value = convert(
                        &m.value,
                        !verbatim_keys && MAP_MEMBERS.contains(&key.as_str()),
                    );
                    Member {
                        key,
                        key_span: m.key_span,
                        value,
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|n| convert(n, false)).collect()),
        other => other.clone(),
    };
    Node {
        value,
        ..node.clone()
    }
}

#[cfg(test)]
mod tests {
    use crate::forms::{recognize, Form};
    use crate::source::parse;

    const TEMPLATE: &str = r#"
Resources:
  Role:
    Type: AWS::IAM::Role
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Ref AWS::StackName
      Cpu: "256"
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-12345678
            AuthorizationConfig: {IAM: ENABLED}
      ContainerDefinitions:
        - Name: app
          Image: !Sub "${Repo}:latest"
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: /ecs/web
          family: oops
"#;

    #[test]
    fn maps_names_keeps_pointers_and_marks_intrinsics() {
        let r = recognize(&parse(TEMPLATE).unwrap()).unwrap();
        assert_eq!(r.form, Form::CloudFormation);
        assert_eq!(r.task_definitions.len(), 1);
        let td = &r.task_definitions[0];
        assert_eq!(td.base_pointer, "/Resources/Web/Properties");
        assert!(td.root.get("family").unwrap().is_unknown());
        let fs = td
            .root
            .at_path(["volumes", "0", "efsVolumeConfiguration", "fileSystemId"])
            .unwrap();
        assert_eq!(
            fs.pointer,
            "/Resources/Web/Properties/Volumes/0/EFSVolumeConfiguration/FilesystemId"
        );
        assert!(td
            .root
            .at_path([
                "volumes",
                "0",
                "efsVolumeConfiguration",
                "authorizationConfig",
                "iam"
            ])
            .is_some());
        let c = td.root.at_path(["containerDefinitions", "0"]).unwrap();
        assert!(c.get("image").unwrap().is_unknown());
        assert!(c
            .at_path(["logConfiguration", "options", "awslogs-group"])
            .is_some());
        // A key CloudFormation does not know stays unknown to the API shape.
        assert!(c.get("family").is_none() && c.get("Family").is_some());
    }
}
