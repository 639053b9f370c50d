//! Rules of the `shape` group (rules.md §1): the API shape of a task definition.
//!
//! Most of these conditions are found by the JSON Schema layer (`crate::schema`), which maps each
//! schema error to one of the codes below; those rules are declared here with
//! `declare_engine_rule!` so that they are registered, documented and tested. The others
//! (duplicate container names, image references, tags) are ordinary detectors.

mod cloudformation_coercion;
mod container_image_missing;
mod container_name_invalid;
mod container_name_missing;
mod containers_missing;
mod duplicate_container_name;
mod duplicate_requires_compatibilities;
mod empty_string_value;
mod family_generated;
mod family_invalid;
mod family_missing;
mod image_digest_invalid;
mod image_invalid_characters;
mod image_reference_invalid;
mod invalid_enum_value;
mod read_only_member;
mod required_member_missing;
mod tag_reserved_prefix;
mod tags_invalid;
mod tags_visible;
mod task_definition_too_large;
mod too_many_containers;
mod type_mismatch;
mod unknown_nested_key;
mod unknown_top_level_key;

use crate::lint::{Context, Rule};
use crate::source::Node;

/// The most characters ECS accepts in an image reference (before the `@` of a digest).
pub(super) const MAX_IMAGE_CHARS: usize = 255;

/// Every container's `image` that is a non-empty string: (container, image node, image).
/// Deploy-time values are skipped; a missing or empty image is TD-SHAPE-030.
pub(super) fn images<'a>(
    cx: &'a Context<'a>,
) -> impl Iterator<Item = (&'a Node, &'a Node, &'a str)> + 'a {
    cx.containers().filter_map(|(_, c)| {
        let node = c.get("image")?;
        let image = node.as_str().filter(|s| !s.is_empty())?;
        Some((c, node, image))
    })
}

/// Whether a character may appear in an image reference as ECS accepts it
/// (`[A-Za-z0-9-_:./#]`, plus `@` before a digest).
pub(super) fn image_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_:./#".contains(c)
}

/// The problem ECS itself has with an image reference (TD-SHAPE-031/032), if any.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum EcsImageProblem {
    /// Characters outside the allowed set (TD-SHAPE-031).
    Characters(String),
    /// More than 255 characters in the tag form (TD-SHAPE-031).
    TooLong(usize),
    /// The digest is not `sha256:` and 64 hexadecimal characters (TD-SHAPE-032).
    Digest(String),
    /// More than 255 characters before the `@` (TD-SHAPE-032).
    NameTooLong(usize),
}

/// What ECS rejects in an image reference, per BOTO:ContainerDefinition.image.
pub(super) fn ecs_image_problem(image: &str) -> Option<EcsImageProblem> {
    let (name, digest) = match image.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (image, None),
    };
    let bad: String = {
        let mut seen = String::new();
        for c in name.chars().filter(|c| !image_char(*c)) {
            if !seen.contains(c) {
                seen.push(c);
            }
        }
        seen
    };
    if !bad.is_empty() {
        return Some(EcsImageProblem::Characters(bad));
    }
    let length = name.chars().count();
    match digest {
        None if length > MAX_IMAGE_CHARS => Some(EcsImageProblem::TooLong(length)),
        None => None,
        Some(digest) => {
            let hex = digest.strip_prefix("sha256:").unwrap_or("");
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                Some(EcsImageProblem::Digest(digest.to_owned()))
            } else if length > MAX_IMAGE_CHARS {
                Some(EcsImageProblem::NameTooLong(length))
            } else {
                None
            }
        }
    }
}

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &family_missing::FamilyMissing,
    &family_invalid::FamilyInvalid,
    &family_generated::FamilyGenerated,
    &containers_missing::ContainerDefinitionsMissing,
    &too_many_containers::TooManyContainers,
    &task_definition_too_large::TaskDefinitionTooLarge,
    &read_only_member::ReadOnlyMember,
    &unknown_top_level_key::UnknownTopLevelKey,
    &unknown_nested_key::UnknownNestedKey,
    &type_mismatch::TypeMismatch,
    &cloudformation_coercion::CloudFormationCoercion,
    &invalid_enum_value::InvalidEnumValue,
    &duplicate_requires_compatibilities::DuplicateRequiresCompatibilities,
    &required_member_missing::RequiredMemberMissing,
    &empty_string_value::EmptyStringValue,
    &container_name_missing::ContainerNameMissing,
    &container_name_invalid::ContainerNameInvalid,
    &duplicate_container_name::DuplicateContainerName,
    &container_image_missing::ContainerImageMissing,
    &image_invalid_characters::ImageInvalidCharacters,
    &image_digest_invalid::ImageDigestInvalid,
    &image_reference_invalid::ImageReferenceInvalid,
    &tags_invalid::TagsInvalid,
    &tag_reserved_prefix::TagReservedPrefix,
    &tags_visible::TagsVisible,
];

/// Task definitions for the tests of this group.
#[cfg(test)]
pub(super) mod test_support {
    /// A task definition with one container running `image`.
    pub(crate) fn with_image(image: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "{image}"}}]}}"#
        )
    }

    /// A task definition with the tags `tags` (JSON objects, comma-separated).
    pub(crate) fn with_tags(tags: &str) -> String {
        format!(
            r#"{{"family": "a", "containerDefinitions": [{{"name": "a", "image": "b"}}], "tags": [{tags}]}}"#
        )
    }
}
