//! Engine configuration: the deployment's region, the at-risk window, REG-10 scope and the
//! reading adopted for every uncertainty of the domain note (section 9). Every field has a
//! default, so a TOML or JSON file needs to name only what it changes; docs/RULES.md lists them.

use serde::{Deserialize, Serialize};

use crate::facts::Region;

/// Engine configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Region served by this deployment: scopes REG-10 and is where the person lives.
    pub region: Region,
    /// An open obligation whose deadline is this many days away or fewer makes the person
    /// AT_RISK (issue 3: 7 days by default).
    pub at_risk_window_days: u32,
    /// The visa-free stay limit makes the person AT_RISK when this many days or fewer remain
    /// (domain note §2 engine notes: remind at 80 of 90 days used, i.e. 10 days left).
    pub stay_limit_warning_days: u32,
    /// Fulfilled obligations older than this many days are left out of the output.
    pub history_days: u32,
    /// REG-10 scope.
    pub reg10: Reg10Config,
    /// Readings adopted for the uncertainties of the domain note.
    pub readings: Readings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            region: Region::TATARSTAN,
            at_risk_window_days: 7,
            stay_limit_warning_days: 10,
            history_days: 365,
            reg10: Reg10Config::default(),
            readings: Readings::default(),
        }
    }
}

/// Where and how REG-10 (the Moscow/Moscow Oblast experiment) applies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Reg10Config {
    /// Regions where the experiment applies. Empty by default: REG-10 applies only where an
    /// operator configures it (e.g. `[77, 50]` for a Moscow deployment).
    pub regions: Vec<Region>,
}

/// How a calendar-day deadline that falls on a non-working day is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonWorkingDeadline {
    /// Keep the day as computed (the domain note's engine notes compute `entry + N` directly).
    Keep,
    /// Move it to the next working day (Civil Code art. 193 style).
    NextWorkingDay,
}

/// Readings for the open questions of ru-migration-rules.md section 9 (and a few the engine
/// needed). Each default is the reading argued in docs/RULES.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Readings {
    /// U-3: registration exemption for citizens of Belarus, in days from entry (90; some sources
    /// say 30).
    pub belarus_registration_days: u32,
    /// U-2: how many times a patent may be re-issued. `None` (default): unlimited, since
    /// Federal Law of 24.04.2020 No. 135-FZ; `Some(1)`: the pre-2020 "24 months" practice.
    pub patent_reissue_limit: Option<u32>,
    /// U-13: the 15 days of REG-2/REG-3 are calendar days (true) or working days (false).
    pub tjk_uzb_calendar_days: bool,
    /// Calendar-day deadlines on a non-working day: keep (default) or move to the next working day.
    pub calendar_deadline_on_non_working_day: NonWorkingDeadline,
    /// A stay that spans 01.01.2025: the 90-day continuous cap of STAY-1 counts the days before
    /// 2025 too (true, default) or only from 01.01.2025 (false).
    pub continuous_cap_counts_days_before_2025: bool,
    /// VNZh-2: a notice due in every 5th year counts only if filed in person (true, default).
    pub vnzh_fifth_year_in_person: bool,
    /// EAEU-6 / PAT-5: citizens of Belarus are exempt from fingerprinting and the medical exam.
    pub belarus_biometrics_exempt: bool,
    /// STU-1: days the stay continues after the end of studies (0 by default: the +30 days to
    /// enrol at another level need an application).
    pub study_grace_days: u32,
    /// U-11: the unverified "copy of the labour contract within 2 months" patent rule. Not
    /// encoded; must stay false (the engine refuses true so nobody believes it is checked).
    pub labour_contract_copy_rule: bool,
    /// Region pairs whose patents cover each other from 01.09.2025 (PAT-16, 121-FZ), when the
    /// regions have signed the agreement. Empty by default.
    pub patent_region_pairs: Vec<(Region, Region)>,
}

impl Default for Readings {
    fn default() -> Self {
        Self {
            belarus_registration_days: 90,
            patent_reissue_limit: None,
            tjk_uzb_calendar_days: true,
            calendar_deadline_on_non_working_day: NonWorkingDeadline::Keep,
            continuous_cap_counts_days_before_2025: true,
            vnzh_fifth_year_in_person: true,
            belarus_biometrics_exempt: true,
            study_grace_days: 0,
            labour_contract_copy_rule: false,
            patent_region_pairs: Vec::new(),
        }
    }
}

impl Config {
    /// Parses a TOML configuration (missing fields take their defaults).
    pub fn from_toml(text: &str) -> Result<Self, crate::DataError> {
        toml::from_str(text).map_err(|e| crate::DataError::parse("config", e))
    }

    /// True when REG-10 applies in this deployment's region.
    pub fn reg10_applies(&self) -> bool {
        self.reg10.regions.contains(&self.region)
    }
}
