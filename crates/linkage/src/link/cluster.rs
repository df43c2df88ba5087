//! Clustering linked pairs into persons without letting a chain of links join different people.
//!
//! Connected components over the linked pairs would put A and C together whenever A~B and B~C,
//! even when A and C are namesakes born days apart with different passports. Instead the links
//! are taken strongest first, and clusters X and Y are merged only when the pairs *across* them
//! agree:
//!
//! * no cross pair scores below the cannot-link floor (its match weight says the two records are
//!   almost surely different persons, as it does for every pair the identity rule separates:
//!   different given name with a different full date of birth or sex), and
//! * the mean match weight of the cross pairs reaches the mean floor (average linkage).
//!
//! Cross pairs are scored on demand with the fitted model, whether or not blocking produced them.
//! When X and Y are both large, a deterministic subset of at most `max_cross` cross pairs is
//! scored (stepping through both member lists). A refused link is kept for review.

/// A pair above the link threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link {
    pub weight: f32,
    pub a: u32,
    pub b: u32,
}

/// When two clusters may merge (weights are log2 odds).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MergeRule {
    pub cannot_link: f32,
    pub mean_floor: f32,
    pub max_cross: usize,
}

/// Result: each record's root, and the links that were refused.
pub(crate) struct Clusters {
    pub root: Vec<u32>,
    pub refused: Vec<Link>,
    pub merges: u64,
}

/// Union-find with a circular member list per cluster.
struct Forest {
    parent: Vec<u32>,
    size: Vec<u32>,
    next: Vec<u32>,
}

impl Forest {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn members(&self, root: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = Some(root);
        std::iter::from_fn(move || {
            let x = cur?;
            let n = self.next[x as usize];
            cur = (n != root).then_some(n);
            Some(x)
        })
    }

    fn union(&mut self, a: u32, b: u32) {
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] { (a, b) } else { (b, a) };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        self.next.swap(big as usize, small as usize);
    }
}

/// Clusters `n` records from `links` (sorted strongest first by the caller); `weight(x, y)`
/// scores any pair of records.
pub(crate) fn cluster(n: usize, links: &[Link], rule: MergeRule, weight: impl Fn(u32, u32) -> f32) -> Clusters {
    let mut f = Forest { parent: (0..n as u32).collect(), size: vec![1; n], next: (0..n as u32).collect() };
    let mut refused = Vec::new();
    let mut merges = 0;
    for link in links {
        let (ra, rb) = (f.find(link.a), f.find(link.b));
        if ra == rb {
            continue;
        }
        if may_merge(&f, ra, rb, link, rule, &weight) {
            f.union(ra, rb);
            merges += 1;
        } else {
            refused.push(*link);
        }
    }
    let root = (0..n as u32).map(|x| f.find(x)).collect();
    Clusters { root, refused, merges }
}

fn may_merge(f: &Forest, ra: u32, rb: u32, link: &Link, rule: MergeRule, weight: &impl Fn(u32, u32) -> f32) -> bool {
    let (sa, sb) = (f.size[ra as usize] as usize, f.size[rb as usize] as usize);
    // Stride through the member lists so that a sample still spans both clusters.
    let budget = rule.max_cross.max(1);
    let (step_a, step_b) = if sa * sb <= budget {
        (1, 1)
    } else {
        let side = (budget as f64).sqrt().max(1.0) as usize;
        (sa.div_ceil(side).max(1), sb.div_ceil(side).max(1))
    };
    let (mut sum, mut count) = (0f64, 0usize);
    for x in f.members(ra).step_by(step_a) {
        for y in f.members(rb).step_by(step_b) {
            let w = if (x, y) == (link.a, link.b) || (y, x) == (link.a, link.b) { link.weight } else { weight(x, y) };
            if w < rule.cannot_link {
                return false;
            }
            sum += w as f64;
            count += 1;
        }
    }
    count == 0 || sum / count as f64 >= rule.mean_floor as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: MergeRule = MergeRule { cannot_link: -10.0, mean_floor: 0.0, max_cross: 10_000 };

    /// A~B and B~C are links; A and C are clearly different people (namesakes born days apart,
    /// different passports). Connected components would join all three; the rule keeps A apart
    /// from C, and B with the stronger of its two links.
    #[test]
    fn a_chain_does_not_join_different_people() {
        let (a, b, c) = (0u32, 1u32, 2u32);
        let links = [Link { weight: 12.0, a, b }, Link { weight: 8.0, a: b, b: c }];
        let weight = |x: u32, y: u32| match (x.min(y), x.max(y)) {
            (0, 1) => 12.0,
            (1, 2) => 8.0,
            (0, 2) => -25.0,
            _ => unreachable!(),
        };
        let r = cluster(3, &links, RULE, weight);
        assert_eq!(r.root[a as usize], r.root[b as usize]);
        assert_ne!(r.root[a as usize], r.root[c as usize]);
        assert_eq!(r.refused, vec![links[1]]);
    }

    #[test]
    fn a_consistent_group_merges_whatever_the_order() {
        // Four records of one person: every cross pair positive.
        let links =
            [Link { weight: 20.0, a: 0, b: 1 }, Link { weight: 15.0, a: 2, b: 3 }, Link { weight: 9.0, a: 1, b: 2 }];
        let r = cluster(5, &links, RULE, |_, _| 5.0);
        assert!(r.root[..4].iter().all(|&x| x == r.root[0]));
        assert_ne!(r.root[4], r.root[0], "the unlinked record stays alone");
        assert_eq!(r.merges, 3);
    }

    #[test]
    fn average_linkage_refuses_weak_bridges() {
        // Clusters {0,1} and {2,3}: one strong bridge 1~2 but the other cross pairs are negative,
        // none below the floor; the mean is below zero, so no merge.
        let links =
            [Link { weight: 20.0, a: 0, b: 1 }, Link { weight: 20.0, a: 2, b: 3 }, Link { weight: 6.0, a: 1, b: 2 }];
        let r = cluster(4, &links, RULE, |x, y| if (x.min(y), x.max(y)) == (1, 2) { 6.0 } else { -5.0 });
        assert_ne!(r.root[0], r.root[3]);
    }

    #[test]
    fn large_clusters_are_sampled_not_skipped() {
        let n = 400;
        let mut links: Vec<Link> = (1..n).map(|i| Link { weight: 10.0, a: 0, b: i }).collect();
        links.push(Link { weight: 9.0, a: 0, b: n });
        // Record n is different from everyone but record 0.
        let r = cluster(n as usize + 1, &links, MergeRule { max_cross: 100, ..RULE }, |x, y| {
            if x.max(y) == n && x.min(y) != 0 { -30.0 } else { 10.0 }
        });
        assert_eq!(r.root[1], r.root[0]);
        assert_ne!(r.root[n as usize], r.root[0]);
    }
}
