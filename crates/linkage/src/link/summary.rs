//! The report of a linkage run: counts, the fitted model and timings, printable as text.

use std::fmt;
use std::time::Duration;

use super::LabelledPair;
use super::blocking::RuleStats;
use super::mapping::Mapping;
use super::model::{Model, logit2};

/// What a run did and found.
///
/// Exists so that whoever runs the linker can judge the result: how many pairs blocking
/// produced and skipped, what the model learnt per field, how many clusters came out, and how
/// long each stage took. `Display` prints it as the CLI's report.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Records read.
    pub records: usize,
    /// Blocking, per rule.
    pub rules: Vec<RuleStats>,
    /// Candidate pairs compared.
    pub candidate_pairs: u64,
    /// The fitted model.
    pub model: Model,
    /// Pairs at or above the link threshold.
    pub links: u64,
    /// Links that merged two clusters.
    pub merges: u64,
    /// Links refused by the cluster rule.
    pub refused: u64,
    /// Clusters (persons), singletons included.
    pub clusters: usize,
    /// Clusters of one record.
    pub singletons: usize,
    /// Records in the largest cluster.
    pub largest_cluster: usize,
    /// Thresholds used (probabilities).
    pub thresholds: super::Thresholds,
    /// Pairwise precision and recall of the clusters on the labelled pairs, when labels were given.
    pub label_quality: Option<(f64, f64)>,
    /// Wall time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

pub(super) struct Parts<'a> {
    pub mapping: &'a Mapping,
    pub records: usize,
    pub rules: Vec<RuleStats>,
    pub candidate_pairs: u64,
    pub model: Model,
    pub links: u64,
    pub merges: u64,
    pub refused: u64,
    pub cluster: &'a [usize],
    pub labels: &'a [LabelledPair],
    pub timings: Vec<(&'static str, Duration)>,
}

pub(super) fn build(p: Parts<'_>) -> Summary {
    let mut sizes = vec![0usize; p.records];
    for &c in p.cluster {
        sizes[c] += 1;
    }
    let clusters = sizes.iter().filter(|&&s| s > 0).count();
    let singletons = sizes.iter().filter(|&&s| s == 1).count();
    let largest_cluster = sizes.iter().copied().max().unwrap_or(0);
    let label_quality = (!p.labels.is_empty()).then(|| {
        let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
        for l in p.labels {
            let together = p.cluster[l.a] == p.cluster[l.b];
            match (together, l.is_match) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                (false, false) => {}
            }
        }
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 1.0 };
        (precision, recall)
    });
    Summary {
        records: p.records,
        rules: p.rules,
        candidate_pairs: p.candidate_pairs,
        model: p.model,
        links: p.links,
        merges: p.merges,
        refused: p.refused,
        clusters,
        singletons,
        largest_cluster,
        thresholds: p.mapping.thresholds,
        label_quality,
        timings: p.timings,
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "records: {}", self.records)?;
        writeln!(f, "blocking:")?;
        for r in &self.rules {
            if let Some(p) = r.over_budget {
                writeln!(f, "  {:<55} not used: its blocks hold {p} pairs, over the budget for wide rules", r.rule)?;
                continue;
            }
            write!(f, "  {:<55} {:>12} pairs, largest block {}", r.rule, r.pairs, r.largest_block)?;
            if r.skipped_blocks > 0 {
                write!(f, ", skipped {} blocks over the size limit ({} pairs)", r.skipped_blocks, r.skipped_pairs)?;
            }
            writeln!(f)?;
        }
        writeln!(f, "candidate pairs: {}", self.candidate_pairs)?;
        let m = &self.model;
        writeln!(
            f,
            "model: {} random pairs for u, EM {} iterations ({}), prior {:.3e} (weight {:+.2}){}",
            m.u_pairs,
            m.iterations,
            if m.converged { "converged" } else { "iteration limit reached" },
            m.prior,
            logit2(m.prior),
            if m.labelled_matches > 0 {
                format!(", m calibrated on {} labelled matches", m.labelled_matches)
            } else {
                String::new()
            }
        )?;
        writeln!(f, "  {:<18} {:<20} {:>9} {:>11} {:>8}", "field", "level", "m", "u", "weight")?;
        for p in &m.fields {
            let names = p.kind.level_names();
            for l in (1..names.len()).rev() {
                let field = if l == names.len() - 1 { format!("{} ({})", p.name, p.m_source) } else { String::new() };
                writeln!(
                    f,
                    "  {:<18} {:<20} {:>9.5} {:>11.3e} {:>+8.2}",
                    field,
                    names[l],
                    p.m[l],
                    p.u[l],
                    p.weight(l)
                )?;
            }
        }
        let id = &m.identity;
        if let Some(g) = id.given_name {
            let names = |ks: &[usize]| ks.iter().map(|&k| m.fields[k].name.as_str()).collect::<Vec<_>>().join(" or ");
            write!(
                f,
                "identity rule: {} disagreeing with {} as well separates two persons",
                m.fields[g].name,
                names(&id.others)
            )?;
            if !id.anchors.is_empty() {
                write!(f, ", unless {} agrees", names(&id.anchors))?;
            }
            writeln!(f)?;
        }
        if let Some(d) = id.date_of_birth
            && !id.anchors.is_empty()
        {
            writeln!(
                f,
                "namesake rule: {} differing beyond a typo with {} disagreeing separates two persons",
                m.fields[d].name,
                id.anchors.iter().map(|&k| m.fields[k].name.as_str()).collect::<Vec<_>>().join(" and ")
            )?;
        }
        let t = self.thresholds;
        writeln!(
            f,
            "decision: link at p >= {} (weight {:+.2}), review from p >= {}, cannot-link below p {}",
            t.link,
            logit2(t.link),
            t.review,
            t.cannot_link
        )?;
        writeln!(f, "links: {}, merges {}, refused by the cluster rule {}", self.links, self.merges, self.refused)?;
        writeln!(
            f,
            "clusters: {} ({} singletons, largest {} records)",
            self.clusters, self.singletons, self.largest_cluster
        )?;
        if let Some((p, r)) = self.label_quality {
            let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            writeln!(f, "on the labelled pairs: precision {p:.4}, recall {r:.4}, F1 {f1:.4}")?;
        }
        let total: Duration = self.timings.iter().map(|(_, d)| *d).sum();
        let parts: Vec<String> = self.timings.iter().map(|(n, d)| format!("{n} {:.2}s", d.as_secs_f64())).collect();
        write!(f, "time: {:.2}s ({})", total.as_secs_f64(), parts.join(", "))?;
        Ok(())
    }
}
