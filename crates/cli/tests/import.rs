//! `rosmigration import` and `quarantine` end to end, with the crash test: the real binary is
//! killed with SIGKILL in the middle of a large import and run again; nothing is lost and
//! nothing is duplicated. Runs on SQLite, or on PostgreSQL when ROSMIGRATION_TEST_POSTGRES_URL
//! is set.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

mod common;

use common::{Env, text};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/intake/samples")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[tokio::test]
async fn import_every_sample_twice_then_work_the_quarantine() {
    let env = Env::new("import").await;
    let cases = [
        ("mvd", "mvd-crossings", "mvd-crossings.csv"),
        ("mvd", "mvd-registrations", "mvd-registrations.xml"),
        ("mvd", "mvd-permits", "mvd-permits.jsonl"),
        ("fns", "fns-inn", "fns-inn.csv"),
        ("fns", "fns-patent-payments", "fns-patent-payments.csv"),
        ("medical", "medical-results", "medical-results.csv"),
        ("exam", "exam-certificates", "exam-certificates.xml"),
        ("employer", "employer-notices", "employer-notices.csv"),
        ("university", "university-enrolments", "university-enrolments.jsonl"),
    ];
    for (source, mapping, file) in cases {
        let o = env.run(&["import", "--quiet", "--source", source, "--mapping", mapping, p(&samples().join(file))]);
        assert!(o.status.success(), "{file}: {}", text(&o));
        assert!(text(&o).contains("0 quarantined"), "{file}: {}", text(&o));
    }
    let staged = env.count("SELECT COUNT(*) FROM intake_records").await;
    assert_eq!(staged, 27);
    // The import linked what it staged: nothing is left pending; records became persons' facts
    // (or new persons), and what could not be decided waits in review with a reason.
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_records WHERE state = 'pending'").await, 0);
    let linked =
        env.count("SELECT COUNT(*) FROM intake_records WHERE state = 'linked' AND person_id IS NOT NULL").await;
    let review = env.count("SELECT COUNT(*) FROM intake_records WHERE state = 'review' AND reason IS NOT NULL").await;
    assert_eq!(linked + review, 27, "every record linked or in review with a reason");
    assert!(linked >= 10, "most sample records link: {linked} linked, {review} in review");
    assert!(env.count("SELECT COUNT(*) FROM persons").await > 0);
    let o = env.run(&[
        "import",
        "-q",
        "--source",
        "mvd",
        "--mapping",
        "mvd-crossings",
        p(&samples().join("mvd-crossings.csv")),
    ]);
    assert!(text(&o).contains("0 staged, 4 unchanged"), "{}", text(&o));

    // A file with a bad row: imported, the row quarantined, corrected, replayed.
    let bad = env.dir.join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{}X1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;31.02.2026;ВЪЕЗД;\n",
            intake::synth::CROSSINGS_HEADER
        ),
    )
    .unwrap();
    let o = env.run(&["import", "-q", "--source", "mvd", "--mapping", "mvd-crossings", p(&bad)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("1 quarantined"), "{}", text(&o));
    let o = env.run(&["quarantine", "list", "--source", "mvd"]);
    let list = text(&o);
    assert!(list.contains("date_format") && list.contains("31.02.2026"), "{list}");
    let id = list.split('\t').next().unwrap().trim().to_string();
    let o = env.run(&["quarantine", "show", &id]);
    assert!(text(&o).contains("ДатаПересечения = 31.02.2026"), "{}", text(&o));
    let o = env.run(&["quarantine", "replay", &id, "--set", "ДатаПересечения=28.02.2026"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("staged record X1"), "{}", text(&o));
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_records").await, 28);
    let o = env.run(&["quarantine", "discard", &id, "--reason", "again"]);
    assert!(!o.status.success(), "a replayed row cannot be discarded");
    let o = env.run(&["audit", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
}

#[tokio::test]
async fn bad_files_and_mappings_fail_with_a_clear_message() {
    let env = Env::new("import").await;
    let sample = samples().join("mvd-crossings.csv");
    let fns_file = samples().join("fns-inn.csv");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["import", "--source", "nasa", p(&sample)], "unknown source \"nasa\""),
        (vec!["import", "--source", "mvd", p(&sample)], "several mappings"),
        (vec!["import", "--source", "mvd", "--mapping", "nope", p(&sample)], "no mapping \"nope\""),
        (vec!["import", "--source", "fns", "--mapping", "mvd-crossings", p(&sample)], "is for mvd, not fns"),
        (vec!["import", "--source", "mvd", "--mapping", "mvd-crossings", "/no/such.csv"], "no such file"),
        (vec!["import", "--source", "mvd", "--mapping", "mvd-crossings", p(&fns_file)], "\"ДатаПересечения\""),
    ];
    let bad_toml = env.dir.join("bad.toml");
    std::fs::write(&bad_toml, "source = \"mvd\"\nformat = \"csv\"\nrecord_id = \"a\"\n[subject]\nsurname = \"s\"\ngiven_names = \"g\"\n[fact]\nkind = \"teleport\"\n").unwrap();
    let mut cases = cases;
    cases.push((
        vec!["import", "--source", "mvd", "--mapping", p(&bad_toml), p(&sample)],
        "\"teleport\" is not a fact kind",
    ));
    for (args, want) in cases {
        let o = env.run(&args);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert!(text(&o).contains(want), "{args:?}: {}", text(&o));
    }
}

/// The crash test: SIGKILL after some chunks were committed, then the same import again.
#[tokio::test]
async fn killed_mid_import_then_run_again_loses_and_duplicates_nothing() {
    let env = Env::new("import").await;
    let rows: u64 = 60_000;
    let bad_every = 997;
    let file = env.dir.join("crossings.csv");
    let bad = {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        intake::synth::write_crossings(&mut w, rows, bad_every).unwrap()
    };
    // Apply migrations first so that the test can poll the batch table.
    assert!(env.run(&["migrate"]).status.success());
    // Staging only: this test is about the staging transaction, not linkage.
    let args = ["import", "-q", "--no-link", "--source", "mvd", "--mapping", "mvd-crossings", p(&file)];
    let mut child = env
        .command(&args)
        .env("ROSMIGRATION_IMPORT_CHUNK_DELAY_MS", "150")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let committed = env.count("SELECT COALESCE(MAX(resume_offset), 0) FROM intake_batches").await;
        if committed > 0 && env.count("SELECT COUNT(*) FROM intake_records").await >= 10_000 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the import never committed a chunk");
        assert!(child.try_wait().unwrap().is_none(), "the import finished before it could be killed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // SIGKILL: no destructor, no rollback handler, no flush.
    child.kill().unwrap();
    child.wait().unwrap();
    let staged_before = env.count("SELECT COUNT(*) FROM intake_records").await;
    assert!(staged_before > 0 && (staged_before as u64) < rows - bad, "killed mid-way: {staged_before} staged");
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_batches WHERE state = 'running'").await, 1);

    let o = env.run(&args);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("resuming batch"), "{}", text(&o));

    // Exact counts: every good row once, every bad row once in quarantine, one batch.
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_records").await as u64, rows - bad);
    assert_eq!(env.count("SELECT COUNT(DISTINCT record_id) FROM intake_records").await as u64, rows - bad);
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_quarantine").await as u64, bad);
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_batches").await, 1);
    assert_eq!(env.count("SELECT rows_read FROM intake_batches").await as u64, rows);
    assert_eq!(env.count("SELECT rows_staged + rows_quarantined FROM intake_batches").await as u64, rows);
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_batches WHERE state = 'done'").await, 1);

    // And a third run is a no-op.
    let o = env.run(&args);
    assert!(text(&o).contains(&format!("{rows} rows read, 0 staged, {} unchanged", rows - bad)), "{}", text(&o));
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_records").await as u64, rows - bad);
    assert_eq!(env.count("SELECT COUNT(*) FROM intake_quarantine").await as u64, bad);
}
