//! The fleet picture after the selected step, as plain data: instance cards grouped by
//! Availability Zone with their usage bars and tasks, Fargate tasks per zone, the unplaced lane,
//! the colour legend, and what the latest edit moved.

use super::{ColorBy, PlaceState, Selection};
use ecsplay_core::sim::{InstanceReport, TaskReport};
use std::collections::BTreeMap;

/// How many task colours the style sheet defines (`.tc-0` … `.tc-7`).
pub const PALETTE: usize = 8;

/// One usage bar of an instance card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// `cpu`, `memory`, `eni`, `ports`, `gpu` (a class name).
    pub key: &'static str,
    /// `CPU`, `Memory`, ...
    pub label: &'static str,
    /// How much is taken.
    pub used: u64,
    /// How much there is.
    pub total: u64,
    /// The numbers in a sentence, for the tooltip and screen readers.
    pub text: String,
    /// The numbers, short (`1024 / 2048`).
    pub short: String,
}

/// A task in the picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskBlock {
    /// The id.
    pub id: String,
    /// `family:revision`.
    pub task_definition: String,
    /// The group.
    pub group: String,
    /// Its colour (`0..PALETTE`).
    pub color: usize,
    /// Started by the selected step.
    pub fresh: bool,
    /// Where it was before the latest edit, when that was elsewhere.
    pub moved_from: Option<String>,
    /// New since the latest edit.
    pub added: bool,
    /// Its decision is open.
    pub selected: bool,
}

impl TaskBlock {
    /// What a screen reader says about it.
    pub fn label(&self) -> String {
        let mut out = format!(
            "task {}, {}, group {}",
            self.id, self.task_definition, self.group
        );
        if self.fresh {
            out.push_str(", started by this step");
        }
        if let Some(from) = &self.moved_from {
            out.push_str(&format!(", was on {from} before your change"));
        }
        if self.added {
            out.push_str(", new since your change");
        }
        out
    }
}

/// One instance card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The id.
    pub id: String,
    /// The instance type.
    pub instance_type: String,
    /// `ACTIVE`, `DRAINING` or `INACTIVE`.
    pub status: String,
    /// Whether the agent is connected.
    pub agent_connected: bool,
    /// A Spot instance.
    pub spot: bool,
    /// `x86_64` or `arm64`.
    pub architecture: &'static str,
    /// Custom attributes, `name=value`.
    pub attributes: Vec<String>,
    /// The usage bars.
    pub bars: Vec<Bar>,
    /// Its tasks.
    pub tasks: Vec<TaskBlock>,
}

impl Card {
    /// Whether it accepts no new task (DRAINING, INACTIVE or disconnected).
    pub fn unavailable(&self) -> bool {
        self.status != "ACTIVE" || !self.agent_connected
    }

    /// Short marks for the card's head: `Spot`, `DRAINING`, `agent disconnected`.
    pub fn marks(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.spot {
            out.push("Spot");
        }
        match self.status.as_str() {
            "DRAINING" => out.push("DRAINING"),
            "INACTIVE" => out.push("INACTIVE"),
            _ => {}
        }
        if !self.agent_connected {
            out.push("agent disconnected");
        }
        out
    }
}

/// One Availability Zone's column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// The zone.
    pub name: String,
    /// Its instances, in registration order.
    pub cards: Vec<Card>,
    /// Fargate tasks spread to it.
    pub fargate: Vec<TaskBlock>,
}

impl Zone {
    /// Tasks in the zone.
    pub fn task_count(&self) -> usize {
        self.fargate.len() + self.cards.iter().map(|c| c.tasks.len()).sum::<usize>()
    }
}

/// A task the selected step could not place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// The step, from 1.
    pub step: usize,
    /// The failure's index in the step.
    pub index: usize,
    /// ECS's reason.
    pub reason: String,
    /// The closest matching instance.
    pub closest: Option<String>,
    /// What it lacks.
    pub detail: String,
    /// Its decision is open.
    pub selected: bool,
}

/// One colour of the legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// The colour.
    pub color: usize,
    /// The task definition or group.
    pub label: String,
    /// Tasks of it in the picture.
    pub count: usize,
}

/// The whole picture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picture {
    /// The zones, sorted.
    pub zones: Vec<Zone>,
    /// The unplaced lane.
    pub unplaced: Vec<Unplaced>,
    /// The legend.
    pub legend: Vec<LegendEntry>,
    /// One line: tasks, instances.
    pub summary: String,
    /// What the latest edit changed here, in one line.
    pub changes: Option<String>,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn bars(inst: &InstanceReport) -> Vec<Bar> {
    let (reg, rem) = (&inst.registered_resources, &inst.remaining_resources);
    let mut out = Vec::new();
    let mut amount = |key, label, total: u64, free: u64, unit: &str| {
        let used = total.saturating_sub(free);
        out.push(Bar {
            key,
            label,
            used,
            total,
            text: format!("{label}: {used} of {total} {unit} reserved, {free} free"),
            short: format!("{used} / {total}"),
        });
    };
    amount("cpu", "CPU", reg.cpu.into(), rem.cpu.into(), "CPU units");
    amount(
        "memory",
        "Memory",
        reg.memory.into(),
        rem.memory.into(),
        "MiB",
    );
    if reg.gpu > 0 {
        amount("gpu", "GPU", reg.gpu.into(), rem.gpu.into(), "GPUs");
    }
    let [free, total] = inst.eni_slots;
    let used = total.saturating_sub(free);
    out.push(Bar {
        key: "eni",
        label: "ENI",
        used: used.into(),
        total: total.into(),
        text: format!("ENI: {used} of {total} awsvpc task slots in use"),
        short: format!("{used} / {total}"),
    });
    let limit = ecsplay_core::placement::MAX_RESERVED_PORTS as u64;
    let reserved = (rem.ports.len() + rem.ports_udp.len()) as u64;
    let mut list = rem.ports.join(", ");
    if !rem.ports_udp.is_empty() {
        list.push_str(&format!("; UDP {}", rem.ports_udp.join(", ")));
    }
    out.push(Bar {
        key: "ports",
        label: "Ports",
        used: reserved,
        total: limit,
        text: format!("Ports: {reserved} of {limit} host ports reserved ({list})"),
        short: format!("{reserved} / {limit}"),
    });
    out
}

/// Colours: one per task definition in registration order, or per group in order of appearance.
fn colors(state: &PlaceState) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut order: Vec<String> = Vec::new();
    match state.color_by {
        ColorBy::TaskDefinition => order.extend(state.catalog.iter().map(|e| e.name())),
        ColorBy::Group => {
            if let Some(r) = state.run.ok() {
                for t in r.steps.iter().flat_map(|s| s.tasks.iter()) {
                    if !order.contains(&t.group) {
                        order.push(t.group.clone());
                    }
                }
            }
        }
    }
    let map = order
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), i % PALETTE))
        .collect();
    (map, order)
}

/// The picture after the selected step.
pub fn picture(state: &PlaceState) -> Picture {
    let Some(now) = state.run.state_at(state.at) else {
        return Picture::default();
    };
    let (palette, order) = colors(state);
    let key = |t: &TaskReport| match state.color_by {
        ColorBy::TaskDefinition => t.task_definition.clone(),
        ColorBy::Group => t.group.clone(),
    };
    let step_report = state
        .at
        .checked_sub(1)
        .and_then(|i| state.run.ok()?.steps.get(i));
    let fresh = |id: &str| step_report.is_some_and(|s| s.tasks.iter().any(|t| t.task_id == id));
    let before = state.before.as_deref();
    let block = |t: &TaskReport, here: &str| {
        let was = before.and_then(|b| b.get(&t.task_id));
        TaskBlock {
            id: t.task_id.clone(),
            task_definition: t.task_definition.clone(),
            group: t.group.clone(),
            color: palette.get(&key(t)).copied().unwrap_or(0),
            fresh: fresh(&t.task_id),
            moved_from: was.filter(|w| w.as_str() != here).cloned(),
            added: before.is_some() && was.is_none(),
            selected: state.selected == Some(Selection::Task(t.task_id.clone())),
        }
    };
    let mut zones: BTreeMap<String, Zone> = BTreeMap::new();
    let zone = |zones: &mut BTreeMap<String, Zone>, name: &str| {
        zones.entry(name.to_owned()).or_insert_with(|| Zone {
            name: name.to_owned(),
            cards: Vec::new(),
            fargate: Vec::new(),
        });
    };
    for inst in &now.instances {
        let spec = state.fleet.instances.iter().find(|i| i.id == inst.id);
        let tasks = inst
            .tasks
            .iter()
            .filter_map(|id| now.tasks.iter().find(|t| &t.task_id == id))
            .map(|t| block(t, &inst.id))
            .collect();
        zone(&mut zones, &inst.availability_zone);
        if let Some(z) = zones.get_mut(&inst.availability_zone) {
            z.cards.push(Card {
                id: inst.id.clone(),
                instance_type: inst.instance_type.clone(),
                status: inst.status.clone(),
                agent_connected: inst.agent_connected,
                spot: spec.is_some_and(|s| s.spot),
                architecture: ecsplay_core::catalog::instance_type(&inst.instance_type)
                    .map_or("", |t| t.architecture.as_str()),
                attributes: spec
                    .map(|s| {
                        s.attributes
                            .iter()
                            .filter(|(k, _)| !k.trim().is_empty())
                            .map(|(k, v)| format!("{}={v}", k.trim()))
                            .collect()
                    })
                    .unwrap_or_default(),
                bars: bars(inst),
                tasks,
            });
        }
    }
    for t in now.tasks.iter().filter(|t| t.container_instance.is_none()) {
        zone(&mut zones, &t.availability_zone);
        let here = format!("Fargate in {}", t.availability_zone);
        if let Some(z) = zones.get_mut(&t.availability_zone) {
            z.fargate.push(block(t, &here));
        }
    }
    let unplaced = step_report
        .map(|s| {
            s.failures
                .iter()
                .enumerate()
                .map(|(index, f)| {
                    let explanation = s
                        .placements
                        .iter()
                        .filter(|p| p.task_id.is_none())
                        .nth(index);
                    Unplaced {
                        step: state.at,
                        index,
                        reason: f.reason.clone(),
                        closest: explanation.and_then(|p| p.explanation.closest.clone()),
                        detail: f.detail.clone(),
                        selected: state.selected
                            == Some(Selection::Unplaced {
                                step: state.at,
                                index,
                            }),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in &now.tasks {
        *counts.entry(key(t)).or_default() += 1;
    }
    let legend = order
        .iter()
        .enumerate()
        .filter(|(_, k)| counts.contains_key(*k) || state.color_by == ColorBy::TaskDefinition)
        .map(|(i, k)| LegendEntry {
            color: i % PALETTE,
            label: k.clone(),
            count: counts.get(k).copied().unwrap_or(0),
        })
        .collect();
    let used = now.instances.iter().filter(|i| !i.tasks.is_empty()).count();
    let fargate = now
        .tasks
        .iter()
        .filter(|t| t.container_instance.is_none())
        .count();
    let mut summary = format!(
        "{} on {used} of {}",
        plural(now.tasks.len() - fargate, "task"),
        plural(now.instances.len(), "instance")
    );
    if fargate > 0 {
        summary.push_str(&format!(", {} on Fargate", plural(fargate, "task")));
    }
    let changes = before.map(|b| {
        let now_at: BTreeMap<&str, String> = now
            .tasks
            .iter()
            .map(|t| {
                (
                    t.task_id.as_str(),
                    t.container_instance
                        .clone()
                        .unwrap_or_else(|| format!("Fargate in {}", t.availability_zone)),
                )
            })
            .collect();
        let moved = now_at
            .iter()
            .filter(|(id, at)| b.get(**id).is_some_and(|w| w != *at))
            .count();
        let added = now_at.keys().filter(|id| !b.contains_key(**id)).count();
        let gone = b
            .keys()
            .filter(|id| !now_at.contains_key(id.as_str()))
            .count();
        if moved + added + gone == 0 {
            "Your change moved no task at this step.".to_owned()
        } else {
            let mut parts = Vec::new();
            if moved > 0 {
                parts.push(format!("{} moved", plural(moved, "task")));
            }
            if added > 0 {
                parts.push(format!("{added} new"));
            }
            if gone > 0 {
                parts.push(format!("{gone} no longer running"));
            }
            format!("Your change at this step: {}.", parts.join(", "))
        }
    });
    Picture {
        zones: zones.into_values().collect(),
        unplaced,
        legend,
        summary,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::PlaceAction;
    use super::*;
    use crate::state::place::fleet::InstanceEdit;
    use crate::state::place::steps::{StepEdit, StepKind, StrategyPreset};

    use crate::state::place::fixtures::{crowded, state};

    #[test]
    fn cards_are_grouped_by_zone_with_their_tasks_and_bars() {
        let p = picture(&state());
        let names: Vec<&str> = p.zones.iter().map(|z| z.name.as_str()).collect();
        assert_eq!(names, ["us-east-1a", "us-east-1b"]);
        let a = &p.zones[0];
        assert_eq!(
            a.cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            ["i-a1", "i-a2"]
        );
        let total: usize = p.zones.iter().map(Zone::task_count).sum();
        assert_eq!(total, 5);
        assert_eq!(p.summary, "5 tasks on 2 of 4 instances");
        let dev = p.zones[1].cards.iter().find(|c| c.id == "i-b2").unwrap();
        assert!(
            dev.tasks.is_empty(),
            "memberOf(stack == prod) keeps i-b2 empty"
        );
        assert_eq!(dev.attributes, ["stack=dev"]);
        let card = &a.cards[0];
        let cpu = card.bars.iter().find(|b| b.key == "cpu").unwrap();
        assert_eq!(cpu.total, 2048);
        assert_eq!(cpu.used, 512 * card.tasks.len() as u64);
        assert!(cpu.text.starts_with("CPU: "), "{}", cpu.text);
        let ports = card.bars.iter().find(|b| b.key == "ports").unwrap();
        assert_eq!(
            ports.used, 5,
            "the agent's reserved ports (dynamic ports do not count)"
        );
        assert!(ports.text.contains("51678"));
        assert!(card.tasks.iter().all(|t| t.fresh && t.color == 0));
        assert!(!card.unavailable());
        assert!(p.unplaced.is_empty());
    }

    #[test]
    fn draining_and_disconnected_instances_are_marked() {
        let mut s = state();
        s.apply(PlaceAction::EditInstance(0, InstanceEdit::Draining(true)));
        s.apply(PlaceAction::EditInstance(
            1,
            InstanceEdit::AgentConnected(false),
        ));
        s.apply(PlaceAction::EditInstance(2, InstanceEdit::Spot(true)));
        let p = picture(&s);
        let cards: Vec<&Card> = p.zones.iter().flat_map(|z| z.cards.iter()).collect();
        assert_eq!(cards[0].marks(), ["DRAINING"]);
        assert!(cards[0].unavailable() && cards[0].tasks.is_empty());
        assert_eq!(cards[1].marks(), ["agent disconnected"]);
        assert_eq!(cards[2].marks(), ["Spot"]);
    }

    #[test]
    fn the_unplaced_lane_gives_reason_and_closest_instance() {
        let mut s = crowded();
        let p = picture(&s);
        assert!(!p.unplaced.is_empty());
        assert_eq!(p.unplaced[0].step, 2);
        let u = &p.unplaced[0];
        assert_eq!(u.reason, "MemberOf placement constraint unsatisfied.");
        assert_eq!(u.closest.as_deref(), Some("i-b2"));
        assert!(
            u.detail.contains("closest matching container instance"),
            "{}",
            u.detail
        );
        s.apply(PlaceAction::Select(Some(Selection::Unplaced {
            step: 2,
            index: 0,
        })));
        assert!(picture(&s).unplaced[0].selected);
        s.apply(PlaceAction::Back);
        assert!(picture(&s).unplaced.is_empty(), "step 1 placed everything");
    }

    #[test]
    fn the_start_has_no_tasks_and_fresh_marks_the_step_s_tasks() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::AdvanceTime));
        let p = picture(&s);
        assert!(p
            .zones
            .iter()
            .flat_map(|z| z.cards.iter())
            .flat_map(|c| c.tasks.iter())
            .all(|t| !t.fresh));
        s.apply(PlaceAction::GoTo(0));
        let p = picture(&s);
        assert_eq!(p.summary, "0 tasks on 0 of 4 instances");
        assert!(p.changes.is_none());
    }

    #[test]
    fn legend_and_colours_follow_task_definitions_or_groups() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::StartTask));
        let p = picture(&s);
        let labels: Vec<&str> = p.legend.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["web:1", "web:2"]);
        assert_eq!(p.legend[0].count, 5);
        assert_eq!(p.legend[1].count, 1);
        assert_eq!(p.legend[1].color, 1);
        s.apply(PlaceAction::ColorBy(ColorBy::Group));
        let p = picture(&s);
        assert_eq!(p.legend.len(), 1, "both are family:web");
        assert_eq!(p.legend[0].label, "family:web");
    }

    #[test]
    fn an_edit_shows_what_moved() {
        let mut s = state();
        s.apply(PlaceAction::EditStep(
            0,
            StepEdit::Preset(StrategyPreset::Binpack),
        ));
        let p = picture(&s);
        let changes = p.changes.clone().unwrap();
        assert!(changes.starts_with("Your change"), "{changes}");
        let moved = p
            .zones
            .iter()
            .flat_map(|z| z.cards.iter())
            .flat_map(|c| c.tasks.iter())
            .filter(|t| t.moved_from.is_some())
            .count();
        assert!(
            moved > 0,
            "binpack packs the tasks the spread had put apart"
        );
        let t = p
            .zones
            .iter()
            .flat_map(|z| z.cards.iter())
            .flat_map(|c| c.tasks.iter())
            .find(|t| t.moved_from.is_some())
            .unwrap();
        assert!(t.label().contains("before your change"));
    }

    #[test]
    fn fargate_tasks_sit_in_their_zone() {
        let mut s = state();
        s.apply(PlaceAction::AddStep(StepKind::RunTask));
        let n = s.steps.len() - 1;
        s.apply(PlaceAction::EditStep(
            n,
            StepEdit::LaunchType(crate::state::place::steps::LaunchType::Fargate),
        ));
        let p = picture(&s);
        let fargate: usize = p.zones.iter().map(|z| z.fargate.len()).sum();
        assert_eq!(fargate, 1, "{:?}", s.run.ok().unwrap().steps[n]);
        assert!(p.summary.ends_with("1 task on Fargate"), "{}", p.summary);
    }
}
