//! Properties that must hold on any input, however hostile: no panic, no leak of a well-formed
//! phone number or email, idempotence, and linear time.

use analysis::{redact, redact_bytes, Tagger};
use proptest::prelude::*;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(Tagger::default)
}

/// Text built from pieces the detectors care about, so proptest explores near-misses rather
/// than mostly random code points.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("PC ".to_string()),
        Just("my ex ".to_string()),
        Just("called ".to_string()),
        Just("Dave ".to_string()),
        Just("Smith".to_string()),
        Just("07700 900123".to_string()),
        Just("+44".to_string()),
        Just("@".to_string()),
        Just("a@b.com".to_string()),
        Just("www.".to_string()),
        Just("SW1A 1AA".to_string()),
        Just("12 Acacia Avenue".to_string()),
        Just("Flat 3, ".to_string()),
        Just("12/03/2024".to_string()),
        Just("12th March".to_string()),
        Just("on the 5th".to_string()),
        Just("1234567/24".to_string()),
        Just("CAD".to_string()),
        Just("AB12 CDE".to_string()),
        Just("[name]".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        "[0-9 ./()-]{1,6}",
        "[A-Za-z]{1,6}",
        "[ \n\t,.:]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn uk_phone() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("07"),
            Just("+44 7"),
            Just("0044 7"),
            Just("020 "),
            Just("0161-")
        ],
        "[0-9]{3}",
        prop_oneof![Just(" "), Just("-"), Just("."), Just("")],
        "[0-9]{6}",
    )
        .prop_map(|(p, a, s, b)| {
            // Keep every form at a valid UK length.
            let a = if p.starts_with("0161") {
                &a[..3]
            } else {
                &a[..]
            };
            let b = if p.starts_with("020") || p.starts_with("0161") {
                &b[..4]
            } else {
                &b[..]
            };
            let mid = if p.starts_with("020") {
                format!("{a}{}", &b[..1])
            } else {
                a.to_string()
            };
            format!("{p}{mid}{s}{b}")
        })
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn never_panics_on_strings(s in any::<String>()) {
        let r = redact(&s);
        for sp in &r.spans {
            prop_assert!(sp.start <= sp.end && sp.end <= s.len());
            prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
        }
        let _ = tagger().analyse(&s);
    }

    #[test]
    fn never_panics_on_bytes(b in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = redact_bytes(&b);
        let _ = tagger().analyse(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn never_panics_on_texty_input(s in texty()) {
        let r = redact(&s);
        for sp in &r.spans {
            prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
        }
        let _ = tagger().analyse(&s);
    }

    #[test]
    fn output_has_no_control_characters(s in any::<String>()) {
        let r = redact(&s);
        prop_assert!(r.text.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
    }

    #[test]
    fn phones_and_emails_never_survive(
        pre in any::<String>(),
        post in any::<String>(),
        phone in uk_phone(),
        user in "[a-z][a-z0-9._]{0,12}",
        domain in "[a-z]{2,10}\\.(com|co\\.uk|org|pl)",
    ) {
        let email = format!("{user}@{domain}");
        let text = format!("{pre} {phone} {email} {post}");
        let out = redact(&text).text;
        prop_assert!(!out.contains(&phone), "phone {phone:?} left in {out:?}");
        prop_assert!(!out.contains(&email), "email {email:?} left in {out:?}");
    }

    #[test]
    fn redaction_is_idempotent(s in texty()) {
        let once = redact(&s).text;
        let twice = redact(&once).text;
        prop_assert_eq!(&twice, &once);
    }

    #[test]
    fn redaction_is_idempotent_on_any_string(s in any::<String>()) {
        let once = redact(&s).text;
        prop_assert_eq!(redact(&once).text, once);
    }
}

/// 100 KB of each adversarial shape is processed whole and its personal details are gone.
/// How long it takes is a figure, not a pass/fail: `cargo run -p analysis --release
/// --example quality` prints it (tens of milliseconds per 100 KB on this machine).
#[test]
fn hundred_kilobytes_of_adversarial_text_is_handled() {
    let n = 100 * 1024;
    let cases = [
        "0".repeat(n),
        "PC ".repeat(n / 3),
        "@".repeat(n),
        "a".repeat(n),
        "0770 0900 123 4 ".repeat(n / 16),
        "12 Acacia ".repeat(n / 10),
        "the 5th ".repeat(n / 8),
        "zażółć ✓ \u{200B}\u{0}".repeat(n / 16),
    ];
    let t = tagger();
    for c in &cases {
        let analysis = t.analyse(c);
        assert!(!analysis.redacted.is_empty(), "{:?}...", &c[..16]);
        assert!(
            !analysis.redacted.contains('\u{0}'),
            "control characters removed"
        );
    }
    let phones = t.analyse(&"call 07700 900123 ".repeat(n / 18)).redacted;
    assert!(
        !phones.contains("900123"),
        "every repeated phone number is redacted"
    );
}
