//! Linkage rows: a staged record's subject and a registry person as rows of the scorer's table,
//! in the columns of the model (`surname`, `given_name`, `date_of_birth`, ...).
//!
//! A person with several writings of the name, documents and phones gives one row per
//! combination (capped), and the best-scoring row is the person's score: a record in Latin
//! letters meets the passport's Latin writing, one in Cyrillic the migration card's.

use chrono::NaiveDate;
use domain::date::PartialDate;
use domain::person::{ContactValue, PersonProfile};
use intake::record::Subject;
use linkage::link::Table;

/// At most this many writings, documents and phones of a person are combined into rows.
const MAX_NAMES: usize = 4;
const MAX_DOCUMENTS: usize = 3;
const MAX_PHONES: usize = 2;

/// A date as the linkage date reader takes it (`1990-03-07`, `03.1990`, `1990`).
fn date_text(d: PartialDate) -> String {
    match (d.month(), d.day()) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year()),
        (Some(m), None) => format!("{m:02}.{:04}", d.year()),
        _ => format!("{:04}", d.year()),
    }
}

/// Pushes one row: `value(field name)` for each of the model's `fields`.
fn push<'a>(table: &mut Table, fields: &[String], id: &str, value: impl Fn(&str) -> &'a str) {
    table.push(id, fields.iter().map(|f| value(f)));
}

/// Pushes the subject of a staged record as one row.
pub(crate) fn push_subject(table: &mut Table, fields: &[String], s: &Subject) {
    let birth = s.birth_date.map(date_text).unwrap_or_default();
    let citizenship = s.citizenship.map(|c| c.as_str().to_owned()).unwrap_or_default();
    let doc = s.document.as_ref().map(|d| d.number.as_str()).unwrap_or("");
    let phone = s.phone.as_ref().map(|p| p.as_str()).unwrap_or("");
    push(table, fields, "record", |f| match f {
        "surname" => &s.surname,
        "given_name" => &s.given_names,
        "patronymic" => s.patronymic.as_deref().unwrap_or(""),
        "date_of_birth" => &birth,
        "sex" => s.sex.map_or("", |x| x.code()),
        "citizenship" => &citizenship,
        "document_number" => doc,
        "phone" => phone,
        "address" => s.address.as_deref().unwrap_or(""),
        "postcode" => s.postcode.as_deref().unwrap_or(""),
        _ => "",
    });
}

/// Pushes the rows of a registry person (each writing of the name with each document and
/// phone); returns how many.
pub(crate) fn push_profile(table: &mut Table, fields: &[String], p: &PersonProfile, today: NaiveDate) -> usize {
    let birth = date_text(p.birth_date);
    let citizenship = p.citizenship.as_str().to_owned();
    let stay = p.stay_on(today).or(p.stays.last());
    let address = stay.map(|s| s.address.line()).unwrap_or_default();
    let postcode = stay.and_then(|s| s.address.postcode.clone()).unwrap_or_default();
    let mut docs: Vec<&str> =
        p.documents.iter().filter(|d| d.invalidated.is_none()).map(|d| d.number.as_str()).take(MAX_DOCUMENTS).collect();
    if docs.is_empty() {
        docs.push("");
    }
    let mut phones: Vec<&str> = p
        .contacts
        .iter()
        .filter_map(|c| match &c.value {
            ContactValue::Phone(x) => Some(x.as_str()),
            ContactValue::Email(_) => None,
        })
        .take(MAX_PHONES)
        .collect();
    if phones.is_empty() {
        phones.push("");
    }
    let id = p.id.to_string();
    let mut n = 0;
    for name in p.names.iter().take(MAX_NAMES) {
        for doc in &docs {
            for phone in &phones {
                push(table, fields, &id, |f| match f {
                    "surname" => &name.surname,
                    "given_name" => &name.given_names,
                    "patronymic" => name.patronymic.as_deref().unwrap_or(""),
                    "date_of_birth" => &birth,
                    "sex" => p.sex.code(),
                    "citizenship" => &citizenship,
                    "document_number" => doc,
                    "phone" => phone,
                    "address" => &address,
                    "postcode" => &postcode,
                    _ => "",
                });
                n += 1;
            }
        }
    }
    n
}
