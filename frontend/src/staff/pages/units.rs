//! Choose a unit's dashboard (everyone but a BCU lead, who goes straight to their own).

use crate::staff::api;
use crate::staff::components::{Loading, PageError, SetTitle};
use crate::staff::hooks::{use_load, Load};
use crate::staff::route::{Link, Route};
use shared::DashboardFilters;
use yew::prelude::*;

#[component]
pub fn UnitsPage() -> Html {
    let units = use_load((), |_| api::units());
    html! {
        <>
            <SetTitle title="Unit dashboards" />
            <h1 class="heading-l" tabindex="-1">{ "Unit dashboards" }</h1>
            <p class="body">{ "Choose a Basic Command Unit to see what victims said about it." }</p>
            { match &*units {
                Load::Loading => html! { <Loading /> },
                Load::Failed(error) => html! { <PageError error={error.clone()} /> },
                Load::Ready(list) => html! {
                    <ul class="unit-list" id="unit-list">
                        { for list.iter().map(|unit| html! {
                            <li>
                                <Link to={Route::Unit { code: unit.code.clone(), filters: DashboardFilters::default() }}>
                                    { format!("{} ({})", unit.name, unit.code) }
                                </Link>
                                if !unit.areas.is_empty() {
                                    <span class="hint">{ format!(" – {}", unit.areas.join(", ")) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                },
            } }
        </>
    }
}
