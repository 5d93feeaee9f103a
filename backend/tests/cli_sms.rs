//! `victim-voice invite --phone/--csv` and `sms-outbox` against a fresh SQLite data dir, with
//! no Notify key (the offline outbox) and quiet hours off, so the result does not depend on
//! the time of day. The numbers appear in no file of the data dir and in no log line.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn victim_voice(data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_victim-voice"))
        .args(args)
        .env("VV_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("NOTIFY_API_KEY")
        .env_remove("VV_QUEUE_KEY")
        .env("VV_QUIET_HOURS", "")
        .env("VV_PUBLIC_URL", "https://vv.example")
        .env("RUST_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("binary finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

#[test]
fn invite_by_phone_needs_safe_contact_and_goes_to_the_offline_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let refused = victim_voice(
        dir.path(),
        &[
            "invite",
            "--stage",
            "court",
            "--unit",
            "CE",
            "--phone",
            "07700900301",
        ],
        "",
    );
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--safe-contact-confirmed"));

    let sent = victim_voice(
        dir.path(),
        &[
            "invite",
            "--stage",
            "court",
            "--unit",
            "CE",
            "--phone",
            "07700 900301",
            "--safe-contact-confirmed",
        ],
        "",
    );
    assert!(sent.status.success(), "{}", text(&sent.stderr));
    let stdout = text(&sent.stdout);
    assert!(stdout.contains("local outbox"), "{stdout}");

    let listed = victim_voice(dir.path(), &["sms-outbox"], "");
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let listing = text(&listed.stdout);
    assert!(listing.contains("offline 07*** ***301"), "{listing}");
    assert!(listing.contains("https://vv.example/s/"), "{listing}");

    let bad = victim_voice(
        dir.path(),
        &[
            "invite",
            "--stage",
            "court",
            "--unit",
            "CE",
            "--phone",
            "020 7946 0301",
            "--safe-contact-confirmed",
        ],
        "",
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("landline"),
        "{}",
        text(&bad.stderr)
    );

    let mut everything = [sent.stderr, listed.stderr, bad.stderr, sent.stdout].concat();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        everything.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    for needle in [
        "7700900301",
        "7700 900301",
        "900301",
        "79460301",
        "7946 0301",
    ] {
        assert!(
            !everything
                .windows(needle.len())
                .any(|w| w == needle.as_bytes()),
            "{needle} was written down"
        );
    }
}

#[test]
fn invite_by_csv_reports_bad_rows_by_number_only() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "phone\n07700900311\n01632 960311\n+44 7700 900312\n";
    let output = victim_voice(
        dir.path(),
        &[
            "invite",
            "--stage",
            "support",
            "--unit",
            "NE",
            "--csv",
            "-",
            "--safe-contact-confirmed",
        ],
        csv,
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("queued 2, sent 0, to the local outbox 2"),
        "{stdout}"
    );
    assert!(stdout.contains("1 rows rejected"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("row 3: the phone number looks like a landline"),
        "{stderr}"
    );
    let mut everything = [output.stdout, output.stderr].concat();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        everything.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    for needle in ["7700900311", "900311", "960311", "7700900312", "900312"] {
        assert!(
            !everything
                .windows(needle.len())
                .any(|w| w == needle.as_bytes()),
            "{needle} was written down"
        );
    }
}
