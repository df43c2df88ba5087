//! The person's profile page: who the person is, their legal status with its explanation, what
//! is due and when, the legalisation case and bookings, and the records on file.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::access::{Denied, Role};
use domain::reduced::PersonView;
use store::persons::PersonSummary;
use uuid::Uuid;

use super::{ReasonQuery, frame};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::i18n::explain;
use crate::registry;
use crate::web::{WebUser, lang_of, render};

/// `GET /persons/{id}`: one audited read of the profile (and its status, part of the same view).
pub(super) async fn page(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<ReasonQuery>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let profile = match registry::view_person(&s, &p, id, &q.params(), rid.as_deref()).await {
        Ok(view) => person_ctx(&view),
        Err(e) => return refused(&s, &user, &lang, id, e),
    };
    let today = domain::clock::today();
    // The status is derived from the full profile, not the reduced view an organisation sees.
    let full = match s.store.get_person(id).await {
        Ok(f) => f,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let status = match s.store.person_status(&full).await {
        Ok(st) => st,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let on = status.evaluation.on;
    let i18n = &s.i18n;
    let obligations: Vec<_> = status
        .evaluation
        .obligations
        .iter()
        .map(|o| {
            minijinja::context! {
                rule => o.rule_id.as_str(), source => explain::source(i18n, &lang, o.rule_id), deadline => o.deadline,
                state => format!("{:?}", o.state), text => explain::obligation(i18n, &lang, o, on),
            }
        })
        .collect();
    let violations: Vec<_> = status
        .evaluation
        .violations
        .iter()
        .map(|v| {
            minijinja::context! {
                rule => v.rule_id.as_str(), source => explain::source(i18n, &lang, v.rule_id), since => v.since,
                text => explain::violation(i18n, &lang, v, on),
            }
        })
        .collect();
    let tasks: Vec<_> = if p.role == Role::MigrationOfficer {
        status
            .evaluation
            .tasks
            .iter()
            .map(|t| minijinja::context! { rule => t.rule_id.as_str(), due => t.due, text => explain::task(i18n, &lang, t) })
            .collect()
    } else {
        vec![]
    };
    // The case and bookings are the migration department's and the person's business.
    let (case, bookings) = if p.role == Role::MigrationOfficer {
        let case = s.store.legalisation_case(&full, today);
        let bookings = match s.store.person_bookings(id).await {
            Ok(b) => b,
            Err(e) => return ApiError::from(e).into_response(),
        };
        (Some(case), bookings)
    } else {
        (None, vec![])
    };
    let ctx = minijinja::context! {
        person => profile, summary => PersonSummary::of(&full, today), status => status.status,
        next_deadline => status.next_deadline, obligations => obligations, violations => violations,
        tasks => tasks, case => case, bookings => bookings,
        full_view => matches!(p.role, Role::MigrationOfficer | Role::TaxOfficer | Role::LawEnforcement),
        may_change => p.role == Role::MigrationOfficer,
        ..frame(id, p.role, &q, "")
    };
    crate::web::render_with(&s, "person/profile.html", &lang, &user, &q.outcome, ctx)
}

/// The template's `person`: the reduced view shows its current stay where the page lists stays.
fn person_ctx(v: &PersonView) -> minijinja::Value {
    match v {
        PersonView::Full(p) => minijinja::Value::from_serialize(p),
        PersonView::Reduced(r) => minijinja::context! {
            stays => r.current_stay.iter().collect::<Vec<_>>(),
            ..minijinja::Value::from_serialize(r)
        },
    }
}

/// A refused read: law enforcement is asked for the legal basis; anything else is the error page.
pub(super) fn refused(s: &AppState, user: &WebUser, lang: &str, id: Uuid, e: ApiError) -> Response {
    match e {
        ApiError::Forbidden(d @ (Denied::LegalBasisRequired | Denied::UnknownLegalBasis(_))) => {
            let key =
                if matches!(d, Denied::LegalBasisRequired) { "error-legal-basis" } else { "error-legal-basis-unknown" };
            let ctx = minijinja::context! {
                person_id => id, error => s.i18n.t(lang, key, None),
            };
            (axum::http::StatusCode::FORBIDDEN, render(s, "reason.html", lang, Some(user), ctx)).into_response()
        }
        e => e.into_response(),
    }
}
