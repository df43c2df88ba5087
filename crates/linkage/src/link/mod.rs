//! Probabilistic record linkage (Fellegi–Sunter): which records describe the same person.
//!
//! The pipeline, each stage in its own module:
//!
//! 1. [`mapping`]: which columns are compared how, the blocking rules, the thresholds.
//! 2. `prepare`: every value normalised once (names folded across scripts, dates parsed,
//!    document numbers canonical) and interned, so that later stages compare integers.
//! 3. `blocking`: candidate pairs, the union of several blocking rules, each pair compared once
//!    into a packed comparison vector.
//! 4. `model`: m and u per field and level, estimated without labels (u from random pairs, m by
//!    EM over the candidates), optionally calibrated with labelled pairs; term-frequency
//!    adjustment of exact agreement.
//! 5. Scoring and decision: a pair is linked at posterior probability ≥ `link`; pairs between
//!    `review` and `link` are reported for review. The [`IdentityRule`] overrides the sum: given
//!    names that disagree outright together with birth dates or sexes that do (and no agreeing
//!    document) mean two persons, however much else (surname, patronymic, address, phone) a
//!    household shares.
//! 6. `cluster`: links strongest first, merging two clusters only when no pair across them is a
//!    clear non-match and the pairs across them agree on average, so that a chain of links does
//!    not join namesakes or relatives.
//!
//! The module is pure: records come in a [`Table`], the result is an [`Outcome`]; reading files
//! and drawing progress bars belong to the caller (the `rosmigration link` command).

mod blocking;
mod cluster;
mod compare;
pub mod mapping;
mod model;
mod prepare;
pub mod snapshot;
mod summary;
mod table;

use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use blocking::RuleStats;
pub use mapping::{BlockingRule, CompareKind, DEFAULT_FIELDS, FieldSpec, Mapping, MappingError, Thresholds, Transform};
pub use model::{FieldParams, IdentityRule, Model};
pub use snapshot::{Evidence, Score, Scorer, Snapshot, SnapshotError};
pub use summary::Summary;
pub use table::Table;

use compare::Comparer;
use model::logit2;

/// Progress of the long stages, for a progress bar.
///
/// Exists so that the pure linker can report progress without depending on a terminal library.
/// Called from several threads at once.
pub trait Progress: Sync {
    /// A stage starts, with `total` units of work.
    fn stage(&self, name: &str, total: u64);
    /// `n` more units are done.
    fn advance(&self, n: u64);
    /// The stage is over.
    fn finish(&self);
}

/// Reports nothing: for tests and library callers without a terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// Run settings that are not part of the data set's description.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Worker threads.
    pub threads: usize,
    /// Seed of the random pair sample (the result is reproducible for a given seed).
    pub seed: u64,
    /// Today, for reading dates (a birth date cannot lie after it).
    pub today: NaiveDate,
}

impl Options {
    /// All available cores, seed 1, and the given day.
    pub fn new(today: NaiveDate) -> Options {
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Options { threads, seed: 1, today }
    }
}

/// A pair of records known to be, or not to be, the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelledPair {
    /// Row of the first record.
    pub a: usize,
    /// Row of the second record.
    pub b: usize,
    /// Same person?
    pub is_match: bool,
}

/// Why a pair is up for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewReason {
    /// Its probability lies between the review and link thresholds.
    Band,
    /// It scored above the link threshold, but joining the two clusters was refused because
    /// other records across them disagree.
    Refused,
}

/// A scored pair for a person to look at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// Row of the first record.
    pub a: usize,
    /// Row of the second record.
    pub b: usize,
    /// Match weight (log2 odds).
    pub weight: f64,
    /// Posterior match probability.
    pub probability: f64,
    /// Why it is listed.
    pub reason: ReviewReason,
}

/// What linkage produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Per row, the row of its cluster's first record (in input order): rows with the same value
    /// are one person.
    pub cluster: Vec<usize>,
    /// Pairs for review, strongest first.
    pub review: Vec<ScoredPair>,
    /// Counts, model and timings for the report.
    pub summary: Summary,
    /// The fitted model in a form that outlives the run (see [`snapshot`]).
    pub snapshot: Snapshot,
}

/// An input the linker cannot work with.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LinkError {
    /// The table's columns do not match the mapping.
    #[error("the table has {got} value columns but the mapping has {want} fields")]
    Columns {
        /// Columns in the table.
        got: usize,
        /// Fields in the mapping.
        want: usize,
    },
    /// Nothing to compare.
    #[error("the mapping has no fields to compare")]
    NoFields,
    /// More records than the compact pair format holds.
    #[error("at most {max} records can be linked in one run, the input has {got}", max = u32::MAX - 1)]
    TooMany {
        /// Records given.
        got: usize,
    },
    /// A labelled pair points outside the table.
    #[error("labelled pair {index} refers to row {row}, beyond the {rows} records")]
    LabelRow {
        /// Position in the labels.
        index: usize,
        /// The row.
        row: usize,
        /// Records in the table.
        rows: usize,
    },
}

/// Pairs the optional wide blocking rules may add at least (twice the records when more).
const WIDE_RULE_PAIRS: u64 = 1_000_000;
/// Mean floor of the cluster merge rule: the cross pairs must be even odds on average.
const MEAN_FLOOR: f32 = 0.0;
/// Cross pairs scored per merge at most.
const MAX_CROSS: usize = 4096;

/// Links the records of `table` as described by `mapping`.
///
/// Exists as the one entry point of the linker: the CLI, tests and any future caller get the
/// same pipeline (see the module documentation).
pub fn link(
    table: &Table,
    mapping: &Mapping,
    labels: &[LabelledPair],
    options: &Options,
    progress: &dyn Progress,
) -> Result<Outcome, LinkError> {
    let n = table.len();
    if table.field_count() != mapping.fields.len() {
        return Err(LinkError::Columns { got: table.field_count(), want: mapping.fields.len() });
    }
    if mapping.fields.is_empty() {
        return Err(LinkError::NoFields);
    }
    if n >= u32::MAX as usize {
        return Err(LinkError::TooMany { got: n });
    }
    if let Some((index, l)) = labels.iter().enumerate().find(|(_, l)| l.a >= n || l.b >= n) {
        return Err(LinkError::LabelRow { index, row: l.a.max(l.b), rows: n });
    }
    let threads = options.threads.max(1);
    let mut timings: Vec<(&'static str, Duration)> = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let ctx = prepare::Context { today: options.today, phone_country: mapping.phone_country };
    let fields = prepare::prepare(table, &mapping.fields, ctx, threads, progress);
    lap("normalise", &mut timings);

    let comparer = Comparer::new(&fields, &mapping.fields);
    let budget = (2 * n as u64).max(WIDE_RULE_PAIRS);
    let mut blocking = blocking::Blocking::new(&fields, &mapping.rules, n, mapping.max_block, budget);
    let (pairs, candidates) = blocking.pairs(&comparer, threads, progress);
    lap("block and compare", &mut timings);

    progress.stage("estimating m and u", 0);
    let random = model::random_patterns(&comparer, n, mapping.u_sample_pairs, options.seed, threads);
    let labelled: Vec<(compare::Levels, bool)> =
        labels.iter().map(|l| (comparer.levels(l.a.min(l.b) as u32, l.a.max(l.b) as u32), l.is_match)).collect();
    let rule_masks: Vec<u16> =
        mapping.rules.iter().map(|r| r.parts.iter().fold(0u16, |m, p| m | (1 << p.field))).collect();
    let identity = model::IdentityRule::for_fields(&mapping.fields, mapping.namesake_rule);
    let model = model::fit(&model::FitInput {
        specs: &mapping.fields,
        fields: &fields,
        candidates: &candidates,
        random: &random,
        rule_masks: &rule_masks,
        rows: n,
        max_iterations: mapping.max_em_iterations,
        labelled: &labelled,
        identity: &identity,
    });
    progress.finish();
    let snapshot = Snapshot::of_run(
        &model,
        &fields,
        &mapping.fields,
        mapping.thresholds,
        mapping.phone_country,
        snapshot::TF_KEEP,
    );
    lap("estimate", &mut timings);

    let t = mapping.thresholds;
    let (w_link, w_review, w_cannot) = (logit2(t.link) as f32, logit2(t.review) as f32, logit2(t.cannot_link) as f32);
    let score = |p: &blocking::Pair| model.weight(&fields, p.levels, p.a, p.b);
    let (mut links, mut band) = score_pairs(&pairs, threads, w_link, w_review, &score);
    let candidate_pairs = pairs.len() as u64;
    drop(pairs);
    links.sort_unstable_by(|x, y| y.weight.total_cmp(&x.weight).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    lap("score", &mut timings);

    progress.stage("clustering", 0);
    let rule = cluster::MergeRule { cannot_link: w_cannot, mean_floor: MEAN_FLOOR.max(w_cannot), max_cross: MAX_CROSS };
    let weight = |x: u32, y: u32| model.weight(&fields, comparer.levels(x.min(y), x.max(y)), x.min(y), x.max(y));
    let clusters = cluster::cluster(n, &links, rule, weight);
    progress.finish();
    let mut first_row = vec![u32::MAX; n];
    for (row, &root) in clusters.root.iter().enumerate() {
        let f = &mut first_row[root as usize];
        *f = (*f).min(row as u32);
    }
    let cluster: Vec<usize> = clusters.root.iter().map(|&r| first_row[r as usize] as usize).collect();
    lap("cluster", &mut timings);

    band.extend(clusters.refused.iter().map(|l| (*l, ReviewReason::Refused)));
    band.sort_unstable_by(|x, y| y.0.weight.total_cmp(&x.0.weight).then(x.0.a.cmp(&y.0.a)).then(x.0.b.cmp(&y.0.b)));
    let review = band
        .iter()
        .map(|(l, reason)| ScoredPair {
            a: l.a as usize,
            b: l.b as usize,
            weight: l.weight as f64,
            probability: probability(l.weight as f64),
            reason: *reason,
        })
        .collect();

    let summary = summary::build(summary::Parts {
        mapping,
        records: n,
        rules: blocking.stats,
        candidate_pairs,
        model,
        links: links.len() as u64,
        merges: clusters.merges,
        refused: clusters.refused.len() as u64,
        cluster: &cluster,
        labels,
        timings,
    });
    Ok(Outcome { cluster, review, summary, snapshot })
}

/// Posterior probability of a match weight.
pub fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-weight).exp2())
}

type Band = Vec<(cluster::Link, ReviewReason)>;

/// Scores every pair on `threads` threads; returns the links and the review band.
fn score_pairs(
    pairs: &[blocking::Pair],
    threads: usize,
    w_link: f32,
    w_review: f32,
    score: &(impl Fn(&blocking::Pair) -> f32 + Sync),
) -> (Vec<cluster::Link>, Band) {
    let chunk = pairs.len().div_ceil(threads).max(1);
    let parts: Vec<(Vec<cluster::Link>, Band)> = std::thread::scope(|s| {
        let handles: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let (mut links, mut band) = (Vec::new(), Vec::new());
                    for p in part {
                        let weight = score(p);
                        let l = cluster::Link { weight, a: p.a, b: p.b };
                        if weight >= w_link {
                            links.push(l);
                        } else if weight >= w_review {
                            band.push((l, ReviewReason::Band));
                        }
                    }
                    (links, band)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let (mut links, mut band) = (Vec::new(), Vec::new());
    for (l, b) in parts {
        links.extend(l);
        band.extend(b);
    }
    (links, band)
}

#[cfg(test)]
mod tests;
