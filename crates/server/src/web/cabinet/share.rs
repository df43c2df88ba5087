//! Share codes in the cabinet (create, list with their checks, revoke) and the public checker
//! page `/check`, where an employer, landlord or bank enters a code and the person's date of
//! birth and sees only right to work, right to stay, valid until and whether a photo is on file.

use axum::Router;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use centre::share::Purpose;
use chrono::NaiveDate;
use domain::access::{AccessReason, Role};
use domain::error::{ValidationErrors, ValueError};
use serde::Deserialize;
use store::share::{ShareCheckInput, ShareCheckOutcome};
use uuid::Uuid;

use super::login::error_text;
use super::{ClientIp, Migrant, page, page_lang};
use crate::app::AppState;
use crate::auth::constant_eq;
use crate::error::ApiError;
use crate::extract::{Path, RequestId};
use crate::i18n::args_from;
use crate::registry;
use crate::web::form_token::FormToken;

/// The public check form's double-submit token.
const CHECK_FORM: FormToken = FormToken::new("rm_check_form", "/check");

/// Share-code routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cabinet/share", get(list).post(create))
        .route("/cabinet/share/{id}/revoke", post(revoke))
        .route("/check", get(check_form).post(check_submit))
}

/// A checker's submission, validated: the code (grouped), the birth date, name and organisation.
pub struct CheckFields {
    /// Grouped code.
    pub code: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Checker's name.
    pub name: String,
    /// Checker's organisation.
    pub org: String,
}

/// Validates a check: every field is named with its problem; nothing is looked up before all
/// fields are well-formed.
pub fn check_fields(code: &str, birth_date: &str, name: &str, org: &str) -> Result<CheckFields, ValidationErrors> {
    let mut errs = ValidationErrors::default();
    let code = errs.check("code", store::share::parse_code(code));
    let bd = birth_date.trim();
    let date = NaiveDate::parse_from_str(bd, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(bd, "%d.%m.%Y"))
        .map_err(|_| {
            ValueError::new("birth_date_format", format!("'{bd}' is not a date; write it as 1994-03-12 or 12.03.1994"))
        });
    let date = errs.check("birth_date", date);
    let required = |v: &str, what: &str| {
        if v.trim().is_empty() {
            Err(ValueError::new("required", format!("{what} is required: the person sees who checked")))
        } else {
            domain::validate::text::clean_text(v, 200)
        }
    };
    let name = errs.check("checker_name", required(name, "the checker's name"));
    let org = errs.check("checker_org", required(org, "the organisation"));
    match (code, date, name, org) {
        (Some(code), Some(birth_date), Some(name), Some(org)) if errs.0.is_empty() => {
            Ok(CheckFields { code, birth_date, name, org })
        }
        _ => Err(errs),
    }
}

async fn list(State(s): State<AppState>, headers: HeaderMap, m: Migrant) -> Response {
    share_page(&s, &headers, &m, None).await
}

/// The share-codes page, with an error from a refused form if there was one.
async fn share_page(s: &AppState, headers: &HeaderMap, m: &Migrant, error: Option<String>) -> Response {
    let codes = match s.store.share_codes(m.person_id).await {
        Ok(c) => c,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let now = chrono::Utc::now();
    let items: Vec<minijinja::Value> = codes
        .iter()
        .map(|c| {
            let state = if c.revoked_at.is_some() {
                "revoked"
            } else if c.locked_at.is_some() {
                "locked"
            } else if c.expires_at <= now {
                "expired"
            } else {
                "active"
            };
            minijinja::context! {
                id => c.id.to_string(),
                code => c.code.clone(),
                purpose => c.purpose.code(),
                expires => c.expires_at,
                state => state,
                checks => c.checks.iter().map(|k| minijinja::context! {
                    at => k.at,
                    name => k.checker_name.clone(),
                    org => k.checker_org.clone(),
                    outcome => k.outcome.clone(),
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    let lang = page_lang(s, headers);
    let ctx = minijinja::context! {
        error => error,
        codes => items,
        purposes => Purpose::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
        default_days => store::share::DEFAULT_DAYS,
        max_days => store::share::MAX_DAYS,
    };
    page(s, "cabinet/share.html", &lang, Some(&m.user), "share", ctx)
}

#[derive(Deserialize)]
struct CreateForm {
    csrf: String,
    purpose: String,
    days: Option<String>,
}

async fn create(
    State(s): State<AppState>,
    headers: HeaderMap,
    m: Migrant,
    rid: RequestId,
    Form(f): Form<CreateForm>,
) -> Response {
    if !constant_eq(&f.csrf, &m.user.csrf) {
        return ApiError::Csrf.into_response();
    }
    // Bad input: the page again with the problem in the user's language, nothing created.
    let lang = page_lang(&s, &headers);
    let Some(purpose) = Purpose::from_code(&f.purpose) else {
        return share_page(&s, &headers, &m, Some(error_text(&s, &lang, "share_purpose"))).await;
    };
    let days = match f.days.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => store::share::DEFAULT_DAYS,
        Some(d) => match d.parse() {
            Ok(n) => n,
            Err(_) => return share_page(&s, &headers, &m, Some(error_text(&s, &lang, "share_days"))).await,
        },
    };
    let entry = share_entry(&m, "share_code.create", rid.as_deref());
    match s.store.create_share_code(m.person_id, purpose, days, entry).await {
        Ok(c) => Redirect::to(&format!("/cabinet/share#c-{}", c.id)).into_response(),
        Err(store::StoreError::Invalid(v)) => {
            let code = v.0.first().map(|e| e.code).unwrap_or("invalid");
            share_page(&s, &headers, &m, Some(error_text(&s, &lang, code))).await
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// The audit entry of the migrant's own share-code action.
pub fn share_entry(m: &Migrant, action: &str, rid: Option<&str>) -> store::AuditEntry {
    let reason = AccessReason::default_for(Role::Migrant);
    registry::entry(&m.user.account.principal(), action, &reason, rid)
}

#[derive(Deserialize)]
struct RevokeForm {
    csrf: String,
}

async fn revoke(
    State(s): State<AppState>,
    m: Migrant,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<RevokeForm>,
) -> Response {
    if !constant_eq(&f.csrf, &m.user.csrf) {
        return ApiError::Csrf.into_response();
    }
    match s.store.revoke_share_code(m.person_id, id, share_entry(&m, "share_code.revoke", rid.as_deref())).await {
        Ok(()) => Redirect::to("/cabinet/share").into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

fn check_page(s: &AppState, headers: &HeaderMap, jar: CookieJar, ctx: minijinja::Value) -> Response {
    let (jar, token) = CHECK_FORM.issue(jar, s.config.secure_cookies);
    let lang = page_lang(s, headers);
    let ctx = minijinja::context! { ..ctx, ..minijinja::context! { form_token => token } };
    (jar, page(s, "cabinet/check.html", &lang, None, "check", ctx)).into_response()
}

async fn check_form(State(s): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    check_page(&s, &headers, jar, minijinja::context! {})
}

#[derive(Deserialize)]
struct CheckForm {
    form_token: String,
    code: String,
    birth_date: String,
    checker_name: String,
    checker_org: String,
}

async fn check_submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    ip: ClientIp,
    rid: RequestId,
    Form(f): Form<CheckForm>,
) -> Response {
    let lang = page_lang(&s, &headers);
    let form = minijinja::context! {
        code => f.code.clone(), birth_date => f.birth_date.clone(), checker_name => f.checker_name.clone(), checker_org => f.checker_org.clone(),
    };
    let fail = |jar, errors: Vec<String>| {
        check_page(
            &s,
            &headers,
            jar,
            minijinja::context! { ..form.clone(), ..minijinja::context! { errors => errors } },
        )
    };
    if !CHECK_FORM.valid(&jar, &f.form_token) {
        return fail(jar, vec![error_text(&s, &lang, "form_stale")]);
    }
    let fields = match check_fields(&f.code, &f.birth_date, &f.checker_name, &f.checker_org) {
        Ok(v) => v,
        Err(errs) => {
            let msgs = errs
                .0
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        s.i18n.t(&lang, &format!("cab-field-{}", e.field), None),
                        error_text(&s, &lang, e.code)
                    )
                })
                .collect();
            return fail(jar, msgs);
        }
    };
    let input = ShareCheckInput {
        code: fields.code,
        birth_date: fields.birth_date,
        checker_name: fields.name,
        checker_org: fields.org,
        ip: ip.0,
        request_id: rid.as_deref().map(str::to_string),
    };
    let outcome = match s.store.check_share_code(&input).await {
        Ok(o) => o,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let msg = |key: &str, args: Option<(&'static str, String)>| {
        let a = args.map(|(k, v)| args_from([(k, v)]));
        vec![s.i18n.t(&lang, key, a.as_ref())]
    };
    match outcome {
        ShareCheckOutcome::Ok(r) => {
            let ctx = minijinja::context! {
                result => minijinja::context! {
                    name => r.name,
                    purpose => r.purpose.code(),
                    right_to_work => r.entitlements.right_to_work,
                    right_to_stay => r.entitlements.right_to_stay,
                    work_basis => r.entitlements.work_basis.map(minijinja::Value::from_serialize),
                    // The law behind the right to work, cited in the checker's language.
                    work_source => r.entitlements.work_basis.filter(|_| r.entitlements.right_to_work).and_then(work_basis_rule).map(|rule| {
                        crate::i18n::explain::source(&s.i18n, &super::page_lang(&s, &headers), rule)
                    }),
                    valid_until => r.valid_until,
                    photo => r.photo,
                    on => r.on,
                }
            };
            check_page(&s, &headers, jar, ctx)
        }
        ShareCheckOutcome::Unknown => fail(jar, msg("cab-err-share_unknown", None)),
        ShareCheckOutcome::Expired => fail(jar, msg("cab-err-share_expired", None)),
        ShareCheckOutcome::Revoked => fail(jar, msg("cab-err-share_revoked", None)),
        ShareCheckOutcome::Locked => fail(jar, msg("cab-err-share_locked", None)),
        ShareCheckOutcome::WrongBirthDate(n) => {
            fail(jar, msg("cab-err-share_birth_date", Some(("left", n.to_string()))))
        }
        ShareCheckOutcome::Throttled(secs) => {
            fail(jar, msg("cab-err-share_throttled", Some(("minutes", secs.div_ceil(60).to_string()))))
        }
    }
}

/// The rule that gives a basis its right to work (docs/RULES.md); a visa national's work permit
/// has no rule of its own in the catalogue, so nothing is cited rather than a wrong article.
fn work_basis_rule(b: centre::share::WorkBasis) -> Option<rules::RuleId> {
    use centre::share::WorkBasis as W;
    match b {
        W::Patent => Some(rules::RuleId::Pat1),
        W::Eaeu => Some(rules::RuleId::Eaeu1),
        W::TemporaryResidence => Some(rules::RuleId::Rvp3),
        W::Residence => Some(rules::RuleId::Vnzh1),
        W::Student => Some(rules::RuleId::Stu4),
        W::WorkPermit => None,
    }
}
