//! `/api/persons`: the registry of foreign nationals.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use domain::input::{ChangeInput, NewPerson};
use domain::person::PersonProfile;
use domain::reduced::PersonView;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::{PageParams, page_limit};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Json, Path, Query, RequestId, header_text};
use crate::registry::{self, ReasonParams, SearchParams};

/// All person routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/persons", post(create).get(search))
        .route("/api/persons/{id}", get(get_one))
        .route("/api/persons/{id}/history", get(history))
        .route("/api/persons/{id}/golden", get(golden))
        .route("/api/persons/{id}/status", get(status))
        .route("/api/persons/{id}/changes", post(change))
        .route("/api/persons/{id}/access-log", get(access_log))
        .route("/api/me/access-log", get(my_access_log))
}

fn profile_response(status: StatusCode, p: &PersonProfile) -> Response {
    (status, [(header::ETAG, format!("\"{}\"", p.version))], JsonOut(p)).into_response()
}

fn view_response(v: &PersonView) -> Response {
    (StatusCode::OK, [(header::ETAG, format!("\"{}\"", v.version()))], JsonOut(v)).into_response()
}

/// Registers a person. Send `Idempotency-Key` to make retries safe: the same key returns the
/// person created by the first request.
#[utoipa::path(post, path = "/api/persons", tag = "persons", request_body = NewPerson,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request return the first result")),
    responses(
        (status = 201, description = "created", body = PersonProfile),
        (status = 200, description = "already created with this idempotency key", body = PersonProfile),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    headers: HeaderMap,
    Json(input): Json<NewPerson>,
) -> ApiResult<Response> {
    let key = header_text(&headers, "idempotency-key");
    let (p, created) = registry::create_person(&s, &c.account.principal(), &input, key, rid.as_deref()).await?;
    Ok(profile_response(if created { StatusCode::CREATED } else { StatusCode::OK }, &p))
}

/// One person's profile: the whole profile, or for organisation accounts (employer,
/// university, adaptation centre) the reduced view (`"view": "reduced"`: identity, documents,
/// permits, the current place of stay's address, their own employment). The read is recorded
/// with its purpose.
#[utoipa::path(get, path = "/api/persons/{id}", tag = "persons", params(("id" = Uuid, Path), ReasonParams),
    responses((status = 200, body = PersonView), (status = 301, description = "merged into another person: `Location` and `merged_into` name it"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_one(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(reason): Query<ReasonParams>,
) -> ApiResult<Response> {
    domain::access::authorize(c.account.principal().role, domain::access::Action::ViewPerson)?;
    if let Some(to) = s.store.merged_into(id).await? {
        // A merged person: say where it went (no personal data in the answer).
        let location = format!("/api/persons/{to}");
        let body = serde_json::json!({"merged_into": to, "location": location});
        return Ok((StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)], JsonOut(body)).into_response());
    }
    let v = registry::view_person(&s, &c.account.principal(), id, &reason, rid.as_deref()).await?;
    Ok(view_response(&v))
}

/// Search query: criteria, reason and page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    name: Option<String>,
    birth_date: Option<String>,
    birth_year: Option<String>,
    citizenship: Option<String>,
    document_number: Option<String>,
    phone: Option<String>,
    inn: Option<String>,
    status: Option<String>,
    deadline_from: Option<String>,
    deadline_to: Option<String>,
    /// An officer's task of the rules engine due on or before this day (`YYYY-MM-DD`).
    #[serde(default)]
    task_due_to: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
    purpose: Option<String>,
    legal_basis: Option<String>,
    case_number: Option<String>,
}

/// One person in a search result: what a list needs, not the profile (open
/// `GET /api/persons/{id}` for that, which is logged as a view).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonItem {
    /// Registry id.
    pub id: Uuid,
    /// Full name in the reader's script (`Accept-Language`): Cyrillic for ru, tg, ky; Latin for
    /// uz, en, when the person has it.
    pub name: String,
    /// The other writing of the name, when the person has both.
    pub other_name: Option<String>,
    /// Date of birth (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub birth_date: String,
    /// Citizenship (ISO 3166-1 alpha-3).
    pub citizenship: String,
    /// Computed legal status: LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED.
    pub status: Option<String>,
    /// Earliest open deadline.
    pub next_deadline: Option<chrono::NaiveDate>,
}

impl From<store::search::PersonListItem> for PersonItem {
    fn from(x: store::search::PersonListItem) -> Self {
        Self {
            id: x.id,
            name: x.name,
            other_name: x.other_name,
            birth_date: x.birth_date,
            citizenship: x.citizenship,
            status: x.status,
            next_deadline: x.next_deadline,
        }
    }
}

/// A page of search results.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonPage {
    /// Persons, in registry id order.
    pub items: Vec<PersonItem>,
    /// Cursor of the next page: pass it with the same criteria.
    pub next_cursor: Option<String>,
    /// True when no name matched exactly and these are similar names (phonetic match).
    pub similar: bool,
}

/// Searches persons (docs/SEARCH.md). Employers and universities search only their own people;
/// the adaptation centre only by exact document number; others must give at least one
/// meaningful criterion (a name of two letters or more, no wildcards). Returns compact items;
/// every person returned is recorded in their access log. A cursor from another search is 422.
#[utoipa::path(get, path = "/api/persons", tag = "persons", params(SearchParams, ReasonParams, PageParams),
    responses((status = 200, body = PersonPage), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn search(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    headers: HeaderMap,
    Query(q): Query<SearchQuery>,
) -> ApiResult<JsonOut<PersonPage>> {
    let birth_year = match q.birth_year.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(y) => Some(y.parse::<i32>().map_err(|_| {
            ApiError::Invalid(domain::error::ValidationErrors::one(
                "birth_year",
                domain::error::ValueError::new("number", format!("{y:?} is not a year")),
            ))
        })?),
        None => None,
    };
    let params = SearchParams {
        name: q.name,
        birth_date: q.birth_date,
        birth_year,
        citizenship: q.citizenship,
        document_number: q.document_number,
        phone: q.phone,
        inn: q.inn,
        status: q.status,
        deadline_from: q.deadline_from,
        deadline_to: q.deadline_to,
        task_due_to: q.task_due_to,
    };
    let reason = ReasonParams { purpose: q.purpose, legal_basis: q.legal_basis, case_number: q.case_number };
    let script = store::search::Script::for_lang(&crate::web::lang_of(&s, &headers));
    let page = registry::search(
        &s,
        &c.account.principal(),
        &params,
        &reason,
        q.cursor.as_deref(),
        page_limit(q.limit)?,
        script,
        rid.as_deref(),
    )
    .await?;
    Ok(JsonOut(PersonPage {
        items: page.items.into_iter().map(PersonItem::from).collect(),
        next_cursor: page.next_cursor,
        similar: page.similar,
    }))
}

/// A person's computed legal status.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusView {
    /// LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR or DEPARTED, computed for today.
    pub status: String,
    /// Today in the region's time: the day the status and evaluation are computed for.
    pub on: chrono::NaiveDate,
    /// Earliest open deadline.
    pub next_deadline: Option<chrono::NaiveDate>,
    /// Obligations, violations, officer tasks and entry ban, each with its rule id, legal source,
    /// the facts used and a plain explanation in Russian and English (see docs/RULES.md).
    #[schema(value_type = Object)]
    pub evaluation: serde_json::Value,
    /// The stored status that work lists use; null until first computed.
    pub stored_status: Option<String>,
    /// Day the stored evaluation was computed for (the last day what it decides changed).
    pub stored_on: Option<chrono::NaiveDate>,
    /// True when today's evaluation decides what the stored one did (false between midnight
    /// and the daily job when a deadline passed overnight, or after the rule data changed).
    pub matches_stored: bool,
}

/// The person's status, obligations and deadlines computed from migration law.
#[utoipa::path(get, path = "/api/persons/{id}/status", tag = "persons", params(("id" = Uuid, Path), ReasonParams),
    responses((status = 200, body = StatusView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn status(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(reason): Query<ReasonParams>,
) -> ApiResult<JsonOut<StatusView>> {
    let st = registry::view_status(&s, &c.account.principal(), id, &reason, rid.as_deref()).await?;
    let evaluation = serde_json::to_value(&st.evaluation).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(JsonOut(StatusView {
        status: st.status,
        on: st.on,
        next_deadline: st.next_deadline,
        evaluation,
        stored_status: st.stored_status,
        stored_on: st.stored_on,
        matches_stored: st.matches,
    }))
}

/// The person's golden record: the best value of each field (name per writing, birth date,
/// passport, phone, address, employer) with the agency record it came from and how many other
/// values it was chosen over (survivorship rules: docs/LINKAGE.md).
#[utoipa::path(get, path = "/api/persons/{id}/golden", tag = "persons", params(("id" = Uuid, Path), ReasonParams),
    responses((status = 200, body = domain::golden::GoldenRecord), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn golden(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(reason): Query<ReasonParams>,
) -> ApiResult<JsonOut<domain::golden::GoldenRecord>> {
    Ok(JsonOut(registry::golden(&s, &c.account.principal(), id, &reason, rid.as_deref()).await?))
}

/// History query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    cursor: Option<String>,
    limit: Option<i64>,
    purpose: Option<String>,
    legal_basis: Option<String>,
    case_number: Option<String>,
}

/// A page of events.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventPage {
    /// Events, oldest first.
    pub items: Vec<domain::event::PersonEvent>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// The person's history: every change with its source agency, time and actor.
#[utoipa::path(get, path = "/api/persons/{id}/history", tag = "persons", params(("id" = Uuid, Path), ReasonParams, PageParams),
    responses((status = 200, body = EventPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn history(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<HistoryQuery>,
) -> ApiResult<JsonOut<EventPage>> {
    let after = match q.cursor.as_deref() {
        Some(c) => c.parse::<i64>().map_err(|_| {
            ApiError::Invalid(domain::error::ValidationErrors::one(
                "cursor",
                domain::error::ValueError::new("cursor", "the cursor is not one this API returned"),
            ))
        })?,
        None => 0,
    };
    let reason = ReasonParams { purpose: q.purpose, legal_basis: q.legal_basis, case_number: q.case_number };
    let page =
        registry::history(&s, &c.account.principal(), id, &reason, after, page_limit(q.limit)?, rid.as_deref()).await?;
    Ok(JsonOut(EventPage { items: page.items, next_cursor: page.next_cursor }))
}

/// Changes to record, atomically.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    /// 1–50 changes, applied together or not at all.
    pub changes: Vec<ChangeInput>,
}

/// Records changes. Send `If-Match` with the ETag of the profile you edited to refuse the
/// change if someone else changed the person meanwhile.
#[utoipa::path(post, path = "/api/persons/{id}/changes", tag = "persons", request_body = ChangeRequest,
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "Expected version (ETag)"), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe")),
    responses((status = 200, body = PersonProfile), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn change(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    Json(req): Json<ChangeRequest>,
) -> ApiResult<Response> {
    let expected =
        match header_text(&headers, "if-match") {
            Some(v) => Some(v.parse::<i64>().map_err(|_| {
                ApiError::BadRequest(format!("If-Match {v:?} is not an ETag this API returned"), vec![])
            })?),
            None => None,
        };
    let key = header_text(&headers, "idempotency-key");
    let p = registry::change_person(
        &s,
        &c.account.principal(),
        id,
        &req.changes,
        registry::ChangeOptions { expected_version: expected, idempotency_key: key, note: None },
        rid.as_deref(),
    )
    .await?;
    Ok(profile_response(StatusCode::OK, &p))
}

/// Access-log query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AccessLogQuery {
    /// Position to continue before (from the last entry of the previous page).
    pub before: Option<i64>,
    /// Page size.
    pub limit: Option<i64>,
}

/// One access to a person's data, as shown to the person.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccessRecord {
    /// Position in the audit chain.
    pub position: i64,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// What was done.
    pub action: String,
    /// The role of who did it.
    pub role: Option<String>,
    /// The account (officers are identified to the person by account id; names are released on request).
    pub account_id: Option<Uuid>,
    /// Stated purpose.
    pub purpose: String,
    /// Legal basis.
    pub legal_basis: Option<String>,
    /// Case number.
    pub case_number: Option<String>,
}

fn records(v: Vec<store::audit::ChainedEntry>) -> Vec<AccessRecord> {
    v.into_iter()
        .map(|c| AccessRecord {
            position: c.position,
            at: c.entry.at,
            action: c.entry.action,
            role: c.entry.role,
            account_id: c.entry.account_id,
            purpose: c.entry.purpose,
            legal_basis: c.entry.legal_basis,
            case_number: c.entry.case_number,
        })
        .collect()
}

/// Who accessed this person's data, why, and when (newest first).
#[utoipa::path(get, path = "/api/persons/{id}/access-log", tag = "persons", params(("id" = Uuid, Path), AccessLogQuery),
    responses((status = 200, body = Vec<AccessRecord>), (status = 403, body = Problem)))]
pub async fn access_log(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<AccessLogQuery>,
) -> ApiResult<JsonOut<Vec<AccessRecord>>> {
    let v =
        registry::access_log(&s, &c.account.principal(), id, q.before, page_limit(q.limit)?, rid.as_deref()).await?;
    Ok(JsonOut(records(v)))
}

/// For a migrant: who accessed my data, why, and when; my own reads are counted, not listed.
#[utoipa::path(get, path = "/api/me/access-log", tag = "persons", params(AccessLogQuery),
    responses((status = 200, body = super::cabinet::MyAccessLog), (status = 403, body = Problem)))]
pub async fn my_access_log(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Query(q): Query<AccessLogQuery>,
) -> ApiResult<JsonOut<super::cabinet::MyAccessLog>> {
    let id = super::cabinet::own_person(&c)?;
    let p = c.account.principal();
    let log = super::cabinet::own_access_log(&s, &p, id, q.before, page_limit(q.limit)?, rid.as_deref()).await?;
    Ok(JsonOut(super::cabinet::MyAccessLog {
        own_reads: super::cabinet::OwnReads { count: log.own_reads, since: log.since },
        entries: records(log.entries),
    }))
}
