//! Words the staff pages show for ids that travel on the wire: themes (the ids of
//! `analysis/data/themes.json`), the common questions, stages, channels and roles.

use shared::{Channel, StaffRole, Stage};

/// Theme ids in the taxonomy's order, with their labels.
pub const THEMES: [(&str, &str); 14] = [
    ("communication", "Kept informed / communication"),
    ("officer_continuity", "Officer continuity / named contact"),
    ("taken_seriously", "Taken seriously / believed"),
    ("stalking_recognised", "Stalking recognised"),
    ("safety_advice", "Safety advice / safety planning"),
    (
        "protective_orders",
        "Protective orders (SPO, RO, NMO, bail)",
    ),
    ("investigation_quality", "Investigation quality / evidence"),
    ("cps_charging", "CPS and charging decisions"),
    ("court_process", "Court process"),
    ("support_referral", "Referral to support / advocacy"),
    (
        "understanding_process",
        "Understanding the process and rights",
    ),
    ("withdrawal", "Withdrawal from the case"),
    ("respect_equality", "Dignity, respect, equality and access"),
    ("positive", "Praise / what worked"),
];

pub fn theme_label(id: &str) -> String {
    THEMES
        .iter()
        .find(|(theme, _)| *theme == id)
        .map(|(_, label)| label.to_string())
        .unwrap_or_else(|| id.replace('_', " "))
}

pub fn question_label(id: &str) -> String {
    match id {
        "overall" => "Overall experience was good".into(),
        "kept_informed" => "Kept up to date".into(),
        "dignity" => "Treated with dignity and respect".into(),
        "believed" => "Felt believed".into(),
        "understood_next" => "Understood what would happen next".into(),
        other => other.replace('_', " "),
    }
}

pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Reporting => "Reporting",
        Stage::Investigation => "Investigation",
        Stage::Cps => "Charging and prosecution (CPS)",
        Stage::Court => "Court",
        Stage::Support => "Support services",
    }
}

pub fn channel_label(channel: Channel) -> &'static str {
    match channel {
        Channel::Sms => "Text message",
        Channel::Advocate => "Advocate link",
        Channel::Link => "Other link",
    }
}

pub fn role_label(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Admin => "Administrator",
        StaffRole::BcuLead => "BCU lead",
        StaffRole::Advocate => "Advocate",
        StaffRole::Analyst => "Analyst",
    }
}

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-03` as `Mar 2026`.
pub fn month_label(month: &str) -> String {
    match shared::staff::parse_month(month) {
        Some((year, m)) => format!("{} {year}", MONTH_NAMES[m as usize - 1]),
        None => month.to_string(),
    }
}

/// `2026-03` as `Mar` (chart axes).
pub fn month_short(month: &str) -> String {
    match shared::staff::parse_month(month) {
        Some((_, m)) => MONTH_NAMES[m as usize - 1].to_string(),
        None => month.to_string(),
    }
}

/// The first letter in upper case (server messages are written to follow a field name).
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
