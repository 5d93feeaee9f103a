//! Figures after suppression. A hidden figure is never shown as 0: it reads "—" with the
//! reason for screen readers, and every page with figures explains the dash.

use shared::{Figure, Share};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    pub figure: Figure,
}

fn hidden() -> Html {
    html! {
        <span class="suppressed">
            <span aria-hidden="true">{ "—" }</span>
            <span class="visually-hidden">{ "hidden (a small number)" }</span>
        </span>
    }
}

#[component]
pub fn FigureText(props: &FigureProps) -> Html {
    match props.figure {
        Figure::Shown { value } => html! { { value.to_string() } },
        Figure::Suppressed => hidden(),
    }
}

pub fn percent(value: f64) -> String {
    format!("{:.0}%", (value * 100.0).clamp(0.0, 100.0))
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub share: Share,
}

#[component]
pub fn ShareText(props: &ShareProps) -> Html {
    match props.share {
        Share::Shown { value, low, high } => html! {
            <>
                <span class="share">{ percent(value) }</span>
                <span class="interval">{ format!(" (95% interval {} to {})", percent(low), percent(high)) }</span>
            </>
        },
        Share::Suppressed => hidden(),
    }
}

/// What a dash means, once per page.
#[component]
pub fn SuppressionNote() -> Html {
    html! {
        <div class="inset" id="suppression-note">
            <p class="body">
                <strong>{ "— means hidden. " }</strong>
                { "A count is hidden when it is fewer than 10, or when showing it would let a hidden \
                   count be worked out from the others. Counts that are shown are rounded to the \
                   nearest 5, so totals may not add up exactly. Hidden is not the same as zero." }
            </p>
        </div>
    }
}
