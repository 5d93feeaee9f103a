//! UK mobile numbers: parsed from the forms people type, normalised to `+447xxxxxxxxx`, and
//! never printed. `Debug` and `Display` show `[redacted mobile]`; only the sender reads the
//! number, through [`UkMobile::expose`], to hand it to the SMS provider or to seal it.
//! Error messages describe the problem, never the number.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UkMobile(String);

impl fmt::Debug for UkMobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UkMobile([redacted])")
    }
}

impl fmt::Display for UkMobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted mobile]")
    }
}

const NOT_MOBILE: &str = "is not a UK mobile number (UK mobiles start 07 or +44 7)";

impl UkMobile {
    /// Accepts `07700 900123`, `07700-900-123`, `(07700) 900123`, `+44 7700 900123`,
    /// `+44 (0)7700 900123`, `0044 7700 900123` and `447700900123`.
    pub fn parse(input: &str) -> Result<Self, String> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err("is empty".to_string());
        }
        let mut digits = String::with_capacity(trimmed.len());
        let mut plus = false;
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '(' | ')' | '.' | '\u{a0}' | '\t' => {}
                '+' if i == 0 => plus = true,
                c if c.is_alphabetic() => {
                    return Err("contains letters; a phone number has only digits".to_string())
                }
                _ => {
                    return Err(
                        "contains characters that are not part of a phone number".to_string()
                    )
                }
            }
        }
        // The part after the country code or the trunk 0: a mobile's is 10 digits starting 7.
        let national = if plus {
            match digits.strip_prefix("44") {
                Some(rest) => rest.strip_prefix('0').unwrap_or(rest),
                None => return Err("is not a UK number (only +44 numbers can be used)".into()),
            }
        } else if let Some(rest) = digits.strip_prefix("0044") {
            rest.strip_prefix('0').unwrap_or(rest)
        } else if digits.starts_with("00") {
            return Err("is not a UK number (only +44 numbers can be used)".into());
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else if digits.len() == 12 && digits.starts_with("447") {
            &digits[2..]
        } else if digits.len() == 10 && digits.starts_with('7') {
            &digits
        } else if digits.len() < 10 {
            return Err("is too short for a UK mobile number (07 and 9 more digits)".into());
        } else {
            return Err(NOT_MOBILE.into());
        };
        if !national.starts_with('7') {
            return Err(
                if matches!(national.chars().next(), Some('1' | '2' | '3')) {
                    "looks like a landline; text messages need a UK mobile number (07...)"
                        .to_string()
                } else {
                    NOT_MOBILE.to_string()
                },
            );
        }
        match national.len() {
            n if n < 10 => {
                return Err("is too short for a UK mobile number (07 and 9 more digits)".into())
            }
            n if n > 10 => {
                return Err("is too long for a UK mobile number (07 and 9 more digits)".into())
            }
            _ => {}
        }
        // 070 is personal numbering and 076 is pagers (except 07624, Isle of Man mobiles).
        if national.starts_with("70")
            || (national.starts_with("76") && !national.starts_with("7624"))
        {
            return Err(
                "is not a mobile number (070 and 076 numbers cannot receive these messages)".into(),
            );
        }
        Ok(Self(format!("+44{national}")))
    }

    /// The normalised number, `+447xxxxxxxxx`. Only for the SMS provider and the sealed queue.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The last three digits, e.g. `07*** ***123`, for an admin checking the offline outbox.
    pub fn hint(&self) -> String {
        format!("07*** ***{}", &self.0[self.0.len() - 3..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms_normalise_to_e164() {
        for input in [
            "07700900123",
            "07700 900123",
            "07700 900 123",
            "07700-900-123",
            "(07700) 900123",
            "+447700900123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "+44 (0) 7700-900-123",
            "0044 7700 900123",
            "00447700900123",
            "447700900123",
            "7700900123",
            " 07700.900.123 ",
        ] {
            let parsed = UkMobile::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(parsed.expose(), "+447700900123", "{input}");
        }
        assert_eq!(
            UkMobile::parse("07624 123456").unwrap().expose(),
            "+447624123456"
        );
    }

    #[test]
    fn bad_numbers_get_clear_reasons_without_the_number() {
        let cases = [
            ("", "empty"),
            ("020 7946 0123", "landline"),
            ("01632 960123", "landline"),
            ("+44 20 7946 0123", "landline"),
            ("0800 123 4567", "not a UK mobile"),
            ("07700 90012", "too short"),
            ("0770", "too short"),
            ("07700 9001234", "too long"),
            ("077OO 900123", "letters"),
            ("call me", "letters"),
            ("+33 6 12 34 56 78", "not a UK number"),
            ("0033 612345678", "not a UK number"),
            ("07700#900123", "characters"),
            ("07012 345678", "not a mobile"),
            ("07612 345678", "not a mobile"),
        ];
        for (input, expected) in cases {
            let error = UkMobile::parse(input).expect_err(input);
            assert!(error.contains(expected), "{input}: {error}");
            let digits: String = input.chars().filter(char::is_ascii_digit).collect();
            if digits.len() > 3 {
                assert!(!error.contains(&digits), "{error}");
            }
        }
    }

    #[test]
    fn debug_and_display_never_show_the_number() {
        let mobile = UkMobile::parse("07700 900123").unwrap();
        for shown in [
            format!("{mobile:?}"),
            format!("{mobile}"),
            format!("{:#?}", Some(&mobile)),
        ] {
            assert!(!shown.contains("900123"), "{shown}");
            assert!(!shown.contains("7700"), "{shown}");
        }
        assert_eq!(mobile.hint(), "07*** ***123");
    }
}
