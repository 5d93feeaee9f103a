//! Responses record the week they arrived (its Monday), never the time: coarse enough not to
//! line up with an invitation being used.

use time::{Date, Duration, OffsetDateTime};

pub fn monday_of(date: Date) -> Date {
    date - Duration::days(date.weekday().number_days_from_monday() as i64)
}

pub fn week_label(date: Date) -> String {
    let monday = monday_of(date);
    format!(
        "{:04}-{:02}-{:02}",
        monday.year(),
        monday.month() as u8,
        monday.day()
    )
}

pub fn current_week() -> String {
    week_label(OffsetDateTime::now_utc().date())
}

pub fn now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    #[test]
    fn weeks_start_on_monday() {
        let friday = Date::from_calendar_date(2026, Month::November, 27).unwrap();
        assert_eq!(week_label(friday), "2026-11-23");
        let monday = Date::from_calendar_date(2026, Month::November, 23).unwrap();
        assert_eq!(week_label(monday), "2026-11-23");
        let sunday = Date::from_calendar_date(2027, Month::January, 3).unwrap();
        assert_eq!(week_label(sunday), "2026-12-28");
    }
}
