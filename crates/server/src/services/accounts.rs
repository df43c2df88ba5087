//! Account administration: create, disable, enable, reset a password. Administrators only;
//! every change is audited in the change's own transaction, and a disabled account's sessions and
//! tokens end at once on this node (the token cache is cleared).

use domain::access::{AccessReason, Action, Principal, authorize};
use store::accounts::Account;
use uuid::Uuid;

use crate::api::accounts::{NewAccountRequest, validate_new_account};
use crate::app::AppState;
use crate::auth::{check_new_password, hash_password};
use crate::error::{ApiError, ApiResult};
use crate::registry::entry;

fn admin_entry(p: &Principal, action: &str, request_id: Option<&str>) -> store::AuditEntry {
    entry(p, action, &AccessReason { purpose: "account administration".into(), ..Default::default() }, request_id)
}

/// Creates an account after checking every field.
pub async fn create(
    s: &AppState,
    p: &Principal,
    r: &NewAccountRequest,
    request_id: Option<&str>,
) -> ApiResult<Account> {
    authorize(p.role, Action::ManageAccounts)?;
    let new = validate_new_account(&s.store, r).await?;
    Ok(s.store.create_account(&new, admin_entry(p, "account.create", request_id)).await?)
}

/// Disables an account (never one's own: an administrator cannot lock themself out).
pub async fn disable(s: &AppState, p: &Principal, id: Uuid, request_id: Option<&str>) -> ApiResult<()> {
    authorize(p.role, Action::ManageAccounts)?;
    if id == p.account_id {
        return Err(ApiError::Conflict("an administrator cannot disable their own account".into()));
    }
    s.store.disable_account(id, admin_entry(p, "account.disable", request_id)).await?;
    s.tokens.clear();
    Ok(())
}

/// Enables a disabled account.
pub async fn enable(s: &AppState, p: &Principal, id: Uuid, request_id: Option<&str>) -> ApiResult<()> {
    authorize(p.role, Action::ManageAccounts)?;
    Ok(s.store.enable_account(id, admin_entry(p, "account.enable", request_id)).await?)
}

/// Sets a new password chosen by the administrator and ends the account's sessions.
pub async fn reset_password(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    password: &str,
    request_id: Option<&str>,
) -> ApiResult<()> {
    authorize(p.role, Action::ManageAccounts)?;
    check_new_password(password).map_err(|e| ApiError::Invalid(domain::error::ValidationErrors::one("password", e)))?;
    let pw = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(ApiError::Internal)?;
    s.store.reset_password(id, &hash, admin_entry(p, "account.reset_password", request_id)).await?;
    s.tokens.clear();
    Ok(())
}
