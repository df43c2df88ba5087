//! Registry operations shared by the API and the web pages: each checks the caller's role and
//! ownership, records the audit entry, and only then returns personal data.

use chrono::Utc;
use domain::access::{AccessReason, Action, Denied, Principal, Role, authorize, may_view_person};
use domain::event::{Actor, Change, SourceAgency};
use domain::input::{ChangeInput, NewPerson, OrgRefs};
use domain::person::PersonProfile;
use domain::reduced::{PersonView, ReducedProfile};
use serde::Deserialize;
use store::persons::{PersonQuery, Provenance, Scope};
use store::search::{Script, SearchPage};
use store::{AuditEntry, Page};
use uuid::Uuid;

use crate::app::AppState;
use crate::error::{ApiError, ApiResult};

/// Why the caller reads personal data: query parameters on the API, form fields on the web.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ReasonParams {
    /// Purpose of the access in plain words (defaults to the role's purpose).
    pub purpose: Option<String>,
    /// Legal basis (law and article) — required for law enforcement.
    pub legal_basis: Option<String>,
    /// Case number — required for law enforcement.
    pub case_number: Option<String>,
}

impl ReasonParams {
    /// Validates the texts and applies the role's requirements.
    pub fn resolve(&self, role: Role) -> ApiResult<AccessReason> {
        let clean = |field: &str, v: &Option<String>| -> ApiResult<Option<String>> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => domain::validate::text::clean_text(s, 300)
                    .map(Some)
                    .map_err(|e| ApiError::Invalid(domain::error::ValidationErrors::one(field, e))),
                None => Ok(None),
            }
        };
        let given = AccessReason {
            purpose: clean("purpose", &self.purpose)?.unwrap_or_default(),
            legal_basis: clean("legal_basis", &self.legal_basis)?,
            case_number: clean("case_number", &self.case_number)?,
        };
        Ok(AccessReason::for_role(role, given)?)
    }
}

/// An audit entry for this principal.
pub fn entry(p: &Principal, action: &str, reason: &AccessReason, request_id: Option<&str>) -> AuditEntry {
    let mut e = AuditEntry::new(action);
    e.account_id = Some(p.account_id);
    e.role = Some(p.role.code().to_string());
    e.purpose = reason.purpose.clone();
    e.legal_basis = reason.legal_basis.clone();
    e.case_number = reason.case_number.clone();
    e.request_id = request_id.map(str::to_string);
    e
}

/// What a role may see of a profile. Organisation accounts (employer, university, adaptation
/// centre) get the reduced view, its own allow-list type (`domain::reduced::ReducedProfile`:
/// identity, documents, permits, the current place of stay's address, their own employment or
/// study), never a full profile with fields cleared; everyone else allowed to read a person
/// gets the whole profile.
pub fn view_for(p: &Principal, profile: PersonProfile) -> PersonView {
    match p.role {
        Role::Employer | Role::University | Role::AdaptationCentre => {
            PersonView::Reduced(Box::new(ReducedProfile::of(&profile, p.org_id, domain::clock::today())))
        }
        _ => PersonView::Full(Box::new(profile)),
    }
}

/// Reads one person for the caller, logging the read with its purpose; the answer is the view
/// the caller's role allows ([`view_for`]).
pub async fn view_person(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &ReasonParams,
    request_id: Option<&str>,
) -> ApiResult<PersonView> {
    authorize(p.role, Action::ViewPerson)?;
    let reason = reason.resolve(p.role)?;
    let profile = s.store.get_person(id).await?;
    may_view_person(p, &profile, domain::clock::today())?;
    let mut e = entry(p, "person.view", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(view_for(p, profile))
}

/// Search criteria as typed by a user (docs/SEARCH.md).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Name in any writing: "surname [given names]". The surname is matched exactly after
    /// folding (a trailing `*` asks for surnames beginning with it), given names by prefix;
    /// two-word surnames (`Бакыт уулу`) are found. At least two letters; no other wildcards.
    pub name: Option<String>,
    /// Date of birth (`YYYY-MM-DD` or `DD.MM.YYYY`).
    pub birth_date: Option<String>,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Citizenship, ISO alpha-3.
    pub citizenship: Option<String>,
    /// Document number as printed (exact).
    pub document_number: Option<String>,
    /// Phone with country code (exact).
    pub phone: Option<String>,
    /// Taxpayer number, INN (exact).
    pub inn: Option<String>,
    /// Computed status: LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED.
    pub status: Option<String>,
    /// Next open deadline on or after this day (`YYYY-MM-DD`).
    pub deadline_from: Option<String>,
    /// Next open deadline on or before this day (`YYYY-MM-DD`).
    pub deadline_to: Option<String>,
    /// An officer's task of the rules engine due on or before this day (`YYYY-MM-DD`): the
    /// officer's work list of tasks.
    pub task_due_to: Option<String>,
}

/// The status codes the engine produces.
pub const STATUSES: [&str; 5] = ["LEGAL", "AT_RISK", "IN_VIOLATION", "IRREGULAR", "DEPARTED"];

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl SearchParams {
    /// Checks every criterion and reports all problems at once; a meaningless name (wildcards,
    /// punctuation, one letter) is refused so that the search cannot browse the registry.
    fn parse(&self) -> ApiResult<PersonQuery> {
        use domain::error::FieldError;
        let mut errs = domain::error::ValidationErrors::default();
        let name = given(&self.name).and_then(|n| errs.check("name", store::search::NameQuery::parse(n)));
        let citizenship = given(&self.citizenship).and_then(|c| {
            errs.check("citizenship", domain::validate::country::Country::parse(c)).map(|c| c.as_str().to_string())
        });
        if let Some(y) = self.birth_year
            && !(1900..=2100).contains(&y)
        {
            errs.push(FieldError {
                field: "birth_year".into(),
                code: "date_out_of_range",
                message: format!("{y} is not a plausible birth year"),
            });
        }
        let phone = given(&self.phone).and_then(|p| {
            errs.check("phone", domain::validate::contact::Phone::parse(p)).map(|p| p.as_str().to_string())
        });
        let inn = given(&self.inn)
            .and_then(|i| errs.check("inn", domain::validate::inn::Inn::parse(i)).map(|i| i.as_str().to_string()));
        let document_number = given(&self.document_number).map(str::to_string);
        let status = match given(&self.status) {
            Some(st) if STATUSES.contains(&st.to_ascii_uppercase().as_str()) => Some(st.to_ascii_uppercase()),
            Some(st) => {
                errs.push(FieldError {
                    field: "status".into(),
                    code: "status_unknown",
                    message: format!("{st:?} is not one of {}", STATUSES.join(", ")),
                });
                None
            }
            None => None,
        };
        let ymd = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid");
        let today = domain::clock::today();
        let birth_date = given(&self.birth_date)
            .and_then(|d| errs.check("birth_date", domain::date::parse_date(d, ymd(1900, 1, 1), today)));
        let mut deadline = |field: &str, v: &Option<String>| {
            given(v).and_then(|d| errs.check(field, domain::date::parse_date(d, ymd(2000, 1, 1), ymd(2100, 12, 31))))
        };
        let deadline_from = deadline("deadline_from", &self.deadline_from);
        let deadline_to = deadline("deadline_to", &self.deadline_to);
        let task_due_to = deadline("task_due_to", &self.task_due_to);
        errs.finish()?;
        Ok(PersonQuery {
            name,
            birth_date,
            birth_year: self.birth_year,
            citizenship,
            document_number,
            phone,
            inn,
            status,
            deadline_from,
            deadline_to,
            task_due_to,
        })
    }
}

/// Searches within the caller's scope and logs every person returned as seen by the caller.
///
/// `cursor` is the previous page's `next_cursor` (a cursor of another search is refused as
/// invalid input); names come in the reader's `script`.
#[expect(clippy::too_many_arguments, reason = "the search's inputs, each from its own part of the request")]
pub async fn search(
    s: &AppState,
    p: &Principal,
    params: &SearchParams,
    reason: &ReasonParams,
    cursor: Option<&str>,
    limit: i64,
    script: Script,
    request_id: Option<&str>,
) -> ApiResult<SearchPage> {
    authorize(p.role, Action::SearchPersons)?;
    let reason = reason.resolve(p.role)?;
    let q = params.parse()?;
    let today = domain::clock::today();
    let scope = match p.role {
        Role::Employer => Scope::Org {
            org_id: p.org_id.ok_or(Denied::NotOwner("no employer is linked to this account"))?,
            relation: "employee",
            on: today,
        },
        Role::University => Scope::Org {
            org_id: p.org_id.ok_or(Denied::NotOwner("no university is linked to this account"))?,
            relation: "student",
            on: today,
        },
        Role::AdaptationCentre => {
            if criteria_used(&q) != "document_number" {
                return Err(ApiError::Forbidden(Denied::Role {
                    role: p.role.code(),
                    what: "search other than by exact document number",
                }));
            }
            Scope::All
        }
        _ => {
            if q.is_empty() {
                return Err(ApiError::Invalid(domain::error::ValidationErrors::one(
                    "name",
                    domain::error::ValueError::new(
                        "criteria_required",
                        "give at least one search criterion: browsing the whole registry is not allowed",
                    ),
                )));
            }
            Scope::All
        }
    };
    let page = s.store.search(&q, scope, cursor, limit, script).await?;
    let base = entry(p, "person.search_hit", &reason, request_id);
    let base = AuditEntry { detail: format!("criteria: {}", criteria_used(&q)), ..base };
    let entries: Vec<AuditEntry> = page.items.iter().map(|x| base.about(x.id)).collect();
    if entries.is_empty() {
        s.audit.record(vec![AuditEntry { action: "person.search".into(), ..base }]).await?;
    } else {
        s.audit.record(entries).await?;
    }
    Ok(page)
}

/// Which criteria were used, without their values (document numbers stay out of the log).
fn criteria_used(q: &PersonQuery) -> String {
    q.criteria_used()
}

/// A person's computed legal status with its obligations, violations and explanations.
pub async fn view_status(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &ReasonParams,
    request_id: Option<&str>,
) -> ApiResult<store::status::StoredStatus> {
    authorize(p.role, Action::ViewPerson)?;
    let reason = reason.resolve(p.role)?;
    let profile = s.store.get_person(id).await?;
    may_view_person(p, &profile, domain::clock::today())?;
    let mut e = entry(p, "person.status", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(s.store.person_status(&profile).await?)
}

/// Registers a new person (migration officers).
pub async fn create_person(
    s: &AppState,
    p: &Principal,
    input: &NewPerson,
    idempotency_key: Option<String>,
    request_id: Option<&str>,
) -> ApiResult<(PersonProfile, bool)> {
    authorize(p.role, Action::CreatePerson)?;
    let (changes, refs) = input.parse(domain::clock::today())?;
    let prov = provenance(p, idempotency_key);
    let reason = AccessReason::default_for(p.role);
    let e = entry(p, "person.create", &reason, request_id);
    Ok(s.store.create_person(changes, &refs, prov, e).await?)
}

fn provenance(p: &Principal, idempotency_key: Option<String>) -> Provenance {
    Provenance {
        source: SourceAgency::Registry,
        source_record: idempotency_key.map(|k| format!("idem:{}:{k}", p.account_id)),
        actor: Actor { account_id: Some(p.account_id), role: Some(p.role) },
        at: Utc::now(),
    }
}

/// How a change is to be recorded, besides what it changes.
#[derive(Debug, Clone, Default)]
pub struct ChangeOptions<'a> {
    /// The version the caller edited (`If-Match`): a newer version is a conflict. Without it a
    /// lost race is retried on top of the newer version.
    pub expected_version: Option<i64>,
    /// The client's key: a second submission with it records nothing and answers like the first.
    pub idempotency_key: Option<String>,
    /// The officer's reason for a correction, kept in the audit entry.
    pub note: Option<&'a str>,
}

/// Records changes to a person (migration officers).
pub async fn change_person(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    inputs: &[ChangeInput],
    how: ChangeOptions<'_>,
    request_id: Option<&str>,
) -> ApiResult<PersonProfile> {
    let ChangeOptions { expected_version, idempotency_key, note } = how;
    authorize(p.role, Action::UpdatePerson)?;
    if inputs.is_empty() || inputs.len() > 50 {
        return Err(ApiError::Invalid(domain::error::ValidationErrors::one(
            "changes",
            domain::error::ValueError::new("changes_count", "send between 1 and 50 changes"),
        )));
    }
    let current = s.store.get_person(id).await?;
    let today = domain::clock::today();
    let mut changes: Vec<Change> = Vec::with_capacity(inputs.len());
    let mut refs = OrgRefs::default();
    let mut errs = domain::error::ValidationErrors::default();
    for (i, c) in inputs.iter().enumerate() {
        match c.parse(current.citizenship, today) {
            Ok((ch, r)) => {
                changes.push(ch);
                refs.0.extend(r.0.into_iter().map(|(f, id, k)| (format!("changes[{i}].{f}"), id, k)));
            }
            Err(e) => errs.0.extend(e.0.into_iter().map(|mut fe| {
                fe.field = format!("changes[{i}].{}", fe.field);
                fe
            })),
        }
    }
    errs.finish()?;
    let reason = AccessReason::default_for(p.role);
    let mut e = entry(p, "person.change", &reason, request_id);
    e.detail = changes.iter().map(|c| c.kind()).collect::<Vec<_>>().join(",");
    if let Some(note) = note {
        e.detail = format!("{}; reason: {note}", e.detail);
    }
    // Without If-Match the caller did not edit a particular version, so losing a race to another
    // writer is not their conflict: apply on top of the newer version (a few attempts).
    let attempts = if expected_version.is_some() { 1 } else { 5 };
    let mut last = None;
    for _ in 0..attempts {
        let prov = provenance(p, idempotency_key.clone());
        match s.store.append_changes(id, expected_version, changes.clone(), &refs, prov, e.clone()).await {
            Err(store::StoreError::Conflict(m)) => last = Some(m),
            other => return Ok(other?),
        }
    }
    Err(ApiError::Conflict(last.unwrap_or_default()))
}

/// A person's history (officers, law enforcement, the person themself).
pub async fn history(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &ReasonParams,
    after: i64,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<Page<domain::event::PersonEvent>> {
    authorize(p.role, Action::ViewHistory)?;
    let reason = reason.resolve(p.role)?;
    let profile = s.store.get_person(id).await?;
    may_view_person(p, &profile, domain::clock::today())?;
    let mut e = entry(p, "person.history", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(s.store.history(id, after, limit).await?)
}

/// The person's golden record: one value per field with the agency record it rests on. As much
/// personal data as the history, so the same roles may read it.
pub async fn golden(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &ReasonParams,
    request_id: Option<&str>,
) -> ApiResult<domain::golden::GoldenRecord> {
    authorize(p.role, Action::ViewHistory)?;
    let reason = reason.resolve(p.role)?;
    let profile = s.store.get_person(id).await?;
    let today = domain::clock::today();
    may_view_person(p, &profile, today)?;
    let mut e = entry(p, "person.golden", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    let events = s.store.history(id, 0, i64::MAX / 2).await?.items;
    domain::golden::golden_record(&profile, &events, today)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("person {id} has a history without a registration")))
}

/// Who accessed a person's data. Reading the log is itself logged.
pub async fn access_log(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    before: Option<i64>,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<Vec<store::audit::ChainedEntry>> {
    authorize(p.role, Action::ViewAccessLog)?;
    if p.role == Role::Migrant && p.person_id != Some(id) {
        return Err(Denied::NotOwner("a migrant account sees only its own profile").into());
    }
    let reason = AccessReason {
        purpose: if p.role == Role::Migrant {
            p.role.default_purpose().into()
        } else {
            "oversight of access to personal data".into()
        },
        ..Default::default()
    };
    let mut e = entry(p, "person.access_log", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(store::audit::for_person(&s.store.db, id, before, limit).await?)
}
