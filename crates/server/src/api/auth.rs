//! API tokens and the caller's own account.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use store::AuditEntry;

use crate::api::accounts::AccountView;
use crate::app::AppState;
use crate::auth::{Caller, login, new_secret};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, Json};

/// All auth routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/auth/token", post(issue_token)).route("/api/me", get(me))
}

/// Credentials for a token.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
    /// A label for the token (e.g. the integration's name).
    #[serde(default)]
    pub name: Option<String>,
}

/// A new bearer token; shown once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Exchanges a username and password for a bearer token.
#[utoipa::path(post, path = "/api/auth/token", tag = "auth", security(), request_body = TokenRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn issue_token(
    State(s): State<AppState>,
    ip: ClientIp,
    Json(req): Json<TokenRequest>,
) -> ApiResult<JsonOut<TokenResponse>> {
    let account = login(&s, &req.username, &req.password, &ip).await?;
    let token = new_secret();
    let expires_at = Utc::now() + s.config.token_ttl;
    let name = req.name.unwrap_or_else(|| "api".into());
    let name = domain::validate::text::clean_text(&name, 100)
        .map_err(|e| ApiError::Invalid(domain::error::ValidationErrors::one("name", e)))?;
    let mut a = AuditEntry::new("auth.token_issued");
    a.account_id = Some(account.id);
    a.role = Some(account.role.code().into());
    a.purpose = "authentication".into();
    s.store.create_api_token(&token, account.id, &name, expires_at, a).await?;
    Ok(JsonOut(TokenResponse { token, expires_at }))
}

/// Who am I.
#[utoipa::path(get, path = "/api/me", tag = "auth", responses((status = 200, body = AccountView), (status = 401, body = crate::error::Problem)))]
pub async fn me(c: Caller) -> JsonOut<AccountView> {
    JsonOut(c.account.into())
}
