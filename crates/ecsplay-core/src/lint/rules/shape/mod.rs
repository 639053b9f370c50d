//! Rules of the `shape` group (rules.md §1): the API shape of a task definition.
//!
//! Most of these conditions are found by the JSON Schema layer (`crate::schema`), which maps each
//! schema error to one of the codes below; those rules are declared here with
//! `declare_engine_rule!` so that they are registered, documented and tested. The others
//! (duplicate container names, image references, tags) are ordinary detectors.

mod container_image_missing;
mod container_name_invalid;
mod container_name_missing;
mod containers_missing;
mod duplicate_requires_compatibilities;
mod empty_string_value;
mod family_invalid;
mod family_missing;
mod invalid_enum_value;
mod read_only_member;
mod required_member_missing;
mod task_definition_too_large;
mod too_many_containers;
mod type_mismatch;
mod unknown_nested_key;
mod unknown_top_level_key;

use crate::lint::Rule;

/// The rules of this group.
pub(crate) const RULES: &[&dyn Rule] = &[
    &family_missing::FamilyMissing,
    &family_invalid::FamilyInvalid,
    &containers_missing::ContainerDefinitionsMissing,
    &too_many_containers::TooManyContainers,
    &task_definition_too_large::TaskDefinitionTooLarge,
    &read_only_member::ReadOnlyMember,
    &unknown_top_level_key::UnknownTopLevelKey,
    &unknown_nested_key::UnknownNestedKey,
    &type_mismatch::TypeMismatch,
    &invalid_enum_value::InvalidEnumValue,
    &duplicate_requires_compatibilities::DuplicateRequiresCompatibilities,
    &required_member_missing::RequiredMemberMissing,
    &empty_string_value::EmptyStringValue,
    &container_name_missing::ContainerNameMissing,
    &container_name_invalid::ContainerNameInvalid,
    &container_image_missing::ContainerImageMissing,
];
