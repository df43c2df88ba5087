//! Application state and the router with its middleware stack.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, header};
use store::{AuditWriter, Store};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::auth::LoginThrottle;
use crate::extract::MAX_BODY;
use crate::i18n::I18n;

/// Settings the server needs at run time (parsed and checked by the CLI at start-up).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Folder with templates, translations and static files.
    pub assets_dir: PathBuf,
    /// Mark cookies `Secure` (behind HTTPS in production).
    pub secure_cookies: bool,
    /// Lifetime of a web session.
    pub session_ttl: Duration,
    /// Lifetime of an API token issued by `POST /api/auth/token`.
    pub token_ttl: Duration,
    /// The legal grounds law enforcement chooses from for a search or a read (the law and
    /// article), so a read's basis is one of a known list, not free text.
    pub legal_grounds: Vec<domain::grounds::LegalGround>,
    /// Persons one law-enforcement account may read in an hour before the administrator's
    /// oversight page raises an alert.
    pub oversight_persons_per_hour: u32,
    /// Reverse proxies whose `X-Forwarded-For` / `X-Real-IP` are believed
    /// ([`crate::extract::ClientIp`]); empty by default, so no header is.
    pub trusted_proxies: Vec<crate::extract::Cidr>,
}

impl ServerConfig {
    /// The settings of a development server on `listen`: the shipped assets, plain cookies,
    /// 8-hour sessions, 24-hour tokens, the default legal grounds, an oversight alert above 30
    /// persons an hour, and no trusted proxy. Production reads each from the configuration.
    pub fn with_defaults(listen: SocketAddr) -> Self {
        ServerConfig {
            listen,
            assets_dir: Self::default_assets_dir(),
            secure_cookies: false,
            session_ttl: Duration::from_secs(8 * 3600),
            token_ttl: Duration::from_secs(24 * 3600),
            legal_grounds: domain::grounds::default_grounds(),
            oversight_persons_per_hour: 30,
            trusted_proxies: vec![],
        }
    }

    /// The folder of the assets shipped in this repository.
    pub fn default_assets_dir() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets"))
    }
}

/// Everything handlers share.
pub struct App {
    /// Storage.
    pub store: Store,
    /// Group-commit writer for read-audit entries.
    pub audit: AuditWriter,
    /// Templates.
    pub templates: minijinja::Environment<'static>,
    /// Translations.
    pub i18n: Arc<I18n>,
    /// Failed-login throttle.
    pub throttle: LoginThrottle,
    /// Recently verified bearer tokens.
    pub tokens: crate::auth::TokenCache,
    /// A valid argon2 hash to spend equal time on unknown usernames.
    pub dummy_hash: String,
    /// Links staged agency records in the background.
    pub resolver: crate::resolver::Resolver,
    /// Wakes the notifications dispatcher after a message is queued (started by `serve`).
    pub notifier: crate::notify::Notifier,
    /// Settings.
    pub config: ServerConfig,
}

/// Shared state: one `Arc` cloned into every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl AppState {
    /// Builds the state: loads translations and templates from the assets folder.
    pub fn new(store: Store, config: ServerConfig) -> anyhow::Result<Self> {
        let i18n = Arc::new(I18n::load(&config.assets_dir.join("locales"))?);
        let templates = crate::web::templates(&config.assets_dir.join("templates"), i18n.clone());
        domain::grounds::set_legal_grounds(config.legal_grounds.clone());
        let audit = store.audit_writer();
        let resolver = crate::resolver::Resolver::start(store.clone());
        Ok(Self(Arc::new(App {
            resolver,
            notifier: crate::notify::Notifier::new(),
            store,
            audit,
            templates,
            i18n,
            throttle: LoginThrottle::default(),
            tokens: Default::default(),
            dummy_hash: crate::auth::hash_password("dummy password for timing")?,
            config,
        })))
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let x_request_id = HeaderName::from_static("x-request-id");
    let static_dir = state.config.assets_dir.join("static");
    let state_for_errors = state.clone();
    Router::new()
        .merge(crate::api::router())
        .merge(crate::web::router())
        .nest_service("/static", tower_http::services::ServeDir::new(static_dir))
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            crate::error::ApiError::Internal(anyhow::anyhow!("handler panicked")).into_response_boxed()
        }))
        .layer(axum::middleware::from_fn_with_state(state_for_errors, crate::web::errors::html_errors))
        // Outside the panic catcher and the timeout, so their answers carry it too.
        .layer(axum::middleware::from_fn(no_store))
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            let rid = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %rid)
        }))
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
}

/// `Cache-Control: no-store` on every response but the static files: pages, API answers and
/// error pages can all carry personal data, and no browser, shared computer's cache or proxy
/// should keep a copy (152-FZ art. 19: measures against unauthorised access). Static files
/// (CSS, scripts) hold none and may be cached.
async fn no_store(req: Request<axum::body::Body>, next: axum::middleware::Next) -> axum::response::Response {
    let cacheable = req.uri().path().starts_with("/static/");
    let mut res = next.run(req).await;
    if !cacheable {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

impl crate::error::ApiError {
    fn into_response_boxed(self) -> axum::response::Response {
        axum::response::IntoResponse::into_response(self)
    }
}

/// Serves until Ctrl-C or SIGTERM, then finishes in-flight requests and closes the database.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let addr = state.config.listen;
    let store = state.store.clone();
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    tracing::info!(address = %listener.local_addr()?, "server.listening");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.db.close().await;
    tracing::info!("server.stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("server.shutting_down");
}
