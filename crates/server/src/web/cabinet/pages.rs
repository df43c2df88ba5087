//! The cabinet's pages: home (status in plain words, next deadline), checklist, messages,
//! documents, access log, and the language switch. Each read of the person's data is recorded
//! in the audit log with the purpose "own data".

use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use domain::access::{AccessReason, Role};
use domain::lang::Lang;
use domain::person::PersonProfile;
use minijinja::Value;
use uuid::Uuid;

use super::{Migrant, page, page_lang};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, RequestId};
use crate::i18n::{audit, explain};
use crate::registry;

/// Page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cabinet", get(home))
        .route("/cabinet/checklist", get(checklist))
        .route("/cabinet/messages", get(messages))
        .route("/cabinet/documents", get(documents))
        .route("/cabinet/access", get(access))
        .route("/cabinet/lang/{code}", get(set_lang))
}

/// The migrant's own profile, with the read recorded.
pub async fn own_profile(s: &AppState, m: &Migrant, what: &str, rid: Option<&str>) -> ApiResult<PersonProfile> {
    let p = m.user.account.principal();
    let reason = AccessReason::default_for(Role::Migrant);
    let mut e = registry::entry(&p, what, &reason, rid);
    e.person_id = Some(m.person_id);
    let profile = s.store.get_person(m.person_id).await?;
    s.audit.record(vec![e]).await?;
    Ok(profile)
}

fn respond(r: ApiResult<Response>) -> Response {
    r.unwrap_or_else(IntoResponse::into_response)
}

async fn home(State(s): State<AppState>, headers: HeaderMap, m: Migrant, rid: RequestId) -> Response {
    respond(
        async {
            let profile = own_profile(&s, &m, "person.view", rid.as_deref()).await?;
            let status = s.store.person_status(&profile).await?;
            let case = centre::case::legalisation_case(&profile, &status.evaluation);
            let next =
                case.next_deadline().map(|st| minijinja::context! { kind => st.kind.code(), deadline => st.deadline });
            let lang = page_lang(&s, &headers);
            let ev = &status.evaluation;
            // What the law asks now, in plain words: open and missed obligations, unremedied
            // violations, an entry ban; each with its legal basis in the page's language.
            let todo: Vec<Value> = ev
                .obligations
                .iter()
                .filter(|o| matches!(o.state, rules::ObligationState::Open | rules::ObligationState::Missed))
                .map(|o| {
                    minijinja::context! {
                        text => explain::obligation(&s.i18n, &lang, o, ev.on),
                        source => explain::source(&s.i18n, &lang, o.rule_id),
                        missed => o.state == rules::ObligationState::Missed,
                    }
                })
                .collect();
            let problems: Vec<Value> = ev
                .violations
                .iter()
                .filter(|v| v.remedied_on.is_none())
                .map(|v| {
                    minijinja::context! {
                        text => explain::violation(&s.i18n, &lang, v, ev.on),
                        source => explain::source(&s.i18n, &lang, v.rule_id),
                    }
                })
                .collect();
            let ban = ev.entry_ban.as_ref().map(|b| {
                minijinja::context! {
                    text => explain::entry_ban(&s.i18n, &lang, b),
                    source => explain::source(&s.i18n, &lang, b.rule_id),
                }
            });
            let ctx = minijinja::context! {
                name => profile.display_name().full(),
                status => status.status,
                next => next,
                stay_until => ev.stay.and_then(|st| st.lawful_until),
                today => status.on,
                todo => todo,
                problems => problems,
                ban => ban,
            };
            Ok(page(&s, "cabinet/home.html", &lang, Some(&m.user), "home", ctx))
        }
        .await,
    )
}

async fn checklist(State(s): State<AppState>, headers: HeaderMap, m: Migrant, rid: RequestId) -> Response {
    respond(
        async {
            let profile = own_profile(&s, &m, "person.status", rid.as_deref()).await?;
            let case = s.store.legalisation_case(&profile, store::status::today());
            let lang = page_lang(&s, &headers);
            // Each step with its legal basis cited in the page's language, not the engine's English.
            let steps: Vec<Value> = case
                .steps
                .iter()
                .map(|st| {
                    minijinja::context! {
                        ..Value::from_serialize(st),
                        ..minijinja::context! { source => explain::source(&s.i18n, &lang, st.rule) }
                    }
                })
                .collect();
            let ctx = minijinja::context! { track => Value::from_serialize(case.track), steps => steps };
            Ok(page(&s, "cabinet/checklist.html", &lang, Some(&m.user), "checklist", ctx))
        }
        .await,
    )
}

async fn messages(State(s): State<AppState>, headers: HeaderMap, m: Migrant, rid: RequestId) -> Response {
    respond(
        async {
            let p = m.user.account.principal();
            let reason = AccessReason::default_for(Role::Migrant);
            let mut e = registry::entry(&p, "person.messages", &reason, rid.as_deref());
            e.person_id = Some(m.person_id);
            let list = s.store.person_notifications(m.person_id, 100).await?;
            s.audit.record(vec![e]).await?;
            let lang = page_lang(&s, &headers);
            let shown_in: domain::lang::Lang = lang.parse().unwrap_or_default();
            let items: Vec<Value> = shown_messages(&list)
                .map(|msg| {
                    let text = crate::notify::render(&s.i18n, shown_in, &msg.template, &msg.args);
                    // A one-time code is shown as the fact that one was sent, never the code.
                    let body = if msg.template == store::cabinet::OTP_TEMPLATE {
                        s.i18n.t(&lang, "cab-otp-was-sent", None)
                    } else {
                        text.body
                    };
                    minijinja::context! {
                        subject => text.subject,
                        body => body,
                        channel => msg.channel.code(),
                        state => msg.state.clone(),
                        at => msg.created_at,
                    }
                })
                .collect();
            Ok(page(
                &s,
                "cabinet/messages.html",
                &lang,
                Some(&m.user),
                "messages",
                minijinja::context! { items => items },
            ))
        }
        .await,
    )
}

async fn documents(State(s): State<AppState>, headers: HeaderMap, m: Migrant, rid: RequestId) -> Response {
    respond(
        async {
            let profile = own_profile(&s, &m, "person.view", rid.as_deref()).await?;
            let lang = page_lang(&s, &headers);
            let ctx = minijinja::context! {
                documents => Value::from_serialize(&profile.documents),
                permits => Value::from_serialize(&profile.permits),
            };
            Ok(page(&s, "cabinet/documents.html", &lang, Some(&m.user), "documents", ctx))
        }
        .await,
    )
}

/// Who read or changed my data: role and organisation, never an officer's username (the
/// account id is released on request, see docs/CABINET.md). The person's own reads are counted
/// in one line, not listed; roles, actions and purposes are in the page's language.
async fn access(State(s): State<AppState>, headers: HeaderMap, m: Migrant, rid: RequestId) -> Response {
    respond(
        async {
            let p = m.user.account.principal();
            let log = crate::api::cabinet::own_access_log(&s, &p, m.person_id, None, 200, rid.as_deref()).await?;
            let lang = page_lang(&s, &headers);
            let mut orgs: HashMap<Uuid, Option<String>> = HashMap::new();
            let mut rows = Vec::with_capacity(log.entries.len());
            for c in log.entries {
                let e = c.entry;
                let you = e.account_id.is_some() && e.account_id == Some(m.user.account.id);
                let org = match e.account_id {
                    Some(a) if !you => {
                        if let Some(known) = orgs.get(&a) {
                            known.clone()
                        } else {
                            let name = match s.store.get_account(a).await.ok().and_then(|acc| acc.org_id) {
                                Some(o) => s.store.get_org(o).await.ok().map(|o| o.name),
                                None => None,
                            };
                            orgs.insert(a, name.clone());
                            name
                        }
                    }
                    _ => None,
                };
                let d = audit::describe_entry(&s.i18n, &lang, &e);
                rows.push(minijinja::context! {
                    at => e.at,
                    role => d.role,
                    you => you,
                    org => org,
                    action => d.action,
                    purpose => d.purpose,
                    legal_basis => e.legal_basis,
                });
            }
            let own = log.since.map(|since| {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("count", log.own_reads);
                args.set("since", crate::i18n::dates::date(&lang, domain::clock::local_day(since)));
                s.i18n.t(&lang, "audit-own-reads", Some(&args))
            });
            let ctx = minijinja::context! { rows => rows, own_reads => own };
            Ok(page(&s, "cabinet/access.html", &lang, Some(&m.user), "access", ctx))
        }
        .await,
    )
}

/// Switches the language: a cookie for every page, and for a logged-in migrant the stored
/// choice (messages and reminders follow it). Sends the browser back to the cabinet page it
/// came from.
async fn set_lang(
    State(s): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    jar: CookieJar,
    m: Result<Migrant, Response>,
) -> Response {
    let Ok(lang) = code.parse::<Lang>() else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    if let Ok(m) = m
        && let Err(e) = s.store.set_person_lang(m.person_id, lang).await
    {
        return ApiError::from(e).into_response();
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.find("://").map(|i| &r[i + 3..]))
        .and_then(|r| r.find('/').map(|i| r[i..].to_string()))
        .filter(|p| p.starts_with("/cabinet") || p.starts_with("/check"))
        .unwrap_or_else(|| "/cabinet".into());
    let cookie =
        Cookie::parse(format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax", super::super::LANG_COOKIE, lang.code()))
            .expect("well-formed cookie");
    (jar.add(cookie), Redirect::to(&back)).into_response()
}

/// The messages the cabinet lists: every cabinet message, and an SMS or e-mail only when the
/// cabinet has no copy of it (a reminder goes to all three channels with the same text; the
/// person should read it once, while a login code exists only as an SMS).
fn shown_messages(
    list: &[store::outbox::PersonNotification],
) -> impl Iterator<Item = &store::outbox::PersonNotification> {
    use store::outbox::Channel;
    list.iter().filter(move |m| {
        m.channel == Channel::Cabinet
            || !list.iter().any(|c| c.channel == Channel::Cabinet && c.template == m.template && c.args == m.args)
    })
}
