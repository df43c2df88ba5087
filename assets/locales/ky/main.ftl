# Реестрдин интерфейси. Орус тили негизги тил жана калган бардык тилдер үчүн запастык тил.
app-name = Виртуалдык миграциялык борбор
language = Тил
lang-ru = Русский
lang-uz = Oʻzbekcha
lang-tg = Тоҷикӣ
lang-ky = Кыргызча
lang-en = English
logout = Чыгуу
footer-privacy = Жеке маалыматтарга ар бир кайрылуу максаты менен журналга жазылат. Маалыматыңызды ким көргөнүн биле аласыз.
menu-persons = Адамдарды издөө
home-welcome = Саламатсызбы, { $name }.

login-title = Кирүү
login-username = Колдонуучунун аты
login-password = Сырсөз
login-submit = Кирүү
login-failed = Колдонуучунун аты же сырсөз туура эмес.
login-stale = Форма эскирип калган. Кайра аракет кылыңыз.
login-throttled = Аракеттер өтө көп. { $seconds } секунд күтүңүз.

role-admin = администратор
role-migration_officer = миграция кызматынын кызматкери
role-tax_officer = салык кызматынын кызматкери
role-employer = иш берүүчү
role-university = билим берүү уюму
role-adaptation_centre = ыңгайлашуу борбору
role-law_enforcement = укук коргоо органдары
role-analyst = аналитик
role-migrant = чет өлкөлүк жаран

search-title = Чет өлкөлүк жарандарды издөө
search-name = Фамилиясы жана аты (каалаган жазылышта)
search-name-hint = Юсупов Жамшид же YUSUPOV
search-birth-year = Туулган жылы
search-citizenship = Жарандыгы
search-document = Документтин номери
search-submit = Табуу
search-none = Эч ким табылган жок.
next-page = Кийинки бет

reason-title = Кайрылуунун негизи
reason-legal-basis = Укуктук негиз
reason-case-number = Иштин номери
reason-purpose = Кайрылуунун максаты
reason-submit = Улантуу

col-name = Аты-жөнү
col-latin = Латын тамгасы менен
col-birth = Туулган күнү
col-citizenship = Жарандыгы
col-district = Район
col-sex = Жынысы
sex-male = эркек
sex-female = аял
sex-unspecified = көрсөтүлгөн эмес

section-names = Аттын жазылыштары
section-documents = Документтер
section-permits = Уруксаттар жана статус
section-stays = Жүргөн жерлери
section-employment = Эмгек ишмердүүлүгү
section-contacts = Байланыштар

name-form-native = улуттук жазылышы
name-form-russian = кирилл тамгасы
name-form-latin = латын тамгасы

doc-passport = Паспорт
doc-migration_card = Миграциялык карта
doc-patent = Патент
doc-temporary_residence_permit = РВП
doc-residence_permit = Жашоого уруксат
doc-visa = Виза
doc-work_permit = Иштөөгө уруксат

permit-patent = Патент
permit-temporary_residence = Убактылуу жашоого уруксат
permit-residence = Жашоого уруксат
permit-visa = Виза
permit-work_permit = Иштөөгө уруксат
permit-student = Окуу

error-title = Ката
error-forbidden = Кирүүгө тыюу салынган
error-legal-basis = Кирүү үчүн укуктук негизди жана иштин номерин көрсөтүңүз.
error-legal-basis-unknown = Укуктук негизди тизмеден тандаңыз.
error-birth-year = Туулган жылы — төрт сан.
back-to-search = Издөөгө кайтуу

search-status = Статусу
next-deadline = эң жакынкы мөөнөт
section-obligations = Милдеттер жана мөөнөттөр
section-violations = Бузуулар
status-LEGAL = Мыйзамдуу жүрөт
status-AT_RISK = Мөөнөт жакындап калды
status-IN_VIOLATION = Бузуу бар
status-IRREGULAR = Мыйзамсыз жүрөт
status-DEPARTED = Чыгып кеткен
