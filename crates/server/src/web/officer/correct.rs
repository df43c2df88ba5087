//! Corrections of a person through forms: another writing of the name, the date of birth, sex
//! and citizenship, a document added or invalidated, a contact added. Each form becomes the same
//! `ChangeInput` the API takes and goes through `registry::change_person`: one event in the
//! history with the officer as its actor, the officer's reason in the audit entry, and the
//! form's one-time key as the event's idempotency key, so a double submit records nothing twice.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::input::ChangeInput;
use serde_json::{Value, json};
use uuid::Uuid;

use super::back;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::registry::{self, ReasonParams};
use crate::services::required_reason;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::{WebUser, lang_of, render_with};

/// The corrections offered, each with the fields its form has.
const KINDS: [&str; 5] = ["add_name", "correct_core", "add_document", "invalidate_document", "add_contact"];

/// `GET /officer/persons/{id}/correct`: the forms, with the person's current values (a read).
pub(super) async fn form(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(o): Query<Outcome>,
) -> Response {
    let p = user.account.principal();
    if let Err(e) = domain::access::authorize(p.role, domain::access::Action::UpdatePerson) {
        return ApiError::from(e).into_response();
    }
    let reason = ReasonParams { purpose: Some("correction of the registry".into()), ..Default::default() };
    match registry::view_person(&s, &p, id, &reason, rid.as_deref()).await {
        Ok(person) => render_with(
            &s,
            "officer/correct.html",
            &lang_of(&s, &headers),
            &user,
            &o,
            minijinja::context! {
                person => person, idem => Uuid::now_v7().to_string(),
                doc_kinds => domain::validate::document::DocumentKind::all().iter().map(|k| serde_json::to_value(k).ok()).collect::<Vec<_>>(),
            },
        ),
        Err(e) => e.into_response(),
    }
}

/// Builds the change a form describes; field names are the API's.
fn change_of(f: &[(String, String)]) -> Result<(ChangeInput, String), ApiError> {
    let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let opt = |k: &str| Some(get(k)).filter(|v| !v.is_empty());
    let kind = get("kind");
    let reason = required_reason(&get("reason"), 500)?;
    let v: Value = match kind.as_str() {
        "add_name" => json!({"type": "add_name", "name": {
            "form": get("form"), "surname": get("surname"), "given_names": get("given_names"), "patronymic": opt("patronymic")}}),
        "correct_core" => json!({"type": "correct_core", "birth_date": get("birth_date"), "sex": get("sex"),
            "citizenship": get("citizenship"), "reason": reason}),
        "add_document" => json!({"type": "add_document", "document": {
            "kind": get("doc_kind"), "issuer": opt("issuer"), "number": get("number"),
            "issued_on": opt("issued_on"), "expires_on": opt("expires_on")}}),
        "invalidate_document" => {
            json!({"type": "invalidate_document", "document_id": get("document_id"), "reason": reason})
        }
        "add_contact" => {
            json!({"type": "add_contact", "contact": {"kind": get("contact_kind"), "value": get("value")}})
        }
        other => {
            return Err(ApiError::Invalid(domain::error::ValidationErrors::one(
                "kind",
                domain::error::ValueError::new("kind", format!("{other:?} is not one of {}", KINDS.join(", "))),
            )));
        }
    };
    let change = crate::extract::parse_json::<ChangeInput>(v.to_string().as_bytes())?;
    Ok((change, reason))
}

/// `POST /officer/persons/{id}/correct`.
pub(super) async fn submit(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let r = async {
        let csrf = fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        check_csrf(&user, csrf)?;
        let idem = fields.iter().find(|(k, _)| k == "idem").map(|(_, v)| v.clone()).filter(|v| v.len() <= 100);
        let (change, reason) = change_of(&fields)?;
        registry::change_person(
            &s,
            &user.account.principal(),
            id,
            &[change],
            registry::ChangeOptions { expected_version: None, idempotency_key: idem, note: Some(&reason) },
            rid.as_deref(),
        )
        .await?;
        Ok("corrected")
    }
    .await;
    match r {
        Ok(_) => back(&format!("/persons/{id}/history"), r),
        Err(_) => back(&format!("/officer/persons/{id}/correct"), r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_form_becomes_the_api_change() {
        let (c, _) = change_of(&form(&[
            ("kind", "add_name"),
            ("form", "latin"),
            ("surname", "BAKYT UULU"),
            ("given_names", "AZAMAT"),
            ("reason", "passport"),
        ]))
        .unwrap();
        assert!(matches!(c, ChangeInput::AddName { .. }));
        let (c, _) = change_of(&form(&[
            ("kind", "add_contact"),
            ("contact_kind", "phone"),
            ("value", "+79001234567"),
            ("reason", "x"),
        ]))
        .unwrap();
        assert!(matches!(c, ChangeInput::AddContact { .. }));
    }

    #[test]
    fn a_correction_needs_a_reason_and_a_known_kind() {
        assert!(
            change_of(&form(&[("kind", "add_contact"), ("contact_kind", "phone"), ("value", "+79001234567")])).is_err()
        );
        assert!(change_of(&form(&[("kind", "delete_person"), ("reason", "x")])).is_err());
    }
}
