//! Administration: staff accounts (list, create, deactivate and reactivate), units (list,
//! create) and the audit log. The server refuses all of it to anyone but an admin.

use crate::staff::api;
use crate::staff::catalogue::role_label;
use crate::staff::components::{
    field_error, field_items, summary_items, ErrorSummary, Loading, PageError, SelectField,
    SetTitle, TextAreaField, TextField,
};
use crate::staff::hooks::{expire_on_401, use_load, Load};
use crate::staff::session::{use_me, use_session};
use shared::{FieldErrors, NewStaffUser, NewUnit, StaffRole, StaffUserView, UpdateStaffUser};
use validator::Validate;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

// ----- accounts -----

#[component]
pub fn AccountsPage() -> Html {
    let me = use_me();
    let session = use_session();
    let version = use_state(|| 0u32);
    let users = use_load(*version, |_| api::users());
    let units = use_load((), |_| api::units());
    let notice = use_state(|| Option::<String>::None);
    let reload = {
        let version = version.clone();
        Callback::from(move |_| version.set(*version + 1))
    };
    let toggle = {
        let csrf = me.csrf_token.clone();
        let notice = notice.clone();
        let reload = reload.clone();
        let session = session.clone();
        Callback::from(move |user: StaffUserView| {
            let (csrf, notice, reload, session) = (
                csrf.clone(),
                notice.clone(),
                reload.clone(),
                session.clone(),
            );
            spawn_local(async move {
                let update = UpdateStaffUser {
                    active: Some(!user.active),
                    password: None,
                };
                match api::update_user(&csrf, user.id, &update).await {
                    Ok(updated) => {
                        notice.set(Some(format!(
                            "{} is now {}.",
                            updated.email,
                            if updated.active {
                                "active"
                            } else {
                                "deactivated"
                            }
                        )));
                        reload.emit(());
                    }
                    Err(error) => {
                        expire_on_401(&session, &error);
                        notice.set(Some(error.message()));
                    }
                }
            });
        })
    };
    if let Load::Failed(error) = &*users {
        return html! { <PageError error={error.clone()} /> };
    }
    let unit_list = match &*units {
        Load::Ready(list) => list.as_ref().clone(),
        _ => Vec::new(),
    };
    html! {
        <>
            <SetTitle title="Staff accounts" />
            <h1 class="heading-l" tabindex="-1">{ "Staff accounts" }</h1>
            if let Some(text) = (*notice).clone() {
                <div class="notification" role="status" id="accounts-notice"><p class="body">{ text }</p></div>
            }
            { match &*users {
                Load::Loading | Load::Failed(_) => html! { <Loading /> },
                Load::Ready(list) => html! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="accounts-caption">
                        <table class="table" id="accounts">
                            <caption class="table__caption" id="accounts-caption">{ "Every staff account" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Email" }</th>
                                    <th scope="col">{ "Role" }</th>
                                    <th scope="col">{ "Unit or service" }</th>
                                    <th scope="col">{ "Status" }</th>
                                    <th scope="col">{ "Action" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for list.iter().map(|user| {
                                    let onclick = {
                                        let toggle = toggle.clone();
                                        let user = user.clone();
                                        Callback::from(move |_: MouseEvent| toggle.emit(user.clone()))
                                    };
                                    let scope = user.unit_code.clone().or(user.advocacy_code.clone()).unwrap_or_else(|| "All".into());
                                    html! {
                                        <tr data-email={user.email.clone()}>
                                            <th scope="row">{ user.email.clone() }</th>
                                            <td>{ role_label(user.role) }</td>
                                            <td>{ scope }</td>
                                            <td>{ if user.active { "Active" } else { "Deactivated" } }</td>
                                            <td>
                                                if user.id != me.id {
                                                    <button type="button" class="button button--secondary button--small" {onclick}>
                                                        { if user.active { "Deactivate" } else { "Reactivate" } }
                                                        <span class="visually-hidden">{ format!(" {}", user.email) }</span>
                                                    </button>
                                                } else {
                                                    { "You" }
                                                }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                },
            } }
            <NewAccountForm units={unit_list} oncreated={reload} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewAccountProps {
    units: Vec<shared::UnitOption>,
    oncreated: Callback<()>,
}

const ACCOUNT_FIELDS: [&str; 5] = ["email", "password", "role", "unit_code", "advocacy_code"];

#[component]
fn NewAccountForm(props: &NewAccountProps) -> Html {
    let me = use_me();
    let session = use_session();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let role = use_state(|| "bcu_lead".to_string());
    let unit = use_state(String::new);
    let advocacy = use_state(String::new);
    let fields = use_state(FieldErrors::new);
    let summary = use_state(Vec::new);
    let done = use_state(|| Option::<String>::None);

    let onsubmit = {
        let (email, password, role, unit, advocacy, fields, summary, done) = (
            email.clone(),
            password.clone(),
            role.clone(),
            unit.clone(),
            advocacy.clone(),
            fields.clone(),
            summary.clone(),
            done.clone(),
        );
        let csrf = me.csrf_token.clone();
        let oncreated = props.oncreated.clone();
        let session = session.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let role_value = role.parse::<StaffRole>().unwrap_or(StaffRole::Analyst);
            let text = |s: &str| {
                let s = s.trim();
                (!s.is_empty()).then(|| s.to_string())
            };
            let new = NewStaffUser {
                email: email.trim().to_string(),
                password: (*password).clone(),
                role: role_value,
                unit_code: text(&unit).filter(|_| role_value == StaffRole::BcuLead),
                advocacy_code: text(&advocacy).filter(|_| role_value == StaffRole::Advocate),
            };
            done.set(None);
            let mut errors = match new.validate() {
                Ok(()) => FieldErrors::new(),
                Err(invalid) => shared::error::from_validation_errors(&invalid),
            };
            if role_value == StaffRole::BcuLead && new.unit_code.is_none() {
                shared::error::push_field_error(
                    &mut errors,
                    "unit_code",
                    "choose the unit this BCU lead leads",
                );
            }
            if role_value == StaffRole::Advocate && new.advocacy_code.is_none() {
                shared::error::push_field_error(
                    &mut errors,
                    "advocacy_code",
                    "enter the advocacy service's code",
                );
            }
            if !errors.is_empty() {
                summary.set(field_items(&errors, "account", &ACCOUNT_FIELDS));
                fields.set(errors);
                return;
            }
            let (email, password, fields, summary, done, oncreated, csrf, session) = (
                email.clone(),
                password.clone(),
                fields.clone(),
                summary.clone(),
                done.clone(),
                oncreated.clone(),
                csrf.clone(),
                session.clone(),
            );
            spawn_local(async move {
                match api::create_user(&csrf, &new).await {
                    Ok(created) => {
                        email.set(String::new());
                        password.set(String::new());
                        fields.set(FieldErrors::new());
                        summary.set(Vec::new());
                        done.set(Some(format!("Account created for {}.", created.email)));
                        oncreated.emit(());
                    }
                    Err(error) => {
                        expire_on_401(&session, &error);
                        summary.set(summary_items(&error, "account", &ACCOUNT_FIELDS));
                        fields.set(error.fields());
                    }
                }
            });
        })
    };
    let role_options: Vec<(String, String)> = StaffRole::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), role_label(*r).to_string()))
        .collect();
    let mut unit_options = vec![(String::new(), "Choose a unit".to_string())];
    unit_options.extend(
        props
            .units
            .iter()
            .map(|u| (u.code.clone(), format!("{} ({})", u.name, u.code))),
    );
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <form class="panel-form" id="account" novalidate=true {onsubmit} aria-labelledby="new-account-heading">
            <h2 class="heading-m" id="new-account-heading">{ "Create an account" }</h2>
            if let Some(text) = (*done).clone() {
                <div class="notification notification--success" role="status"><p class="body">{ text }</p></div>
            }
            <ErrorSummary items={(*summary).clone()} />
            <TextField id="account-email" label="Email address" input_type="email" autocomplete="off"
                value={(*email).clone()} oninput={set(&email)} error={field_error(&fields, "email")} />
            <TextField id="account-password" label="Password" input_type="password" autocomplete="new-password"
                hint="At least 12 characters. Give it to the person by a safe route; they cannot see it here again."
                value={(*password).clone()} oninput={set(&password)} error={field_error(&fields, "password")} />
            <SelectField id="account-role" label="Role" value={(*role).clone()} options={role_options}
                onchange={set(&role)} error={field_error(&fields, "role")} />
            if *role == "bcu_lead" {
                <SelectField id="account-unit_code" label="Unit" value={(*unit).clone()} options={unit_options}
                    onchange={set(&unit)} error={field_error(&fields, "unit_code")} />
            }
            if *role == "advocate" {
                <TextField id="account-advocacy_code" label="Advocacy service code"
                    value={(*advocacy).clone()} oninput={set(&advocacy)} error={field_error(&fields, "advocacy_code")} />
            }
            <button type="submit" class="button" id="create-account">{ "Create account" }</button>
        </form>
    }
}

// ----- units -----

const UNIT_FIELDS: [&str; 3] = ["code", "name", "areas"];

#[component]
pub fn AdminUnitsPage() -> Html {
    let me = use_me();
    let session = use_session();
    let version = use_state(|| 0u32);
    let units = use_load(*version, |_| api::units());
    let code = use_state(String::new);
    let name = use_state(String::new);
    let areas = use_state(String::new);
    let fields = use_state(FieldErrors::new);
    let summary = use_state(Vec::new);
    let done = use_state(|| Option::<String>::None);
    let onsubmit = {
        let (code, name, areas, fields, summary, done, version) = (
            code.clone(),
            name.clone(),
            areas.clone(),
            fields.clone(),
            summary.clone(),
            done.clone(),
            version.clone(),
        );
        let csrf = me.csrf_token.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let new = NewUnit {
                code: code.trim().to_string(),
                name: name.trim().to_string(),
                areas: areas
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
            };
            done.set(None);
            if let Err(invalid) = new.validate() {
                let errors = shared::error::from_validation_errors(&invalid);
                summary.set(field_items(&errors, "unit", &UNIT_FIELDS));
                fields.set(errors);
                return;
            }
            let (code, name, areas, fields, summary, done, version, csrf, session) = (
                code.clone(),
                name.clone(),
                areas.clone(),
                fields.clone(),
                summary.clone(),
                done.clone(),
                version.clone(),
                csrf.clone(),
                session.clone(),
            );
            spawn_local(async move {
                match api::create_unit(&csrf, &new).await {
                    Ok(created) => {
                        code.set(String::new());
                        name.set(String::new());
                        areas.set(String::new());
                        fields.set(FieldErrors::new());
                        summary.set(Vec::new());
                        done.set(Some(format!(
                            "Unit {} ({}) created.",
                            created.name, created.code
                        )));
                        version.set(*version + 1);
                    }
                    Err(error) => {
                        expire_on_401(&session, &error);
                        summary.set(summary_items(&error, "unit", &UNIT_FIELDS));
                        fields.set(error.fields());
                    }
                }
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    if let Load::Failed(error) = &*units {
        return html! { <PageError error={error.clone()} /> };
    }
    if me.role != StaffRole::Admin {
        return html! { <crate::staff::components::AccessDenied /> };
    }
    html! {
        <>
            <SetTitle title="Units" />
            <h1 class="heading-l" tabindex="-1">{ "Units" }</h1>
            { match &*units {
                Load::Loading | Load::Failed(_) => html! { <Loading /> },
                Load::Ready(list) => html! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="units-caption">
                        <table class="table" id="units">
                            <caption class="table__caption" id="units-caption">{ "Basic Command Units" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Code" }</th>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Areas" }</th>
                            </tr></thead>
                            <tbody>
                                { for list.iter().map(|u| html! {
                                    <tr>
                                        <th scope="row">{ u.code.clone() }</th>
                                        <td>{ u.name.clone() }</td>
                                        <td>{ u.areas.join(", ") }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                },
            } }
            <form class="panel-form" id="unit" novalidate=true {onsubmit} aria-labelledby="new-unit-heading">
                <h2 class="heading-m" id="new-unit-heading">{ "Add a unit" }</h2>
                if let Some(text) = (*done).clone() {
                    <div class="notification notification--success" role="status"><p class="body">{ text }</p></div>
                }
                <ErrorSummary items={(*summary).clone()} />
                <TextField id="unit-code" label="Code" hint="A short code, for example CE"
                    value={(*code).clone()} oninput={set(&code)} error={field_error(&fields, "code")} />
                <TextField id="unit-name" label="Name" value={(*name).clone()} oninput={set(&name)}
                    error={field_error(&fields, "name")} />
                <TextAreaField id="unit-areas" label="Areas" hint="Boroughs or areas it covers, one per line or separated by commas"
                    value={(*areas).clone()} oninput={set(&areas)} error={field_error(&fields, "areas")} rows={3} />
                <button type="submit" class="button" id="create-unit">{ "Add unit" }</button>
            </form>
        </>
    }
}

// ----- audit -----

fn time_text(at: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
    let iso: String = date.to_iso_string().into();
    // 2026-03-01T12:34:56.000Z -> 2026-03-01 12:34 UTC
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => iso,
    }
}

#[component]
pub fn AuditPage() -> Html {
    let entries = use_load((), |_| api::audit());
    match &*entries {
        Load::Failed(error) => html! { <PageError error={error.clone()} /> },
        Load::Loading => html! {
            <>
                <SetTitle title="Audit log" />
                <h1 class="heading-l" tabindex="-1">{ "Audit log" }</h1>
                <Loading />
            </>
        },
        Load::Ready(list) => html! {
            <>
                <SetTitle title="Audit log" />
                <h1 class="heading-l" tabindex="-1">{ "Audit log" }</h1>
                <p class="body">{ "Who viewed or exported what, and every change to accounts and units. The latest 500 entries, newest first." }</p>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption">
                    <table class="table table--compact" id="audit">
                        <caption class="table__caption" id="audit-caption">{ "Audit entries" }</caption>
                        <thead><tr>
                            <th scope="col">{ "When" }</th>
                            <th scope="col">{ "Who" }</th>
                            <th scope="col">{ "Action" }</th>
                            <th scope="col">{ "What" }</th>
                        </tr></thead>
                        <tbody>
                            { for list.iter().map(|e| html! {
                                <tr>
                                    <td>{ time_text(e.at) }</td>
                                    <td>{ e.email.clone() }</td>
                                    <td>{ e.action.replace('_', " ") }</td>
                                    <td>{ e.target.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </>
        },
    }
}
