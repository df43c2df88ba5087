//! `/api/accounts`: account administration.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json as JsonOut, Router};
use domain::access::{Action, Role, authorize};
use domain::error::{FieldError, ValidationErrors};
use serde::{Deserialize, Serialize};
use store::accounts::{Account, NewAccount};
use uuid::Uuid;

use crate::api::page_limit;
use crate::app::AppState;
use crate::auth::{Caller, check_new_password, hash_password};
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Json, Path, Query, RequestId};

/// All account routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/accounts", post(create).get(list)).route("/api/accounts/{id}/disable", post(disable))
}

/// A new account.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccountRequest {
    /// Login name: 3–64 of a–z, 0–9, `.`, `_`, `-`.
    pub username: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Role code.
    pub role: Role,
    /// Organisation (required for employer, university, adaptation centre).
    #[serde(default)]
    pub org_id: Option<Uuid>,
    /// Person (required for migrant accounts).
    #[serde(default)]
    pub person_id: Option<Uuid>,
    /// Initial password (at least 10 characters).
    pub password: String,
}

/// An account.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountView {
    /// Id.
    pub id: Uuid,
    /// Login.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Organisation.
    pub org_id: Option<Uuid>,
    /// Person.
    pub person_id: Option<Uuid>,
    /// Disabled.
    pub disabled: bool,
}

impl From<Account> for AccountView {
    fn from(a: Account) -> Self {
        Self {
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            role: a.role.code().into(),
            org_id: a.org_id,
            person_id: a.person_id,
            disabled: a.disabled,
        }
    }
}

/// Validates a username: what the login form and the CLI accept.
pub fn check_username(u: &str) -> Result<(), domain::error::ValueError> {
    let ok = (3..=64).contains(&u.len())
        && u.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(domain::error::ValueError::new(
            "username_format",
            "3–64 characters: lowercase Latin letters, digits, '.', '_' or '-'",
        ))
    }
}

/// Builds a validated account from a request (shared by the API and the CLI).
pub async fn validate_new_account(s: &store::Store, r: &NewAccountRequest) -> Result<NewAccount, ApiError> {
    let mut errs = ValidationErrors::default();
    errs.check("username", check_username(&r.username));
    let display_name = errs.check("display_name", domain::validate::text::clean_text(&r.display_name, 200));
    errs.check("password", check_new_password(&r.password));
    if r.role.needs_org() && r.org_id.is_none() {
        errs.push(FieldError {
            field: "org_id".into(),
            code: "required",
            message: format!("a {} account must name its organisation", r.role.code()),
        });
    }
    if !r.role.needs_org() && r.org_id.is_some() {
        errs.push(FieldError {
            field: "org_id".into(),
            code: "not_allowed",
            message: format!("a {} account is not bound to an organisation", r.role.code()),
        });
    }
    if (r.role == Role::Migrant) != r.person_id.is_some() {
        errs.push(FieldError {
            field: "person_id".into(),
            code: "person_binding",
            message: "a migrant account, and only a migrant account, names its person".into(),
        });
    }
    if let Some(org) = r.org_id
        && r.role == Role::ServicePoint
        && s.get_org(org).await.is_ok_and(|o| !o.kind.is_service_point())
    {
        errs.push(FieldError {
            field: "org_id".into(),
            code: "not_a_service_point",
            message: "a service-point account belongs to a service point (medical, fingerprint or exam centre, migration office, adaptation centre)".into(),
        });
    }
    if let Some(org) = r.org_id
        && s.get_org(org).await.is_err()
    {
        errs.push(FieldError {
            field: "org_id".into(),
            code: "unknown_organisation",
            message: format!("no organisation with id {org}"),
        });
    }
    if let Some(pid) = r.person_id
        && s.get_person(pid).await.is_err()
    {
        errs.push(FieldError {
            field: "person_id".into(),
            code: "unknown_person",
            message: format!("no person with id {pid}"),
        });
    }
    errs.finish()?;
    let pw = r.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(ApiError::Internal)?;
    Ok(NewAccount {
        username: r.username.clone(),
        display_name: display_name.expect("validated"),
        role: r.role,
        org_id: r.org_id,
        person_id: r.person_id,
        password_hash,
    })
}

/// Creates an account (administrators).
#[utoipa::path(post, path = "/api/accounts", tag = "accounts", request_body = NewAccountRequest,
    responses((status = 201, body = AccountView), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Json(r): Json<NewAccountRequest>,
) -> ApiResult<(StatusCode, JsonOut<AccountView>)> {
    let a = crate::services::accounts::create(&s, &c.account.principal(), &r, rid.as_deref()).await?;
    Ok((StatusCode::CREATED, JsonOut(a.into())))
}

/// List query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AccountQuery {
    /// Cursor (a username).
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<i64>,
}

/// A page of accounts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountPage {
    /// Accounts.
    pub items: Vec<AccountView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Lists accounts (administrators).
#[utoipa::path(get, path = "/api/accounts", tag = "accounts", params(AccountQuery), responses((status = 200, body = AccountPage), (status = 403, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    c: Caller,
    Query(q): Query<AccountQuery>,
) -> ApiResult<JsonOut<AccountPage>> {
    authorize(c.account.role, Action::ManageAccounts)?;
    let page = s.store.list_accounts(q.cursor.as_deref(), page_limit(q.limit)?).await?;
    Ok(JsonOut(AccountPage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

/// Disables an account: its sessions end and its tokens stop working at once.
#[utoipa::path(post, path = "/api/accounts/{id}/disable", tag = "accounts", params(("id" = Uuid, Path)),
    responses((status = 204, description = "disabled"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn disable(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<StatusCode> {
    crate::services::accounts::disable(&s, &c.account.principal(), id, rid.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}
