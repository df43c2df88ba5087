//! The Fellegi–Sunter model: for each field and level, m (probability of that level for two
//! records of one person) and u (for two records of different persons), and the prior.
//!
//! Estimated from the data, without labels, the way Splink does it, with two refinements:
//!
//! 1. **u from random pairs.** Nearly every random pair is a non-match, so the level frequencies
//!    over a random sample of record pairs estimate u. Once m is known, the sample is weighed
//!    again with each pair's non-match probability, so that the few true matches among random
//!    pairs (a tenth of a percent in a small data set) do not make exact agreement look common.
//! 2. **m by EM over the candidate pairs, one session per blocking rule, pooled.** Pairs of a
//!    rule agree on its fields by construction, so those fields say nothing about m in that
//!    rule's pairs (Splink trains one session per rule for the same reason). Every candidate pair
//!    takes part in the session of each rule it satisfies, with that rule's fields left out of
//!    the likelihood and that rule's own match proportion λ_r; the sessions share m, and u stays
//!    fixed. A field that no session leaves unmasked takes m from an EM run without masks.
//!
//! The prior for a random pair is the expected number of matches among the candidates (each
//! once, every field, the match proportion refitted with m and u fixed) over all pairs. Labelled pairs, when given, pull each field's m toward the level
//! frequencies among labelled matches. A pair's match weight is the prior's log-odds plus
//! log2(m/u) per field, plus, for exact agreement on a field with term-frequency adjustment,
//! log2(u_exact / frequency of the value): agreeing on a rare surname counts more than agreeing
//! on Rakhimov.

use rustc_hash::FxHashMap;

use super::blocking::RulePatterns;
use super::compare::{Comparer, Levels, level_of};
use super::mapping::{CompareKind, FieldSpec};
use super::prepare::{NULL, Prepared};

const M_FLOOR: f64 = 1e-4;
const TF_CLAMP: f64 = 10.0;

/// Estimated parameters of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldParams {
    /// Field name.
    pub name: String,
    /// Compare type (gives the level names).
    pub kind: CompareKind,
    /// m per level (index 0, null, unused).
    pub m: Vec<f64>,
    /// u per level (index 0, null, unused).
    pub u: Vec<f64>,
    /// Where m came from: `em`, `em-unmasked` (every rule blocks on the field), `labels+em`.
    pub m_source: &'static str,
}

impl FieldParams {
    /// log2(m/u) of `level`, the evidence it adds (0 for null).
    pub fn weight(&self, level: usize) -> f64 {
        if level == 0 { 0.0 } else { (self.m[level] / self.u[level]).log2() }
    }
}

/// The fitted model and how the fit went.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Parameters per field, in mapping order.
    pub fields: Vec<FieldParams>,
    /// Probability that two random records match.
    pub prior: f64,
    /// Match proportion among the pairs of each blocking rule.
    pub rule_lambdas: Vec<f64>,
    /// EM iterations, both rounds.
    pub iterations: usize,
    /// Whether EM converged before the iteration limit.
    pub converged: bool,
    /// Random pairs used for u.
    pub u_pairs: u64,
    /// Labelled matches that calibrated m.
    pub labelled_matches: usize,
    /// Pairs this rule separates are non-matches.
    pub identity: IdentityRule,
    weights: Weights,
    tf: Vec<Vec<f32>>,
}

/// The evidence tables that scoring needs: the prior's weight and log2(m/u) per field and level.
///
/// Exists so that the batch linker and the snapshot scorer ([`super::snapshot::Scorer`]) add up
/// a pair's weight with one piece of code.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Weights {
    pub prior_weight: f32,
    /// log2(m/u) per field, indexed by level (level 0, null, is 0).
    pub bf: Vec<[f32; 16]>,
    /// Exact level per field.
    pub exact: Vec<u8>,
}

impl Weights {
    pub fn new(prior: f64, fields: &[FieldParams]) -> Weights {
        let bf = fields
            .iter()
            .map(|f| {
                let mut t = [0f32; 16];
                for (l, v) in t.iter_mut().enumerate().take(f.m.len()).skip(1) {
                    *v = f.weight(l) as f32;
                }
                t
            })
            .collect();
        Weights { prior_weight: logit2(prior) as f32, bf, exact: fields.iter().map(|f| f.kind.exact_level()).collect() }
    }

    /// The match weight of `levels`: the identity rule's veto, or the prior plus each field's
    /// evidence, plus `tf(k)` for fields at their exact level (the caller knows the values).
    /// `each` sees every field's level and evidence.
    pub fn weigh(
        &self,
        identity: &IdentityRule,
        levels: Levels,
        mut tf: impl FnMut(usize) -> f32,
        mut each: impl FnMut(usize, u8, f32),
    ) -> f32 {
        let separated = identity.separates(levels);
        let mut w = self.prior_weight;
        for (k, bf) in self.bf.iter().enumerate() {
            let l = level_of(levels, k);
            let mut e = bf[l as usize];
            if l == self.exact[k] {
                e += tf(k);
            }
            w += e;
            each(k, l, e);
        }
        if separated { VETO_WEIGHT } else { w }
    }
}

/// Evidence tables of a finished model, in the form scoring needs.
impl Model {
    /// Match weight (log2 odds) of a pair with comparison vector `levels`, records `a`, `b`.
    pub(crate) fn weight(&self, fields: &[Prepared], levels: Levels, a: u32, b: u32) -> f32 {
        let tf = |k: usize| {
            let tf = &self.tf[k];
            let (ia, ib) = (fields[k].ids[a as usize], fields[k].ids[b as usize]);
            if !tf.is_empty() && ia == ib && ia != NULL { tf[ia as usize] } else { 0.0 }
        };
        self.weights.weigh(&self.identity, levels, tf, |_, _, _| {})
    }

    /// Term-frequency weight per interned value of field `k` (empty when the field has none).
    pub(crate) fn tf(&self, k: usize) -> &[f32] {
        &self.tf[k]
    }

    fn finish(mut self, fields: &[Prepared], specs: &[FieldSpec]) -> Model {
        self.weights = Weights::new(self.prior, &self.fields);
        self.tf = self
            .fields
            .iter()
            .zip(fields.iter().zip(specs))
            .map(|(f, (p, s))| {
                if !s.tf || p.non_null == 0 {
                    return Vec::new();
                }
                let u_exact = f.u[f.kind.exact_level() as usize];
                let n = p.non_null as f64;
                p.counts.iter().map(|&c| tf_weight(u_exact, c, n)).collect()
            })
            .collect();
        self
    }
}

/// Term-frequency weight of exact agreement on a value held by `count` of `n` records:
/// log2(u_exact / frequency), clamped to ±10.
pub(crate) fn tf_weight(u_exact: f64, count: u32, n: f64) -> f32 {
    (u_exact / (count as f64 / n)).log2().clamp(-TF_CLAMP, TF_CLAMP) as f32
}

/// The identity rule: pairs that are two persons whatever else they share.
///
/// * Siblings: given names disagree outright (Jaro-Winkler below 0.80 after folding, and not
///   swapped with the surname) while birth dates or sexes also disagree outright, and document
///   numbers do not agree (at most one edit apart).
/// * Namesakes (when [`super::Mapping::namesake_rule`] is on): full birth dates that differ
///   beyond a typo (another day of the same month, or another month or year) and documents that
///   disagree outright.
///
/// Exists because relatives share exactly the fields that a Fellegi–Sunter model adds up as
/// independent evidence (surname, patronymic, address, phone, postcode): a brother born six
/// years later scores like a duplicate. Such pairs get [`VETO_WEIGHT`], and EM counts them as
/// non-matches, so that m of the disagreeing levels is not inflated by households either.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct IdentityRule {
    /// Field index of the given name.
    pub given_name: Option<usize>,
    /// Fields of which one outright disagreement, with the given name's, decides.
    pub others: Vec<usize>,
    /// Document fields whose agreement overrides the rule.
    pub anchors: Vec<usize>,
    /// The date of birth field, for the namesake part of the rule.
    pub date_of_birth: Option<usize>,
}

/// Match weight of a pair the identity rule separates.
pub(crate) const VETO_WEIGHT: f32 = -64.0;

impl IdentityRule {
    /// The rule for the logical fields present: `given_name` with `date_of_birth` and `sex`,
    /// overridden by the document fields; the namesake part when `namesakes`.
    pub fn for_fields(specs: &[FieldSpec], namesakes: bool) -> IdentityRule {
        let find = |n: &str| specs.iter().position(|s| s.name == n);
        IdentityRule {
            given_name: find("given_name").filter(|&i| specs[i].compare == CompareKind::Name),
            others: ["date_of_birth", "sex"].iter().filter_map(|n| find(n)).collect(),
            anchors: specs
                .iter()
                .enumerate()
                .filter(|(_, s)| s.compare == CompareKind::Document)
                .map(|(i, _)| i)
                .collect(),
            date_of_birth: find("date_of_birth").filter(|&i| namesakes && specs[i].compare == CompareKind::Date),
        }
    }

    /// True when the rule separates a pair with these levels (level 1 is outright disagreement;
    /// a document at level 3, one edit, or above agrees).
    pub(crate) fn separates(&self, levels: Levels) -> bool {
        // Namesakes: full birth dates that differ beyond a typo (another day of the month, or
        // another month) and documents that disagree outright.
        if let Some(d) = self.date_of_birth
            && matches!(level_of(levels, d), 1 | 4)
            && !self.anchors.is_empty()
            && self.anchors.iter().all(|&k| level_of(levels, k) == 1)
        {
            return true;
        }
        match self.given_name {
            Some(g) if level_of(levels, g) == 1 => {
                self.others.iter().any(|&k| level_of(levels, k) == 1)
                    && !self.anchors.iter().any(|&k| level_of(levels, k) >= 3)
            }
            _ => false,
        }
    }
}

/// log2(p / (1 - p)).
pub(crate) fn logit2(p: f64) -> f64 {
    (p / (1.0 - p)).log2()
}

/// Counts of comparison vectors.
pub(crate) type Patterns = Vec<(Levels, f64)>;

/// Aggregates comparison vectors into distinct patterns with counts.
pub(crate) fn patterns(levels: impl Iterator<Item = Levels>) -> Patterns {
    let mut map: FxHashMap<Levels, f64> = FxHashMap::default();
    for l in levels {
        *map.entry(l).or_insert(0.0) += 1.0;
    }
    let mut v: Patterns = map.into_iter().collect();
    v.sort_unstable_by_key(|p| p.0);
    v
}

/// Comparison vectors of random record pairs (all pairs when there are fewer than `sample`).
pub(crate) fn random_patterns(
    comparer: &Comparer<'_>,
    rows: usize,
    sample: usize,
    seed: u64,
    threads: usize,
) -> Patterns {
    let all = rows as u64 * (rows as u64).saturating_sub(1) / 2;
    let threads = threads.max(1);
    let parts: Vec<Patterns> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    if all <= sample as u64 {
                        let it = (0..rows as u32)
                            .filter(move |a| *a as usize % threads == t)
                            .flat_map(move |a| (a + 1..rows as u32).map(move |b| comparer.levels(a, b)));
                        patterns(it)
                    } else {
                        let mut rng = SplitMix(seed ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(t as u64 + 1)));
                        let n = sample / threads + usize::from(t < sample % threads);
                        let it = (0..n).map(move |_| {
                            loop {
                                let a = (rng.next() % rows as u64) as u32;
                                let b = (rng.next() % rows as u64) as u32;
                                if a != b {
                                    break comparer.levels(a.min(b), a.max(b));
                                }
                            }
                        });
                        patterns(it)
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut map: FxHashMap<Levels, f64> = FxHashMap::default();
    for p in parts {
        for (l, c) in p {
            *map.entry(l).or_insert(0.0) += c;
        }
    }
    let mut v: Patterns = map.into_iter().collect();
    v.sort_unstable_by_key(|p| p.0);
    v
}

/// A small, fast, seedable generator for sampling (SplitMix64).
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Inputs of the fit.
pub(crate) struct FitInput<'a> {
    pub specs: &'a [FieldSpec],
    pub fields: &'a [Prepared],
    /// Candidate comparison vectors with the set of rules each pair satisfies.
    pub candidates: &'a RulePatterns,
    /// Comparison vectors of random pairs.
    pub random: &'a Patterns,
    /// Per rule, bit k set when field k is one of its parts.
    pub rule_masks: &'a [u16],
    /// Number of records.
    pub rows: usize,
    pub max_iterations: usize,
    /// Comparison vectors of labelled pairs and whether each is a match.
    pub labelled: &'a [(Levels, bool)],
    pub identity: &'a IdentityRule,
}

/// Fits the model (see the module documentation).
pub(crate) fn fit(inp: &FitInput<'_>) -> Model {
    let kinds: Vec<CompareKind> = inp.specs.iter().map(|s| s.compare).collect();
    let n_levels: Vec<usize> = kinds.iter().map(|k| k.level_names().len()).collect();
    let rules = inp.rule_masks.len();
    let mut u = u_from(inp.random, &n_levels, None);
    let mut m: Vec<Vec<f64>> = n_levels.iter().map(|&n| initial_m(n)).collect();
    let mut lambdas = vec![0.05; rules];
    let mut main = EmResult::default();
    let mut prior = 0.0;
    let mut iterations = 0;
    // Two rounds: EM with u from raw random pairs, then u re-weighed by the fitted model, EM again.
    for round in 0..2 {
        let masked = EmSetup {
            rule_masks: inp.rule_masks,
            u: &u,
            max_iterations: inp.max_iterations,
            sessions: true,
            identity: inp.identity,
        };
        main = em(inp.candidates, &masked, m.clone(), lambdas.clone());
        iterations += main.iterations;
        let open = em(inp.candidates, &EmSetup { rule_masks: &[0], sessions: false, ..masked }, m.clone(), vec![0.05]);
        for (k, mk) in m.iter_mut().enumerate() {
            *mk = if main.mass[k] >= MIN_MASS { main.m[k].clone() } else { open.m[k].clone() };
        }
        lambdas = main.lambdas.clone();
        prior = prior_of(inp, &m, &u);
        if round == 0 {
            u = u_from(inp.random, &n_levels, Some(FirstFit { m: &m, u: &u, prior }));
        }
    }
    let mut sources: Vec<&'static str> =
        main.mass.iter().map(|&x| if x >= MIN_MASS { "em" } else { "em-unmasked" }).collect();
    let labelled_matches = inp.labelled.iter().filter(|(_, is)| *is).count();
    if labelled_matches > 0 {
        calibrate(&mut m, inp.labelled, &mut sources);
        prior = prior_of(inp, &m, &u);
    }
    let fields = inp
        .specs
        .iter()
        .enumerate()
        .map(|(k, s)| FieldParams {
            name: s.name.clone(),
            kind: s.compare,
            m: m[k].clone(),
            u: u[k].clone(),
            m_source: sources[k],
        })
        .collect();
    let model = Model {
        fields,
        prior,
        rule_lambdas: lambdas,
        iterations,
        converged: main.converged,
        u_pairs: inp.random.iter().map(|p| p.1).sum::<f64>() as u64,
        labelled_matches,
        identity: inp.identity.clone(),
        weights: Weights::default(),
        tf: Vec::new(),
    };
    model.finish(inp.fields, inp.specs)
}

/// Expected matches that must inform a field's m before EM's estimate is used.
const MIN_MASS: f64 = 10.0;

/// Random-pair prior: the expected number of matches among the candidates (each pair once,
/// every field, the match proportion fitted with m and u fixed) over all pairs.
fn prior_of(inp: &FitInput<'_>, m: &[Vec<f64>], u: &[Vec<f64>]) -> f64 {
    let all = inp.rows as f64 * (inp.rows as f64 - 1.0) / 2.0;
    let bf: Vec<(f64, f64)> = inp
        .candidates
        .iter()
        .filter(|(levels, _, _)| !inp.identity.separates(*levels))
        .map(|&(levels, _, count)| {
            let mut w = 0.0;
            for k in 0..m.len() {
                let l = level_of(levels, k) as usize;
                if l > 0 {
                    w += (m[k][l] / u[k][l]).ln();
                }
            }
            (w, count)
        })
        .collect();
    let total: f64 = bf.iter().map(|p| p.1).sum();
    if total == 0.0 {
        return 1e-12;
    }
    let mut lambda: f64 = 0.05;
    for _ in 0..200 {
        let odds = (lambda / (1.0 - lambda)).ln();
        let matches: f64 = bf.iter().map(|&(w, c)| c / (1.0 + (-(w + odds)).exp())).sum();
        let new = (matches / total).clamp(1e-9, 1.0 - 1e-9);
        let done = (new - lambda).abs() < 1e-9;
        lambda = new;
        if done {
            break;
        }
    }
    (lambda * total / all.max(1.0)).clamp(1e-12, 0.5)
}

/// m decreasing from the exact level: exact 0.7, then halves.
fn initial_m(levels: usize) -> Vec<f64> {
    let mut m = vec![0.0; levels];
    let mut v: f64 = 0.7;
    for l in (1..levels).rev() {
        m[l] = v;
        v = (v * 0.4).max(0.01);
    }
    normalise(&mut m);
    m
}

fn normalise(m: &mut [f64]) {
    for v in m.iter_mut().skip(1) {
        *v = v.max(M_FLOOR);
    }
    let total: f64 = m.iter().skip(1).sum();
    for v in m.iter_mut().skip(1) {
        *v /= total;
    }
}

/// u per field and level from random pairs; with a model, each pair counts by its non-match
/// probability.
/// m, u and prior of a first fit, to weigh random pairs by their non-match probability.
struct FirstFit<'a> {
    m: &'a [Vec<f64>],
    u: &'a [Vec<f64>],
    prior: f64,
}

fn u_from(random: &Patterns, n_levels: &[usize], model: Option<FirstFit<'_>>) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = n_levels.iter().map(|&n| vec![0.0; n]).collect();
    for &(levels, count) in random {
        let weight = match model {
            None => count,
            Some(FirstFit { m, u, prior }) => {
                let mut w = logit2(prior);
                for k in 0..n_levels.len() {
                    let l = level_of(levels, k) as usize;
                    if l > 0 {
                        w += (m[k][l] / u[k][l]).log2();
                    }
                }
                count * (1.0 - 1.0 / (1.0 + (-w).exp2()))
            }
        };
        for (k, c) in counts.iter_mut().enumerate() {
            c[level_of(levels, k) as usize] += weight;
        }
    }
    counts
        .into_iter()
        .map(|c| {
            // Half a pair added to every level: a level never seen among random pairs is rare,
            // not impossible.
            let total: f64 = c.iter().skip(1).sum::<f64>() + 0.5 * (c.len() - 1) as f64;
            let mut u: Vec<f64> = c.iter().map(|&x| (x + 0.5) / total).collect();
            u[0] = 0.0;
            u
        })
        .collect()
}

#[derive(Debug, Default)]
struct EmResult {
    m: Vec<Vec<f64>>,
    lambdas: Vec<f64>,
    /// Expected matches that informed each field's m.
    mass: Vec<f64>,
    iterations: usize,
    converged: bool,
}

/// EM for m (u fixed). With `sessions`, each pair counts once in the session of every rule it
/// satisfies, with that rule's fields masked and that rule's λ; without, one session over all
/// pairs, nothing masked.
/// What stays fixed through an EM run.
struct EmSetup<'a> {
    /// Per rule, the fields it blocks on.
    rule_masks: &'a [u16],
    /// u per field and level.
    u: &'a [Vec<f64>],
    max_iterations: usize,
    /// One session per rule (true) or one over all pairs.
    sessions: bool,
    identity: &'a IdentityRule,
}

fn em(patterns: &RulePatterns, setup: &EmSetup<'_>, mut m: Vec<Vec<f64>>, mut lambdas: Vec<f64>) -> EmResult {
    let EmSetup { rule_masks, u, max_iterations, sessions, identity } = *setup;
    let k_fields = u.len();
    let n_sessions = lambdas.len();
    let ln_u: Vec<Vec<f64>> = u.iter().map(|v| v.iter().map(|x| x.max(1e-300).ln()).collect()).collect();
    // (pattern index, session, mask) triples, expanded once.
    let mut work: Vec<(usize, usize, u16)> = Vec::with_capacity(patterns.len());
    let mut session_pairs = vec![0.0; n_sessions];
    for (i, &(levels, rules, count)) in patterns.iter().enumerate() {
        if identity.separates(levels) {
            // A non-match by rule: it counts toward no session's matches, only its size.
            for (r, n) in session_pairs.iter_mut().enumerate().take(16) {
                if !sessions && r == 0 || sessions && rules & (1 << r) != 0 {
                    *n += count;
                }
            }
            continue;
        }
        if sessions {
            for r in 0..n_sessions.min(16) {
                if rules & (1 << r) != 0 {
                    work.push((i, r, rule_masks[r]));
                    session_pairs[r] += count;
                }
            }
        } else {
            work.push((i, 0, 0));
            session_pairs[0] += count;
        }
    }
    let mut iterations = 0;
    let mut converged = false;
    let mut mass = vec![0.0; k_fields];
    while iterations < max_iterations {
        iterations += 1;
        let ln_m: Vec<Vec<f64>> = m.iter().map(|v| v.iter().map(|x| x.max(1e-300).ln()).collect()).collect();
        let mut num: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut matches = vec![0.0; n_sessions];
        for &(i, r, mask) in &work {
            let (levels, _, count) = patterns[i];
            let l = lambdas[r].clamp(1e-9, 1.0 - 1e-9);
            let (mut lm, mut lu) = (l.ln(), (1.0 - l).ln());
            for k in 0..k_fields {
                let lev = level_of(levels, k) as usize;
                if lev > 0 && mask & (1 << k) == 0 {
                    lm += ln_m[k][lev];
                    lu += ln_u[k][lev];
                }
            }
            let wc = count / (1.0 + (lu - lm).exp());
            matches[r] += wc;
            for (k, nk) in num.iter_mut().enumerate() {
                let lev = level_of(levels, k) as usize;
                if lev > 0 && mask & (1 << k) == 0 {
                    nk[lev] += wc;
                }
            }
        }
        let mut delta: f64 = 0.0;
        for (k, nk) in num.iter().enumerate() {
            let total: f64 = nk.iter().skip(1).sum();
            mass[k] = total;
            if total <= 0.0 {
                continue;
            }
            let mut new: Vec<f64> = nk.iter().map(|x| x / total).collect();
            normalise(&mut new);
            for (a, b) in new.iter().zip(&m[k]).skip(1) {
                delta = delta.max((a - b).abs());
            }
            m[k] = new;
        }
        for r in 0..n_sessions {
            if session_pairs[r] > 0.0 {
                let new = matches[r] / session_pairs[r];
                delta = delta.max((new - lambdas[r]).abs());
                lambdas[r] = new;
            }
        }
        if delta < 1e-6 {
            converged = true;
            break;
        }
    }
    EmResult { m, lambdas, mass, iterations, converged }
}

/// Pulls m toward the level frequencies among labelled matches (20 pseudo-pairs of EM's m).
fn calibrate(m: &mut [Vec<f64>], labelled: &[(Levels, bool)], sources: &mut [&'static str]) {
    const PRIOR_PAIRS: f64 = 20.0;
    for (k, mk) in m.iter_mut().enumerate() {
        let mut counts = vec![0.0; mk.len()];
        for &(levels, is_match) in labelled {
            let l = level_of(levels, k) as usize;
            if is_match && l > 0 && l < counts.len() {
                counts[l] += 1.0;
            }
        }
        let n: f64 = counts.iter().sum();
        if n == 0.0 {
            continue;
        }
        for (v, c) in mk.iter_mut().zip(&counts).skip(1) {
            *v = (c + PRIOR_PAIRS * *v) / (n + PRIOR_PAIRS);
        }
        normalise(mk);
        sources[k] = "labels+em";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three exact/else fields with known m and u; candidates are a mixture of matches and
    /// non-matches drawn from them. EM with u fixed must find m and the proportion.
    #[test]
    fn em_recovers_known_m() {
        let true_m = [0.95, 0.9, 0.8];
        let u = vec![vec![0.0, 0.99, 0.01], vec![0.0, 0.95, 0.05], vec![0.0, 0.9, 0.1]];
        let mut rng = SplitMix(7);
        let mut uniform = || (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let mut levels = Vec::new();
        for i in 0..200_000 {
            let is_match = i % 5 == 0;
            let mut l: Levels = 0;
            for k in 0..3 {
                let p_agree = if is_match { true_m[k] } else { u[k][2] };
                let lev = if uniform() < p_agree { 2 } else { 1 };
                l |= lev << (4 * k);
            }
            levels.push(l);
        }
        let pats: RulePatterns = patterns(levels.into_iter()).into_iter().map(|(l, c)| (l, 1u16, c)).collect();
        let id = IdentityRule::default();
        let setup = EmSetup { rule_masks: &[0], u: &u, max_iterations: 500, sessions: true, identity: &id };
        let r = em(&pats, &setup, vec![initial_m(3); 3], vec![0.05]);
        assert!(r.converged, "{} iterations", r.iterations);
        for (k, want) in true_m.iter().enumerate() {
            assert!((r.m[k][2] - want).abs() < 0.02, "field {k}: m exact {} vs {want}", r.m[k][2]);
        }
        assert!((r.lambdas[0] - 0.2).abs() < 0.01, "lambda {}", r.lambdas[0]);
    }

    #[test]
    fn masked_fields_do_not_learn_from_their_rule() {
        // Field 0 always agrees (it is the blocking field); masked, it gets no mass.
        let pats: RulePatterns = vec![(2 | (2 << 4), 1, 100.0), (2 | (1 << 4), 1, 900.0)];
        let u = vec![vec![0.0, 0.99, 0.01], vec![0.0, 0.99, 0.01]];
        let id = IdentityRule::default();
        let setup = EmSetup { rule_masks: &[1], u: &u, max_iterations: 100, sessions: true, identity: &id };
        let r = em(&pats, &setup, vec![initial_m(3); 2], vec![0.05]);
        assert_eq!(r.mass[0], 0.0);
        assert!(r.mass[1] > 0.0);
    }

    #[test]
    fn the_identity_rule_separates_siblings_and_namesakes() {
        let m = crate::link::Mapping::default_fields();
        let on = IdentityRule::for_fields(&m.fields, true);
        let off = IdentityRule::for_fields(&m.fields, false);
        let idx = |n: &str| m.field_index(n).unwrap();
        let with = |pairs: &[(&str, u64)]| pairs.iter().fold(0u64, |acc, (n, l)| acc | (l << (4 * idx(n))));
        // A brother: another given name, born years later; shares everything else.
        let brother = with(&[("surname", 6), ("given_name", 1), ("date_of_birth", 1), ("phone", 3), ("address", 4)]);
        assert!(on.separates(brother) && off.separates(brother));
        // The same, but the passport agrees: a duplicate with a wrong given name and date.
        assert!(!on.separates(brother | with(&[("document_number", 5)])));
        // A namesake born days apart with another passport.
        let namesake = with(&[("surname", 6), ("given_name", 6), ("date_of_birth", 4), ("document_number", 1)]);
        assert!(on.separates(namesake));
        assert!(!off.separates(namesake), "only where documents are passports");
        // A typo in the day is not a namesake.
        assert!(!on.separates(with(&[("given_name", 6), ("date_of_birth", 5), ("document_number", 1)])));
    }

    #[test]
    fn u_smoothing_keeps_unseen_levels_possible() {
        let random: Patterns = vec![(1, 1000.0)];
        let u = u_from(&random, &[3], None);
        assert!(u[0][2] > 0.0 && u[0][2] < 0.001);
        assert!((u[0][1] + u[0][2] - 1.0).abs() < 1e-9);
    }
}
