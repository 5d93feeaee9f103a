//! The `victim-voice` command line: `migrate` and `invite` against a fresh SQLite data dir.

use std::process::Command;

fn victim_voice(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_victim-voice"))
        .args(args)
        .env("VV_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env("VV_PUBLIC_URL", "https://vv.example")
        .output()
        .expect("binary runs")
}

#[test]
fn invite_prints_a_working_link_as_its_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = victim_voice(dir.path(), &["invite", "--stage", "court", "--unit", "CE"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let last = stdout.lines().last().unwrap();
    let token = last.strip_prefix("https://vv.example/s/").expect(last);
    assert_eq!(token.len(), 22);
    // Only the hash is stored: the token's text appears in no database file.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()));
    }
}

#[test]
fn invite_refuses_an_unknown_unit_or_stage() {
    let dir = tempfile::tempdir().unwrap();
    let output = victim_voice(dir.path(), &["invite", "--stage", "court", "--unit", "ZZ"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unit"));
    let output = victim_voice(dir.path(), &["invite", "--stage", "trial", "--unit", "CE"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown stage"));
}

#[test]
fn migrate_creates_the_schema_and_seeds_the_twelve_bcus() {
    let dir = tempfile::tempdir().unwrap();
    let output = victim_voice(dir.path(), &["migrate"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut text = String::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        text.push_str(&String::from_utf8_lossy(
            &std::fs::read(entry.unwrap().path()).unwrap(),
        ));
    }
    for name in [
        "Central East",
        "Central South",
        "North West",
        "South West",
        "West",
    ] {
        assert!(text.contains(name), "unit {name} missing");
    }
}
