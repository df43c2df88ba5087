//! Streaming readers: CSV, JSON Lines and XML in the interagency envelope.
//!
//! Each reader yields one [`RawRow`] at a time from any `BufRead`, so memory stays constant
//! whatever the file size. Every row carries its position (line of a CSV or JSON Lines file,
//! record number of an XML file) and the byte offset just after it: an import commits that offset
//! with the rows before it and resumes from there after a crash.
//!
//! A row that cannot be read as a row (a JSON line that is not an object, a CSV line that is not
//! UTF-8) is still yielded, with [`RawRow::unreadable`] set, so that it is quarantined rather than
//! dropped. Only a broken file (I/O error, malformed XML, a CSV without the mapped columns) stops
//! the reader with a [`ReadError`].

use std::io::{BufRead, Read};
use std::sync::Arc;

use crate::convert::RowError;
use crate::mapping::{Format, Mapping};

/// The file cannot be read on.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Reading failed.
    #[error("reading the file failed: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not in the mapping's format.
    #[error("{0}")]
    Format(String),
}

/// Where a row is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Record number, from 1 (data rows only).
    pub record: u64,
    /// Line number of the row's start, from 1 (CSV and JSON Lines; 0 for XML).
    pub line: u64,
    /// Byte offset just after the row: where a resumed import starts.
    pub offset_after: u64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 { write!(f, "line {}", self.line) } else { write!(f, "record {}", self.record) }
    }
}

/// One row as the agency sent it: column names and values, as text.
#[derive(Debug, Clone)]
pub struct RawRow {
    /// Where it is.
    pub position: Position,
    /// Column names (shared between the rows of a CSV file).
    pub names: Arc<[String]>,
    /// Values, one per name.
    pub values: Vec<String>,
    /// Set when the row could not be read as a row; `values` then holds the raw text.
    pub unreadable: Option<RowError>,
}

impl RawRow {
    /// The value of a column, if present.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.names.iter().position(|n| n == column).and_then(|i| self.values.get(i)).map(String::as_str)
    }

    /// The row as an ordered list of `(column, value)` pairs (what quarantine keeps).
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.names.iter().cloned().zip(self.values.iter().cloned()).collect()
    }

    /// Rebuilds a row from pairs (a quarantined row being replayed).
    pub fn from_pairs(position: Position, pairs: Vec<(String, String)>) -> Self {
        let (names, values): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
        Self { position, names: names.into(), values, unreadable: None }
    }
}

/// A reader of rows in one of the formats.
pub type Rows = Box<dyn Iterator<Item = Result<RawRow, ReadError>> + Send>;

/// Opens the reader the mapping's format calls for.
///
/// `head` reads the file from its start; for CSV and JSON Lines, when `resume` holds a reader
/// already positioned at `resume_offset`, rows are read from there (the CSV header still comes
/// from `head`). XML is always read from the start and rows ending at or before `resume_offset`
/// are skipped without being yielded.
pub fn open(
    mapping: &Mapping,
    head: Box<dyn BufRead + Send>,
    resume: Option<(Box<dyn BufRead + Send>, u64)>,
) -> Result<Rows, ReadError> {
    Ok(match mapping.format {
        Format::Csv => Box::new(CsvRows::new(mapping, head, resume)?),
        Format::Jsonl => Box::new(match resume {
            Some((r, off)) => JsonlRows::new(r, off),
            None => JsonlRows::new(head, 0),
        }),
        Format::Xml => {
            let skip = resume.map(|(_, o)| o).unwrap_or(0);
            let record = mapping.xml_record.clone().expect("checked when the mapping was loaded");
            Box::new(XmlRows::new(head, record, skip))
        }
    })
}

/// CSV rows.
pub struct CsvRows {
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    names: Arc<[String]>,
    base: u64,
    record: csv::ByteRecord,
    count: u64,
}

impl CsvRows {
    fn new(
        mapping: &Mapping,
        head: Box<dyn BufRead + Send>,
        resume: Option<(Box<dyn BufRead + Send>, u64)>,
    ) -> Result<Self, ReadError> {
        let builder = || {
            let mut b = csv::ReaderBuilder::new();
            b.delimiter(mapping.csv.delimiter as u8).quote(mapping.csv.quote as u8).flexible(true);
            b
        };
        let mut r = builder().has_headers(true).from_reader(head);
        let header = r.byte_headers().map_err(csv_error)?.clone();
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let s = String::from_utf8_lossy(h);
                let s = if i == 0 { s.trim_start_matches('\u{feff}') } else { &s };
                s.trim().to_string()
            })
            .collect();
        let missing: Vec<&str> = mapping.columns().into_iter().filter(|c| !names.iter().any(|n| n == c)).collect();
        if !missing.is_empty() {
            return Err(ReadError::Format(format!(
                "the file's header has no column {} named by the mapping {} (header: {})",
                missing.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", "),
                mapping.name,
                names.join(&mapping.csv.delimiter.to_string())
            )));
        }
        let header_end = r.position().byte();
        let (reader, base) = match resume {
            Some((rest, off)) if off > header_end => (builder().has_headers(false).from_reader(rest), off),
            _ => (r, 0),
        };
        Ok(Self { reader, names: names.into(), base, record: csv::ByteRecord::new(), count: 0 })
    }
}

fn csv_error(e: csv::Error) -> ReadError {
    match e.kind() {
        csv::ErrorKind::Io(_) => match e.into_kind() {
            csv::ErrorKind::Io(io) => ReadError::Io(io),
            _ => unreachable!("matched above"),
        },
        _ => ReadError::Format(format!("the CSV file is malformed: {e}")),
    }
}

impl Iterator for CsvRows {
    type Item = Result<RawRow, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(e))),
            Ok(true) => {
                self.count += 1;
                let line = self.record.position().map(|p| p.line()).unwrap_or(0);
                let offset_after = self.base + self.reader.position().byte();
                let mut values = Vec::with_capacity(self.names.len());
                let mut unreadable = None;
                for (i, f) in self.record.iter().enumerate() {
                    match std::str::from_utf8(f) {
                        Ok(s) => values.push(s.trim().to_string()),
                        Err(_) => {
                            unreadable.get_or_insert_with(|| {
                                RowError::new(
                                    "not_utf8",
                                    self.names.get(i).map(String::as_str).unwrap_or("?"),
                                    "the value is not UTF-8 text (save the file as UTF-8)",
                                )
                            });
                            values.push(String::from_utf8_lossy(f).trim().to_string());
                        }
                    }
                }
                if values.len() != self.names.len() && unreadable.is_none() {
                    unreadable = Some(RowError::new(
                        "field_count",
                        "",
                        format!("the row has {} fields, the header {}", values.len(), self.names.len()),
                    ));
                }
                let names = if values.len() > self.names.len() {
                    let mut n = self.names.to_vec();
                    n.extend((n.len()..values.len()).map(|i| format!("#{}", i + 1)));
                    n.into()
                } else {
                    self.names.clone()
                };
                // A row of a resumed read counts its lines from the resume point; the record
                // number stays right relative to that point only, which is all the position
                // is used for (messages).
                Some(Ok(RawRow {
                    position: Position { record: self.count, line, offset_after },
                    names,
                    values,
                    unreadable,
                }))
            }
        }
    }
}

/// JSON Lines rows: each line one object; nested objects are flattened with dotted names.
pub struct JsonlRows {
    reader: Box<dyn BufRead + Send>,
    offset: u64,
    line: u64,
    count: u64,
    buf: Vec<u8>,
}

impl JsonlRows {
    fn new(reader: Box<dyn BufRead + Send>, offset: u64) -> Self {
        Self { reader, offset, line: 0, count: 0, buf: Vec::new() }
    }
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&name, v, out);
            }
        }
        Value::Null => {}
        Value::String(s) => out.push((prefix.to_string(), s.trim().to_string())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

impl Iterator for JsonlRows {
    type Item = Result<RawRow, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            let n = match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) => return Some(Err(e.into())),
            };
            self.offset += n as u64;
            self.line += 1;
            let text = self.buf.trim_ascii();
            if text.is_empty() {
                continue;
            }
            self.count += 1;
            let position = Position { record: self.count, line: self.line, offset_after: self.offset };
            let parsed: Result<serde_json::Value, String> =
                serde_json::from_slice(text).map_err(|e| format!("the line is not JSON: {e}"));
            return Some(Ok(match parsed {
                Ok(v @ serde_json::Value::Object(_)) => {
                    let mut pairs = Vec::new();
                    flatten("", &v, &mut pairs);
                    RawRow::from_pairs(position, pairs)
                }
                other => {
                    let msg = other.err().unwrap_or_else(|| "the line is not a JSON object".into());
                    let mut row = RawRow::from_pairs(
                        position,
                        vec![("_line".into(), String::from_utf8_lossy(text).into_owned())],
                    );
                    row.unreadable = Some(RowError::new("not_json", "", msg));
                    row
                }
            }));
        }
    }
}

/// The envelope's header (docs/INTAKE.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// `MessageMetadata/MessageID`.
    pub message_id: Option<String>,
    /// `MessageMetadata/Sender`.
    pub sender: Option<String>,
    /// `MessageMetadata/SentAt`.
    pub sent_at: Option<String>,
}

/// XML rows: every `record` element inside `MessagePrimaryContent`; its child elements (nested
/// ones as dotted paths) and attributes (`@name`) are the columns.
pub struct XmlRows {
    reader: quick_xml::Reader<Box<dyn BufRead + Send>>,
    record: String,
    skip_until: u64,
    count: u64,
    buf: Vec<u8>,
    /// The envelope header, filled as it is read.
    pub envelope: Envelope,
    in_content: bool,
    done: bool,
}

impl XmlRows {
    fn new(reader: Box<dyn BufRead + Send>, record: String, skip_until: u64) -> Self {
        let mut reader = quick_xml::Reader::from_reader(reader);
        reader.config_mut().trim_text(true);
        Self {
            reader,
            record,
            skip_until,
            count: 0,
            buf: Vec::new(),
            envelope: Envelope::default(),
            in_content: false,
            done: false,
        }
    }

    fn err(&self, e: impl std::fmt::Display) -> ReadError {
        ReadError::Format(format!("the XML file is malformed near byte {}: {e}", self.reader.buffer_position()))
    }

    fn read_record(&mut self, start: &quick_xml::events::BytesStart<'_>) -> Result<Vec<(String, String)>, ReadError> {
        use quick_xml::events::Event;
        let mut pairs = Vec::new();
        for a in start.attributes() {
            let a = a.map_err(|e| self.err(e))?;
            let v = a.unescape_value().map_err(|e| self.err(e))?;
            pairs.push((format!("@{}", String::from_utf8_lossy(a.key.local_name().as_ref())), v.trim().to_string()));
        }
        let mut path: Vec<String> = Vec::new();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match self.reader.read_event_into(&mut buf).map_err(|e| self.err(e))? {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    path.push(name);
                    let prefix = path.join(".");
                    for a in e.attributes() {
                        let a = a.map_err(|e| self.err(e))?;
                        let v = a.unescape_value().map_err(|e| self.err(e))?;
                        pairs.push((
                            format!("{prefix}.@{}", String::from_utf8_lossy(a.key.local_name().as_ref())),
                            v.trim().to_string(),
                        ));
                    }
                }
                Event::Empty(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    let mut p = path.clone();
                    p.push(name);
                    pairs.push((p.join("."), String::new()));
                }
                Event::Text(t) => {
                    let v = t.unescape().map_err(|e| self.err(e))?;
                    if !path.is_empty() {
                        pairs.push((path.join("."), v.trim().to_string()));
                    }
                }
                Event::CData(t) if !path.is_empty() => {
                    pairs.push((path.join("."), String::from_utf8_lossy(&t).trim().to_string()));
                }
                Event::End(_) if path.pop().is_none() => return Ok(pairs),
                Event::Eof => return Err(self.err(format!("the file ends inside a <{}> record", self.record))),
                _ => {}
            }
        }
    }
}

impl Iterator for XmlRows {
    type Item = Result<RawRow, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        use quick_xml::events::Event;
        if self.done {
            return None;
        }
        let mut meta: Option<String> = None;
        loop {
            self.buf.clear();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.err(e)));
                }
            };
            match ev {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    if name == "MessagePrimaryContent" {
                        self.in_content = true;
                    } else if self.in_content && name == self.record {
                        let pairs = match self.read_record(&e) {
                            Ok(p) => p,
                            Err(err) => {
                                self.done = true;
                                return Some(Err(err));
                            }
                        };
                        self.count += 1;
                        let offset_after = self.reader.buffer_position();
                        if offset_after <= self.skip_until {
                            continue;
                        }
                        let position = Position { record: self.count, line: 0, offset_after };
                        return Some(Ok(RawRow::from_pairs(position, pairs)));
                    } else if matches!(name.as_str(), "MessageID" | "Sender" | "SentAt") {
                        meta = Some(name);
                    }
                }
                Event::Text(t) => {
                    if let Some(m) = meta.take() {
                        let v = t.unescape().map(|c| c.trim().to_string()).unwrap_or_default();
                        match m.as_str() {
                            "MessageID" => self.envelope.message_id = Some(v),
                            "Sender" => self.envelope.sender = Some(v),
                            _ => self.envelope.sent_at = Some(v),
                        }
                    }
                }
                Event::End(e) => {
                    meta = None;
                    if e.local_name().as_ref() == b"MessagePrimaryContent" {
                        self.in_content = false;
                    }
                }
                Event::Eof => {
                    self.done = true;
                    if self.count == 0 && self.envelope.message_id.is_none() {
                        return Some(Err(ReadError::Format(
                            "the XML file has no MessageMetadata/MessageID and no records: is it in the interagency envelope (docs/INTAKE.md)?"
                                .into(),
                        )));
                    }
                    return None;
                }
                _ => {}
            }
        }
    }
}

/// Counts bytes read through it (for progress bars).
pub struct Counting<R> {
    inner: R,
    /// Shared counter.
    pub count: Arc<std::sync::atomic::AtomicU64>,
}

impl<R> Counting<R> {
    /// Wraps a reader.
    pub fn new(inner: R, count: Arc<std::sync::atomic::AtomicU64>) -> Self {
        Self { inner, count }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}
