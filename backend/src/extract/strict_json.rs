//! The rules every JSON body meets, free of axum and the database so that the fuzzer
//! (`fuzz/fuzz_targets/submission.rs`, `requests.rs`) compiles this very file.
//!
//! Not JSON at all (bad syntax, not UTF-8, nested deeper than serde_json's limit of 128,
//! trailing bytes) is a refusal of the whole body. Well-formed JSON that does not fit is a
//! refusal of one field, named by its path (`answers.overall`): a wrong type, a missing or
//! unknown field, a key given twice, or a NUL character.

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The body as a whole is not JSON.
    Syntax(String),
    /// The JSON does not fit: the field path and what is wrong with it.
    Field { field: String, message: String },
}

/// Parses a body into `T`, or says why not.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Refusal> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(value) => value,
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            return Err(if inner.is_data() {
                let message = inner.to_string();
                Refusal::Field {
                    field: field_of(&path, &message),
                    message,
                }
            } else {
                not_json(inner)
            });
        }
    };
    deserializer.end().map_err(not_json)?;
    refuse_repeated_keys_and_nul(bytes)?;
    Ok(value)
}

fn not_json(error: serde_json::Error) -> Refusal {
    Refusal::Syntax(format!("the body is not valid JSON: {error}"))
}

/// The field a serde data error is about: its path, or for a missing or repeated struct
/// field (reported at the parent) the parent's path plus the field's name.
pub fn field_of(path: &str, message: &str) -> String {
    let named = ["missing field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    // An empty key (`{"": 1}`) gives an empty path: the body is the nearest thing to name.
    match (path, named) {
        ("." | "", Some(name)) => name.to_string(),
        ("." | "", None) => "body".to_string(),
        (parent, Some(name)) => format!("{parent}.{name}"),
        (path, None) => path.to_string(),
    }
}

/// Typed parsing lets both through: a map (the answers) keeps the last of two equal keys,
/// silently, where another reader of the same bytes might keep the first; and PostgreSQL
/// cannot store NUL in text while SQLite can, so one input would get a 201 on one database
/// and a 500 on the other. Both are refused here, before anything is stored, on the path
/// where they are.
fn refuse_repeated_keys_and_nul(bytes: &[u8]) -> Result<(), Refusal> {
    let mut path = Vec::new();
    let mut found = None;
    let walk = Walk {
        path: &mut path,
        found: &mut found,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match walk.deserialize(&mut deserializer) {
        Ok(()) => Ok(()),
        Err(error) => Err(found.unwrap_or_else(|| not_json(error))),
    }
}

enum Segment {
    Key(String),
    Index(usize),
}

/// A path written as serde_path_to_error writes it: `answers.why[0]`.
fn path_text(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    if text.is_empty() {
        "body".to_string()
    } else {
        text
    }
}

pub const NUL_MESSAGE: &str = "must not contain a NUL character (\\u0000)";

struct Walk<'a> {
    path: &'a mut Vec<Segment>,
    found: &'a mut Option<Refusal>,
}

impl Walk<'_> {
    fn child(&mut self) -> Walk<'_> {
        Walk {
            path: &mut *self.path,
            found: &mut *self.found,
        }
    }

    fn refuse<E: de::Error>(&mut self, message: &str) -> E {
        *self.found = Some(Refusal::Field {
            field: path_text(self.path),
            message: message.to_string(),
        });
        E::custom(message)
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(mut self, text: &str) -> Result<(), E> {
        if text.contains('\0') {
            return Err(self.refuse(NUL_MESSAGE));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.path.push(Segment::Index(index));
            let more = seq.next_element_seed(self.child())?;
            self.path.pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(Segment::Key(key.clone()));
            if key.contains('\0') {
                return Err(self.refuse(NUL_MESSAGE));
            }
            if !seen.insert(key) {
                return Err(self.refuse("is given more than once"));
            }
            map.next_value_seed(self.child())?;
            self.path.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn field(result: Result<serde_json::Value, Refusal>) -> String {
        match result {
            Err(Refusal::Field { field, .. }) => field,
            other => panic!("expected a field refusal, got {other:?}"),
        }
    }

    #[test]
    fn repeated_keys_are_refused_where_they_are() {
        let body = br#"{"a": {"x": 1, "x": 2}}"#;
        assert_eq!(field(parse(body)), "a.x");
        // A map type would otherwise keep the last one without a word.
        assert!(serde_json::from_slice::<BTreeMap<String, BTreeMap<String, u8>>>(body).is_ok());
        assert_eq!(
            field(parse(br#"{"list": [{"k": 1}, {"k": 1, "k": 1}]}"#)),
            "list[1].k"
        );
    }

    #[test]
    fn nul_in_a_string_or_a_key_is_refused_where_it_is() {
        assert_eq!(field(parse(br#"{"a": ["ok", "x\u0000y"]}"#)), "a[1]");
        assert_eq!(field(parse(br#"{"a\u0000b": 1}"#)), "a\0b");
        assert_eq!(field(parse(br#""\u0000""#)), "body");
        // Other control characters are text like any other.
        assert!(parse::<serde_json::Value>(br#"{"a": "\u0007\u001b\t"}"#).is_ok());
    }

    #[test]
    fn syntax_and_depth_are_refusals_of_the_whole_body() {
        for body in [
            &b"{"[..],
            b"\xff\xfe{}",
            b"{} x",
            br#""\ud800""#,
            "[".repeat(100_000).as_bytes(),
        ] {
            assert!(
                matches!(parse::<serde_json::Value>(body), Err(Refusal::Syntax(_))),
                "{}",
                String::from_utf8_lossy(&body[..body.len().min(20)])
            );
        }
    }

    #[test]
    fn a_missing_or_repeated_struct_field_is_named() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Body {
            inner: Inner,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            n: u8,
        }
        let refusal = |body: &[u8]| match parse::<Body>(body) {
            Err(Refusal::Field { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(refusal(br#"{"inner": {}}"#), "inner.n");
        assert_eq!(refusal(br#"{"inner": {"n": 1, "n": 2}}"#), "inner.n");
        assert_eq!(refusal(br#"{"inner": {"n": 300}}"#), "inner.n");
        assert_eq!(refusal(br#"{}"#), "inner");
        // Found by the fuzzer: an unknown empty key left the field unnamed.
        assert_eq!(refusal(br#"{"inner": {"n": 1}, "": 1}"#), "body");
    }
}
