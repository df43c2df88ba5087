use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
}

fn pd(s: &str) -> PartialDate {
    parse(s, today()).unwrap_or_else(|e| panic!("{s}: {}", e.message))
}

#[test]
fn reads_every_agency_form() {
    let cases = [
        ("1990-03-07", "1990-03-07"),
        ("1990.03.07", "1990-03-07"),
        ("07.03.1990", "1990-03-07"),
        ("7.3.1990", "1990-03-07"),
        ("07/03/1990", "1990-03-07"),
        ("07-03-1990", "1990-03-07"),
        ("03/27/1990", "1990-03-27"),
        ("07.13.1990", "1990-07-13"),
        ("19900307", "1990-03-07"),
        ("07031990", "1990-03-07"),
        ("19900000", "1990"),
        ("00001990", "1990"),
        ("1990", "1990"),
        ("1990 г.", "1990"),
        ("1990 года", "1990"),
        ("07.03.1990 г.", "1990-03-07"),
        ("03.1990", "1990-03"),
        ("1990-03", "1990-03"),
        ("00.00.1990", "1990"),
        ("XX.XX.1990", "1990"),
        ("ХХ.ХХ.1990", "1990"),
        ("00.03.1990", "1990-03"),
        ("15.00.1990", "1990"),
        ("07.03.90", "1990-03-07"),
        ("07.03.05", "2005-03-07"),
        ("7 марта 1990", "1990-03-07"),
        ("7 мая 1990", "1990-05-07"),
        ("07 MAR 1990", "1990-03-07"),
        ("7 March 1990", "1990-03-07"),
        ("сентябрь 1990", "1990-09"),
        ("1990-03-07T00:00:00", "1990-03-07"),
        ("07.03.1990 00:00", "1990-03-07"),
        ("  1990-03-07 ", "1990-03-07"),
    ];
    for (raw, want) in cases {
        assert_eq!(pd(raw).to_string(), want, "{raw}");
    }
}

#[test]
fn rejects_with_a_reason() {
    let cases = [
        ("", "date_format"),
        ("вчера", "date_format"),
        ("1990/13/45/1", "date_format"),
        ("900307", "date_format"),
        ("31.02.1990", "date_impossible"),
        ("32.01.1990", "date_impossible"),
        ("13.13.1990", "date_impossible"),
        ("1850", "date_out_of_range"),
        ("2027", "date_in_future"),
        ("01.06.2026", "date_in_future"),
    ];
    for (raw, code) in cases {
        assert_eq!(parse(raw, today()).unwrap_err().code, code, "{raw}");
    }
}

#[test]
fn grades_pairs() {
    use DateMatch::*;
    let cases = [
        ("1990-03-07", "07.03.1990", Exact),
        ("1990", "00.00.1990", Exact),
        ("1990-03", "03.1990", Exact),
        ("1990-03-07", "1990-07-03", DayMonthSwapped),
        ("1990-03-07", "1990-03-08", SameYearMonth),
        ("1990-03-07", "1990-03", SameYearMonth),
        ("1990-03-07", "1990", SameYear),
        ("1990-03", "1990", SameYear),
        ("1990-03-07", "1991-03-07", YearOffByOne),
        ("1990", "1989-03-07", YearOffByOne),
        ("1990-03-07", "1990-05-20", Different),
        ("1990-03-07", "1991-03-08", Different),
        ("1990-03-07", "1992-03-07", Different),
    ];
    for (a, b, want) in cases {
        assert_eq!(compare(&pd(a), &pd(b)), want, "{a} / {b}");
        assert_eq!(compare(&pd(b), &pd(a)), want, "{b} / {a}");
    }
}

proptest! {
    #[test]
    fn never_panics(raw in "\\PC{0,30}|[0-9./ -]{0,12}") {
        if let Ok(d) = parse(&raw, today()) {
            prop_assert!(d.earliest() <= today());
            prop_assert_eq!(compare(&d, &d), DateMatch::Exact);
        }
    }

    #[test]
    fn canonical_text_reads_back(y in 1900i32..2026, m in 1u32..=12, d in 1u32..=28) {
        let date = PartialDate::new(y, Some(m), Some(d)).unwrap();
        prop_assert_eq!(parse(&date.to_string(), today()).unwrap(), date);
        prop_assert_eq!(parse(&format!("{d:02}.{m:02}.{y}"), today()).unwrap(), date);
        prop_assert_eq!(parse(&format!("{y}{m:02}{d:02}"), today()).unwrap(), date);
    }
}
