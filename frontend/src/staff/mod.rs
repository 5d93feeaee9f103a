//! The staff app: a session (restored from the server after a reload), client-side routes
//! under `/staff/`, a header with the pages each role may use and a sign-out button.

mod api;
mod catalogue;
mod components;
mod hooks;
mod pages;
mod route;
mod session;

use components::{AccessDenied, NotFound, SetTitle};
use pages::{
    AccountsPage, AdminUnitsPage, AdvocatePage, AuditPage, CommentsPage, InvitePage, OutboxPage,
    SignIn, UnitDashboardPage, UnitsPage,
};
use route::{use_navigator, Link, NavigatorProvider, Route};
use session::{may_invite, sees_all_units, use_session, Session, SessionAction, SessionHandle};
use shared::{DashboardFilters, StaffMe, StaffRole};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Where each role starts.
fn home_for(me: &StaffMe) -> Route {
    match (me.role, &me.unit_code) {
        (StaffRole::BcuLead, Some(code)) => Route::Unit {
            code: code.clone(),
            filters: DashboardFilters::default(),
        },
        (StaffRole::Advocate, _) => Route::Advocate {
            filters: DashboardFilters::default(),
        },
        _ => Route::Units,
    }
}

/// Moves focus to the page's heading after a route change, so a screen reader announces it.
fn focus_heading() {
    if let Some(heading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
}

#[derive(Properties, PartialEq)]
struct HeaderProps {
    me: Option<StaffMe>,
}

#[component]
fn Header(props: &HeaderProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let route = navigator.route.clone();
    let nav = props.me.as_ref().map(|me| {
        let mut links: Vec<(Route, &str, bool)> = Vec::new();
        match me.role {
            StaffRole::BcuLead => {
                if let Some(code) = &me.unit_code {
                    let current = matches!(&route, Route::Unit { code: c, .. } | Route::Comments { code: c, .. } if c == code);
                    links.push((
                        Route::Unit {
                            code: code.clone(),
                            filters: DashboardFilters::default(),
                        },
                        "Your unit",
                        current,
                    ));
                }
            }
            _ => {
                links.push((
                    Route::Units,
                    "Unit dashboards",
                    matches!(route, Route::Units | Route::Unit { .. } | Route::Comments { .. }),
                ));
            }
        }
        if sees_all_units(me) {
            links.push((
                Route::Advocate {
                    filters: DashboardFilters::default(),
                },
                "All units",
                matches!(route, Route::Advocate { .. }),
            ));
        }
        if may_invite(me) {
            links.push((Route::Invite, "Invite", route == Route::Invite));
        }
        if me.role == StaffRole::Admin {
            links.push((Route::Accounts, "Accounts", route == Route::Accounts));
            links.push((Route::AdminUnits, "Units", route == Route::AdminUnits));
            links.push((Route::Audit, "Audit log", route == Route::Audit));
            links.push((Route::Outbox, "Text message outbox", route == Route::Outbox));
        }
        links
    });
    let onsignout = {
        let session = session.clone();
        let me = props.me.clone();
        Callback::from(move |_: MouseEvent| {
            let session = session.clone();
            let csrf = me
                .as_ref()
                .map(|m| m.csrf_token.clone())
                .unwrap_or_default();
            let navigator = navigator.clone();
            spawn_local(async move {
                // Signed out here whatever the server says: a stale session is no session.
                let _ = api::sign_out(&csrf).await;
                session.dispatch(SessionAction::SignedOut);
                navigator.replace(Route::SignIn);
            });
        })
    };
    html! {
        <header class="header">
            <div class="header__bar width-container--wide">
                <Link to={Route::Home} class={classes!("header__service")}>{ "Victim Voice " }<span class="header__tag">{ "staff" }</span></Link>
                if let Some(me) = &props.me {
                    <div class="header__account">
                        <span class="header__who" id="signed-in-as">
                            { format!("{} · {}", me.email, catalogue::role_label(me.role)) }
                            if let Some(code) = &me.unit_code { { format!(" · {code}") } }
                        </span>
                        <button type="button" class="button button--inverse button--small" id="sign-out" onclick={onsignout}>{ "Sign out" }</button>
                    </div>
                }
            </div>
            if let Some(links) = nav {
                <nav class="nav" aria-label="Staff pages">
                    <ul class="nav__list width-container--wide">
                        { for links.into_iter().map(|(to, label, current)| html! {
                            <li class={classes!("nav__item", current.then_some("nav__item--current"))}>
                                <Link {to} {current}>{ label }</Link>
                            </li>
                        }) }
                    </ul>
                </nav>
            }
        </header>
    }
}

fn page(route: &Route, me: &StaffMe) -> Html {
    match route.clone() {
        Route::Home | Route::SignIn => html! {},
        Route::Units if me.role == StaffRole::BcuLead => html! {},
        Route::Units => html! { <UnitsPage /> },
        Route::Unit { code, filters } => html! { <UnitDashboardPage code={code} {filters} /> },
        Route::Comments { code, theme, stage } => {
            html! { <CommentsPage code={code} theme={theme} {stage} /> }
        }
        Route::Advocate { filters } => html! { <AdvocatePage {filters} /> },
        Route::Accounts if me.role == StaffRole::Admin => html! { <AccountsPage /> },
        Route::AdminUnits if me.role == StaffRole::Admin => html! { <AdminUnitsPage /> },
        Route::Audit if me.role == StaffRole::Admin => html! { <AuditPage /> },
        Route::Outbox if me.role == StaffRole::Admin => html! { <OutboxPage /> },
        Route::Invite if may_invite(me) => html! { <InvitePage /> },
        Route::Accounts | Route::AdminUnits | Route::Audit | Route::Outbox | Route::Invite => {
            html! {
                <AccessDenied home={Some(home_for(me))} />
            }
        }
        Route::NotFound => html! { <NotFound /> },
    }
}

#[component]
fn Shell() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let route = navigator.route.clone();

    // Redirects: the start page (and, for a BCU lead, the unit list) lead to the role's home.
    {
        let navigator = navigator.clone();
        let signed_in = match &*session {
            Session::SignedIn(me) => Some(me.clone()),
            _ => None,
        };
        use_effect_with((route.clone(), signed_in), move |(route, me)| {
            if let Some(me) = me {
                let to_home = matches!(route, Route::Home | Route::SignIn)
                    || (*route == Route::Units && me.role == StaffRole::BcuLead);
                if to_home {
                    navigator.replace(home_for(me));
                }
            }
        });
    }
    // Focus the new page's heading after each move (not on first load).
    {
        let first = use_mut_ref(|| true);
        use_effect_with(route.clone(), move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            focus_heading();
        });
    }

    let (me, content) = match &*session {
        Session::Checking => (
            None,
            html! { <p class="body loading" role="status">{ "Loading…" }</p> },
        ),
        Session::SignedOut { .. } => {
            let onsignedin = Callback::from(|_| {});
            (None, html! { <SignIn {onsignedin} /> })
        }
        Session::SignedIn(me) => (Some(me.clone()), page(&route, me)),
    };
    html! {
        <>
            <a href="#main-content" class="skip-link">{ "Skip to main content" }</a>
            <Header me={me} />
            <div class="width-container--wide">
                <main class="main" id="main-content" tabindex="-1">
                    { content }
                </main>
            </div>
            <footer class="footer">
                <div class="width-container--wide">
                    <p class="body footer__text">{ "Every figure here has passed small-number suppression. Views and exports are recorded in the audit log." }</p>
                </div>
            </footer>
        </>
    }
}

#[component]
fn App() -> Html {
    let session: SessionHandle = use_reducer(|| Session::Checking);
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::me().await {
                    Ok(me) => session.dispatch(SessionAction::SignedIn(me)),
                    Err(_) => session.dispatch(SessionAction::SignedOut),
                }
            });
        });
    }
    html! {
        <ContextProvider<SessionHandle> context={session}>
            <NavigatorProvider>
                <SetTitle title="Staff" />
                <Shell />
            </NavigatorProvider>
        </ContextProvider<SessionHandle>>
    }
}

pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
