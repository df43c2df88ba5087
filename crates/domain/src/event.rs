//! The append-only history of a person: every change is an event with its source and actor.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::Role;
use crate::date::PartialDate;
use crate::facts::{CheckIn, Crossing, Notice, NoticeKind, PatentPayment, ServiceResult, StatusChange};
use crate::names::NameVariant;
use crate::person::{Contact, Employment, IdentityDocument, Permit, PermitKind, PersonProfile, Sex, Stay};
use crate::validate::country::Country;

/// The agency (or channel) a fact came from: provenance for every field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SourceAgency {
    /// Interior ministry, migration department (ГУВМ МВД): entries, registrations, permits.
    Mvd,
    /// Federal tax service (ФНС): INN, patent payments.
    Fns,
    /// Medical examination centre.
    Medical,
    /// Russian language, history and law exam centre.
    Exam,
    /// An employer (hire and fire notices).
    Employer,
    /// A university or college (enrolment, expulsion).
    University,
    /// An adaptation centre.
    Adaptation,
    /// Entered by an officer in this registry.
    Registry,
    /// The migrant themself through the cabinet (never enough to complete a legal step).
    Migrant,
    /// Synthetic data from the demo generator.
    Demo,
}

impl SourceAgency {
    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Self::Mvd => "mvd",
            Self::Fns => "fns",
            Self::Medical => "medical",
            Self::Exam => "exam",
            Self::Employer => "employer",
            Self::University => "university",
            Self::Adaptation => "adaptation",
            Self::Registry => "registry",
            Self::Migrant => "migrant",
            Self::Demo => "demo",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == s)
    }

    /// Every agency, for lists and tests.
    pub const ALL: [Self; 10] = [
        Self::Mvd,
        Self::Fns,
        Self::Medical,
        Self::Exam,
        Self::Employer,
        Self::University,
        Self::Adaptation,
        Self::Registry,
        Self::Migrant,
        Self::Demo,
    ];
}

/// Who caused an event: an account and the role it acted in, or a system job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    /// The account, or `None` for a system job (import, demo, rules run).
    pub account_id: Option<Uuid>,
    /// The role the actor acted in.
    pub role: Option<Role>,
}

impl Actor {
    /// A background job acting without an account.
    pub fn system() -> Self {
        Self { account_id: None, role: None }
    }
}

/// One change to a person's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Change {
    /// The person entered the registry with their core identity.
    Registered {
        /// The first writing of the name.
        name: NameVariant,
        /// Date of birth.
        birth_date: PartialDate,
        /// Sex.
        sex: Sex,
        /// Citizenship.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        citizenship: Country,
    },
    /// Another writing of the name was seen.
    NameAdded(NameVariant),
    /// Core identity corrected (e.g. a typo in the date of birth), with the reason.
    CoreCorrected {
        /// Corrected date of birth.
        birth_date: PartialDate,
        /// Corrected sex.
        sex: Sex,
        /// Corrected citizenship.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        citizenship: Country,
        /// Why the correction was made.
        reason: String,
    },
    /// A document was recorded.
    DocumentAdded(IdentityDocument),
    /// A document was lost, replaced or annulled.
    DocumentInvalidated {
        /// The document.
        document_id: Uuid,
        /// Why.
        reason: String,
    },
    /// A contact was added.
    ContactAdded(Contact),
    /// A contact was removed.
    ContactRemoved {
        /// The contact.
        contact_id: Uuid,
    },
    /// Registered at a place of stay.
    StayRegistered(Stay),
    /// Deregistered from a place of stay.
    StayEnded {
        /// The stay.
        stay_id: Uuid,
        /// Last day at the address.
        on: NaiveDate,
    },
    /// Hired.
    EmploymentStarted(Employment),
    /// Fired, resigned or contract ended.
    EmploymentEnded {
        /// The employment.
        employment_id: Uuid,
        /// Last day of work.
        on: NaiveDate,
    },
    /// A permit or student status was granted.
    PermitGranted(Permit),
    /// A border crossing.
    BorderCrossed(Crossing),
    /// A patent advance payment.
    PatentPaid(PatentPayment),
    /// A notice to the interior ministry was filed.
    NoticeFiled(Notice),
    /// A service point recorded a result (fingerprinting, medical, exam).
    ServiceResultRecorded(ServiceResult),
    /// The migrant checked in on purpose.
    CheckedIn(CheckIn),
    /// The computed legal status changed (written by the rules engine, not by people).
    StatusChanged(StatusChange),
    /// Another person's record was merged into this one (an officer found the two to be one
    /// person); the event carries that person's facts as further changes.
    Merged {
        /// The merge.
        merge_id: Uuid,
        /// The person merged in (their id now redirects here).
        from: Uuid,
        /// The officer's reason.
        reason: String,
    },
    /// This person was merged into another; the id redirects there until the merge is undone.
    MergedInto {
        /// The merge.
        merge_id: Uuid,
        /// The surviving person.
        into: Uuid,
        /// The officer's reason.
        reason: String,
    },
    /// A merge was undone. In [`PersonProfile::replay`], the event that carried the merge
    /// counts as empty from then on, so both persons are restored to their own facts.
    MergeUndone {
        /// The merge.
        merge_id: Uuid,
        /// The other person of the merge.
        other: Uuid,
        /// The officer's reason.
        reason: String,
    },
    /// A permit ended before its term (annulled, expelled, voided).
    PermitEnded {
        /// The permit.
        permit_id: Uuid,
        /// Last day of validity.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
    /// The tax service assigned (or reported) the person's INN (Tax Code art. 83–84).
    TaxNumberAssigned {
        /// The INN.
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        inn: crate::validate::inn::Inn,
    },
}

impl Change {
    /// Stable name of the change type, for storage and lists.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Registered { .. } => "registered",
            Change::NameAdded(_) => "name_added",
            Change::CoreCorrected { .. } => "core_corrected",
            Change::DocumentAdded(_) => "document_added",
            Change::DocumentInvalidated { .. } => "document_invalidated",
            Change::ContactAdded(_) => "contact_added",
            Change::ContactRemoved { .. } => "contact_removed",
            Change::StayRegistered(_) => "stay_registered",
            Change::StayEnded { .. } => "stay_ended",
            Change::EmploymentStarted(_) => "employment_started",
            Change::EmploymentEnded { .. } => "employment_ended",
            Change::PermitGranted(_) => "permit_granted",
            Change::PermitEnded { .. } => "permit_ended",
            Change::TaxNumberAssigned { .. } => "tax_number_assigned",
            Change::BorderCrossed(_) => "border_crossed",
            Change::PatentPaid(_) => "patent_paid",
            Change::NoticeFiled(_) => "notice_filed",
            Change::ServiceResultRecorded(_) => "service_result",
            Change::CheckedIn(_) => "checked_in",
            Change::StatusChanged(_) => "status_changed",
            Change::Merged { .. } => "merged",
            Change::MergedInto { .. } => "merged_into",
            Change::MergeUndone { .. } => "merge_undone",
        }
    }
}

/// One entry of a person's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonEvent {
    /// Event id (UUIDv7: sorts by time).
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Position in the person's history, from 1; unique per person (optimistic concurrency).
    pub seq: i64,
    /// When the registry recorded it.
    pub recorded_at: DateTime<Utc>,
    /// Which agency the fact came from.
    pub source: SourceAgency,
    /// The agency's own record id, when the fact came from a feed (idempotent re-import).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_record: Option<String>,
    /// Who recorded it.
    pub actor: Actor,
    /// What changed: one submission (an agency's notice, an officer's form) may carry several
    /// facts, recorded atomically as one event.
    pub changes: Vec<Change>,
}

/// Why an event could not be applied to a profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The first event of a history must be `Registered`, and only the first.
    #[error("the history must start with exactly one registration")]
    NotRegistered,
    /// The event refers to a document, stay, job, contact or permit the person does not have.
    #[error("{0} {1} is not in this person's profile")]
    UnknownItem(&'static str, Uuid),
    /// An end date earlier than the start.
    #[error("{0} ends on {1}, before it started")]
    EndsBeforeStart(&'static str, NaiveDate),
}

/// The merges undone somewhere in a history: events carrying them count as empty.
pub fn undone_merges(events: &[&PersonEvent]) -> Vec<Uuid> {
    events
        .iter()
        .flat_map(|e| &e.changes)
        .filter_map(|c| match c {
            Change::MergeUndone { merge_id, .. } => Some(*merge_id),
            _ => None,
        })
        .collect()
}

impl PersonEvent {
    /// Whether this event brought in a merge that is among `undone`.
    pub fn carries_merge_of(&self, undone: &[Uuid]) -> bool {
        self.changes.iter().any(|c| matches!(c, Change::Merged { merge_id, .. } if undone.contains(merge_id)))
    }
}

impl PersonProfile {
    /// Starts a profile from the registration event.
    pub fn from_first(ev: &PersonEvent) -> Result<Self, ApplyError> {
        let Some(Change::Registered { name, birth_date, sex, citizenship }) = ev.changes.first() else {
            return Err(ApplyError::NotRegistered);
        };
        let mut p = Self {
            id: ev.person_id,
            version: 1,
            names: vec![name.clone()],
            birth_date: *birth_date,
            sex: *sex,
            citizenship: *citizenship,
            documents: vec![],
            contacts: vec![],
            stays: vec![],
            employments: vec![],
            permits: vec![],
            crossings: vec![],
            payments: vec![],
            notices: vec![],
            results: vec![],
            check_ins: vec![],
            inn: None,
            status: None,
            created_at: ev.recorded_at,
            updated_at: ev.recorded_at,
        };
        for c in &ev.changes[1..] {
            p.apply_change(c)?;
        }
        Ok(p)
    }

    /// Rebuilds a profile from a whole history (oldest first). An event that carried a merge
    /// undone later in the history counts as empty (it still takes its place in the version).
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a PersonEvent>) -> Result<Self, ApplyError> {
        let events: Vec<&PersonEvent> = events.into_iter().collect();
        let undone = undone_merges(&events);
        let mut it = events.into_iter();
        let first = it.next().ok_or(ApplyError::NotRegistered)?;
        let mut p = Self::from_first(first)?;
        for ev in it {
            if ev.carries_merge_of(&undone) {
                p.version += 1;
                p.updated_at = ev.recorded_at;
            } else {
                p.apply_in_place(ev)?;
            }
        }
        Ok(p)
    }

    /// Folds one more event into the profile. Fails, leaving the profile unchanged, if the event
    /// does not fit (so a bad event is rejected before it is stored).
    pub fn apply(&mut self, ev: &PersonEvent) -> Result<(), ApplyError> {
        let mut next = self.clone();
        next.apply_in_place(ev)?;
        *self = next;
        Ok(())
    }

    /// Folds an event without the copy that makes [`apply`](Self::apply) atomic: on error the
    /// profile is left part-updated. For building profiles from whole histories, where an error
    /// discards the profile anyway (replay, bulk loads).
    pub fn apply_in_place(&mut self, ev: &PersonEvent) -> Result<(), ApplyError> {
        for c in &ev.changes {
            self.apply_change(c)?;
        }
        self.version += 1;
        self.updated_at = ev.recorded_at;
        Ok(())
    }

    fn apply_change(&mut self, change: &Change) -> Result<(), ApplyError> {
        match change {
            Change::Registered { .. } => return Err(ApplyError::NotRegistered),
            Change::NameAdded(n) => {
                if !self.names.contains(n) {
                    self.names.push(n.clone());
                }
            }
            Change::CoreCorrected { birth_date, sex, citizenship, .. } => {
                self.birth_date = *birth_date;
                self.sex = *sex;
                self.citizenship = *citizenship;
            }
            Change::DocumentAdded(d) => self.documents.push(d.clone()),
            Change::DocumentInvalidated { document_id, reason } => {
                let d = find(&mut self.documents, |d| d.id == *document_id, "document", *document_id)?;
                d.invalidated = Some(reason.clone());
            }
            Change::ContactAdded(c) => self.contacts.push(c.clone()),
            Change::ContactRemoved { contact_id } => {
                let before = self.contacts.len();
                self.contacts.retain(|c| c.id != *contact_id);
                if self.contacts.len() == before {
                    return Err(ApplyError::UnknownItem("contact", *contact_id));
                }
            }
            Change::StayRegistered(s) => self.stays.push(s.clone()),
            Change::StayEnded { stay_id, on } => {
                let s = find(&mut self.stays, |s| s.id == *stay_id, "stay", *stay_id)?;
                if *on < s.from {
                    return Err(ApplyError::EndsBeforeStart("stay", *on));
                }
                s.until = Some(*on);
            }
            Change::EmploymentStarted(e) => self.employments.push(e.clone()),
            Change::EmploymentEnded { employment_id, on } => {
                let e = find(&mut self.employments, |e| e.id == *employment_id, "employment", *employment_id)?;
                if *on < e.from {
                    return Err(ApplyError::EndsBeforeStart("employment", *on));
                }
                e.until = Some(*on);
                e.ended_on = Some(*on);
            }
            Change::PermitGranted(p) => self.permits.push(p.clone()),
            Change::TaxNumberAssigned { inn } => self.inn = Some(inn.clone()),
            Change::PermitEnded { permit_id, on, reason } => {
                let p = find(&mut self.permits, |p| p.id == *permit_id, "permit", *permit_id)?;
                if *on < p.valid_from {
                    return Err(ApplyError::EndsBeforeStart("permit", *on));
                }
                p.valid_until = Some(*on);
                p.ended = Some(reason.clone());
            }
            Change::BorderCrossed(c) => {
                let at = self.crossings.partition_point(|x| x.on <= c.on);
                self.crossings.insert(at, *c);
            }
            Change::PatentPaid(pay) => {
                let patent = self.permits.iter().find(|p| p.id == pay.permit_id && p.kind == PermitKind::Patent);
                if patent.is_none() {
                    return Err(ApplyError::UnknownItem("patent", pay.permit_id));
                }
                self.payments.push(*pay);
            }
            Change::NoticeFiled(n) => {
                let known = match n.kind {
                    NoticeKind::Arrival { stay_id } => self.stays.iter().any(|s| s.id == stay_id),
                    NoticeKind::Hire { employment_id } | NoticeKind::Termination { employment_id } => {
                        self.employments.iter().any(|e| e.id == employment_id)
                    }
                    NoticeKind::ResidenceConfirmation { permit_id, .. } | NoticeKind::StudyEnd { permit_id } => {
                        self.permits.iter().any(|p| p.id == permit_id)
                    }
                    NoticeKind::PatentApplication { reissue_of: None } => true,
                    NoticeKind::PatentApplication { reissue_of: Some(id) } => {
                        self.permits.iter().any(|p| p.id == id && p.kind == PermitKind::Patent)
                    }
                };
                if !known {
                    return Err(ApplyError::UnknownItem("notice subject", notice_subject(&n.kind)));
                }
                self.notices.push(*n);
            }
            // Only a result that completes its step joins the profile, which the rules engine and
            // the case read; an unfit or failed outcome stays in the history (the event).
            Change::ServiceResultRecorded(r) => {
                if r.completes() {
                    self.results.push(r.clone());
                }
            }
            Change::CheckedIn(c) => self.check_ins.push(*c),
            Change::StatusChanged(st) => self.status = Some(st.clone()),
            // Markers: the merged facts travel as further changes of the same event, and an
            // undone merge is taken out by `replay`.
            Change::Merged { .. } | Change::MergedInto { .. } | Change::MergeUndone { .. } => {}
        }
        Ok(())
    }
}

fn notice_subject(k: &NoticeKind) -> Uuid {
    match *k {
        NoticeKind::Arrival { stay_id } => stay_id,
        NoticeKind::Hire { employment_id } | NoticeKind::Termination { employment_id } => employment_id,
        NoticeKind::ResidenceConfirmation { permit_id, .. } | NoticeKind::StudyEnd { permit_id } => permit_id,
        NoticeKind::PatentApplication { reissue_of } => reissue_of.unwrap_or_default(),
    }
}

fn find<'a, T>(
    items: &'a mut [T],
    pred: impl Fn(&T) -> bool,
    what: &'static str,
    id: Uuid,
) -> Result<&'a mut T, ApplyError> {
    items.iter_mut().find(|x| pred(x)).ok_or(ApplyError::UnknownItem(what, id))
}
