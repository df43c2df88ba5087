//! The binary end to end: demo load, accounts, audit verification catching tampering, and
//! configuration errors. Runs on SQLite, or on PostgreSQL when ROSMIGRATION_TEST_POSTGRES_URL is set.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{Env, text};

#[tokio::test]
async fn demo_then_audit_verify_catches_tampering() {
    let env = Env::new("cli").await;
    let o = env.run(&["demo", "--persons", "40", "--seed", "7"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("migration_officer") && out.contains("analyst"), "demo accounts printed: {out}");

    let o = env.run(&["audit", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("audit log intact"));

    env.exec("UPDATE audit_log SET detail = 'rewritten' WHERE position = 2").await;
    let o = env.run(&["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("entry 2 was altered"), "{}", text(&o));

    // A second demo into a non-empty registry is refused, and nothing changes.
    let o = env.run(&["demo", "--persons", "5"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("already holds persons"), "{}", text(&o));
}

/// The registry linkage commands on a small demo region: rebuilding the blocking index,
/// resolving (nothing staged), matching single records, and the batch re-link.
#[tokio::test]
async fn resolve_relink_and_link_one_run_on_a_demo_region() {
    let env = Env::new("cli").await;
    let o = env.run(&["demo", "--persons", "60", "--seed", "3"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = env.run(&["resolve", "--backfill-keys"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("link keys rebuilt for 60 persons"), "{}", text(&o));
    assert!(text(&o).contains("0 records: 0 linked, 0 new persons, 0 to review"), "{}", text(&o));
    let o = env.run(&["bench", "link-one", "--samples", "30"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("against 60 persons, 30 samples: p50"), "{}", text(&o));
    let o = env.run(&["relink", "--threads", "1"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("60 persons"), "{}", text(&o));
    // The region's model is used from now on: resolving still works with it.
    let o = env.run(&["resolve"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[tokio::test]
async fn users_are_created_listed_and_disabled() {
    let env = Env::new("cli").await;
    let o = env.run_with(
        &["user", "create", "--username", "ivanova", "--name", "Иванова А. П.", "--role", "migration_officer"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = env.run_with(
        &["user", "create", "--username", "ivanova", "--name", "X", "--role", "analyst"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("username is taken"), "{}", text(&o));
    let o = env.run_with(
        &["user", "create", "--username", "x", "--name", "X", "--role", "employer"],
        &[("ROSMIGRATION_NEW_PASSWORD", "short")],
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("username") && t.contains("password") && t.contains("org_id"), "every problem named: {t}");
    let o = env.run_with(
        &["user", "create", "--username", "y", "--name", "Y", "--role", "superuser"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(text(&o).contains("unknown role"), "{}", text(&o));
    let o = env.run(&["user", "disable", "--username", "ivanova"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = env.run(&["user", "list"]);
    let t = text(&o);
    assert!(t.contains("ivanova") && t.contains("disabled"), "{t}");
}

#[test]
fn production_without_a_key_refuses_to_start() {
    let o = Command::new(env!("CARGO_BIN_EXE_rosmigration"))
        .args(["--production", "migrate"])
        .env_remove("ROSMIGRATION_DATA_KEY")
        .env("ROSMIGRATION_DATABASE_URL", "sqlite::memory:")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).contains("ROSMIGRATION_DATA_KEY"), "{}", text(&o));
}

#[test]
fn help_is_available_everywhere() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["user", "create", "--help"],
        vec!["audit", "verify", "--help"],
        vec!["bench", "--help"],
        vec!["link", "--help"],
        vec!["resolve", "--help"],
        vec!["relink", "--help"],
        vec!["bench", "link-one", "--help"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_rosmigration")).args(&args).output().unwrap();
        assert!(o.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stdout).contains("Usage"), "{args:?}");
    }
}

/// `rosmigration link` on a small file: every input row appears exactly once in the output,
/// transliterations of one person share a cluster, and bad input is refused with the file, line
/// and column named.
/// Runs `rosmigration link --quiet --input INPUT [--mapping MAPPING] --output OUTPUT`.
fn run_link(input: &Path, mapping: Option<&Path>, output: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rosmigration"));
    c.args(["link", "--quiet", "--input"]).arg(input);
    if let Some(m) = mapping {
        c.arg("--mapping").arg(m);
    }
    c.arg("--output").arg(output).output().unwrap()
}

#[test]
fn link_writes_every_row_once_and_names_bad_input() {
    let dir = std::env::temp_dir().join(format!("rm-link-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("persons.csv");
    let mut csv = String::from(
        "record_id,surname,given_name,patronymic,date_of_birth,sex,citizenship,document_number,phone,address,postcode\n",
    );
    let people = [
        ("Юсупов", "Джамшед", "07.03.1990", "AA1234567"),
        ("Каримова", "Дилноза", "12.11.1985", "AB7654321"),
        ("Рахимов", "Хуршид", "01.01.1979", "FA1112223"),
        ("Турсунов", "Алишер", "23.06.1995", "AC3334445"),
        ("Саидова", "Малика", "30.09.2000", "AD5556667"),
        ("Назаров", "Бобур", "15.02.1988", "AA7778889"),
        ("Алиев", "Рустам", "04.04.1970", "AB9990001"),
        ("Умаров", "Санжар", "19.12.1992", "AC2223334"),
    ];
    let mut ids = Vec::new();
    for (i, (s, g, d, doc)) in people.iter().enumerate() {
        ids.push(format!("p{i}"));
        csv.push_str(&format!("p{i},{s},{g},,{d},М,UZB,{doc},,,\n"));
    }
    // Two more writings of the first person.
    for (id, row) in [
        ("yusupov-latin", "YUSUPOV,DZHAMSHED,,1990-03-07,M,UZB,AA 1234567,,,"),
        ("yusupov-icao", "IUSUPOV,Jamshed,,03.07.1990,M,UZB,AA12345 67,,,"),
    ] {
        ids.push(id.to_owned());
        csv.push_str(&format!("{id},{row}\n"));
    }
    std::fs::write(&input, csv).unwrap();
    let output = dir.join("clusters.csv");
    let o = run_link(&input, None, &output);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("candidate pairs"), "the report is printed: {}", text(&o));
    let written = std::fs::read_to_string(&output).unwrap();
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("record_id,cluster_id"));
    let rows: Vec<(&str, &str)> = lines.map(|l| l.split_once(',').unwrap()).collect();
    let mut seen: Vec<&str> = rows.iter().map(|r| r.0).collect();
    seen.sort_unstable();
    let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
    want.sort_unstable();
    assert_eq!(seen, want, "every input row exactly once");
    let cluster = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().1;
    assert_eq!(cluster("yusupov-latin"), "p0", "{written}");
    assert_eq!(cluster("yusupov-icao"), "p0", "{written}");
    assert_eq!(cluster("p1"), "p1");

    // A repeated record id: refused, with both lines named.
    let dup = dir.join("dup.csv");
    std::fs::write(&dup, "record_id,surname\na,Юсупов\nb,Karimov\na,Aliev\n").unwrap();
    let o = run_link(&dup, None, &dir.join("x.csv"));
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("dup.csv: line 4") && t.contains("already used on line 2"), "{t}");

    // A mapping that names a column the file lacks.
    let mapping = dir.join("map.toml");
    std::fs::write(&mapping, "[fields.surname]\ncolumn = \"familiya\"\n").unwrap();
    let o = run_link(&input, Some(&mapping), &dir.join("x.csv"));
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("persons.csv: line 1: no column \"familiya\"") && t.contains("field surname"), "{t}");

    // A ragged line.
    let ragged = dir.join("ragged.csv");
    std::fs::write(&ragged, "record_id,surname\na,Юсупов\nb,Karimov,extra\n").unwrap();
    let o = run_link(&ragged, None, &dir.join("x.csv"));
    assert!(!o.status.success());
    assert!(text(&o).contains("ragged.csv: line 3: 3 fields where the header has 2"), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The region's clock is configured, and every local time follows it: the same demo region
/// opened in UTC+7 (Novosibirsk) has the same local slot times as in Moscow time, four hours
/// earlier in UTC. A bad offset is refused with its name.
#[tokio::test]
async fn the_regions_utc_offset_moves_every_local_time() {
    use chrono::Timelike;
    let local_times = |times: &[chrono::DateTime<chrono::Utc>], hours: i32| {
        let tz = chrono::FixedOffset::east_opt(hours * 3600).unwrap();
        let mut t: Vec<(u32, u32)> =
            times.iter().map(|t| t.with_timezone(&tz)).map(|t| (t.hour(), t.minute())).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let (moscow, novosibirsk) = (Env::new("clock3").await, Env::new("clock7").await);
    let o = moscow.run(&["demo", "--persons", "10", "--seed", "5"]);
    assert!(o.status.success(), "{}", text(&o));
    let o =
        novosibirsk.run_with(&["demo", "--persons", "10", "--seed", "5"], &[("ROSMIGRATION_UTC_OFFSET_HOURS", "7")]);
    assert!(o.status.success(), "{}", text(&o));
    let sql = "SELECT starts_at FROM slots";
    let (a, b) = (moscow.times(sql).await, novosibirsk.times(sql).await);
    assert!(!a.is_empty() && a.len() == b.len(), "{} and {} slots", a.len(), b.len());
    assert_eq!(local_times(&a, 3), local_times(&b, 7), "the same opening hours, each in its region's time");
    assert_ne!(local_times(&a, 0), local_times(&b, 0), "apart in UTC");

    for (value, says) in [("abc", "must be whole hours"), ("20", "between -12 and 14")] {
        let o = moscow.run_with(&["slots", "open"], &[("ROSMIGRATION_UTC_OFFSET_HOURS", value)]);
        assert!(!o.status.success());
        assert!(text(&o).contains(says), "{value}: {}", text(&o));
    }
}
