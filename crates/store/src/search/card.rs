//! The compact line of a search result, and the sealed card it is read from.
//!
//! A search shows a name, a birth date, a citizenship, a status and a deadline; opening the whole
//! profile of every hit to show that much cost a full decryption and 3 KB per person. The card
//! holds only the two writings of the name (sealed like the profile, bound to the person); the
//! rest is read from the clear columns of `persons`.

use chrono::NaiveDate;
use domain::names::{NameForm, NameVariant};
use domain::person::PersonProfile;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::{Sealer, Store};

/// The script a reader wants names in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Russian Cyrillic first (readers of Russian, Tajik, Kyrgyz).
    Cyrillic,
    /// The passport's Latin first (readers of Uzbek and English).
    Latin,
}

impl Script {
    /// The script for a page language: Latin for `uz` and `en`, Cyrillic otherwise.
    pub fn for_lang(lang: &str) -> Script {
        if matches!(lang, "uz" | "en") { Script::Latin } else { Script::Cyrillic }
    }
}

/// One person in a search result: what a list needs, not the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonListItem {
    /// Registry id.
    pub id: Uuid,
    /// The full name in the reader's script when the person has it (Cyrillic for ru/tg/ky,
    /// Latin for uz/en), else in the other.
    pub name: String,
    /// The other writing of the name, when the person has both.
    pub other_name: Option<String>,
    /// Date of birth (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub birth_date: String,
    /// Citizenship (ISO 3166-1 alpha-3).
    pub citizenship: String,
    /// Computed legal status (LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR, DEPARTED).
    pub status: Option<String>,
    /// Earliest open deadline.
    pub next_deadline: Option<NaiveDate>,
}

/// The sealed card: the name in Cyrillic and in Latin.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Card {
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    cyrillic: Option<String>,
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    latin: Option<String>,
}

fn is_cyrillic(n: &NameVariant) -> bool {
    n.surname.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

impl Card {
    /// The card of a profile: the Russian writing (else a Cyrillic national one) and the
    /// passport's Latin writing (else a Latin national one).
    pub(crate) fn of(p: &PersonProfile) -> Card {
        let find = |form: NameForm, cyr: bool| {
            p.names
                .iter()
                .find(|n| n.form == form)
                .or_else(|| p.names.iter().find(|n| n.form == NameForm::Native && is_cyrillic(n) == cyr))
                .map(NameVariant::full)
        };
        let mut card = Card { cyrillic: find(NameForm::Russian, true), latin: find(NameForm::Latin, false) };
        if card.cyrillic.is_none() && card.latin.is_none() {
            card.latin = p.names.first().map(NameVariant::full);
        }
        card
    }

    fn context(id: Uuid) -> Vec<u8> {
        [id.as_bytes().as_slice(), b"card"].concat()
    }

    pub(crate) fn seal(&self, sealer: &Sealer, id: Uuid) -> Vec<u8> {
        sealer.seal(&serde_json::to_vec(self).expect("serialisable"), &Card::context(id))
    }

    pub(crate) fn open(sealer: &Sealer, id: Uuid, sealed: &[u8]) -> Result<Card> {
        let plain = sealer.open(sealed, &Card::context(id))?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt(format!("card of person {id}: {e}")))
    }

    /// (name, other name) in the reader's script.
    pub(crate) fn names(self, script: Script) -> (String, Option<String>) {
        let (first, second) = match script {
            Script::Cyrillic => (self.cyrillic, self.latin),
            Script::Latin => (self.latin, self.cyrillic),
        };
        match (first, second) {
            (Some(a), b) => (a, b),
            (None, Some(b)) => (b, None),
            (None, None) => (String::new(), None),
        }
    }
}

impl Store {
    /// The card of a person, from the sealed card or, for a row written before cards existed,
    /// from the profile.
    pub(crate) async fn card_or_profile(&self, id: Uuid, sealed: Option<&[u8]>) -> Result<Card> {
        match sealed {
            Some(s) => Card::open(self.sealer(), id, s),
            None => Ok(Card::of(&self.get_person(id).await?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_gets_their_script_first() {
        let card = Card { cyrillic: Some("Юсупов Жамшид".into()), latin: Some("YUSUPOV JAMSHID".into()) };
        assert_eq!(card.clone().names(Script::Cyrillic), ("Юсупов Жамшид".into(), Some("YUSUPOV JAMSHID".into())));
        assert_eq!(card.names(Script::Latin), ("YUSUPOV JAMSHID".into(), Some("Юсупов Жамшид".into())));
        let only = Card { cyrillic: Some("Юсупов Жамшид".into()), latin: None };
        assert_eq!(only.names(Script::Latin), ("Юсупов Жамшид".into(), None));
        assert_eq!(Script::for_lang("uz"), Script::Latin);
        assert_eq!(Script::for_lang("ky"), Script::Cyrillic);
    }

    #[test]
    fn a_card_is_bound_to_its_person() {
        let sealer = Sealer::from_bytes(&[7; 32]);
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let sealed = Card { cyrillic: Some("Юсупов".into()), latin: None }.seal(&sealer, a);
        assert!(Card::open(&sealer, a, &sealed).is_ok());
        assert!(Card::open(&sealer, b, &sealed).is_err(), "moved to another row");
    }
}
