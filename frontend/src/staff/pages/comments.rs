//! Redacted comments for one theme in one unit and stage, only where enough people wrote for
//! no one to be recognised; otherwise a plain refusal. Each comment shows its themes, and
//! those allowed can correct them (`components::comment`).

use crate::staff::api;
use crate::staff::catalogue::{stage_label, theme_label};
use crate::staff::components::{may_correct_themes, CommentCard, Loading, PageError, SetTitle};
use crate::staff::hooks::{use_load, Load};
use crate::staff::route::{Link, Route};
use shared::{DashboardFilters, StaffRole, Stage, ThemeComments};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CommentsProps {
    pub code: AttrValue,
    pub theme: AttrValue,
    pub stage: Option<Stage>,
}

fn stage_links(code: &str, theme: &str, current: Option<Stage>) -> Html {
    html! {
        <nav class="stage-links" aria-label="Stages">
            <ul class="inline-list">
                { for Stage::ALL.iter().map(|stage| {
                    let to = Route::Comments { code: code.to_string(), theme: theme.to_string(), stage: Some(*stage) };
                    html! { <li><Link {to} current={current == Some(*stage)}>{ stage_label(*stage) }</Link></li> }
                }) }
            </ul>
        </nav>
    }
}

#[component]
pub fn CommentsPage(props: &CommentsProps) -> Html {
    let me = crate::staff::session::use_me();
    let code = props.code.to_string();
    let theme = props.theme.to_string();
    let label = theme_label(&theme);
    let data = use_load(
        (code.clone(), theme.clone(), props.stage),
        |(code, theme, stage)| async move {
            match stage {
                Some(stage) => api::comments(&code, &theme, stage).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let back = Route::Unit {
        code: code.clone(),
        filters: DashboardFilters {
            stage: props.stage,
            ..Default::default()
        },
    };
    let home = (me.role == StaffRole::BcuLead)
        .then(|| me.unit_code.clone())
        .flatten()
        .map(|code| Route::Unit {
            code,
            filters: DashboardFilters::default(),
        });
    let may_correct = may_correct_themes(&me, &code);
    let title = match props.stage {
        Some(stage) => format!(
            "Comments about “{label}” at {} stage",
            stage_label(stage).to_lowercase()
        ),
        None => format!("Comments about “{label}”"),
    };
    if let Load::Failed(error) = &*data {
        return html! { <PageError error={error.clone()} what="unit" {home} /> };
    }
    html! {
        <>
            <SetTitle title={title.clone()} />
            <p class="body"><Link to={back} class={classes!("back-link")}>{ format!("Back to the {code} dashboard") }</Link></p>
            <span class="caption">{ format!("Unit {code}") }</span>
            <h1 class="heading-l" tabindex="-1" id="comments-heading">{ title }</h1>
            <p class="body">{ "Comments are shown as victims wrote them, after names, numbers, addresses, dates and other details that could identify someone were removed." }</p>
            <p class="body">{ "Themes are given automatically. A theme set by a member of staff is marked “Corrected by staff”." }
                if may_correct {
                    { " If a comment's themes are wrong, change them: the dashboard counts follow, and later comments with similar wording are tagged the way you set." }
                }
            </p>
            if props.stage.is_none() {
                <p class="body">{ "Choose a stage to read its comments:" }</p>
            }
            { stage_links(&code, &theme, props.stage) }
            { match &*data {
                Load::Loading => html! { <Loading /> },
                Load::Failed(_) => Html::default(),
                Load::Ready(loaded) => match loaded.as_ref() {
                    None => Html::default(),
                    Some(comments) => match comments {
                    ThemeComments::Shown { comments } if comments.is_empty() => html! {
                        <p class="body" id="no-comments">{ "There are no comments about this theme at this stage." }</p>
                    },
                    ThemeComments::Shown { comments } => html! {
                        <ul class="comment-list" id="comments">
                            { for comments.iter().enumerate().map(|(i, c)| html! {
                                <CommentCard key={c.id.clone()} comment={c.clone()} number={i + 1} {may_correct} />
                            }) }
                        </ul>
                    },
                    ThemeComments::TooFewToShow => html! {
                        <div class="inset" id="too-few">
                            <p class="body"><strong>{ "Too few comments to show." }</strong></p>
                            <p class="body">{ "Not enough people wrote about this theme at this stage for their words to be shown without risk of someone being recognised. The counts on the dashboard still include them." }</p>
                        </div>
                    },
                    },
                },
            } }
        </>
    }
}
