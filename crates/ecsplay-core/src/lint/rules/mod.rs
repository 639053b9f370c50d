//! The rules, one file each, grouped as in the catalogue (`shared/spec/rules.md`).
//!
//! Every rule file has the same layout: its documentation (What it does / Why is this bad? /
//! Example / Use instead / References), its metadata, the detector, then its tests.

pub mod dependencies;
pub mod environment;
pub mod fargate;
pub mod health;
pub mod iam;
pub mod logging;
pub mod misc;
pub mod network;
pub mod ports;
pub mod resources;
pub mod security;
pub mod service_connect;
pub mod shape;
pub mod syntax;
pub mod volumes;
pub mod windows;
