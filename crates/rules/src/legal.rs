//! The legal basis of every rule as structured references (act + article, part, point,
//! paragraph), so that it renders in each language ("115-ФЗ ст. 13.3", "115-FZ art. 13.3",
//! "115-FZ 13.3-modda") instead of the one English string of [`RuleId::law`]. The acts are the
//! ones [`RuleId::law`] names; the provision numbers are copied from it. Remarks in brackets
//! there (wording of a year, cross-references to other rules) are not repeated here.

use crate::catalogue::RuleId;

/// A legal act cited by the rules. Each has a message `law-act-<code>` in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Act {
    /// Federal Law No. 109-FZ on migration registration.
    Fz109,
    /// Federal Law No. 114-FZ on leaving and entering Russia.
    Fz114,
    /// Federal Law No. 115-FZ on the legal status of foreign citizens.
    Fz115,
    /// The Code of Administrative Offences (KoAP).
    Koap,
    /// The Tax Code (NK).
    Nk,
    /// The Treaty on the Eurasian Economic Union of 29.05.2014.
    EaeuTreaty,
    /// RF–Tajikistan agreement of 08.02.2013.
    AgreementTajikistan,
    /// RF–Uzbekistan agreement of 2021.
    AgreementUzbekistan,
    /// Russia–Belarus agreement of 24.01.2006.
    AgreementBelarus,
    /// MVD administrative regulation of 05.02.2025.
    MvdRegulation2025,
    /// Government Decree No. 1756 of 21.10.2023.
    GovDecree1756,
    /// Federal Law No. 121-FZ of 23.05.2025.
    Fz121,
    /// Federal Law No. 260-FZ of 08.08.2024.
    Fz260,
    /// Government Decree No. 1510 of 07.11.2024.
    GovDecree1510,
    /// Federal Law No. 274-FZ of 01.07.2021.
    Fz274,
    /// Health Ministry Order No. 1079н of 19.11.2021.
    HealthOrder1079,
    /// The rules of the language and law exam certificate.
    ExamCertificateRules,
    /// Federal Law No. 135-FZ of 24.04.2020.
    Fz135,
    /// The Law of the City of Moscow on the regional coefficient.
    MoscowCoefficientLaw,
    /// The Law of the Republic of Tatarstan on the regional coefficient.
    TatarstanCoefficientLaw,
    /// Regional laws on the coefficients (reference figures).
    RegionalLaws,
    /// Federal Laws Nos. 270-FZ and 271-FZ of 31.07.2025.
    Fz270And271,
    /// A draft law, not in force.
    DraftLaw,
    /// Presidential Decrees No. 1126 of 30.12.2024 and No. 272 of 28.04.2025.
    PresidentialDecrees,
    /// The MVD order on notices of educational institutions.
    MvdInstitutionOrder,
    /// Federal Law No. 16-FZ of 06.02.2020.
    Fz16,
    /// Federal Law No. 257-FZ of 02.08.2019.
    Fz257,
    /// Government Decree No. 1643 of 16.09.2022.
    GovDecree1643,
    /// MVD Order No. 978 of 26.10.2022.
    MvdOrder978,
}

impl Act {
    /// Every act, for catalogue-wide tests of the texts.
    pub const ALL: [Act; 29] = [
        Act::Fz109,
        Act::Fz114,
        Act::Fz115,
        Act::Koap,
        Act::Nk,
        Act::EaeuTreaty,
        Act::AgreementTajikistan,
        Act::AgreementUzbekistan,
        Act::AgreementBelarus,
        Act::MvdRegulation2025,
        Act::GovDecree1756,
        Act::Fz121,
        Act::Fz260,
        Act::GovDecree1510,
        Act::Fz274,
        Act::HealthOrder1079,
        Act::ExamCertificateRules,
        Act::Fz135,
        Act::MoscowCoefficientLaw,
        Act::TatarstanCoefficientLaw,
        Act::RegionalLaws,
        Act::Fz270And271,
        Act::DraftLaw,
        Act::PresidentialDecrees,
        Act::MvdInstitutionOrder,
        Act::Fz16,
        Act::Fz257,
        Act::GovDecree1643,
        Act::MvdOrder978,
    ];

    /// The act's message id.
    pub const fn message_id(self) -> &'static str {
        match self {
            Act::Fz109 => "law-act-fz109",
            Act::Fz114 => "law-act-fz114",
            Act::Fz115 => "law-act-fz115",
            Act::Koap => "law-act-koap",
            Act::Nk => "law-act-nk",
            Act::EaeuTreaty => "law-act-eaeu-treaty",
            Act::AgreementTajikistan => "law-act-agreement-tajikistan",
            Act::AgreementUzbekistan => "law-act-agreement-uzbekistan",
            Act::AgreementBelarus => "law-act-agreement-belarus",
            Act::MvdRegulation2025 => "law-act-mvd-regulation-2025",
            Act::GovDecree1756 => "law-act-gov-decree-1756",
            Act::Fz121 => "law-act-fz121",
            Act::Fz260 => "law-act-fz260",
            Act::GovDecree1510 => "law-act-gov-decree-1510",
            Act::Fz274 => "law-act-fz274",
            Act::HealthOrder1079 => "law-act-health-order-1079",
            Act::ExamCertificateRules => "law-act-exam-certificate-rules",
            Act::Fz135 => "law-act-fz135",
            Act::MoscowCoefficientLaw => "law-act-moscow-coefficient-law",
            Act::TatarstanCoefficientLaw => "law-act-tatarstan-coefficient-law",
            Act::RegionalLaws => "law-act-regional-laws",
            Act::Fz270And271 => "law-act-fz270-271",
            Act::DraftLaw => "law-act-draft-law",
            Act::PresidentialDecrees => "law-act-presidential-decrees",
            Act::MvdInstitutionOrder => "law-act-mvd-institution-order",
            Act::Fz16 => "law-act-fz16",
            Act::Fz257 => "law-act-fz257",
            Act::GovDecree1643 => "law-act-gov-decree-1643",
            Act::MvdOrder978 => "law-act-mvd-order-978",
        }
    }
}

/// One provision of an act: the act and, where the law is cited that precisely, the article,
/// part, point and paragraph (numbers as written: "13.3", "26–27", "13, 18").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegalRef {
    /// The act.
    pub act: Act,
    /// Article(s).
    pub article: Option<&'static str>,
    /// Part(s) of the article (KoAP, 109-FZ).
    pub part: Option<&'static str>,
    /// Point(s) of the article (115-FZ, the EAEU Treaty).
    pub point: Option<&'static str>,
    /// Paragraph of the point.
    pub para: Option<&'static str>,
}

const fn act(act: Act) -> LegalRef {
    LegalRef { act, article: None, part: None, point: None, para: None }
}
const fn art(act: Act, n: &'static str) -> LegalRef {
    LegalRef { act, article: Some(n), part: None, point: None, para: None }
}
const fn part(act: Act, n: &'static str, p: &'static str) -> LegalRef {
    LegalRef { act, article: Some(n), part: Some(p), point: None, para: None }
}
const fn point(act: Act, n: &'static str, p: &'static str) -> LegalRef {
    LegalRef { act, article: Some(n), part: None, point: Some(p), para: None }
}

use Act::*;

const FZ115_5_1_2: LegalRef =
    LegalRef { act: Fz115, article: Some("5"), part: None, point: Some("1"), para: Some("2") };
const FZ115_MEDICAL: LegalRef = point(Fz115, "5", "13, 18");

impl RuleId {
    /// The rule's legal basis as structured references, in the order [`RuleId::law`] gives them.
    pub const fn legal_refs(self) -> &'static [LegalRef] {
        match self {
            RuleId::Reg1 | RuleId::Reg9 => const { &[art(Fz109, "20")] },
            RuleId::Reg2 => const { &[act(AgreementTajikistan)] },
            RuleId::Reg3 => const { &[act(AgreementUzbekistan)] },
            RuleId::Reg4 => const { &[art(EaeuTreaty, "97")] },
            RuleId::Reg5 => const { &[act(AgreementBelarus)] },
            RuleId::Reg6 => {
                const { &[point(Fz109, "2", "7"), part(Fz109, "20", "2"), part(Fz109, "22", "3.1–3.5, 4")] }
            }
            RuleId::Reg7 => const { &[act(MvdRegulation2025)] },
            RuleId::Reg8 => const { &[act(GovDecree1756)] },
            RuleId::Reg10 | RuleId::Rkl7 => const { &[act(Fz121)] },
            RuleId::Reg11 => const { &[part(Koap, "18.8", "1")] },
            RuleId::Stay1 | RuleId::Stay2 | RuleId::Stay3 | RuleId::Stu6 | RuleId::Vnzh3 => const { &[FZ115_5_1_2] },
            RuleId::Stay4 => const { &[point(Fz115, "5", "1")] },
            RuleId::Stay5 => const { &[art(Fz115, "31.1–31.2"), act(Fz260)] },
            RuleId::Stay6 => const { &[part(Koap, "18.8", "1.1")] },
            RuleId::Stay7 => const { &[art(Fz114, "26–27")] },
            RuleId::Stay8 => const { &[act(GovDecree1510)] },
            RuleId::Pat1 | RuleId::Pat2 | RuleId::Pat4 | RuleId::Pat8 | RuleId::Pat15 => {
                const { &[art(Fz115, "13.3")] }
            }
            RuleId::Pat3 => const { &[art(Koap, "18.20")] },
            RuleId::Pat5 => const { &[FZ115_MEDICAL, act(Fz274)] },
            RuleId::Pat6 => const { &[act(HealthOrder1079)] },
            RuleId::Pat7 => const { &[act(ExamCertificateRules)] },
            RuleId::Pat9 => const { &[point(Fz115, "13.3", "5")] },
            RuleId::Pat10 => const { &[art(Fz115, "13.3"), act(Fz135)] },
            RuleId::Pat11 => const { &[art(Nk, "227.1")] },
            RuleId::Pat12 => const { &[act(MoscowCoefficientLaw)] },
            RuleId::Pat13 => const { &[act(TatarstanCoefficientLaw)] },
            RuleId::Pat14 => const { &[act(RegionalLaws)] },
            RuleId::Pat16 => const { &[art(Fz115, "13.3"), art(Koap, "18.10")] },
            RuleId::Pat17 => const { &[act(Fz270And271)] },
            RuleId::Pat18 | RuleId::Eaeu5 => const { &[point(Fz115, "13", "8")] },
            RuleId::Pat19 => const { &[part(Koap, "18.15", "3")] },
            RuleId::Pat20 => const { &[act(DraftLaw)] },
            RuleId::Eaeu1 => const { &[point(EaeuTreaty, "97", "1")] },
            RuleId::Eaeu2 | RuleId::Eaeu3 | RuleId::Eaeu7 => const { &[point(EaeuTreaty, "97", "5")] },
            RuleId::Eaeu4 => const { &[art(EaeuTreaty, "97")] },
            RuleId::Eaeu6 | RuleId::Stu5 => const { &[FZ115_MEDICAL] },
            RuleId::Eaeu8 => const { &[art(Fz115, "31.1–31.2")] },
            RuleId::Rkl1 => const { &[act(Fz260), art(Fz115, "2, 31.1, 31.2")] },
            RuleId::Rkl2 | RuleId::Rkl3 | RuleId::Rkl5 => const { &[art(Fz115, "31.2"), act(Fz260)] },
            RuleId::Rkl4 | RuleId::Rkl8 => const { &[art(Fz115, "31.1")] },
            RuleId::Rkl6 => const { &[act(PresidentialDecrees)] },
            RuleId::Stu1 => const { &[point(Fz115, "5", "7")] },
            RuleId::Stu2 => const { &[act(MvdInstitutionOrder)] },
            RuleId::Stu3 => const { &[point(Fz109, "2", "7")] },
            RuleId::Stu4 => const { &[act(Fz16)] },
            RuleId::Stu7 | RuleId::Rvp1 => const { &[act(Fz115)] },
            RuleId::Rvp2 => const { &[point(Fz115, "6", "9")] },
            RuleId::Rvp3 => const { &[act(Fz115), art(Koap, "18.10")] },
            RuleId::Vnzh1 => const { &[act(Fz257)] },
            RuleId::Vnzh2 => const { &[act(GovDecree1643), act(MvdOrder978)] },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule has a reference, and every article cited by `law()` appears in it, so the two
    /// cannot drift apart silently.
    #[test]
    fn every_rule_has_structured_references_matching_its_law_string() {
        for r in RuleId::ALL {
            let refs = r.legal_refs();
            assert!(!refs.is_empty(), "{r:?} has no reference");
            let law = r.law();
            for x in refs {
                if let Some(a) = x.article {
                    let first = a.split([',', '–']).next().unwrap().trim();
                    assert!(law.contains(first), "{r:?}: article {a} not in {law:?}");
                }
            }
        }
    }

    #[test]
    fn every_act_is_cited_by_some_rule() {
        for a in Act::ALL {
            assert!(RuleId::ALL.iter().any(|r| r.legal_refs().iter().any(|x| x.act == a)), "{a:?} unused");
        }
    }
}
