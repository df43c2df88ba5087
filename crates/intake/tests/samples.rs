//! Every shipped mapping reads its shipped sample: each row becomes a record, none is dropped.

use rosmigration_intake as intake;
use std::io::BufReader;
use std::path::PathBuf;

use intake::reader;
use intake::shipped::{SHIPPED, shipped};
use intake::{Fact, IntakeRecord, Mapper, RowError};

fn sample_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/intake/samples");
    ["csv", "jsonl", "xml"]
        .iter()
        .map(|e| dir.join(format!("{name}.{e}")))
        .find(|p| p.exists())
        .expect("a sample per mapping")
}

fn read(name: &str, bytes: &[u8]) -> Vec<Result<IntakeRecord, RowError>> {
    let m = shipped(name).unwrap().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mapper = Mapper::new(&m, today);
    let rows = reader::open(&m, Box::new(BufReader::new(std::io::Cursor::new(bytes.to_vec()))), None).unwrap();
    rows.map(|r| mapper.map(&r.unwrap())).collect()
}

#[test]
fn every_sample_maps_without_errors() {
    let expect = [
        ("mvd-crossings", 4, "crossing"),
        ("mvd-registrations", 3, "stay_registered"),
        ("mvd-permits", 3, "permit_issued"),
        ("fns-inn", 3, "tax_number"),
        ("fns-patent-payments", 3, "patent_payment"),
        ("medical-results", 3, "service_result"),
        ("exam-certificates", 2, "service_result"),
        ("employer-notices", 3, "hired"),
        ("university-enrolments", 3, "enrolled"),
    ];
    assert_eq!(expect.len(), SHIPPED.len(), "a case per shipped mapping");
    for (name, rows, first_kind) in expect {
        let bytes = std::fs::read(sample_path(name)).unwrap();
        let out = read(name, &bytes);
        assert_eq!(out.len(), rows, "{name}: rows");
        for (i, r) in out.iter().enumerate() {
            let rec = r.as_ref().unwrap_or_else(|e| panic!("{name} row {}: {e:?}", i + 1));
            assert!(!rec.record_id.is_empty(), "{name}");
        }
        assert_eq!(out[0].as_ref().unwrap().fact.code(), first_kind, "{name}");
    }
}

#[test]
fn values_are_mapped_and_validated() {
    let bytes = std::fs::read(sample_path("mvd-crossings")).unwrap();
    let out = read("mvd-crossings", &bytes);
    let r = out[0].as_ref().unwrap();
    assert_eq!(r.record_id, "ПГ-2026-0001");
    assert_eq!(r.subject.name_form, domain::names::NameForm::Russian);
    assert_eq!(r.subject.document.as_ref().unwrap().number, "FA1234567");
    assert_eq!(r.subject.sex, Some(domain::person::Sex::Male));
    assert_eq!(r.subject.citizenship.unwrap().as_str(), "UZB");
    assert!(matches!(r.fact, Fact::Crossing { direction: domain::facts::Direction::Entry, .. }));
    assert!(matches!(out[3].as_ref().unwrap().fact, Fact::Crossing { direction: domain::facts::Direction::Exit, .. }));

    let bytes = std::fs::read(sample_path("employer-notices")).unwrap();
    let out = read("employer-notices", &bytes);
    assert_eq!(out[2].as_ref().unwrap().record_id, "1655045678/0057");
    assert!(matches!(out[2].as_ref().unwrap().fact, Fact::Fired { .. }));

    let bytes = std::fs::read(sample_path("fns-patent-payments")).unwrap();
    let out = read("fns-patent-payments", &bytes);
    assert!(matches!(out[0].as_ref().unwrap().fact, Fact::PatentPayment { months: 2, amount_rub: Some(18_000), .. }));

    let bytes = std::fs::read(sample_path("medical-results")).unwrap();
    let out = read("medical-results", &bytes);
    assert_eq!(out[0].as_ref().unwrap().subject.name_form, domain::names::NameForm::Latin);

    let bytes = std::fs::read(sample_path("exam-certificates")).unwrap();
    let out = read("exam-certificates", &bytes);
    assert_eq!(out[1].as_ref().unwrap().record_id, "ТР-16-000782");
}

#[test]
fn bad_rows_become_errors_naming_field_and_value() {
    let csv = "НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита\n\
        X1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;31.02.2026;ВЪЕЗД;\n\
        X2;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;01.02.2026;ТУДА;\n\
        X3;;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;01.02.2026;ВЪЕЗД;\n\
        X4;Каримов;Хуршид;;12.03.1994;М;МАРС;FA;1234567;01.02.2026;ВЪЕЗД;\n\
        X5;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;F;12;01.02.2026;ВЪЕЗД;\n\
        X6;Каримов;Хуршид\n";
    let out = read("mvd-crossings", csv.as_bytes());
    let errs: Vec<RowError> = out.into_iter().map(|r| r.unwrap_err()).collect();
    let want = [
        ("date_format", "fact.on", "31.02.2026"),
        ("unknown_value", "fact.direction", "ТУДА"),
        ("missing_field", "subject.surname", "subject.surname"),
        ("country_unknown", "subject.citizenship", "МАРС"),
        ("document_format", "subject.document_number", "F12"),
        ("field_count", "", "3 fields"),
    ];
    for (e, (code, field, text)) in errs.iter().zip(want) {
        assert_eq!((e.code.as_str(), e.field.as_str()), (code, field), "{e:?}");
        assert!(e.message.contains(text), "{e:?}");
    }
}

#[test]
fn positions_and_offsets_allow_resuming() {
    let name = "mvd-crossings";
    let bytes = std::fs::read(sample_path(name)).unwrap();
    let m = shipped(name).unwrap().unwrap();
    let all: Vec<_> =
        reader::open(&m, Box::new(std::io::Cursor::new(bytes.clone())), None).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(all.last().unwrap().position.offset_after, bytes.len() as u64);
    assert_eq!(all[0].position.line, 2);
    // Resume after the second row: the rest is exactly rows 3 and 4.
    let off = all[1].position.offset_after;
    let rest = Box::new(std::io::Cursor::new(bytes[off as usize..].to_vec()));
    let resumed: Vec<_> = reader::open(&m, Box::new(std::io::Cursor::new(bytes.clone())), Some((rest, off)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(resumed.len(), 2);
    assert_eq!(resumed[0].values, all[2].values);
    assert_eq!(resumed[1].position.offset_after, bytes.len() as u64);

    for name in ["mvd-permits", "mvd-registrations"] {
        let bytes = std::fs::read(sample_path(name)).unwrap();
        let m = shipped(name).unwrap().unwrap();
        let all: Vec<_> = reader::open(&m, Box::new(std::io::Cursor::new(bytes.clone())), None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let off = all[0].position.offset_after;
        let rest = Box::new(std::io::Cursor::new(bytes[off as usize..].to_vec()));
        let resumed: Vec<_> = reader::open(&m, Box::new(std::io::Cursor::new(bytes.clone())), Some((rest, off)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(resumed.len(), all.len() - 1, "{name}");
        assert_eq!(resumed[0].values, all[1].values, "{name}");
    }
}

#[test]
fn a_csv_without_the_mapped_columns_is_refused_up_front() {
    let m = shipped("mvd-crossings").unwrap().unwrap();
    let err = match reader::open(&m, Box::new(std::io::Cursor::new(b"a;b\n1;2\n".to_vec())), None) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted"),
    };
    assert!(err.contains("\"Фамилия\""), "{err}");
}

#[test]
fn an_xml_file_outside_the_envelope_is_refused() {
    let m = shipped("exam-certificates").unwrap().unwrap();
    let mut rows = reader::open(&m, Box::new(std::io::Cursor::new(b"<a><b/></a>".to_vec())), None).unwrap();
    let err = rows.next().unwrap().unwrap_err().to_string();
    assert!(err.contains("envelope"), "{err}");
    let mut rows = reader::open(
        &m,
        Box::new(std::io::Cursor::new("<ClientMessage><MessagePrimaryContent><x><Сертификат>".as_bytes().to_vec())),
        None,
    )
    .unwrap();
    assert!(rows.next().unwrap().is_err());
}
