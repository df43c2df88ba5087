//! What clients send, and how it becomes validated changes.
//!
//! Input types mirror the JSON a client writes: strings where a human types (dates, document
//! numbers, codes), `deny_unknown_fields` everywhere so that a misspelt field is an error and not
//! silently ignored. `parse` turns one input into the domain [`Change`]s it stands for, collecting
//! every problem with its field path so that a form can show them all at once.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use crate::date::{PartialDate, parse_date};
use crate::error::{FieldError, ValidationErrors, ValueError};
use crate::event::Change;
use crate::facts::{Crossing, Direction, Notice, NoticeKind, PatentPayment, ServiceKind, ServiceResult, VisitPurpose};
use crate::ids::new_id;
use crate::names::{NameForm, NameVariant};
use crate::org::{OrgKind, Organisation};
use crate::person::{
    Address, Contact, ContactValue, Employment, HostParty, IdentityDocument, Permit, PermitKind, Sex, Stay,
};
use crate::validate::contact::{Email, Phone};
use crate::validate::country::Country;
use crate::validate::document::{DocumentKind, normalize_document_number};
use crate::validate::inn::Inn;
use crate::validate::ogrn::Ogrn;
use crate::validate::text::{Script, clean_text, person_name, script_of};

/// A new person as submitted by an officer or a feed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPerson {
    /// At least one writing of the name; the first is the registration name.
    pub names: Vec<NameInput>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub birth_date: String,
    /// Sex.
    pub sex: Sex,
    /// ISO 3166-1 alpha-3, e.g. `UZB`.
    pub citizenship: String,
    /// Identity and permit documents.
    #[serde(default)]
    pub documents: Vec<DocumentInput>,
    /// Phones and e-mails.
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
    /// Places of stay.
    #[serde(default)]
    pub stays: Vec<StayInput>,
    /// Jobs.
    #[serde(default)]
    pub employments: Vec<EmploymentInput>,
    /// Permits and student status.
    #[serde(default)]
    pub permits: Vec<PermitInput>,
}

/// One writing of a name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameInput {
    /// Which writing.
    pub form: NameForm,
    /// Family name.
    pub surname: String,
    /// Given name(s).
    pub given_names: String,
    /// Patronymic, if any.
    #[serde(default)]
    pub patronymic: Option<String>,
}

/// A document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentInput {
    /// Kind.
    pub kind: DocumentKind,
    /// Issuing country; defaults to the person's citizenship for passports and RUS otherwise.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Series and number as printed.
    pub number: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub issued_on: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub expires_on: Option<String>,
}

/// A contact.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, tag = "kind", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContactInput {
    /// Phone in any common format, with the country code.
    Phone(String),
    /// E-mail address.
    Email(String),
}

/// An address.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressInput {
    /// Region.
    pub region: String,
    /// City or settlement.
    pub locality: String,
    /// City district.
    #[serde(default)]
    pub district: Option<String>,
    /// Street.
    pub street: String,
    /// House.
    pub house: String,
    /// Flat.
    #[serde(default)]
    pub flat: Option<String>,
    /// Six-digit postcode.
    #[serde(default)]
    pub postcode: Option<String>,
    /// GAR OBJECTGUID.
    #[serde(default)]
    pub gar_guid: Option<Uuid>,
    /// Latitude.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub lon: Option<f64>,
}

/// Who filed the arrival notice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HostInput {
    /// An organisation in the registry.
    Organisation {
        /// Its id.
        org_id: Uuid,
    },
    /// A private person.
    Individual {
        /// Full name.
        name: String,
    },
    /// The foreign national themself.
    Own,
}

/// A place of stay.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StayInput {
    /// Address.
    pub address: AddressInput,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub until: Option<String>,
    /// Host party.
    pub host: HostInput,
}

/// A job.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentInput {
    /// Employer organisation id.
    pub employer_id: Uuid,
    /// Position.
    pub position: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub until: Option<String>,
}

/// A permit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermitInput {
    /// Kind.
    pub kind: PermitKind,
    /// Number as printed.
    #[serde(default)]
    pub number: Option<String>,
    /// Two-digit region code (patents, RVP).
    #[serde(default)]
    pub region: Option<String>,
    /// University (student status) or issuing organisation.
    #[serde(default)]
    pub org_id: Option<Uuid>,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub valid_until: Option<String>,
}

/// A change to an existing person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChangeInput {
    /// Another writing of the name.
    AddName {
        /// The name.
        name: NameInput,
    },
    /// Correct date of birth, sex or citizenship.
    CorrectCore {
        /// Date of birth.
        birth_date: String,
        /// Sex.
        sex: Sex,
        /// Citizenship.
        citizenship: String,
        /// Why.
        reason: String,
    },
    /// Add a document.
    AddDocument {
        /// The document.
        document: DocumentInput,
    },
    /// Mark a document lost, replaced or annulled.
    InvalidateDocument {
        /// Which.
        document_id: Uuid,
        /// Why.
        reason: String,
    },
    /// Add a contact.
    AddContact {
        /// The contact.
        contact: ContactInput,
    },
    /// Remove a contact.
    RemoveContact {
        /// Which.
        contact_id: Uuid,
    },
    /// Register a place of stay.
    RegisterStay {
        /// The stay.
        stay: StayInput,
    },
    /// End a stay.
    EndStay {
        /// Which.
        stay_id: Uuid,
        /// Last day, `YYYY-MM-DD`.
        on: String,
    },
    /// Record a hire.
    StartEmployment {
        /// The job.
        employment: EmploymentInput,
    },
    /// Record a termination.
    EndEmployment {
        /// Which.
        employment_id: Uuid,
        /// Last day.
        on: String,
    },
    /// Record a permit.
    GrantPermit {
        /// The permit.
        permit: PermitInput,
    },
    /// Record a border crossing (border control).
    RecordCrossing {
        /// Day, `YYYY-MM-DD`.
        on: String,
        /// Entry or exit.
        direction: Direction,
        /// Purpose of the visit (entries).
        #[serde(default)]
        purpose: VisitPurpose,
    },
    /// Record a patent advance payment (tax service).
    RecordPatentPayment {
        /// The patent.
        permit_id: Uuid,
        /// Day of payment.
        paid_on: String,
        /// Months paid for, 1–12.
        months: u8,
        /// Amount in roubles.
        #[serde(default)]
        amount_rub: Option<u32>,
    },
    /// Record a notice filed with the interior ministry.
    RecordNotice {
        /// What it was about.
        notice: NoticeKind,
        /// Day filed.
        filed_on: String,
    },
    /// Record a service point's result (fingerprinting, medical, exam).
    RecordServiceResult {
        /// Which step.
        kind: ServiceKind,
        /// Day of the result.
        on: String,
        /// The service point.
        #[serde(default)]
        org_id: Option<Uuid>,
    },
    /// End a permit early.
    EndPermit {
        /// Which.
        permit_id: Uuid,
        /// Last day.
        on: String,
        /// Why.
        reason: String,
    },
}

/// Organisation ids a change refers to (field path, id, required kind or any), which the store
/// must confirm exist before the change is recorded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OrgRefs(pub Vec<(String, Uuid, Option<OrgKind>)>);

/// Bounds for dates of events in a migrant's life: nothing before 1950, nothing later than a few
/// years ahead (contracts and permits are issued for the future, arrival dates are not).
fn event_date(raw: &str, today: NaiveDate, ahead_years: u32) -> Result<NaiveDate, ValueError> {
    let min = NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid");
    let max = today.checked_add_months(Months::new(12 * ahead_years)).expect("in range");
    parse_date(raw, min, max)
}

fn opt_date(
    errs: &mut ValidationErrors,
    field: String,
    raw: &Option<String>,
    today: NaiveDate,
    ahead: u32,
) -> Option<NaiveDate> {
    raw.as_deref().and_then(|r| errs.check(field, event_date(r, today, ahead)))
}

fn end_after(errs: &mut ValidationErrors, field: String, from: Option<NaiveDate>, until: Option<NaiveDate>) {
    if let (Some(f), Some(u)) = (from, until)
        && u < f
    {
        errs.push(FieldError { field, code: "date_order", message: format!("{u} is before the start date {f}") });
    }
}

fn text(errs: &mut ValidationErrors, field: String, raw: &str, max: usize) -> Option<String> {
    errs.check(field, clean_text(raw, max))
}

impl NameInput {
    fn parse(&self, at: &str, errs: &mut ValidationErrors) -> Option<NameVariant> {
        let surname = errs.check(format!("{at}.surname"), person_name(&self.surname));
        let given = errs.check(format!("{at}.given_names"), person_name(&self.given_names));
        let patronymic = match &self.patronymic {
            Some(p) if !p.trim().is_empty() => Some(errs.check(format!("{at}.patronymic"), person_name(p))?),
            _ => None,
        };
        let (surname, given_names) = (surname?, given?);
        let want = match self.form {
            NameForm::Russian => Some(Script::Cyrillic),
            NameForm::Latin => Some(Script::Latin),
            NameForm::Native => None,
        };
        if let Some(want) = want {
            for (f, v) in
                [("surname", Some(&surname)), ("given_names", Some(&given_names)), ("patronymic", patronymic.as_ref())]
            {
                if let Some(v) = v
                    && script_of(v) != Some(want)
                {
                    errs.push(FieldError {
                        field: format!("{at}.{f}"),
                        code: "name_script",
                        message: format!("a {:?} name must be written in {want:?} script", self.form).to_lowercase(),
                    });
                    return None;
                }
            }
        }
        Some(NameVariant { form: self.form, surname, given_names, patronymic })
    }
}

impl DocumentInput {
    fn parse(
        &self,
        at: &str,
        citizenship: Option<Country>,
        today: NaiveDate,
        errs: &mut ValidationErrors,
    ) -> Option<IdentityDocument> {
        let issuer = match &self.issuer {
            Some(i) => errs.check(format!("{at}.issuer"), Country::parse(i))?,
            None if self.kind == DocumentKind::Passport => citizenship?,
            None => Country::RUS,
        };
        let number = errs.check(format!("{at}.number"), normalize_document_number(self.kind, issuer, &self.number));
        let issued_on = opt_date(errs, format!("{at}.issued_on"), &self.issued_on, today, 0);
        let expires_on = opt_date(errs, format!("{at}.expires_on"), &self.expires_on, today, 30);
        end_after(errs, format!("{at}.expires_on"), issued_on, expires_on);
        Some(IdentityDocument {
            id: new_id(),
            kind: self.kind,
            issuer,
            number: number?,
            issued_on,
            expires_on,
            invalidated: None,
        })
    }
}

impl ContactInput {
    fn parse(&self, at: &str, errs: &mut ValidationErrors) -> Option<Contact> {
        let value = match self {
            ContactInput::Phone(p) => ContactValue::Phone(errs.check(format!("{at}.value"), Phone::parse(p))?),
            ContactInput::Email(e) => ContactValue::Email(errs.check(format!("{at}.value"), Email::parse(e))?),
        };
        Some(Contact { id: new_id(), value })
    }
}

impl AddressInput {
    fn parse(&self, at: &str, errs: &mut ValidationErrors) -> Option<Address> {
        let region = text(errs, format!("{at}.region"), &self.region, 200);
        let locality = text(errs, format!("{at}.locality"), &self.locality, 200);
        let district = self.district.as_deref().and_then(|d| text(errs, format!("{at}.district"), d, 200));
        let street = text(errs, format!("{at}.street"), &self.street, 200);
        let house = text(errs, format!("{at}.house"), &self.house, 30);
        let flat = self.flat.as_deref().and_then(|d| text(errs, format!("{at}.flat"), d, 30));
        let postcode = match &self.postcode {
            Some(p) => {
                let p = p.trim();
                if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()) {
                    Some(p.to_string())
                } else {
                    errs.push(FieldError {
                        field: format!("{at}.postcode"),
                        code: "postcode_format",
                        message: format!("{p:?} is not a six-digit Russian postcode"),
                    });
                    None
                }
            }
            None => None,
        };
        let coord_ok = |v: Option<f64>, lim: f64| v.is_none_or(|x| x.is_finite() && x.abs() <= lim);
        if !coord_ok(self.lat, 90.0) {
            errs.push(FieldError {
                field: format!("{at}.lat"),
                code: "coordinate_range",
                message: "latitude must be between -90 and 90".into(),
            });
        }
        if !coord_ok(self.lon, 180.0) {
            errs.push(FieldError {
                field: format!("{at}.lon"),
                code: "coordinate_range",
                message: "longitude must be between -180 and 180".into(),
            });
        }
        if self.lat.is_some() != self.lon.is_some() {
            errs.push(FieldError {
                field: format!("{at}.lon"),
                code: "coordinate_pair",
                message: "give both latitude and longitude, or neither".into(),
            });
        }
        Some(Address {
            region: region?,
            locality: locality?,
            district,
            street: street?,
            house: house?,
            flat,
            postcode,
            gar_guid: self.gar_guid,
            lat: self.lat,
            lon: self.lon,
        })
    }
}

impl StayInput {
    fn parse(&self, at: &str, today: NaiveDate, errs: &mut ValidationErrors, refs: &mut OrgRefs) -> Option<Stay> {
        let address = self.address.parse(&format!("{at}.address"), errs);
        let from = errs.check(format!("{at}.from"), event_date(&self.from, today, 0));
        let until = opt_date(errs, format!("{at}.until"), &self.until, today, 10);
        end_after(errs, format!("{at}.until"), from, until);
        let host = match &self.host {
            HostInput::Organisation { org_id } => {
                refs.0.push((format!("{at}.host.org_id"), *org_id, None));
                HostParty::Organisation { org_id: *org_id }
            }
            HostInput::Individual { name } => {
                HostParty::Individual { name: text(errs, format!("{at}.host.name"), name, 200)? }
            }
            HostInput::Own => HostParty::Own,
        };
        Some(Stay { id: new_id(), address: address?, from: from?, until, host })
    }
}

impl EmploymentInput {
    fn parse(&self, at: &str, today: NaiveDate, errs: &mut ValidationErrors, refs: &mut OrgRefs) -> Option<Employment> {
        let position = text(errs, format!("{at}.position"), &self.position, 200);
        let from = errs.check(format!("{at}.from"), event_date(&self.from, today, 1));
        let until = opt_date(errs, format!("{at}.until"), &self.until, today, 10);
        end_after(errs, format!("{at}.until"), from, until);
        refs.0.push((format!("{at}.employer_id"), self.employer_id, Some(OrgKind::Employer)));
        Some(Employment {
            id: new_id(),
            employer_id: self.employer_id,
            position: position?,
            from: from?,
            until,
            ended_on: None,
        })
    }
}

impl PermitInput {
    fn parse(&self, at: &str, today: NaiveDate, errs: &mut ValidationErrors, refs: &mut OrgRefs) -> Option<Permit> {
        let doc_kind = match self.kind {
            PermitKind::Patent => Some(DocumentKind::Patent),
            PermitKind::TemporaryResidence => Some(DocumentKind::TemporaryResidencePermit),
            PermitKind::Residence => Some(DocumentKind::ResidencePermit),
            PermitKind::Visa => Some(DocumentKind::Visa),
            PermitKind::WorkPermit => Some(DocumentKind::WorkPermit),
            PermitKind::Student => None,
        };
        let number = match (&self.number, doc_kind) {
            (Some(n), Some(k)) => {
                Some(errs.check(format!("{at}.number"), normalize_document_number(k, Country::RUS, n))?)
            }
            (Some(n), None) => Some(text(errs, format!("{at}.number"), n, 50)?),
            (None, _) => None,
        };
        let region = match &self.region {
            Some(r) => {
                let r = r.trim();
                if r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()) && r != "00" {
                    Some(r.to_string())
                } else {
                    errs.push(FieldError {
                        field: format!("{at}.region"),
                        code: "region_code",
                        message: format!("{r:?} is not a two-digit region code (e.g. 16 for Tatarstan)"),
                    });
                    None
                }
            }
            None if self.kind == PermitKind::Patent => {
                errs.push(FieldError {
                    field: format!("{at}.region"),
                    code: "required",
                    message: "a patent is valid in one region: give its two-digit code".into(),
                });
                None
            }
            None => None,
        };
        match (self.kind, self.org_id) {
            (PermitKind::Student, Some(u)) => refs.0.push((format!("{at}.org_id"), u, Some(OrgKind::University))),
            (PermitKind::Student, None) => {
                errs.push(FieldError {
                    field: format!("{at}.org_id"),
                    code: "required",
                    message: "student status needs the university's id".into(),
                });
            }
            _ => {}
        }
        let from = errs.check(format!("{at}.valid_from"), event_date(&self.valid_from, today, 1));
        let until = opt_date(errs, format!("{at}.valid_until"), &self.valid_until, today, 10);
        end_after(errs, format!("{at}.valid_until"), from, until);
        Some(Permit {
            id: new_id(),
            kind: self.kind,
            number,
            region,
            org_id: self.org_id,
            valid_from: from?,
            valid_until: until,
            ended: None,
        })
    }
}

fn birth_date(errs: &mut ValidationErrors, raw: &str, today: NaiveDate) -> Option<PartialDate> {
    let d = errs.check("birth_date", PartialDate::parse(raw, today))?;
    if d.year() < today.year() - 120 {
        errs.push(FieldError {
            field: "birth_date".into(),
            code: "date_out_of_range",
            message: format!("{d} would make the person older than 120"),
        });
        return None;
    }
    Some(d)
}

impl NewPerson {
    /// Validates the whole submission and returns the changes that register the person, plus
    /// the organisation references to confirm. All problems are reported together.
    pub fn parse(&self, today: NaiveDate) -> Result<(Vec<Change>, OrgRefs), ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let mut refs = OrgRefs::default();
        if self.names.is_empty() {
            errs.push(FieldError {
                field: "names".into(),
                code: "required",
                message: "give at least one writing of the name".into(),
            });
        }
        if self.names.len() > 20 {
            errs.push(FieldError {
                field: "names".into(),
                code: "too_many",
                message: "at most 20 name variants".into(),
            });
        }
        let names: Vec<Option<NameVariant>> =
            self.names.iter().enumerate().map(|(i, n)| n.parse(&format!("names[{i}]"), &mut errs)).collect();
        let bd = birth_date(&mut errs, &self.birth_date, today);
        let citizenship = errs.check("citizenship", Country::parse(&self.citizenship));
        let docs: Vec<_> = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| d.parse(&format!("documents[{i}]"), citizenship, today, &mut errs))
            .collect();
        let contacts: Vec<_> =
            self.contacts.iter().enumerate().map(|(i, c)| c.parse(&format!("contacts[{i}]"), &mut errs)).collect();
        let stays: Vec<_> = self
            .stays
            .iter()
            .enumerate()
            .map(|(i, s)| s.parse(&format!("stays[{i}]"), today, &mut errs, &mut refs))
            .collect();
        let jobs: Vec<_> = self
            .employments
            .iter()
            .enumerate()
            .map(|(i, e)| e.parse(&format!("employments[{i}]"), today, &mut errs, &mut refs))
            .collect();
        let permits: Vec<_> = self
            .permits
            .iter()
            .enumerate()
            .map(|(i, p)| p.parse(&format!("permits[{i}]"), today, &mut errs, &mut refs))
            .collect();
        for list in
            [self.documents.len(), self.contacts.len(), self.stays.len(), self.employments.len(), self.permits.len()]
        {
            if list > 100 {
                errs.push(FieldError {
                    field: "".into(),
                    code: "too_many",
                    message: "at most 100 items per list".into(),
                });
            }
        }
        errs.finish()?;
        // Every element parsed (no errors were recorded), so the unwraps below cannot fail.
        let mut names = names.into_iter().map(|n| n.expect("validated"));
        let mut out = vec![Change::Registered {
            name: names.next().expect("at least one"),
            birth_date: bd.expect("validated"),
            sex: self.sex,
            citizenship: citizenship.expect("validated"),
        }];
        out.extend(names.map(Change::NameAdded));
        out.extend(docs.into_iter().flatten().map(Change::DocumentAdded));
        out.extend(contacts.into_iter().flatten().map(Change::ContactAdded));
        out.extend(stays.into_iter().flatten().map(Change::StayRegistered));
        out.extend(jobs.into_iter().flatten().map(Change::EmploymentStarted));
        out.extend(permits.into_iter().flatten().map(Change::PermitGranted));
        Ok((out, refs))
    }
}

impl ChangeInput {
    /// Validates one change to an existing person of the given citizenship.
    pub fn parse(&self, citizenship: Country, today: NaiveDate) -> Result<(Change, OrgRefs), ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let mut refs = OrgRefs::default();
        let reason = |errs: &mut ValidationErrors, r: &str| text(errs, "reason".into(), r, 500);
        let change = match self {
            ChangeInput::AddName { name } => name.parse("name", &mut errs).map(Change::NameAdded),
            ChangeInput::CorrectCore { birth_date: b, sex, citizenship, reason: r } => {
                let bd = birth_date(&mut errs, b, today);
                let c = errs.check("citizenship", Country::parse(citizenship));
                let r = reason(&mut errs, r);
                match (bd, c, r) {
                    (Some(birth_date), Some(citizenship), Some(reason)) => {
                        Some(Change::CoreCorrected { birth_date, sex: *sex, citizenship, reason })
                    }
                    _ => None,
                }
            }
            ChangeInput::AddDocument { document } => {
                document.parse("document", Some(citizenship), today, &mut errs).map(Change::DocumentAdded)
            }
            ChangeInput::InvalidateDocument { document_id, reason: r } => {
                reason(&mut errs, r).map(|reason| Change::DocumentInvalidated { document_id: *document_id, reason })
            }
            ChangeInput::AddContact { contact } => contact.parse("contact", &mut errs).map(Change::ContactAdded),
            ChangeInput::RemoveContact { contact_id } => Some(Change::ContactRemoved { contact_id: *contact_id }),
            ChangeInput::RegisterStay { stay } => {
                stay.parse("stay", today, &mut errs, &mut refs).map(Change::StayRegistered)
            }
            ChangeInput::EndStay { stay_id, on } => {
                errs.check("on", event_date(on, today, 1)).map(|on| Change::StayEnded { stay_id: *stay_id, on })
            }
            ChangeInput::StartEmployment { employment } => {
                employment.parse("employment", today, &mut errs, &mut refs).map(Change::EmploymentStarted)
            }
            ChangeInput::EndEmployment { employment_id, on } => errs
                .check("on", event_date(on, today, 1))
                .map(|on| Change::EmploymentEnded { employment_id: *employment_id, on }),
            ChangeInput::GrantPermit { permit } => {
                permit.parse("permit", today, &mut errs, &mut refs).map(Change::PermitGranted)
            }
            ChangeInput::RecordCrossing { on, direction, purpose } => errs
                .check("on", event_date(on, today, 0))
                .map(|on| Change::BorderCrossed(Crossing { on, direction: *direction, purpose: *purpose })),
            ChangeInput::RecordPatentPayment { permit_id, paid_on, months, amount_rub } => {
                if !(1..=12).contains(months) {
                    errs.push(FieldError {
                        field: "months".into(),
                        code: "months_range",
                        message: format!("a payment covers 1 to 12 months, not {months}"),
                    });
                }
                errs.check("paid_on", event_date(paid_on, today, 0)).filter(|_| (1..=12).contains(months)).map(
                    |paid_on| {
                        Change::PatentPaid(PatentPayment {
                            permit_id: *permit_id,
                            paid_on,
                            months: *months,
                            amount_rub: *amount_rub,
                        })
                    },
                )
            }
            ChangeInput::RecordNotice { notice, filed_on } => errs
                .check("filed_on", event_date(filed_on, today, 0))
                .map(|filed_on| Change::NoticeFiled(Notice { kind: *notice, filed_on })),
            ChangeInput::RecordServiceResult { kind, on, org_id } => {
                if let Some(o) = org_id {
                    refs.0.push(("org_id".into(), *o, None));
                }
                errs.check("on", event_date(on, today, 0)).map(|on| {
                    Change::ServiceResultRecorded(ServiceResult {
                        kind: *kind,
                        on,
                        org_id: *org_id,
                        outcome: None,
                        identity_checked: None,
                    })
                })
            }
            ChangeInput::EndPermit { permit_id, on, reason: r } => {
                let on = errs.check("on", event_date(on, today, 1));
                let r = reason(&mut errs, r);
                match (on, r) {
                    (Some(on), Some(reason)) => Some(Change::PermitEnded { permit_id: *permit_id, on, reason }),
                    _ => None,
                }
            }
        };
        errs.finish()?;
        Ok((change.expect("no errors means parsed"), refs))
    }
}

/// A new organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOrganisation {
    /// Kind.
    pub kind: OrgKind,
    /// Name.
    pub name: String,
    /// INN (required for employers and universities).
    #[serde(default)]
    pub inn: Option<String>,
    /// OGRN (required for employers and universities).
    #[serde(default)]
    pub ogrn: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<AddressInput>,
    /// Anchor enterprise.
    #[serde(default)]
    pub anchor: bool,
    /// Languages spoken (ISO 639-1 codes).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Opening hours text.
    #[serde(default)]
    pub opening_hours: Option<String>,
}

impl NewOrganisation {
    /// Validates the organisation.
    pub fn parse(&self) -> Result<Organisation, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let name = text(&mut errs, "name".into(), &self.name, 300);
        let legal = matches!(self.kind, OrgKind::Employer | OrgKind::University);
        let inn = match &self.inn {
            Some(i) => errs.check("inn", Inn::parse(i)),
            None if legal => {
                errs.push(FieldError {
                    field: "inn".into(),
                    code: "required",
                    message: "an employer or university needs its INN".into(),
                });
                None
            }
            None => None,
        };
        let ogrn = match &self.ogrn {
            Some(o) => errs.check("ogrn", Ogrn::parse(o)),
            None if legal => {
                errs.push(FieldError {
                    field: "ogrn".into(),
                    code: "required",
                    message: "an employer or university needs its OGRN".into(),
                });
                None
            }
            None => None,
        };
        let address = self.address.as_ref().and_then(|a| a.parse("address", &mut errs));
        for (i, l) in self.languages.iter().enumerate() {
            if l.len() != 2 || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                errs.push(FieldError {
                    field: format!("languages[{i}]"),
                    code: "language_code",
                    message: format!("{l:?} is not an ISO 639-1 code such as ru, uz, tg, ky, en"),
                });
            }
        }
        let opening_hours = self.opening_hours.as_deref().and_then(|h| text(&mut errs, "opening_hours".into(), h, 300));
        errs.finish()?;
        Ok(Organisation {
            id: new_id(),
            kind: self.kind,
            name: name.expect("validated"),
            inn,
            ogrn,
            address,
            anchor: self.anchor,
            languages: self.languages.clone(),
            opening_hours,
        })
    }
}
