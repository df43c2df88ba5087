//! Candidate pairs: records that agree on every part of at least one blocking rule.
//!
//! Per rule, each record gets a `u64` key (the interned part keys packed, or hashed when there
//! are more than two parts), the records are sorted by key, and each run of equal keys is a
//! block. A block larger than `max_block` is skipped and its pairs are counted, so that one
//! frequent value (a placeholder date, a common name) cannot make the run quadratic. A pair is
//! produced only by the first rule it satisfies: before emitting a pair, the earlier rules' keys
//! of the two records are compared, which de-duplicates the union without a hash set. Pairs are
//! compared as they are produced, by several threads taking blocks in turn, and stored compactly
//! as two `u32` rows and the packed comparison vector (16 bytes a pair); each pair also records
//! every rule it satisfies, for EM.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use super::compare::{Comparer, Levels};
use super::mapping::{BlockingRule, Transform};
use super::prepare::{NULL, Prepared};

/// Candidate comparison vectors counted by (vector, rules satisfied as a bit set).
pub(crate) type RulePatterns = Vec<(Levels, u16, f64)>;

/// No key: a part is missing, or the record's block was too large.
const NO_KEY: u64 = u64::MAX;

/// A compared candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub a: u32,
    pub b: u32,
    pub levels: Levels,
}

/// What blocking did, per rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleStats {
    /// The rule as written.
    pub rule: String,
    /// Pairs this rule produced that no earlier rule had.
    pub pairs: u64,
    /// Blocks skipped for being larger than the limit.
    pub skipped_blocks: u64,
    /// Pairs in those blocks.
    pub skipped_pairs: u64,
    /// Size of the largest block compared.
    pub largest_block: u64,
    /// For an optional rule left out: the pairs its blocks hold, which did not fit the budget.
    pub over_budget: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    rule: u32,
    start: u32,
    len: u32,
}

/// The keys and blocks of every rule.
pub(crate) struct Blocking {
    keys: Vec<Vec<u64>>,
    orders: Vec<Vec<u32>>,
    blocks: Vec<Block>,
    pub stats: Vec<RuleStats>,
}

fn part_value(p: &Prepared, transform: Transform, row: usize) -> u32 {
    let id = p.ids[row];
    if id == NULL {
        return NULL;
    }
    match transform {
        Transform::Value => id,
        Transform::Block | Transform::Year | Transform::Loose => p.coarse.get(id as usize).copied().unwrap_or(id),
    }
}

/// The key of `row` under `rule`.
fn rule_key(fields: &[Prepared], rule: &BlockingRule, row: usize) -> u64 {
    let mut values = [0u32; 8];
    let n = rule.parts.len().min(8);
    for (v, part) in values.iter_mut().zip(&rule.parts) {
        *v = part_value(&fields[part.field], part.transform, row);
        if *v == NULL {
            return NO_KEY;
        }
    }
    let key = match n {
        1 => values[0] as u64,
        2 => ((values[0] as u64) << 32) | values[1] as u64,
        _ => {
            let mut h = rustc_hash::FxHasher::default();
            values[..n].hash(&mut h);
            h.finish()
        }
    };
    if key == NO_KEY { key ^ 1 } else { key }
}

impl Blocking {
    /// Keys, sorted orders and blocks of every rule. Optional rules are kept only while the pairs
    /// in their blocks (counted before de-duplication) fit within `budget` in total; a rule left
    /// out has no keys, so it never matches.
    pub fn new(fields: &[Prepared], rules: &[BlockingRule], rows: usize, max_block: usize, budget: u64) -> Blocking {
        let mut budget_left = budget;
        let mut keys = Vec::with_capacity(rules.len());
        let mut orders = Vec::with_capacity(rules.len());
        let mut blocks = Vec::new();
        let mut stats = Vec::with_capacity(rules.len());
        for (r, rule) in rules.iter().enumerate() {
            let mut k: Vec<u64> = (0..rows).map(|row| rule_key(fields, rule, row)).collect();
            let mut sorted: Vec<(u64, u32)> =
                k.iter().enumerate().filter(|(_, key)| **key != NO_KEY).map(|(i, key)| (*key, i as u32)).collect();
            sorted.sort_unstable();
            let mut st = RuleStats { rule: rule.text.clone(), ..RuleStats::default() };
            let mut rule_blocks = Vec::new();
            let mut start = 0;
            while start < sorted.len() {
                let key = sorted[start].0;
                let mut end = start + 1;
                while end < sorted.len() && sorted[end].0 == key {
                    end += 1;
                }
                let len = end - start;
                if len > max_block {
                    st.skipped_blocks += 1;
                    st.skipped_pairs += (len * (len - 1) / 2) as u64;
                    // Not a block of this rule: later rules must not assume its pairs were made.
                    for &(_, row) in &sorted[start..end] {
                        k[row as usize] = NO_KEY;
                    }
                } else if len > 1 {
                    rule_blocks.push(Block { rule: r as u32, start: start as u32, len: len as u32 });
                    st.largest_block = st.largest_block.max(len as u64);
                }
                start = end;
            }
            if rule.optional {
                let pairs: u64 = rule_blocks.iter().map(|b| b.len as u64 * (b.len as u64 - 1) / 2).sum();
                // A wide rule with blocks over the size limit is too coarse for this data set.
                if pairs > budget_left || st.skipped_blocks > 0 {
                    let pairs = pairs + st.skipped_pairs;
                    st = RuleStats { rule: rule.text.clone(), over_budget: Some(pairs), ..RuleStats::default() };
                    rule_blocks.clear();
                    k.iter_mut().for_each(|key| *key = NO_KEY);
                    sorted.clear();
                } else {
                    budget_left -= pairs;
                }
            }
            blocks.extend(rule_blocks);
            orders.push(sorted.into_iter().map(|(_, row)| row).collect());
            keys.push(k);
            stats.push(st);
        }
        // Big blocks first, so that threads finish together.
        blocks.sort_by(|a, b| b.len.cmp(&a.len).then(a.rule.cmp(&b.rule)).then(a.start.cmp(&b.start)));
        Blocking { keys, orders, blocks, stats }
    }

    /// Pairs inside blocks, before removing those of earlier rules: the work to do.
    pub fn comparisons(&self) -> u64 {
        self.blocks.iter().map(|b| b.len as u64 * (b.len as u64 - 1) / 2).sum()
    }

    /// Produces and compares every candidate pair, on `threads` threads, in no fixed order
    /// (whatever uses them sorts what it keeps). Also returns the candidates' comparison vectors
    /// counted by (vector, set of rules the pair satisfies), which is what EM needs.
    pub fn pairs(
        &mut self,
        comparer: &Comparer<'_>,
        threads: usize,
        progress: &dyn super::Progress,
    ) -> (Vec<Pair>, RulePatterns) {
        progress.stage("comparing pairs", self.comparisons());
        let next = AtomicUsize::new(0);
        let this = &*self;
        type Part = (Vec<Pair>, FxHashMap<(Levels, u16), f64>, Vec<u64>);
        let parts: Vec<Part> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads.max(1))
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        let mut counts: FxHashMap<(Levels, u16), f64> = FxHashMap::default();
                        let mut per_rule = vec![0u64; this.keys.len()];
                        let mut done = 0u64;
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(block) = this.blocks.get(i) else { break };
                            let r = block.rule as usize;
                            let rows = &this.orders[r][block.start as usize..(block.start + block.len) as usize];
                            for (x, &a) in rows.iter().enumerate() {
                                for &b in &rows[x + 1..] {
                                    let Some(rules) = this.rules_if_first(r, a as usize, b as usize) else { continue };
                                    let (a, b) = if a < b { (a, b) } else { (b, a) };
                                    let levels = comparer.levels(a, b);
                                    out.push(Pair { a, b, levels });
                                    *counts.entry((levels, rules)).or_insert(0.0) += 1.0;
                                    per_rule[r] += 1;
                                }
                            }
                            done += block.len as u64 * (block.len as u64 - 1) / 2;
                            if done >= 1 << 16 {
                                progress.advance(done);
                                done = 0;
                            }
                        }
                        progress.advance(done);
                        (out, counts, per_rule)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        progress.finish();
        let total = parts.iter().map(|(p, _, _)| p.len()).sum();
        let mut all = Vec::with_capacity(total);
        let mut counts: FxHashMap<(Levels, u16), f64> = FxHashMap::default();
        for (p, c, per_rule) in parts {
            all.extend(p);
            for (k, v) in c {
                *counts.entry(k).or_insert(0.0) += v;
            }
            for (st, n) in self.stats.iter_mut().zip(per_rule) {
                st.pairs += n;
            }
        }
        let mut patterns: RulePatterns = counts.into_iter().map(|((l, r), c)| (l, r, c)).collect();
        patterns.sort_unstable_by_key(|p| (p.0, p.1));
        (all, patterns)
    }

    /// The set of rules (bit per rule) that put rows `a` and `b` together, or `None` when a rule
    /// before `rule` does (that rule produced the pair already).
    fn rules_if_first(&self, rule: usize, a: usize, b: usize) -> Option<u16> {
        let mut set = 0u16;
        for (r, k) in self.keys.iter().enumerate() {
            if k[a] != NO_KEY && k[a] == k[b] {
                if r < rule {
                    return None;
                }
                set |= 1 << r;
            }
        }
        Some(set | (1 << rule))
    }
}
