//! One redacted comment on the comments page: its text, its themes with the way each is
//! mentioned, a "Corrected by staff" tag once a person has set them, and for a BCU lead of the
//! unit, an analyst or an admin, a form to set them (a labelled checkbox per theme, a polarity
//! select for each ticked one, an error summary; native controls only, so it works by
//! keyboard). What is saved replaces the automatic themes and teaches the tagger.

use crate::staff::api::{self, ApiError};
use crate::staff::catalogue::{sentence, theme_label, THEMES};
use crate::staff::components::{ErrorSummary, SummaryItem};
use crate::staff::hooks::expire_on_401;
use crate::staff::session::{use_me, use_session};
use shared::{
    CommentTheme, CommentThemesUpdate, FieldErrors, StaffComment, StaffMe, StaffRole, ThemePolarity,
};
use std::collections::BTreeMap;
use validator::Validate;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// May this person correct themes on the unit's comments? (The server decides; this only
/// hides a form that would be refused.)
pub fn may_correct_themes(me: &StaffMe, code: &str) -> bool {
    match me.role {
        StaffRole::Admin | StaffRole::Analyst => true,
        StaffRole::BcuLead => me.unit_code.as_deref() == Some(code),
        StaffRole::Advocate => false,
    }
}

pub fn polarity_label(polarity: ThemePolarity) -> &'static str {
    match polarity {
        ThemePolarity::Negative => "Negative (a complaint)",
        ThemePolarity::Positive => "Positive (praise)",
        ThemePolarity::Neutral => "Neutral",
    }
}

fn polarity_word(polarity: ThemePolarity) -> &'static str {
    match polarity {
        ThemePolarity::Negative => "negative",
        ThemePolarity::Positive => "positive",
        ThemePolarity::Neutral => "neutral",
    }
}

/// What a newly ticked theme starts as: praise for the praise theme, a complaint otherwise
/// (the taxonomy's own defaults).
fn default_polarity(theme: &str) -> ThemePolarity {
    if theme == "positive" {
        ThemePolarity::Positive
    } else {
        ThemePolarity::Negative
    }
}

/// The form's choices, in the taxonomy's order.
type Draft = BTreeMap<String, ThemePolarity>;

fn draft_of(comment: &StaffComment) -> Draft {
    comment
        .themes
        .iter()
        .map(|t| (t.theme.clone(), t.polarity))
        .collect()
}

fn update_of(draft: &Draft) -> CommentThemesUpdate {
    CommentThemesUpdate {
        themes: THEMES
            .iter()
            .filter_map(|(id, _)| {
                draft.get(*id).map(|polarity| CommentTheme {
                    theme: id.to_string(),
                    polarity: *polarity,
                })
            })
            .collect(),
    }
}

/// Summary items for field errors, each linked to the control it is about: `themes` to the
/// first checkbox, `themes[k].theme` / `themes[k].polarity` to the k-th sent theme's checkbox
/// or select.
fn summary_for(fields: &FieldErrors, prefix: &str, sent: &CommentThemesUpdate) -> Vec<SummaryItem> {
    let first = THEMES[0].0;
    fields
        .iter()
        .flat_map(|(field, messages)| {
            let theme = field
                .strip_prefix("themes[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|k| k.parse::<usize>().ok())
                .and_then(|k| sent.themes.get(k));
            let (label, target) = match theme {
                Some(t) if field.ends_with(".polarity") => (
                    theme_label(&t.theme),
                    format!("{prefix}-polarity-{}", t.theme),
                ),
                Some(t) => (theme_label(&t.theme), format!("{prefix}-theme-{}", t.theme)),
                None => ("Themes".to_string(), format!("{prefix}-theme-{first}")),
            };
            messages.iter().map(move |message| SummaryItem {
                text: format!("{label}: {}", sentence(message)),
                target: Some(target.clone()),
            })
        })
        .collect()
}

fn summary_for_error(
    error: &ApiError,
    prefix: &str,
    sent: &CommentThemesUpdate,
) -> Vec<SummaryItem> {
    let fields = error.fields();
    if fields.is_empty() {
        vec![SummaryItem::plain(&error.message())]
    } else {
        summary_for(&fields, prefix, sent)
    }
}

#[derive(Properties, PartialEq)]
pub struct CommentCardProps {
    pub comment: StaffComment,
    /// Position on the page (1-based), for ids and accessible names.
    pub number: usize,
    pub may_correct: bool,
}

#[component]
pub fn CommentCard(props: &CommentCardProps) -> Html {
    let me = use_me();
    let session = use_session();
    let current = use_state(|| props.comment.clone());
    let editing = use_state(|| false);
    let draft = use_state(|| draft_of(&props.comment));
    let summary = use_state(Vec::<SummaryItem>::new);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let notice = use_node_ref();
    let edit_button = use_node_ref();
    {
        // A new list from the server (another stage or theme) replaces what this card shows.
        let (current, draft, editing) = (current.clone(), draft.clone(), editing.clone());
        use_effect_with(props.comment.clone(), move |comment| {
            current.set(comment.clone());
            draft.set(draft_of(comment));
            editing.set(false);
        });
    }
    {
        let notice = notice.clone();
        use_effect_with(*saved, move |saved| {
            if *saved {
                if let Some(element) = notice.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let prefix = format!("comment-{}", props.number);
    let form_id = format!("{prefix}-form");

    let open = {
        let (editing, draft, current, summary, saved) = (
            editing.clone(),
            draft.clone(),
            current.clone(),
            summary.clone(),
            saved.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            draft.set(draft_of(&current));
            summary.set(Vec::new());
            saved.set(false);
            editing.set(true);
        })
    };
    let cancel = {
        let (editing, summary, edit_button) =
            (editing.clone(), summary.clone(), edit_button.clone());
        Callback::from(move |_: MouseEvent| {
            summary.set(Vec::new());
            editing.set(false);
            // Back to where the person started.
            if let Some(button) = edit_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let onsubmit = {
        let (draft, summary, busy, saved, editing, current) = (
            draft.clone(),
            summary.clone(),
            busy.clone(),
            saved.clone(),
            editing.clone(),
            current.clone(),
        );
        let csrf = me.csrf_token.clone();
        let prefix = prefix.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let update = update_of(&draft);
            if let Err(invalid) = update.validate() {
                let errors = shared::error::from_validation_errors(&invalid);
                summary.set(summary_for(&errors, &prefix, &update));
                return;
            }
            busy.set(true);
            let (summary, busy, saved, editing, current, session) = (
                summary.clone(),
                busy.clone(),
                saved.clone(),
                editing.clone(),
                current.clone(),
                session.clone(),
            );
            let (csrf, prefix, id) = (csrf.clone(), prefix.clone(), current.id.clone());
            spawn_local(async move {
                match api::set_comment_themes(&csrf, &id, &update).await {
                    Ok(comment) => {
                        current.set(comment);
                        summary.set(Vec::new());
                        editing.set(false);
                        saved.set(true);
                    }
                    Err(error) => {
                        expire_on_401(&session, &error);
                        summary.set(summary_for_error(&error, &prefix, &update));
                    }
                }
                busy.set(false);
            });
        })
    };

    let comment = &*current;
    let themes = if comment.themes.is_empty() {
        html! { <p class="body comment__no-themes">{ "No themes." }</p> }
    } else {
        html! {
            <ul class="comment__themes">
                { for comment.themes.iter().map(|t| html! {
                    <li class="comment__theme" data-theme={t.theme.clone()} data-polarity={polarity_word(t.polarity)}>
                        { theme_label(&t.theme) }
                        <span class="comment__polarity">{ format!(" – {}", polarity_word(t.polarity)) }</span>
                    </li>
                }) }
            </ul>
        }
    };
    let checkbox = |(id, label): &(&str, &str)| {
        let id = id.to_string();
        let checked = draft.get(&id).copied();
        let box_id = format!("{prefix}-theme-{id}");
        let select_id = format!("{prefix}-polarity-{id}");
        let ontoggle = {
            let (draft, id) = (draft.clone(), id.clone());
            Callback::from(move |event: Event| {
                let on = event.target_unchecked_into::<HtmlInputElement>().checked();
                let mut next = (*draft).clone();
                if on {
                    next.entry(id.clone())
                        .or_insert_with(|| default_polarity(&id));
                } else {
                    next.remove(&id);
                }
                draft.set(next);
            })
        };
        let onpolarity = {
            let (draft, id) = (draft.clone(), id.clone());
            Callback::from(move |event: Event| {
                let value = event.target_unchecked_into::<HtmlSelectElement>().value();
                if let Some(polarity) = ThemePolarity::parse(&value) {
                    let mut next = (*draft).clone();
                    next.insert(id.clone(), polarity);
                    draft.set(next);
                }
            })
        };
        html! {
            <div class="checkboxes__item comment__choice">
                <input class="checkboxes__input" type="checkbox" id={box_id.clone()}
                    name={box_id.clone()} value={id.clone()} checked={checked.is_some()}
                    onchange={ontoggle} />
                <label class="label checkboxes__label" for={box_id}>{ *label }</label>
                if let Some(polarity) = checked {
                    <div class="comment__polarity-field">
                        <label class="label" for={select_id.clone()}>{ format!("How is “{label}” mentioned?") }</label>
                        <select class="select" id={select_id.clone()} name={select_id} onchange={onpolarity}>
                            { for ThemePolarity::ALL.iter().map(|p| html! {
                                <option value={p.as_str()} selected={*p == polarity}>{ polarity_label(*p) }</option>
                            }) }
                        </select>
                    </div>
                }
            </div>
        }
    };
    let legend_id = format!("{prefix}-legend");
    let hint_id = format!("{prefix}-hint");
    html! {
        <li class="comment" id={prefix.clone()} data-comment-id={comment.id.clone()}
            data-corrected={comment.corrected_by_staff.to_string()}>
            <blockquote class="comment__text">{ comment.text.clone() }</blockquote>
            <div class="comment__meta">
                <span class="comment__label">{ "Themes" }</span>
                if comment.corrected_by_staff {
                    <strong class="tag tag--corrected">{ "Corrected by staff" }</strong>
                }
            </div>
            { themes }
            if *saved {
                <div class="notification notification--success" role="status" tabindex="-1"
                    ref={notice} id={format!("{prefix}-saved")}>
                    <p class="body">{ "Themes saved. This comment is marked as corrected by staff, and later comments with similar wording will be tagged the same way. Your colleagues’ theme counts include your change; yours leave it out, so nobody can reveal a hidden count by correcting." }</p>
                </div>
            }
            if props.may_correct && !*editing {
                <button type="button" class="button button--secondary button--small"
                    id={format!("{prefix}-edit")} ref={edit_button}
                    aria-expanded="false" aria-controls={form_id.clone()} onclick={open}>
                    { "Change themes" }<span class="visually-hidden">{ format!(" of comment {}", props.number) }</span>
                </button>
            }
            if props.may_correct && *editing {
                <form class="comment__form" id={form_id} novalidate=true {onsubmit}
                    aria-label={format!("Themes of comment {}", props.number)}>
                    <ErrorSummary items={(*summary).clone()} />
                    <fieldset class="fieldset" aria-describedby={hint_id.clone()}>
                        <legend class="fieldset__legend" id={legend_id}>{ format!("Themes of comment {}", props.number) }</legend>
                        <div class="hint" id={hint_id}>{ "Tick every theme this comment is about, and say how each is mentioned. Leave all unticked if none applies. What you save replaces the automatic themes." }</div>
                        { for THEMES.iter().map(checkbox) }
                    </fieldset>
                    <div class="button-group">
                        <button type="submit" class="button" id={format!("{prefix}-save")} disabled={*busy}>{ "Save themes" }</button>
                        <button type="button" class="button button--secondary" id={format!("{prefix}-cancel")} onclick={cancel}>{ "Cancel" }</button>
                    </div>
                </form>
            }
        </li>
    }
}
