//! What a rule sees: one task definition in API shape, its facts, and its form.

use crate::forms::{Form, Scope, TaskDefinitionInput};
use crate::model::TaskFacts;
use crate::source::{Node, Value};

/// The context of one task definition.
pub struct Context<'a> {
    /// The input form.
    pub form: Form,
    /// Task-level facts (all false/None for a Terraform container array).
    pub facts: TaskFacts,
    input: &'a TaskDefinitionInput,
    containers: Vec<&'a Node>,
}

impl<'a> Context<'a> {
    /// Builds the context of one task definition.
    pub fn new(form: Form, input: &'a TaskDefinitionInput) -> Self {
        let containers: Vec<&Node> = match input.scope {
            Scope::ContainersOnly => input.root.items().iter().collect(),
            Scope::Task => input
                .root
                .get("containerDefinitions")
                .map(|n| n.items().iter().collect())
                .unwrap_or_default(),
        };
        let containers = containers.into_iter().filter(|c| c.is_object()).collect();
        Context {
            form,
            facts: TaskFacts::read(&input.root, input.scope),
            input,
            containers,
        }
    }

    /// The task definition object; `None` for a Terraform container array.
    pub fn task(&self) -> Option<&'a Node> {
        (self.input.scope == Scope::Task).then_some(&self.input.root)
    }

    /// The task definition root node (the container array for Terraform).
    pub fn root(&self) -> &'a Node {
        &self.input.root
    }

    /// The container definitions that are objects, with their index in the list.
    pub fn containers(&self) -> impl Iterator<Item = (usize, &'a Node)> + '_ {
        self.containers.iter().copied().enumerate()
    }

    /// The container named `name`.
    pub fn container(&self, name: &str) -> Option<&'a Node> {
        self.containers
            .iter()
            .copied()
            .find(|c| c.get("name").and_then(Node::as_str) == Some(name))
    }

    /// Whether this input is CloudFormation (some rules are stricter there).
    pub fn is_cloudformation(&self) -> bool {
        self.form == Form::CloudFormation
    }

    /// A member of every container (`portMappings`, ...) with the container and its index.
    pub fn container_members(
        &self,
        key: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + '_ {
        self.containers()
            .filter_map(move |(i, c)| c.get(key).map(|v| (i, c, v)))
    }

    /// Every port mapping of every container: (container index, container, mapping).
    pub fn port_mappings(&self) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + '_ {
        self.container_members("portMappings")
            .flat_map(|(i, c, list)| list.items().iter().map(move |m| (i, c, m)))
            .filter(|(_, _, m)| m.is_object())
    }

    /// A boolean as ECS reads it: a JSON boolean; in CloudFormation also the strings `true` and
    /// `false` in any letter case, which CloudFormation coerces. `None` for anything else
    /// (deploy-time values included).
    pub fn bool_of(&self, node: &Node) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if self.is_cloudformation() => match s.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// An integer as ECS reads it: a JSON integer; in CloudFormation also a string holding an
    /// integer, which CloudFormation coerces. `None` for anything else.
    pub fn int_of(&self, node: &Node) -> Option<i64> {
        match &node.value {
            Value::Number(n) => n.int,
            Value::String(s) if self.is_cloudformation() => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Whether a container is essential: `essential` defaults to true. `None` when the value is
    /// only known at deploy time or is not a boolean.
    pub fn is_essential(&self, container: &Node) -> Option<bool> {
        match container.get("essential") {
            None => Some(true),
            Some(n) if n.is_null() => Some(true),
            Some(n) => self.bool_of(n),
        }
    }
}
