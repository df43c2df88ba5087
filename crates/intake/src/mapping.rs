//! A per-source mapping: which column of an agency's file holds which field, as configuration.
//!
//! Mappings are TOML files (shipped ones under `assets/intake/mappings/`, see docs/INTAKE.md for
//! the reference). A mapping is checked when it is loaded: an unknown fact kind, a fact field
//! the kind does not have, a required fact field with no column, a value map that maps to a value
//! the field does not accept are all refused with a message that names the key.

use std::collections::BTreeMap;

use domain::event::SourceAgency;
use domain::names::NameForm;
use domain::validate::country::Country;
use domain::validate::document::DocumentKind;
use serde::Deserialize;

/// A mapping could not be used.
#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    /// Not valid TOML or an unknown key.
    #[error("the mapping is not valid: {0}")]
    Toml(String),
    /// A value is not allowed.
    #[error("mapping key `{key}`: {message}")]
    Invalid {
        /// The key, dotted.
        key: String,
        /// What is wrong.
        message: String,
    },
}

fn invalid(key: impl Into<String>, message: impl Into<String>) -> MappingError {
    MappingError::Invalid { key: key.into(), message: message.into() }
}

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Delimited text with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// XML in the interagency envelope (docs/INTAKE.md).
    Xml,
}

impl Format {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Xml => "xml",
        }
    }
}

/// CSV dialect.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvOptions {
    /// Field delimiter, one ASCII character (default `,`).
    #[serde(default = "comma")]
    pub delimiter: char,
    /// Quote character, one ASCII character (default `"`).
    #[serde(default = "dquote")]
    pub quote: char,
}

fn comma() -> char {
    ','
}
fn dquote() -> char {
    '"'
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self { delimiter: ',', quote: '"' }
    }
}

/// XML envelope options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XmlOptions {
    /// Local name of the repeated record element inside `MessagePrimaryContent`.
    pub record: String,
}

/// Which column holds each subject field. Every entry is optional but `surname` and
/// `given_names`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectColumns {
    /// Family name.
    pub surname: Option<String>,
    /// Given names.
    pub given_names: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Date of birth.
    pub birth_date: Option<String>,
    /// Sex (through `values.sex`).
    pub sex: Option<String>,
    /// Citizenship (alpha-3, or through `values.citizenship`).
    pub citizenship: Option<String>,
    /// Document kind (through `values.document_kind`).
    pub document_kind: Option<String>,
    /// Document series and number (one column, or a `{A}{B}` template joining columns).
    pub document_number: Option<String>,
    /// Document issuer.
    pub document_issuer: Option<String>,
    /// Day of issue.
    pub document_issued_on: Option<String>,
    /// Day of expiry.
    pub document_expires_on: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// INN.
    pub inn: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
}

/// Defaults applied when a column is absent or empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Citizenship when the file has none.
    pub citizenship: Option<String>,
    /// Document kind when the file has none (passport otherwise).
    pub document_kind: Option<DocumentKind>,
    /// Values of fact fields the file does not carry (e.g. `purpose = "work"`).
    #[serde(default)]
    pub fact: BTreeMap<String, String>,
}

/// The fact every row states.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    /// A fixed kind (`crossing`, `hired`, ...), or...
    pub kind: Option<String>,
    /// ...the column the kind is read from, through `values.kind`.
    pub kind_column: Option<String>,
    /// Fact field -> column (or `{A} {B}` template).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

/// The mapping file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    source: String,
    format: Format,
    #[serde(default)]
    description: String,
    #[serde(default)]
    csv: Option<CsvOptions>,
    #[serde(default)]
    xml: Option<XmlOptions>,
    record_id: String,
    #[serde(default)]
    name_form: Option<NameForm>,
    #[serde(default = "default_date_formats")]
    date_formats: Vec<String>,
    subject: SubjectColumns,
    fact: FactSpec,
    #[serde(default)]
    defaults: Defaults,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

fn default_date_formats() -> Vec<String> {
    vec!["%Y-%m-%d".into(), "%d.%m.%Y".into()]
}

/// Where a value comes from: a column, or a template joining columns (`{Серия} {Номер}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// One column.
    Column(String),
    /// Literal text and columns.
    Template(Vec<TemplatePart>),
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Literal text.
    Text(String),
    /// A column's value.
    Column(String),
}

impl ColumnRef {
    fn parse(key: &str, s: &str) -> Result<Self, MappingError> {
        if !s.contains('{') {
            if s.trim().is_empty() {
                return Err(invalid(key, "names no column"));
            }
            return Ok(ColumnRef::Column(s.to_string()));
        }
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(TemplatePart::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| invalid(key, format!("template {s:?} has a `{{` without its `}}`")))?;
            let col = &rest[open + 1..open + close];
            if col.is_empty() {
                return Err(invalid(key, format!("template {s:?} has an empty `{{}}`")));
            }
            parts.push(TemplatePart::Column(col.to_string()));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(TemplatePart::Text(rest.to_string()));
        }
        Ok(ColumnRef::Template(parts))
    }

    /// The columns it reads.
    pub fn columns(&self) -> Vec<&str> {
        match self {
            ColumnRef::Column(c) => vec![c.as_str()],
            ColumnRef::Template(p) => p
                .iter()
                .filter_map(|p| match p {
                    TemplatePart::Column(c) => Some(c.as_str()),
                    TemplatePart::Text(_) => None,
                })
                .collect(),
        }
    }
}

/// Fact kinds and their fields: `(kind, required fields, optional fields)`.
pub const FACT_KINDS: &[(&str, &[&str], &[&str])] = &[
    ("identity", &[], &[]),
    ("crossing", &["on", "direction"], &["purpose"]),
    ("stay_registered", &["address", "from"], &["until", "host_inn"]),
    ("stay_ended", &["on"], &[]),
    ("permit_issued", &["permit", "number", "valid_from"], &["valid_until", "region"]),
    ("patent_payment", &["patent_number", "paid_on", "months"], &["amount_rub"]),
    ("tax_number", &[], &[]),
    ("service_result", &["service", "on"], &["certificate", "provider_inn"]),
    ("hired", &["employer_inn", "from"], &["position"]),
    ("fired", &["employer_inn", "on"], &[]),
    ("enrolled", &["university_inn", "from"], &["until"]),
    ("study_ended", &["university_inn", "on"], &[]),
];

fn kind_fields(kind: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    FACT_KINDS.iter().find(|(k, _, _)| *k == kind).map(|(_, r, o)| (*r, *o))
}

/// A loaded and checked mapping.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The mapping's name (file stem), stored with each batch and quarantined row.
    pub name: String,
    /// What it is for, in a sentence.
    pub description: String,
    /// The agency.
    pub source: SourceAgency,
    /// File format.
    pub format: Format,
    /// CSV dialect.
    pub csv: CsvOptions,
    /// XML record element.
    pub xml_record: Option<String>,
    /// Record id column or template.
    pub record_id: ColumnRef,
    /// Name form, or detect from the script.
    pub name_form: Option<NameForm>,
    /// Date formats tried in order (chrono `strftime` syntax).
    pub date_formats: Vec<String>,
    /// Subject field -> column.
    pub subject: BTreeMap<&'static str, ColumnRef>,
    /// Fixed fact kind, or `None` when it comes from `kind_column`.
    pub fact_kind: Option<String>,
    /// Column of the fact kind.
    pub kind_column: Option<String>,
    /// Fact field -> column.
    pub fact: BTreeMap<String, ColumnRef>,
    /// Defaults.
    pub defaults: Defaults,
    /// Default citizenship, parsed.
    pub default_citizenship: Option<Country>,
    /// Field -> (raw value -> value); raw keys are matched trimmed and case-insensitively.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

impl Mapping {
    /// Parses and checks a mapping; `name` is how batches and quarantined rows refer to it.
    pub fn from_toml(name: &str, text: &str) -> Result<Self, MappingError> {
        let f: MappingFile = toml::from_str(text).map_err(|e| MappingError::Toml(e.to_string()))?;
        let source = SourceAgency::from_code(&f.source)
            .filter(|s| !matches!(s, SourceAgency::Registry | SourceAgency::Migrant | SourceAgency::Demo))
            .ok_or_else(|| {
                invalid(
                    "source",
                    format!(
                        "{:?} is not an agency that sends feeds: use mvd, fns, medical, exam, employer, university or adaptation",
                        f.source
                    ),
                )
            })?;
        let csv = f.csv.clone().unwrap_or_default();
        for (k, c) in [("csv.delimiter", csv.delimiter), ("csv.quote", csv.quote)] {
            if !c.is_ascii() {
                return Err(invalid(k, format!("{c:?} is not one ASCII character")));
            }
        }
        if f.format == Format::Xml && f.xml.is_none() {
            return Err(invalid("xml.record", "an xml mapping must name its record element"));
        }
        if f.date_formats.is_empty() {
            return Err(invalid("date_formats", "give at least one date format, e.g. \"%d.%m.%Y\""));
        }
        for df in &f.date_formats {
            let probe = chrono::NaiveDate::from_ymd_opt(2001, 2, 3).expect("valid").format(df);
            let mut out = String::new();
            if std::fmt::Write::write_fmt(&mut out, format_args!("{probe}")).is_err() || !df.contains('%') {
                return Err(invalid("date_formats", format!("{df:?} is not a date format")));
            }
        }
        let mut subject = BTreeMap::new();
        let s = &f.subject;
        for (k, v) in [
            ("surname", &s.surname),
            ("given_names", &s.given_names),
            ("patronymic", &s.patronymic),
            ("birth_date", &s.birth_date),
            ("sex", &s.sex),
            ("citizenship", &s.citizenship),
            ("document_kind", &s.document_kind),
            ("document_number", &s.document_number),
            ("document_issuer", &s.document_issuer),
            ("document_issued_on", &s.document_issued_on),
            ("document_expires_on", &s.document_expires_on),
            ("phone", &s.phone),
            ("inn", &s.inn),
            ("address", &s.address),
            ("postcode", &s.postcode),
        ] {
            if let Some(v) = v {
                subject.insert(k, ColumnRef::parse(&format!("subject.{k}"), v)?);
            }
        }
        for req in ["surname", "given_names"] {
            if !subject.contains_key(req) {
                return Err(invalid(format!("subject.{req}"), "is required: name the column that holds it"));
            }
        }
        let (fact_kind, kind_column) = match (&f.fact.kind, &f.fact.kind_column) {
            (Some(k), None) => {
                if kind_fields(k).is_none() {
                    return Err(unknown_kind("fact.kind", k));
                }
                (Some(k.clone()), None)
            }
            (None, Some(c)) => {
                let map = f.values.get("kind").ok_or_else(|| {
                    invalid("values.kind", "a fact kind read from a column needs a value map from its values to kinds")
                })?;
                for v in map.values() {
                    if kind_fields(v).is_none() {
                        return Err(unknown_kind("values.kind", v));
                    }
                }
                (None, Some(c.clone()))
            }
            _ => return Err(invalid("fact.kind", "give exactly one of `kind` and `kind_column`")),
        };
        let kinds: Vec<String> = match &fact_kind {
            Some(k) => vec![k.clone()],
            None => f.values["kind"].values().cloned().collect(),
        };
        let mut fact = BTreeMap::new();
        for (field, col) in &f.fact.columns {
            if !kinds.iter().any(|k| {
                let (r, o) = kind_fields(k).expect("checked");
                r.contains(&field.as_str()) || o.contains(&field.as_str())
            }) {
                return Err(invalid(
                    format!("fact.columns.{field}"),
                    format!("no fact of kind {} has a field {field:?}", kinds.join("/")),
                ));
            }
            fact.insert(field.clone(), ColumnRef::parse(&format!("fact.columns.{field}"), col)?);
        }
        for k in &kinds {
            let (req, _) = kind_fields(k).expect("checked");
            for r in req {
                if !fact.contains_key(*r) && !f.defaults.fact.contains_key(*r) {
                    return Err(invalid(
                        format!("fact.columns.{r}"),
                        format!("a {k} fact needs {r}: name its column or give defaults.fact.{r}"),
                    ));
                }
            }
        }
        let default_citizenship = f
            .defaults
            .citizenship
            .as_deref()
            .map(|c| Country::parse(c).map_err(|e| invalid("defaults.citizenship", e.message)))
            .transpose()?;
        let mut values = BTreeMap::new();
        for (field, map) in f.values {
            values.insert(field, map.into_iter().map(|(k, v)| (k.trim().to_lowercase(), v)).collect());
        }
        let m = Mapping {
            name: name.to_string(),
            description: f.description,
            source,
            format: f.format,
            csv,
            xml_record: f.xml.map(|x| x.record),
            record_id: ColumnRef::parse("record_id", &f.record_id)?,
            name_form: f.name_form,
            date_formats: f.date_formats,
            subject,
            fact_kind,
            kind_column,
            fact,
            defaults: f.defaults,
            default_citizenship,
            values,
        };
        m.check_value_maps()?;
        Ok(m)
    }

    /// Every value a value map produces must be accepted by its field.
    fn check_value_maps(&self) -> Result<(), MappingError> {
        for (field, map) in &self.values {
            for (raw, v) in map {
                let ok = match field.as_str() {
                    "kind" => kind_fields(v).is_some(),
                    "sex" => crate::convert::parse_enum::<domain::person::Sex>(v).is_some(),
                    "direction" => crate::convert::parse_enum::<domain::facts::Direction>(v).is_some(),
                    "purpose" => crate::convert::parse_enum::<domain::facts::VisitPurpose>(v).is_some(),
                    "service" => crate::convert::parse_enum::<domain::facts::ServiceKind>(v).is_some(),
                    "permit" => crate::convert::parse_enum::<domain::person::PermitKind>(v).is_some(),
                    "document_kind" => crate::convert::parse_enum::<DocumentKind>(v).is_some(),
                    "citizenship" | "document_issuer" => Country::parse(v).is_ok(),
                    _ => true,
                };
                if !ok {
                    return Err(invalid(
                        format!("values.{field}"),
                        format!("{raw:?} maps to {v:?}, which {field} does not accept"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every column the mapping reads (for checking a CSV header up front).
    pub fn columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.record_id.columns();
        out.extend(self.subject.values().flat_map(|c| c.columns()));
        out.extend(self.fact.values().flat_map(|c| c.columns()));
        if let Some(k) = &self.kind_column {
            out.push(k);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn unknown_kind(key: &str, k: &str) -> MappingError {
    let all: Vec<&str> = FACT_KINDS.iter().map(|(k, _, _)| *k).collect();
    invalid(key, format!("{k:?} is not a fact kind: use one of {}", all.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
        source = "mvd"
        format = "csv"
        record_id = "{Серия}-{Номер}"
        csv = { delimiter = ";" }
        [subject]
        surname = "Фамилия"
        given_names = "Имя"
        [fact]
        kind = "crossing"
        columns = { on = "Дата", direction = "Направление" }
        [values.direction]
        "ВЪЕЗД" = "entry"
        "ВЫЕЗД" = "exit"
    "#;

    #[test]
    fn a_good_mapping_loads() {
        let m = Mapping::from_toml("t", GOOD).unwrap();
        assert_eq!(m.csv.delimiter, ';');
        assert_eq!(
            m.record_id,
            ColumnRef::Template(vec![
                TemplatePart::Column("Серия".into()),
                TemplatePart::Text("-".into()),
                TemplatePart::Column("Номер".into())
            ])
        );
        assert!(m.columns().contains(&"Направление"));
    }

    #[test]
    fn bad_mappings_name_the_problem() {
        let cases: &[(&str, &str, &str)] = &[
            ("source = \"mvd\"", "source = \"nasa\"", "source"),
            ("kind = \"crossing\"", "kind = \"flight\"", "\"flight\" is not a fact kind"),
            ("on = \"Дата\", ", "", "a crossing fact needs on"),
            ("on = \"Дата\"", "on = \"Дата\", colour = \"Ц\"", "fact.columns.colour"),
            ("\"ВЫЕЗД\" = \"exit\"", "\"ВЫЕЗД\" = \"out\"", "values.direction"),
            ("surname = \"Фамилия\"", "", "subject.surname"),
            ("record_id = \"{Серия}-{Номер}\"", "record_id = \"{Серия\"", "record_id"),
            ("csv = { delimiter = \";\" }", "csv = { delimiter = \"§\" }", "csv.delimiter"),
            ("format = \"csv\"", "format = \"xls\"", "xls"),
        ];
        for (from, to, want) in cases {
            let text = GOOD.replacen(from, to, 1);
            assert_ne!(text, GOOD, "case {to:?} did not change the mapping");
            let err = Mapping::from_toml("t", &text).expect_err(to).to_string();
            assert!(err.contains(want), "case {to:?}: {err}");
        }
    }
}
