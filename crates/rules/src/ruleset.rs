//! Versioned rule sets: the numbers of migration law with their effective periods, loaded from
//! `data/rule_sets.toml`. See that file for how the engine picks a set for each question.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::DataError;

/// The rule-set data file, embedded at compile time.
pub const RULE_SETS_TOML: &str = include_str!("../data/rule_sets.toml");

/// How the visa-free stay is limited (STAY-1 from 2025, STAY-4 before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StayLimit {
    /// STAY-4: at most `max_days` present in every rolling window of `window_days` days.
    RollingWindow {
        /// Days allowed in the window (90).
        max_days: u32,
        /// Window length (180).
        window_days: u32,
    },
    /// STAY-1/STAY-3: at most `max_days` present per calendar year and at most
    /// `max_continuous_days` in one continuous stay.
    CalendarYear {
        /// Days allowed per calendar year (90).
        max_days: u32,
        /// Longest continuous stay (90).
        max_continuous_days: u32,
    },
}

/// One version of the rules. Every field is a number of the law with the rule id in its comment
/// in `data/rule_sets.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[expect(missing_docs, reason = "each field is documented next to its value in data/rule_sets.toml")]
pub struct RuleSet {
    pub id: String,
    pub effective_from: NaiveDate,
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
    pub basis: String,
    pub stay_limit: StayLimit,
    pub registration_general_working_days: u32,
    pub registration_tjk_uzb_days: u32,
    pub registration_eaeu_worker_days: u32,
    pub registration_belarus_days: u32,
    pub registration_move_working_days: u32,
    pub registration_max_term_days: u32,
    pub patent_application_days: u32,
    pub biometrics_worker_days: u32,
    pub biometrics_student_days: u32,
    pub medical_validity_months: u32,
    pub medical_renewal_days: u32,
    pub patent_processing_working_days: u32,
    pub patent_max_months: u32,
    pub patent_reissue_working_days_before: u32,
    pub employer_notice_working_days: u32,
    pub institution_notice_working_days: u32,
    pub eaeu_new_contract_days: u32,
    pub eaeu_new_contract_after_days: u32,
    pub residence_notice_months: u32,
    pub rvp_term_years: u32,
    pub vnzh_indefinite_from: NaiveDate,
    pub vnzh_old_term_years: u32,
    pub vnzh_in_person_every: u32,
    pub vnzh_annulment_missed_notices: u32,
    pub ban_3y_overstay_over_days: u32,
    pub ban_5y_overstay_from_days: u32,
    pub ban_10y_overstay_over_days: u32,
    pub reg10_from: NaiveDate,
    pub reg10_to: NaiveDate,
    pub reg10_max_gap_days: u32,
}

impl RuleSet {
    /// True when the set is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.effective_from && self.effective_to.is_none_or(|to| date <= to)
    }
}

#[derive(Debug, Deserialize)]
struct RuleSetFile {
    rule_set: Vec<RuleSet>,
}

/// All rule sets, sorted by start date, covering a contiguous period.
#[derive(Debug, Clone)]
pub struct RuleSets {
    sets: Vec<RuleSet>,
}

impl RuleSets {
    /// Loads the embedded `data/rule_sets.toml`.
    pub fn embedded() -> Result<Self, DataError> {
        Self::from_toml(RULE_SETS_TOML)
    }

    /// Parses a rule-set file and checks that the periods are contiguous and do not overlap.
    pub fn from_toml(text: &str) -> Result<Self, DataError> {
        let file: RuleSetFile = toml::from_str(text).map_err(|e| DataError::parse("rule_sets.toml", e))?;
        let mut sets = file.rule_set;
        sets.sort_by_key(|s| s.effective_from);
        let bad = |msg: String| DataError::Invalid { file: "rule_sets.toml", msg };
        if sets.is_empty() {
            return Err(bad("no [[rule_set]]".into()));
        }
        for pair in sets.windows(2) {
            let Some(to) = pair[0].effective_to else {
                return Err(bad(format!("{} is open-ended but {} follows it", pair[0].id, pair[1].id)));
            };
            if to.succ_opt() != Some(pair[1].effective_from) {
                return Err(bad(format!(
                    "{} ends {to} but {} starts {}",
                    pair[0].id, pair[1].id, pair[1].effective_from
                )));
            }
        }
        if sets.last().is_some_and(|s| s.effective_to.is_some()) {
            return Err(bad("the last rule set must be open-ended".into()));
        }
        Ok(Self { sets })
    }

    /// The set in force on `date` (the first set for dates before every period).
    pub fn on(&self, date: NaiveDate) -> &RuleSet {
        // Few sets: a reverse linear scan beats a binary search.
        self.sets.iter().rev().find(|s| s.effective_from <= date).unwrap_or(&self.sets[0])
    }

    /// Every set, oldest first.
    pub fn all(&self) -> &[RuleSet] {
        &self.sets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_set_in_force() {
        let sets = RuleSets::embedded().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(sets.on(d("2024-12-31")).id, "RS-2014");
        assert_eq!(sets.on(d("2025-01-01")).id, "RS-2025");
        assert!(matches!(sets.on(d("2026-06-01")).stay_limit, StayLimit::CalendarYear { .. }));
        assert!(matches!(sets.on(d("2023-06-01")).stay_limit, StayLimit::RollingWindow { .. }));
    }

    #[test]
    fn rejects_gaps() {
        let text = RULE_SETS_TOML.replace("effective_from = \"2025-01-01\"", "effective_from = \"2025-01-02\"");
        assert!(RuleSets::from_toml(&text).is_err());
    }
}
