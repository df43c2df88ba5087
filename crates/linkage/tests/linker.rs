//! The linker end to end on synthetic records with known duplicates: accuracy, the model it
//! learns without labels, transliteration variants, and namesakes kept apart.

mod common;

use chrono::NaiveDate;
use common::synth;
use rosmigration_linkage::link::{self, LabelledPair, Mapping, NoProgress, Options, ReviewReason, Table};

fn options() -> Options {
    Options { threads: 2, seed: 1, today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() }
}

/// The default mapping with a smaller random sample, to keep debug-build tests quick.
fn default_mapping() -> Mapping {
    let mut m = Mapping::default_fields();
    m.u_sample_pairs = 300_000;
    m
}

fn table_of(records: &[synth::Record]) -> Table {
    let mut t = Table::new(10);
    for r in records {
        t.push(&r.id, r.fields.iter().map(String::as_str));
    }
    t
}

fn record(id: &str, fields: [&str; 10]) -> synth::Record {
    synth::Record { id: id.into(), person: usize::MAX, fields: fields.map(str::to_owned) }
}

#[test]
fn synthetic_duplicates_are_found_with_high_precision_and_recall() {
    // Arrange: 3,000 persons, about 5,100 records across scripts and spellings.
    let records = synth::records(3000, 11);
    let table = table_of(&records);
    // Act
    let out = link::link(&table, &default_mapping(), &[], &options(), &NoProgress).unwrap();
    // Assert
    let (precision, recall) = synth::pairwise(&records, &out.cluster);
    eprintln!("{}", out.summary);
    eprintln!("precision {precision:.4} recall {recall:.4}");
    assert!(precision >= 0.9, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    assert_eq!(out.cluster.len(), records.len(), "every record gets a cluster");
}

#[test]
fn em_learns_m_high_and_u_low_for_agreeing_fields() {
    let records = synth::records(3000, 12);
    let out = link::link(&table_of(&records), &default_mapping(), &[], &options(), &NoProgress).unwrap();
    let model = &out.summary.model;
    let field = |name: &str| model.fields.iter().find(|f| f.name == name).unwrap();
    for name in ["surname", "given_name", "date_of_birth"] {
        let f = field(name);
        let exact = f.kind.exact_level() as usize;
        // Most duplicates agree exactly after folding; random pairs rarely do.
        assert!(f.m[exact] > 0.6, "{name}: m exact {}", f.m[exact]);
        assert!(f.u[exact] < 0.05, "{name}: u exact {}", f.u[exact]);
        assert!(f.weight(exact) > 3.0, "{name}: weight {}", f.weight(exact));
        assert!(f.weight(1) < 0.0, "{name}: disagreement is evidence against");
    }
    let dob = field("date_of_birth");
    assert!(dob.u[7] < 0.001, "exact birth dates of different people are rare: {}", dob.u[7]);
    assert!(model.converged);
    // The prior: about 0.8 duplicate pairs per person over all pairs.
    let n = records.len() as f64;
    assert!(model.prior > 1.0 / (n * n) && model.prior < 0.01, "prior {}", model.prior);
}

#[test]
fn transliteration_variants_link_and_namesakes_stay_apart() {
    let mut records = synth::records(2000, 13);
    let base = records.len();
    // One person written five ways: Cyrillic, 1997 Latin, ICAO Latin with day and month swapped,
    // a typo, another date format, O for 0 in the passport.
    let same = [
        ["Юсупов", "Джамшед", "Рустамович", "07.03.1990", "М", "UZB", "AA1234567", "+998 90 123 45 67", "", ""],
        ["YUSUPOV", "DZHAMSHED", "", "1990-03-07", "M", "UZB", "AA 1234567", "", "", ""],
        ["IUSUPOV", "DZHAMSHED", "RUSTAMOVICH", "03.07.1990", "M", "", "AA12345O7", "", "", ""],
        ["Yusupov", "Jamshed", "", "19900307", "", "UZB", "", "90 123 45 67", "", ""],
        ["Yusuopv", "Jamshid", "Rustamovich", "07/03/1990", "M", "UZB", "aa1234567", "", "", ""],
    ];
    for (i, f) in same.iter().enumerate() {
        records.push(record(&format!("same-{i}"), *f));
    }
    // A namesake born five days later, with another patronymic, passport, phone and address;
    // and a record compatible with both (no patronymic, birth month only, no documents) that
    // links to each of them and would chain them together under connected components.
    records.push(record(
        "namesake",
        [
            "Юсупов",
            "Джамшед",
            "Алишерович",
            "12.03.1990",
            "М",
            "UZB",
            "AB7654321",
            "+998 93 765 43 21",
            "г. Казань, ул. Пушкина, д. 3, кв. 9",
            "420015",
        ],
    ));
    records.push(record("bridge", ["Yusupov", "Jamshed", "", "03.1990", "M", "UZB", "", "", "", ""]));
    let out = link::link(&table_of(&records), &default_mapping(), &[], &options(), &NoProgress).unwrap();
    let c = |i: usize| out.cluster[base + i];
    for i in 1..same.len() {
        assert_eq!(c(i), c(0), "{} links with {}", records[base + i].id, records[base].id);
    }
    let (namesake, bridge) = (base + same.len(), base + same.len() + 1);
    assert_ne!(out.cluster[namesake], c(0), "the namesake born days apart is another person");
    assert!(out.cluster[bridge] == c(0) || out.cluster[bridge] == out.cluster[namesake], "the bridge links somewhere");
    // The bridge linked to both sides; the weaker of its links was refused by the cluster rule.
    let refused = out.review.iter().any(|p| {
        p.reason == ReviewReason::Refused && (p.a == bridge || p.b == bridge || p.a == namesake || p.b == namesake)
    });
    assert!(refused, "the chain was cut by the cluster rule: {:?}", &out.review[..out.review.len().min(5)]);
}

#[test]
fn labelled_pairs_calibrate_and_are_reported() {
    let records = synth::records(1500, 14);
    let table = table_of(&records);
    let mut labels = Vec::new();
    for a in 0..records.len() {
        for b in a + 1..(a + 4).min(records.len()) {
            labels.push(LabelledPair { a, b, is_match: records[a].person == records[b].person });
        }
    }
    let out = link::link(&table, &default_mapping(), &labels, &options(), &NoProgress).unwrap();
    let (p, r) = out.summary.label_quality.unwrap();
    assert!(p > 0.9 && r > 0.9, "precision {p} recall {r}");
    assert!(out.summary.model.labelled_matches > 0);
    assert!(out.summary.model.fields.iter().any(|f| f.m_source == "labels+em"));
}

#[test]
fn a_mapping_for_other_columns_links_too() {
    // The same records under other column names, with fewer fields and a declared text field.
    let records = synth::records(1500, 15);
    let mapping = Mapping::from_toml(
        r#"
        id = "id"
        [fields.surname]
        column = "fam"
        [fields.given_name]
        column = "im"
        swap_with = "surname"
        [fields.date_of_birth]
        column = "dr"
        [fields.doc]
        column = "pasport"
        compare = "document"
        [fields.street]
        column = "adres"
        compare = "text"
        [blocking]
        rules = [["surname:block", "date_of_birth"], ["given_name:block", "date_of_birth"], ["doc:loose"]]
        "#,
    )
    .unwrap();
    let mut t = Table::new(mapping.fields.len());
    // Fields come in the mapping's order (alphabetical by name).
    let names: Vec<&str> = mapping.fields.iter().map(|f| f.name.as_str()).collect();
    for r in &records {
        let value = |name: &str| -> &str {
            match name {
                "surname" => &r.fields[0],
                "given_name" => &r.fields[1],
                "date_of_birth" => &r.fields[3],
                "doc" => &r.fields[6],
                _ => &r.fields[8],
            }
        };
        t.push(&r.id, names.iter().map(|n| value(n)));
    }
    let out = link::link(&t, &mapping, &[], &options(), &NoProgress).unwrap();
    let (precision, recall) = synth::pairwise(&records, &out.cluster);
    assert!(precision >= 0.9 && recall >= 0.85, "precision {precision} recall {recall}");
}

#[test]
fn wrong_inputs_are_errors_not_panics() {
    let mapping = default_mapping();
    let t = Table::new(3);
    assert!(link::link(&t, &mapping, &[], &options(), &NoProgress).is_err());
    let mut t = Table::new(10);
    t.push("a", [""; 10]);
    t.push("b", [""; 10]);
    let bad = [LabelledPair { a: 0, b: 5, is_match: true }];
    let err = link::link(&t, &mapping, &bad, &options(), &NoProgress).unwrap_err();
    assert!(err.to_string().contains("row 5"), "{err}");
    // All values missing: nothing links, nothing panics.
    let out = link::link(&t, &mapping, &[], &options(), &NoProgress).unwrap();
    assert_eq!(out.cluster, vec![0, 1]);
}
