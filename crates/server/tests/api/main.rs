//! Black-box tests of the HTTP application: each test starts the real router on a fresh
//! database (SQLite by default; PostgreSQL when `ROSMIGRATION_TEST_POSTGRES_URL` is set) and
//! talks to it over loopback.

use rosmigration_server as server;

mod helpers;

mod access;
mod audit;
mod bad_input;
mod booking;
mod cabinet;
mod desk;
mod intake;
mod merges;
mod ops;
mod pages;
mod persons;
mod review;
mod search;
mod security;
mod status;
mod texts;
mod web;
