//! The container instances of a cluster and what is left on each.
//!
//! The hot per-instance numbers (free CPU, memory, GPUs, ENI slots) live in parallel vectors, so
//! the filters of the placement pipeline scan them as plain integer arrays; everything else about
//! an instance is in [`Instance`].

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// The lifecycle state of a container instance (API:ContainerInstance.status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstanceStatus {
    /// Accepts new tasks.
    Active,
    /// Receives no new tasks; service tasks move away.
    Draining,
    /// Registering (an ENI trunk is being provisioned).
    Registering,
    /// Deregistered or terminated.
    Inactive,
}

impl InstanceStatus {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Active => "ACTIVE",
            InstanceStatus::Draining => "DRAINING",
            InstanceStatus::Registering => "REGISTERING",
            InstanceStatus::Inactive => "INACTIVE",
        }
    }

    /// Parses an API value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ACTIVE" => InstanceStatus::Active,
            "DRAINING" => InstanceStatus::Draining,
            "REGISTERING" => InstanceStatus::Registering,
            "INACTIVE" => InstanceStatus::Inactive,
            _ => return None,
        })
    }
}

/// What an instance registers: CPU units, memory (MiB), GPUs, awsvpc task slots and the ports
/// the agent reserves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capacity {
    /// CPU units (vCPUs × 1024).
    pub cpu: u32,
    /// Memory in MiB, as the agent registers it.
    pub memory: u32,
    /// GPUs.
    pub gpus: u32,
    /// How many awsvpc tasks the instance can hold (ENIs − 1, or the trunking limit).
    pub eni_slots: u32,
    /// TCP ports reserved by the agent.
    pub reserved_tcp: BTreeSet<u16>,
    /// UDP ports reserved by the agent.
    pub reserved_udp: BTreeSet<u16>,
}

/// A container instance as the scheduler sees it.
#[derive(Clone, Debug)]
pub struct Instance {
    /// The id the scenario author chose (`i-a1`).
    pub id: String,
    /// The container-instance ARN.
    pub arn: String,
    /// The EC2 instance id (`ec2InstanceId` in queries).
    pub ec2_instance_id: String,
    /// The EC2 instance type.
    pub instance_type: String,
    /// The Availability Zone.
    pub availability_zone: String,
    /// The lifecycle state.
    pub status: InstanceStatus,
    /// Whether the agent is connected.
    pub agent_connected: bool,
    /// The agent version.
    pub agent_version: String,
    /// When it registered, seconds since the epoch.
    pub registered_at: i64,
    /// Built-in and custom attributes (`ecs.availability-zone`, `stack`, ...).
    pub attributes: BTreeMap<String, String>,
    /// What it registered.
    pub capacity: Capacity,
}

/// What one task takes from an instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// CPU units.
    pub cpu: u32,
    /// Memory in MiB.
    pub memory: u32,
    /// GPUs.
    pub gpus: u32,
    /// Whether it takes an ENI slot (awsvpc).
    pub eni: bool,
    /// Static TCP host ports.
    pub tcp_ports: Vec<u16>,
    /// Static UDP host ports.
    pub udp_ports: Vec<u16>,
}

/// The instances of a cluster with what is used on each.
#[derive(Clone, Debug, Default)]
pub struct Fleet {
    instances: Vec<Instance>,
    pub(crate) free_cpu: Vec<u32>,
    pub(crate) free_memory: Vec<u32>,
    pub(crate) free_gpus: Vec<u32>,
    pub(crate) free_enis: Vec<u32>,
    pub(crate) used_tcp: Vec<BTreeSet<u16>>,
    pub(crate) used_udp: Vec<BTreeSet<u16>>,
    pub(crate) running: Vec<u32>,
    /// Task groups by name, each with its count of tasks per instance (dense, so a placement
    /// request reads its group's counts as one slice).
    group_ids: HashMap<String, usize>,
    group_names: Vec<String>,
    pub(crate) group_counts: Vec<Vec<u32>>,
    by_id: HashMap<String, usize>,
    /// Bumped whenever something the derived data depends on changes (instances, status,
    /// agent, attributes).
    generation: u64,
    cache: RefCell<Derived>,
}

/// An attribute's values interned over the instances.
#[derive(Clone, Debug, Default)]
pub(crate) struct AttributeIndex {
    /// The value id of each instance (0 is "no such attribute").
    pub value_of: Vec<u32>,
    /// The value of each id (`""` for id 0).
    pub names: Vec<String>,
}

/// Data derived from the fleet that placement requests reuse until the fleet changes.
#[derive(Clone, Debug, Default)]
struct Derived {
    generation: u64,
    attributes: HashMap<String, Rc<AttributeIndex>>,
    eligible: HashMap<String, Rc<Vec<u32>>>,
}

/// The most host ports an instance may have reserved, defaults included (API:PortMapping.hostPort).
pub const MAX_RESERVED_PORTS: usize = 100;

impl Fleet {
    /// An empty fleet.
    pub fn new() -> Self {
        Fleet::default()
    }

    /// Adds an instance; returns its index. An instance whose id is taken replaces nothing and
    /// returns `None`.
    pub fn add(&mut self, instance: Instance) -> Option<usize> {
        if self.by_id.contains_key(&instance.id) {
            return None;
        }
        let index = self.instances.len();
        self.by_id.insert(instance.id.clone(), index);
        self.free_cpu.push(instance.capacity.cpu);
        self.free_memory.push(instance.capacity.memory);
        self.free_gpus.push(instance.capacity.gpus);
        self.free_enis.push(instance.capacity.eni_slots);
        self.used_tcp.push(BTreeSet::new());
        self.used_udp.push(BTreeSet::new());
        self.running.push(0);
        for counts in &mut self.group_counts {
            counts.push(0);
        }
        self.instances.push(instance);
        self.generation += 1;
        Some(index)
    }

    /// The number of instances (of every status).
    pub fn len(&self) -> usize {
        self.instances.len()
    }

    /// Whether the fleet has no instance.
    pub fn is_empty(&self) -> bool {
        self.instances.is_empty()
    }

    /// The instances, in registration order.
    pub fn instances(&self) -> &[Instance] {
        &self.instances
    }

    /// One instance.
    pub fn instance(&self, index: usize) -> Option<&Instance> {
        self.instances.get(index)
    }

    /// The index of the instance with this id (or ARN).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .copied()
            .or_else(|| self.instances.iter().position(|i| i.arn == id))
    }

    /// Sets an instance's status.
    pub fn set_status(&mut self, index: usize, status: InstanceStatus) {
        if let Some(i) = self.instances.get_mut(index) {
            i.status = status;
            self.generation += 1;
        }
    }

    /// Sets whether an instance's agent is connected.
    pub fn set_agent_connected(&mut self, index: usize, connected: bool) {
        if let Some(i) = self.instances.get_mut(index) {
            i.agent_connected = connected;
            self.generation += 1;
        }
    }

    /// Sets (or, with `None`, removes) a custom attribute of an instance.
    pub fn set_attribute(&mut self, index: usize, name: &str, value: Option<String>) {
        if let Some(i) = self.instances.get_mut(index) {
            match value {
                Some(v) => i.attributes.insert(name.to_owned(), v),
                None => i.attributes.remove(name),
            };
            self.generation += 1;
        }
    }

    fn derived(&self) -> std::cell::RefMut<'_, Derived> {
        let mut d = self.cache.borrow_mut();
        if d.generation != self.generation {
            *d = Derived {
                generation: self.generation,
                ..Derived::default()
            };
        }
        d
    }

    /// An attribute's values interned over the instances (computed once per fleet change).
    pub(crate) fn attribute_index(&self, name: &str) -> Rc<AttributeIndex> {
        let mut d = self.derived();
        if let Some(ix) = d.attributes.get(name) {
            return Rc::clone(ix);
        }
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut index = AttributeIndex {
            value_of: Vec::with_capacity(self.instances.len()),
            names: vec![String::new()],
        };
        for inst in &self.instances {
            let id = match inst.attributes.get(name) {
                None => 0,
                Some(v) => {
                    let next = u32::try_from(index.names.len()).unwrap_or(u32::MAX);
                    *ids.entry(v.as_str()).or_insert_with(|| {
                        index.names.push(v.clone());
                        next
                    })
                }
            };
            index.value_of.push(id);
        }
        let ix = Rc::new(index);
        d.attributes.insert(name.to_owned(), Rc::clone(&ix));
        ix
    }

    /// The instances passing a request's static checks, computed by `compute` once per fleet
    /// change and request signature `key`.
    pub(crate) fn eligible(&self, key: &str, compute: impl FnOnce() -> Vec<u32>) -> Rc<Vec<u32>> {
        if let Some(e) = self.derived().eligible.get(key) {
            return Rc::clone(e);
        }
        let e = Rc::new(compute());
        self.derived()
            .eligible
            .insert(key.to_owned(), Rc::clone(&e));
        e
    }

    /// The per-instance task counts of a group (empty when the group has no task anywhere).
    pub(crate) fn group_slice(&self, group: &str) -> &[u32] {
        self.group_ids
            .get(group)
            .and_then(|g| self.group_counts.get(*g))
            .map_or(&[], Vec::as_slice)
    }

    /// Free CPU units on an instance.
    pub fn free_cpu(&self, index: usize) -> u32 {
        self.free_cpu.get(index).copied().unwrap_or(0)
    }

    /// Free memory (MiB) on an instance.
    pub fn free_memory(&self, index: usize) -> u32 {
        self.free_memory.get(index).copied().unwrap_or(0)
    }

    /// Free GPUs on an instance.
    pub fn free_gpus(&self, index: usize) -> u32 {
        self.free_gpus.get(index).copied().unwrap_or(0)
    }

    /// Free awsvpc task slots on an instance.
    pub fn free_enis(&self, index: usize) -> u32 {
        self.free_enis.get(index).copied().unwrap_or(0)
    }

    /// The tasks (not STOPPED) on an instance.
    pub fn running_tasks(&self, index: usize) -> u32 {
        self.running.get(index).copied().unwrap_or(0)
    }

    /// How many tasks of a group are on an instance.
    pub fn group_count(&self, index: usize, group: &str) -> u32 {
        self.group_slice(group).get(index).copied().unwrap_or(0)
    }

    /// The task groups with a task on an instance.
    pub fn groups_on(&self, index: usize) -> impl Iterator<Item = &str> {
        self.group_names
            .iter()
            .zip(&self.group_counts)
            .filter(move |(_, counts)| counts.get(index).is_some_and(|c| *c > 0))
            .map(|(name, _)| name.as_str())
    }

    /// The TCP ports reserved on an instance: the agent's and those of its tasks, sorted.
    pub fn reserved_tcp(&self, index: usize) -> Vec<u16> {
        let mut ports: BTreeSet<u16> = self
            .instances
            .get(index)
            .map(|i| i.capacity.reserved_tcp.clone())
            .unwrap_or_default();
        if let Some(used) = self.used_tcp.get(index) {
            ports.extend(used.iter().copied());
        }
        ports.into_iter().collect()
    }

    /// The UDP ports reserved on an instance, sorted.
    pub fn reserved_udp(&self, index: usize) -> Vec<u16> {
        let mut ports: BTreeSet<u16> = self
            .instances
            .get(index)
            .map(|i| i.capacity.reserved_udp.clone())
            .unwrap_or_default();
        if let Some(used) = self.used_udp.get(index) {
            ports.extend(used.iter().copied());
        }
        ports.into_iter().collect()
    }

    /// How many host ports an instance has reserved, both protocols, defaults included.
    pub fn reserved_port_count(&self, index: usize) -> usize {
        let Some(i) = self.instances.get(index) else {
            return 0;
        };
        let tcp = self
            .used_tcp
            .get(index)
            .map_or(0, |u| u.difference(&i.capacity.reserved_tcp).count());
        let udp = self
            .used_udp
            .get(index)
            .map_or(0, |u| u.difference(&i.capacity.reserved_udp).count());
        i.capacity.reserved_tcp.len() + i.capacity.reserved_udp.len() + tcp + udp
    }

    /// Whether a port is free on an instance.
    pub fn tcp_port_free(&self, index: usize, port: u16) -> bool {
        let Some(i) = self.instances.get(index) else {
            return false;
        };
        !i.capacity.reserved_tcp.contains(&port)
            && !self.used_tcp.get(index).is_some_and(|u| u.contains(&port))
    }

    /// Whether a UDP port is free on an instance.
    pub fn udp_port_free(&self, index: usize, port: u16) -> bool {
        let Some(i) = self.instances.get(index) else {
            return false;
        };
        !i.capacity.reserved_udp.contains(&port)
            && !self.used_udp.get(index).is_some_and(|u| u.contains(&port))
    }

    /// Takes a task's usage from an instance and counts it in its group. The caller has checked
    /// that it fits; the arithmetic saturates rather than wrapping if it does not.
    pub fn commit(&mut self, index: usize, usage: &Usage, group: &str) {
        if let Some(v) = self.free_cpu.get_mut(index) {
            *v = v.saturating_sub(usage.cpu);
        }
        if let Some(v) = self.free_memory.get_mut(index) {
            *v = v.saturating_sub(usage.memory);
        }
        if let Some(v) = self.free_gpus.get_mut(index) {
            *v = v.saturating_sub(usage.gpus);
        }
        if usage.eni {
            if let Some(v) = self.free_enis.get_mut(index) {
                *v = v.saturating_sub(1);
            }
        }
        if let Some(set) = self.used_tcp.get_mut(index) {
            set.extend(usage.tcp_ports.iter().copied());
        }
        if let Some(set) = self.used_udp.get_mut(index) {
            set.extend(usage.udp_ports.iter().copied());
        }
        if let Some(v) = self.running.get_mut(index) {
            *v = v.saturating_add(1);
        }
        let g = match self.group_ids.get(group) {
            Some(g) => *g,
            None => {
                let g = self.group_names.len();
                self.group_ids.insert(group.to_owned(), g);
                self.group_names.push(group.to_owned());
                self.group_counts.push(vec![0; self.instances.len()]);
                g
            }
        };
        if let Some(c) = self
            .group_counts
            .get_mut(g)
            .and_then(|counts| counts.get_mut(index))
        {
            *c = c.saturating_add(1);
        }
    }

    /// Gives a stopped task's usage back to its instance.
    pub fn release(&mut self, index: usize, usage: &Usage, group: &str) {
        let Some(instance) = self.instances.get(index) else {
            return;
        };
        let cap = &instance.capacity;
        if let Some(v) = self.free_cpu.get_mut(index) {
            *v = v.saturating_add(usage.cpu).min(cap.cpu);
        }
        if let Some(v) = self.free_memory.get_mut(index) {
            *v = v.saturating_add(usage.memory).min(cap.memory);
        }
        if let Some(v) = self.free_gpus.get_mut(index) {
            *v = v.saturating_add(usage.gpus).min(cap.gpus);
        }
        if usage.eni {
            if let Some(v) = self.free_enis.get_mut(index) {
                *v = v.saturating_add(1).min(cap.eni_slots);
            }
        }
        if let Some(set) = self.used_tcp.get_mut(index) {
            for p in &usage.tcp_ports {
                set.remove(p);
            }
        }
        if let Some(set) = self.used_udp.get_mut(index) {
            for p in &usage.udp_ports {
                set.remove(p);
            }
        }
        if let Some(v) = self.running.get_mut(index) {
            *v = v.saturating_sub(1);
        }
        if let Some(c) = self
            .group_ids
            .get(group)
            .and_then(|g| self.group_counts.get_mut(*g))
            .and_then(|counts| counts.get_mut(index))
        {
            *c = c.saturating_sub(1);
        }
    }
}
