//! Pipeline tests on small hand-made tables.

use super::*;

pub(super) fn options() -> Options {
    Options { threads: 2, seed: 1, today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() }
}

/// Rows of (surname, given name, date of birth, document).
fn table(rows: &[(&str, &str, &str, &str)]) -> (Table, Mapping) {
    let m = Mapping::from_toml(
        r#"
        [fields.surname]
        [fields.given_name]
        [fields.date_of_birth]
        [fields.document_number]
        [model]
        u_sample_pairs = 10000
        "#,
    )
    .unwrap();
    let mut t = Table::new(m.fields.len());
    let names: Vec<String> = m.fields.iter().map(|f| f.name.clone()).collect();
    for (i, r) in rows.iter().enumerate() {
        let value = |n: &str| match n {
            "surname" => r.0,
            "given_name" => r.1,
            "date_of_birth" => r.2,
            _ => r.3,
        };
        t.push(&format!("r{i}"), names.iter().map(|n| value(n)));
    }
    (t, m)
}

/// 300 distinct people and 40 copies in capitals, so that u and m can be estimated.
pub(super) fn agreement_rows() -> (Table, Mapping) {
    let mut rows: Vec<(String, String, String, String)> = (0..300)
        .map(|i| {
            let s = [
                "Karimov", "Rahimov", "Aliev", "Tursunov", "Saidov", "Nazarov", "Umarov", "Sharipov", "Rasulov",
                "Ergashev", "Hasanov", "Salimov", "Mirzaev",
            ][i % 13];
            let g = [
                "Jamshid", "Sardor", "Bobur", "Rustam", "Aziz", "Anvar", "Akmal", "Otabek", "Dilshod", "Temur", "Zafar",
            ][i % 11];
            (
                s.to_owned(),
                g.to_owned(),
                format!("{:02}.{:02}.{}", 1 + (i * 11) % 28, 1 + (i * 5) % 12, 1950 + (i * 7) % 50),
                format!("AA{:07}", i),
            )
        })
        .collect();
    for i in 0..40 {
        let r = rows[i * 7].clone();
        rows.push((r.0.to_uppercase(), r.1, r.2, r.3));
    }
    let refs: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|r| (r.0.as_str(), r.1.as_str(), r.2.as_str(), r.3.as_str())).collect();
    table(&refs)
}

#[test]
fn every_row_gets_the_first_row_of_its_cluster() {
    let (t, m) = agreement_rows();
    let out = link(&t, &m, &[], &options(), &NoProgress).unwrap();
    assert_eq!(out.cluster.len(), 340);
    for i in 0..40 {
        assert_eq!(out.cluster[300 + i], i * 7, "copy {i} joins its original, whose row names the cluster");
    }
    assert_eq!(out.summary.clusters, 300);
    assert!(out.cluster.iter().enumerate().all(|(row, &c)| c <= row));
}
