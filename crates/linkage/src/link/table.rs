//! Raw input values, column by column, in a few large buffers.
//!
//! A million records of eleven columns as separate `String`s would cost a quarter of a
//! gigabyte of headers and allocator overhead; each column here is one text buffer with end
//! offsets, filled once by the reader and only read afterwards.

/// One column: the values back to back, and where each ends.
#[derive(Debug, Default, Clone)]
struct Column {
    text: String,
    ends: Vec<usize>,
}

impl Column {
    fn push(&mut self, v: &str) {
        self.text.push_str(v.trim());
        self.ends.push(self.text.len());
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// Records as read: an id and one raw value per mapped field (empty = missing).
///
/// Exists so that the reader (CSV in the CLI, anything else in tests) stays apart from the
/// linker, which is pure.
#[derive(Debug, Default, Clone)]
pub struct Table {
    ids: Column,
    fields: Vec<Column>,
}

impl Table {
    /// An empty table with `fields` value columns, in [`super::Mapping::fields`] order.
    pub fn new(fields: usize) -> Table {
        Table { ids: Column::default(), fields: vec![Column::default(); fields] }
    }

    /// Appends a record; `values` must hold one value per field (missing ones are empty), and
    /// surrounding white space is dropped.
    pub fn push<'a>(&mut self, id: &str, values: impl IntoIterator<Item = &'a str>) {
        self.ids.push(id);
        let mut n = 0;
        for (c, v) in self.fields.iter_mut().zip(values) {
            c.push(v);
            n += 1;
        }
        for c in &mut self.fields[n..] {
            c.push("");
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.ids.ends.len()
    }

    /// True when no record was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of value columns.
    pub fn field_count(&self) -> usize {
        self.fields.len()
    }

    /// Record `row`'s id.
    pub fn id(&self, row: usize) -> &str {
        self.ids.get(row)
    }

    /// Record `row`'s raw value of field `field` (empty when missing).
    pub fn value(&self, field: usize, row: usize) -> &str {
        self.fields[field].get(row)
    }

    /// The first two rows (in input order of the second) that share an id, if any.
    ///
    /// Exists because every output row must name one record: a repeated id makes the result
    /// ambiguous, so the reader refuses it.
    pub fn duplicate_id(&self) -> Option<(usize, usize)> {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.id(a as usize).cmp(self.id(b as usize)).then(a.cmp(&b)));
        order
            .windows(2)
            .filter(|w| self.id(w[0] as usize) == self.id(w[1] as usize))
            .map(|w| (w[0] as usize, w[1] as usize))
            .min_by_key(|&(_, second)| second)
    }

    /// Row of each id, for resolving labelled pairs.
    pub fn rows_by_id(&self) -> rustc_hash::FxHashMap<&str, usize> {
        (0..self.len()).map(|r| (self.id(r), r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_trimmed_values_and_finds_duplicates() {
        let mut t = Table::new(2);
        t.push("a", [" Юсупов ", ""]);
        t.push("b", ["Karimov"]);
        t.push("a", ["x", "y"]);
        assert_eq!((t.len(), t.field_count()), (3, 2));
        assert_eq!((t.value(0, 0), t.value(1, 0), t.value(1, 1), t.value(1, 2)), ("Юсупов", "", "", "y"));
        assert_eq!(t.duplicate_id(), Some((0, 2)));
        assert_eq!(t.rows_by_id()["b"], 1);
    }
}
