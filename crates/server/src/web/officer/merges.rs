//! Merges as pages: the open proposals of the batch re-link, the merge form of a person (the
//! other person's id, the evidence of both shown side by side, a reason), and undoing a merge.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::back;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::registry::{self, ReasonParams};
use crate::services;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::{WebUser, lang_of, render_with};

/// `GET /officer/merges`: open proposals (ids only; opening a person is a logged read).
pub(super) async fn proposals(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(o): Query<Outcome>,
) -> Response {
    match services::merges::proposals(&s, &user.account.principal(), 200).await {
        Ok(list) => render_with(
            &s,
            "officer/merges.html",
            &lang_of(&s, &headers),
            &user,
            &o,
            minijinja::context! { proposals => list },
        ),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct ReasonForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /officer/merges/proposals/{id}/reject`.
pub(super) async fn reject(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<ReasonForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        services::merges::reject(&s, &user.account.principal(), id, &f.reason, rid.as_deref()).await?;
        Ok("proposal-rejected")
    }
    .await;
    back("/officer/merges", r)
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct MergeQuery {
    #[serde(default)]
    other: String,
    #[serde(flatten)]
    outcome: Outcome,
}

/// `GET /officer/persons/{id}/merge?other=…`: both persons side by side (two logged reads).
pub(super) async fn form(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<MergeQuery>,
) -> Response {
    let p = user.account.principal();
    if let Err(e) = domain::access::authorize(p.role, domain::access::Action::MergePersons) {
        return ApiError::from(e).into_response();
    }
    let reason = ReasonParams { purpose: Some("merge review".into()), ..Default::default() };
    let r = async {
        let this = registry::view_person(&s, &p, id, &reason, rid.as_deref()).await?;
        let other = match q.other.trim() {
            "" => None,
            o => {
                let oid = o.parse::<Uuid>().map_err(|_| {
                    ApiError::Invalid(domain::error::ValidationErrors::one(
                        "other",
                        domain::error::ValueError::new("id", "not a registry id"),
                    ))
                })?;
                Some(registry::view_person(&s, &p, oid, &reason, rid.as_deref()).await?)
            }
        };
        Ok::<_, ApiError>((this, other))
    }
    .await;
    match r {
        Ok((this, other)) => render_with(
            &s,
            "officer/merge_form.html",
            &lang_of(&s, &headers),
            &user,
            &q.outcome,
            minijinja::context! { this => this, other => other, other_id => q.other.trim() },
        ),
        Err(ApiError::Invalid(_)) => {
            crate::web::officer::back(&format!("/officer/persons/{id}/merge"), Err(ApiError::NotFound("person")))
        }
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct MergeForm {
    csrf: String,
    other: Uuid,
    #[serde(default)]
    reason: String,
}

/// `POST /officer/persons/{id}/merge`: merges `other` into this person.
pub(super) async fn merge(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<MergeForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        services::merges::merge(&s, &user.account.principal(), id, f.other, &f.reason, rid.as_deref()).await?;
        Ok("merged")
    }
    .await;
    match r {
        Ok(_) => back(&format!("/persons/{id}/history"), r),
        Err(_) => back(&format!("/officer/persons/{id}/merge?other={}", f.other), r),
    }
}

/// `POST /officer/merges/{id}/unmerge`.
pub(super) async fn unmerge(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<ReasonForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        let m = services::merges::unmerge(&s, &user.account.principal(), id, &f.reason, rid.as_deref()).await?;
        Ok::<_, ApiError>(m.survivor_id)
    }
    .await;
    match r {
        Ok(survivor) => back(&format!("/persons/{survivor}/history"), Ok("unmerged")),
        Err(e) => back("/officer/merges", Err(e)),
    }
}
