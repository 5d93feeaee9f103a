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

#[test]
fn analyse_writes_one_redacted_themed_json_line_per_input_line() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_victim-voice"))
        .arg("analyse")
        .env("VV_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(b"Nobody ever called me back and I was never updated, ring 07700 900123\n\xff\xfe not utf8 \x01\nThe advocate was brilliant\n")
        .unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let first = lines[0]["redacted"].as_str().unwrap();
    assert!(
        first.contains("[phone]") && !first.contains("900123"),
        "{first}"
    );
    assert!(lines[0]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "communication" && t["polarity"] == "negative"));
    assert!(lines[2]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["polarity"] == "positive"));
}
