//! The mapping: which input columns hold which fields, how each field is compared, how candidate
//! pairs are blocked and where the decision thresholds lie.
//!
//! A data set is described by a small TOML file, so that the same linker runs on the registry's
//! exports and on any labelled benchmark. Without a file, [`Mapping::default_fields`] describes
//! the registry's person export. With `[columns]`, the logical fields listed there are compared
//! (and only they), plus the fields under `[fields]`; a file with `[fields]` only lists every
//! compared field there (`id = "..."` then names the record id column). Every problem is
//! reported with the key that causes it.
//!
//! Without `[blocking]`, rules are derived from the fields: core rules (name keys with the birth
//! date or year, document, phone, postcode with birth date) always, and wider ones (names
//! without the date, each of birth date, postcode, surname, given name alone) only while the
//! pairs they would add stay within a budget that grows with the data set: on small data sets
//! they catch duplicates with several fields wrong at once, on large ones they would cost too
//! much.
//!
//! ```toml
//! [columns]                           # the registry's logical fields -> input columns
//! record_id = "rec_id"
//! surname = "surname"                 # compared as a name (types implied by the field)
//! given_name = "given_name"           # surname and given name are also compared crossed
//! date_of_birth = "dob"
//! document_number = "soc_sec_id"
//!
//! [fields.street]                     # any other field, with its compare type
//! column = "address_1"
//! compare = "text"                    # name | text | date | exact | code | document | phone
//!                                     # | sex | country | address
//! tf = false                          # term-frequency adjustment of exact agreement
//!
//! [blocking]
//! rules = [["document_number"], ["surname:block", "date_of_birth:year"]]
//! max_block = 1000                    # larger blocks are skipped (and counted)
//!
//! [decision]
//! link = 0.9                          # posterior probability that links a pair
//! review = 0.5                        # lower end of the review band
//! cannot_link = 0.001                 # clusters with a cross pair below this stay apart
//! namesake_rule = false               # see IdentityRule (default: on without [columns]/[fields])
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How two values of a field are compared, and so which agreement levels the field has.
///
/// Exists because every kind of value has its own notion of "almost equal": a name folded across
/// scripts, a date with day and month swapped, a document number with O for 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareKind {
    /// A personal name: [`crate::name::fold`] keys; exact, same stem without -ov/-ova/-zoda
    /// ([`crate::name::surname_stem`]), Jaro-Winkler ≥ 0.94, ≥ 0.88, ≥ 0.80.
    Name,
    /// Any other string (street, suburb): lower case, spaces collapsed; exact, Jaro-Winkler ≥ 0.92, ≥ 0.80.
    Text,
    /// A date in any form [`crate::date::parse`] reads; exact, day/month swapped, one digit
    /// different, same year and month, same year, years one apart.
    Date,
    /// Equal or not (citizenship, state).
    Exact,
    /// A short code where one typing error is common (postcode, house number): exact, one edit.
    Code,
    /// A document number ([`crate::document`]): exact, equal with O = 0, one edit, two edits.
    Document,
    /// A phone ([`crate::phone`], E.164): exact, one digit different.
    Phone,
    /// Sex written as M/F, М/Ж, male/female, муж/жен: equal or not.
    Sex,
    /// A country as an alpha-3 or alpha-2 code or a Russian or English name (`UZB`, `UZ`,
    /// `Узбекистан`): equal or not.
    Country,
    /// A free-text address ([`crate::address`]): same street, house and flat; same street and
    /// house; same street.
    Address,
}

impl CompareKind {
    /// Names of the agreement levels, index = level; level 0 is always "null" (a value missing).
    pub fn level_names(self) -> &'static [&'static str] {
        match self {
            CompareKind::Name => &["null", "else", "jw>=0.80", "jw>=0.88", "jw>=0.94", "same stem", "exact"],
            CompareKind::Text => &["null", "else", "jw>=0.80", "jw>=0.92", "exact"],
            CompareKind::Date => {
                &["null", "else", "year+-1", "same year", "same year-month", "one digit", "day/month swapped", "exact"]
            }
            CompareKind::Exact | CompareKind::Sex | CompareKind::Country => &["null", "else", "exact"],
            CompareKind::Code => &["null", "else", "one edit", "exact"],
            CompareKind::Document => &["null", "else", "two edits", "one edit", "equal O=0", "exact"],
            CompareKind::Phone => &["null", "else", "one digit", "exact"],
            CompareKind::Address => &["null", "else", "same street", "street+house", "exact"],
        }
    }

    /// The highest level: agreement on the whole value.
    pub fn exact_level(self) -> u8 {
        (self.level_names().len() - 1) as u8
    }

    fn default_tf(self) -> bool {
        matches!(self, CompareKind::Name | CompareKind::Text | CompareKind::Exact | CompareKind::Code)
    }

    fn of_known_field(name: &str) -> Option<CompareKind> {
        Some(match name {
            "surname" | "given_name" | "patronymic" => CompareKind::Name,
            "date_of_birth" => CompareKind::Date,
            "sex" => CompareKind::Sex,
            "citizenship" => CompareKind::Country,
            "document_number" => CompareKind::Document,
            "phone" => CompareKind::Phone,
            "address" => CompareKind::Address,
            "postcode" => CompareKind::Code,
            _ => return None,
        })
    }
}

/// A key derived from a field for blocking.
///
/// Exists because blocking on the exact value misses the variants a comparison would forgive;
/// a coarser key (a phonetic name key, the birth year) lets them meet in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transform {
    /// The comparison key itself (folded name, canonical document, full date).
    Value,
    /// [`crate::name::block_key`] of the value (names and text).
    Block,
    /// The year of a date.
    Year,
    /// The document key with O = 0 ([`crate::document::loose_key`]).
    Loose,
}

/// One part of a blocking rule: a field and the key taken from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockPart {
    /// Index into [`Mapping::fields`].
    pub field: usize,
    /// Which key of the field.
    pub transform: Transform,
}

/// Records are compared when they agree on every part of at least one rule.
///
/// Exists so that the candidate pairs are the union of several cheap equalities instead of all
/// pairs; each rule is written as a list such as `["surname:block", "date_of_birth"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockingRule {
    /// The parts, all of which must agree (and be present).
    pub parts: Vec<BlockPart>,
    /// The rule as written, for messages.
    pub text: String,
    /// A derived wide rule, used only if its pairs fit the budget (see the module documentation).
    pub optional: bool,
}

/// One compared field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// Field name (the key under `[fields]`).
    pub name: String,
    /// Input column holding it.
    pub column: String,
    /// How it is compared.
    pub compare: CompareKind,
    /// Whether exact agreement is weighted by how rare the value is.
    pub tf: bool,
    /// Another field (index) holding the same kind of value that may be swapped with this one.
    pub swap_with: Option<usize>,
}

/// Decision thresholds, as posterior match probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A candidate pair at or above this probability is linked.
    pub link: f64,
    /// Pairs between this and `link` form the review band.
    pub review: f64,
    /// Two clusters are never merged when a pair across them scores below this.
    pub cannot_link: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { link: 0.9, review: 0.5, cannot_link: 0.001 }
    }
}

/// Everything the linker needs to know about a data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Column holding the record id.
    pub id_column: String,
    /// Compared fields, at most [`Mapping::MAX_FIELDS`].
    pub fields: Vec<FieldSpec>,
    /// Blocking rules, at most [`Mapping::MAX_RULES`], OR-ed.
    pub rules: Vec<BlockingRule>,
    /// Blocks with more records than this are skipped.
    pub max_block: usize,
    /// Decision thresholds.
    pub thresholds: Thresholds,
    /// Default country of national phone numbers.
    pub phone_country: domain::validate::country::Country,
    /// Random record pairs drawn to estimate u.
    pub u_sample_pairs: usize,
    /// Upper bound on EM iterations.
    pub max_em_iterations: usize,
    /// Whether the namesake part of the identity rule applies (see [`super::IdentityRule`]): on
    /// for the registry's export, where documents are passports; off by default for other data
    /// sets (`decision.namesake_rule`), where a "document" may be any number typed with errors.
    pub namesake_rule: bool,
    /// True when the fields come from a file: then every column must be present. The built-in
    /// default drops fields whose column is absent.
    pub columns_required: bool,
}

/// A mapping that cannot be used, with the key at fault.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MappingError {
    /// Not TOML, or a key of the wrong type or unknown (message from the TOML reader, with line).
    #[error("{0}")]
    Toml(String),
    /// A field that is not a known one and has no `compare`.
    #[error(
        "fields.{0}: `compare` is required for a field that is not one of the known fields (surname, given_name, patronymic, date_of_birth, sex, citizenship, document_number, phone, address, postcode)"
    )]
    CompareMissing(String),
    /// `[columns]` names a field that is not one of the registry's logical fields.
    #[error(
        "columns.{0}: not a logical field; use one of record_id, surname, given_name, patronymic, date_of_birth, sex, citizenship, document_number, phone, address, postcode, or declare it under [fields] with a compare type"
    )]
    UnknownColumnKey(String),
    /// A rule names a field that is not declared.
    #[error("blocking.rules: {rule:?} names the field {field:?}, which is not under [fields]")]
    UnknownRuleField {
        /// The rule as written.
        rule: String,
        /// The unknown field.
        field: String,
    },
    /// A rule asks for a key the field's type does not have.
    #[error("blocking.rules: {rule:?}: {reason}")]
    BadTransform {
        /// The rule as written.
        rule: String,
        /// What is wrong.
        reason: String,
    },
    /// `swap_with` names an unknown field or one compared differently.
    #[error("fields.{field}.swap_with: {reason}")]
    BadSwap {
        /// The field declaring the swap.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// Too many fields, rules, or none at all.
    #[error("{0}")]
    Size(String),
    /// A threshold outside (0, 1) or in the wrong order.
    #[error("decision: {0}")]
    Threshold(String),
    /// An unknown phone country.
    #[error("phone_country: {0}")]
    Country(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    id: Option<String>,
    phone_country: Option<String>,
    columns: Option<BTreeMap<String, String>>,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
    #[serde(default)]
    blocking: RawBlocking,
    #[serde(default)]
    decision: RawDecision,
    #[serde(default)]
    model: RawModel,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    column: Option<String>,
    compare: Option<CompareKind>,
    tf: Option<bool>,
    swap_with: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlocking {
    rules: Option<Vec<Vec<String>>>,
    max_block: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    link: Option<f64>,
    review: Option<f64>,
    cannot_link: Option<f64>,
    namesake_rule: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    u_sample_pairs: Option<usize>,
    max_em_iterations: Option<usize>,
}

/// The registry export's person columns after `record_id`, in output order: the columns
/// `rosmigration link` compares without a mapping file. Public so that generators of test and
/// evaluation sets write exactly these columns.
pub const DEFAULT_FIELDS: [&str; 10] = [
    "surname",
    "given_name",
    "patronymic",
    "date_of_birth",
    "sex",
    "citizenship",
    "document_number",
    "phone",
    "address",
    "postcode",
];

impl Mapping {
    /// At most this many fields: a comparison vector is packed four bits per field into a `u64`.
    pub const MAX_FIELDS: usize = 16;
    /// At most this many blocking rules: the rules a pair satisfies are a 16-bit set.
    pub const MAX_RULES: usize = 16;

    /// The registry's person export: `record_id, surname, given_name, patronymic,
    /// date_of_birth, sex, citizenship, document_number, phone, address, postcode`, with the
    /// default blocking rules. Columns absent from the input are dropped by [`Mapping::retain_columns`].
    pub fn default_fields() -> Mapping {
        let fields = DEFAULT_FIELDS
            .iter()
            .map(|&n| {
                let compare = CompareKind::of_known_field(n).unwrap_or(CompareKind::Text);
                FieldSpec { name: n.into(), column: n.into(), compare, tf: compare.default_tf(), swap_with: None }
            })
            .collect();
        let mut m = Mapping {
            id_column: "record_id".into(),
            fields,
            rules: Vec::new(),
            max_block: 1000,
            thresholds: Thresholds::default(),
            phone_country: domain::validate::country::Country::RUS,
            u_sample_pairs: 1_500_000,
            max_em_iterations: 200,
            namesake_rule: true,
            columns_required: false,
        };
        m.default_swap();
        m.rules = m.default_rules();
        m
    }

    /// Surname and given name are compared crossed too (clerks and forms swap them), unless the
    /// mapping pairs either with another field.
    fn default_swap(&mut self) {
        if let (Some(s), Some(g)) = (self.field_index("surname"), self.field_index("given_name"))
            && self.fields[s].swap_with.is_none()
            && self.fields[g].swap_with.is_none()
            && self.fields[s].compare == self.fields[g].compare
        {
            self.fields[s].swap_with = Some(g);
            self.fields[g].swap_with = Some(s);
        }
    }

    /// Reads a mapping file's text (see the module documentation for what is derived when a
    /// section is left out).
    pub fn from_toml(text: &str) -> Result<Mapping, MappingError> {
        let raw: RawMapping = toml::from_str(text).map_err(|e| MappingError::Toml(e.to_string()))?;
        let mut m = Mapping::default_fields();
        if let Some(id) = raw.id {
            m.id_column = id;
        }
        if let Some(c) = raw.phone_country {
            m.phone_country =
                domain::validate::country::Country::parse(&c).map_err(|e| MappingError::Country(e.message))?;
        }
        if let Some(columns) = &raw.columns {
            m.columns_required = true;
            if let Some(id) = columns.get("record_id") {
                m.id_column = id.clone();
            }
            if let Some(bad) = columns.keys().find(|k| *k != "record_id" && !DEFAULT_FIELDS.contains(&k.as_str())) {
                return Err(MappingError::UnknownColumnKey(bad.clone()));
            }
            // Registry order, whatever the order in the file.
            m.fields = DEFAULT_FIELDS
                .iter()
                .filter_map(|&name| columns.get(name).map(|col| (name, col)))
                .map(|(name, col)| {
                    let compare = CompareKind::of_known_field(name).unwrap_or(CompareKind::Text);
                    FieldSpec {
                        name: name.into(),
                        column: col.clone(),
                        compare,
                        tf: compare.default_tf(),
                        swap_with: None,
                    }
                })
                .collect();
        } else if !raw.fields.is_empty() {
            m.columns_required = true;
            m.fields.clear();
        }
        for (name, f) in &raw.fields {
            let compare = match f.compare.or_else(|| CompareKind::of_known_field(name)) {
                Some(c) => c,
                None => return Err(MappingError::CompareMissing(name.clone())),
            };
            let spec = FieldSpec {
                name: name.clone(),
                column: f.column.clone().unwrap_or_else(|| name.clone()),
                compare,
                tf: f.tf.unwrap_or(compare.default_tf()),
                swap_with: None,
            };
            match m.field_index(name) {
                Some(i) => m.fields[i] = spec,
                None => m.fields.push(spec),
            }
        }
        for (name, f) in &raw.fields {
            let Some(other) = &f.swap_with else { continue };
            let me = m.field_index(name).unwrap_or(0);
            let bad = |reason: String| MappingError::BadSwap { field: name.clone(), reason };
            let Some(o) = m.field_index(other) else {
                return Err(bad(format!("{other:?} is not a compared field")));
            };
            if o == me || m.fields[o].compare != m.fields[me].compare {
                return Err(bad(format!("{other:?} must be another field compared the same way")));
            }
            if !matches!(m.fields[me].compare, CompareKind::Name | CompareKind::Text) {
                return Err(bad("only name and text fields can be swapped".into()));
            }
            m.fields[me].swap_with = Some(o);
            m.fields[o].swap_with = Some(me);
        }
        m.default_swap();
        m.check_size()?;
        m.rules = match raw.blocking.rules {
            Some(rules) => rules.iter().map(|r| m.parse_rule(r)).collect::<Result<_, _>>()?,
            None => m.default_rules(),
        };
        if m.rules.is_empty() {
            return Err(MappingError::Size("blocking.rules: at least one rule is needed".into()));
        }
        if m.rules.len() > Self::MAX_RULES {
            return Err(MappingError::Size(format!("blocking.rules: at most {} rules", Self::MAX_RULES)));
        }
        if let Some(b) = raw.blocking.max_block {
            if b < 2 {
                return Err(MappingError::Size("blocking.max_block: at least 2".into()));
            }
            m.max_block = b;
        }
        let d = raw.decision;
        m.thresholds = Thresholds {
            link: d.link.unwrap_or(m.thresholds.link),
            review: d.review.unwrap_or(m.thresholds.review),
            cannot_link: d.cannot_link.unwrap_or(m.thresholds.cannot_link),
        };
        m.check_thresholds()?;
        m.namesake_rule = d.namesake_rule.unwrap_or(!m.columns_required);
        if let Some(n) = raw.model.u_sample_pairs {
            m.u_sample_pairs = n.max(1000);
        }
        if let Some(n) = raw.model.max_em_iterations {
            m.max_em_iterations = n.max(1);
        }
        Ok(m)
    }

    /// Index of the field called `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Checks the thresholds: each in (0, 1), `cannot_link` ≤ `review` ≤ `link`.
    pub fn check_thresholds(&self) -> Result<(), MappingError> {
        let t = self.thresholds;
        for (name, v) in [("link", t.link), ("review", t.review), ("cannot_link", t.cannot_link)] {
            if !(v > 0.0 && v < 1.0) {
                return Err(MappingError::Threshold(format!("{name} = {v} must lie strictly between 0 and 1")));
            }
        }
        if !(t.cannot_link <= t.review && t.review <= t.link) {
            return Err(MappingError::Threshold(format!(
                "need cannot_link ({}) <= review ({}) <= link ({})",
                t.cannot_link, t.review, t.link
            )));
        }
        Ok(())
    }

    /// Keeps only the fields whose column is among `columns` (for the built-in default, where
    /// a data set may lack some columns) and derives the blocking rules again from the fields
    /// left. Returns the dropped field names.
    pub fn retain_columns(&mut self, columns: &[&str]) -> Vec<String> {
        let keep: Vec<bool> = self.fields.iter().map(|f| columns.contains(&f.column.as_str())).collect();
        let dropped = self.fields.iter().zip(&keep).filter(|(_, k)| !**k).map(|(f, _)| f.name.clone()).collect();
        let mut new_index = vec![None; self.fields.len()];
        let mut n = 0;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                new_index[i] = Some(n);
                n += 1;
            }
        }
        let old = std::mem::take(&mut self.fields);
        self.fields = old
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(mut f, _)| {
                f.swap_with = f.swap_with.and_then(|s| new_index[s]);
                f
            })
            .collect();
        self.rules = if self.fields.is_empty() { Vec::new() } else { self.default_rules() };
        dropped
    }

    fn check_size(&self) -> Result<(), MappingError> {
        if self.fields.len() > Self::MAX_FIELDS {
            return Err(MappingError::Size(format!(
                "fields: {} fields, at most {} can be compared",
                self.fields.len(),
                Self::MAX_FIELDS
            )));
        }
        Ok(())
    }

    fn parse_rule(&self, parts: &[String]) -> Result<BlockingRule, MappingError> {
        let text = format!("[{}]", parts.join(", "));
        if parts.is_empty() {
            return Err(MappingError::BadTransform { rule: text, reason: "a rule needs at least one field".into() });
        }
        let mut out = Vec::with_capacity(parts.len());
        for p in parts {
            let (field, t) = p.split_once(':').unwrap_or((p.as_str(), ""));
            let Some(fi) = self.field_index(field.trim()) else {
                return Err(MappingError::UnknownRuleField { rule: text, field: field.trim().into() });
            };
            let kind = self.fields[fi].compare;
            let transform = match t.trim() {
                "" => Transform::Value,
                "block" if matches!(kind, CompareKind::Name | CompareKind::Text) => Transform::Block,
                "year" if kind == CompareKind::Date => Transform::Year,
                "loose" if kind == CompareKind::Document => Transform::Loose,
                other => {
                    return Err(MappingError::BadTransform {
                        rule: text,
                        reason: format!(
                            "{field}:{other}: keys are `block` (name, text), `year` (date), `loose` (document), or none"
                        ),
                    });
                }
            };
            out.push(BlockPart { field: fi, transform });
        }
        Ok(BlockingRule { parts: out, text, optional: false })
    }

    /// Rules derived from the fields present (see the module documentation): core rules, then
    /// optional wide ones; for data sets without names or dates, every field's value alone.
    fn default_rules(&self) -> Vec<BlockingRule> {
        let by_kind = |k: CompareKind| -> Vec<usize> {
            self.fields.iter().enumerate().filter(|(_, f)| f.compare == k).map(|(i, _)| i).collect()
        };
        let names = by_kind(CompareKind::Name);
        let dates = by_kind(CompareKind::Date);
        let part = |field, transform| BlockPart { field, transform };
        let mut core: Vec<Vec<BlockPart>> = Vec::new();
        let mut wide: Vec<Vec<BlockPart>> = Vec::new();
        // Registry order: surname, given name, patronymic; the first two carry the most.
        let main_names: Vec<usize> = names.iter().copied().take(2).collect();
        let postcode = self.field_index("postcode");
        if let Some(&d) = dates.first() {
            if main_names.len() == 2 {
                core.push(vec![
                    part(main_names[0], Transform::Block),
                    part(main_names[1], Transform::Block),
                    part(d, Transform::Year),
                ]);
            }
            for &n in &main_names {
                core.push(vec![part(n, Transform::Block), part(d, Transform::Value)]);
            }
        }
        if main_names.len() == 2 {
            let pair = vec![part(main_names[0], Transform::Block), part(main_names[1], Transform::Block)];
            if dates.is_empty() { core.push(pair) } else { wide.push(pair) }
        }
        for d in by_kind(CompareKind::Document) {
            core.push(vec![part(d, Transform::Loose)]);
        }
        for p in by_kind(CompareKind::Phone) {
            core.push(vec![part(p, Transform::Value)]);
        }
        if let (Some(&d), Some(pc)) = (dates.first(), postcode) {
            core.push(vec![part(pc, Transform::Value), part(d, Transform::Value)]);
        }
        if let Some(&d) = dates.first() {
            wide.push(vec![part(d, Transform::Value)]);
        }
        if let Some(pc) = postcode {
            wide.push(vec![part(pc, Transform::Value)]);
        }
        for &n in &main_names {
            wide.push(vec![part(n, Transform::Block)]);
        }
        if core.is_empty() {
            core = (0..self.fields.len()).map(|f| vec![part(f, Transform::Value)]).collect();
            wide.clear();
        }
        let mut rules: Vec<BlockingRule> = core
            .into_iter()
            .map(|parts| BlockingRule { text: self.rule_text(&parts), parts, optional: false })
            .chain(wide.into_iter().map(|parts| BlockingRule { text: self.rule_text(&parts), parts, optional: true }))
            .collect();
        rules.truncate(Self::MAX_RULES);
        rules
    }

    fn rule_text(&self, parts: &[BlockPart]) -> String {
        let shown: Vec<String> = parts
            .iter()
            .map(|p| {
                let suffix = match p.transform {
                    Transform::Value => "",
                    Transform::Block => ":block",
                    Transform::Year => ":year",
                    Transform::Loose => ":loose",
                };
                format!("{}{suffix}", self.fields[p.field].name)
            })
            .collect();
        format!("[{}]", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_mapping_has_the_registry_columns_and_rules() {
        let m = Mapping::default_fields();
        assert_eq!(m.id_column, "record_id");
        assert_eq!(m.fields.len(), 10);
        let texts: Vec<&str> = m.rules.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "[surname:block, given_name:block, date_of_birth:year]",
                "[surname:block, date_of_birth]",
                "[given_name:block, date_of_birth]",
                "[document_number:loose]",
                "[phone]",
                "[postcode, date_of_birth]",
                "[surname:block, given_name:block]",
                "[date_of_birth]",
                "[postcode]",
                "[surname:block]",
                "[given_name:block]",
            ]
        );
        assert_eq!(m.rules.iter().filter(|r| r.optional).count(), 5, "the wide rules are optional");
        let (s, g) = (m.field_index("surname").unwrap(), m.field_index("given_name").unwrap());
        assert_eq!((m.fields[s].swap_with, m.fields[g].swap_with), (Some(g), Some(s)), "swapped names compared");
    }

    #[test]
    fn columns_map_logical_fields_and_fields_add_more() {
        // The shape of the benchmark harness's FEBRL mapping.
        let m = Mapping::from_toml(
            r#"
            [columns]
            record_id = "rec_id"
            surname = "surname"
            given_name = "given_name"
            date_of_birth = "date_of_birth"
            postcode = "postcode"
            document_number = "soc_sec_id"
            address = "address_1"

            [fields.street_number]
            column = "street_number"
            compare = "exact"
            [fields.suburb]
            column = "suburb"
            compare = "text"
            "#,
        )
        .unwrap();
        assert_eq!(m.id_column, "rec_id");
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "surname",
                "given_name",
                "date_of_birth",
                "document_number",
                "address",
                "postcode",
                "street_number",
                "suburb"
            ]
        );
        let doc = &m.fields[m.field_index("document_number").unwrap()];
        assert_eq!((doc.column.as_str(), doc.compare), ("soc_sec_id", CompareKind::Document));
        assert!(m.columns_required);
        assert!(m.fields[0].swap_with.is_some());
        let err = Mapping::from_toml("[columns]\nfamily = \"fam\"\n").unwrap_err().to_string();
        assert!(err.contains("columns.family: not a logical field"), "{err}");
    }

    #[test]
    fn retain_columns_drops_fields_and_derives_rules_again() {
        let mut m = Mapping::default_fields();
        let dropped = m.retain_columns(&["record_id", "surname", "given_name", "date_of_birth"]);
        assert_eq!(dropped.len(), 7);
        assert_eq!(m.fields.len(), 3);
        assert_eq!(m.rules.iter().filter(|r| !r.optional).count(), 3, "{:?}", m.rules);
        let mut m = Mapping::default_fields();
        m.retain_columns(&["surname"]);
        let texts: Vec<&str> = m.rules.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["[surname]"], "one field alone still blocks on itself");
    }

    #[test]
    fn a_febrl_mapping_parses() {
        let m = Mapping::from_toml(
            r#"
            id = "rec_id"
            [fields.given_name]
            swap_with = "surname"
            [fields.surname]
            [fields.date_of_birth]
            [fields.soc_sec_id]
            compare = "document"
            [fields.street]
            column = "address_1"
            compare = "text"
            tf = false
            [blocking]
            rules = [["soc_sec_id"], ["surname:block", "date_of_birth:year"]]
            max_block = 500
            [decision]
            link = 0.95
            "#,
        )
        .unwrap();
        assert_eq!(m.id_column, "rec_id");
        assert_eq!(m.fields.len(), 5);
        let street = &m.fields[m.field_index("street").unwrap()];
        assert_eq!((street.column.as_str(), street.compare, street.tf), ("address_1", CompareKind::Text, false));
        let g = m.field_index("given_name").unwrap();
        let s = m.field_index("surname").unwrap();
        assert_eq!(m.fields[g].swap_with, Some(s));
        assert_eq!(m.fields[s].swap_with, Some(g));
        assert_eq!(m.rules[1].parts[1].transform, Transform::Year);
        assert_eq!(m.max_block, 500);
        assert_eq!(m.thresholds.link, 0.95);
        assert!(m.columns_required);
    }

    #[test]
    fn the_shipped_febrl_mapping_is_valid() {
        let m = Mapping::from_toml(include_str!("../../mappings/febrl.toml")).unwrap();
        assert_eq!((m.id_column.as_str(), m.fields.len(), m.rules.len()), ("rec_id", 10, 5));
    }

    #[test]
    fn errors_name_the_key_at_fault() {
        let cases: &[(&str, &str)] = &[
            ("[fields.street]\ncolumn = \"a\"\n", "fields.street: `compare` is required"),
            ("[fields.x]\ncompare = \"fuzzy\"\n", "unknown variant `fuzzy`"),
            ("[fields.surname]\ncolour = 1\n", "unknown field `colour`"),
            ("[fields.surname]\n[blocking]\nrules = [[\"dob\"]]\n", "names the field \"dob\""),
            ("[fields.surname]\n[blocking]\nrules = [[\"surname:year\"]]\n", "surname:year"),
            ("[decision]\nlink = 1.5\n", "link = 1.5 must lie strictly between 0 and 1"),
            ("[decision]\nreview = 0.95\n", "need cannot_link"),
            ("[fields.surname]\nswap_with = \"sex\"\n", "fields.surname.swap_with"),
            ("phone_country = \"XYZ\"\n", "phone_country"),
            ("id = [\n", "TOML parse error"),
        ];
        for (text, want) in cases {
            let err = Mapping::from_toml(text).expect_err(text).to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
        let too_many: String = (0..17).map(|i| format!("[fields.f{i}]\ncompare = \"exact\"\n")).collect();
        assert!(Mapping::from_toml(&too_many).unwrap_err().to_string().contains("at most 16"));
    }
}
