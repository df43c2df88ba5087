//! Accounts: the list, the creation form (role and organisation), disable, enable and password
//! reset. The same service functions as `/api/accounts`, so the checks are the API's.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::access::{Action, Role};
use serde::Deserialize;
use uuid::Uuid;

use super::require;
use crate::api::accounts::NewAccountRequest;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::services;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::officer::back;
use crate::web::{WebUser, lang_of, render_with};

#[derive(Debug, Default, Deserialize)]
pub(super) struct ListQuery {
    #[serde(default)]
    cursor: String,
    #[serde(flatten)]
    outcome: Outcome,
}

/// `GET /admin/accounts`: accounts by username, 50 a page, and the creation form.
pub(super) async fn list(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Err(e) = require(&user, Action::ManageAccounts) {
        return e.into_response();
    }
    let r = async {
        let page = s.store.list_accounts(Some(q.cursor.as_str()).filter(|c| !c.is_empty()), 50).await?;
        let orgs = s.store.list_orgs(None, None, 200).await?;
        Ok::<_, ApiError>((page, orgs))
    }
    .await;
    match r {
        Ok((page, orgs)) => {
            let roles: Vec<&str> = Role::ALL.iter().filter(|r| **r != Role::Migrant).map(|r| r.code()).collect();
            let ctx = minijinja::context! {
                accounts => page.items, next_cursor => page.next_cursor, first => q.cursor.is_empty(),
                roles => roles, orgs => orgs.items, me => user.account.id,
            };
            render_with(&s, "admin/accounts.html", &lang_of(&s, &headers), &user, &q.outcome, ctx)
        }
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct NewAccountForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    #[serde(default)]
    org_id: String,
    password: String,
}

/// `POST /admin/accounts`: creates an account (migrant accounts are made by the cabinet's
/// login, bound to their person, never by hand).
pub(super) async fn create(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Form(f): Form<NewAccountForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        let invalid = |field: &'static str, code: &'static str, msg: &str| {
            ApiError::Invalid(domain::error::ValidationErrors::one(
                field,
                domain::error::ValueError::new(code, msg.to_string()),
            ))
        };
        let role = Role::from_code(&f.role)
            .filter(|r| *r != Role::Migrant)
            .ok_or_else(|| invalid("role", "role_unknown", "not a staff role"))?;
        let org_id = match f.org_id.trim() {
            "" => None,
            o => Some(
                o.parse::<Uuid>().map_err(|_| invalid("org_id", "unknown_organisation", "not an organisation id"))?,
            ),
        };
        let req = NewAccountRequest {
            username: f.username.trim().to_string(),
            display_name: f.display_name.trim().to_string(),
            role,
            org_id,
            person_id: None,
            password: f.password.clone(),
        };
        services::accounts::create(&s, &user.account.principal(), &req, rid.as_deref()).await?;
        Ok("account-created")
    }
    .await;
    back("/admin/accounts", r)
}

#[derive(Debug, Deserialize)]
pub(super) struct ActForm {
    csrf: String,
    #[serde(default)]
    password: String,
}

/// `POST /admin/accounts/{id}/{disable|enable|password}`.
pub(super) async fn act(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path((id, what)): Path<(Uuid, String)>,
    Form(f): Form<ActForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        let p = user.account.principal();
        match what.as_str() {
            "disable" => services::accounts::disable(&s, &p, id, rid.as_deref()).await.map(|_| "account-disabled"),
            "enable" => services::accounts::enable(&s, &p, id, rid.as_deref()).await.map(|_| "account-enabled"),
            "password" => services::accounts::reset_password(&s, &p, id, &f.password, rid.as_deref())
                .await
                .map(|_| "password-reset"),
            _ => Err(ApiError::NotFound("action")),
        }
    }
    .await;
    back("/admin/accounts", r)
}
