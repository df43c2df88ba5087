#![doc = "The HTTP service of rosmigration: the JSON API (with its OpenAPI document), the server-rendered pages, authentication and access control."]
//!
//! Error handling: handlers return [`error::ApiError`], which renders RFC 9457 problems;
//! start-up code returns `anyhow` with context.

pub mod api;
pub mod app;
pub mod auth;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod notify;
pub mod registry;
pub mod resolver;
pub mod services;
pub mod web;

pub use app::{AppState, ServerConfig, router, serve};
