//! Intake staging on a real database: SQLite, or PostgreSQL when
//! `ROSMIGRATION_TEST_POSTGRES_URL` is set. Every shipped sample is imported; bad rows are
//! quarantined with reasons; importing twice changes nothing; changed content is quarantined;
//! quarantined rows are corrected and replayed, or discarded.

use rosmigration_store as store;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;

use intake::reader::{self, Position, RawRow};
use intake::shipped::{SHIPPED, shipped};
use intake::{Mapper, Mapping};
use store::import::{ImportReport, import};
use store::intake::{NewBatch, QuarantineFilter, ReplayOutcome};
use store::testing::{TestDatabase, fresh_store};
use store::{AuditEntry, Store};

struct TestDb {
    store: Store,
    _db: TestDatabase,
}

impl TestDb {
    async fn new() -> TestDb {
        let (store, db) = fresh_store("intake").await;
        TestDb { store, _db: db }
    }

    async fn import(&self, m: &Mapping, bytes: &[u8]) -> ImportReport {
        let (batch, _) = self
            .store
            .open_batch(
                NewBatch {
                    source: m.source,
                    mapping: m.name.clone(),
                    file_name: "test".into(),
                    file_size: Some(bytes.len() as u64),
                    file_digest: None,
                    format: m.format.code(),
                    account_id: None,
                },
                AuditEntry::new("intake.import"),
            )
            .await
            .unwrap();
        let rows = reader::open(m, Box::new(Cursor::new(bytes.to_vec())), None).unwrap();
        import(&self.store, Arc::new(m.clone()), &batch, rows, AuditEntry::new("intake.import"), |_, _| {})
            .await
            .unwrap()
    }

    /// Every row of the intake tables that an import or replay may change, in key order.
    async fn snapshot(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sql in [
            "SELECT source || '|' || record_id || '|' || state || '|' || kind FROM intake_records ORDER BY source, record_id",
            "SELECT source || '|' || code || '|' || state || '|' || position FROM intake_quarantine ORDER BY source, position, code",
        ] {
            out.extend(store::db::dispatch!(read &self.store.db, p => {
                let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(p).await.unwrap();
                rows.into_iter().map(|r| r.0).collect::<Vec<_>>()
            }));
        }
        out
    }
}

fn sample(name: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/intake/samples");
    let p = ["csv", "jsonl", "xml"].iter().map(|e| dir.join(format!("{name}.{e}"))).find(|p| p.exists()).unwrap();
    std::fs::read(p).unwrap()
}

fn mapping(name: &str) -> Mapping {
    shipped(name).unwrap().unwrap()
}

#[tokio::test]
async fn every_sample_is_staged_and_a_second_import_changes_nothing() {
    let db = TestDb::new().await;
    let mut total = 0;
    for (name, _) in SHIPPED {
        let m = mapping(name);
        let r = db.import(&m, &sample(name)).await;
        assert_eq!(r.this_run.quarantined, 0, "{name}: {r:?}");
        assert_eq!(r.this_run.staged, r.this_run.read, "{name}");
        assert_eq!(r.batch.state, "done");
        total += r.this_run.staged as i64;
    }
    let before = db.snapshot().await;
    assert_eq!(db.store.intake_counts().await.unwrap().0, total);
    for (name, _) in SHIPPED {
        let r = db.import(&mapping(name), &sample(name)).await;
        assert_eq!((r.this_run.staged, r.this_run.quarantined), (0, 0), "{name}: second import");
        assert_eq!(r.this_run.unchanged, r.this_run.read, "{name}");
    }
    assert_eq!(db.snapshot().await, before, "a second import leaves the tables as they were");
    // The records are sealed and open again as they were mapped.
    let staged = db.store.staged_records("pending", None, 1000).await.unwrap();
    assert_eq!(staged.len() as i64, total);
    let m = mapping("mvd-crossings");
    let mapper = Mapper::new(&m, store::status::today());
    let first =
        reader::open(&m, Box::new(Cursor::new(sample("mvd-crossings"))), None).unwrap().next().unwrap().unwrap();
    let want = mapper.map(&first).unwrap();
    assert!(staged.iter().any(|s| s.record == want));
    let dump = store::db::dispatch!(read &db.store.db, p => {
        let rows: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT payload FROM intake_records").fetch_all(p).await.unwrap();
        rows.into_iter().flat_map(|r| r.0).collect::<Vec<u8>>()
    });
    assert!(!dump.windows(9).any(|w| w == b"FA1234567"), "document numbers are not stored in clear");
}

const CROSSINGS_HEAD: &str = "НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита\n";

#[tokio::test]
async fn bad_rows_are_quarantined_with_reasons_corrected_and_replayed() {
    let db = TestDb::new().await;
    let m = mapping("mvd-crossings");
    let file = format!(
        "{CROSSINGS_HEAD}\
         Q1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;31.02.2026;ВЪЕЗД;\n\
         Q2;Назаров;Фаррух;;21.01.1988;М;ТАДЖИКИСТАН;;401234567;01.09.2026;ТУДА;\n\
         Q3;Асанов;Бекзат;;30.06.1990;М;КИРГИЗИЯ;AC;1122334;10.10.2026;ВЫЕЗД;\n"
    );
    let r = db.import(&m, file.as_bytes()).await;
    assert_eq!((r.this_run.read, r.this_run.staged, r.this_run.quarantined), (3, 1, 2));
    // Re-importing the same bad rows adds nothing to the quarantine.
    let again = db.import(&m, file.as_bytes()).await;
    assert_eq!((again.this_run.staged, again.this_run.unchanged, again.this_run.quarantined), (0, 1, 2));
    let (_, q, _) = db.store.intake_counts().await.unwrap();
    assert_eq!(q, 2);

    let f =
        QuarantineFilter { source: Some(domain::event::SourceAgency::Mvd), state: Some("open".into()), batch_id: None };
    let page = db.store.quarantine_list(&f, None, 50, AuditEntry::new("intake.quarantine.list")).await.unwrap();
    assert_eq!(page.items.len(), 2);
    let bad_date = page.items.iter().find(|i| i.record_id.as_deref() == Some("Q1")).unwrap();
    assert_eq!(bad_date.code, "date_format");
    assert!(bad_date.reason.contains("31.02.2026"), "{}", bad_date.reason);
    assert_eq!(bad_date.position, "line 2");
    let shown = db.store.quarantine_show(bad_date.id, AuditEntry::new("intake.quarantine.show")).await.unwrap();
    assert!(shown.raw.contains(&("ДатаПересечения".to_string(), "31.02.2026".to_string())));

    let remap = |m: &Mapping| {
        let m = m.clone();
        move |_: &str, raw: &[(String, String)]| {
            Mapper::new(&m, store::status::today()).map(&RawRow::from_pairs(Position::default(), raw.to_vec()))
        }
    };
    // A correction that is still wrong keeps the row, with the new reason.
    let out = db
        .store
        .quarantine_replay(
            bad_date.id,
            &[("ДатаПересечения".into(), "30.02.2026".into())],
            remap(&m),
            AuditEntry::new("r"),
        )
        .await
        .unwrap();
    assert!(
        matches!(&out, ReplayOutcome::StillQuarantined { error } if error.message.contains("30.02.2026")),
        "{out:?}"
    );
    // A good correction stages it.
    let out = db
        .store
        .quarantine_replay(
            bad_date.id,
            &[("ДатаПересечения".into(), "28.02.2026".into())],
            remap(&m),
            AuditEntry::new("r"),
        )
        .await
        .unwrap();
    assert!(matches!(&out, ReplayOutcome::Staged { record_id } if record_id == "Q1"), "{out:?}");
    assert_eq!(db.store.intake_counts().await.unwrap().0, 2);
    // Replaying twice is refused; the other row is discarded with a reason.
    assert!(db.store.quarantine_replay(bad_date.id, &[], remap(&m), AuditEntry::new("r")).await.is_err());
    let other = page.items.iter().find(|i| i.record_id.as_deref() == Some("Q2")).unwrap();
    assert!(db.store.quarantine_discard(other.id, " ", AuditEntry::new("d")).await.is_err(), "a reason is required");
    let d =
        db.store.quarantine_discard(other.id, "duplicate of a corrected notice", AuditEntry::new("d")).await.unwrap();
    assert_eq!(d.state, "discarded");
    let open = db.store.quarantine_list(&f, None, 50, AuditEntry::new("l")).await.unwrap();
    assert!(open.items.is_empty());
    assert!(db.store.verify_audit().await.unwrap().ok());
}

#[tokio::test]
async fn a_record_sent_again_with_other_content_is_quarantined_and_can_be_accepted() {
    let db = TestDb::new().await;
    let m = mapping("mvd-crossings");
    let v1 = format!("{CROSSINGS_HEAD}C1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;03.09.2026;ВЪЕЗД;\n");
    let v2 = format!("{CROSSINGS_HEAD}C1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;04.09.2026;ВЪЕЗД;\n");
    assert_eq!(db.import(&m, v1.as_bytes()).await.this_run.staged, 1);
    let r = db.import(&m, v2.as_bytes()).await;
    assert_eq!((r.this_run.staged, r.this_run.quarantined), (0, 1));
    let page = db.store.quarantine_list(&QuarantineFilter::default(), None, 10, AuditEntry::new("l")).await.unwrap();
    assert_eq!(page.items[0].code, "changed_content");
    assert_eq!(page.items[0].record_id.as_deref(), Some("C1"));
    // Sending the changed version again does not quarantine it twice.
    assert_eq!(db.import(&m, v2.as_bytes()).await.this_run.quarantined, 1);
    assert_eq!(db.store.intake_counts().await.unwrap().1, 1);
    // Accepting the correction replaces the pending record.
    let m2 = m.clone();
    let out = db
        .store
        .quarantine_replay(
            page.items[0].id,
            &[],
            move |_, raw| {
                Mapper::new(&m2, store::status::today()).map(&RawRow::from_pairs(Position::default(), raw.to_vec()))
            },
            AuditEntry::new("r"),
        )
        .await
        .unwrap();
    assert!(matches!(out, ReplayOutcome::Staged { .. }));
    let staged = db.store.staged_records("pending", None, 10).await.unwrap();
    assert!(matches!(staged[0].record.fact, intake::Fact::Crossing { on, .. } if on.to_string() == "2026-09-04"));
    // Now v2 is the staged content: importing it again is unchanged.
    assert_eq!(db.import(&m, v2.as_bytes()).await.this_run.unchanged, 1);
}

#[tokio::test]
async fn an_unfinished_batch_of_the_same_file_is_resumed() {
    let db = TestDb::new().await;
    let m = mapping("mvd-crossings");
    let nb = || NewBatch {
        source: m.source,
        mapping: m.name.clone(),
        file_name: "f.csv".into(),
        file_size: Some(10),
        file_digest: Some(vec![1, 2, 3]),
        format: "csv",
        account_id: None,
    };
    let (b1, resumed) = db.store.open_batch(nb(), AuditEntry::new("i")).await.unwrap();
    assert!(!resumed);
    let (b2, resumed) = db.store.open_batch(nb(), AuditEntry::new("i")).await.unwrap();
    assert!(resumed);
    assert_eq!(b1.id, b2.id);
    db.store.finish_batch(b1.id, AuditEntry::new("i")).await.unwrap();
    let (b3, resumed) = db.store.open_batch(nb(), AuditEntry::new("i")).await.unwrap();
    assert!(!resumed, "a finished batch is not resumed; its rows are recognised by their keys");
    assert_ne!(b3.id, b1.id);
}
