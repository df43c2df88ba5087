"""Generates src/catalogue.rs from ../../shared/domain/ru-migration-rules.md.

The `source` of every rule is copied verbatim from the domain note's Source column; `law` (the
short legal basis shown on each obligation), the titles and the engine's use of each rule are
kept here. Run: python3 crates/rules/tools/gen_catalogue.py /path/to/ru-migration-rules.md
"""
import re, sys

META = {
# id: (law, kind, title_en, title_ru)
"REG-1": ("109-FZ art. 20", "evaluated", "Registration at the place of stay within 7 working days", "Постановка на миграционный учёт в течение 7 рабочих дней"),
"REG-2": ("RF–Tajikistan agreement of 08.02.2013", "evaluated", "Tajikistan: exempt from registration for 15 days from entry", "Таджикистан: освобождение от учёта на 15 дней с даты въезда"),
"REG-3": ("RF–Uzbekistan agreement (signed 21.05/17.06.2021)", "evaluated", "Uzbekistan: exempt from registration for 15 days from entry", "Узбекистан: освобождение от учёта на 15 дней с даты въезда"),
"REG-4": ("EAEU Treaty of 29.05.2014, art. 97", "evaluated", "EAEU workers: exempt from registration for 30 days from entry", "Граждане ЕАЭС, въехавшие на работу: освобождение от учёта на 30 дней"),
"REG-5": ("Russia–Belarus agreement of 24.01.2006 (as amended)", "evaluated", "Belarus: exempt from registration for 90 days (U-3)", "Беларусь: освобождение от учёта на 90 дней (U-3)"),
"REG-6": ("109-FZ art. 2 p.7, art. 20 part 2, art. 22 parts 3.1–3.5 and 4", "evaluated", "The host party files the arrival notice", "Уведомление о прибытии подаёт принимающая сторона"),
"REG-7": ("MVD administrative regulation of 05.02.2025", "evaluated", "Registration for the term in the notice, up to 1 year", "Учёт на срок, указанный в уведомлении, до 1 года"),
"REG-8": ("Government Decree No. 1756 of 21.10.2023", "evaluated", "Patent holders: registration extended with the paid patent term", "Владельцы патента: учёт продлевается на оплаченный срок патента"),
"REG-9": ("109-FZ art. 20 (REG-1)", "evaluated", "Change of address: new arrival notice within 7 working days", "Смена адреса: новое уведомление о прибытии в течение 7 рабочих дней"),
"REG-10": ("Federal Law of 23.05.2025 No. 121-FZ", "evaluated", "Moscow experiment: residence confirmed by deliberate check-ins (region-scoped)", "Эксперимент в Москве: подтверждение места пребывания отметками (только в настроенных регионах)"),
"REG-11": ("KoAP 18.8 part 1", "penalty", "Penalty for breaking registration rules", "Ответственность за нарушение правил учёта"),
"STAY-1": ("115-FZ art. 5 p.1 para 2", "evaluated", "Visa-free stay: 90 days per calendar year and 90 days continuous (from 2025)", "Безвизовое пребывание: 90 дней в календарном году и не более 90 дней непрерывно (с 2025 г.)"),
"STAY-2": ("115-FZ art. 5 p.1 para 2", "evaluated", "Exceptions to the stay limit: patent, work, study, RVP/VNZh", "Исключения из ограничения срока: патент, работа, учёба, РВП/ВНЖ"),
"STAY-3": ("115-FZ art. 5 p.1 para 2", "evaluated", "Counting days present: entry and exit days included, reset on 1 January", "Подсчёт дней: дни въезда и выезда включаются, обнуление 1 января"),
"STAY-4": ("115-FZ art. 5 p.1 (2013 wording)", "evaluated", "Visa-free stay before 2025: 90 days in any 180", "Безвизовое пребывание до 2025 г.: 90 дней в течение 180"),
"STAY-5": ("115-FZ arts. 31.1–31.2 (260-FZ of 08.08.2024)", "evaluated", "Overstay: inclusion in the register of controlled persons", "Превышение срока: включение в реестр контролируемых лиц"),
"STAY-6": ("KoAP 18.8 part 1.1", "penalty", "Overstay: fine with administrative expulsion", "Превышение срока: штраф с выдворением"),
"STAY-7": ("114-FZ arts. 26–27", "evaluated", "Entry ban by overstay length", "Запрет въезда в зависимости от длительности превышения срока"),
"STAY-8": ("Government Decree No. 1510 of 07.11.2024", "informational", "ruID pre-entry application (experiment)", "Предварительное заявление ruID (эксперимент)"),
"PAT-1": ("115-FZ art. 13.3", "evaluated", "Work requires a patent (visa-free arrivals)", "Для работы нужен патент (безвизовый въезд)"),
"PAT-2": ("115-FZ art. 13.3", "evaluated", "Apply for a patent within 30 days of entry", "Подать заявление на патент в течение 30 дней с даты въезда"),
"PAT-3": ("KoAP 18.20", "evaluated", "Late patent application: fine", "Просрочка подачи на патент: штраф"),
"PAT-4": ("115-FZ art. 13.3", "informational", "Documents for a patent", "Документы для патента"),
"PAT-5": ("115-FZ art. 5 pp. 13, 18 (274-FZ of 01.07.2021)", "evaluated", "Fingerprinting, photo and medical exam within 30 days (workers)", "Дактилоскопия, фотографирование и медосвидетельствование в течение 30 дней (работники)"),
"PAT-6": ("Health Ministry Order 1079н of 19.11.2021", "evaluated", "Medical documents valid 1 year; repeat within 30 days", "Медицинские документы действуют 1 год; повторно — в течение 30 дней"),
"PAT-7": ("exam certificate rules (U-8)", "informational", "Russian language exam certificate", "Сертификат об экзамене по русскому языку"),
"PAT-8": ("115-FZ art. 13.3 (issuing practice)", "evaluated", "Patent issued within 10 working days", "Патент оформляется в течение 10 рабочих дней"),
"PAT-9": ("115-FZ art. 13.3 p.5", "evaluated", "Patent term 1–12 months, extended by payment", "Срок патента 1–12 месяцев, продление оплатой"),
"PAT-10": ("115-FZ art. 13.3 (Federal Law of 24.04.2020 No. 135-FZ)", "evaluated", "Re-issue no later than 10 working days before 12 months", "Переоформление не позднее 10 рабочих дней до истечения 12 месяцев"),
"PAT-11": ("NK art. 227.1", "evaluated", "Monthly fixed advance: 1,200 × deflator × regional coefficient", "Фиксированный авансовый платёж: 1 200 × дефлятор × региональный коэффициент"),
"PAT-12": ("Law of the City of Moscow on the regional coefficient", "data", "Moscow coefficient", "Коэффициент Москвы"),
"PAT-13": ("Law of the Republic of Tatarstan on the regional coefficient", "data", "Tatarstan coefficient", "Коэффициент Татарстана"),
"PAT-14": ("regional laws (reference figures)", "informational", "Other regions' 2026 figures", "Стоимость в других регионах (справочно)"),
"PAT-15": ("115-FZ art. 13.3", "evaluated", "Late payment voids the patent", "Просрочка платежа — патент прекращает действие"),
"PAT-16": ("115-FZ art. 13.3; KoAP 18.10", "evaluated", "Patent valid only in the issuing region", "Патент действует только в выдавшем регионе"),
"PAT-17": ("Federal Laws of 31.07.2025 Nos. 270-FZ and 271-FZ", "informational", "State duty for a patent", "Госпошлина за патент"),
"PAT-18": ("115-FZ art. 13 p.8", "evaluated", "Employer notice within 3 working days of hiring or firing", "Уведомление работодателя в течение 3 рабочих дней о заключении или расторжении договора"),
"PAT-19": ("KoAP 18.15 part 3", "penalty", "Employer penalty for a missing notice", "Ответственность работодателя за неуведомление"),
"PAT-20": ("draft law, not in force", "informational", "Income threshold for patents (draft)", "Порог дохода для патента (проект)"),
"EAEU-1": ("EAEU Treaty art. 97 p.1", "evaluated", "EAEU workers need no patent or permit", "Гражданам ЕАЭС не нужен патент или разрешение"),
"EAEU-2": ("EAEU Treaty art. 97 p.5", "evaluated", "EAEU worker's stay lasts as long as the contract", "Срок пребывания работника из ЕАЭС — срок договора"),
"EAEU-3": ("EAEU Treaty art. 97 p.5", "evaluated", "15 days for a new contract after termination past day 90", "15 дней на новый договор после расторжения позднее 90 дней"),
"EAEU-4": ("EAEU Treaty art. 97 (REG-4, REG-5)", "evaluated", "EAEU registration exemption: 30 days; Belarus 90", "Освобождение от учёта для ЕАЭС: 30 дней; Беларусь — 90"),
"EAEU-5": ("115-FZ art. 13 p.8 (PAT-18)", "evaluated", "Employer notices apply to EAEU workers", "Уведомления работодателя обязательны и для работников из ЕАЭС"),
"EAEU-6": ("115-FZ art. 5 pp. 13, 18 (PAT-5)", "evaluated", "EAEU workers: fingerprinting and medical within 30 days; Belarus exempt", "Работники из ЕАЭС: дактилоскопия и медосвидетельствование в течение 30 дней; Беларусь освобождена"),
"EAEU-7": ("EAEU Treaty art. 97 p.5 (Kazakhstan practice)", "evaluated", "Kazakhstan: open-ended contract, stay extended yearly", "Казахстан: бессрочный договор, продление ежегодно"),
"EAEU-8": ("115-FZ arts. 31.1–31.2 (RKL-2)", "evaluated", "Contract lost without a new one: RKL", "Утрата договора без нового: реестр контролируемых лиц"),
"RKL-1": ("Federal Law of 08.08.2024 No. 260-FZ; 115-FZ arts. 2, 31.1, 31.2", "evaluated", "Expulsion regime for persons without lawful grounds", "Режим высылки для лиц без законных оснований"),
"RKL-2": ("115-FZ art. 31.2 (260-FZ)", "evaluated", "Grounds for inclusion in the register", "Основания включения в реестр"),
"RKL-3": ("115-FZ art. 31.2 (260-FZ)", "informational", "Notice by publication", "Уведомление через публикацию"),
"RKL-4": ("115-FZ art. 31.1", "informational", "Restrictions while in the register", "Ограничения в период нахождения в реестре"),
"RKL-5": ("115-FZ art. 31.2 (260-FZ)", "evaluated", "Removal: exit or regularisation", "Исключение: выезд или урегулирование статуса"),
"RKL-6": ("Presidential Decrees of 30.12.2024 No. 1126 and 28.04.2025 No. 272", "informational", "Transitional amnesty until 10.09.2025", "Переходный период до 10.09.2025"),
"RKL-7": ("Federal Law of 23.05.2025 No. 121-FZ", "informational", "App experiment feeds the register (never automatic here)", "Эксперимент с приложением и реестр (здесь — без автоматических санкций)"),
"RKL-8": ("115-FZ art. 31.1", "informational", "Employers and landlords check the register", "Работодатели и арендодатели проверяют реестр"),
"STU-1": ("115-FZ art. 5 p.7", "evaluated", "Student's stay extended until the end of studies", "Срок пребывания студента продлевается до окончания обучения"),
"STU-2": ("MVD order on institution notices (U-10)", "evaluated", "Institution notice within 3 working days of expulsion or completion", "Уведомление образовательной организации в течение 3 рабочих дней об отчислении или окончании"),
"STU-3": ("109-FZ art. 2 p.7", "evaluated", "Institution is the host party for dormitories", "Образовательная организация — принимающая сторона в общежитии"),
"STU-4": ("Federal Law of 06.02.2020 No. 16-FZ", "evaluated", "Full-time students may work without a patent", "Студенты очной формы могут работать без патента"),
"STU-5": ("115-FZ art. 5 pp. 13, 18", "evaluated", "Students: fingerprinting and medical within 90 days", "Студенты: дактилоскопия и медосвидетельствование в течение 90 дней"),
"STU-6": ("115-FZ art. 5 p.1 para 2 (STAY-2)", "evaluated", "Students exempt from the 90-day limit while studying", "На студентов не распространяется ограничение 90 дней"),
"STU-7": ("115-FZ (RVP for the period of study)", "evaluated", "RVP for the period of study", "РВП на период обучения"),
"RVP-1": ("115-FZ (RVP term)", "evaluated", "RVP term: 3 years", "Срок РВП — 3 года"),
"RVP-2": ("115-FZ art. 6 p.9", "evaluated", "RVP annual notice within 2 months after each year", "Уведомление о проживании по РВП в течение 2 месяцев по истечении каждого года"),
"RVP-3": ("115-FZ; KoAP 18.10", "evaluated", "RVP holder works only in the RVP region", "Владелец РВП работает только в регионе выдачи"),
"VNZh-1": ("Federal Law of 02.08.2019 No. 257-FZ", "evaluated", "VNZh indefinite since 01.11.2019", "ВНЖ бессрочный с 01.11.2019"),
"VNZh-2": ("Government Decree No. 1643 of 16.09.2022; MVD Order No. 978 of 26.10.2022", "evaluated", "VNZh annual notice; annulled after 2 missed years", "Ежегодное уведомление по ВНЖ; аннулирование после 2 пропущенных лет"),
"VNZh-3": ("115-FZ art. 5 p.1 para 2 (STAY-2)", "evaluated", "VNZh holders not subject to the 90-day limit", "На владельцев ВНЖ не распространяется ограничение 90 дней"),
}

def variant(rid):
    a, n = rid.split('-')
    return a[0] + a[1:].lower() + n

def esc(s):
    return s.replace('\\', '\\\\').replace('"', '\\"')

rows = []
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.match(r'^\| ((?:REG|STAY|PAT|EAEU|RKL|STU|RVP|VNZh)-\d+) \|', line)
    if m:
        cells = [c.strip() for c in line.strip().strip('|').split(' | ')]
        rows.append((cells[0], cells[-1]))
ids = [r[0] for r in rows]
assert set(ids) == set(META), set(ids) ^ set(META)

out = []
w = out.append
w("//! The catalogue of every rule in shared/domain/ru-migration-rules.md: id, legal basis, and")
w("//! the source column copied verbatim. GENERATED by tools/gen_catalogue.py — edit that script.")
w("")
w("use serde::{Deserialize, Serialize};")
w("")
w("/// How the engine uses a rule of the domain note.")
w("#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]")
w("#[serde(rename_all = \"snake_case\")]")
w("pub enum RuleUse {")
w("    /// The engine evaluates it: it yields obligations, violations, tasks or status.")
w("    Evaluated,")
w("    /// A penalty: named in the text of the violations it applies to.")
w("    Penalty,")
w("    /// A number kept in a data file (tariffs).")
w("    Data,")
w("    /// Kept for reference and explanations; no deadline of its own to compute.")
w("    Informational,")
w("}")
w("")
w("/// Identifier of a rule of the domain note, serialised as written there (\"REG-1\").")
w("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]")
w("pub enum RuleId {")
for rid in ids:
    w(f"    /// {META[rid][2]}.")
    w(f"    #[serde(rename = \"{rid}\")]")
    w(f"    {variant(rid)},")
w("}")
w("")
w("impl RuleId {")
w("    /// Every rule, in the order of the domain note.")
w("    pub const ALL: [RuleId; %d] = [%s];" % (len(ids), ", ".join("RuleId::" + variant(i) for i in ids)))
w("")
w("    /// The id as written in the domain note (\"REG-1\").")
w("    pub const fn as_str(self) -> &'static str {")
w("        match self {")
for rid in ids:
    w(f"            RuleId::{variant(rid)} => \"{rid}\",")
w("        }")
w("    }")
w("")
w("    /// Short legal basis (law and article) shown with every obligation and violation.")
w("    pub const fn law(self) -> &'static str {")
w("        match self {")
for rid in ids:
    w(f"            RuleId::{variant(rid)} => \"{esc(META[rid][0])}\",")
w("        }")
w("    }")
w("")
w("    /// The Source column of the domain note, verbatim.")
w("    pub const fn source(self) -> &'static str {")
w("        match self {")
for rid, src in rows:
    w(f"            RuleId::{variant(rid)} => \"{esc(src)}\",")
w("        }")
w("    }")
w("")
w("    /// One-line English title.")
w("    pub const fn title_en(self) -> &'static str {")
w("        match self {")
for rid in ids:
    w(f"            RuleId::{variant(rid)} => \"{esc(META[rid][2])}\",")
w("        }")
w("    }")
w("")
w("    /// One-line Russian title.")
w("    pub const fn title_ru(self) -> &'static str {")
w("        match self {")
for rid in ids:
    w(f"            RuleId::{variant(rid)} => \"{esc(META[rid][3])}\",")
w("        }")
w("    }")
w("")
w("    /// How the engine uses the rule.")
w("    pub const fn usage(self) -> RuleUse {")
w("        match self {")
kinds = {"evaluated": "Evaluated", "penalty": "Penalty", "data": "Data", "informational": "Informational"}
for rid in ids:
    w(f"            RuleId::{variant(rid)} => RuleUse::{kinds[META[rid][1]]},")
w("        }")
w("    }")
w("}")
w("")
w("impl std::fmt::Display for RuleId {")
w("    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {")
w("        f.write_str(self.as_str())")
w("    }")
w("}")
open(sys.argv[2] if len(sys.argv) > 2 else 'src/catalogue.rs', 'w', encoding='utf-8').write("\n".join(out) + "\n")
print(len(ids), "rules")
