//! `rosmigration bench`: load generators and size measurement whose output goes into
//! docs/BENCHMARKS.md. The load generators talk HTTP to a running server over loopback, like a
//! real client, and report throughput and latency percentiles from an HDR histogram.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use hdrhistogram::Histogram;
use serde_json::json;
use sqlx::Row as _;

use crate::cli::{BenchCommand, LoadArgs};
use crate::config::Settings;

/// Runs a bench subcommand.
pub async fn run(settings: &Settings, c: BenchCommand) -> anyhow::Result<ExitCode> {
    match c {
        BenchCommand::GetPerson(a) => {
            let store = settings.open_store().await?;
            let ids = spread(store.person_ids(i64::MAX).await?, 100_000);
            store.db.close().await;
            if ids.is_empty() {
                bail!("the registry is empty: load a demo region first (rosmigration demo --persons N)");
            }
            let ids = Arc::new(ids);
            load(&a, "GET /api/persons/{id}", move |client, base, token, n| {
                let id = ids[(n.wrapping_mul(2654435761) as usize) % ids.len()];
                client.get(format!("{base}/api/persons/{id}")).bearer_auth(token)
            })
            .await
        }
        BenchCommand::Search(a) => {
            let store = settings.open_store().await?;
            let names = super::bench_search::queries(&store, 2_000).await?;
            store.db.close().await;
            if names.is_empty() {
                bail!("the registry is empty: load a demo region first (rosmigration demo --persons N)");
            }
            let names = Arc::new(names);
            load(&a, "GET /api/persons?name=… (first page)", move |client, base, token, n| {
                let name = &names[(n.wrapping_mul(2654435761) as usize) % names.len()];
                client.get(format!("{base}/api/persons")).query(&[("name", name.as_str())]).bearer_auth(token)
            })
            .await
        }
        BenchCommand::PersonPage(a) => {
            let store = settings.open_store().await?;
            let ids = spread(store.person_ids(i64::MAX).await?, 100_000);
            store.db.close().await;
            if ids.is_empty() {
                bail!("the registry is empty: load a demo region first (rosmigration demo --persons N)");
            }
            let ids = Arc::new(ids);
            let cookie = browser_login(&a).await?;
            load_as(&a, "GET /persons/{id} and /persons/{id}/history (HTML)", cookie, move |client, base, cookie, n| {
                let id = ids[(n.wrapping_mul(2654435761) as usize / 2) % ids.len()];
                let tab = if n % 2 == 0 { "" } else { "/history" };
                client.get(format!("{base}/persons/{id}{tab}")).header("cookie", cookie).header("accept", "text/html")
            })
            .await
        }
        BenchCommand::CreatePerson(a) => {
            let run_id = uuid::Uuid::now_v7().simple().to_string();
            load(&a, "POST /api/persons", move |client, base, token, n| {
                client
                    .post(format!("{base}/api/persons"))
                    .bearer_auth(token)
                    .header("idempotency-key", format!("bench-{run_id}-{n}"))
                    .json(&new_person(n))
            })
            .await
        }
        BenchCommand::Size => size(settings).await,
        BenchCommand::Booking { persons, runs, concurrency } => {
            super::bench_booking::run(settings, persons, runs, concurrency).await
        }
        BenchCommand::Import { rows, dir, generate_only } => import_bench(settings, rows, &dir, generate_only).await,
        BenchCommand::Reminders { persons, seed } => super::reminders::bench(settings, persons, seed).await,
        BenchCommand::LinkOne { samples, seed } => link_one(settings, samples, seed).await,
        BenchCommand::Ids { count, out } => {
            let store = settings.open_store().await?;
            let ids = spread(store.person_ids(i64::MAX).await?, count as usize);
            store.db.close().await;
            let text: String = ids.iter().map(|i| format!("{i}\n")).collect();
            std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))?;
            println!("{} ids written to {}", ids.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Matches `samples` records against the registry, one at a time, each made from a registry
/// person in another writing (the passport's Latin name in capitals; every third without its
/// document), and reports the latency of `Store::match_subject` and how often the person was
/// found first.
async fn link_one(settings: &Settings, samples: usize, seed: u64) -> anyhow::Result<ExitCode> {
    use domain::names::NameForm;
    use intake::record::{DocumentRef, Subject};
    let store = settings.open_store().await?;
    let all = store.person_ids(i64::MAX).await?;
    if all.is_empty() {
        bail!("the registry is empty: load a demo region first (rosmigration demo --persons N)");
    }
    let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).context("histogram")?;
    let (mut found, mut candidates) = (0u64, 0u64);
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for n in 0..samples {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let id = all[(x % all.len() as u64) as usize];
        let p = store.get_person(id).await?;
        let name = p.names.iter().find(|v| v.form == NameForm::Latin).unwrap_or(p.display_name());
        let subject = Subject {
            name_form: NameForm::Latin,
            surname: name.surname.to_uppercase(),
            given_names: name.given_names.to_uppercase(),
            patronymic: None,
            birth_date: Some(p.birth_date),
            sex: Some(p.sex),
            citizenship: Some(p.citizenship),
            document: p.documents.first().filter(|_| n % 3 != 0).map(|d| DocumentRef {
                kind: d.kind,
                issuer: None,
                number: d.number.clone(),
                issued_on: None,
                expires_on: None,
            }),
            phone: None,
            inn: None,
            address: None,
            postcode: None,
        };
        let started = Instant::now();
        let matches = store.match_subject(&subject, &[]).await?;
        hist.record((started.elapsed().as_micros() as u64).max(1))?;
        candidates += matches.len() as u64;
        found += u64::from(matches.first().is_some_and(|c| c.person_id == id));
    }
    store.db.close().await;
    let ms = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "link one record against {} persons, {samples} samples: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {:.1} candidates scored on average; the person ranked first in {:.2}%",
        all.len(),
        ms(0.5),
        ms(0.9),
        ms(0.99),
        hist.max() as f64 / 1000.0,
        candidates as f64 / samples.max(1) as f64,
        100.0 * found as f64 / samples.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}

/// Every k-th id, so that a load test touches the whole table, not only its oldest rows.
fn spread(all: Vec<uuid::Uuid>, want: usize) -> Vec<uuid::Uuid> {
    let step = (all.len() / want.max(1)).max(1);
    all.into_iter().step_by(step).take(want).collect()
}

const SURNAMES: [&str; 8] = ["Юсупов", "Рахимов", "Каримов", "Саидов", "Турсунов", "Мирзоев", "Абдуллаев", "Назаров"];
const GIVEN: [&str; 8] = ["Жамшид", "Фаррух", "Бахтиёр", "Шерзод", "Рустам", "Алишер", "Бобур", "Азиз"];

fn new_person(n: u64) -> serde_json::Value {
    let s = SURNAMES[(n % 8) as usize];
    let g = GIVEN[((n / 8) % 8) as usize];
    json!({
        "names": [{"form": "russian", "surname": s, "given_names": g}],
        "birth_date": format!("{}-{:02}-{:02}", 1970 + n % 35, 1 + n % 12, 1 + n % 28),
        "sex": "male",
        "citizenship": "UZB",
        "documents": [{"kind": "passport", "number": format!("FA{:07}", n % 10_000_000), "issued_on": "2020-03-01", "expires_on": "2030-02-28"}],
        "contacts": [{"kind": "phone", "value": format!("+99890{:07}", n % 10_000_000)}]
    })
}

async fn login(client: &reqwest::Client, a: &LoadArgs) -> anyhow::Result<String> {
    let r = client
        .post(format!("{}/api/auth/token", a.url))
        .json(&json!({"username": a.username, "password": a.password, "name": "bench"}))
        .send()
        .await
        .with_context(|| format!("connecting to {}", a.url))?;
    if !r.status().is_success() {
        bail!("login as {} failed: {} {}", a.username, r.status(), r.text().await.unwrap_or_default());
    }
    let v: serde_json::Value = r.json().await?;
    v["token"].as_str().map(str::to_string).context("no token in the login response")
}

/// Logs in through the web login form as a browser does and returns the session cookie
/// (`rm_session=…`) for the pages' load test.
async fn browser_login(a: &LoadArgs) -> anyhow::Result<String> {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let page =
        client.get(format!("{}/login", a.url)).send().await.with_context(|| format!("connecting to {}", a.url))?;
    let form_cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("rm_login_csrf="))
        .and_then(|c| c.split(';').next())
        .context("the login page set no form cookie")?
        .to_string();
    let html = page.text().await?;
    let token = html
        .split("name=\"login_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .context("no form token on the login page")?
        .to_string();
    let r = client
        .post(format!("{}/login", a.url))
        .header("cookie", form_cookie)
        .form(&[("username", a.username.as_str()), ("password", a.password.as_str()), ("login_csrf", &token)])
        .send()
        .await?;
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("rm_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .with_context(|| format!("login as {} failed: {}", a.username, r.status()))
}

/// Load with an API token of `a`'s account.
async fn load<F>(a: &LoadArgs, what: &str, make: F) -> anyhow::Result<ExitCode>
where
    F: Fn(&reqwest::Client, &str, &str, u64) -> reqwest::RequestBuilder + Send + Sync + 'static,
{
    let token = login(&reqwest::Client::new(), a).await?;
    load_as(a, what, token, make).await
}

/// `a.connections` tasks send `make(client, base, credential, n)` for `a.seconds` after a
/// two-second warm-up; prints throughput and latency quantiles.
async fn load_as<F>(a: &LoadArgs, what: &str, credential: String, make: F) -> anyhow::Result<ExitCode>
where
    F: Fn(&reqwest::Client, &str, &str, u64) -> reqwest::RequestBuilder + Send + Sync + 'static,
{
    let client =
        reqwest::Client::builder().pool_max_idle_per_host(a.connections).timeout(Duration::from_secs(30)).build()?;
    let token = Arc::new(credential);
    let make = Arc::new(make);
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..a.connections {
        let (client, token, make, measuring, stop, counter, base) = (
            client.clone(),
            token.clone(),
            make.clone(),
            measuring.clone(),
            stop.clone(),
            counter.clone(),
            a.url.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut h = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds");
            let (mut ok, mut failed) = (0u64, 0u64);
            let mut first_error: Option<String> = None;
            while !stop.load(Ordering::Relaxed) {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                let res = make(&client, &base, &token, n).send().await;
                let good = match res {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    Ok(r) => {
                        if first_error.is_none() {
                            first_error = Some(format!("{} {}", r.status(), r.text().await.unwrap_or_default()));
                        }
                        false
                    }
                    Err(e) => {
                        if first_error.is_none() {
                            first_error = Some(e.to_string());
                        }
                        false
                    }
                };
                if measuring.load(Ordering::Relaxed) {
                    if good {
                        ok += 1;
                        h.record(t.elapsed().as_micros() as u64).ok();
                    } else {
                        failed += 1;
                    }
                }
            }
            (h, ok, failed, first_error)
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    measuring.store(true, Ordering::Relaxed);
    let t0 = Instant::now();
    tokio::time::sleep(Duration::from_secs(a.seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    let elapsed = t0.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds");
    let (mut ok, mut failed) = (0u64, 0u64);
    let mut first_error = None;
    for t in tasks {
        let (h, o, f, e) = t.await?;
        all.add(h).ok();
        ok += o;
        failed += f;
        first_error = first_error.or(e);
    }
    let ms = |q: f64| all.value_at_quantile(q) as f64 / 1000.0;
    println!("{what}: {} connections, {:.1} s", a.connections, elapsed);
    println!("  requests ok {ok}, failed {failed}, throughput {:.0} req/s", ok as f64 / elapsed);
    println!(
        "  latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        ms(0.5),
        ms(0.9),
        ms(0.99),
        ms(0.999),
        all.max() as f64 / 1000.0
    );
    if let Some(e) = first_error {
        println!("  first error: {e}");
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

async fn size(settings: &Settings) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let persons = store.count_persons().await?;
    let bytes: i64 = match &store.db {
        store::Db::Sqlite { write, .. } => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(write).await?;
            let r = sqlx::query("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
                .fetch_one(write)
                .await?;
            r.try_get(0)?
        }
        store::Db::Postgres(p) => {
            sqlx::query("SELECT pg_database_size(current_database())").fetch_one(p).await?.try_get(0)?
        }
    };
    store.db.close().await;
    println!(
        "persons {persons}, database {:.1} MiB, {} bytes per person",
        bytes as f64 / 1048576.0,
        if persons > 0 { bytes / persons } else { 0 }
    );
    Ok(ExitCode::SUCCESS)
}

/// `bench import`: generated crossings into the database through the real import pipeline.
async fn import_bench(
    settings: &Settings,
    rows: u64,
    dir: &std::path::Path,
    generate_only: bool,
) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join(format!("crossings-{rows}.csv"));
    if !file.exists() {
        let started = Instant::now();
        let tmp = file.with_extension("csv.part");
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        intake::synth::write_crossings(&mut w, rows, 0)?;
        std::io::Write::flush(&mut w)?;
        drop(w);
        std::fs::rename(&tmp, &file)?;
        eprintln!(
            "generated {} ({} bytes) in {:.1} s",
            file.display(),
            std::fs::metadata(&file)?.len(),
            started.elapsed().as_secs_f64()
        );
    }
    if generate_only {
        return Ok(ExitCode::SUCCESS);
    }
    let args = crate::cli::ImportArgs {
        source: "mvd".into(),
        mapping: Some("mvd-crossings".into()),
        quiet: true,
        // The target is for staging alone ("import without linkage").
        no_link: true,
        files: vec![file],
    };
    super::import::run(settings, args).await
}
