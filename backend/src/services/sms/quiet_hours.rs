//! Quiet hours in London time: nothing is sent between, by default, 20:00 and 08:00. London
//! is on GMT (UTC+0) in winter and BST (UTC+1) from 01:00 UTC on the last Sunday of March to
//! 01:00 UTC on the last Sunday of October (the EU/UK rule since 1996), computed here so the
//! backend needs no time-zone database.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// London wall-clock time the quiet period starts (inclusive).
    pub start: Time,
    /// London wall-clock time it ends (exclusive): sending resumes then.
    pub end: Time,
}

impl QuietHours {
    /// `"20:00-08:00"`; an empty text turns quiet hours off (`Ok(None)`).
    pub fn parse(text: &str) -> Result<Option<Self>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let (start, end) = text
            .split_once('-')
            .ok_or_else(|| format!("quiet hours '{text}' should look like 20:00-08:00"))?;
        let start = parse_hhmm(start.trim())?;
        let end = parse_hhmm(end.trim())?;
        if start == end {
            return Err("quiet hours must start and end at different times".into());
        }
        Ok(Some(Self { start, end }))
    }

    pub fn default_london() -> Self {
        Self {
            start: Time::from_hms(20, 0, 0).expect("valid"),
            end: Time::from_hms(8, 0, 0).expect("valid"),
        }
    }

    /// True when `now` falls inside the quiet period, in London time.
    pub fn contains(&self, now: OffsetDateTime) -> bool {
        let local = to_london(now).time();
        if self.start < self.end {
            local >= self.start && local < self.end
        } else {
            local >= self.start || local < self.end
        }
    }

    /// `now` if sending is allowed now, otherwise the first instant the quiet period ends.
    pub fn next_allowed(&self, now: OffsetDateTime) -> OffsetDateTime {
        if !self.contains(now) {
            return now;
        }
        let local = to_london(now);
        // Past the start in the evening of a period that crosses midnight: it ends tomorrow.
        let end_date = if self.start > self.end && local.time() >= self.start {
            local.date() + Duration::days(1)
        } else {
            local.date()
        };
        from_london(PrimitiveDateTime::new(end_date, self.end))
    }
}

impl std::fmt::Display for QuietHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start.hour(),
            self.start.minute(),
            self.end.hour(),
            self.end.minute()
        )
    }
}

fn parse_hhmm(text: &str) -> Result<Time, String> {
    let bad = || format!("'{text}' is not a time like 08:00");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let h: u8 = h.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    Time::from_hms(h, m, 0).map_err(|_| bad())
}

fn last_sunday(year: i32, month: Month) -> Date {
    let last = Date::from_calendar_date(year, month, 31).expect("March and October have 31 days");
    last - Duration::days(i64::from(last.weekday().number_days_from_sunday()))
}

/// London's offset from UTC at an instant: +1 during British Summer Time.
pub fn london_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let one_am = Time::from_hms(1, 0, 0).expect("valid");
    let bst_start =
        PrimitiveDateTime::new(last_sunday(utc.year(), Month::March), one_am).assume_utc();
    let bst_end =
        PrimitiveDateTime::new(last_sunday(utc.year(), Month::October), one_am).assume_utc();
    debug_assert_eq!(bst_start.weekday(), Weekday::Sunday);
    if utc >= bst_start && utc < bst_end {
        UtcOffset::from_hms(1, 0, 0).expect("valid")
    } else {
        UtcOffset::UTC
    }
}

pub fn to_london(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(london_offset(at))
}

/// The instant a London wall-clock time happens. In the spring gap (01:00-02:00 does not
/// exist) it gives the instant one hour later on the clock; in the autumn overlap, the first.
pub fn from_london(local: PrimitiveDateTime) -> OffsetDateTime {
    for offset in [UtcOffset::from_hms(1, 0, 0).expect("valid"), UtcOffset::UTC] {
        let candidate = local.assume_offset(offset);
        if london_offset(candidate) == offset {
            return candidate.to_offset(UtcOffset::UTC);
        }
    }
    local.assume_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn hours() -> QuietHours {
        QuietHours::parse("20:00-08:00").unwrap().unwrap()
    }

    #[test]
    fn parses_and_turns_off() {
        assert_eq!(hours(), QuietHours::default_london());
        assert_eq!(hours().to_string(), "20:00-08:00");
        assert_eq!(QuietHours::parse("").unwrap(), None);
        assert_eq!(QuietHours::parse("  ").unwrap(), None);
        for bad in [
            "20-08",
            "25:00-08:00",
            "20:00",
            "08:00-08:00",
            "ab:cd-08:00",
        ] {
            assert!(QuietHours::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn london_offset_follows_the_last_sundays_of_march_and_october() {
        // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            london_offset(datetime!(2026-03-29 00:59 UTC)).whole_hours(),
            0
        );
        assert_eq!(
            london_offset(datetime!(2026-03-29 01:00 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            london_offset(datetime!(2026-07-01 12:00 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            london_offset(datetime!(2026-10-25 00:59 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            london_offset(datetime!(2026-10-25 01:00 UTC)).whole_hours(),
            0
        );
        assert_eq!(
            london_offset(datetime!(2026-12-25 12:00 UTC)).whole_hours(),
            0
        );
        // 2027: 28 March and 31 October (the 31st itself is the last Sunday).
        assert_eq!(
            london_offset(datetime!(2027-03-28 01:00 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            london_offset(datetime!(2027-10-31 00:30 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            london_offset(datetime!(2027-10-31 01:00 UTC)).whole_hours(),
            0
        );
    }

    #[test]
    fn quiet_in_winter_uses_gmt() {
        let q = hours();
        assert!(!q.contains(datetime!(2026-12-01 19:59 UTC)));
        assert!(q.contains(datetime!(2026-12-01 20:00 UTC)));
        assert!(q.contains(datetime!(2026-12-02 07:59 UTC)));
        assert!(!q.contains(datetime!(2026-12-02 08:00 UTC)));
        assert_eq!(
            q.next_allowed(datetime!(2026-12-01 21:30 UTC)),
            datetime!(2026-12-02 08:00 UTC)
        );
        assert_eq!(
            q.next_allowed(datetime!(2026-12-02 03:00 UTC)),
            datetime!(2026-12-02 08:00 UTC)
        );
        let noon = datetime!(2026-12-02 12:00 UTC);
        assert_eq!(q.next_allowed(noon), noon);
    }

    #[test]
    fn quiet_in_summer_uses_bst() {
        let q = hours();
        // 19:30 UTC is 20:30 in London in July: quiet. 07:30 UTC is 08:30 BST: allowed.
        assert!(q.contains(datetime!(2026-07-01 19:30 UTC)));
        assert!(!q.contains(datetime!(2026-07-02 07:30 UTC)));
        assert!(q.contains(datetime!(2026-07-02 06:59 UTC)));
        assert_eq!(
            q.next_allowed(datetime!(2026-07-01 19:30 UTC)),
            datetime!(2026-07-02 07:00 UTC)
        );
    }

    #[test]
    fn quiet_across_the_clock_changes() {
        let q = hours();
        // Saturday 28 March 2026 21:00 GMT: the night the clocks go forward; the morning
        // of Sunday the 29th is BST, so 08:00 London is 07:00 UTC.
        assert_eq!(
            q.next_allowed(datetime!(2026-03-28 21:00 UTC)),
            datetime!(2026-03-29 07:00 UTC)
        );
        // Saturday 24 October 2026 20:30 BST (19:30 UTC): the clocks go back overnight, so
        // 08:00 London on Sunday is 08:00 UTC.
        assert_eq!(
            q.next_allowed(datetime!(2026-10-24 19:30 UTC)),
            datetime!(2026-10-25 08:00 UTC)
        );
    }

    #[test]
    fn daytime_quiet_hours_work_too() {
        let q = QuietHours::parse("12:00-13:30").unwrap().unwrap();
        assert!(!q.contains(datetime!(2026-12-01 11:59 UTC)));
        assert!(q.contains(datetime!(2026-12-01 12:00 UTC)));
        assert_eq!(
            q.next_allowed(datetime!(2026-12-01 12:10 UTC)),
            datetime!(2026-12-01 13:30 UTC)
        );
    }

    #[test]
    fn wall_clock_gaps_and_overlaps() {
        use time::macros::{date, time};
        let gap = PrimitiveDateTime::new(date!(2026 - 03 - 29), time!(01:30));
        assert_eq!(from_london(gap), datetime!(2026-03-29 01:30 UTC));
        let overlap = PrimitiveDateTime::new(date!(2026 - 10 - 25), time!(01:30));
        assert_eq!(from_london(overlap), datetime!(2026-10-25 00:30 UTC));
    }
}
