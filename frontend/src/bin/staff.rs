//! The staff pages (`/staff/`): sign-in, unit and all-units dashboards, "you said, we did",
//! exports and administration. A second Yew app, built by Trunk from `staff.html` into
//! `dist/staff/`, so none of this code reaches the victim survey bundle.

#[path = "../staff/mod.rs"]
mod staff;

fn main() {
    staff::start();
}
