//! Who may do what: roles, actions and ownership, as pure functions.
//!
//! Least privilege is the rule. The administrator manages accounts and the audit log but does not
//! read personal data; analysts see aggregates only; employers and universities see only the
//! people they currently employ or teach; a migrant sees only themself; law enforcement must state
//! a legal basis and a case number for every search and view. Handlers call [`authorize`] and
//! [`may_view_person`] explicitly, so each endpoint's check can be read where it is made.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::person::PersonProfile;

/// An account's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// System administrator: accounts, organisations, audit verification; no personal data.
    Admin,
    /// Officer of the interior ministry's migration department: the registry's main user.
    MigrationOfficer,
    /// Tax officer: reads profiles for tax administration (INN, patent payments).
    TaxOfficer,
    /// An employer's HR account: its own current employees only.
    Employer,
    /// A university's international office: its own current students only.
    University,
    /// Adaptation centre staff: exact look-up by document number only.
    AdaptationCentre,
    /// Police and other law enforcement: every search and view needs a legal basis and case number.
    LawEnforcement,
    /// Analyst: aggregates only, never a person.
    Analyst,
    /// A foreign national: their own profile only.
    Migrant,
    /// Staff of one service point (account.org_id = the point): its own bookings and queue of
    /// the day, and results only for persons booked or ticketed there today.
    ServicePoint,
}

impl Role {
    /// Every role, for lists and the negative-access test matrix.
    pub const ALL: [Role; 10] = [
        Role::Admin,
        Role::MigrationOfficer,
        Role::TaxOfficer,
        Role::Employer,
        Role::University,
        Role::AdaptationCentre,
        Role::LawEnforcement,
        Role::Analyst,
        Role::Migrant,
        Role::ServicePoint,
    ];

    /// Stable code used in storage and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::MigrationOfficer => "migration_officer",
            Role::TaxOfficer => "tax_officer",
            Role::Employer => "employer",
            Role::University => "university",
            Role::AdaptationCentre => "adaptation_centre",
            Role::LawEnforcement => "law_enforcement",
            Role::Analyst => "analyst",
            Role::Migrant => "migrant",
            Role::ServicePoint => "service_point",
        }
    }

    /// Parses a stored or typed code.
    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Roles whose accounts are bound to an organisation (and must name it).
    pub fn needs_org(self) -> bool {
        matches!(self, Role::Employer | Role::University | Role::AdaptationCentre | Role::ServicePoint)
    }

    /// The purpose recorded for a read when the caller states none.
    pub fn default_purpose(self) -> &'static str {
        match self {
            Role::MigrationOfficer => "migration control (115-FZ, 109-FZ)",
            Role::TaxOfficer => "tax administration (Tax Code art. 227.1)",
            Role::Employer => "employer's duties towards a foreign employee (115-FZ art. 13)",
            Role::University => "host organisation's duties towards a foreign student (115-FZ art. 5)",
            Role::AdaptationCentre => "adaptation and integration programme",
            Role::Migrant => "own data (152-FZ art. 14)",
            Role::ServicePoint => "service-point visit: booking, queue and result (115-FZ art. 13.3)",
            Role::Admin | Role::LawEnforcement | Role::Analyst => "",
        }
    }
}

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// The account.
    pub account_id: Uuid,
    /// Its role.
    pub role: Role,
    /// The employer, university or centre the account belongs to.
    pub org_id: Option<Uuid>,
    /// For a migrant: their registry person.
    pub person_id: Option<Uuid>,
}

/// What a caller wants to do, independent of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Search persons by name, date of birth or document.
    SearchPersons,
    /// Read a person's profile.
    ViewPerson,
    /// Read a person's history of changes.
    ViewHistory,
    /// Create a person.
    CreatePerson,
    /// Record changes to a person.
    UpdatePerson,
    /// Read who accessed a person's data.
    ViewAccessLog,
    /// Read aggregate statistics.
    ViewAggregates,
    /// Create, list and disable accounts.
    ManageAccounts,
    /// Create and edit organisations (employers, service points).
    ManageOrganisations,
    /// Read the list of organisations.
    ViewOrganisations,
    /// Check the audit log's integrity.
    VerifyAudit,
    /// Upload an agency feed into the intake staging tables.
    ImportFeed,
    /// Read intake batch summaries (counts only, no personal data).
    ViewIntakeBatches,
    /// List, open, correct and replay, or discard quarantined intake rows (personal data).
    ReviewQuarantine,
    /// Work the linkage review queue: see a staged record beside a candidate person, decide
    /// whether they are the same person.
    ReviewLinks,
    /// Merge two persons into one, or undo a merge.
    MergePersons,
    /// Read a legalisation case and book, cancel or reschedule visits to service points (for
    /// oneself, or an employer for its current employees; see [`may_book_for`]).
    BookVisits,
    /// See how the delivery of notifications is going (counts per channel and state, no
    /// content or addresses): the operator's view.
    ViewOutbox,
    /// Work a service point's day: its bookings and queue, no-shows and recorded results (see
    /// [`may_serve_person`]).
    WorkServicePoint,
}

/// Why a request is refused. Rendered as 403 with this text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The role never may do this.
    #[error("the {role} role may not {what}")]
    Role {
        /// The caller's role code.
        role: &'static str,
        /// What was attempted.
        what: &'static str,
    },
    /// The role may, but not for this person.
    #[error("this person is outside your responsibility ({0})")]
    NotOwner(&'static str),
    /// Law enforcement without a legal basis or case number.
    #[error("a legal basis and a case number are required for law-enforcement access")]
    LegalBasisRequired,
    /// Law enforcement named a basis that is not one of the configured grounds.
    #[error("{0:?} is not one of the configured legal grounds: name one by its code")]
    UnknownLegalBasis(String),
}

fn action_text(a: Action) -> &'static str {
    match a {
        Action::SearchPersons => "search persons",
        Action::ViewPerson => "view a person",
        Action::ViewHistory => "view a person's history",
        Action::CreatePerson => "create persons",
        Action::UpdatePerson => "change persons",
        Action::ViewAccessLog => "view a person's access log",
        Action::ViewAggregates => "view statistics",
        Action::ManageAccounts => "manage accounts",
        Action::ManageOrganisations => "manage organisations",
        Action::ViewOrganisations => "view organisations",
        Action::VerifyAudit => "verify the audit log",
        Action::ImportFeed => "import agency feeds",
        Action::ViewIntakeBatches => "view intake batches",
        Action::ReviewQuarantine => "review quarantined intake rows",
        Action::ReviewLinks => "review record linkage",
        Action::MergePersons => "merge persons",
        Action::BookVisits => "book visits to service points",
        Action::WorkServicePoint => "work at a service point",
        Action::ViewOutbox => "view the delivery of notifications",
    }
}

/// The role-level check: may this role ever do this action?
pub fn authorize(role: Role, action: Action) -> Result<(), Denied> {
    use Action::*;
    use Role::*;
    let ok = match action {
        SearchPersons => {
            matches!(role, MigrationOfficer | TaxOfficer | Employer | University | AdaptationCentre | LawEnforcement)
        }
        ViewPerson => matches!(
            role,
            MigrationOfficer | TaxOfficer | Employer | University | AdaptationCentre | LawEnforcement | Migrant
        ),
        ViewHistory => matches!(role, MigrationOfficer | LawEnforcement | Migrant),
        CreatePerson | UpdatePerson | ReviewLinks | MergePersons => matches!(role, MigrationOfficer),
        ViewAccessLog => matches!(role, MigrationOfficer | Migrant | Admin),
        ViewAggregates => matches!(role, Analyst | MigrationOfficer | Admin),
        ManageAccounts | ManageOrganisations | VerifyAudit | ViewOutbox => matches!(role, Admin),
        ViewOrganisations => role != Migrant,
        // Feeds are personal data of many persons at once: the migration department, and the tax
        // service for its own feeds (the handler limits a tax officer to source `fns`).
        ImportFeed => matches!(role, MigrationOfficer | TaxOfficer),
        ViewIntakeBatches => matches!(role, MigrationOfficer | TaxOfficer | Admin),
        ReviewQuarantine => matches!(role, MigrationOfficer),
        BookVisits => matches!(role, Migrant | Employer | MigrationOfficer),
        // Only the point records results: a step is completed by the point's result, never by
        // the migrant's word (issue 5).
        WorkServicePoint => matches!(role, ServicePoint),
    };
    if ok { Ok(()) } else { Err(Denied::Role { role: role.code(), what: action_text(action) }) }
}

/// Why a person's data is being read, as it goes into the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccessReason {
    /// Purpose in plain words.
    pub purpose: String,
    /// Legal basis (law and article); required for law enforcement.
    pub legal_basis: Option<String>,
    /// Case number; required for law enforcement.
    pub case_number: Option<String>,
}

impl AccessReason {
    /// The role's default purpose and nothing else: for reads and writes where the caller gives
    /// no reason of its own (a migrant's own data, a booking, a service point's work).
    pub fn default_for(role: Role) -> AccessReason {
        AccessReason { purpose: role.default_purpose().into(), ..Default::default() }
    }

    /// Completes a caller-supplied reason with the role's default purpose and enforces the
    /// law-enforcement requirement.
    pub fn for_role(role: Role, given: AccessReason) -> Result<AccessReason, Denied> {
        let mut r = given;
        if role == Role::LawEnforcement
            && (r.legal_basis.as_deref().is_none_or(|s| s.trim().is_empty())
                || r.case_number.as_deref().is_none_or(|s| s.trim().is_empty()))
        {
            return Err(Denied::LegalBasisRequired);
        }
        if role == Role::LawEnforcement {
            // Checked above: present and not blank.
            let stated = r.legal_basis.clone().unwrap_or_default();
            let ground = crate::grounds::find(&stated).ok_or(Denied::UnknownLegalBasis(stated))?;
            r.legal_basis = Some(ground.text);
        }
        if r.purpose.trim().is_empty() {
            r.purpose = match (&r.legal_basis, &r.case_number) {
                (Some(b), Some(c)) => format!("{b}; case {c}"),
                _ => role.default_purpose().to_string(),
            };
        }
        Ok(r)
    }
}

/// The ownership check for reading one person's data.
pub fn may_view_person(p: &Principal, person: &PersonProfile, today: NaiveDate) -> Result<(), Denied> {
    authorize(p.role, Action::ViewPerson)?;
    match p.role {
        Role::Employer => {
            let org = p.org_id.ok_or(Denied::NotOwner("no employer is linked to this account"))?;
            if person.employers_on(today).any(|e| e == org) {
                Ok(())
            } else {
                Err(Denied::NotOwner("not a current employee of your organisation"))
            }
        }
        Role::University => {
            let org = p.org_id.ok_or(Denied::NotOwner("no university is linked to this account"))?;
            if person.universities_on(today).any(|u| u == org) {
                Ok(())
            } else {
                Err(Denied::NotOwner("not a current student of your organisation"))
            }
        }
        Role::Migrant => {
            if p.person_id == Some(person.id) {
                Ok(())
            } else {
                Err(Denied::NotOwner("a migrant account sees only its own profile"))
            }
        }
        _ => Ok(()),
    }
}

/// The ownership check for booking visits for a person: a migrant only for themself, an
/// employer only for its current employees, a migration officer for anyone.
pub fn may_book_for(p: &Principal, person: &PersonProfile, today: NaiveDate) -> Result<(), Denied> {
    authorize(p.role, Action::BookVisits)?;
    match p.role {
        Role::Migrant if p.person_id != Some(person.id) => {
            Err(Denied::NotOwner("a migrant account books only for itself"))
        }
        Role::Employer => {
            let org = p.org_id.ok_or(Denied::NotOwner("no employer is linked to this account"))?;
            if person.employers_on(today).any(|e| e == org) {
                Ok(())
            } else {
                Err(Denied::NotOwner("not a current employee of your organisation"))
            }
        }
        _ => Ok(()),
    }
}

/// The check for a service point's staff acting for a person: only at their own point, and
/// only for a person booked or ticketed there today (`at_point_today`, from the store).
pub fn may_serve_person(p: &Principal, point: Uuid, at_point_today: bool) -> Result<(), Denied> {
    authorize(p.role, Action::WorkServicePoint)?;
    if p.org_id != Some(point) {
        return Err(Denied::NotOwner("another service point's day"));
    }
    if !at_point_today {
        return Err(Denied::NotOwner("not booked or queued at your service point today"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyst_never_sees_a_person_and_admin_reads_no_personal_data() {
        for a in [Action::SearchPersons, Action::ViewPerson, Action::ViewHistory] {
            assert!(authorize(Role::Analyst, a).is_err());
            assert!(authorize(Role::Admin, a).is_err());
        }
        assert!(authorize(Role::Analyst, Action::ViewAggregates).is_ok());
    }

    #[test]
    fn only_officers_write_and_only_admin_manages_accounts() {
        for r in Role::ALL {
            assert_eq!(authorize(r, Action::CreatePerson).is_ok(), r == Role::MigrationOfficer, "{r:?}");
            assert_eq!(authorize(r, Action::ManageAccounts).is_ok(), r == Role::Admin, "{r:?}");
        }
    }

    #[test]
    fn only_service_points_work_a_point_and_only_for_their_visitors() {
        for r in Role::ALL {
            assert_eq!(authorize(r, Action::WorkServicePoint).is_ok(), r == Role::ServicePoint, "{r:?}");
            let books = matches!(r, Role::Migrant | Role::Employer | Role::MigrationOfficer);
            assert_eq!(authorize(r, Action::BookVisits).is_ok(), books, "{r:?}");
        }
        // A service point reads no person through the registry's person endpoints.
        for a in [Action::SearchPersons, Action::ViewPerson, Action::ViewHistory, Action::UpdatePerson] {
            assert!(authorize(Role::ServicePoint, a).is_err(), "{a:?}");
        }
        let point = Uuid::now_v7();
        let staff =
            Principal { account_id: Uuid::now_v7(), role: Role::ServicePoint, org_id: Some(point), person_id: None };
        assert!(may_serve_person(&staff, point, true).is_ok());
        assert!(may_serve_person(&staff, point, false).is_err());
        assert!(may_serve_person(&staff, Uuid::now_v7(), true).is_err());
        let officer = Principal { role: Role::MigrationOfficer, org_id: None, ..staff.clone() };
        assert!(may_serve_person(&officer, point, true).is_err());
    }

    #[test]
    fn law_enforcement_needs_basis_and_case() {
        let none = AccessReason::default();
        assert_eq!(AccessReason::for_role(Role::LawEnforcement, none), Err(Denied::LegalBasisRequired));
        let half = AccessReason { legal_basis: Some("УПК РФ ст. 144".into()), ..Default::default() };
        assert_eq!(AccessReason::for_role(Role::LawEnforcement, half), Err(Denied::LegalBasisRequired));
        let free_text = AccessReason {
            legal_basis: Some("УПК РФ ст. 144".into()),
            case_number: Some("12401920001000123".into()),
            ..Default::default()
        };
        assert!(matches!(
            AccessReason::for_role(Role::LawEnforcement, free_text.clone()),
            Err(Denied::UnknownLegalBasis(_))
        ));
        let listed = AccessReason { legal_basis: Some("upk-144".into()), ..free_text };
        let r = AccessReason::for_role(Role::LawEnforcement, listed).unwrap();
        assert!(r.purpose.contains("12401920001000123"));
        assert_eq!(
            r.legal_basis.as_deref(),
            Some("УПК РФ, ст. 144 (проверка сообщения о преступлении)"),
            "the law's text is recorded"
        );
    }
}
