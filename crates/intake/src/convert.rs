//! Row → [`IntakeRecord`], or a [`RowError`] naming the field and the bad value.
//!
//! Every value goes through the domain's parsers (names, dates, countries, documents, phones,
//! INNs), so a staged record is well-formed. Nothing is dropped: a row that does not map is an
//! error the caller quarantines.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::date::PartialDate;
use domain::names::NameForm;
use domain::validate::contact::Phone;
use domain::validate::country::Country;
use domain::validate::document::{DocumentKind, normalize_document_number};
use domain::validate::inn::Inn;
use domain::validate::text::{Script, person_name, script_of};
use serde::de::DeserializeOwned;

use crate::mapping::{ColumnRef, Mapping, TemplatePart};
use crate::reader::RawRow;
use crate::record::{DocumentRef, Fact, IntakeRecord, Subject};

/// Why a row did not become a record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct RowError {
    /// Machine-readable code (`missing_field`, `date_format`, `inn_checksum`, `changed_content`, ...).
    pub code: String,
    /// The field (mapping name, e.g. `subject.birth_date`), empty for the whole row.
    pub field: String,
    /// Human-readable reason naming the field and the value.
    pub message: String,
}

impl RowError {
    /// Builds an error.
    pub fn new(code: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), field: field.into(), message: message.into() }
    }
}

/// Parses a snake_case enum value through its serde form (`"entry"` → `Direction::Entry`).
pub fn parse_enum<T: DeserializeOwned>(v: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(v.to_string())).ok()
}

/// Maps rows of one mapping; holds what is worked out once per file.
///
/// Names repeat a great deal in a feed (a region's foreign workers share a few thousand
/// surnames and given names), and their validation (Unicode normalisation, script checks) is
/// the costliest part of mapping a row, so validated names are remembered, up to
/// [`NAME_CACHE`] of them.
pub struct Mapper<'a> {
    mapping: &'a Mapping,
    today: NaiveDate,
    names: RefCell<HashMap<String, Result<String, domain::error::ValueError>>>,
}

/// How many validated names a [`Mapper`] remembers before it starts over.
pub const NAME_CACHE: usize = 65_536;

struct Ctx<'r, 'm> {
    row: &'r RawRow,
    m: &'m Mapping,
    today: NaiveDate,
    names: &'m RefCell<HashMap<String, Result<String, domain::error::ValueError>>>,
}

impl Ctx<'_, '_> {
    fn column(&self, c: &ColumnRef) -> Option<String> {
        match c {
            ColumnRef::Column(c) => self.row.get(c).filter(|v| !v.is_empty()).map(str::to_string),
            ColumnRef::Template(parts) => {
                let mut out = String::new();
                let mut any = false;
                for p in parts {
                    match p {
                        TemplatePart::Text(t) => out.push_str(t),
                        TemplatePart::Column(c) => {
                            if let Some(v) = self.row.get(c).filter(|v| !v.is_empty()) {
                                any = true;
                                out.push_str(v);
                            }
                        }
                    }
                }
                any.then(|| out.trim().to_string())
            }
        }
    }

    /// The raw text of a subject field, through its value map.
    fn subject(&self, field: &str) -> Option<String> {
        let v = self.m.subject.get(field).and_then(|c| self.column(c))?;
        Some(self.mapped(field, v))
    }

    /// The raw text of a fact field (column, else default), through its value map.
    fn fact(&self, field: &str) -> Option<String> {
        let v =
            self.m.fact.get(field).and_then(|c| self.column(c)).or_else(|| self.m.defaults.fact.get(field).cloned())?;
        Some(self.mapped(field, v))
    }

    fn mapped(&self, field: &str, v: String) -> String {
        match self.m.values.get(field) {
            // Keys are stored lower-cased; most files use one spelling, so the exact key is
            // tried before lower-casing the value.
            Some(map) => map.get(v.as_str()).or_else(|| map.get(&v.to_lowercase())).cloned().unwrap_or(v),
            None => v,
        }
    }

    fn date(&self, key: &str, v: &str) -> Result<NaiveDate, RowError> {
        if let Some(d) = parse_date(&self.m.date_formats, v) {
            return Ok(d);
        }
        Err(RowError::new(
            "date_format",
            key,
            format!("{key}: {v:?} is not a date in the format {}", self.m.date_formats.join(" or ")),
        ))
    }

    fn req(&self, field: &str) -> Result<String, RowError> {
        self.fact(field).ok_or_else(|| missing(&format!("fact.{field}")))
    }

    fn req_date(&self, field: &str) -> Result<NaiveDate, RowError> {
        let v = self.req(field)?;
        self.date(&format!("fact.{field}"), &v)
    }

    fn opt_date(&self, field: &str) -> Result<Option<NaiveDate>, RowError> {
        self.fact(field).map(|v| self.date(&format!("fact.{field}"), &v)).transpose()
    }

    fn req_inn(&self, field: &str) -> Result<Inn, RowError> {
        let v = self.req(field)?;
        inn(&format!("fact.{field}"), &v)
    }

    fn opt_inn(&self, field: &str) -> Result<Option<Inn>, RowError> {
        self.fact(field).map(|v| inn(&format!("fact.{field}"), &v)).transpose()
    }

    fn req_enum<T: DeserializeOwned>(&self, field: &str, allowed: &str) -> Result<T, RowError> {
        let v = self.req(field)?;
        parse_enum(&v).ok_or_else(|| {
            RowError::new(
                "unknown_value",
                format!("fact.{field}"),
                format!("fact.{field}: {v:?} is not one of {allowed} (add it to values.{field} in the mapping)"),
            )
        })
    }

    fn text(&self, field: &str, max: usize) -> Result<Option<String>, RowError> {
        self.fact(field)
            .map(|v| {
                domain::validate::text::clean_text(&v, max)
                    .map_err(|e| RowError::new(e.code, format!("fact.{field}"), format!("fact.{field}: {}", e.message)))
            })
            .transpose()
    }
}

fn missing(field: &str) -> RowError {
    RowError::new("missing_field", field, format!("{field} is empty or missing"))
}

fn inn(key: &str, v: &str) -> Result<Inn, RowError> {
    Inn::parse(v).map_err(|e| RowError::new(e.code, key, format!("{key}: {v:?}: {}", e.message)))
}

impl<'a> Mapper<'a> {
    /// A mapper for rows of `mapping`; dates after `today` are refused as birth dates.
    pub fn new(mapping: &'a Mapping, today: NaiveDate) -> Self {
        Self { mapping, today, names: RefCell::new(HashMap::new()) }
    }

    /// The mapping.
    pub fn mapping(&self) -> &Mapping {
        self.mapping
    }

    /// The record id of a row, if it has one (also for rows that fail to map, so that
    /// quarantine shows it).
    pub fn record_id(&self, row: &RawRow) -> Option<String> {
        Ctx { row, m: self.mapping, today: self.today, names: &self.names }.column(&self.mapping.record_id)
    }

    /// Maps one row.
    pub fn map(&self, row: &RawRow) -> Result<IntakeRecord, RowError> {
        if let Some(e) = &row.unreadable {
            return Err(e.clone());
        }
        let c = Ctx { row, m: self.mapping, today: self.today, names: &self.names };
        let record_id = c.column(&self.mapping.record_id).ok_or_else(|| missing("record_id"))?;
        if record_id.chars().count() > 200 {
            return Err(RowError::new("record_id_too_long", "record_id", "record_id is longer than 200 characters"));
        }
        let subject = subject(&c)?;
        let fact = fact(&c)?;
        Ok(IntakeRecord { source: self.mapping.source, record_id, subject, fact })
    }
}

fn name(c: &Ctx<'_, '_>, field: &str, required: bool) -> Result<Option<String>, RowError> {
    let key = format!("subject.{field}");
    match c.subject(field) {
        None if required => Err(missing(&key)),
        None => Ok(None),
        Some(v) => {
            let mut cache = c.names.borrow_mut();
            let checked = match cache.get(&v) {
                Some(r) => r.clone(),
                None => {
                    if cache.len() >= NAME_CACHE {
                        cache.clear();
                    }
                    let r = person_name(&v);
                    cache.insert(v.clone(), r.clone());
                    r
                }
            };
            checked.map(Some).map_err(|e| RowError::new(e.code, &key, format!("{key}: {v:?}: {}", e.message)))
        }
    }
}

fn subject(c: &Ctx<'_, '_>) -> Result<Subject, RowError> {
    let surname = name(c, "surname", true)?.expect("required");
    let given_names = name(c, "given_names", true)?.expect("required");
    let patronymic = name(c, "patronymic", false)?;
    let name_form = c.m.name_form.unwrap_or_else(|| match script_of(&format!("{surname} {given_names}")) {
        Some(Script::Latin) => NameForm::Latin,
        Some(Script::Cyrillic) if is_russian(&surname) && is_russian(&given_names) => NameForm::Russian,
        _ => NameForm::Native,
    });
    let birth_date = c
        .subject("birth_date")
        .map(|v| {
            let key = "subject.birth_date";
            let parsed =
                c.m.date_formats
                    .iter()
                    .find_map(|f| NaiveDate::parse_from_str(&v, f).ok())
                    .map(PartialDate::full)
                    .map(Ok)
                    .unwrap_or_else(|| PartialDate::parse(&v, c.today));
            match parsed {
                Ok(d) if d.earliest() > c.today => {
                    Err(RowError::new("date_in_future", key, format!("{key}: {v:?} is in the future")))
                }
                Ok(d) => Ok(d),
                Err(e) => Err(RowError::new(e.code, key, format!("{key}: {v:?}: {}", e.message))),
            }
        })
        .transpose()?;
    let sex = c
        .subject("sex")
        .map(|v| {
            parse_enum(&v).ok_or_else(|| {
                RowError::new(
                    "unknown_value",
                    "subject.sex",
                    format!("subject.sex: {v:?} is not male or female (add it to values.sex in the mapping)"),
                )
            })
        })
        .transpose()?;
    let citizenship = match c.subject("citizenship") {
        Some(v) => Some(country("subject.citizenship", &v)?),
        None => c.m.default_citizenship,
    };
    let document = match c.subject("document_number") {
        None => None,
        Some(raw) => {
            let kind = match c.subject("document_kind") {
                Some(k) => parse_enum::<DocumentKind>(&k).ok_or_else(|| {
                    RowError::new(
                        "unknown_value",
                        "subject.document_kind",
                        format!("subject.document_kind: {k:?} is not a document kind (add it to values.document_kind)"),
                    )
                })?,
                None => c.m.defaults.document_kind.unwrap_or(DocumentKind::Passport),
            };
            let issuer = c.subject("document_issuer").map(|v| country("subject.document_issuer", &v)).transpose()?;
            let by = issuer
                .or(citizenship)
                .unwrap_or_else(|| Country::parse("DEU").expect("a valid code: the generic passport rule"));
            let number = normalize_document_number(kind, by, &raw).map_err(|e| {
                RowError::new(
                    e.code,
                    "subject.document_number",
                    format!("subject.document_number: {raw:?}: {}", e.message),
                )
            })?;
            let d = |f: &str| c.subject(f).map(|v| c.date(&format!("subject.{f}"), &v)).transpose();
            Some(DocumentRef {
                kind,
                issuer,
                number,
                issued_on: d("document_issued_on")?,
                expires_on: d("document_expires_on")?,
            })
        }
    };
    let phone = c
        .subject("phone")
        .map(|v| {
            Phone::parse(&v)
                .map_err(|e| RowError::new(e.code, "subject.phone", format!("subject.phone: {v:?}: {}", e.message)))
        })
        .transpose()?;
    let inn_v = c.subject("inn").map(|v| inn("subject.inn", &v)).transpose()?;
    let clean = |f: &str, max: usize| {
        c.subject(f)
            .map(|v| {
                domain::validate::text::clean_text(&v, max)
                    .map_err(|e| RowError::new(e.code, format!("subject.{f}"), format!("subject.{f}: {}", e.message)))
            })
            .transpose()
    };
    Ok(Subject {
        name_form,
        surname,
        given_names,
        patronymic,
        birth_date,
        sex,
        citizenship,
        document,
        phone,
        inn: inn_v,
        address: clean("address", 500)?,
        postcode: clean("postcode", 12)?,
    })
}

/// Russian Cyrillic only (no Uzbek/Tajik/Kazakh/Kyrgyz extra letters).
fn is_russian(s: &str) -> bool {
    s.chars().all(|ch| matches!(ch, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || !ch.is_alphabetic())
}

/// A date in the first of `formats` that reads it. `%d.%m.%Y` and `%Y-%m-%d`, the formats
/// nearly every feed uses, are read without chrono's format interpreter (which re-parses the
/// format string for every value); any other format goes through chrono.
pub fn parse_date(formats: &[String], v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')))
    };
    let fast = |f: &str| -> Option<NaiveDate> {
        match f {
            "%d.%m.%Y" if b.len() == 10 && b[2] == b'.' && b[5] == b'.' => {
                NaiveDate::from_ymd_opt(num(6..10)? as i32, num(3..5)?, num(0..2)?)
            }
            "%Y-%m-%d" if b.len() == 10 && b[4] == b'-' && b[7] == b'-' => {
                NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
            }
            _ => None,
        }
    };
    // The fast path only answers for the usual zero-padded shapes; anything else (1.3.1994,
    // other formats, invalid days) is left to chrono, so the result is always chrono's.
    formats.iter().find_map(|f| fast(f).or_else(|| NaiveDate::parse_from_str(v, f).ok()))
}

fn country(key: &str, v: &str) -> Result<Country, RowError> {
    Country::parse(v).map_err(|e| RowError::new(e.code, key, format!("{key}: {}", e.message)))
}

fn fact(c: &Ctx<'_, '_>) -> Result<Fact, RowError> {
    let kind = match (&c.m.fact_kind, &c.m.kind_column) {
        (Some(k), _) => k.clone(),
        (None, Some(col)) => {
            let raw = c.row.get(col).unwrap_or("").trim().to_string();
            let mapped = c.m.values.get("kind").and_then(|m| m.get(&raw.to_lowercase()));
            match mapped {
                Some(k) => k.clone(),
                None => {
                    return Err(RowError::new(
                        "unknown_kind",
                        "fact.kind",
                        format!("fact.kind: {raw:?} in column {col:?} is not in values.kind of the mapping"),
                    ));
                }
            }
        }
        (None, None) => unreachable!("checked when the mapping was loaded"),
    };
    Ok(match kind.as_str() {
        "identity" => Fact::Identity,
        "tax_number" => {
            if c.subject("inn").is_none() {
                return Err(missing("subject.inn"));
            }
            Fact::TaxNumber
        }
        "crossing" => Fact::Crossing {
            on: c.req_date("on")?,
            direction: c.req_enum("direction", "entry, exit")?,
            purpose: match c.fact("purpose") {
                None => Default::default(),
                Some(_) => c.req_enum("purpose", "work, study, private, tourism, business, other")?,
            },
        },
        "stay_registered" => Fact::StayRegistered {
            address: c.text("address", 500)?.ok_or_else(|| missing("fact.address"))?,
            from: c.req_date("from")?,
            until: c.opt_date("until")?,
            host_inn: c.opt_inn("host_inn")?,
        },
        "stay_ended" => Fact::StayEnded { on: c.req_date("on")? },
        "permit_issued" => Fact::PermitIssued {
            permit: c.req_enum("permit", "patent, temporary_residence, residence, visa, work_permit, student")?,
            number: c.text("number", 40)?.ok_or_else(|| missing("fact.number"))?,
            valid_from: c.req_date("valid_from")?,
            valid_until: c.opt_date("valid_until")?,
            region: c.text("region", 2)?,
        },
        "patent_payment" => Fact::PatentPayment {
            patent_number: c.text("patent_number", 40)?.ok_or_else(|| missing("fact.patent_number"))?,
            paid_on: c.req_date("paid_on")?,
            months: {
                let v = c.req("months")?;
                match v.parse::<u8>() {
                    Ok(m @ 1..=12) => m,
                    _ => {
                        return Err(RowError::new(
                            "months_range",
                            "fact.months",
                            format!("fact.months: {v:?} is not a number of months from 1 to 12"),
                        ));
                    }
                }
            },
            amount_rub: c
                .fact("amount_rub")
                .map(|v| {
                    let t: String = v.chars().filter(|ch| !ch.is_whitespace()).collect();
                    let t = t.split([',', '.']).next().unwrap_or("").to_string();
                    t.parse::<u32>().map_err(|_| {
                        RowError::new(
                            "amount_format",
                            "fact.amount_rub",
                            format!("fact.amount_rub: {v:?} is not an amount in roubles"),
                        )
                    })
                })
                .transpose()?,
        },
        "service_result" => Fact::ServiceResult {
            service: c.req_enum("service", "fingerprinting, medical, exam")?,
            on: c.req_date("on")?,
            certificate: c.text("certificate", 40)?,
            provider_inn: c.opt_inn("provider_inn")?,
        },
        "hired" => Fact::Hired {
            employer_inn: c.req_inn("employer_inn")?,
            position: c.text("position", 200)?,
            from: c.req_date("from")?,
        },
        "fired" => Fact::Fired { employer_inn: c.req_inn("employer_inn")?, on: c.req_date("on")? },
        "enrolled" => Fact::Enrolled {
            university_inn: c.req_inn("university_inn")?,
            from: c.req_date("from")?,
            until: c.opt_date("until")?,
        },
        "study_ended" => Fact::StudyEnded { university_inn: c.req_inn("university_inn")?, on: c.req_date("on")? },
        other => unreachable!("fact kind {other} checked when the mapping was loaded"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_date_formats_agree_with_chrono() {
        let formats = ["%d.%m.%Y", "%Y-%m-%d"];
        for v in [
            "12.03.1994",
            "2026-09-05",
            "31.02.2026",
            "2026-13-01",
            "1.3.1994",
            "12-03-1994",
            "ab.cd.efgh",
            "",
            "29.02.2024",
        ] {
            let fast = parse_date(&formats.map(String::from), v);
            let slow = formats.iter().find_map(|f| NaiveDate::parse_from_str(v, f).ok());
            assert_eq!(fast, slow, "{v:?}");
        }
        // Other formats go through chrono.
        assert_eq!(parse_date(&["%d/%m/%Y".into()], "05/09/2026"), NaiveDate::from_ymd_opt(2026, 9, 5));
    }
}
