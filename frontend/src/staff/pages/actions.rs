//! "You said, we did": the actions a unit has published (the same list the victim's thank-you
//! page shows) and, for the unit's BCU lead or an admin, the form to publish one.

use crate::staff::api;
use crate::staff::catalogue::{month_label, theme_label, THEMES};
use crate::staff::components::{
    field_error, field_items, summary_items, ErrorSummary, SelectField, TextAreaField,
};
use crate::staff::hooks::{expire_on_401, use_load, Load};
use crate::staff::session::{use_me, use_session};
use shared::{FieldErrors, NewAction, PublishedAction};
use validator::Validate;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub fn action_card(action: &PublishedAction) -> Html {
    html! {
        <li class="action">
            <h4 class="heading-s action__theme">{ theme_label(&action.theme) }</h4>
            <p class="body"><strong>{ "You said: " }</strong><span class="action__said">{ action.you_said.clone() }</span></p>
            <p class="body"><strong>{ "We did: " }</strong><span class="action__did">{ action.we_did.clone() }</span></p>
            <p class="body hint">{ format!("Published {}", month_label(&action.published)) }</p>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct ActionsSectionProps {
    pub code: String,
    pub may_publish: bool,
}

#[component]
pub fn ActionsSection(props: &ActionsSectionProps) -> Html {
    let version = use_state(|| 0u32);
    let actions = use_load((props.code.clone(), *version), |(code, _)| async move {
        api::unit_actions(&code).await
    });
    let onpublished = {
        let version = version.clone();
        Callback::from(move |_| version.set(*version + 1))
    };
    html! {
        <section class="actions-section" aria-labelledby="actions-heading" id="actions">
            <h2 class="heading-l" id="actions-heading">{ "You said, we did" }</h2>
            <p class="body">{ "What this unit changed because of what victims said. The latest actions also show to victims when they finish a survey for this unit." }</p>
            { match &*actions {
                Load::Loading => html! { <p class="body" role="status">{ "Loading actions…" }</p> },
                Load::Failed(error) => html! { <p class="body">{ error.message() }</p> },
                Load::Ready(list) if list.is_empty() => html! {
                    <p class="body" id="no-actions">{ "No actions published yet." }</p>
                },
                Load::Ready(list) => html! {
                    <ul class="action-list" id="published-actions">{ for list.iter().map(action_card) }</ul>
                },
            } }
            if props.may_publish {
                <PublishForm code={props.code.clone()} {onpublished} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PublishFormProps {
    code: String,
    onpublished: Callback<()>,
}

const FIELDS: [&str; 3] = ["theme", "you_said", "we_did"];

#[component]
fn PublishForm(props: &PublishFormProps) -> Html {
    let me = use_me();
    let session = use_session();
    let theme = use_state(String::new);
    let you_said = use_state(String::new);
    let we_did = use_state(String::new);
    let fields = use_state(FieldErrors::new);
    let summary = use_state(Vec::new);
    let done = use_state(|| Option::<String>::None);
    let busy = use_state(|| false);

    let onsubmit = {
        let (theme, you_said, we_did, fields, summary, done, busy) = (
            theme.clone(),
            you_said.clone(),
            we_did.clone(),
            fields.clone(),
            summary.clone(),
            done.clone(),
            busy.clone(),
        );
        let code = props.code.clone();
        let onpublished = props.onpublished.clone();
        let csrf = me.csrf_token.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let action = NewAction {
                theme: (*theme).clone(),
                you_said: you_said.trim().to_string(),
                we_did: we_did.trim().to_string(),
            };
            done.set(None);
            if let Err(invalid) = action.validate() {
                let errors = shared::error::from_validation_errors(&invalid);
                summary.set(field_items(&errors, "action", &FIELDS));
                fields.set(errors);
                return;
            }
            busy.set(true);
            let (theme, you_said, we_did, fields, summary, done, busy) = (
                theme.clone(),
                you_said.clone(),
                we_did.clone(),
                fields.clone(),
                summary.clone(),
                done.clone(),
                busy.clone(),
            );
            let (code, onpublished, csrf, session) = (
                code.clone(),
                onpublished.clone(),
                csrf.clone(),
                session.clone(),
            );
            spawn_local(async move {
                match api::publish_action(&csrf, &code, &action).await {
                    Ok(published) => {
                        theme.set(String::new());
                        you_said.set(String::new());
                        we_did.set(String::new());
                        fields.set(FieldErrors::new());
                        summary.set(Vec::new());
                        done.set(Some(theme_label(&published.theme)));
                        onpublished.emit(());
                    }
                    Err(error) => {
                        expire_on_401(&session, &error);
                        summary.set(summary_items(&error, "action", &FIELDS));
                        fields.set(error.fields());
                    }
                }
                busy.set(false);
            });
        })
    };
    let mut theme_options = vec![(String::new(), "Choose a theme".to_string())];
    theme_options.extend(
        THEMES
            .iter()
            .map(|(id, label)| (id.to_string(), label.to_string())),
    );
    html! {
        <form class="publish-form" id="action" novalidate=true {onsubmit} aria-labelledby="publish-heading">
            <h3 class="heading-m" id="publish-heading">{ "Publish an action" }</h3>
            if let Some(theme) = (*done).clone() {
                <div class="notification notification--success" role="status" id="action-published">
                    <p class="body">{ format!("Action published under “{theme}”. Victims finishing a survey for {} will see it.", props.code) }</p>
                </div>
            }
            <ErrorSummary items={(*summary).clone()} />
            <SelectField id="action-theme" label="Theme" value={(*theme).clone()}
                options={theme_options}
                onchange={let theme = theme.clone(); Callback::from(move |v| theme.set(v))}
                error={field_error(&fields, "theme")} />
            <TextAreaField id="action-you_said" label="You said"
                hint="What victims told you, in their words or close to them. No names or details that could identify anyone."
                value={(*you_said).clone()}
                oninput={let you_said = you_said.clone(); Callback::from(move |v| you_said.set(v))}
                error={field_error(&fields, "you_said")} />
            <TextAreaField id="action-we_did" label="We did"
                hint="What changed because of it."
                value={(*we_did).clone()}
                oninput={let we_did = we_did.clone(); Callback::from(move |v| we_did.set(v))}
                error={field_error(&fields, "we_did")} />
            <button type="submit" class="button" id="publish-action" disabled={*busy}>{ "Publish action" }</button>
        </form>
    }
}
