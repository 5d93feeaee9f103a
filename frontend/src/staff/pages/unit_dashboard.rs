//! One unit's dashboard: responses by stage, the share positive per question with its 95%
//! interval beside the all-units figure, monthly trends (chart and table), themes ranked with
//! polarity and trend, links to read comments, exports, and "you said, we did".

use super::actions::ActionsSection;
use crate::staff::api;
use crate::staff::catalogue::{
    channel_label, month_label, question_label, stage_label, theme_label,
};
use crate::staff::components::{
    FigureText, FilterForm, Loading, PageError, ResponseRates, SetTitle, ShareText,
    SuppressionNote, TrendChart, TrendTable,
};
use crate::staff::hooks::{use_load, Load};
use crate::staff::route::{use_navigator, Link, Route};
use crate::staff::session::{may_act_for, use_me};
use shared::{DashboardFilters, MonthFigure, StaffRole, StageSummary, ThemeSummary, UnitDashboard};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UnitDashboardProps {
    pub code: AttrValue,
    pub filters: DashboardFilters,
}

/// "Rising", "Falling" or "Steady" from the shown months of each half of the period, or a
/// refusal when either half has none.
pub fn trend_word(months: &[MonthFigure]) -> &'static str {
    let half = months.len() / 2;
    let mean = |part: &[MonthFigure]| {
        let shown: Vec<i64> = part.iter().filter_map(|m| m.figure.value()).collect();
        (!shown.is_empty()).then(|| shown.iter().sum::<i64>() as f64 / shown.len() as f64)
    };
    match (mean(&months[..half]), mean(&months[half..])) {
        (Some(before), Some(after)) if after > before * 1.2 => "Rising",
        (Some(before), Some(after)) if after < before * 0.8 => "Falling",
        (Some(_), Some(_)) => "Steady",
        _ => "Too few to tell",
    }
}

fn period_text(months: &[String]) -> String {
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if first == last => month_label(first),
        (Some(first), Some(last)) => format!("{} to {}", month_label(first), month_label(last)),
        _ => "no months".into(),
    }
}

fn stage_section(code: &str, stage: &StageSummary) -> Html {
    let id = format!("stage-{}", stage.stage.as_str());
    let label = stage_label(stage.stage);
    html! {
        <section class="stage" id={id.clone()} aria-labelledby={format!("{id}-heading")}>
            <h3 class="heading-m" id={format!("{id}-heading")}>{ label }</h3>
            <p class="body">
                { "Responses in the period: " }
                <strong class="figure" data-figure={format!("{}-responses", stage.stage.as_str())}>
                    <FigureText figure={stage.responses} />
                </strong>
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby={format!("{id}-questions")}>
                <table class="table">
                    <caption class="table__caption" id={format!("{id}-questions")}>
                        { format!("{label}: share answering positively, {code} beside all units") }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Question" }</th>
                            <th scope="col">{ code.to_string() }</th>
                            <th scope="col">{ "All units" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for stage.questions.iter().map(|q| html! {
                            <tr>
                                <th scope="row">{ question_label(&q.question_id) }</th>
                                <td><ShareText share={q.unit} /></td>
                                <td><ShareText share={q.all_units} /></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h4 class="heading-s">{ "Responses by month" }</h4>
            <TrendChart id={format!("{id}-chart")} months={stage.trend.clone()}
                title={format!("{label}: responses per month in {code}")} />
            <details class="details">
                <summary class="details__summary">{ "Responses by month as a table" }</summary>
                <div class="details__text">
                    <TrendTable caption={format!("{label}: responses per month in {code}")}
                        months={stage.trend.clone()} />
                </div>
            </details>
        </section>
    }
}

fn themes_table(code: &str, filters: &DashboardFilters, themes: &[ThemeSummary]) -> Html {
    if themes.is_empty() {
        return html! { <p class="body">{ "No themes were found in what victims wrote in this period." }</p> };
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="themes-caption">
            <table class="table" id="themes">
                <caption class="table__caption" id="themes-caption">
                    { "Themes in what victims wrote, most mentioned first" }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Theme" }</th>
                        <th scope="col" class="numeric">{ "Mentions" }</th>
                        <th scope="col" class="numeric">{ "Negative" }</th>
                        <th scope="col" class="numeric">{ "Positive" }</th>
                        <th scope="col" class="numeric">{ "Neutral" }</th>
                        <th scope="col">{ "Trend" }</th>
                        <th scope="col">{ "Comments" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for themes.iter().map(|t| {
                        let label = theme_label(&t.theme);
                        let to = Route::Comments {
                            code: code.to_string(),
                            theme: t.theme.clone(),
                            stage: filters.stage,
                        };
                        html! {
                            <tr data-theme={t.theme.clone()}>
                                <th scope="row">{ label.clone() }</th>
                                <td class="numeric"><FigureText figure={t.count} /></td>
                                <td class="numeric"><FigureText figure={t.negative} /></td>
                                <td class="numeric"><FigureText figure={t.positive} /></td>
                                <td class="numeric"><FigureText figure={t.neutral} /></td>
                                <td>{ trend_word(&t.trend) }</td>
                                <td>
                                    <Link to={to} class={classes!("comments-link")}>
                                        { "Read comments" }
                                        <span class="visually-hidden">{ format!(" about {label}") }</span>
                                    </Link>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn dashboard_view(code: &str, filters: &DashboardFilters, view: &UnitDashboard) -> Html {
    let filters_text = {
        let mut parts = vec![format!("Period: {}", period_text(&view.months))];
        if let Some(stage) = view.filters.stage {
            parts.push(format!("stage: {}", stage_label(stage)));
        }
        if let Some(channel) = view.filters.channel {
            parts.push(format!("channel: {}", channel_label(channel)));
        }
        parts.join("; ")
    };
    html! {
        <>
            <p class="body lead" id="period">{ filters_text }</p>
            <div class="summary-card">
                <p class="body">{ "Responses across the stages shown" }</p>
                <p class="figure-large" id="total-responses"><FigureText figure={view.responses} /></p>
            </div>
            <p class="body exports" id="exports">
                { "Download exactly these figures: " }
                <a href={api::unit_export_url(code, "csv", filters)} download="" id="export-csv">
                    { "CSV" }<span class="visually-hidden">{ " file of this dashboard" }</span>
                </a>
                { " or " }
                <a href={api::unit_export_url(code, "json", filters)} download="" id="export-json">
                    { "JSON" }<span class="visually-hidden">{ " file of this dashboard" }</span>
                </a>
            </p>
            <SuppressionNote />
            if view.channel_applies_to_responses_only {
                <div class="inset">
                    <p class="body">{ "Answers and themes are not recorded by channel: the channel filter changes response counts only. Shares and themes cover every channel." }</p>
                </div>
            }
            <h2 class="heading-l" id="stages-heading">{ "By stage" }</h2>
            { for view.stages.iter().map(|s| stage_section(code, s)) }
            <h2 class="heading-l" id="themes-heading">{ "Themes" }</h2>
            <p class="body">{ "What victims wrote, tagged by theme. A comment can mention more than one theme. Comments show only where enough people wrote about a theme for no one to be recognised." }</p>
            { themes_table(code, filters, &view.themes) }
        </>
    }
}

#[component]
pub fn UnitDashboardPage(props: &UnitDashboardProps) -> Html {
    let me = use_me();
    let navigator = use_navigator();
    let code = props.code.to_string();
    let data = use_load(
        (code.clone(), props.filters.clone()),
        |(code, filters)| async move { api::unit_dashboard(&code, &filters).await },
    );
    let onapply = {
        let code = code.clone();
        Callback::from(move |filters: DashboardFilters| {
            navigator.push(Route::Unit {
                code: code.clone(),
                filters,
            })
        })
    };
    let home = me
        .unit_code
        .clone()
        .filter(|_| me.role == StaffRole::BcuLead)
        .map(|code| Route::Unit {
            code,
            filters: DashboardFilters::default(),
        });
    match &*data {
        Load::Loading => html! {
            <>
                <SetTitle title={format!("{code} dashboard")} />
                <h1 class="heading-l" tabindex="-1">{ format!("Unit {code}") }</h1>
                <Loading />
            </>
        },
        Load::Failed(error) => html! { <PageError error={error.clone()} what="unit" {home} /> },
        Load::Ready(view) => html! {
            <>
                <SetTitle title={format!("{} dashboard", view.unit_name)} />
                <span class="caption">{ "Unit dashboard" }</span>
                <h1 class="heading-l" tabindex="-1" id="unit-heading">
                    { format!("{} ({})", view.unit_name, view.unit_code) }
                </h1>
                if me.role != StaffRole::BcuLead {
                    <p class="body"><Link to={Route::Units}>{ "Choose another unit" }</Link></p>
                }
                <FilterForm filters={props.filters.clone()} {onapply} />
                { dashboard_view(&code, &props.filters, view) }
                <ResponseRates code={Some(AttrValue::from(code.clone()))} />
                <ActionsSection code={code.clone()} may_publish={may_act_for(&me, &code)} />
            </>
        },
    }
}
