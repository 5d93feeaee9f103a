//! Sign-in: email and password, errors in a summary and beside each field.

use crate::staff::api;
use crate::staff::components::{
    field_error, field_items, summary_items, ErrorSummary, SetTitle, SummaryItem, TextField,
};
use crate::staff::session::{use_session, Session, SessionAction};
use shared::{FieldErrors, LoginRequest};
use validator::Validate;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Called once signed in.
    pub onsignedin: Callback<()>,
}

const FIELDS: [&str; 2] = ["email", "password"];

#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let session = use_session();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let fields = use_state(FieldErrors::new);
    let summary = use_state(Vec::new);
    let busy = use_state(|| false);
    let notice = match &*session {
        Session::SignedOut { notice } => notice.clone(),
        _ => None,
    };

    let onsubmit = {
        let (email, password, fields, summary, busy) = (
            email.clone(),
            password.clone(),
            fields.clone(),
            summary.clone(),
            busy.clone(),
        );
        let session = session.clone();
        let onsignedin = props.onsignedin.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let request = LoginRequest {
                email: email.trim().to_string(),
                password: (*password).clone(),
            };
            if let Err(invalid) = request.validate() {
                let errors = shared::error::from_validation_errors(&invalid);
                summary.set(field_items(&errors, "sign-in", &FIELDS));
                fields.set(errors);
                return;
            }
            busy.set(true);
            let (fields, summary, busy, session, onsignedin) = (
                fields.clone(),
                summary.clone(),
                busy.clone(),
                session.clone(),
                onsignedin.clone(),
            );
            let password = password.clone();
            spawn_local(async move {
                match api::sign_in(&request).await {
                    Ok(me) => {
                        password.set(String::new());
                        session.dispatch(SessionAction::SignedIn(me));
                        onsignedin.emit(());
                    }
                    Err(error) => {
                        let items = match error.status() {
                            Some(401) => vec![SummaryItem::linked(
                                "The email address or password is not right. Check them and try again.",
                                "sign-in-email",
                            )],
                            Some(429) => vec![SummaryItem::plain(
                                "Too many attempts to sign in. Wait a few minutes and try again.",
                            )],
                            _ => summary_items(&error, "sign-in", &FIELDS),
                        };
                        fields.set(error.fields());
                        summary.set(items);
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <>
            <SetTitle title={if summary.is_empty() { "Sign in" } else { "Error: Sign in" }} />
            <ErrorSummary items={(*summary).clone()} />
            <h1 class="heading-l" tabindex="-1">{ "Sign in" }</h1>
            if let Some(notice) = notice {
                <div class="notification" role="status"><p class="body">{ notice }</p></div>
            }
            <p class="body">{ "For police, advocacy and analysis staff. Victims answering a survey do not need an account." }</p>
            <form id="sign-in" novalidate=true {onsubmit}>
                <TextField id="sign-in-email" label="Email address" input_type="email"
                    autocomplete="username" value={(*email).clone()}
                    oninput={let email = email.clone(); Callback::from(move |v| email.set(v))}
                    error={field_error(&fields, "email")} />
                <TextField id="sign-in-password" label="Password" input_type="password"
                    autocomplete="current-password" value={(*password).clone()}
                    oninput={let password = password.clone(); Callback::from(move |v| password.set(v))}
                    error={field_error(&fields, "password")} />
                <button type="submit" class="button" id="sign-in-button" disabled={*busy}>{ "Sign in" }</button>
            </form>
        </>
    }
}
