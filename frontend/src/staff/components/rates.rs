//! Invitations issued and used, per stage and channel, after suppression. The figures come from
//! the invitations alone: nothing links an invitation to the answers given with it.

use super::figures::{FigureText, ShareText};
use crate::staff::api;
use crate::staff::catalogue::{channel_label, stage_label};
use crate::staff::hooks::{use_load, Load};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResponseRatesProps {
    /// A unit's code, or none for every unit together.
    #[prop_or_default]
    pub code: Option<AttrValue>,
}

#[component]
pub fn ResponseRates(props: &ResponseRatesProps) -> Html {
    let code = props.code.as_ref().map(|c| c.to_string());
    let rates = use_load(code.clone(), api::response_rates);
    let caption = match &code {
        Some(code) => format!("Invitations issued and used in {code}, by stage and channel"),
        None => "Invitations issued and used in every unit together, by stage and channel".into(),
    };
    html! {
        <section aria-labelledby="response-rates-heading" id="response-rates">
            <h2 class="heading-l" id="response-rates-heading">{ "Response rates" }</h2>
            <p class="body">
                { "How many invitations were issued and how many were used to answer. These figures \
                   come from the invitations alone: an invitation is never linked to the answers \
                   given with it, so no one's answers can be traced back to how they were invited." }
            </p>
            { match &*rates {
                Load::Loading => html! { <p class="body" role="status">{ "Loading response rates…" }</p> },
                Load::Failed(error) => html! { <p class="body" id="response-rates-error">{ error.message() }</p> },
                Load::Ready(list) if list.is_empty() => html! {
                    <p class="body" id="no-response-rates">{ "No invitations have been issued yet." }</p>
                },
                Load::Ready(list) => html! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="response-rates-caption">
                        <table class="table" id="response-rates-table">
                            <caption class="table__caption" id="response-rates-caption">{ caption }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Stage" }</th>
                                    <th scope="col">{ "How the invitation was sent" }</th>
                                    <th scope="col" class="numeric">{ "Issued" }</th>
                                    <th scope="col" class="numeric">{ "Used" }</th>
                                    <th scope="col">{ "Response rate" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for list.iter().map(|r| html! {
                                    <tr data-stage={r.stage.as_str()} data-channel={r.channel.as_str()}>
                                        <th scope="row">{ stage_label(r.stage) }</th>
                                        <td>{ channel_label(r.channel) }</td>
                                        <td class="numeric"><FigureText figure={r.issued} /></td>
                                        <td class="numeric"><FigureText figure={r.used} /></td>
                                        <td><ShareText share={r.rate} /></td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                },
            } }
        </section>
    }
}
