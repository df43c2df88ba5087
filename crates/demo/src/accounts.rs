//! One demo account per role, with fixed passwords that the demo prints at start.

use domain::access::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Region;

/// Which demo organisation an account is bound to; resolved against the generated [`Region`]
/// because organisation ids depend on the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRef {
    /// Not bound to an organisation.
    None,
    /// The first employer (an anchor enterprise that employs demo person #0).
    FirstEmployer,
    /// The first university (where demo person #1 studies).
    FirstUniversity,
    /// The adaptation centre.
    AdaptationCentre,
    /// The first service point of a kind (a workstation account).
    FirstPoint(domain::org::OrgKind),
    /// The multifunctional migration centre (fingerprinting, insurance, patents in one place).
    MigrationCentre,
}

impl OrgRef {
    /// The organisation's id in `region`, if the account is bound to one.
    pub fn resolve(self, region: &Region) -> Option<Uuid> {
        match self {
            OrgRef::None => None,
            OrgRef::FirstEmployer => region.employers().first().map(|o| o.id),
            OrgRef::FirstUniversity => region.universities().first().map(|o| o.id),
            OrgRef::AdaptationCentre => region.adaptation_centre().map(|o| o.id),
            OrgRef::FirstPoint(kind) => region.service_points().iter().find(|o| o.kind == kind).map(|o| o.id),
            OrgRef::MigrationCentre => region
                .service_points()
                .iter()
                .find(|o| o.name.contains("Многофункциональный миграционный центр"))
                .map(|o| o.id),
        }
    }
}

/// A demo login. The passwords are public by design: this is demo data only, and the CLI prints
/// them so that a visitor can try every role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Password (at least 10 characters, printed at start).
    pub password: String,
    /// The role the account acts in.
    pub role: Role,
    /// Name shown in the interface.
    pub display_name: String,
    /// Organisation the account belongs to (employer, university, adaptation centre).
    pub org: OrgRef,
    /// For the migrant account: the demo person it is bound to (person #0).
    pub person_index: Option<usize>,
}

/// One account for each role, and one service-point workstation account per kind of point
/// where visits are booked (medical, exam, the migration centre, a migration office).
pub fn demo_accounts() -> Vec<DemoAccount> {
    let acc =
        |username: &str, password: &str, role: Role, display_name: &str, org: OrgRef, person_index: Option<usize>| {
            DemoAccount {
                username: username.to_owned(),
                password: password.to_owned(),
                role,
                display_name: display_name.to_owned(),
                org,
                person_index,
            }
        };
    vec![
        acc("admin", "demo-admin-2026", Role::Admin, "Администратор системы", OrgRef::None, None),
        acc("officer", "demo-officer-2026", Role::MigrationOfficer, "Инспектор УВМ Сафина Л. Р.", OrgRef::None, None),
        acc("tax", "demo-tax-2026", Role::TaxOfficer, "Инспектор ФНС Гарипов И. Р.", OrgRef::None, None),
        acc(
            "employer",
            "demo-employer-2026",
            Role::Employer,
            "Отдел кадров АО «ТатСтройИнвест»",
            OrgRef::FirstEmployer,
            None,
        ),
        acc(
            "university",
            "demo-university-2026",
            Role::University,
            "Международная служба КФУ",
            OrgRef::FirstUniversity,
            None,
        ),
        acc(
            "adaptation",
            "demo-adaptation-2026",
            Role::AdaptationCentre,
            "Специалист центра адаптации",
            OrgRef::AdaptationCentre,
            None,
        ),
        acc(
            "police",
            "demo-police-2026",
            Role::LawEnforcement,
            "Оперуполномоченный Николаев А. С.",
            OrgRef::None,
            None,
        ),
        acc("analyst", "demo-analyst-2026", Role::Analyst, "Аналитик Минтруда РТ", OrgRef::None, None),
        acc("migrant", "demo-migrant-2026", Role::Migrant, "Демо-мигрант (персона № 0)", OrgRef::None, Some(0)),
        acc(
            "med-point",
            "demo-medpoint-2026",
            Role::ServicePoint,
            "Регистратура центра медосвидетельствования",
            OrgRef::FirstPoint(domain::org::OrgKind::MedicalCentre),
            None,
        ),
        acc(
            "exam-point",
            "demo-exampoint-2026",
            Role::ServicePoint,
            "Администратор центра тестирования",
            OrgRef::FirstPoint(domain::org::OrgKind::ExamCentre),
            None,
        ),
        acc(
            "mmc-point",
            "demo-mmcpoint-2026",
            Role::ServicePoint,
            "Оператор миграционного центра",
            OrgRef::MigrationCentre,
            None,
        ),
        acc(
            "mvd-point",
            "demo-mvdpoint-2026",
            Role::ServicePoint,
            "Инспектор приёма УВМ",
            OrgRef::FirstPoint(domain::org::OrgKind::MvdOffice),
            None,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_account_per_role_with_long_passwords() {
        let accounts = demo_accounts();
        for role in Role::ALL {
            let n = accounts.iter().filter(|a| a.role == role).count();
            let expected = if role == Role::ServicePoint { 4 } else { 1 };
            assert_eq!(n, expected, "{role:?}");
        }
        for a in &accounts {
            assert!(a.password.chars().count() >= 10, "{}", a.username);
            assert_eq!(a.role.needs_org(), a.org != OrgRef::None, "{}", a.username);
        }
    }
}
