//! Input forms: each yields the task definitions it holds, in API (camelCase) shape, with
//! every node still pointing at where it was written.
//!
//! | form | recognised by |
//! | --- | --- |
//! | `register` | a RegisterTaskDefinition request body |
//! | `describe` | `aws ecs describe-task-definition` output (`{"taskDefinition": …}`) |
//! | `cloudformation` | a template with `AWS::ECS::TaskDefinition` resources (PascalCase, intrinsics) |
//! | `terraform` | a `container_definitions` value: a JSON array of container definitions |

mod cloudformation;

use crate::source::{Document, Member, Node, Value};
use serde::Serialize;

/// The read-only members of `describe-task-definition` output that RegisterTaskDefinition
/// rejects (rules.md §1.2).
pub const READ_ONLY_MEMBERS: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

/// The top-level members of a RegisterTaskDefinition request (rules.md §1.1).
pub const REGISTER_MEMBERS: [&str; 19] = [
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "tags",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
    "enableFaultInjection",
    "trustedExecutionConfiguration",
];

/// An input form (interfaces.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// A RegisterTaskDefinition request body.
    Register,
    /// `aws ecs describe-task-definition` output.
    Describe,
    /// A CloudFormation template.
    #[serde(rename = "cloudformation")]
    CloudFormation,
    /// A Terraform `container_definitions` array.
    Terraform,
}

impl Form {
    /// The name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Register => "register",
            Form::Describe => "describe",
            Form::CloudFormation => "cloudformation",
            Form::Terraform => "terraform",
        }
    }
}

/// How much of a task definition an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A whole task definition.
    Task,
    /// Only container definitions (Terraform): rules that need task-level context are skipped
    /// rather than guessed (rules.md §0.6).
    ContainersOnly,
}

/// One task definition found in the input.
#[derive(Clone, Debug)]
pub struct TaskDefinitionInput {
    /// The task definition in API shape: an object for [`Scope::Task`], the array of container
    /// definitions for [`Scope::ContainersOnly`].
    pub root: Node,
    /// Pointer of the task definition in the input file (`""`, `/taskDefinition`,
    /// `/Resources/<LogicalId>/Properties`).
    pub base_pointer: String,
    /// The CloudFormation logical id, if any.
    pub logical_id: Option<String>,
    /// Whole task definition or containers only.
    pub scope: Scope,
}

/// The result of recognising a document's form.
#[derive(Clone, Debug)]
pub struct Recognized {
    /// The form.
    pub form: Form,
    /// The task definitions it holds.
    pub task_definitions: Vec<TaskDefinitionInput>,
}

/// Recognises the form of a parsed document; `None` when it is no known form (`TD-FORM-001`).
pub fn recognize(doc: &Document) -> Option<Recognized> {
    let root = &doc.root;
    match &root.value {
        Value::Object(_) => {
            if let Some(inner) = root.get("taskDefinition").filter(|n| n.is_object()) {
                return Some(Recognized {
                    form: Form::Describe,
                    task_definitions: vec![describe(root, inner)],
                });
            }
            if let Some(resources) = root.get("Resources").filter(|n| n.is_object()) {
                return Some(Recognized {
                    form: Form::CloudFormation,
                    task_definitions: cloudformation::task_definitions(resources),
                });
            }
            if root
                .members()
                .iter()
                .any(|m| REGISTER_MEMBERS.contains(&m.key.as_str()))
            {
                return Some(Recognized {
                    form: Form::Register,
                    task_definitions: vec![TaskDefinitionInput {
                        root: root.clone(),
                        base_pointer: String::new(),
                        logical_id: None,
                        scope: Scope::Task,
                    }],
                });
            }
            None
        }
        Value::Array(items) if items.iter().all(Node::is_object) => Some(Recognized {
            form: Form::Terraform,
            task_definitions: vec![TaskDefinitionInput {
                root: root.clone(),
                base_pointer: String::new(),
                logical_id: None,
                scope: Scope::ContainersOnly,
            }],
        }),
        _ => None,
    }
}

/// Unwraps describe output: drops the read-only members (they are expected there) and moves the
/// sibling `tags` in, as re-registering it would.
fn describe(outer: &Node, inner: &Node) -> TaskDefinitionInput {
    let mut root = inner.clone();
    if let Value::Object(members) = &mut root.value {
        members.retain(|m| !READ_ONLY_MEMBERS.contains(&m.key.as_str()));
        let has_tags = members.iter().any(|m| m.key == "tags");
        if let (false, Some(tags)) = (has_tags, outer.member("tags")) {
            if tags.value.is_set() {
                members.push(Member {
                    key: tags.key.clone(),
                    key_span: tags.key_span,
                    value: tags.value.clone(),
                });
            }
        }
    }
    TaskDefinitionInput {
        root,
        base_pointer: "/taskDefinition".to_owned(),
        logical_id: None,
        scope: Scope::Task,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;

    fn form_of(text: &str) -> Option<Form> {
        recognize(&parse(text).unwrap()).map(|r| r.form)
    }

    #[test]
    fn recognizes_each_form() {
        assert_eq!(
            form_of(r#"{"family": "a", "containerDefinitions": []}"#),
            Some(Form::Register)
        );
        assert_eq!(
            form_of(r#"{"taskDefinition": {"family": "a"}, "tags": []}"#),
            Some(Form::Describe)
        );
        assert_eq!(
            form_of("Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties: {}\n"),
            Some(Form::CloudFormation)
        );
        assert_eq!(
            form_of(r#"[{"name": "app", "image": "nginx"}]"#),
            Some(Form::Terraform)
        );
        assert_eq!(form_of(r#"{"hello": "world"}"#), None);
        assert_eq!(form_of("[1, 2]"), None);
    }

    #[test]
    fn describe_drops_read_only_members_and_adopts_tags() {
        let doc = parse(r#"{"taskDefinition": {"family": "a", "revision": 3, "status": "ACTIVE"}, "tags": [{"key": "k", "value": "v"}]}"#).unwrap();
        let r = recognize(&doc).unwrap();
        let td = &r.task_definitions[0];
        assert!(td.root.get("revision").is_none());
        assert_eq!(
            td.root.get("family").unwrap().pointer,
            "/taskDefinition/family"
        );
        assert_eq!(td.root.get("tags").unwrap().pointer, "/tags");
    }
}
