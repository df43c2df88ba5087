//! The keyset cursor of a search: the last id shown, whether the page was an exact or a similar
//! match, and a fingerprint of the criteria, so that a cursor is only ever used with the search
//! that produced it.

use domain::error::{ValidationErrors, ValueError};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{PersonQuery, Scope};
use crate::error::StoreError;

/// Which kind of name match a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Folded keys equal (the surname) or prefixed (given names).
    Exact,
    /// Phonetic block keys equal: the fallback when nothing matched exactly.
    Similar,
}

/// A decoded cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub mode: Mode,
    pub after: Uuid,
}

/// The first 8 hex digits of SHA-256 over the criteria and the scope.
fn fingerprint(q: &PersonQuery, scope: &Scope) -> String {
    let d = Sha256::digest(q.fingerprint_text(scope).as_bytes());
    hex::encode(&d[..4])
}

fn bad(message: &str) -> StoreError {
    StoreError::Invalid(ValidationErrors::one("cursor", ValueError::new("cursor", message.to_string())))
}

impl Cursor {
    /// `e` or `s`, the id in 32 hex digits, the criteria's fingerprint: 41 characters.
    pub(crate) fn encode(self, q: &PersonQuery, scope: &Scope) -> String {
        let m = match self.mode {
            Mode::Exact => 'e',
            Mode::Similar => 's',
        };
        format!("{m}{}{}", self.after.simple(), fingerprint(q, scope))
    }

    /// Decodes a cursor given back by a client; a cursor of another search or one that was
    /// not produced here is an invalid input, never a server error.
    pub(crate) fn decode(raw: &str, q: &PersonQuery, scope: &Scope) -> Result<Cursor, StoreError> {
        let raw = raw.trim();
        if raw.len() != 41 || !raw.is_ascii() {
            return Err(bad("the cursor is not one this search returned: start the search again"));
        }
        let mode = match &raw[..1] {
            "e" => Mode::Exact,
            "s" => Mode::Similar,
            _ => return Err(bad("the cursor is not one this search returned: start the search again")),
        };
        let after = Uuid::try_parse(&raw[1..33])
            .map_err(|_| bad("the cursor is not one this search returned: start the search again"))?;
        if raw[33..] != fingerprint(q, scope) {
            return Err(bad("the cursor belongs to a search with other criteria: start the search again"));
        }
        Ok(Cursor { mode, after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::NameQuery;

    #[test]
    fn a_cursor_works_only_with_its_own_search() {
        let q = PersonQuery { name: Some(NameQuery::parse("Юсупов").unwrap()), ..Default::default() };
        let c = Cursor { mode: Mode::Similar, after: Uuid::now_v7() };
        let raw = c.encode(&q, &Scope::All);
        assert_eq!(Cursor::decode(&raw, &q, &Scope::All).unwrap(), c);
        let other = PersonQuery { birth_year: Some(1990), ..q.clone() };
        assert!(Cursor::decode(&raw, &other, &Scope::All).is_err(), "other criteria");
        let same_name_other_writing =
            PersonQuery { name: Some(NameQuery::parse("YUSUPOV").unwrap()), ..Default::default() };
        assert!(Cursor::decode(&raw, &same_name_other_writing, &Scope::All).is_ok(), "same folded name");
        for junk in [
            "",
            "x",
            "%",
            &raw[..40],
            &format!("x{}", &raw[1..]),
            &"e".repeat(41),
            "е0190aa1b2c3d4e5f60718293a4b5c6d7e8f901",
        ] {
            assert!(matches!(Cursor::decode(junk, &q, &Scope::All), Err(StoreError::Invalid(_))), "{junk:?}");
        }
    }
}
