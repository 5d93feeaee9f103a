//! The dashboard filters (stage, period, channel) as a form that changes the address, so a
//! filtered view can be bookmarked and shared, and the exports follow the same filters.

use super::error_summary::{field_items, ErrorSummary};
use super::fields::{field_error, SelectField, TextField};
use crate::staff::catalogue::{channel_label, stage_label};
use shared::{Channel, DashboardFilters, FieldErrors, Stage};
use validator::Validate;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterFormProps {
    pub filters: DashboardFilters,
    /// Called with valid filters.
    pub onapply: Callback<DashboardFilters>,
    /// Hide the stage filter (the all-units view has none).
    #[prop_or(true)]
    pub with_stage: bool,
}

#[derive(Clone, PartialEq, Default)]
struct Draft {
    stage: String,
    from: String,
    to: String,
    channel: String,
}

impl Draft {
    fn from_filters(filters: &DashboardFilters) -> Self {
        Draft {
            stage: filters
                .stage
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            from: filters.from.clone().unwrap_or_default(),
            to: filters.to.clone().unwrap_or_default(),
            channel: filters
                .channel
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
        }
    }

    fn filters(&self) -> DashboardFilters {
        let text = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        DashboardFilters {
            stage: self.stage.parse::<Stage>().ok(),
            from: text(&self.from),
            to: text(&self.to),
            channel: self.channel.parse::<Channel>().ok(),
        }
    }
}

const FIELDS: [&str; 4] = ["stage", "from", "to", "channel"];

#[component]
pub fn FilterForm(props: &FilterFormProps) -> Html {
    let draft = use_state(|| Draft::from_filters(&props.filters));
    let errors = use_state(FieldErrors::new);
    {
        let draft = draft.clone();
        let errors = errors.clone();
        use_effect_with(props.filters.clone(), move |filters| {
            draft.set(Draft::from_filters(filters));
            errors.set(FieldErrors::new());
        });
    }
    let set = |apply: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            apply(&mut next, value);
            draft.set(next);
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let errors = errors.clone();
        let onapply = props.onapply.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let filters = draft.filters();
            match filters.validate() {
                Ok(()) => {
                    errors.set(FieldErrors::new());
                    onapply.emit(filters);
                }
                Err(invalid) => {
                    let mut fields = shared::error::from_validation_errors(&invalid);
                    // The whole-form check is about the period: show it on "from".
                    if let Some(messages) = fields.remove("__all__") {
                        fields.entry("from".into()).or_default().extend(messages);
                    }
                    errors.set(fields);
                }
            }
        })
    };
    let onclear = {
        let onapply = props.onapply.clone();
        Callback::from(move |_: MouseEvent| onapply.emit(DashboardFilters::default()))
    };
    let mut stage_options = vec![(String::new(), "All stages".to_string())];
    stage_options.extend(
        Stage::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), stage_label(*s).to_string())),
    );
    let mut channel_options = vec![(String::new(), "All channels".to_string())];
    channel_options.extend(
        [Channel::Sms, Channel::Advocate, Channel::Link]
            .iter()
            .map(|c| (c.as_str().to_string(), channel_label(*c).to_string())),
    );
    let summary = field_items(&errors, "filter", &FIELDS);
    html! {
        <form class="filters" id="filters" novalidate=true {onsubmit} aria-labelledby="filters-title">
            <h2 class="heading-s" id="filters-title">{ "Filter the figures" }</h2>
            <ErrorSummary items={summary} />
            <div class="filters__row">
                if props.with_stage {
                    <SelectField id="filter-stage" label="Stage" value={draft.stage.clone()}
                        options={stage_options} onchange={set(|d, v| d.stage = v)}
                        error={field_error(&errors, "stage")} />
                }
                <TextField id="filter-from" label="From month" input_type="month"
                    hint="For example, 2026-01" value={draft.from.clone()}
                    oninput={set(|d, v| d.from = v)} error={field_error(&errors, "from")}
                    class={classes!("input--month")} />
                <TextField id="filter-to" label="To month" input_type="month"
                    hint="For example, 2026-06" value={draft.to.clone()}
                    oninput={set(|d, v| d.to = v)} error={field_error(&errors, "to")}
                    class={classes!("input--month")} />
                <SelectField id="filter-channel" label="How the invitation was sent"
                    value={draft.channel.clone()} options={channel_options}
                    onchange={set(|d, v| d.channel = v)} error={field_error(&errors, "channel")} />
            </div>
            <div class="button-group">
                <button type="submit" class="button" id="apply-filters">{ "Apply filters" }</button>
                <button type="button" class="button button--secondary" onclick={onclear}>{ "Clear filters" }</button>
            </div>
        </form>
    }
}
