//! The fleet the placement view simulates: container instances by type and Availability Zone,
//! their purchase option, custom attributes and agent state, plus the awsvpc trunking account
//! setting; the presets; and the instance-type catalogue as the picker shows it.

use ecsplay_core::catalog::instance_types::{instance_types, InstanceType};
use serde_json::{json, Map, Value};

/// The Region of every scenario the view builds (ARNs and AZ names use it).
pub const REGION: &str = "us-east-1";

/// The cluster name of every scenario the view builds.
pub const CLUSTER: &str = "demo";

/// The Availability Zones the fleet editor offers.
pub const ZONES: [&str; 6] = [
    "us-east-1a",
    "us-east-1b",
    "us-east-1c",
    "us-east-1d",
    "us-east-1e",
    "us-east-1f",
];

/// The most instances the editor adds (the picture stays readable; the engine takes far more).
pub const MAX_INSTANCES: usize = 60;

/// The most custom attributes ECS allows on one container instance.
pub const MAX_ATTRIBUTES: usize = 10;

/// One container instance of the fleet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceSpec {
    /// The id results refer to it by (`i-a1`).
    pub id: String,
    /// The EC2 instance type (from the catalogue).
    pub instance_type: String,
    /// The Availability Zone.
    pub zone: String,
    /// A Spot instance (On-Demand otherwise).
    pub spot: bool,
    /// Custom attributes, in the order the user wrote them.
    pub attributes: Vec<(String, String)>,
    /// Whether the ECS agent is connected.
    pub agent_connected: bool,
    /// Registered DRAINING (ACTIVE otherwise).
    pub draining: bool,
}

impl InstanceSpec {
    /// A fresh, healthy On-Demand instance.
    pub fn new(id: &str, instance_type: &str, zone: &str) -> Self {
        InstanceSpec {
            id: id.to_owned(),
            instance_type: instance_type.to_owned(),
            zone: zone.to_owned(),
            spot: false,
            attributes: Vec::new(),
            agent_connected: true,
            draining: false,
        }
    }

    fn with(mut self, key: &str, value: &str) -> Self {
        self.attributes.push((key.to_owned(), value.to_owned()));
        self
    }

    fn spot(mut self) -> Self {
        self.spot = true;
        self
    }

    /// The catalogue entry of its type.
    pub fn facts(&self) -> Option<&'static InstanceType> {
        ecsplay_core::catalog::instance_type(&self.instance_type)
    }

    /// The instance as `cluster.instances[]` of a scenario writes it; defaults are left out.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), json!(self.id));
        out.insert("instanceType".into(), json!(self.instance_type));
        out.insert("availabilityZone".into(), json!(self.zone));
        let attributes: Map<String, Value> = self
            .attributes
            .iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .map(|(k, v)| (k.trim().to_owned(), json!(v)))
            .collect();
        if !attributes.is_empty() {
            out.insert("attributes".into(), Value::Object(attributes));
        }
        if self.spot {
            out.insert("purchaseOption".into(), json!("spot"));
        }
        if self.draining {
            out.insert("status".into(), json!("DRAINING"));
        }
        if !self.agent_connected {
            out.insert("agentConnected".into(), json!(false));
        }
        Value::Object(out)
    }

    /// Reads a scenario's instance (what [`InstanceSpec::to_json`] writes, and the sample's).
    pub fn from_json(v: &Value) -> Option<Self> {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(InstanceSpec {
            id: text("id")?,
            instance_type: text("instanceType")?,
            zone: text("availabilityZone")?,
            spot: text("purchaseOption").as_deref() == Some("spot"),
            attributes: v
                .get("attributes")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
            agent_connected: v
                .get("agentConnected")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            draining: text("status").as_deref() == Some("DRAINING"),
        })
    }
}

/// The fleet: instances in registration order and the trunking account setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FleetSpec {
    /// The instances.
    pub instances: Vec<InstanceSpec>,
    /// The `awsvpcTrunking` account setting.
    pub trunking: bool,
}

/// A change to one instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstanceEdit {
    /// Renames it (typed).
    Id(String),
    /// Changes its type.
    Type(String),
    /// Moves it to another Availability Zone.
    Zone(String),
    /// Spot or On-Demand.
    Spot(bool),
    /// Connects or disconnects its agent.
    AgentConnected(bool),
    /// Registers it DRAINING or ACTIVE.
    Draining(bool),
    /// Adds an empty custom attribute.
    AddAttribute,
    /// Removes a custom attribute.
    RemoveAttribute(usize),
    /// Renames a custom attribute (typed).
    AttributeName(usize, String),
    /// Changes a custom attribute's value (typed).
    AttributeValue(usize, String),
}

impl InstanceEdit {
    /// Whether the edit comes from typing (the simulation waits until typing pauses).
    pub fn is_typing(&self) -> bool {
        matches!(
            self,
            InstanceEdit::Id(_)
                | InstanceEdit::AttributeName(..)
                | InstanceEdit::AttributeValue(..)
        )
    }
}

/// The letter an instance id takes from its zone (`us-east-1b` → `b`).
fn zone_letter(zone: &str) -> char {
    zone.chars()
        .last()
        .filter(char::is_ascii_alphabetic)
        .unwrap_or('x')
}

impl FleetSpec {
    /// A free id for a new instance in `zone`, in the sample's style (`i-b3`).
    pub fn next_id(&self, zone: &str) -> String {
        let letter = zone_letter(zone);
        (1..)
            .map(|n| format!("i-{letter}{n}"))
            .find(|id| self.instances.iter().all(|i| &i.id != id))
            .unwrap_or_default()
    }

    /// The zone a new instance goes to: the least used of the fleet's zones (and the first three).
    fn next_zone(&self) -> String {
        let mut zones: Vec<String> = ZONES.iter().take(3).map(|z| (*z).to_owned()).collect();
        for z in self.zones() {
            if !zones.contains(&z) {
                zones.push(z);
            }
        }
        let used = |z: &String| self.instances.iter().filter(|i| &i.zone == z).count();
        zones
            .iter()
            .min_by_key(|z| used(z))
            .cloned()
            .unwrap_or_else(|| ZONES[0].to_owned())
    }

    /// Adds an instance like the last one (or an m5.large) in the least used zone.
    pub fn add(&mut self) -> Option<usize> {
        if self.instances.len() >= MAX_INSTANCES {
            return None;
        }
        let zone = self.next_zone();
        let kind = self
            .instances
            .last()
            .map_or("m5.large", |i| i.instance_type.as_str())
            .to_owned();
        let attributes = self
            .instances
            .last()
            .map(|i| i.attributes.clone())
            .unwrap_or_default();
        let mut inst = InstanceSpec::new(&self.next_id(&zone), &kind, &zone);
        inst.attributes = attributes;
        self.instances.push(inst);
        Some(self.instances.len() - 1)
    }

    /// Adds a copy of an instance right after it, with a new id.
    pub fn duplicate(&mut self, index: usize) -> Option<usize> {
        if self.instances.len() >= MAX_INSTANCES {
            return None;
        }
        let mut copy = self.instances.get(index)?.clone();
        copy.id = self.next_id(&copy.zone);
        self.instances.insert(index + 1, copy);
        Some(index + 1)
    }

    /// Removes an instance.
    pub fn remove(&mut self, index: usize) -> Option<InstanceSpec> {
        (index < self.instances.len()).then(|| self.instances.remove(index))
    }

    /// Applies an edit to an instance; returns whether anything changed.
    pub fn edit(&mut self, index: usize, edit: InstanceEdit) -> bool {
        let Some(inst) = self.instances.get_mut(index) else {
            return false;
        };
        let before = inst.clone();
        match edit {
            InstanceEdit::Id(id) => inst.id = id,
            InstanceEdit::Type(t) => {
                if ecsplay_core::catalog::instance_type(&t).is_some() {
                    inst.instance_type = t;
                }
            }
            InstanceEdit::Zone(z) => inst.zone = z,
            InstanceEdit::Spot(s) => inst.spot = s,
            InstanceEdit::AgentConnected(c) => inst.agent_connected = c,
            InstanceEdit::Draining(d) => inst.draining = d,
            InstanceEdit::AddAttribute => {
                if inst.attributes.len() < MAX_ATTRIBUTES {
                    inst.attributes.push((String::new(), String::new()));
                }
            }
            InstanceEdit::RemoveAttribute(i) => {
                if i < inst.attributes.len() {
                    inst.attributes.remove(i);
                }
            }
            InstanceEdit::AttributeName(i, name) => {
                if let Some(a) = inst.attributes.get_mut(i) {
                    a.0 = name;
                }
            }
            InstanceEdit::AttributeValue(i, value) => {
                if let Some(a) = inst.attributes.get_mut(i) {
                    a.1 = value;
                }
            }
        }
        *inst != before
    }

    /// The fleet's Availability Zones, sorted.
    pub fn zones(&self) -> Vec<String> {
        let mut zones: Vec<String> = self.instances.iter().map(|i| i.zone.clone()).collect();
        zones.sort();
        zones.dedup();
        zones
    }

    /// One subnet per zone of the fleet: `(subnet id, zone)`; `subnet-a` for `us-east-1a`, the
    /// whole zone name when two zones end in the same letter.
    pub fn subnets(&self) -> Vec<(String, String)> {
        let zones = self.zones();
        zones
            .iter()
            .map(|z| {
                let letter = zone_letter(z);
                let shared = zones.iter().filter(|o| zone_letter(o) == letter).count() > 1;
                let id = if shared || letter == 'x' {
                    format!("subnet-{z}")
                } else {
                    format!("subnet-{letter}")
                };
                (id, z.clone())
            })
            .collect()
    }

    /// Custom attribute names used in the fleet, sorted (for strategy fields and queries).
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .instances
            .iter()
            .flat_map(|i| i.attributes.iter().map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Cluster query expressions that make sense on this fleet (suggestions for memberOf).
    pub fn query_examples(&self) -> Vec<String> {
        let zones = self.zones();
        let mut out = Vec::new();
        for name in self.attribute_names() {
            let mut values: Vec<&str> = self
                .instances
                .iter()
                .flat_map(|i| i.attributes.iter())
                .filter(|(k, _)| k.trim() == name)
                .map(|(_, v)| v.as_str())
                .collect();
            values.sort_unstable();
            values.dedup();
            out.extend(values.iter().map(|v| format!("attribute:{name} == {v}")));
        }
        if let Some(z) = zones.first() {
            out.push(format!("attribute:ecs.availability-zone == {z}"));
        }
        if zones.len() > 1 {
            out.push(format!(
                "attribute:ecs.availability-zone in [{}]",
                zones.iter().take(2).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(i) = self.instances.first() {
            let family = i.instance_type.split('.').next().unwrap_or_default();
            out.push(format!("attribute:ecs.instance-type =~ {family}.*"));
        }
        out.extend([
            "attribute:ecs.cpu-architecture == arm64".to_owned(),
            "not(task:group == family:web)".to_owned(),
            "runningTasksCount == 0".to_owned(),
            "agentConnected == true".to_owned(),
        ]);
        out
    }

    /// Problems with the fleet as written, one line each (duplicate ids, empty names).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (n, inst) in self.instances.iter().enumerate() {
            if inst.id.trim().is_empty() {
                out.push(format!("instance {} has no id", n + 1));
            } else if self.instances[..n].iter().any(|o| o.id == inst.id) {
                out.push(format!("the id {} is used twice", inst.id));
            }
            for (k, v) in &inst.attributes {
                if let Some(problem) = attribute_problem(k, v) {
                    out.push(format!("{}: {problem}", inst.id));
                }
            }
        }
        out
    }
}

/// What is wrong with a custom attribute as ECS checks it (placement.md §3.2), if anything.
pub fn attribute_problem(name: &str, value: &str) -> Option<String> {
    let name_ok = |c: char| c.is_ascii_alphanumeric() || "-_/\\.".contains(c);
    let value_ok = |c: char| c.is_ascii_alphanumeric() || "-_.@/\\: ".contains(c);
    if name.is_empty() {
        return Some("an attribute without a name is left out".to_owned());
    }
    if name.chars().count() > 128 || !name.chars().all(name_ok) {
        return Some(format!(
            "attribute name '{name}': ECS allows 1 to 128 letters, digits and - _ / \\ ."
        ));
    }
    if value.chars().count() > 128
        || !value.chars().all(value_ok)
        || value.starts_with(' ')
        || value.ends_with(' ')
    {
        return Some(format!(
            "attribute {name}: a value is up to 128 letters, digits, spaces and - _ . @ / \\ :, without spaces at the ends"
        ));
    }
    None
}

/// A ready-made fleet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FleetPreset {
    /// The sample scenario's fleet.
    Sample,
    /// Six m5.large over three zones.
    SixM5,
    /// Spot and On-Demand mixed.
    MixedSpot,
    /// GPU instances and one without.
    Gpu,
    /// Graviton instances and one x86_64 for contrast.
    Graviton,
}

impl FleetPreset {
    /// Every preset, in the order the editor lists them.
    pub const ALL: [FleetPreset; 5] = [
        FleetPreset::Sample,
        FleetPreset::SixM5,
        FleetPreset::MixedSpot,
        FleetPreset::Gpu,
        FleetPreset::Graviton,
    ];

    /// Its name in links and test ids.
    pub fn id(self) -> &'static str {
        match self {
            FleetPreset::Sample => "sample",
            FleetPreset::SixM5 => "six-m5",
            FleetPreset::MixedSpot => "mixed-spot",
            FleetPreset::Gpu => "gpu",
            FleetPreset::Graviton => "graviton",
        }
    }

    /// Its button label.
    pub fn title(self) -> &'static str {
        match self {
            FleetPreset::Sample => "Sample fleet",
            FleetPreset::SixM5 => "6 × m5.large over 3 AZs",
            FleetPreset::MixedSpot => "Mixed Spot and On-Demand",
            FleetPreset::Gpu => "GPU fleet",
            FleetPreset::Graviton => "Graviton (arm64)",
        }
    }

    /// What it shows, in one line.
    pub fn description(self) -> &'static str {
        match self {
            FleetPreset::Sample => "Two m5.large, a c5.large and a t3.medium; the t3 is tagged stack=dev.",
            FleetPreset::SixM5 => "Identical instances: strategies decide alone, and ties go to the seeded RNG.",
            FleetPreset::MixedSpot => "Spot instances carry the custom attribute lifecycle=spot (set with ECS_INSTANCE_ATTRIBUTES), so memberOf can keep tasks on or off Spot.",
            FleetPreset::Gpu => "GPU tasks need free GPUs (RESOURCE:GPU); the m5.large has none.",
            FleetPreset::Graviton => "arm64 tasks only land on Graviton (ATTRIBUTE elsewhere); one x86_64 m5.large for contrast.",
        }
    }

    /// Its instances (the sample's come from the sample scenario).
    pub fn instances(self, sample: &FleetSpec) -> Vec<InstanceSpec> {
        let prod = |i: InstanceSpec| i.with("stack", "prod");
        match self {
            FleetPreset::Sample => sample.instances.clone(),
            FleetPreset::SixM5 => ["a1", "a2", "b1", "b2", "c1", "c2"]
                .iter()
                .map(|s| {
                    let zone = format!("us-east-1{}", &s[..1]);
                    prod(InstanceSpec::new(&format!("i-{s}"), "m5.large", &zone))
                })
                .collect(),
            FleetPreset::MixedSpot => vec![
                prod(InstanceSpec::new("i-a1", "m5.large", "us-east-1a"))
                    .with("lifecycle", "on-demand"),
                prod(InstanceSpec::new("i-b1", "m5.large", "us-east-1b"))
                    .with("lifecycle", "on-demand"),
                prod(InstanceSpec::new("i-a2", "m5.large", "us-east-1a"))
                    .with("lifecycle", "spot")
                    .spot(),
                prod(InstanceSpec::new("i-b2", "c5.large", "us-east-1b"))
                    .with("lifecycle", "spot")
                    .spot(),
                prod(InstanceSpec::new("i-c1", "m5.large", "us-east-1c"))
                    .with("lifecycle", "spot")
                    .spot(),
                prod(InstanceSpec::new("i-c2", "c5.large", "us-east-1c"))
                    .with("lifecycle", "spot")
                    .spot(),
            ],
            FleetPreset::Gpu => vec![
                prod(InstanceSpec::new("i-a1", "g4dn.xlarge", "us-east-1a")),
                prod(InstanceSpec::new("i-b1", "g4dn.xlarge", "us-east-1b")),
                prod(InstanceSpec::new("i-c1", "g4dn.12xlarge", "us-east-1c")),
                prod(InstanceSpec::new("i-a2", "m5.large", "us-east-1a")),
            ],
            FleetPreset::Graviton => vec![
                prod(InstanceSpec::new("i-a1", "m6g.large", "us-east-1a")),
                prod(InstanceSpec::new("i-b1", "c6g.large", "us-east-1b")),
                prod(InstanceSpec::new("i-c1", "m7g.large", "us-east-1c")),
                prod(InstanceSpec::new("i-a2", "t4g.medium", "us-east-1a")),
                prod(InstanceSpec::new("i-b2", "m5.large", "us-east-1b")),
            ],
        }
    }
}

/// One line about an instance type for the picker: `m5.large · 2 vCPU · 7690 MiB · 3 ENIs`.
pub fn type_summary(t: &InstanceType, trunking: bool) -> String {
    let mut parts = vec![
        format!("{} vCPU", t.vcpus),
        format!("{} MiB", t.registered_memory_mib(0)),
        format!(
            "{} ENI{}",
            t.max_enis,
            if t.max_enis == 1 { "" } else { "s" }
        ),
        format!("{} awsvpc tasks", t.awsvpc_task_limit(trunking)),
    ];
    if t.gpu_count() > 0 {
        parts.push(format!("{} GPU", t.gpu_count()));
    }
    if t.architecture.as_str() == "arm64" {
        parts.push("arm64".to_owned());
    }
    parts.join(" · ")
}

/// The catalogue grouped by family, in catalogue order: `(family, types)`.
pub fn type_groups() -> Vec<(&'static str, Vec<&'static InstanceType>)> {
    let mut groups: Vec<(&'static str, Vec<&'static InstanceType>)> = Vec::new();
    for t in instance_types() {
        match groups.iter_mut().find(|(f, _)| *f == t.family) {
            Some((_, list)) => list.push(t),
            None => groups.push((t.family, vec![t])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fleet() -> FleetSpec {
        FleetSpec {
            instances: vec![
                InstanceSpec::new("i-a1", "m5.large", "us-east-1a"),
                InstanceSpec::new("i-b1", "c5.large", "us-east-1b"),
            ],
            trunking: false,
        }
    }

    #[test]
    fn new_instances_get_free_ids_in_the_least_used_zone() {
        let mut f = fleet();
        let i = f.add().unwrap();
        assert_eq!(f.instances[i].id, "i-c1");
        assert_eq!(f.instances[i].zone, "us-east-1c");
        assert_eq!(
            f.instances[i].instance_type, "c5.large",
            "like the last one"
        );
        let d = f.duplicate(0).unwrap();
        assert_eq!(d, 1);
        assert_eq!(f.instances[1].id, "i-a2");
        assert_eq!(f.instances[1].zone, "us-east-1a");
        assert!(f.remove(9).is_none());
        assert_eq!(f.remove(1).unwrap().id, "i-a2");
    }

    #[test]
    fn the_fleet_has_a_cap() {
        let mut f = fleet();
        while f.add().is_some() {}
        assert_eq!(f.instances.len(), MAX_INSTANCES);
        assert!(f.duplicate(0).is_none());
    }

    #[test]
    fn edits_change_one_field_and_report_it() {
        let mut f = fleet();
        assert!(f.edit(0, InstanceEdit::Spot(true)));
        assert!(!f.edit(0, InstanceEdit::Spot(true)));
        assert!(
            !f.edit(0, InstanceEdit::Type("z9.huge".into())),
            "unknown types are refused"
        );
        assert!(f.edit(0, InstanceEdit::AddAttribute));
        assert!(f.edit(0, InstanceEdit::AttributeName(0, "stack".into())));
        assert!(f.edit(0, InstanceEdit::AttributeValue(0, "prod".into())));
        assert_eq!(f.instances[0].attributes, [("stack".into(), "prod".into())]);
        assert!(!f.edit(5, InstanceEdit::Spot(false)));
        assert!(InstanceEdit::Id("x".into()).is_typing());
        assert!(!InstanceEdit::Draining(true).is_typing());
    }

    #[test]
    fn instances_round_trip_through_scenario_json_with_defaults_left_out() {
        let plain = InstanceSpec::new("i-a1", "m5.large", "us-east-1a");
        assert_eq!(
            plain.to_json(),
            json!({"id": "i-a1", "instanceType": "m5.large", "availabilityZone": "us-east-1a"})
        );
        let mut odd = plain.clone().with("stack", "prod").spot();
        odd.draining = true;
        odd.agent_connected = false;
        let v = odd.to_json();
        assert_eq!(v["purchaseOption"], "spot");
        assert_eq!(v["status"], "DRAINING");
        assert_eq!(v["agentConnected"], false);
        assert_eq!(InstanceSpec::from_json(&v), Some(odd));
    }

    #[test]
    fn subnets_follow_the_zones() {
        let mut f = fleet();
        assert_eq!(
            f.subnets(),
            [
                ("subnet-a".to_owned(), "us-east-1a".to_owned()),
                ("subnet-b".to_owned(), "us-east-1b".to_owned())
            ]
        );
        f.instances
            .push(InstanceSpec::new("i-z", "m5.large", "us-west-2a"));
        let subnets = f.subnets();
        assert!(subnets.contains(&("subnet-us-west-2a".to_owned(), "us-west-2a".to_owned())));
    }

    #[test]
    fn query_examples_parse_and_use_the_fleet() {
        let mut f = fleet();
        f.instances[0]
            .attributes
            .push(("stack".into(), "prod".into()));
        let examples = f.query_examples();
        assert!(examples.contains(&"attribute:stack == prod".to_owned()));
        assert!(examples
            .contains(&"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]".to_owned()));
        for e in &examples {
            assert!(
                ecsplay_core::placement::query::Expression::parse(e).is_ok(),
                "{e}"
            );
        }
    }

    #[test]
    fn problems_name_duplicate_ids_and_bad_attributes() {
        let mut f = fleet();
        f.instances[1].id = "i-a1".into();
        f.instances[0]
            .attributes
            .push(("bad name!".into(), "x".into()));
        let problems = f.problems();
        assert!(
            problems.iter().any(|p| p.contains("used twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("bad name!")),
            "{problems:?}"
        );
        assert_eq!(attribute_problem("stack", "prod"), None);
        assert!(attribute_problem("stack", " prod").is_some());
    }

    #[test]
    fn presets_use_catalogue_types_only() {
        let sample = fleet();
        for p in FleetPreset::ALL {
            let instances = p.instances(&sample);
            assert!(!instances.is_empty(), "{}", p.id());
            for i in &instances {
                assert!(i.facts().is_some(), "{}: {}", p.id(), i.instance_type);
            }
        }
        let gpu = FleetPreset::Gpu.instances(&sample);
        assert!(gpu.iter().any(|i| i.facts().unwrap().gpu_count() > 0));
        let arm = FleetPreset::Graviton.instances(&sample);
        assert!(arm
            .iter()
            .any(|i| i.facts().unwrap().architecture.as_str() == "arm64"));
        assert!(FleetPreset::MixedSpot
            .instances(&sample)
            .iter()
            .any(|i| i.spot));
    }

    #[test]
    fn the_picker_lists_the_whole_catalogue() {
        let groups = type_groups();
        let total: usize = groups.iter().map(|(_, l)| l.len()).sum();
        assert_eq!(total, instance_types().count());
        let m5 = ecsplay_core::catalog::instance_type("m5.large").unwrap();
        assert_eq!(
            type_summary(m5, false),
            "2 vCPU · 7690 MiB · 3 ENIs · 2 awsvpc tasks"
        );
        assert!(type_summary(m5, true).contains("10 awsvpc tasks"));
    }
}
