//! Generated feed files for benchmarks and crash tests: interior-ministry crossings in the
//! shipped `mvd-crossings` format, valid and deterministic, with a bad row every `bad_every` rows.

use std::io::Write;

/// Syllables names are built from: 24,000 surnames and 1,200 given names, so that a benchmark
/// does not ride on a handful of names (the importer remembers validated names).
const SYLLABLES: [&str; 20] = [
    "ка", "ри", "на", "за", "ра", "хи", "ю", "су", "а", "са", "тур", "ал", "бек", "жан", "ос", "ма", "ум", "ди", "гу",
    "ло",
];
const SURNAME_ENDINGS: [&str; 3] = ["ов", "ев", "зода"];
const GIVEN_ENDINGS: [&str; 3] = ["", "бек", "жон"];

fn capitalised(parts: &[&str]) -> String {
    let joined = parts.concat();
    let mut c = joined.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn surname(i: u64) -> String {
    let s = |k: u64| SYLLABLES[(k % 20) as usize];
    capitalised(&[s(i), s(i / 20), s(i / 400), SURNAME_ENDINGS[((i / 8000) % 3) as usize]])
}

fn given_name(i: u64) -> String {
    let s = |k: u64| SYLLABLES[(k % 20) as usize];
    capitalised(&[s(i / 7), s(i / 140), GIVEN_ENDINGS[((i / 2800) % 3) as usize]])
}
const COUNTRIES: &[(&str, &str)] = &[("УЗБЕКИСТАН", "FA"), ("КИРГИЗИЯ", "AC"), ("ТАДЖИКИСТАН", "")];

/// The header line of the generated file.
pub const CROSSINGS_HEADER: &str = "НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита\n";

/// Writes `rows` crossings; every `bad_every`-th row (when non-zero) has an impossible date.
/// Returns the number of bad rows written.
pub fn write_crossings(w: &mut impl Write, rows: u64, bad_every: u64) -> std::io::Result<u64> {
    w.write_all(CROSSINGS_HEADER.as_bytes())?;
    let mut bad = 0;
    for i in 0..rows {
        let (country, series) = COUNTRIES[(i % 3) as usize];
        let number = if series.is_empty() {
            format!("{:09}", 400_000_000 + i % 99_999_999)
        } else {
            format!("{:07}", i % 9_999_999)
        };
        let is_bad = bad_every > 0 && (i + 1) % bad_every == 0;
        bad += u64::from(is_bad);
        let day = if is_bad { 31 } else { 1 + (i % 28) };
        let month = if is_bad { 2 } else { 1 + (i / 28) % 12 };
        writeln!(
            w,
            "ПГ-{:010};{};{};;{:02}.{:02}.{};М;{};{};{};{:02}.{:02}.2025;{};{}",
            i,
            surname(i % 24_000),
            given_name(i),
            1 + (i % 28),
            1 + (i / 7) % 12,
            1960 + (i % 45),
            country,
            series,
            number,
            day,
            month,
            if i % 5 == 4 { "ВЫЕЗД" } else { "ВЪЕЗД" },
            if i % 2 == 0 { "РАБОТА" } else { "" },
        )?;
    }
    Ok(bad)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_rows_map_except_the_bad_ones() {
        let mut buf = Vec::new();
        let bad = super::write_crossings(&mut buf, 1000, 100).unwrap();
        assert_eq!(bad, 10);
        let m = crate::shipped::shipped("mvd-crossings").unwrap().unwrap();
        let mapper = crate::Mapper::new(&m, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let rows = crate::reader::open(&m, Box::new(std::io::Cursor::new(buf)), None).unwrap();
        let errs = rows.map(|r| mapper.map(&r.unwrap())).filter(|r| r.is_err()).count();
        assert_eq!(errs, 10);
    }
}
