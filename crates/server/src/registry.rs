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
    may_view_person(p, &profile, Utc::now().date_naive())?;
    let mut e = entry(p, "person.view", &reason, request_id);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(view_for(p, profile))
}

/// Search criteria as typed by a user.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct SearchParams {
    /// Name in any script: "surname [given names]", prefix match.
    pub name: Option<String>,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Citizenship, ISO alpha-3.
    pub citizenship: Option<String>,
    /// Document number as printed (exact).
    pub document_number: Option<String>,
    /// Phone with country code (exact).
    pub phone: Option<String>,
    /// Computed status: LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED.
    pub status: Option<String>,
    /// Next open deadline on or after this day (`YYYY-MM-DD`).
    pub deadline_from: Option<String>,
    /// Next open deadline on or before this day (`YYYY-MM-DD`).
    pub deadline_to: Option<String>,
}

/// The status codes the engine produces.
pub const STATUSES: [&str; 5] = ["LEGAL", "AT_RISK", "IN_VIOLATION", "IRREGULAR", "DEPARTED"];

impl SearchParams {
    fn parse(&self) -> ApiResult<PersonQuery> {
        let mut errs = domain::error::ValidationErrors::default();
        let name = match self.name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(n) => errs.check("name", domain::validate::text::clean_text(n, 200)),
            None => None,
        };
        let citizenship = match self.citizenship.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(c) => {
                errs.check("citizenship", domain::validate::country::Country::parse(c)).map(|c| c.as_str().to_string())
            }
            None => None,
        };
        if let Some(y) = self.birth_year
            && !(1900..=2100).contains(&y)
        {
            errs.push(domain::error::FieldError {
                field: "birth_year".into(),
                code: "date_out_of_range",
                message: format!("{y} is not a plausible birth year"),
            });
        }
        let phone = match self.phone.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(p) => errs.check("phone", domain::validate::contact::Phone::parse(p)).map(|p| p.as_str().to_string()),
            None => None,
        };
        let document_number =
            self.document_number.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let status = match self.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(st) if STATUSES.contains(&st.to_ascii_uppercase().as_str()) => Some(st.to_ascii_uppercase()),
            Some(st) => {
                errs.push(domain::error::FieldError {
                    field: "status".into(),
                    code: "status_unknown",
                    message: format!("{st:?} is not one of {}", STATUSES.join(", ")),
                });
                None
            }
            None => None,
        };
        let (min, max) = (
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid"),
            chrono::NaiveDate::from_ymd_opt(2100, 12, 31).expect("valid"),
        );
        let mut date = |field: &str, v: &Option<String>| match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => errs.check(field, domain::date::parse_date(d, min, max)),
            None => None,
        };
        let deadline_from = date("deadline_from", &self.deadline_from);
        let deadline_to = date("deadline_to", &self.deadline_to);
        errs.finish()?;
        Ok(PersonQuery {
            name,
            birth_year: self.birth_year,
            citizenship,
            document_number,
            phone,
            status,
            deadline_from,
            deadline_to,
        })
    }

    fn is_empty(q: &PersonQuery) -> bool {
        criteria_used(q).is_empty()
    }
}

/// Searches within the caller's scope and logs every person returned as seen by the caller.
pub async fn search(
    s: &AppState,
    p: &Principal,
    params: &SearchParams,
    reason: &ReasonParams,
    after: Option<Uuid>,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<Page<PersonView>> {
    authorize(p.role, Action::SearchPersons)?;
    let reason = reason.resolve(p.role)?;
    let q = params.parse()?;
    let today = Utc::now().date_naive();
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
            if q.document_number.is_none() || q.name.is_some() || q.phone.is_some() {
                return Err(ApiError::Forbidden(Denied::Role {
                    role: p.role.code(),
                    what: "search other than by exact document number",
                }));
            }
            Scope::All
        }
        _ => {
            if SearchParams::is_empty(&q) {
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
    let page = s.store.search(&q, scope, after, limit).await?;
    let base = entry(p, "person.search_hit", &reason, request_id);
    let base = AuditEntry { detail: format!("criteria: {}", criteria_used(&q)), ..base };
    let entries: Vec<AuditEntry> = page.items.iter().map(|x| base.about(x.id)).collect();
    if entries.is_empty() {
        s.audit.record(vec![AuditEntry { action: "person.search".into(), ..base }]).await?;
    } else {
        s.audit.record(entries).await?;
    }
    Ok(Page { items: page.items.into_iter().map(|x| view_for(p, x)).collect(), next_cursor: page.next_cursor })
}

/// Which criteria were used, without their values (document numbers stay out of the log).
fn criteria_used(q: &PersonQuery) -> String {
    let mut v = vec![];
    if q.name.is_some() {
        v.push("name");
    }
    if q.birth_year.is_some() {
        v.push("birth_year");
    }
    if q.citizenship.is_some() {
        v.push("citizenship");
    }
    if q.document_number.is_some() {
        v.push("document_number");
    }
    if q.phone.is_some() {
        v.push("phone");
    }
    if q.status.is_some() {
        v.push("status");
    }
    if q.deadline_from.is_some() || q.deadline_to.is_some() {
        v.push("deadline");
    }
    v.join(",")
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
    may_view_person(p, &profile, Utc::now().date_naive())?;
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
    let (changes, refs) = input.parse(Utc::now().date_naive())?;
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

/// Records changes to a person (migration officers).
pub async fn change_person(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    inputs: &[ChangeInput],
    expected_version: Option<i64>,
    idempotency_key: Option<String>,
    request_id: Option<&str>,
) -> ApiResult<PersonProfile> {
    authorize(p.role, Action::UpdatePerson)?;
    if inputs.is_empty() || inputs.len() > 50 {
        return Err(ApiError::Invalid(domain::error::ValidationErrors::one(
            "changes",
            domain::error::ValueError::new("changes_count", "send between 1 and 50 changes"),
        )));
    }
    let current = s.store.get_person(id).await?;
    let today = Utc::now().date_naive();
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
    may_view_person(p, &profile, Utc::now().date_naive())?;
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
    let today = Utc::now().date_naive();
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
