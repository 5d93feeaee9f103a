//! The advocate-link page (`/a/{code}`): one screen where the person picks the part of the
//! process they want to talk about and the area they live in, then gets their own single-use
//! survey session. The address becomes `/s/{token}` by replacing the history entry (never
//! adding one), and the survey continues without a reload.

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, SummaryItem};
use crate::hooks::{focus_element, Problem};
use crate::i18n::use_i18n;
use crate::pages::LinkProblem;
use shared::{AdvocateLinkView, AdvocateSessionRequest, Stage};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AdvocatePageProps {
    pub code: AttrValue,
    /// Called with the new session's token once the address shows `/s/{token}`.
    pub on_session: Callback<String>,
}

/// What went wrong with "Continue": missing or refused choices, or a reason to wait or retry.
#[derive(Clone, Default, PartialEq)]
struct Errors {
    stage: bool,
    area: bool,
    /// A catalogue key for anything that is not about one field.
    general: Option<&'static str>,
    /// Too many sessions from here just now: a calm "please wait", not an error.
    wait: bool,
}

/// The whole page as one reducer (one hook instance keeps the bundle small).
#[derive(Clone, Default, PartialEq)]
struct Form {
    view: Option<Rc<AdvocateLinkView>>,
    problem: Option<Problem>,
    stage: Option<Stage>,
    /// The chosen area's unit code ("" until one is chosen).
    area: String,
    errors: Errors,
    sending: bool,
    /// Counts refused attempts, so focus moves to the summary every time.
    attempt: u32,
}

enum Action {
    Loaded(Rc<AdvocateLinkView>),
    Failed(Problem),
    Stage(Stage),
    Area(String),
    Sending,
    Refused(Errors),
}

impl Reducible for Form {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut form = (*self).clone();
        match action {
            Action::Loaded(view) => form.view = Some(view),
            Action::Failed(problem) => form.problem = Some(problem),
            Action::Stage(stage) => {
                form.stage = Some(stage);
                form.errors.stage = false;
            }
            Action::Area(area) => {
                form.area = area;
                form.errors.area = false;
            }
            Action::Sending => form.sending = true,
            Action::Refused(errors) => {
                form.sending = false;
                form.errors = errors;
                form.attempt += 1;
            }
        }
        Rc::new(form)
    }
}

/// Every area of every unit, in name order, each with its unit's code.
fn areas(view: &AdvocateLinkView) -> BTreeMap<String, String> {
    let mut areas = BTreeMap::new();
    for unit in &view.units {
        for area in &unit.areas {
            areas.insert(area.clone(), unit.code.clone());
        }
    }
    areas
}

fn stage_key(stage: Stage) -> &'static str {
    match stage {
        Stage::Reporting => "stage_reporting",
        Stage::Investigation => "stage_investigation",
        Stage::Cps => "stage_cps",
        Stage::Court => "stage_court",
        Stage::Support => "stage_support",
    }
}

/// Shows `/s/{token}` in the address bar in place of the advocate link (no new history entry).
fn replace_address(token: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("/s/{token}")));
    }
}

#[component]
pub fn AdvocatePage(props: &AdvocatePageProps) -> Html {
    let i18n = use_i18n();
    let form = use_reducer(Form::default);

    {
        let dispatcher = form.dispatcher();
        use_effect_with(props.code.clone(), move |code| {
            let code = code.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(match api::advocate_link(&code).await {
                    Ok(view) => Action::Loaded(Rc::new(view)),
                    Err(ApiError::Status {
                        status: 400..=499, ..
                    }) => Action::Failed(Problem::NotFound),
                    Err(_) => Action::Failed(Problem::Unreachable),
                });
            });
        });
    }
    // Every refused "Continue" moves focus to the summary (or the calm message) so it is read.
    {
        let target = if form.errors.wait {
            "#advocate-wait"
        } else {
            "#error-summary"
        };
        use_effect_with(form.attempt, move |attempt| {
            if *attempt > 0 {
                focus_element(target);
            }
        });
    }

    if let Some(problem) = form.problem {
        return html! { <LinkProblem {problem} /> };
    }
    let Some(view) = form.view.clone() else {
        return html! { <p class="body loading" aria-live="polite">{ i18n.t("loading") }</p> };
    };
    let errors = &form.errors;

    let onclick = {
        let form = form.clone();
        let code = props.code.clone();
        let on_session = props.on_session.clone();
        Callback::from(move |_: MouseEvent| {
            if form.sending {
                return;
            }
            let dispatcher = form.dispatcher();
            let (Some(stage), false) = (form.stage, form.area.is_empty()) else {
                dispatcher.dispatch(Action::Refused(Errors {
                    stage: form.stage.is_none(),
                    area: form.area.is_empty(),
                    ..Errors::default()
                }));
                return;
            };
            let request = AdvocateSessionRequest {
                stage,
                unit_code: form.area.clone(),
            };
            dispatcher.dispatch(Action::Sending);
            let code = code.clone();
            let on_session = on_session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let refused = match api::advocate_session(&code, &request).await {
                    Ok(created) => {
                        replace_address(&created.token);
                        on_session.emit(created.token);
                        return;
                    }
                    Err(ApiError::Status { status: 404, .. }) => {
                        dispatcher.dispatch(Action::Failed(Problem::NotFound));
                        return;
                    }
                    Err(ApiError::Status { status: 429, .. }) => Errors {
                        wait: true,
                        ..Errors::default()
                    },
                    Err(ApiError::Status {
                        status: 400..=499,
                        body: Some(body),
                    }) if !body.fields.is_empty() => Errors {
                        stage: body.fields.contains_key("stage"),
                        area: body.fields.contains_key("unit_code"),
                        ..Errors::default()
                    },
                    Err(ApiError::Network) => Errors {
                        general: Some("advocate_network"),
                        ..Errors::default()
                    },
                    Err(_) => Errors {
                        general: Some("advocate_error"),
                        ..Errors::default()
                    },
                };
                dispatcher.dispatch(Action::Refused(refused));
            });
        })
    };

    let first_stage = view.stages.first().map_or("reporting", |s| s.as_str());
    let mut summary = Vec::new();
    if let Some(key) = errors.general {
        summary.push(SummaryItem {
            text: i18n.t(key).to_string(),
            target: None,
            question: None,
        });
    }
    if errors.stage {
        summary.push(SummaryItem {
            text: i18n.t("advocate_stage_error").to_string(),
            target: Some(format!("stage-{first_stage}")),
            question: None,
        });
    }
    if errors.area {
        summary.push(SummaryItem {
            text: i18n.t("advocate_area_error").to_string(),
            target: Some("area".to_string()),
            question: None,
        });
    }
    let error_message = |key: &str, id: &str| {
        html! {
            <p id={id.to_string()} class="error-message">
                <span class="visually-hidden">{ i18n.t("error_prefix") }{ " " }</span>
                { i18n.t(key) }
            </p>
        }
    };

    let stage_describedby = if errors.stage {
        "stage-hint stage-error"
    } else {
        "stage-hint"
    };
    let area_describedby = if errors.area {
        "area-hint area-error"
    } else {
        "area-hint"
    };
    let onchange_area = {
        let dispatcher = form.dispatcher();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::Area(select.value()));
        })
    };

    html! {
        <div class="screen" id="advocate">
            <ErrorSummary items={summary} />
            if errors.wait {
                <div class="inset" id="advocate-wait" role="status" tabindex="-1">
                    { i18n.t("advocate_wait") }
                </div>
            }
            <h1 class="heading-xl" tabindex="-1">{ i18n.t("advocate_title") }</h1>
            <p class="body">{ i18n.t("advocate_intro") }</p>
            <div class={classes!("form-group", errors.stage.then_some("form-group--error"))}>
                <fieldset class="fieldset" aria-describedby={stage_describedby}>
                    <legend class="fieldset__legend">
                        <h2 class="heading-m heading-m--legend">{ i18n.t("advocate_stage_legend") }</h2>
                    </legend>
                    <p id="stage-hint" class="hint">{ i18n.t("advocate_stage_hint") }</p>
                    if errors.stage {
                        { error_message("advocate_stage_error", "stage-error") }
                    }
                    <div class="choices">
                        { for view.stages.iter().map(|&option| {
                            let id = format!("stage-{}", option.as_str());
                            let checked = form.stage == Some(option);
                            let dispatcher = form.dispatcher();
                            let onchange = Callback::from(move |_: Event| dispatcher.dispatch(Action::Stage(option)));
                            html! {
                                <div class="choice" key={option.as_str()}>
                                    <input class="choice__input" type="radio" id={id.clone()} name="stage"
                                        value={option.as_str()} {checked} {onchange} />
                                    <label class="choice__label" for={id}>{ i18n.t(stage_key(option)) }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            </div>
            <div class={classes!("form-group", errors.area.then_some("form-group--error"))}>
                <label class="label" for="area">{ i18n.t("advocate_area_label") }</label>
                <p id="area-hint" class="hint">{ i18n.t("advocate_area_hint") }</p>
                if errors.area {
                    { error_message("advocate_area_error", "area-error") }
                }
                // Not controlled: several areas share a unit code, so setting `value` would
                // show the first of them rather than the one picked.
                <select id="area" name="area"
                    class={classes!("select", errors.area.then_some("select--error"))}
                    aria-describedby={area_describedby} onchange={onchange_area}>
                    <option value="">{ i18n.t("advocate_area_choose") }</option>
                    { for areas(&view).into_iter().map(|(name, code)| html! {
                        <option value={code}>{ name }</option>
                    }) }
                </select>
            </div>
            <div class="button-group">
                <button type="button" id="begin" class="button button--start"
                    disabled={form.sending} {onclick}>
                    { i18n.t("advocate_begin") }
                </button>
            </div>
        </div>
    }
}
