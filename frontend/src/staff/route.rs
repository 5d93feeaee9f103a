//! The staff app's addresses (all under `/staff/`), parsed from and written to the location
//! bar, and a context to move between them with real history entries (staff pages, unlike the
//! victim's, may keep history).

use shared::{Channel, DashboardFilters, Stage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub const BASE: &str = "/staff";

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// `/staff/`: where each role starts.
    Home,
    SignIn,
    /// `/staff/units`: pick a unit's dashboard.
    Units,
    /// `/staff/units/{code}?stage=&from=&to=&channel=`
    Unit {
        code: String,
        filters: DashboardFilters,
    },
    /// `/staff/units/{code}/comments?theme=&stage=`
    Comments {
        code: String,
        theme: String,
        stage: Option<Stage>,
    },
    /// `/staff/advocate?...`: every unit together.
    Advocate {
        filters: DashboardFilters,
    },
    /// `/staff/admin/accounts`
    Accounts,
    /// `/staff/admin/units`
    AdminUnits,
    /// `/staff/admin/audit`
    Audit,
    /// `/staff/invite`: issue invitations (links, text messages, a CSV of numbers).
    Invite,
    /// `/staff/admin/outbox`: the text-message queue and offline outbox.
    Outbox,
    NotFound,
}

fn decode(value: &str) -> String {
    let value = value.replace('+', " ");
    js_sys::decode_uri_component(&value)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or(value)
}

fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => (decode(key), decode(value)),
            None => (decode(part), String::new()),
        })
        .collect()
}

fn query_value(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.clone())
}

/// Filters from a query string; values that name nothing are dropped (the filter form shows
/// what is really applied).
pub fn filters_from_query(query: &str) -> DashboardFilters {
    let pairs = query_pairs(query);
    let month =
        |key: &str| query_value(&pairs, key).filter(|m| shared::staff::parse_month(m).is_some());
    DashboardFilters {
        stage: query_value(&pairs, "stage").and_then(|s| s.parse::<Stage>().ok()),
        from: month("from"),
        to: month("to"),
        channel: query_value(&pairs, "channel").and_then(|c| c.parse::<Channel>().ok()),
    }
}

fn code_ok(code: &str) -> bool {
    (1..=16).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Route {
    pub fn parse(path: &str, query: &str) -> Route {
        let rest = path.strip_prefix(BASE).unwrap_or(path);
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["sign-in"] => Route::SignIn,
            ["units"] => Route::Units,
            ["units", code] if code_ok(code) => Route::Unit {
                code: code.to_string(),
                filters: filters_from_query(query),
            },
            ["units", code, "comments"] if code_ok(code) => {
                let pairs = query_pairs(query);
                Route::Comments {
                    code: code.to_string(),
                    theme: query_value(&pairs, "theme").unwrap_or_default(),
                    stage: query_value(&pairs, "stage").and_then(|s| s.parse().ok()),
                }
            }
            ["advocate"] => Route::Advocate {
                filters: filters_from_query(query),
            },
            ["admin", "accounts"] => Route::Accounts,
            ["admin", "units"] => Route::AdminUnits,
            ["admin", "audit"] => Route::Audit,
            ["invite"] => Route::Invite,
            ["admin", "outbox"] => Route::Outbox,
            _ => Route::NotFound,
        }
    }

    /// The address, with its query.
    pub fn href(&self) -> String {
        use super::api::{encode, filter_query, with_query};
        match self {
            Route::Home | Route::NotFound => format!("{BASE}/"),
            Route::SignIn => format!("{BASE}/sign-in"),
            Route::Units => format!("{BASE}/units"),
            Route::Unit { code, filters } => with_query(
                &format!("{BASE}/units/{}", encode(code)),
                &filter_query(filters),
            ),
            Route::Comments { code, theme, stage } => {
                let mut query = format!("theme={}", encode(theme));
                if let Some(stage) = stage {
                    query.push_str(&format!("&stage={}", stage.as_str()));
                }
                format!("{BASE}/units/{}/comments?{query}", encode(code))
            }
            Route::Advocate { filters } => {
                with_query(&format!("{BASE}/advocate"), &filter_query(filters))
            }
            Route::Accounts => format!("{BASE}/admin/accounts"),
            Route::AdminUnits => format!("{BASE}/admin/units"),
            Route::Audit => format!("{BASE}/admin/audit"),
            Route::Invite => format!("{BASE}/invite"),
            Route::Outbox => format!("{BASE}/admin/outbox"),
        }
    }

    /// The route the location bar shows now.
    pub fn current() -> Route {
        let location = web_sys::window().map(|w| w.location());
        let path = location
            .as_ref()
            .and_then(|l| l.pathname().ok())
            .unwrap_or_default();
        let query = location
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        Route::parse(&path, &query)
    }
}

/// The current route and a way to go elsewhere.
#[derive(Clone)]
pub struct Navigator {
    pub route: Route,
    go: Callback<(Route, bool)>,
}

impl PartialEq for Navigator {
    fn eq(&self, other: &Self) -> bool {
        self.route == other.route
    }
}

impl Navigator {
    /// A new history entry.
    pub fn push(&self, route: Route) {
        self.go.emit((route, false));
    }

    /// Replaces the current entry (redirects).
    pub fn replace(&self, route: Route) {
        self.go.emit((route, true));
    }
}

#[hook]
pub fn use_navigator() -> Navigator {
    use_context::<Navigator>().expect("NavigatorProvider above")
}

#[derive(Properties, PartialEq)]
pub struct NavigatorProviderProps {
    pub children: Html,
}

/// Keeps the route in step with the location bar (links, back and forward).
#[component]
pub fn NavigatorProvider(props: &NavigatorProviderProps) -> Html {
    let route = use_state(Route::current);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| {
                route.set(Route::current());
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "popstate",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "popstate",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let go = {
        let route = route.clone();
        Callback::from(move |(next, replace): (Route, bool)| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let href = next.href();
                let _ = if replace {
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
                } else {
                    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
                };
            }
            if !replace {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            route.set(next);
        })
    };
    let navigator = Navigator {
        route: (*route).clone(),
        go,
    };
    html! {
        <ContextProvider<Navigator> context={navigator}>
            { props.children.clone() }
        </ContextProvider<Navigator>>
    }
}

/// A link to a route that moves without reloading the page (and still works as a link:
/// middle-click, copy address).
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    pub children: Html,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub current: bool,
}

#[component]
pub fn Link(props: &LinkProps) -> Html {
    let navigator = use_navigator();
    let to = props.to.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
            return;
        }
        event.prevent_default();
        navigator.push(to.clone());
    });
    let aria_current = props.current.then_some(AttrValue::Static("page"));
    html! {
        <a href={props.to.href()} class={props.class.clone()} id={props.id.clone()}
            aria-current={aria_current} {onclick}>
            { props.children.clone() }
        </a>
    }
}
