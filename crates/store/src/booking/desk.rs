//! The service point's desk (issue 10, item 4): a walk-in is found by the document number they
//! present, never by a registry id; the desk checks the person's identity against their
//! document; and a visit's result is recorded with its outcome, only once the visit has begun.
//!
//! Why the document number: the point's staff have no search of the registry (they are not
//! officers, 152-FZ art. 5 p. 5), so they may reach exactly the person standing in front of them,
//! by the document that person hands over. An id typed at a desk could be anyone's.

use centre::case::StepKind;
use chrono::{DateTime, NaiveDate, Utc};
use domain::event::{Actor, Change};
use domain::facts::{ServiceOutcome, ServiceResult};
use domain::person::{IdentityDocument, PersonProfile};
use domain::validate::document::{DocumentKind, lookup_form};
use serde::Serialize;
use uuid::Uuid;

use super::book::result_change;
use super::queue::TicketState;
use super::{BookingError, BookingState, QueueTicket, local_day};
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::persons::LOOKUP_DOCUMENT;
use crate::{AuditEntry, Store};

/// The visit a result is for: a booking at the point, or a called queue ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskVisit {
    /// A booking of today at this point.
    Booking(Uuid),
    /// A ticket of today at this point, called to the desk.
    Ticket(Uuid),
}

/// What the desk records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskOutcome {
    /// The outcome of a medical examination, fingerprinting, exam or insurance.
    Service(ServiceOutcome),
    /// A patent application accepted (PAT-2 / PAT-10).
    ApplicationAccepted,
}

impl DeskOutcome {
    /// The stable code (`fit`, `unfit`, `done`, `passed`, `failed`, `issued`, `accepted`).
    pub fn code(&self) -> &'static str {
        match self {
            DeskOutcome::Service(o) => o.code(),
            DeskOutcome::ApplicationAccepted => "accepted",
        }
    }
}

/// The desk's result request: the outcome, whether the staff confirmed that the document
/// presented matches the one shown (masked), and for a ticket without a person the document
/// number typed at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskResult {
    /// The visit.
    pub visit: DeskVisit,
    /// The outcome.
    pub outcome: DeskOutcome,
    /// The staff confirmed the presented document is the person's.
    pub identity_confirmed: bool,
    /// A walk-in not yet identified: the number of the document presented.
    pub document_number: Option<String>,
}

/// A document as the desk sees it: kind, issuer and the number masked but for its last four
/// characters, enough to compare with the document in the visitor's hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaskedDocument {
    /// Document kind code (`passport` …).
    pub kind: String,
    /// Issuing country.
    pub issuer: String,
    /// The number, masked (`•••••4567`).
    pub number: String,
}

/// Masks a document number but for its last four characters.
pub fn mask(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let keep = chars.len().min(4);
    let hidden = chars.len() - keep;
    "•".repeat(hidden.max(3)) + &chars[hidden..].iter().collect::<String>()
}

/// The document the desk checks a person against: a valid (not invalidated, not expired)
/// passport, else any valid document, the latest issued first.
pub fn desk_document(p: &PersonProfile, today: NaiveDate) -> Option<&IdentityDocument> {
    let valid = |d: &&IdentityDocument| d.invalidated.is_none() && d.expires_on.is_none_or(|e| e >= today);
    let latest = |a: &&IdentityDocument, b: &&IdentityDocument| a.issued_on.cmp(&b.issued_on);
    p.documents
        .iter()
        .filter(valid)
        .filter(|d| d.kind == DocumentKind::Passport)
        .max_by(latest)
        .or_else(|| p.documents.iter().filter(valid).max_by(latest))
}

/// [`desk_document`], masked for the screen.
pub fn masked_desk_document(p: &PersonProfile, today: NaiveDate) -> Option<MaskedDocument> {
    desk_document(p, today).map(|d| MaskedDocument {
        kind: d.kind.as_str().to_string(),
        issuer: d.issuer.as_str().to_string(),
        number: mask(&d.number),
    })
}

impl Store {
    /// The one person holding a valid document with this number (as printed, any spacing):
    /// `document_unknown` when nobody does, `document_ambiguous` when several do.
    pub async fn person_by_document(&self, number: &str) -> Result<(PersonProfile, Uuid)> {
        let form = lookup_form(number);
        if form.is_empty() {
            return Err(BookingError::DocumentUnknown.into());
        }
        let digest = self.sealer().lookup_digest(LOOKUP_DOCUMENT, &form);
        let ids: Vec<Uuid> = dispatch!(read &self.db, p => {
            sqlx::query_scalar("SELECT DISTINCT person_id FROM person_lookup WHERE digest = $1 LIMIT 10")
                .bind(&digest).fetch_all(p).await?
        });
        let mut found = Vec::new();
        for id in ids {
            let p = match self.get_person(id).await {
                Ok(p) => p,
                Err(StoreError::NotFound(_)) => continue,
                Err(e) => return Err(e),
            };
            if let Some(d) = p.documents.iter().find(|d| d.invalidated.is_none() && lookup_form(&d.number) == form) {
                let doc = d.id;
                found.push((p, doc));
            }
        }
        match found.len() {
            0 => Err(BookingError::DocumentUnknown.into()),
            1 => Ok(found.remove(0)),
            _ => Err(BookingError::DocumentAmbiguous.into()),
        }
    }

    /// A walk-in's ticket: the person is found by the document number presented, and only for
    /// a service the point offers (checked first: no person is looked up for a service the point
    /// does not give).
    pub async fn walk_in(
        &self,
        point: Uuid,
        service: StepKind,
        document_number: &str,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<QueueTicket> {
        let sp = self.service_point(point).await?;
        if !sp.services.contains(&service) {
            return Err(BookingError::NotOffered.into());
        }
        let (person, _) = self.person_by_document(document_number).await?;
        self.take_ticket(point, service, Some(person.id), None, now, audit).await
    }

    /// Records a visit's result at the desk: the visit is today's at this point and has begun
    /// (a booking's slot start, a ticket's issue and call: `too_early` before); the staff
    /// confirmed the person's identity (`identity_unconfirmed` otherwise; the document checked
    /// is kept with the result); the outcome is one the step has (`wrong_outcome`). An unfit
    /// or failed outcome is recorded in the history and leaves the step open. The person is
    /// the visit's; a ticket without one is identified by `document_number`.
    pub async fn record_visit_result(
        &self,
        point: Uuid,
        r: &DeskResult,
        now: DateTime<Utc>,
        actor: Actor,
        audit: AuditEntry,
    ) -> Result<(PersonProfile, StepKind)> {
        let today = local_day(now);
        let sp = self.service_point(point).await?;
        let (person, step, found_by) = match r.visit {
            DeskVisit::Booking(id) => {
                let b = self.booking(id).await?;
                if b.org_id != point || local_day(b.starts_at) != today {
                    return Err(StoreError::NotFound("booking at this point today"));
                }
                if b.state != BookingState::Booked {
                    return Err(BookingError::NotActive.into());
                }
                if b.starts_at > now {
                    return Err(BookingError::TooEarly.into());
                }
                (b.person_id, b.step, None)
            }
            DeskVisit::Ticket(id) => {
                let t = self.ticket(id).await?;
                if t.org_id != point || t.day != today {
                    return Err(StoreError::NotFound("ticket at this point today"));
                }
                if t.issued_at > now {
                    return Err(BookingError::TooEarly.into());
                }
                if t.state != TicketState::Called {
                    return Err(BookingError::TicketState.into());
                }
                match (t.person_id, r.document_number.as_deref()) {
                    (Some(p), None) => (p, t.service, None),
                    // The number typed at the desk must be the ticket holder's own document.
                    (known, Some(number)) => {
                        let (p, doc) = self.person_by_document(number).await?;
                        if known.is_some_and(|k| k != p.id) {
                            return Err(BookingError::IdentityUnconfirmed.into());
                        }
                        (p.id, t.service, Some((doc, known.is_none().then_some(id))))
                    }
                    (None, None) => return Err(BookingError::WalkInByDocument.into()),
                }
            }
        };
        if !sp.services.contains(&step) {
            return Err(BookingError::NotOffered.into());
        }
        if !r.identity_confirmed {
            return Err(BookingError::IdentityUnconfirmed.into());
        }
        let profile = self.get_person(person).await?;
        let checked = match found_by {
            Some((doc, _)) => doc,
            None => desk_document(&profile, today).ok_or(BookingError::IdentityUnconfirmed)?.id,
        };
        let change = match (step.service_result(), &r.outcome) {
            (Some(kind), DeskOutcome::Service(o)) if o.fits(kind) => Change::ServiceResultRecorded(ServiceResult {
                kind,
                on: today,
                org_id: Some(point),
                outcome: Some(o.clone()),
                identity_checked: Some(checked),
            }),
            (None, DeskOutcome::ApplicationAccepted) if step == StepKind::PatentApplication => {
                result_change(&profile, step, point, today)?
            }
            (None, _) if step != StepKind::PatentApplication => return Err(BookingError::NoResult.into()),
            _ => return Err(BookingError::WrongOutcome(step.code()).into()),
        };
        if let Some((_, Some(ticket))) = found_by {
            self.attach_ticket_person(ticket, person).await?;
        }
        let completes = !matches!(&r.outcome, DeskOutcome::Service(o) if !o.completes());
        let suffix = if completes { String::new() } else { format!(":{}", r.outcome.code()) };
        let detail = format!(
            "result {} {} at {point}; identity checked against document {checked}",
            step.code(),
            r.outcome.code()
        );
        let profile =
            self.write_result(&sp, person, step, change, &suffix, now, actor, AuditEntry { detail, ..audit }).await?;
        Ok((profile, step))
    }

    /// Names the person of an anonymous ticket once the desk found them by their document.
    async fn attach_ticket_person(&self, ticket: Uuid, person: Uuid) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query("UPDATE queue_tickets SET person_id = $1 WHERE id = $2 AND person_id IS NULL")
                .bind(person).bind(ticket).execute(&mut **t).await?
        });
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_masked_but_for_the_last_four() {
        assert_eq!(mask("AA1234567"), "•••••4567");
        assert_eq!(mask("12"), "•••12");
        assert!(!mask("FA7654321").contains("7654"));
    }
}
