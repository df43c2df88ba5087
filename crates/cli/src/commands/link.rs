//! `rosmigration link`: deduplicate a CSV of person records into persons, standalone.
//!
//! Reads the records (columns named by a mapping file, or the registry export's columns), runs
//! the Fellegi–Sunter linker of `rosmigration-linkage`, and writes `record_id,cluster_id` for
//! every input row. Anyone can point it at a labelled data set. Errors name the file, the line
//! and the column; the report goes to stderr.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use linkage::link::{self, LabelledPair, Mapping, Options, Progress, ReviewReason, Table};

use crate::cli::LinkArgs;

/// Runs `rosmigration link`.
pub fn run(a: LinkArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut mapping = match &a.mapping {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading the mapping {}", p.display()))?;
            Mapping::from_toml(&text).with_context(|| format!("in the mapping {}", p.display()))?
        }
        None => Mapping::default_fields(),
    };
    apply_overrides(&mut mapping, &a)?;
    let bar = Bar::new(a.quiet);
    let input = read_records(&a.input, &mut mapping, a.delimiter, &bar)?;
    let labels = match &a.labels {
        Some(p) => read_labels(p, &input.table, a.delimiter)?,
        None => Vec::new(),
    };
    let mut options = Options::new(chrono::Utc::now().date_naive());
    options.seed = a.seed;
    if let Some(t) = a.threads {
        options.threads = t.max(1);
    }
    let outcome = link::link(&input.table, &mapping, &labels, &options, &bar)
        .with_context(|| format!("linking {}", a.input.display()))?;
    write_clusters(&a.output, &input.table, &outcome.cluster)?;
    if let Some(p) = &a.review {
        write_review(p, &input.table, &outcome.review)?;
    }
    if let Some(p) = &a.model_out {
        let json = serde_json::to_string_pretty(&outcome.snapshot).context("serialising the model")?;
        std::fs::write(p, json + "\n").with_context(|| format!("writing the model {}", p.display()))?;
    }
    eprintln!("{}", outcome.summary);
    eprintln!(
        "wrote {} rows to {} in {:.2}s (reading {:.2}s)",
        input.table.len(),
        a.output.display(),
        started.elapsed().as_secs_f64(),
        input.seconds
    );
    Ok(ExitCode::SUCCESS)
}

fn apply_overrides(m: &mut Mapping, a: &LinkArgs) -> anyhow::Result<()> {
    if let Some(v) = a.link_threshold {
        m.thresholds.link = v;
    }
    if let Some(v) = a.review_threshold {
        m.thresholds.review = v;
    }
    if let Some(v) = a.cannot_link {
        m.thresholds.cannot_link = v;
    }
    m.check_thresholds().context("the thresholds given")?;
    Ok(())
}

/// A progress bar per stage, drawn on stderr.
struct Bar {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        Bar { quiet, bar: Mutex::new(None) }
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut b) = self.bar.lock() {
            f(&mut b);
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        if self.quiet {
            return;
        }
        let b = if total > 0 {
            let b = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg:<20} [{bar:30}] {percent:>3}% eta {eta}") {
                b.set_style(style.progress_chars("=> "));
            }
            b
        } else {
            ProgressBar::new_spinner()
        };
        b.set_message(name.to_owned());
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        self.with(|slot| {
            if let Some(old) = slot.replace(b) {
                old.finish_and_clear();
            }
        });
    }

    fn advance(&self, n: u64) {
        self.with(|slot| {
            if let Some(b) = slot {
                b.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with(|slot| {
            if let Some(b) = slot.take() {
                b.finish_and_clear();
            }
        });
    }
}

struct Input {
    table: Table,
    seconds: f64,
}

fn reader(path: &Path, delimiter: char) -> anyhow::Result<csv::Reader<BufReader<File>>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let delimiter =
        u8::try_from(delimiter).ok().filter(u8::is_ascii).context("--delimiter must be one ASCII character")?;
    Ok(csv::ReaderBuilder::new().delimiter(delimiter).from_reader(BufReader::with_capacity(1 << 20, file)))
}

fn headers(r: &mut csv::Reader<BufReader<File>>, path: &Path) -> anyhow::Result<Vec<String>> {
    let h = r.headers().with_context(|| format!("{}: reading the header line", path.display()))?;
    Ok(h.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_owned()).collect())
}

fn column(headers: &[String], name: &str, path: &Path, what: &str) -> anyhow::Result<usize> {
    headers.iter().position(|h| h == name).with_context(|| {
        format!("{}: line 1: no column {name:?} ({what}); the columns are: {}", path.display(), headers.join(", "))
    })
}

fn read_records(path: &Path, mapping: &mut Mapping, delimiter: char, bar: &Bar) -> anyhow::Result<Input> {
    let started = Instant::now();
    let mut r = reader(path, delimiter)?;
    let headers = headers(&mut r, path)?;
    if headers.iter().all(String::is_empty) {
        bail!("{}: line 1: no header line (the file is empty)", path.display());
    }
    let id_col = column(&headers, &mapping.id_column, path, "the record id")?;
    if mapping.columns_required {
        for f in &mapping.fields {
            column(&headers, &f.column, path, &format!("field {} in the mapping", f.name))?;
        }
    } else {
        let names: Vec<&str> = headers.iter().map(String::as_str).collect();
        let dropped = mapping.retain_columns(&names);
        if !dropped.is_empty() {
            eprintln!("note: {} has no column for {}; not compared", path.display(), dropped.join(", "));
        }
        if mapping.fields.is_empty() {
            bail!(
                "{}: line 1: none of the default columns ({}) is present; give a --mapping",
                path.display(),
                Mapping::default_fields().fields.iter().map(|f| f.column.as_str()).collect::<Vec<_>>().join(", ")
            );
        }
        if mapping.rules.is_empty() {
            bail!(
                "{}: the columns present allow no blocking rule; give a --mapping with [blocking] rules",
                path.display()
            );
        }
    }
    let cols: Vec<usize> =
        mapping.fields.iter().map(|f| headers.iter().position(|h| *h == f.column).unwrap_or(usize::MAX)).collect();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    bar.stage("reading", size);
    let mut table = Table::new(mapping.fields.len());
    let mut lines: Vec<u64> = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut last_byte = 0;
    loop {
        match r.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                bar.finish();
                return Err(anyhow::anyhow!("{}: {}", path.display(), describe_csv_error(&e)));
            }
        }
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let id = rec.get(id_col).unwrap_or("").trim();
        if id.is_empty() {
            bar.finish();
            bail!("{}: line {line}: column {:?} (the record id) is empty", path.display(), mapping.id_column);
        }
        table.push(id, cols.iter().map(|&c| rec.get(c).unwrap_or("")));
        lines.push(line);
        let byte = r.position().byte();
        if byte - last_byte >= 1 << 20 {
            bar.advance(byte - last_byte);
            last_byte = byte;
        }
    }
    bar.finish();
    if table.is_empty() {
        bail!("{}: no records after the header line", path.display());
    }
    if let Some((first, second)) = table.duplicate_id() {
        bail!(
            "{}: line {}: record id {:?} in column {:?} was already used on line {}",
            path.display(),
            lines[second],
            table.id(second),
            mapping.id_column,
            lines[first]
        );
    }
    Ok(Input { table, seconds: started.elapsed().as_secs_f64() })
}

fn describe_csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => format!(
            "line {}: field {} is not valid UTF-8; re-save the file as UTF-8",
            pos.as_ref().map(|p| p.line()).unwrap_or(0),
            err.field() + 1
        ),
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => format!(
            "line {}: {len} fields where the header has {expected_len} (a stray delimiter or quote?)",
            pos.as_ref().map(|p| p.line()).unwrap_or(0)
        ),
        _ => e.to_string(),
    }
}

fn read_labels(path: &Path, table: &Table, delimiter: char) -> anyhow::Result<Vec<LabelledPair>> {
    let mut r = reader(path, delimiter)?;
    let headers = headers(&mut r, path)?;
    let (cl, cr, cm) = (
        column(&headers, "record_id_l", path, "labelled pairs")?,
        column(&headers, "record_id_r", path, "labelled pairs")?,
        column(&headers, "is_match", path, "labelled pairs")?,
    );
    let rows = table.rows_by_id();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| anyhow::anyhow!("{}: {}", path.display(), describe_csv_error(&e)))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let row = |c: usize, name: &str| -> anyhow::Result<usize> {
            let id = rec.get(c).unwrap_or("").trim();
            rows.get(id)
                .copied()
                .with_context(|| format!("{}: line {line}: column {name}: no record with id {id:?}", path.display()))
        };
        let (a, b) = (row(cl, "record_id_l")?, row(cr, "record_id_r")?);
        let is_match = match rec.get(cm).unwrap_or("").trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "y" | "t" => true,
            "0" | "false" | "no" | "n" | "f" => false,
            other => bail!("{}: line {line}: column is_match: {other:?} is not 1/0 or true/false", path.display()),
        };
        if a != b {
            out.push(LabelledPair { a, b, is_match });
        }
    }
    Ok(out)
}

fn create(path: &Path) -> anyhow::Result<csv::Writer<BufWriter<File>>> {
    let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    Ok(csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, f)))
}

fn write_clusters(path: &Path, table: &Table, cluster: &[usize]) -> anyhow::Result<()> {
    let mut w = create(path)?;
    let ctx = || format!("writing {}", path.display());
    w.write_record(["record_id", "cluster_id"]).with_context(ctx)?;
    for (row, &c) in cluster.iter().enumerate() {
        w.write_record([table.id(row), table.id(c)]).with_context(ctx)?;
    }
    w.flush().with_context(ctx)?;
    Ok(())
}

fn write_review(path: &Path, table: &Table, pairs: &[link::ScoredPair]) -> anyhow::Result<()> {
    let mut w = create(path)?;
    let ctx = || format!("writing {}", path.display());
    w.write_record(["record_id_l", "record_id_r", "probability", "match_weight", "reason"]).with_context(ctx)?;
    for p in pairs {
        let reason = match p.reason {
            ReviewReason::Band => "review_band",
            ReviewReason::Refused => "refused_by_cluster_rule",
        };
        let (prob, weight) = (format!("{:.6}", p.probability), format!("{:.3}", p.weight));
        w.write_record([table.id(p.a), table.id(p.b), prob.as_str(), weight.as_str(), reason]).with_context(ctx)?;
    }
    w.flush().with_context(ctx)?;
    Ok(())
}
