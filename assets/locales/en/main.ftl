# Registry interface, English.
app-name = Virtual Migration Centre
language = Language
lang-ru = Русский
lang-uz = Oʻzbekcha
lang-tg = Тоҷикӣ
lang-ky = Кыргызча
lang-en = English
logout = Log out
footer-privacy = Every access to personal data is logged with its purpose. You can see who looked at your data.
menu-persons = Find persons
home-welcome = Hello, { $name }.

login-title = Log in
login-username = Username
login-password = Password
login-submit = Log in
login-failed = Wrong username or password.
login-stale = The form has expired. Please try again.
login-throttled = Too many attempts. Wait { $seconds } s.

role-admin = administrator
role-migration_officer = migration officer
role-tax_officer = tax officer
role-employer = employer
role-university = university
role-adaptation_centre = adaptation centre
role-law_enforcement = law enforcement
role-analyst = analyst
role-migrant = foreign national

search-title = Find foreign nationals
search-name = Surname and given name (any spelling)
search-name-hint = Yusupov Jamshid or Юсупов
search-birth-year = Year of birth
search-citizenship = Citizenship
search-document = Document number
search-submit = Search
search-none = Nobody found.
next-page = Next page

reason-title = Grounds for access
reason-legal-basis = Legal basis
reason-case-number = Case number
reason-purpose = Purpose
reason-submit = Continue

col-name = Name
col-latin = Latin
col-birth = Date of birth
col-citizenship = Citizenship
col-district = District
col-sex = Sex
sex-male = male
sex-female = female
sex-unspecified = not stated

section-names = Writings of the name
section-documents = Documents
section-permits = Permits and status
section-stays = Places of stay
section-employment = Employment
section-contacts = Contacts

name-form-native = national writing
name-form-russian = Cyrillic
name-form-latin = Latin

doc-passport = Passport
doc-migration_card = Migration card
doc-patent = Patent
doc-temporary_residence_permit = Temporary residence permit
doc-residence_permit = Residence permit
doc-visa = Visa
doc-work_permit = Work permit

permit-patent = Patent
permit-temporary_residence = Temporary residence permit
permit-residence = Residence permit
permit-visa = Visa
permit-work_permit = Work permit
permit-student = Study

error-title = Error
error-forbidden = Access denied
error-legal-basis = State the legal basis and the case number to access this.
error-legal-basis-unknown = Choose the legal basis from the list.
error-birth-year = The year of birth has four digits.
back-to-search = Back to search

search-status = Status
next-deadline = next deadline
section-obligations = Obligations and deadlines
section-violations = Violations
status-LEGAL = Lawful stay
status-AT_RISK = Deadline approaching
status-IN_VIOLATION = Violation
status-IRREGULAR = Unlawful stay
status-DEPARTED = Departed
