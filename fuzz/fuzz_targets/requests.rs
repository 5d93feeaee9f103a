//! Fuzzes every other request body and query the API parses, on arbitrary bytes:
//! `cargo +nightly fuzz run requests` (or `scripts/fuzz.sh`). The first byte picks the type,
//! the rest is the body: sign-in, advocate session, and the staff requests (accounts, units,
//! actions, invitations, CSV batches, theme corrections) through the strict JSON parse and their validator rules
//! as `ValidatedJson` runs them; dashboard filters as a query string as `ValidatedQuery` reads
//! it. Only "no panic, and a refusal names a field" is checked: these types have no survey to
//! compare with.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::{
    AdvocateSessionRequest, CommentThemesUpdate, DashboardFilters, LoginRequest, NewAction,
    NewStaffUser, NewUnit, StaffBatchRequest, StaffInvitationRequest, UpdateStaffUser,
};
use validator::Validate;
use victim_voice_fuzz::accept_like_the_server;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    match which % 10 {
        0 => drop(accept_like_the_server::<LoginRequest>(body)),
        1 => drop(accept_like_the_server::<AdvocateSessionRequest>(body)),
        2 => drop(accept_like_the_server::<NewStaffUser>(body)),
        3 => drop(accept_like_the_server::<UpdateStaffUser>(body)),
        4 => drop(accept_like_the_server::<NewUnit>(body)),
        5 => drop(accept_like_the_server::<NewAction>(body)),
        6 => drop(accept_like_the_server::<StaffInvitationRequest>(body)),
        7 => drop(accept_like_the_server::<StaffBatchRequest>(body)),
        8 => drop(accept_like_the_server::<CommentThemesUpdate>(body)),
        _ => {
            let pairs = form_urlencoded::parse(body);
            let parsed: Result<DashboardFilters, _> =
                serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs));
            if let Ok(filters) = parsed {
                if filters.validate().is_ok() {
                    for month in [&filters.from, &filters.to].into_iter().flatten() {
                        assert!(shared::staff::parse_month(month).is_some());
                    }
                }
            }
        }
    }
});
