//! Inviting victims to give feedback: a single-use link to hand over, one text message, or
//! text messages to a CSV of numbers. A text message goes only where the sender confirms it is
//! safe for the person, and never in quiet hours (it waits for the morning). A phone number is
//! never shown back: the field is cleared once the message is queued. An advocate also sees
//! their reusable link and its QR code, ready to print.

use crate::staff::api::{self, BatchReport};
use crate::staff::catalogue::stage_label;
use crate::staff::components::{
    field_error, summary_items, AccessDenied, ErrorSummary, SelectField, SetTitle, SummaryItem,
    TextAreaField,
};
use crate::staff::hooks::{expire_on_401, use_load, Load};
use crate::staff::session::{use_me, use_session};
use shared::{
    Channel, FieldErrors, IssuedInvitation, StaffBatchRequest, StaffInvitationRequest, StaffMe,
    StaffRole, Stage,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The form's fields, as `invite-{field}` ids (the server's field names).
const FIELDS: [&str; 5] = [
    "stage",
    "unit_code",
    "phone",
    "safe_contact_confirmed",
    "csv",
];

/// The largest CSV file read in the browser (the server takes 200,000 characters).
const MAX_CSV_BYTES: f64 = 190_000.0;

#[derive(Clone, Copy, PartialEq)]
enum How {
    Link,
    Sms,
    Csv,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Link { link: String, expires_at: i64 },
    Sms { held: bool, not_before: i64 },
    Batch(BatchReport),
}

/// A unix time as London local time ("3 March 2026 at 08:00" or "3 March 2026").
fn london(at: i64, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64 * 1000.0));
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("timeZone", "Europe/London");
    set("dateStyle", "long");
    if with_time {
        set("timeStyle", "short");
    }
    date.to_locale_string("en-GB", &options).into()
}

/// Asks the browser to copy `text`; false when there is no clipboard (the link can still be
/// selected and copied by hand).
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"clipboard".into()));
    let Ok(clipboard) = clipboard else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

/// The text of the first file chosen in a file input, with its name (too big: an error).
async fn read_chosen_file(input: JsValue) -> Result<Option<(String, String)>, String> {
    let files = js_sys::Reflect::get(&input, &"files".into()).map_err(|_| "no files")?;
    let file = js_sys::Reflect::get(&files, &JsValue::from_f64(0.0)).map_err(|_| "no file")?;
    if file.is_undefined() || file.is_null() {
        return Ok(None);
    }
    let name = js_sys::Reflect::get(&file, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let size = js_sys::Reflect::get(&file, &"size".into())
        .ok()
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0);
    if size > MAX_CSV_BYTES {
        return Err("The file is too big: send at most a few thousand numbers at a time".into());
    }
    let text = js_sys::Reflect::get(&file, &"text".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&file).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or("The file could not be read")?;
    let text = JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or("The file could not be read")?;
    Ok(Some((name, text)))
}

fn error(fields: &mut FieldErrors, field: &str, message: &str) {
    fields
        .entry(field.to_string())
        .or_default()
        .push(message.to_string());
}

fn items(fields: &FieldErrors) -> Vec<SummaryItem> {
    crate::staff::components::field_items(fields, "invite", &FIELDS)
}

#[derive(Properties, PartialEq)]
struct AdvocateLinkProps {
    code: AttrValue,
}

/// An advocate's reusable link and its QR code, for handing over in person or printing.
#[component]
fn AdvocateLink(props: &AdvocateLinkProps) -> Html {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let url = format!("{origin}/a/{}", props.code);
    html! {
        <section class="advocate-link" id="advocate-link" aria-labelledby="advocate-link-heading">
            <h2 class="heading-m" id="advocate-link-heading">{ "Your advocate link" }</h2>
            <p class="body">
                { "This link can be used again and again. Each person who opens it chooses their \
                   stage and area and gets their own single-use survey." }
            </p>
            <p class="body"><a href={url.clone()} id="advocate-link-url" class="link-text">{ url.clone() }</a></p>
            <img class="qr" id="advocate-qr" src={api::advocate_qr_url(&props.code)} width="200" height="200"
                alt={format!("QR code that opens {url}")} />
            <div class="inset no-print">
                <p class="body">
                    { "To hand it over on paper, print this page: only the link and the QR code are \
                       printed. Give it only to people for whom a survey is safe to keep." }
                </p>
            </div>
        </section>
    }
}

fn outcome_view(outcome: &Outcome, copied: Option<bool>, oncopy: Callback<MouseEvent>) -> Html {
    match outcome {
        Outcome::Link { link, expires_at } => html! {
            <div class="notification notification--success" id="issued" role="status">
                <h2 class="heading-m notification__title">{ "Link created" }</h2>
                <div class="form-group">
                    <label class="label" for="issued-link">{ "Link to give them" }</label>
                    <input class="input input--link" id="issued-link" type="text" readonly=true value={link.clone()}
                        aria-describedby="issued-link-hint" />
                    <div class="hint" id="issued-link-hint">
                        { format!("It works once and expires on {}.", london(*expires_at, false)) }
                    </div>
                </div>
                <button type="button" class="button button--secondary" id="copy-link" onclick={oncopy}>{ "Copy link" }</button>
                { match copied {
                    Some(true) => html! { <p class="body" id="copied">{ "Copied." }</p> },
                    Some(false) => html! { <p class="body" id="copied">{ "Your browser did not allow copying: select the link and copy it." }</p> },
                    None => html! {},
                } }
            </div>
        },
        Outcome::Sms { held, not_before } => html! {
            <div class="notification notification--success" id="issued" role="status">
                <h2 class="heading-m notification__title">{ "Text message queued" }</h2>
                if *held {
                    <p class="body" id="issued-held">
                        { format!("It is quiet hours, so it waits and will be sent at {} (London time).",
                            london(*not_before, true)) }
                    </p>
                } else {
                    <p class="body">{ "It will be sent in the next few minutes." }</p>
                }
                <p class="body">{ "The number is not kept once the message has gone." }</p>
            </div>
        },
        Outcome::Batch(report) => html! {
            <div class="notification notification--success" id="batch-report" role="status">
                <h2 class="heading-m notification__title">{ "Text messages queued" }</h2>
                <p class="body" id="batch-queued">
                    { match report.queued {
                        1 => "1 text message queued.".to_string(),
                        n => format!("{n} text messages queued."),
                    } }
                    if report.held_for_quiet_hours {
                        { " It is quiet hours, so they wait until 08:00 London time." }
                    }
                </p>
                if report.rejected.is_empty() {
                    <p class="body">{ "Every row was a UK mobile number." }</p>
                } else {
                    <table class="table table--narrow" id="batch-rejected">
                        <caption class="table__caption">
                            { match report.rejected.len() {
                                1 => "1 row was not sent".to_string(),
                                n => format!("{n} rows were not sent"),
                            } }
                        </caption>
                        <thead><tr>
                            <th scope="col" class="numeric">{ "Row" }</th>
                            <th scope="col">{ "Why" }</th>
                        </tr></thead>
                        <tbody>
                            { for report.rejected.iter().map(|r| html! {
                                <tr data-row={r.row.to_string()}>
                                    <th scope="row" class="numeric">{ r.row }</th>
                                    <td>{ crate::staff::catalogue::sentence(&r.reason) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p class="body">{ "Check those rows in your file and send them again as a new list." }</p>
                }
            </div>
        },
    }
}

fn channel_for(me: &StaffMe) -> Channel {
    if me.role == StaffRole::Advocate {
        Channel::Advocate
    } else {
        Channel::Link
    }
}

#[component]
pub fn InvitePage() -> Html {
    let me = use_me();
    let session = use_session();
    let units = use_load((), |_| api::units());
    let fixed_unit = me
        .unit_code
        .clone()
        .filter(|_| me.role == StaffRole::BcuLead);
    let stage = use_state(String::new);
    let unit = use_state(|| fixed_unit.clone().unwrap_or_default());
    let how = use_state(|| How::Link);
    let phone = use_state(String::new);
    let safe = use_state(|| false);
    let csv = use_state(String::new);
    let file_note = use_state(|| Option::<String>::None);
    let fields = use_state(FieldErrors::new);
    let summary = use_state(Vec::<SummaryItem>::new);
    let outcome = use_state(|| Option::<Outcome>::None);
    let copied = use_state(|| Option::<bool>::None);
    let busy = use_state(|| false);
    let file_input = use_node_ref();

    if !matches!(
        me.role,
        StaffRole::Admin | StaffRole::BcuLead | StaffRole::Advocate
    ) {
        return html! { <AccessDenied /> };
    }

    let set_text = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let choose = |value: How| {
        let (how, fields, summary, safe) =
            (how.clone(), fields.clone(), summary.clone(), safe.clone());
        Callback::from(move |_: Event| {
            if *how != value {
                how.set(value);
                fields.set(FieldErrors::new());
                summary.set(Vec::new());
                safe.set(false);
            }
        })
    };
    let onsafe = {
        let safe = safe.clone();
        Callback::from(move |event: Event| {
            safe.set(event.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let onphone = {
        let phone = phone.clone();
        Callback::from(move |event: InputEvent| {
            phone.set(event.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onfile = {
        let (csv, file_note, fields, summary) = (
            csv.clone(),
            file_note.clone(),
            fields.clone(),
            summary.clone(),
        );
        Callback::from(move |event: Event| {
            let Some(target) = event.target() else {
                return;
            };
            let input: JsValue = target.into();
            let (csv, file_note, fields, summary) = (
                csv.clone(),
                file_note.clone(),
                fields.clone(),
                summary.clone(),
            );
            spawn_local(async move {
                match read_chosen_file(input).await {
                    Ok(Some((name, text))) => {
                        let rows = text.lines().filter(|l| !l.trim().is_empty()).count();
                        csv.set(text);
                        file_note.set(Some(format!(
                            "Read {name}: {rows} rows. They are in the box below."
                        )));
                    }
                    Ok(None) => {}
                    Err(message) => {
                        let mut errors = FieldErrors::new();
                        error(&mut errors, "csv", &message);
                        summary.set(items(&errors));
                        fields.set(errors);
                    }
                }
            });
        })
    };
    let oncopy = {
        let (outcome, copied) = (outcome.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Outcome::Link { link, .. }) = (*outcome).clone() {
                let copied = copied.clone();
                spawn_local(async move { copied.set(Some(copy_to_clipboard(&link).await)) });
            }
        })
    };
    let onsubmit = {
        let (stage, unit, how, phone, safe, csv, file_note) = (
            stage.clone(),
            unit.clone(),
            how.clone(),
            phone.clone(),
            safe.clone(),
            csv.clone(),
            file_note.clone(),
        );
        let (fields, summary, outcome, copied, busy, session) = (
            fields.clone(),
            summary.clone(),
            outcome.clone(),
            copied.clone(),
            busy.clone(),
            session.clone(),
        );
        let file_input = file_input.clone();
        let me = me.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            // What this form can tell before asking the server (which checks it all again).
            let mut errors = FieldErrors::new();
            let chosen_stage = stage.parse::<Stage>().ok();
            if chosen_stage.is_none() {
                error(&mut errors, "stage", "Choose a stage");
            }
            if unit.trim().is_empty() {
                error(&mut errors, "unit_code", "Choose a unit");
            }
            match *how {
                How::Link => {}
                How::Sms => {
                    if phone.trim().is_empty() {
                        error(&mut errors, "phone", "Enter a UK mobile number");
                    }
                    if !*safe {
                        error(
                            &mut errors,
                            "safe_contact_confirmed",
                            "Confirm that you have checked a text message is safe for this person",
                        );
                    }
                }
                How::Csv => {
                    if csv.trim().is_empty() {
                        error(&mut errors, "csv", "Paste or upload a CSV of numbers");
                    }
                    if !*safe {
                        error(
                            &mut errors,
                            "safe_contact_confirmed",
                            "Confirm that you have checked a text message is safe for everyone on the list",
                        );
                    }
                }
            }
            let Some(chosen_stage) = chosen_stage.filter(|_| errors.is_empty()) else {
                summary.set(items(&errors));
                fields.set(errors);
                return;
            };
            outcome.set(None);
            copied.set(None);
            busy.set(true);
            let unit_code = unit.trim().to_string();
            let csrf = me.csrf_token.clone();
            let channel = channel_for(&me);
            let how_now = *how;
            let (phone, safe, csv, file_note, fields, summary, outcome, busy, session) = (
                phone.clone(),
                safe.clone(),
                csv.clone(),
                file_note.clone(),
                fields.clone(),
                summary.clone(),
                outcome.clone(),
                busy.clone(),
                session.clone(),
            );
            let file_input = file_input.clone();
            let phone_now = phone.trim().to_string();
            let csv_now = (*csv).clone();
            let safe_now = *safe;
            spawn_local(async move {
                let result = match how_now {
                    How::Link | How::Sms => {
                        let sms = how_now == How::Sms;
                        let request = StaffInvitationRequest {
                            stage: chosen_stage,
                            unit_code,
                            channel: if sms { Channel::Sms } else { channel },
                            phone: sms.then_some(phone_now),
                            safe_contact_confirmed: sms && safe_now,
                        };
                        api::issue_invitation(&csrf, &request)
                            .await
                            .map(|issued| match issued {
                                IssuedInvitation::Link { link, expires_at } => {
                                    Outcome::Link { link, expires_at }
                                }
                                IssuedInvitation::Sms {
                                    held_for_quiet_hours,
                                    not_before,
                                    ..
                                } => Outcome::Sms {
                                    held: held_for_quiet_hours,
                                    not_before,
                                },
                            })
                    }
                    How::Csv => {
                        let request = StaffBatchRequest {
                            stage: chosen_stage,
                            unit_code,
                            csv: csv_now,
                            safe_contact_confirmed: safe_now,
                        };
                        api::issue_batch(&csrf, &request).await.map(Outcome::Batch)
                    }
                };
                busy.set(false);
                match result {
                    Ok(done) => {
                        // Numbers are not kept on screen once sent; each send is confirmed afresh.
                        if how_now != How::Link {
                            phone.set(String::new());
                            csv.set(String::new());
                            file_note.set(None);
                            safe.set(false);
                            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                                input.set_value("");
                            }
                        }
                        fields.set(FieldErrors::new());
                        summary.set(Vec::new());
                        outcome.set(Some(done));
                    }
                    Err(failure) => {
                        expire_on_401(&session, &failure);
                        summary.set(summary_items(&failure, "invite", &FIELDS));
                        fields.set(failure.fields());
                    }
                }
            });
        })
    };

    let mut stage_options = vec![(String::new(), "Choose a stage".to_string())];
    stage_options.extend(
        Stage::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), stage_label(*s).to_string())),
    );
    let unit_field = match &fixed_unit {
        Some(code) => {
            let name = match &*units {
                Load::Ready(list) => list
                    .iter()
                    .find(|u| &u.code == code)
                    .map(|u| format!("{} ({})", u.name, u.code)),
                _ => None,
            }
            .unwrap_or_else(|| code.clone());
            html! {
                <div class="form-group">
                    <p class="label" id="invite-unit_code">{ "Unit" }</p>
                    <p class="body" id="invite-unit-fixed">{ name }</p>
                </div>
            }
        }
        None => {
            let mut options = vec![(String::new(), "Choose a unit".to_string())];
            if let Load::Ready(list) = &*units {
                options.extend(
                    list.iter()
                        .map(|u| (u.code.clone(), format!("{} ({})", u.name, u.code))),
                );
            }
            html! {
                <SelectField id="invite-unit_code" label="Unit" value={(*unit).clone()} {options}
                    onchange={set_text(&unit)} error={field_error(&fields, "unit_code")} />
            }
        }
    };
    let radio = |value: How, id: &str, label: &str, hint: &str| {
        html! {
            <div class="radios__item">
                <input class="radios__input" type="radio" name="invite-how" id={id.to_string()}
                    checked={*how == value} onchange={choose(value)}
                    aria-describedby={format!("{id}-hint")} />
                <label class="label radios__label" for={id.to_string()}>{ label }</label>
                <div class="hint radios__hint" id={format!("{id}-hint")}>{ hint }</div>
            </div>
        }
    };
    let safe_error = field_error(&fields, "safe_contact_confirmed");
    let safe_label = if *how == How::Csv {
        "I have confirmed with every person on this list that a text message is safe for them"
    } else {
        "I have confirmed with this person that a text message is safe for them"
    };
    let safe_box = html! {
        <div class={classes!("form-group", safe_error.is_some().then_some("form-group--error"))}>
            if let Some(message) = &safe_error {
                <p class="error-message" id="invite-safe_contact_confirmed-error">
                    <span class="visually-hidden">{ "Error: " }</span>{ message.clone() }
                </p>
            }
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id="invite-safe_contact_confirmed"
                    name="safe_contact_confirmed" checked={*safe} onchange={onsafe}
                    aria-describedby={safe_error.as_ref().map(|_| "invite-safe_contact_confirmed-error")}
                    aria-invalid={safe_error.as_ref().map(|_| "true")} />
                <label class="label checkboxes__label" for="invite-safe_contact_confirmed">{ safe_label }</label>
            </div>
        </div>
    };
    let quiet_hours = html! {
        <div class="inset" id="quiet-hours">
            <p class="body">
                { "Text messages are not sent at night. A message sent between 20:00 and 08:00 \
                   (London time) waits and goes at 08:00. The message is neutral: it does not say \
                   what the survey is about or who it is from." }
            </p>
        </div>
    };
    let phone_error = field_error(&fields, "phone");
    let submit_label = match *how {
        How::Link => "Create link",
        How::Sms => "Send text message",
        How::Csv => "Send text messages",
    };
    let advocacy = me
        .advocacy_code
        .clone()
        .filter(|_| me.role == StaffRole::Advocate);

    html! {
        <>
            <SetTitle title="Invite someone" />
            <h1 class="heading-l" tabindex="-1" id="invite-heading">{ "Invite someone to give feedback" }</h1>
            <p class="body lead no-print">
                { "Each invitation opens one anonymous survey. Ask only when it is safe for the person, \
                   and at a moment that suits them." }
            </p>
            if let Some(code) = advocacy {
                <AdvocateLink code={code} />
            }
            if let Some(done) = &*outcome {
                { outcome_view(done, *copied, oncopy) }
            }
            <form class="panel-form invite-form no-print" id="invite" novalidate=true {onsubmit}
                aria-labelledby="invite-form-heading">
                <h2 class="heading-m" id="invite-form-heading">{ "New invitation" }</h2>
                <ErrorSummary items={(*summary).clone()} />
                <SelectField id="invite-stage" label="Stage" value={(*stage).clone()}
                    hint="The part of the case the person is asked about"
                    options={stage_options} onchange={set_text(&stage)}
                    error={field_error(&fields, "stage")} />
                { unit_field }
                <div class="form-group">
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{ "How do you want to invite them?" }</legend>
                        <div class="radios">
                            { radio(How::Link, "invite-how-link", "Give a link",
                                "A link that works once, to hand over in person or by a channel they choose") }
                            { radio(How::Sms, "invite-how-sms", "Send a text message",
                                "One text message to a UK mobile number") }
                            { radio(How::Csv, "invite-how-csv", "Send to a list (CSV)",
                                "Text messages to a list of UK mobile numbers") }
                        </div>
                    </fieldset>
                </div>
                if *how == How::Sms {
                    { quiet_hours.clone() }
                    <div class={classes!("form-group", phone_error.is_some().then_some("form-group--error"))}>
                        <label class="label" for="invite-phone">{ "UK mobile number" }</label>
                        <div class="hint" id="invite-phone-hint">{ "For example, 07700 900123. It is not stored once the message is sent." }</div>
                        if let Some(message) = &phone_error {
                            <p class="error-message" id="invite-phone-error">
                                <span class="visually-hidden">{ "Error: " }</span>{ message.clone() }
                            </p>
                        }
                        <input class={classes!("input", "input--phone", phone_error.is_some().then_some("input--error"))}
                            id="invite-phone" name="phone" type="tel" autocomplete="off"
                            value={(*phone).clone()} oninput={onphone}
                            aria-describedby={if phone_error.is_some() { "invite-phone-hint invite-phone-error" } else { "invite-phone-hint" }}
                            aria-invalid={phone_error.as_ref().map(|_| "true")} />
                    </div>
                    { safe_box.clone() }
                }
                if *how == How::Csv {
                    { quiet_hours.clone() }
                    <div class="form-group">
                        <label class="label" for="invite-csv-file">{ "Upload a CSV file" }</label>
                        <div class="hint" id="invite-csv-file-hint">{ "One mobile number per row, in the first column. A header row is fine." }</div>
                        <input class="file-upload" id="invite-csv-file" type="file" accept=".csv,text/csv,text/plain"
                            aria-describedby="invite-csv-file-hint" onchange={onfile} ref={file_input.clone()} />
                        if let Some(note) = &*file_note {
                            <p class="body" id="invite-csv-file-note" role="status">{ note.clone() }</p>
                        }
                    </div>
                    <TextAreaField id="invite-csv" label="Or paste the numbers"
                        hint="One number per row. The rows are numbered as in the file, counting a header row."
                        value={(*csv).clone()} oninput={set_text(&csv)} rows={6}
                        error={field_error(&fields, "csv")} />
                    { safe_box }
                }
                <button type="submit" class="button" id="invite-submit" disabled={*busy}>{ submit_label }</button>
            </form>
        </>
    }
}
