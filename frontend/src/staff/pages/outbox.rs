//! The text-message outbox (admins): every queued, sent, failed or offline message. Offline
//! messages (no GOV.UK Notify key configured) show their text, so the app can be tried without
//! Notify; a number shows only as its last three digits, and only while the message waits.

use crate::staff::api::{self, OutboxEntry};
use crate::staff::components::{Loading, PageError, SetTitle};
use crate::staff::hooks::{use_load, Load};
use wasm_bindgen::JsValue;
use yew::prelude::*;

fn status_label(status: &str) -> &str {
    match status {
        "queued" => "Waiting to send",
        "sending" => "Sending",
        "sent" => "Sent",
        "offline" => "In the offline outbox (not sent)",
        "failed" => "Failed",
        other => other,
    }
}

fn london(at: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64 * 1000.0));
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", "Europe/London"),
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("en-GB", &options).into()
}

fn row(entry: &OutboxEntry) -> Html {
    html! {
        <tr data-status={entry.status.clone()}>
            <td>{ london(entry.not_before) }</td>
            <td>{ status_label(&entry.status) }</td>
            <td>{ entry.phone_hint.clone().unwrap_or_else(|| "—".into()) }</td>
            <td class="numeric">{ entry.attempts }</td>
            <td class="outbox__body">
                { entry.body.clone().unwrap_or_default() }
                if let Some(error) = &entry.last_error {
                    <span class="outbox__error">{ format!("Last error: {error}") }</span>
                }
            </td>
        </tr>
    }
}

#[component]
pub fn OutboxPage() -> Html {
    let version = use_state(|| 0u32);
    let entries = use_load(*version, |_| api::sms_outbox());
    let onrefresh = {
        let version = version.clone();
        Callback::from(move |_: MouseEvent| version.set(*version + 1))
    };
    let heading = html! {
        <>
            <SetTitle title="Text message outbox" />
            <h1 class="heading-l" tabindex="-1" id="outbox-heading">{ "Text message outbox" }</h1>
        </>
    };
    match &*entries {
        Load::Failed(error) => html! { <PageError error={error.clone()} /> },
        Load::Loading => html! { <>{ heading }<Loading /></> },
        Load::Ready(list) => html! {
            <>
                { heading }
                <p class="body">
                    { "Every text message invitation, newest first. Without a GOV.UK Notify key, \
                       messages stay here in the offline outbox with their text, so the service \
                       can be tried without sending anything. Numbers are never shown in full, \
                       and are deleted once a message has gone." }
                </p>
                <p class="body"><button type="button" class="button button--secondary" id="outbox-refresh" onclick={onrefresh}>{ "Refresh" }</button></p>
                if list.is_empty() {
                    <p class="body" id="outbox-empty">{ "No text messages yet." }</p>
                } else {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="outbox-caption">
                        <table class="table table--compact-wrap" id="outbox">
                            <caption class="table__caption" id="outbox-caption">{ "Text messages" }</caption>
                            <thead><tr>
                                <th scope="col">{ "When (London time)" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "To" }</th>
                                <th scope="col" class="numeric">{ "Attempts" }</th>
                                <th scope="col">{ "Message" }</th>
                            </tr></thead>
                            <tbody>{ for list.iter().map(row) }</tbody>
                        </table>
                    </div>
                }
            </>
        },
    }
}
