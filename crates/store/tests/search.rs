//! The person search against a fresh database: SQLite, and PostgreSQL too when
//! `ROSMIGRATION_TEST_POSTGRES_URL` is set. Every writing of a name, exact surnames, two-word
//! surnames, the fuzzy fallback, every criterion, and keyset pages that keep the criteria.

use chrono::Utc;
use domain::event::{Actor, Change, SourceAgency};
use domain::input::{NewPerson, OrgRefs};
use rosmigration_store::persons::{PersonQuery, Provenance, Scope};
use rosmigration_store::search::{NameQuery, Script};
use rosmigration_store::testing::fresh_store;
use rosmigration_store::{AuditEntry, Store, StoreError};
use serde_json::json;
use uuid::Uuid;

fn prov() -> Provenance {
    Provenance { source: SourceAgency::Registry, source_record: None, actor: Actor::system(), at: Utc::now() }
}

/// Registers a person with a Russian and a Latin writing of the name.
async fn person(store: &Store, ru: (&str, &str), lat: (&str, &str), birth: &str, passport: &str) -> Uuid {
    let input: NewPerson = serde_json::from_value(json!({
        "names": [
            {"form": "russian", "surname": ru.0, "given_names": ru.1},
            {"form": "latin", "surname": lat.0, "given_names": lat.1}
        ],
        "birth_date": birth,
        "sex": "male",
        "citizenship": "KGZ",
        "documents": [{"kind": "passport", "number": passport, "issued_on": "2021-05-04", "expires_on": "2031-05-03"}],
        "contacts": [{"kind": "phone", "value": format!("+99655{}", &passport[2..])}]
    }))
    .unwrap();
    let (changes, refs) = input.parse(Utc::now().date_naive()).unwrap();
    store.create_person(changes, &refs, prov(), AuditEntry::new("person.create")).await.unwrap().0.id
}

fn by_name(name: &str) -> PersonQuery {
    PersonQuery { name: Some(NameQuery::parse(name).unwrap()), ..Default::default() }
}

/// Every id a search returns, following every page (`limit` per page).
async fn all_ids(store: &Store, q: &PersonQuery, limit: i64) -> Vec<Uuid> {
    let mut ids = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let page = store.search(q, Scope::All, cursor.as_deref(), limit, Script::Cyrillic).await.unwrap();
        assert!(page.items.len() as i64 <= limit);
        ids.extend(page.items.iter().map(|x| x.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    ids
}

#[tokio::test]
async fn every_writing_of_a_name_finds_the_person_and_a_surname_is_exact() {
    // Arrange
    let (store, _g) = fresh_store("search").await;
    let yusupov = person(&store, ("Юсупов", "Жамшид"), ("YUSUPOV", "JAMSHID"), "1994-03-12", "AA1000001").await;
    let yusupova = person(&store, ("Юсупова", "Дилноза"), ("YUSUPOVA", "DILNOZA"), "1996-01-02", "AA1000002").await;
    let bakyt = person(&store, ("Бакыт уулу", "Азамат"), ("BAKYT UULU", "AZAMAT"), "1990-07-01", "AA1000003").await;
    let rahmon = person(&store, ("Рахмонзода", "Фаррух"), ("RAKHMONZODA", "FARRUKH"), "1988-02-03", "AA1000004").await;

    // Act + assert: each writing, exactly the person.
    let cases: [(&str, &[Uuid]); 16] = [
        ("Юсупов", &[yusupov]),
        ("YUSUPOV", &[yusupov]),
        ("yusupov", &[yusupov]),
        ("Jusupov", &[yusupov]),
        ("Iusupov", &[yusupov]),
        ("Юсупов Жамшид", &[yusupov]),
        ("YUSUPOV DZHAMSHID", &[yusupov]),
        ("Юсупов Жам", &[yusupov]),
        ("Юсупова", &[yusupova]),
        ("Юсуп*", &[yusupov, yusupova]),
        ("Бакыт уулу Азамат", &[bakyt]),
        ("BAKYT UULU AZAMAT", &[bakyt]),
        ("Бакыт уулу", &[bakyt]),
        ("bakyt-uulu azam", &[bakyt]),
        ("Рахмон зода", &[rahmon]),
        ("Rahmonzoda Farrukh", &[rahmon]),
    ];
    for (name, want) in cases {
        let mut got = all_ids(&store, &by_name(name), 50).await;
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{name:?}");
        let page = store.search(&by_name(name), Scope::All, None, 50, Script::Cyrillic).await.unwrap();
        assert!(!page.similar, "{name:?} is an exact match");
    }
}

#[tokio::test]
async fn a_typo_finds_the_person_as_a_similar_name() {
    let (store, _g) = fresh_store("search").await;
    let id = person(&store, ("Юсупов", "Жамшид"), ("YUSUPOV", "JAMSHID"), "1994-03-12", "AA1000001").await;
    for typo in ["Yusupof Jamshid", "Юсубов Жамшит", "Usupov"] {
        let page = store.search(&by_name(typo), Scope::All, None, 50, Script::Cyrillic).await.unwrap();
        assert_eq!(page.items.iter().map(|x| x.id).collect::<Vec<_>>(), vec![id], "{typo:?}");
        assert!(page.similar, "{typo:?} is only similar");
    }
    let page = store.search(&by_name("Петров"), Scope::All, None, 50, Script::Cyrillic).await.unwrap();
    assert!(page.items.is_empty(), "an unrelated name finds nobody");
}

#[tokio::test]
async fn results_are_compact_items_in_the_readers_script() {
    let (store, _g) = fresh_store("search").await;
    let id = person(&store, ("Юсупов", "Жамшид"), ("YUSUPOV", "JAMSHID"), "1994-03-12", "AA1000001").await;
    let ru = store.search(&by_name("yusupov"), Scope::All, None, 50, Script::Cyrillic).await.unwrap();
    let item = &ru.items[0];
    assert_eq!(
        (item.id, item.name.as_str(), item.other_name.as_deref()),
        (id, "Юсупов Жамшид", Some("YUSUPOV JAMSHID"))
    );
    assert_eq!((item.birth_date.as_str(), item.citizenship.as_str()), ("1994-03-12", "KGZ"));
    assert!(item.status.is_some(), "the computed status is listed");
    let lat = store.search(&by_name("Юсупов"), Scope::All, None, 50, Script::Latin).await.unwrap();
    assert_eq!(lat.items[0].name, "YUSUPOV JAMSHID");
    assert_eq!(lat.items[0].other_name.as_deref(), Some("Юсупов Жамшид"));
}

#[tokio::test]
async fn pages_follow_each_other_with_every_criterion_kept() {
    // Arrange: seven namesakes, five of them born in 1990; one other person born in 1990.
    let (store, _g) = fresh_store("search").await;
    let mut born_1990 = vec![];
    for i in 0..7 {
        let birth = if i < 5 { format!("1990-01-{:02}", i + 1) } else { format!("1985-01-{:02}", i + 1) };
        let id = person(&store, ("Мирзоев", "Фаррух"), ("MIRZOEV", "FARRUKH"), &birth, &format!("AB20000{i:02}")).await;
        if i < 5 {
            born_1990.push(id);
        }
    }
    person(&store, ("Каримов", "Азиз"), ("KARIMOV", "AZIZ"), "1990-05-05", "AB3000000").await;
    let q = PersonQuery { birth_year: Some(1990), ..by_name("MIRZOEV") };

    // Act: pages of two.
    let mut got = all_ids(&store, &q, 2).await;

    // Assert: every one once, in id order, nobody else.
    assert_eq!(got.len(), 5, "{got:?}");
    let sorted = {
        let mut s = got.clone();
        s.sort();
        s
    };
    assert_eq!(got, sorted, "id order");
    got.dedup();
    born_1990.sort();
    assert_eq!(got, born_1990);

    // A cursor is refused with other criteria or when it is not one of ours.
    let first = store.search(&q, Scope::All, None, 2, Script::Cyrillic).await.unwrap();
    let cursor = first.next_cursor.unwrap();
    let other = PersonQuery { birth_year: Some(1985), ..by_name("MIRZOEV") };
    for (q, c) in [(&other, cursor.as_str()), (&q, "garbage"), (&q, &cursor[..20]), (&q, "%00")] {
        match store.search(q, Scope::All, Some(c), 2, Script::Cyrillic).await {
            Err(StoreError::Invalid(v)) => assert_eq!(v.0[0].field, "cursor"),
            other => panic!("{c:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn every_criterion_finds_the_person() {
    let (store, _g) = fresh_store("search").await;
    let id = person(&store, ("Юсупов", "Жамшид"), ("YUSUPOV", "JAMSHID"), "1994-03-12", "AA1000001").await;
    let other = person(&store, ("Каримов", "Азиз"), ("KARIMOV", "AZIZ"), "1980-05-05", "AA1000002").await;
    let inn = domain::validate::inn::Inn::parse("500100732259").unwrap();
    store
        .append_changes(
            id,
            None,
            vec![Change::TaxNumberAssigned { inn }],
            &OrgRefs::default(),
            prov(),
            AuditEntry::new("t"),
        )
        .await
        .unwrap();
    let status =
        store.search(&by_name("Юсупов"), Scope::All, None, 1, Script::Cyrillic).await.unwrap().items[0].status.clone();
    let cases = [
        ("document", PersonQuery { document_number: Some("aa 1000001".into()), ..Default::default() }),
        ("phone", PersonQuery { phone: Some("+996551000001".into()), ..Default::default() }),
        ("inn", PersonQuery { inn: Some("500100732259".into()), ..Default::default() }),
        ("birth date", PersonQuery { birth_date: Some("1994-03-12".parse().unwrap()), ..Default::default() }),
        ("birth year", PersonQuery { birth_year: Some(1994), ..Default::default() }),
        ("name and document", PersonQuery { document_number: Some("AA1000001".into()), ..by_name("Юсупов") }),
        ("status and birth year", PersonQuery { status: status.clone(), birth_year: Some(1994), ..Default::default() }),
    ];
    for (what, q) in cases {
        let page = store.search(&q, Scope::All, None, 50, Script::Cyrillic).await.unwrap();
        assert_eq!(page.items.iter().map(|x| x.id).collect::<Vec<_>>(), vec![id], "{what}");
    }
    let q = PersonQuery { citizenship: Some("KGZ".into()), ..Default::default() };
    assert_eq!(all_ids(&store, &q, 1).await.len(), 2, "citizenship, one per page");
    let q = PersonQuery { document_number: Some("AA1000001".into()), ..by_name("Каримов") };
    assert!(store.search(&q, Scope::All, None, 50, Script::Cyrillic).await.unwrap().items.is_empty(), "both must hold");
    let _ = other;
}

#[tokio::test]
async fn the_search_index_is_rebuilt_for_an_older_database() {
    let (store, _g) = fresh_store("search").await;
    let id = person(&store, ("Юсупов", "Жамшид"), ("YUSUPOV", "JAMSHID"), "1994-03-12", "AA1000001").await;
    assert_eq!(store.backfill_search_index().await.unwrap(), None, "nothing to do when cards exist");
    // As a database migrated from before 0008 looks: no search rows, no cards.
    for sql in ["DELETE FROM person_search", "DELETE FROM person_cards"] {
        match &store.db {
            rosmigration_store::Db::Sqlite { write, .. } => {
                sqlx::query(sql).execute(write).await.unwrap();
            }
            rosmigration_store::Db::Postgres(p) => {
                sqlx::query(sql).execute(p).await.unwrap();
            }
        }
    }
    assert!(all_ids(&store, &by_name("Юсупов"), 50).await.is_empty());
    assert_eq!(store.backfill_search_index().await.unwrap(), Some(1));
    assert_eq!(all_ids(&store, &by_name("Юсупов"), 50).await, vec![id]);
}
