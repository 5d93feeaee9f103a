//! Who is signed in, held in a reducer and shared through a context. The session cookie is
//! HttpOnly: the app only ever knows what `GET /api/v1/staff/me` and sign-in answered.

use shared::{StaffMe, StaffRole};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Asking the server whether a session cookie is still good.
    Checking,
    SignedOut {
        /// Why, when the server ended the session (shown on the sign-in page).
        notice: Option<String>,
    },
    SignedIn(StaffMe),
}

pub enum SessionAction {
    SignedIn(StaffMe),
    SignedOut,
    /// The server answered 401 to a signed-in request: the session ran out.
    Expired,
}

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        Rc::new(match action {
            SessionAction::SignedIn(me) => Session::SignedIn(me),
            SessionAction::SignedOut => Session::SignedOut { notice: None },
            SessionAction::Expired => Session::SignedOut {
                notice: Some("Your session has ended. Sign in again to carry on.".into()),
            },
        })
    }
}

pub type SessionHandle = UseReducerHandle<Session>;

#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("session context above")
}

/// The signed-in person (pages below the sign-in gate only).
#[hook]
pub fn use_me() -> StaffMe {
    match &*use_session() {
        Session::SignedIn(me) => me.clone(),
        _ => StaffMe {
            id: 0,
            email: String::new(),
            role: StaffRole::Analyst,
            unit_code: None,
            advocacy_code: None,
            csrf_token: String::new(),
        },
    }
}

/// May this person publish "you said, we did" for the unit?
pub fn may_act_for(me: &StaffMe, code: &str) -> bool {
    match me.role {
        StaffRole::Admin => true,
        StaffRole::BcuLead => me.unit_code.as_deref() == Some(code),
        StaffRole::Advocate | StaffRole::Analyst => false,
    }
}

/// May this person open the all-units view?
pub fn sees_all_units(me: &StaffMe) -> bool {
    me.role != StaffRole::BcuLead
}

/// May this person issue invitations (links and text messages)?
pub fn may_invite(me: &StaffMe) -> bool {
    matches!(
        me.role,
        StaffRole::Admin | StaffRole::BcuLead | StaffRole::Advocate
    )
}
