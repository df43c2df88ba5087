//! Organisations the registry knows: employers, universities and service points.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::person::Address;
use crate::validate::inn::Inn;
use crate::validate::ogrn::Ogrn;

/// What an organisation is to the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OrgKind {
    /// Employs foreign nationals and files hire and fire notices.
    Employer,
    /// Educational organisation hosting foreign students.
    University,
    /// Medical examination centre (service point).
    MedicalCentre,
    /// Fingerprinting and photo centre (service point).
    FingerprintCentre,
    /// Russian language, history and law exam centre (service point).
    ExamCentre,
    /// Interior-ministry migration office (service point).
    MvdOffice,
    /// Adaptation centre (service point).
    AdaptationCentre,
}

impl OrgKind {
    /// Every kind.
    pub const ALL: [OrgKind; 7] = [
        OrgKind::Employer,
        OrgKind::University,
        OrgKind::MedicalCentre,
        OrgKind::FingerprintCentre,
        OrgKind::ExamCentre,
        OrgKind::MvdOffice,
        OrgKind::AdaptationCentre,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Employer => "employer",
            OrgKind::University => "university",
            OrgKind::MedicalCentre => "medical_centre",
            OrgKind::FingerprintCentre => "fingerprint_centre",
            OrgKind::ExamCentre => "exam_centre",
            OrgKind::MvdOffice => "mvd_office",
            OrgKind::AdaptationCentre => "adaptation_centre",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Service points are where a migrant goes in person.
    pub fn is_service_point(self) -> bool {
        !matches!(self, OrgKind::Employer | OrgKind::University)
    }
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    /// Registry id (UUIDv7).
    pub id: Uuid,
    /// What it is.
    pub kind: OrgKind,
    /// Name as registered.
    pub name: String,
    /// Taxpayer number (required for employers and universities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub inn: Option<Inn>,
    /// State registration number (required for employers and universities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub ogrn: Option<Ogrn>,
    /// Address, with coordinates for service points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// A large enterprise that hires many foreign workers (anchor of the regional economy).
    #[serde(default)]
    pub anchor: bool,
    /// Languages spoken at a service point (ISO 639-1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Opening hours as text, e.g. "Пн–Пт 09:00–18:00, перерыв 13:00–14:00".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<String>,
}
