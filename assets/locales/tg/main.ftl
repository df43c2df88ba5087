# Интерфейси феҳрист. Забони русӣ забони асосӣ ва эҳтиётӣ барои ҳамаи забонҳои дигар аст.
app-name = Маркази виртуалии муҳоҷират
language = Забон
lang-ru = Русский
lang-uz = Oʻzbekcha
lang-tg = Тоҷикӣ
lang-ky = Кыргызча
lang-en = English
logout = Баромадан
footer-privacy = Ҳар як муроҷиат ба маълумоти шахсӣ бо мақсадаш дар дафтар сабт мешавад. Шумо метавонед бидонед, ки кӣ маълумоти шуморо дидааст.
menu-persons = Ҷустуҷӯи шахсон
home-welcome = Салом, { $name }.

login-title = Воридшавӣ
login-username = Номи корбар
login-password = Парол
login-submit = Ворид шудан
login-failed = Номи корбар ё парол нодуруст аст.
login-stale = Шакл кӯҳна шудааст. Бори дигар кӯшиш кунед.
login-throttled = Кӯшишҳо аз ҳад зиёданд. { $seconds } сония интизор шавед.

role-admin = маъмур
role-migration_officer = корманди хадамоти муҳоҷират
role-tax_officer = корманди хадамоти андоз
role-employer = корфармо
role-university = ташкилоти таълимӣ
role-adaptation_centre = маркази мутобиқшавӣ
role-law_enforcement = мақомоти ҳифзи ҳуқуқ
role-analyst = таҳлилгар
role-migrant = шаҳрванди хориҷӣ

search-title = Ҷустуҷӯи шаҳрвандони хориҷӣ
search-name = Насаб ва ном (бо ҳар навиштор)
search-name-hint = Юсупов Жамшид ё YUSUPOV
search-birth-year = Соли таваллуд
search-citizenship = Шаҳрвандӣ
search-document = Рақами ҳуҷҷат
search-submit = Ёфтан
search-none = Ҳеҷ кас ёфт нашуд.
next-page = Саҳифаи навбатӣ

reason-title = Асоси дастрасӣ
reason-legal-basis = Асоси ҳуқуқӣ
reason-case-number = Рақами парванда
reason-purpose = Мақсади муроҷиат
reason-submit = Идома додан

col-name = Ному насаб
col-latin = Бо ҳарфҳои лотинӣ
col-birth = Санаи таваллуд
col-citizenship = Шаҳрвандӣ
col-district = Ноҳия
col-sex = Ҷинс
sex-male = мард
sex-female = зан
sex-unspecified = нишон дода нашудааст

section-names = Навишти ном
section-documents = Ҳуҷҷатҳо
section-permits = Иҷозатномаҳо ва мақом
section-stays = Ҷойҳои будубош
section-employment = Фаъолияти меҳнатӣ
section-contacts = Тамос

name-form-native = навишти миллӣ
name-form-russian = кириллӣ
name-form-latin = лотинӣ

doc-passport = Шиноснома
doc-migration_card = Корти муҳоҷиратӣ
doc-patent = Патент
doc-temporary_residence_permit = РВП
doc-residence_permit = Иҷозатномаи истиқомат
doc-visa = Раводид
doc-work_permit = Иҷозат барои кор

permit-patent = Патент
permit-temporary_residence = Иҷозат барои истиқомати муваққатӣ
permit-residence = Иҷозатномаи истиқомат
permit-visa = Раводид
permit-work_permit = Иҷозат барои кор
permit-student = Таҳсил

error-title = Хато
error-forbidden = Дастрасӣ манъ аст
error-legal-basis = Барои дастрасӣ асоси ҳуқуқӣ ва рақами парвандаро нишон диҳед.
error-legal-basis-unknown = Асоси ҳуқуқиро аз рӯйхат интихоб кунед.
error-birth-year = Соли таваллуд — чор рақам.
back-to-search = Бозгашт ба ҷустуҷӯ

search-status = Мақом
next-deadline = мӯҳлати наздиктарин
section-obligations = Ӯҳдадориҳо ва мӯҳлатҳо
section-violations = Вайронкориҳо
status-LEGAL = Будубоши қонунӣ
status-AT_RISK = Мӯҳлат наздик мешавад
status-IN_VIOLATION = Вайронкорӣ ҳаст
status-IRREGULAR = Будубоши ғайриқонунӣ
status-DEPARTED = Баромада рафтааст
