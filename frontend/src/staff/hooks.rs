//! Loading data for a page: one request per change of its inputs, answers arriving out of
//! order ignored, and a 401 ending the session (the sign-in page then shows).

use crate::staff::api::{ApiError, ApiResult};
use crate::staff::session::{use_session, SessionAction};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(Rc<T>),
    Failed(ApiError),
}

/// Runs `fetch(deps)` whenever `deps` changes; include a counter in `deps` to reload.
#[hook]
pub fn use_load<T, D, F, Fut>(deps: D, fetch: F) -> UseStateHandle<Load<T>>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(D) -> Fut + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let generation = use_mut_ref(|| 0u64);
    let session = use_session();
    {
        let state = state.clone();
        use_effect_with(deps, move |deps| {
            let this = {
                let mut generation = generation.borrow_mut();
                *generation += 1;
                *generation
            };
            if !matches!(*state, Load::Loading) {
                state.set(Load::Loading);
            }
            let request = fetch(deps.clone());
            spawn_local(async move {
                let result = request.await;
                if *generation.borrow() != this {
                    return;
                }
                match result {
                    Ok(value) => state.set(Load::Ready(Rc::new(value))),
                    Err(error) => {
                        if error.status() == Some(401) {
                            session.dispatch(SessionAction::Expired);
                        }
                        state.set(Load::Failed(error));
                    }
                }
            });
        });
    }
    state
}

/// The 401 rule for actions (form posts): the session ran out.
pub fn expire_on_401(session: &crate::staff::session::SessionHandle, error: &ApiError) {
    if error.status() == Some(401) {
        session.dispatch(SessionAction::Expired);
    }
}
