//! A fitted model that outlives its batch run, and a scorer of one record against others.
//!
//! The batch linker's [`Model`] keeps its term frequencies by the interned ids of one run, which
//! mean nothing to the next. A [`Snapshot`] keeps what scoring needs in a form that does: per
//! field the compare kind, m and u per level, the prior, the [`IdentityRule`], and the
//! term-frequency weights keyed by the normalised *value* (the frequent values; every other value
//! gets the weight of a rarer one). It is plain serde JSON, written by `rosmigration link
//! --model-out` and `rosmigration relink`, so a region's registry can link one new record at a
//! time with the model its own batch run fitted.
//!
//! The [`Scorer`] normalises and compares with the batch linker's own code (`prepare` and
//! `compare` run over a small table of the record and its candidates) and adds the weight up
//! with the batch linker's `Weights`: a pair scores the same in both.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::validate::country::Country;
use serde::{Deserialize, Serialize};

use super::compare::Comparer;
use super::mapping::{CompareKind, FieldSpec, Thresholds};
use super::model::{IdentityRule, Model, Weights, tf_weight};
use super::prepare::{self, NULL, Prepared};
use super::{NoProgress, Table, probability};

/// Current format of [`Snapshot`] files.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// Term-frequency weights kept per field at most (the most frequent values).
pub const TF_KEEP: usize = 50_000;

/// A fitted model, serialisable (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_FORMAT`] when written.
    pub format: u32,
    /// Records of the run that fitted it.
    pub records: u64,
    /// Probability that two random records match.
    pub prior: f64,
    /// Decision thresholds of the run.
    pub thresholds: Thresholds,
    /// Default country of national phone numbers (alpha-3).
    pub phone_country: String,
    /// Pairs this rule separates are two persons (field indices into `fields`).
    pub identity: IdentityRule,
    /// Compared fields, in the order of the table the scorer is given.
    pub fields: Vec<SnapshotField>,
}

/// One field of a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotField {
    /// Field name (`surname`, `date_of_birth`, ...).
    pub name: String,
    /// How it is compared.
    pub compare: CompareKind,
    /// Field (index) whose values may be swapped with this one's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swap_with: Option<usize>,
    /// Level names, index = level (for readers of the file; the compare kind defines them).
    pub levels: Vec<String>,
    /// m per level (index 0, null, unused).
    pub m: Vec<f64>,
    /// u per level (index 0, null, unused).
    pub u: Vec<f64>,
    /// Term-frequency adjustment of exact agreement, when the field has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tf: Option<TermFrequencies>,
}

/// Weight added to exact agreement on a value, by value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermFrequencies {
    /// Weight of a value not listed (rarer than every listed one).
    pub default: f32,
    /// Weight per normalised value (the comparison key, e.g. a folded name).
    pub values: BTreeMap<String, f32>,
}

/// A snapshot that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SnapshotError {
    /// Written by another version of the format.
    #[error("model format {0} is not supported (expected {SNAPSHOT_FORMAT})")]
    Format(u32),
    /// Fields disagree with their compare kinds or with each other.
    #[error("field {0}: {1}")]
    Field(String, String),
    /// No field to compare, or more than the packed comparison vector holds.
    #[error("a model needs 1 to 16 fields, this one has {0}")]
    Fields(usize),
}

impl Snapshot {
    /// The snapshot of a fitted batch run: `fields` are the run's prepared values, `specs` its
    /// mapping's fields. Keeps the term frequencies of values held by at least two records, at
    /// most `tf_keep` per field.
    pub(crate) fn of_run(
        model: &Model,
        fields: &[Prepared],
        specs: &[FieldSpec],
        thresholds: Thresholds,
        phone_country: Country,
        tf_keep: usize,
    ) -> Snapshot {
        let records = fields.first().map_or(0, |p| p.ids.len() as u64);
        let out = model
            .fields
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let weights = model.tf(k);
                let tf = (!weights.is_empty()).then(|| {
                    let p = &fields[k];
                    let mut ids: Vec<u32> = (0..p.keys.len() as u32).filter(|&i| p.counts[i as usize] >= 2).collect();
                    ids.sort_unstable_by(|&a, &b| p.counts[b as usize].cmp(&p.counts[a as usize]).then(a.cmp(&b)));
                    let u_exact = f.u[f.kind.exact_level() as usize];
                    let default = if ids.len() > tf_keep {
                        ids.truncate(tf_keep);
                        // The rarest kept value: those dropped are at least as common.
                        ids.last().map_or(0.0, |&i| weights[i as usize])
                    } else {
                        tf_weight(u_exact, 1, p.non_null as f64)
                    };
                    let values = ids.iter().map(|&i| (p.key(i).to_owned(), weights[i as usize])).collect();
                    TermFrequencies { default, values }
                });
                SnapshotField {
                    name: f.name.clone(),
                    compare: f.kind,
                    swap_with: specs[k].swap_with,
                    levels: f.kind.level_names().iter().map(|s| (*s).to_owned()).collect(),
                    m: f.m.clone(),
                    u: f.u.clone(),
                    tf,
                }
            })
            .collect();
        Snapshot {
            format: SNAPSHOT_FORMAT,
            records,
            prior: model.prior,
            thresholds,
            phone_country: phone_country.as_str().to_owned(),
            identity: model.identity.clone(),
            fields: out,
        }
    }

    /// Field names, in table order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.name.as_str())
    }

    /// Index of field `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    fn check(&self) -> Result<(), SnapshotError> {
        if self.format != SNAPSHOT_FORMAT {
            return Err(SnapshotError::Format(self.format));
        }
        if self.fields.is_empty() || self.fields.len() > 16 {
            return Err(SnapshotError::Fields(self.fields.len()));
        }
        for f in &self.fields {
            let n = f.compare.level_names().len();
            if f.m.len() != n || f.u.len() != n {
                return Err(SnapshotError::Field(f.name.clone(), format!("m and u need {n} levels")));
            }
            if f.m.iter().chain(&f.u).skip(1).any(|&x| !(x.is_finite() && x >= 0.0)) {
                return Err(SnapshotError::Field(f.name.clone(), "m and u must be finite and not negative".into()));
            }
            if f.swap_with.is_some_and(|s| s >= self.fields.len()) {
                return Err(SnapshotError::Field(f.name.clone(), "swap_with names no field".into()));
            }
        }
        let n = self.fields.len();
        let id = &self.identity;
        if id.given_name.iter().chain(&id.others).chain(&id.anchors).chain(&id.date_of_birth).any(|&k| k >= n) {
            return Err(SnapshotError::Field("identity".into(), "refers to a field beyond the model's".into()));
        }
        Ok(())
    }
}

/// One field's part of a pair's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Field name.
    pub field: String,
    /// Agreement level name (`exact`, `jw>=0.94`, `null`, ...).
    pub level: String,
    /// Weight added (log2 of m/u, plus the term-frequency adjustment of an exact agreement).
    pub weight: f64,
}

/// A pair's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Match weight (log2 odds); the identity rule's veto when `separated`.
    pub weight: f64,
    /// Posterior match probability.
    pub probability: f64,
    /// True when the identity rule declares the pair two persons (siblings, namesakes).
    pub separated: bool,
    /// Per field, in model order.
    pub evidence: Vec<Evidence>,
}

/// Scores a record against others with a [`Snapshot`].
#[derive(Debug, Clone)]
pub struct Scorer {
    snapshot: Snapshot,
    specs: Vec<FieldSpec>,
    weights: Weights,
    phone_country: Country,
}

impl Scorer {
    /// A scorer of `snapshot`, checked.
    pub fn new(snapshot: Snapshot) -> Result<Scorer, SnapshotError> {
        snapshot.check()?;
        let specs = snapshot
            .fields
            .iter()
            .map(|f| FieldSpec {
                name: f.name.clone(),
                column: f.name.clone(),
                compare: f.compare,
                tf: f.tf.is_some(),
                swap_with: f.swap_with,
            })
            .collect();
        let params: Vec<super::FieldParams> = snapshot
            .fields
            .iter()
            .map(|f| super::FieldParams {
                name: f.name.clone(),
                kind: f.compare,
                m: f.m.clone(),
                u: f.u.clone(),
                m_source: "snapshot",
            })
            .collect();
        let weights = Weights::new(snapshot.prior, &params);
        let phone_country = Country::parse(&snapshot.phone_country).unwrap_or(Country::RUS);
        Ok(Scorer { snapshot, specs, weights, phone_country })
    }

    /// The snapshot scored with.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// An empty table with this model's columns, to push the record and its candidates into.
    pub fn table(&self) -> Table {
        Table::new(self.specs.len())
    }

    /// Scores row 0 of `records` against every other row (result `i` is row `i + 1`), reading
    /// dates relative to `today`.
    pub fn score(&self, records: &Table, today: NaiveDate) -> Vec<Score> {
        if records.len() < 2 || records.field_count() != self.specs.len() {
            return Vec::new();
        }
        let ctx = prepare::Context { today, phone_country: self.phone_country };
        let fields = prepare::prepare(records, &self.specs, ctx, 1, &NoProgress);
        let comparer = Comparer::new(&fields, &self.specs);
        (1..records.len() as u32).map(|j| self.score_pair(&fields, comparer.levels(0, j), 0, j)).collect()
    }

    fn score_pair(&self, fields: &[Prepared], levels: u64, a: u32, b: u32) -> Score {
        let tf = |k: usize| {
            let Some(tf) = &self.snapshot.fields[k].tf else { return 0.0 };
            let (ia, ib) = (fields[k].ids[a as usize], fields[k].ids[b as usize]);
            if ia == ib && ia != NULL { tf.values.get(fields[k].key(ia)).copied().unwrap_or(tf.default) } else { 0.0 }
        };
        let mut evidence = Vec::with_capacity(self.specs.len());
        let weight = self.weights.weigh(&self.snapshot.identity, levels, tf, |k, l, w| {
            let f = &self.snapshot.fields[k];
            evidence.push(Evidence {
                field: f.name.clone(),
                level: f.compare.level_names()[l as usize].to_owned(),
                weight: w as f64,
            });
        });
        let separated = self.snapshot.identity.separates(levels);
        Score { weight: weight as f64, probability: probability(weight as f64), separated, evidence }
    }
}

#[cfg(test)]
mod tests {
    use super::super::link;
    use super::super::tests::{agreement_rows, options};
    use super::*;

    /// Every pair the batch run scored (all candidate pairs land in the review band with these
    /// thresholds) scores the same with the snapshot of that run, after a JSON round trip.
    #[test]
    fn the_scorer_agrees_with_the_batch_linker() {
        let (t, mut m) = agreement_rows();
        m.thresholds = Thresholds { link: 1.0 - 1e-12, review: 1e-12, cannot_link: 1e-12 };
        let out = link(&t, &m, &[], &options(), &NoProgress).unwrap();
        assert!(out.review.len() > 100, "{} pairs", out.review.len());
        let json = serde_json::to_string(&out.snapshot).unwrap();
        let scorer = Scorer::new(serde_json::from_str(&json).unwrap()).unwrap();
        let names: Vec<&str> = scorer.snapshot().field_names().collect();
        assert_eq!(names.len(), t.field_count());
        let mut vetoed = 0;
        for p in &out.review {
            let mut pair = scorer.table();
            for row in [p.a, p.b] {
                pair.push(t.id(row), (0..t.field_count()).map(|f| t.value(f, row)));
            }
            let s = &scorer.score(&pair, options().today)[0];
            assert!((s.weight - p.weight).abs() < 1e-3, "{} vs {}: scorer {} batch {}", p.a, p.b, s.weight, p.weight);
            vetoed += usize::from(s.separated);
            let sum: f64 = s.evidence.iter().map(|e| e.weight).sum::<f64>() + logit_prior(&scorer);
            if !s.separated {
                assert!((sum - s.weight).abs() < 1e-3, "evidence adds up to the weight");
            }
        }
        assert!(vetoed < out.review.len());
    }

    fn logit_prior(s: &Scorer) -> f64 {
        let p = s.snapshot().prior;
        (p / (1.0 - p)).log2()
    }

    #[test]
    fn evidence_names_fields_and_levels_and_the_identity_rule_separates_brothers() {
        let (t, m) = agreement_rows();
        let out = link(&t, &m, &[], &options(), &NoProgress).unwrap();
        let scorer = Scorer::new(out.snapshot).unwrap();
        let mut pair = scorer.table();
        let names: Vec<String> = scorer.snapshot().field_names().map(str::to_owned).collect();
        let mut push = |id: &str, values: [&str; 4]| {
            let by_name = |n: &String| match n.as_str() {
                "surname" => values[0],
                "given_name" => values[1],
                "date_of_birth" => values[2],
                _ => values[3],
            };
            pair.push(id, names.iter().map(by_name));
        };
        push("a", ["Karimov", "Jamshid", "07.03.1990", "AA1234567"]);
        push("b", ["КАРИМОВ", "Джамшид", "1990-03-07", "АА 123 45 67"]);
        push("c", ["Karimov", "Rustam", "15.09.1984", "AB7654321"]);
        let s = scorer.score(&pair, options().today);
        assert_eq!(s.len(), 2);
        assert!(s[0].probability > 0.99, "{:?}", s[0]);
        assert_eq!(s[0].evidence.iter().map(|e| e.level.as_str()).collect::<Vec<_>>(), ["exact"; 4]);
        assert!(s[0].evidence.iter().any(|e| e.field == "surname"));
        assert!(s[1].separated && s[1].probability < 1e-6, "{:?}", s[1]);
    }

    #[test]
    fn broken_snapshots_are_refused() {
        let (t, m) = agreement_rows();
        let out = link(&t, &m, &[], &options(), &NoProgress).unwrap();
        let mut s = out.snapshot.clone();
        s.format = 99;
        assert_eq!(Scorer::new(s).unwrap_err(), SnapshotError::Format(99));
        let mut s = out.snapshot;
        s.fields[0].m.pop();
        assert!(matches!(Scorer::new(s), Err(SnapshotError::Field(..))));
    }
}
