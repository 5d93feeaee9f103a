//! Every unit together (advocates, analysts, admins): theme trends with communication first,
//! alerts where a theme's rate rose beyond chance (the test named), the unit x theme x month
//! table, exports, and the actions units have published.

use super::actions::action_card;
use super::unit_dashboard::trend_word;
use crate::staff::api;
use crate::staff::catalogue::{month_label, month_short, theme_label, THEMES};
use crate::staff::components::{
    FigureText, FilterForm, Loading, PageError, ResponseRates, SelectField, SetTitle,
    SuppressionNote, TrendChart, TrendTable,
};
use crate::staff::hooks::{use_load, Load};
use crate::staff::route::{use_navigator, Route};
use shared::{AdvocateDashboard, DashboardFilters, PublishedAction, UnitOption};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AdvocateProps {
    pub filters: DashboardFilters,
}

fn unit_name(units: &[UnitOption], code: &str) -> String {
    units
        .iter()
        .find(|u| u.code == code)
        .map(|u| format!("{} ({})", u.name, u.code))
        .unwrap_or_else(|| code.to_string())
}

fn alerts(view: &AdvocateDashboard, units: &[UnitOption]) -> Html {
    html! {
        <section aria-labelledby="alerts-heading" id="alerts">
            <h2 class="heading-l" id="alerts-heading">{ "Alerts" }</h2>
            if view.alerts.is_empty() {
                <p class="body" id="no-alerts">{ "No alerts: in the latest complete month no theme's negative mentions in any unit rose beyond what chance explains." }</p>
            } else {
                <ul class="alert-list">
                    { for view.alerts.iter().map(|a| html! {
                        <li class="alert" data-unit={a.unit_code.clone()} data-theme={a.theme.clone()}>
                            <h3 class="heading-s">{ format!("{}: {}", unit_name(units, &a.unit_code), theme_label(&a.theme)) }</h3>
                            <p class="body">
                                { format!("{} negative mentions in {}, where the previous six months predict about {:.1}.",
                                    a.observed, month_label(&a.month), a.expected) }
                            </p>
                            <p class="body hint">
                                { format!("Test: {}. Adjusted p-value {}.", a.test, p_text(a.p_value)) }
                            </p>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn p_text(p: f64) -> String {
    if p < 0.001 {
        "below 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

fn theme_trends(view: &AdvocateDashboard) -> Html {
    let communication = view
        .theme_trends
        .iter()
        .find(|t| t.theme == "communication");
    html! {
        <section aria-labelledby="trends-heading" id="theme-trends">
            <h2 class="heading-l" id="trends-heading">{ "Theme trends across all units" }</h2>
            if let Some(c) = communication {
                <h3 class="heading-m">{ "Communication: not kept informed" }</h3>
                <p class="body">
                    { "Mentions in the period: " }<strong id="communication-count"><FigureText figure={c.count} /></strong>
                    { ", of which negative: " }<strong><FigureText figure={c.negative} /></strong>
                    { format!(". Trend: {}.", trend_word(&c.trend).to_lowercase()) }
                </p>
                <TrendChart id="communication-chart" months={c.trend.clone()} counted="mentions"
                    title="Mentions of communication per month, all units" />
                <details class="details">
                    <summary class="details__summary">{ "Communication mentions by month as a table" }</summary>
                    <div class="details__text">
                        <TrendTable caption="Mentions of communication per month, all units"
                            months={c.trend.clone()} heading="Mentions" />
                    </div>
                </details>
            }
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="trends-caption">
                <table class="table table--compact" id="theme-trend-table">
                    <caption class="table__caption" id="trends-caption">{ "Every theme by month, all units (communication first)" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Theme" }</th>
                            <th scope="col" class="numeric">{ "Mentions" }</th>
                            <th scope="col" class="numeric">{ "Negative" }</th>
                            <th scope="col">{ "Trend" }</th>
                            { for view.months.iter().map(|m| html! {
                                <th scope="col" class="numeric"><abbr title={month_label(m)}>{ month_short(m) }</abbr></th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for view.theme_trends.iter().map(|t| html! {
                            <tr data-theme={t.theme.clone()}>
                                <th scope="row">{ theme_label(&t.theme) }</th>
                                <td class="numeric"><FigureText figure={t.count} /></td>
                                <td class="numeric"><FigureText figure={t.negative} /></td>
                                <td>{ trend_word(&t.trend) }</td>
                                { for t.trend.iter().map(|m| html! { <td class="numeric"><FigureText figure={m.figure} /></td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct UnitThemeTableProps {
    view: std::rc::Rc<AdvocateDashboard>,
    units: Vec<UnitOption>,
}

#[component]
fn UnitThemeTable(props: &UnitThemeTableProps) -> Html {
    let theme = use_state(|| "communication".to_string());
    let options: Vec<(String, String)> = THEMES
        .iter()
        .map(|(id, label)| (id.to_string(), label.to_string()))
        .collect();
    let rows: Vec<_> = props
        .view
        .table
        .iter()
        .filter(|r| r.theme == *theme)
        .collect();
    let label = theme_label(&theme);
    html! {
        <section aria-labelledby="table-heading" id="unit-theme">
            <h2 class="heading-l" id="table-heading">{ "Units by theme and month" }</h2>
            <SelectField id="table-theme" label="Show theme" value={(*theme).clone()} {options}
                onchange={let theme = theme.clone(); Callback::from(move |v| theme.set(v))} />
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="unit-theme-caption">
                <table class="table table--compact" id="unit-theme-table">
                    <caption class="table__caption" id="unit-theme-caption">{ format!("Mentions of “{label}” by unit and month") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Unit" }</th>
                            <th scope="col" class="numeric">{ "Total" }</th>
                            { for props.view.months.iter().map(|m| html! {
                                <th scope="col" class="numeric"><abbr title={month_label(m)}>{ month_short(m) }</abbr></th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr data-unit={r.unit_code.clone()}>
                                <th scope="row">{ unit_name(&props.units, &r.unit_code) }</th>
                                <td class="numeric"><FigureText figure={r.total} /></td>
                                { for r.months.iter().map(|m| html! { <td class="numeric"><FigureText figure={m.figure} /></td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PublishedActionsProps {
    units: Vec<UnitOption>,
}

/// The latest actions of every unit (the lists victims see on their thank-you pages).
#[component]
fn PublishedActions(props: &PublishedActionsProps) -> Html {
    let codes: Vec<String> = props.units.iter().map(|u| u.code.clone()).collect();
    let actions = use_load(codes, |codes| async move {
        let mut all: Vec<(String, Vec<PublishedAction>)> = Vec::new();
        for code in codes {
            let list = api::unit_actions(&code).await?;
            if !list.is_empty() {
                all.push((code, list));
            }
        }
        Ok(all)
    });
    html! {
        <section aria-labelledby="all-actions-heading" id="all-actions">
            <h2 class="heading-l" id="all-actions-heading">{ "You said, we did: actions published by units" }</h2>
            { match &*actions {
                Load::Loading => html! { <p class="body" role="status">{ "Loading actions…" }</p> },
                Load::Failed(error) => html! { <p class="body">{ error.message() }</p> },
                Load::Ready(list) if list.is_empty() => html! { <p class="body">{ "No unit has published an action yet." }</p> },
                Load::Ready(list) => html! {
                    { for list.iter().map(|(code, actions)| html! {
                        <div class="unit-actions" data-unit={code.clone()}>
                            <h3 class="heading-m">{ unit_name(&props.units, code) }</h3>
                            <ul class="action-list">{ for actions.iter().map(action_card) }</ul>
                        </div>
                    }) }
                },
            } }
        </section>
    }
}

#[component]
pub fn AdvocatePage(props: &AdvocateProps) -> Html {
    let navigator = use_navigator();
    let data = use_load(props.filters.clone(), |filters| async move {
        api::advocate_dashboard(&filters).await
    });
    let units = use_load((), |_| api::units());
    let units: Vec<UnitOption> = match &*units {
        Load::Ready(list) => list.as_ref().clone(),
        _ => Vec::new(),
    };
    let onapply = Callback::from(move |filters: DashboardFilters| {
        navigator.push(Route::Advocate { filters })
    });
    let filters = props.filters.clone();
    match &*data {
        Load::Failed(error) => html! { <PageError error={error.clone()} /> },
        Load::Loading => html! {
            <>
                <SetTitle title="All units" />
                <h1 class="heading-l" tabindex="-1">{ "All units" }</h1>
                <Loading />
            </>
        },
        Load::Ready(view) => html! {
            <>
                <SetTitle title="All units" />
                <span class="caption">{ "Across London" }</span>
                <h1 class="heading-l" tabindex="-1" id="advocate-heading">{ "All units" }</h1>
                <p class="body lead">{ format!("Themes in what victims wrote, every unit together. Period: {} to {}.",
                    view.months.first().map(|m| month_label(m)).unwrap_or_default(),
                    view.months.last().map(|m| month_label(m)).unwrap_or_default()) }</p>
                <FilterForm filters={props.filters.clone()} {onapply} />
                <p class="body exports">
                    { "Download exactly these figures: " }
                    <a href={api::advocate_export_url("csv", &filters)} download="" id="export-csv">
                        { "CSV" }<span class="visually-hidden">{ " file of all units" }</span>
                    </a>
                    { " or " }
                    <a href={api::advocate_export_url("json", &filters)} download="" id="export-json">
                        { "JSON" }<span class="visually-hidden">{ " file of all units" }</span>
                    </a>
                </p>
                <SuppressionNote />
                { alerts(view, &units) }
                { theme_trends(view) }
                <UnitThemeTable view={view.clone()} units={units.clone()} />
                <ResponseRates />
                if !units.is_empty() {
                    <PublishedActions units={units.clone()} />
                }
            </>
        },
    }
}
