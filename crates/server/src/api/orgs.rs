//! `/api/organisations`: employers, universities and service points.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use domain::access::{AccessReason, Action, authorize};
use domain::input::NewOrganisation;
use domain::org::{OrgKind, Organisation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::{page_limit, uuid_cursor};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::{Json, Path, Query, RequestId};
use crate::registry::entry;

/// All organisation routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/organisations", post(create).get(list)).route("/api/organisations/{id}", get(get_one))
}

/// Registers an organisation (administrators).
#[utoipa::path(post, path = "/api/organisations", tag = "organisations", request_body = NewOrganisation,
    responses((status = 201, body = Organisation), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Json(input): Json<NewOrganisation>,
) -> ApiResult<(StatusCode, JsonOut<Organisation>)> {
    let p = c.account.principal();
    authorize(p.role, Action::ManageOrganisations)?;
    let org = input.parse()?;
    let mut e = entry(
        &p,
        "organisation.create",
        &AccessReason { purpose: "registry administration".into(), ..Default::default() },
        rid.as_deref(),
    );
    e.detail = format!("organisation {} ({})", org.id, org.kind.code());
    s.store.create_org(&org, e).await?;
    Ok((StatusCode::CREATED, JsonOut(org)))
}

/// List query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrgQuery {
    /// Only this kind.
    pub kind: Option<OrgKind>,
    /// Cursor.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: Option<i64>,
}

/// A page of organisations.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrgPage {
    /// Organisations.
    pub items: Vec<Organisation>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Lists organisations (not personal data).
#[utoipa::path(get, path = "/api/organisations", tag = "organisations", params(OrgQuery), responses((status = 200, body = OrgPage), (status = 403, body = Problem)))]
pub async fn list(State(s): State<AppState>, c: Caller, Query(q): Query<OrgQuery>) -> ApiResult<JsonOut<OrgPage>> {
    authorize(c.account.role, Action::ViewOrganisations)?;
    let page = s.store.list_orgs(q.kind, uuid_cursor(&q.cursor)?, page_limit(q.limit)?).await?;
    Ok(JsonOut(OrgPage { items: page.items, next_cursor: page.next_cursor }))
}

/// One organisation.
#[utoipa::path(get, path = "/api/organisations/{id}", tag = "organisations", params(("id" = Uuid, Path)), responses((status = 200, body = Organisation), (status = 404, body = Problem)))]
pub async fn get_one(State(s): State<AppState>, c: Caller, Path(id): Path<Uuid>) -> ApiResult<JsonOut<Organisation>> {
    authorize(c.account.role, Action::ViewOrganisations)?;
    Ok(JsonOut(s.store.get_org(id).await?))
}
