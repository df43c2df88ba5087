//! The officer's person search: what a criterion means, how a name is matched, and the compact
//! list a search returns (docs/SEARCH.md).
//!
//! A name is folded by the linkage crate's normaliser ([`linkage::name::fold`]), so every writing
//! of it (Russian Cyrillic, the passport's Latin line, the national script, the usual
//! transliteration variants) meets the same key. The words of a query are tried as every split
//! into surname + given names, so two-word surnames (`Бакыт уулу`, `BAKYT UULU`, `… кызы`,
//! `… улы`) are found. The surname is matched exactly (a trailing `*` asks for a prefix), the
//! given names by prefix. When nothing matches exactly, the search falls back to the phonetic
//! block key the linker blocks on, so a typo or an unusual transliteration still finds the person;
//! the answer then says its matches are only similar.
//!
//! A search never browses: a name must keep two letters after folding, and wildcards and
//! punctuation are refused with a message that names the problem.

pub(crate) mod card;
mod cursor;
pub(crate) mod name;
mod sql;

pub use card::{PersonListItem, Script};
pub use name::{MAX_NAME_WORDS, NameQuery};

use chrono::NaiveDate;
use uuid::Uuid;

/// A search over persons: every criterion given must hold.
#[derive(Debug, Clone, Default)]
pub struct PersonQuery {
    /// A name in any writing, parsed by [`NameQuery::parse`].
    pub name: Option<NameQuery>,
    /// Exact date of birth.
    pub birth_date: Option<NaiveDate>,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Citizenship code.
    pub citizenship: Option<String>,
    /// Exact, normalised document number (matched through its keyed hash).
    pub document_number: Option<String>,
    /// Exact phone in E.164 (matched through its keyed hash).
    pub phone: Option<String>,
    /// Taxpayer number (matched through its keyed hash).
    pub inn: Option<String>,
    /// Computed status code (LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED).
    pub status: Option<String>,
    /// Next open deadline on or after this day.
    pub deadline_from: Option<NaiveDate>,
    /// Next open deadline on or before this day.
    pub deadline_to: Option<NaiveDate>,
    /// An officer's task of the rules engine due on or before this day (the work list).
    pub task_due_to: Option<NaiveDate>,
}

impl PersonQuery {
    /// The names of the criteria used, without their values (document numbers stay out of the
    /// audit log): `name,birth_year`.
    pub fn criteria_used(&self) -> String {
        let mut v = vec![];
        let mut add = |used: bool, what: &'static str| {
            if used {
                v.push(what);
            }
        };
        add(self.name.is_some(), "name");
        add(self.birth_date.is_some(), "birth_date");
        add(self.birth_year.is_some(), "birth_year");
        add(self.citizenship.is_some(), "citizenship");
        add(self.document_number.is_some(), "document_number");
        add(self.phone.is_some(), "phone");
        add(self.inn.is_some(), "inn");
        add(self.status.is_some(), "status");
        add(self.deadline_from.is_some() || self.deadline_to.is_some(), "deadline");
        add(self.task_due_to.is_some(), "task_due");
        v.join(",")
    }

    /// True when no criterion is given (officers may not browse the registry).
    pub fn is_empty(&self) -> bool {
        self.criteria_used().is_empty()
    }

    /// A stable text of every criterion, for binding a cursor to the search it came from.
    fn fingerprint_text(&self, scope: &Scope) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{scope:?}",
            self.name.as_ref().map(NameQuery::canonical),
            self.birth_date,
            self.birth_year,
            self.citizenship,
            self.document_number,
            self.phone,
            self.inn,
            self.status,
            self.deadline_from,
            self.deadline_to,
            self.task_due_to
        )
    }
}

/// Limits a search to the persons an organisation may see.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Every person (officers).
    All,
    /// Current employees or students of one organisation on a date.
    Org {
        /// The organisation.
        org_id: Uuid,
        /// `employee` or `student`.
        relation: &'static str,
        /// The date the relation must hold on.
        on: NaiveDate,
    },
}

/// One page of a search.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchPage {
    /// The persons, in registry id order.
    pub items: Vec<PersonListItem>,
    /// Pass as `cursor` to get the next page (with the same criteria); absent on the last page.
    pub next_cursor: Option<String>,
    /// True when no name matched exactly and these are similar names (phonetic match).
    pub similar: bool,
}
