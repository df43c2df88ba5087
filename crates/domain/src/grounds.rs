//! The legal grounds a law-enforcement read may rest on.
//!
//! Police and investigators may request a foreign national's data only under a law that allows
//! it, and each read names that law and a case number (152-FZ art. 6; 3-FZ "On the Police"
//! art. 13; 144-FZ art. 6; the Criminal Procedure Code arts. 21, 144). A free-text basis is
//! unverifiable and unsearchable, so the basis is chosen from a configured list: each ground has
//! a short code (what an integration sends) and the text recorded in the audit log and shown to
//! the person in their access log. The list is set once at start-up (like the region's clock):
//! one deployment serves one jurisdiction, and every layer must judge a basis the same way.

use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

/// One ground: its code and the law it cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalGround {
    /// Short stable code, e.g. `police-13`.
    pub code: String,
    /// The law and article, as recorded and shown.
    pub text: String,
}

static GROUNDS: RwLock<Option<Arc<Vec<LegalGround>>>> = RwLock::new(None);

/// The grounds in force unless the deployment configures its own.
pub fn default_grounds() -> Vec<LegalGround> {
    [
        ("police-13", "3-ФЗ «О полиции», ст. 13 ч. 1 п. 4"),
        ("ord-6", "144-ФЗ «Об оперативно-розыскной деятельности», ст. 6"),
        ("upk-21", "УПК РФ, ст. 21 ч. 4 (требование следователя, дознавателя)"),
        ("upk-144", "УПК РФ, ст. 144 (проверка сообщения о преступлении)"),
        ("koap-26.10", "КоАП РФ, ст. 26.10 (истребование сведений по делу об административном правонарушении)"),
        ("115fz-32", "115-ФЗ, ст. 32 (государственный контроль за пребыванием иностранных граждан)"),
    ]
    .into_iter()
    .map(|(code, text)| LegalGround { code: code.into(), text: text.into() })
    .collect()
}

/// Sets the grounds for the process (at start-up, from the configuration).
pub fn set_legal_grounds(grounds: Vec<LegalGround>) {
    *GROUNDS.write().expect("not poisoned") = Some(Arc::new(grounds));
}

/// The grounds in force.
pub fn legal_grounds() -> Arc<Vec<LegalGround>> {
    if let Some(g) = GROUNDS.read().expect("not poisoned").as_ref() {
        return g.clone();
    }
    Arc::new(default_grounds())
}

/// The ground a stated basis names: by its code (any case) or by its exact text.
pub fn find(basis: &str) -> Option<LegalGround> {
    let b = basis.trim();
    legal_grounds().iter().find(|g| g.code.eq_ignore_ascii_case(b) || g.text == b).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_basis_is_found_by_code_or_text_and_nothing_else() {
        let g = default_grounds();
        assert_eq!(find("UPK-144").unwrap().code, "upk-144");
        assert_eq!(find(&g[0].text).unwrap().code, g[0].code);
        assert!(find("x").is_none());
        assert!(find("УПК").is_none(), "a part of a text is not a ground");
        assert!(find("").is_none());
    }
}
