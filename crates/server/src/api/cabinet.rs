//! The cabinet's JSON API: logging in with a phone and a one-time code, the person's case, share
//! codes, and the public share-code check. The same store operations as the cabinet's pages
//! (`web::cabinet`); errors are problem+json with stable codes (`otp_wrong`, `share_expired` …).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use centre::share::Purpose;
use chrono::{DateTime, NaiveDate, Utc};
use domain::access::Role;
use domain::error::{ValidationErrors, ValueError};
use domain::validate::contact::Phone;
use serde::{Deserialize, Serialize};
use store::cabinet::{OtpLimits, OtpStart, OtpVerify};
use store::share::{ShareCheckInput, ShareCheckOutcome};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::{Caller, new_secret};
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Json, Path, RequestId};
use crate::web::cabinet::{ClientIp, check_fields};

/// Cabinet API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/me/login/start", post(login_start))
        .route("/api/me/login/verify", post(login_verify))
        .route("/api/me/case", get(my_case))
        .route("/api/me/lang", axum::routing::put(set_lang))
        .route("/api/me/share-codes", get(list_codes).post(create_code))
        .route("/api/me/share-codes/{id}/revoke", post(revoke_code))
        .route("/api/share-codes/check", post(check))
}

fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::Invalid(ValidationErrors::one(field, ValueError::new(code, message)))
}

/// A phone number to send a code to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginStart {
    /// In any common format: `+998 90 123-45-67`, `8 916 123 45 67`, `998901234567`.
    pub phone: String,
    /// Language of the SMS (ru, uz, tg, ky, en; default ru).
    pub lang: Option<String>,
}

/// An open login challenge. The answer is the same whether the phone is registered or not.
#[derive(Debug, Serialize, ToSchema)]
pub struct Challenge {
    /// Send back with the code.
    pub challenge_id: Uuid,
    /// The code stops working then.
    pub expires_at: DateTime<Utc>,
}

/// Sends a one-time code to a registered phone (same answer for unknown phones). At most 3 codes
/// per phone per 15 minutes and per IP per hour.
#[utoipa::path(post, path = "/api/me/login/start", tag = "cabinet", security(), request_body = LoginStart,
    responses((status = 202, body = Challenge), (status = 422, description = "phone_format, phone_country_code, phone_length", body = Problem), (status = 429, body = Problem)))]
pub async fn login_start(State(s): State<AppState>, ip: ClientIp, Json(b): Json<LoginStart>) -> ApiResult<Response> {
    let phone = Phone::parse(&b.phone).map_err(|e| ApiError::Invalid(ValidationErrors::one("phone", e)))?;
    let lang = match b.lang.as_deref() {
        None => domain::lang::Lang::Ru,
        Some(l) => l.parse().map_err(|_| {
            invalid("lang", "lang_unknown", format!("unknown language {l:?}: use ru, uz, tg, ky or en"))
        })?,
    };
    match s.store.start_otp(&phone, &ip.0, lang, &OtpLimits::default()).await? {
        OtpStart::Started { challenge_id, expires_at } => {
            // The code is committed to the outbox: send it now, not at the next poll.
            s.notifier.wake();
            Ok((StatusCode::ACCEPTED, JsonOut(Challenge { challenge_id, expires_at })).into_response())
        }
        OtpStart::Throttled(secs) => Err(ApiError::TooManyRequests(secs)),
    }
}

/// A code for a challenge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginVerify {
    /// From `login/start`.
    pub challenge_id: Uuid,
    /// The 6 digits from the SMS.
    pub code: String,
}

/// A bearer token of the person's migrant account; shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CabinetToken {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// The person.
    pub person_id: Option<Uuid>,
}

/// Exchanges a one-time code for a bearer token. Each call spends one of the 5 guesses.
#[utoipa::path(post, path = "/api/me/login/verify", tag = "cabinet", security(), request_body = LoginVerify,
    responses((status = 200, body = CabinetToken), (status = 422, description = "otp_format, otp_wrong, otp_expired, otp_exhausted, otp_unknown", body = Problem)))]
pub async fn login_verify(State(s): State<AppState>, Json(b): Json<LoginVerify>) -> ApiResult<JsonOut<CabinetToken>> {
    let code = b.code.trim();
    if code.len() != 6 || !code.bytes().all(|c| c.is_ascii_digit()) {
        return Err(invalid("code", "otp_format", "the code has 6 digits"));
    }
    match s.store.verify_otp(b.challenge_id, code, &OtpLimits::default()).await? {
        OtpVerify::LoggedIn(account) => {
            let token = new_secret();
            let expires_at = Utc::now() + s.config.token_ttl;
            let mut e = store::AuditEntry::new("auth.token");
            e.account_id = Some(account.id);
            e.role = Some(account.role.code().into());
            s.store.create_api_token(&token, account.id, "cabinet", expires_at, e).await?;
            Ok(JsonOut(CabinetToken { token, expires_at, person_id: account.person_id }))
        }
        OtpVerify::WrongCode(left) => Err(invalid("code", "otp_wrong", format!("wrong code; {left} attempt(s) left"))),
        OtpVerify::Expired => Err(invalid("code", "otp_expired", "the code expired: ask for a new one")),
        OtpVerify::Exhausted => {
            Err(invalid("code", "otp_exhausted", "no attempts left for this code: ask for a new one"))
        }
        OtpVerify::Unknown => {
            Err(invalid("challenge_id", "otp_unknown", "no open login with this id: ask for a new code"))
        }
    }
}

/// The person whose data `/api/me/...` means: a migrant account's own person. Any other
/// account is refused with 403 (the one answer for every `/api/me` endpoint).
pub(crate) fn own_person(c: &Caller) -> ApiResult<Uuid> {
    match (c.account.role, c.account.person_id) {
        (Role::Migrant, Some(id)) => Ok(id),
        _ => Err(ApiError::Forbidden(domain::access::Denied::NotOwner(
            "only a migrant account linked to a person has a cabinet",
        ))),
    }
}

/// The migrant's access log: other people's reads and every write one by one, the person's own
/// reads of their data counted (each cabinet page is one; listing them drowned the entries that
/// matter, docs/CABINET.md).
pub(crate) struct OwnAccessLog {
    /// Own reads so far.
    pub own_reads: i64,
    /// The first of them.
    pub since: Option<DateTime<Utc>>,
    /// The rest of the log, newest first.
    pub entries: Vec<store::audit::ChainedEntry>,
}

/// Reads the migrant's own access log (recording the read, like every access-log read).
pub(crate) async fn own_access_log(
    s: &AppState,
    p: &domain::access::Principal,
    person_id: Uuid,
    before: Option<i64>,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<OwnAccessLog> {
    domain::access::authorize(p.role, domain::access::Action::ViewAccessLog)?;
    if p.role != Role::Migrant || p.person_id != Some(person_id) {
        return Err(domain::access::Denied::NotOwner("a migrant account sees only its own profile").into());
    }
    let reason = domain::access::AccessReason::default_for(Role::Migrant);
    let mut e = crate::registry::entry(p, "person.access_log", &reason, request_id);
    e.person_id = Some(person_id);
    s.audit.record(vec![e]).await?;
    let entries =
        store::audit::for_person_except_own_reads(&s.store.db, person_id, p.account_id, before, limit).await?;
    let (own_reads, since) = store::audit::own_reads(&s.store.db, person_id, p.account_id).await?;
    Ok(OwnAccessLog { own_reads, since, entries })
}

/// How often the person opened their own data.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnReads {
    /// Number of reads by the person's own account (this one included).
    pub count: i64,
    /// The first of them.
    pub since: Option<DateTime<Utc>>,
}

/// `GET /api/me/access-log`: the person's own reads counted, everything else listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyAccessLog {
    /// The person's own reads, summed up.
    pub own_reads: OwnReads,
    /// Other people's reads and every write, newest first (page with `before`).
    pub entries: Vec<super::persons::AccessRecord>,
}

/// The person's legalisation case: the steps with their deadlines and states, and the status.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyCase {
    /// Status code computed for today (LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED).
    pub status: String,
    /// The case.
    #[schema(value_type = Object)]
    pub case: centre::case::Case,
}

/// My status and checklist. The read is recorded in the audit log.
#[utoipa::path(get, path = "/api/me/case", tag = "cabinet", responses((status = 200, body = MyCase), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn my_case(State(s): State<AppState>, c: Caller, rid: RequestId) -> ApiResult<JsonOut<MyCase>> {
    let id = own_person(&c)?;
    let reason = domain::access::AccessReason::default_for(Role::Migrant);
    let mut e = crate::registry::entry(&c.account.principal(), "person.status", &reason, rid.as_deref());
    e.person_id = Some(id);
    let profile = s.store.get_person(id).await?;
    s.audit.record(vec![e]).await?;
    let status = s.store.person_status(&profile).await?;
    let case = centre::case::legalisation_case(&profile, &status.evaluation);
    Ok(JsonOut(MyCase { status: status.status, case }))
}

/// A language choice.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LangChoice {
    /// ru, uz, tg, ky or en.
    pub lang: String,
}

/// Sets the language of my cabinet, messages and reminders.
#[utoipa::path(put, path = "/api/me/lang", tag = "cabinet", request_body = LangChoice,
    responses((status = 204), (status = 422, description = "lang_unknown", body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn set_lang(State(s): State<AppState>, c: Caller, Json(b): Json<LangChoice>) -> ApiResult<StatusCode> {
    let id = own_person(&c)?;
    let lang = b.lang.parse().map_err(|_| {
        invalid("lang", "lang_unknown", format!("unknown language {:?}: use ru, uz, tg, ky or en", b.lang))
    })?;
    s.store.set_person_lang(id, lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// My share codes with every check of each, newest first.
#[utoipa::path(get, path = "/api/me/share-codes", tag = "cabinet", responses((status = 200, body = Vec<Object>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list_codes(State(s): State<AppState>, c: Caller) -> ApiResult<JsonOut<Vec<store::share::ShareCode>>> {
    Ok(JsonOut(s.store.share_codes(own_person(&c)?).await?))
}

/// A new share code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShareCode {
    /// right_to_work | right_to_rent | bank.
    pub purpose: String,
    /// Validity in days, 1–90 (default 30).
    pub days: Option<i64>,
}

/// Creates a share code for an employer, landlord or bank.
#[utoipa::path(post, path = "/api/me/share-codes", tag = "cabinet", request_body = NewShareCode,
    responses((status = 201, body = Object), (status = 422, description = "share_purpose, share_days", body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn create_code(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Json(b): Json<NewShareCode>,
) -> ApiResult<Response> {
    let id = own_person(&c)?;
    let purpose = Purpose::from_code(&b.purpose).ok_or_else(|| {
        invalid(
            "purpose",
            "share_purpose",
            format!("unknown purpose {:?}: use right_to_work, right_to_rent or bank", b.purpose),
        )
    })?;
    let reason = domain::access::AccessReason::default_for(Role::Migrant);
    let e = crate::registry::entry(&c.account.principal(), "share_code.create", &reason, rid.as_deref());
    let code = s.store.create_share_code(id, purpose, b.days.unwrap_or(store::share::DEFAULT_DAYS), e).await?;
    Ok((StatusCode::CREATED, JsonOut(code)).into_response())
}

/// Revokes one of my share codes; later checks of it fail with `share_revoked`.
#[utoipa::path(post, path = "/api/me/share-codes/{id}/revoke", tag = "cabinet", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn revoke_code(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(code_id): Path<Uuid>,
) -> ApiResult<StatusCode> {
    let id = own_person(&c)?;
    let reason = domain::access::AccessReason::default_for(Role::Migrant);
    let e = crate::registry::entry(&c.account.principal(), "share_code.revoke", &reason, rid.as_deref());
    s.store.revoke_share_code(id, code_id, e).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A checker's request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The code as given, e.g. `W4K-7PX-Q2M` (any case, dashes optional).
    pub code: String,
    /// The person's date of birth, `YYYY-MM-DD` or `DD.MM.YYYY`.
    pub birth_date: String,
    /// Who checks (shown to the person).
    pub checker_name: String,
    /// For which organisation (shown to the person).
    pub checker_org: String,
}

/// What a checker sees: nothing beyond the answer to their question.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckResult {
    /// The person's name.
    pub name: String,
    /// What the code was made for.
    pub purpose: String,
    /// May work today.
    pub right_to_work: bool,
    /// Lawfully in Russia today.
    pub right_to_stay: bool,
    /// Until when, for this purpose (null: indefinite, or no right).
    pub valid_until: Option<NaiveDate>,
    /// Whether a photo is on file (none in the registry yet).
    pub photo: bool,
    /// The day the answer is for.
    pub on: NaiveDate,
}

/// Checks a share code with the person's date of birth. No login; every check is logged and
/// shown to the person. A code locks after 5 wrong birth dates; one IP may fail 20 checks an hour.
#[utoipa::path(post, path = "/api/share-codes/check", tag = "cabinet", security(), request_body = CheckRequest,
    responses((status = 200, body = CheckResult),
        (status = 422, description = "share_code_format, birth_date_format, required; share_unknown, share_expired, share_revoked, share_locked, birth_date_mismatch", body = Problem),
        (status = 429, body = Problem)))]
pub async fn check(
    State(s): State<AppState>,
    ip: ClientIp,
    rid: RequestId,
    Json(b): Json<CheckRequest>,
) -> ApiResult<JsonOut<CheckResult>> {
    let f = check_fields(&b.code, &b.birth_date, &b.checker_name, &b.checker_org)?;
    let input = ShareCheckInput {
        code: f.code,
        birth_date: f.birth_date,
        checker_name: f.name,
        checker_org: f.org,
        ip: ip.0,
        request_id: rid.as_deref().map(str::to_string),
    };
    match s.store.check_share_code(&input).await? {
        ShareCheckOutcome::Ok(r) => Ok(JsonOut(CheckResult {
            name: r.name,
            purpose: r.purpose.code().into(),
            right_to_work: r.entitlements.right_to_work,
            right_to_stay: r.entitlements.right_to_stay,
            valid_until: r.valid_until,
            photo: r.photo,
            on: r.on,
        })),
        ShareCheckOutcome::Unknown => {
            Err(invalid("code", "share_unknown", "no share code like this: check what you typed"))
        }
        ShareCheckOutcome::Expired => {
            Err(invalid("code", "share_expired", "this share code has expired: ask the person for a new one"))
        }
        ShareCheckOutcome::Revoked => Err(invalid("code", "share_revoked", "the person revoked this share code")),
        ShareCheckOutcome::Locked => {
            Err(invalid("code", "share_locked", "this share code is locked after too many wrong birth dates"))
        }
        ShareCheckOutcome::WrongBirthDate(left) => Err(invalid(
            "birth_date",
            "birth_date_mismatch",
            format!("the date of birth does not match; {left} attempt(s) left before the code locks"),
        )),
        ShareCheckOutcome::Throttled(secs) => Err(ApiError::TooManyRequests(secs)),
    }
}
