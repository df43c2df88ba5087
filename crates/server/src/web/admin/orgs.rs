//! Organisations and service points: the list by kind, one organisation, and for a service point
//! its booking settings (services, weekly hours, slot length, persons per slot) with a form to
//! change them. Slots already opened keep their capacity (`Store::set_service_point`).

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use centre::case::StepKind;
use domain::access::Action;
use domain::org::OrgKind;
use serde::Deserialize;
use store::booking::WeeklySchedule;
use store::booking::points::PointSettings;
use uuid::Uuid;

use super::require;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::registry::entry;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::officer::back;
use crate::web::{WebUser, lang_of, render_with};

#[derive(Debug, Default, Deserialize)]
pub(super) struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    cursor: String,
}

fn invalid(field: &'static str, code: &'static str, msg: impl Into<String>) -> ApiError {
    ApiError::Invalid(domain::error::ValidationErrors::one(field, domain::error::ValueError::new(code, msg.into())))
}

/// `GET /admin/orgs`: organisations of a kind (all by default), 50 a page.
pub(super) async fn list(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Err(e) = require(&user, Action::ManageOrganisations) {
        return e.into_response();
    }
    let r = async {
        let kind = match q.kind.trim() {
            "" => None,
            k => Some(
                serde_json::from_value::<OrgKind>(serde_json::Value::String(k.into()))
                    .map_err(|_| invalid("kind", "kind", "not a kind of organisation"))?,
            ),
        };
        let after = crate::api::uuid_cursor(&Some(q.cursor.clone()).filter(|c| !c.is_empty()))?;
        Ok::<_, ApiError>(s.store.list_orgs(kind, after, 50).await?)
    }
    .await;
    match r {
        Ok(page) => {
            let kinds: Vec<_> = OrgKind::ALL.iter().map(|k| serde_json::to_value(k).ok()).collect();
            let ctx = minijinja::context! {
                orgs => page.items, next_cursor => page.next_cursor, kinds => kinds, kind => q.kind.trim(),
                first => q.cursor.is_empty(),
            };
            render_with(&s, "admin/orgs.html", &lang_of(&s, &headers), &user, &Outcome::default(), ctx)
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /admin/orgs/{id}`: the organisation and, for a service point, its settings.
pub(super) async fn item(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(o): Query<Outcome>,
) -> Response {
    if let Err(e) = require(&user, Action::ManageOrganisations) {
        return e.into_response();
    }
    let r = async {
        let org = s.store.get_org(id).await?;
        let point = if org.kind.is_service_point() {
            match s.store.service_point(id).await {
                Ok(p) => Some(p),
                Err(store::StoreError::NotFound(_)) => None,
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        Ok::<_, ApiError>((org, point))
    }
    .await;
    match r {
        Ok((org, point)) => {
            let hours = point.as_ref().map(|p| p.schedule.to_hours_text()).or(org.opening_hours.clone());
            let visits: Vec<_> =
                StepKind::ALL.iter().filter(|k| k.is_visit()).map(|k| serde_json::to_value(k).ok()).collect();
            let offered: Vec<_> = point
                .as_ref()
                .map(|p| p.services.iter().map(|k| serde_json::to_value(k).ok()).collect())
                .unwrap_or_default();
            let ctx = minijinja::context! {
                org => org, point => point, hours => hours, visits => visits, offered => offered,
            };
            render_with(&s, "admin/org.html", &lang_of(&s, &headers), &user, &o, ctx)
        }
        Err(e) => e.into_response(),
    }
}

/// `POST /admin/orgs/{id}`: the point's new settings (fields `service`, repeated; `hours`;
/// `slot_minutes`; `capacity`).
pub(super) async fn save_point(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let here = format!("/admin/orgs/{id}");
    let r = async {
        let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
        check_csrf(&user, &get("csrf"))?;
        let p = user.account.principal();
        domain::access::authorize(p.role, Action::ManageOrganisations)?;
        let services = fields
            .iter()
            .filter(|(k, _)| k == "service")
            .map(|(_, v)| {
                serde_json::from_value::<StepKind>(serde_json::Value::String(v.clone()))
                    .map_err(|_| invalid("service", "service", format!("{v:?} is not a step")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let schedule =
            WeeklySchedule::from_hours_text(&get("hours")).map_err(|e| invalid("hours", "schedule", e.to_string()))?;
        let number = |k: &'static str| get(k).parse::<u32>().map_err(|_| invalid(k, "number", "a whole number"));
        let settings =
            PointSettings { services, schedule, slot_minutes: number("slot_minutes")?, capacity: number("capacity")? };
        settings.check().map_err(ApiError::Booking)?;
        let org = s.store.get_org(id).await?;
        let reason = domain::access::AccessReason { purpose: "service point settings".into(), ..Default::default() };
        s.store.set_service_point(&org, &settings, entry(&p, "service_point.set", &reason, rid.as_deref())).await?;
        Ok("point-saved")
    }
    .await;
    back(&here, r)
}
