//! A monthly trend as an inline SVG bar chart (named by its `<title>` through
//! `aria-labelledby`) and the same figures as a table, which is the accessible alternative.
//! Hidden months are drawn as a short grey dash at the baseline, never as a zero bar.

use super::figures::FigureText;
use crate::staff::catalogue::{month_label, month_short};
use shared::{Figure, MonthFigure};
use yew::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 32.0;

#[derive(Properties, PartialEq)]
pub struct TrendChartProps {
    /// Unique on the page: the title and description ids derive from it.
    pub id: AttrValue,
    pub title: AttrValue,
    pub months: Vec<MonthFigure>,
    /// What is counted, for the description ("responses", "mentions").
    #[prop_or(AttrValue::Static("responses"))]
    pub counted: AttrValue,
}

fn describe(months: &[MonthFigure], counted: &str) -> String {
    let shown: Vec<(String, i64)> = months
        .iter()
        .filter_map(|m| m.figure.value().map(|v| (month_label(&m.month), v)))
        .collect();
    let hidden = months.len() - shown.len();
    let mut text = format!("Bar chart of {counted} per month, {} months.", months.len());
    if let (Some(max), Some(min)) = (
        shown.iter().max_by_key(|(_, v)| *v),
        shown.iter().min_by_key(|(_, v)| *v),
    ) {
        text.push_str(&format!(
            " Highest {} in {}; lowest {} in {}.",
            max.1, max.0, min.1, min.0
        ));
    }
    if hidden > 0 {
        text.push_str(&format!(
            " {hidden} months are hidden because the numbers are small."
        ));
    }
    text.push_str(" The table that follows gives every month.");
    text
}

#[component]
pub fn TrendChart(props: &TrendChartProps) -> Html {
    let n = props.months.len().max(1) as f64;
    let max = props
        .months
        .iter()
        .filter_map(|m| m.figure.value())
        .max()
        .unwrap_or(0)
        .max(10) as f64;
    // A round top for the axis.
    let step = if max <= 50.0 {
        10.0
    } else if max <= 250.0 {
        50.0
    } else {
        100.0
    };
    let top = (max / step).ceil() * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / n;
    let bar_w = (slot * 0.7).max(2.0);
    let y = |v: f64| TOP + plot_h - v / top * plot_h;
    let label_every = ((n / 12.0).ceil() as usize).max(1);
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let ticks = [0.0, top / 2.0, top];
    html! {
        <svg class="chart" role="img" viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
            aria-labelledby={format!("{title_id} {desc_id}")} focusable="false">
            <title id={title_id.clone()}>{ props.title.clone() }</title>
            <desc id={desc_id.clone()}>{ describe(&props.months, &props.counted) }</desc>
            { for ticks.iter().map(|t| html! {
                <g>
                    <line class="chart__grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                        y1={y(*t).to_string()} y2={y(*t).to_string()} />
                    <text class="chart__axis" x={(LEFT - 6.0).to_string()} y={(y(*t) + 5.0).to_string()}
                        text-anchor="end">{ format!("{t:.0}") }</text>
                </g>
            }) }
            { for props.months.iter().enumerate().map(|(i, m)| {
                let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
                let bar = match m.figure {
                    Figure::Shown { value } => {
                        let top_y = y(value as f64);
                        html! { <rect class="chart__bar" x={x.to_string()} y={top_y.to_string()}
                            width={bar_w.to_string()} height={(TOP + plot_h - top_y).max(0.0).to_string()} /> }
                    }
                    Figure::Suppressed => html! {
                        <rect class="chart__hidden" x={x.to_string()} y={(TOP + plot_h - 4.0).to_string()}
                            width={bar_w.to_string()} height="4" />
                    },
                };
                let label = (i % label_every == 0).then(|| html! {
                    <text class="chart__axis" x={(x + bar_w / 2.0).to_string()} y={(HEIGHT - 10.0).to_string()}
                        text-anchor="middle">{ month_short(&m.month) }</text>
                });
                html! { <g>{ bar }{ for label }</g> }
            }) }
            <line class="chart__baseline" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                y1={(TOP + plot_h).to_string()} y2={(TOP + plot_h).to_string()} />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct TrendTableProps {
    pub caption: AttrValue,
    pub months: Vec<MonthFigure>,
    #[prop_or(AttrValue::Static("Responses"))]
    pub heading: AttrValue,
}

/// The chart's figures as a table.
#[component]
pub fn TrendTable(props: &TrendTableProps) -> Html {
    html! {
        <table class="table table--narrow">
            <caption class="table__caption">{ props.caption.clone() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Month" }</th>
                    <th scope="col" class="numeric">{ props.heading.clone() }</th>
                </tr>
            </thead>
            <tbody>
                { for props.months.iter().map(|m| html! {
                    <tr>
                        <th scope="row">{ month_label(&m.month) }</th>
                        <td class="numeric"><FigureText figure={m.figure} /></td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
