//! Batches: CSV text, one phone number per row in the first column (other columns are
//! ignored and never kept), an optional header row. Rows are numbered as a spreadsheet shows
//! them (the header, if any, is row 1); blank rows are skipped. A bad row is reported by its
//! number and the reason, never by its content.

use super::phone::UkMobile;
use super::MAX_BATCH_ROWS;
use crate::error::{ApiError, ApiResult};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RejectedRow {
    pub row: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchReport {
    /// Messages queued (one invitation each).
    pub queued: usize,
    /// True when quiet hours hold the messages until the morning.
    pub held_for_quiet_hours: bool,
    pub rejected: Vec<RejectedRow>,
}

#[derive(Debug)]
pub struct ParsedRows {
    pub numbers: Vec<(usize, UkMobile)>,
    pub rejected: Vec<RejectedRow>,
}

pub fn parse(csv: &str) -> ApiResult<ParsedRows> {
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let mut numbers = Vec::new();
    let mut rejected = Vec::new();
    let mut first_row_by_number: HashMap<String, usize> = HashMap::new();
    let mut seen_content = false;
    let mut rows = 0usize;
    for (index, line) in csv.lines().enumerate() {
        let row = index + 1;
        let field = first_field(line);
        if field.is_empty() {
            continue;
        }
        // A first row with no digit at all is a header such as "phone" or "Mobile number".
        let is_header = !seen_content && !field.chars().any(|c| c.is_ascii_digit());
        seen_content = true;
        if is_header {
            continue;
        }
        rows += 1;
        if rows > MAX_BATCH_ROWS {
            return Err(ApiError::field(
                "csv",
                &format!("has more than {MAX_BATCH_ROWS} rows; split it into smaller batches"),
            ));
        }
        match UkMobile::parse(field) {
            Ok(phone) => match first_row_by_number.get(phone.expose()) {
                Some(first) => rejected.push(RejectedRow {
                    row,
                    reason: format!("is the same number as row {first}; it is sent only once"),
                }),
                None => {
                    first_row_by_number.insert(phone.expose().to_string(), row);
                    numbers.push((row, phone));
                }
            },
            Err(reason) => rejected.push(RejectedRow {
                row,
                reason: format!("the phone number {reason}"),
            }),
        }
    }
    if numbers.is_empty() && rejected.is_empty() {
        return Err(ApiError::field("csv", "contains no phone numbers"));
    }
    Ok(ParsedRows { numbers, rejected })
}

/// The first column, without surrounding quotes and spaces. Numbers never contain commas,
/// so splitting on the first separator is enough for the first column.
fn first_field(line: &str) -> &str {
    let line = line.trim_end_matches('\r');
    let end = line.find([',', ';', '\t']).unwrap_or(line.len());
    line[..end].trim().trim_matches('"').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_blank_rows_extra_columns_and_bad_rows() {
        let csv = "Phone number,notes\r\n07700 900001,x\r\n\r\n\"+44 7700 900002\"\r\n020 7946 0000\r\nnot a number\r\n07700900001\r\n0770090\r\n";
        let parsed = parse(csv).unwrap();
        let good: Vec<(usize, &str)> = parsed
            .numbers
            .iter()
            .map(|(row, phone)| (*row, phone.expose()))
            .collect();
        assert_eq!(good, vec![(2, "+447700900001"), (4, "+447700900002")]);
        let rows: Vec<usize> = parsed.rejected.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![5, 6, 7, 8]);
        assert!(parsed.rejected[0].reason.contains("landline"));
        assert!(parsed.rejected[1].reason.contains("letters"));
        assert!(parsed.rejected[2].reason.contains("same number as row 2"));
        assert!(parsed.rejected[3].reason.contains("too short"));
        for rejected in &parsed.rejected {
            assert!(!rejected.reason.contains("7946"), "{}", rejected.reason);
            assert!(!rejected.reason.contains("0770090"), "{}", rejected.reason);
        }
    }

    #[test]
    fn without_a_header_the_first_row_is_a_number() {
        let parsed = parse("07700900003\n07700900004").unwrap();
        assert_eq!(parsed.numbers.len(), 2);
        assert_eq!(parsed.numbers[0].0, 1);
    }

    #[test]
    fn empty_and_oversized_batches_are_refused() {
        assert!(parse("").is_err());
        assert!(parse("phone\n\n").is_err());
        let big: String = (0..=MAX_BATCH_ROWS)
            .map(|i| format!("07700{:06}\n", i))
            .collect();
        assert!(parse(&big).is_err());
    }
}
