# Укуктук статус механизминин тыянактарын түшүндүрүү (crates/rules/src/message.rs, crates/rules/src/legal.rs).
# Аргументтердеги даталар барактын тилине ылайыкталып жазылган.

## Алкактар: ким аракет кылат, эмне кылуу керек, абалы.
rule-obligation-line = { $party }: { $text } { $state }
rule-violation-line = { $party }: { $text }
rule-remedied = { $remedied } оңдолду.
rule-source = Негиз: { $source }

rule-party-foreigner = Чет өлкөлүк жаран
rule-party-host-party = Кабыл алуучу тарап
rule-party-employer = Иш берүүчү
rule-party-institution = Билим берүү мекемеси
rule-party-mvd = Россиянын ИИМи

rule-basis-visa-free = визасыз болуу мөөнөтү
rule-basis-patent = иштөөгө патент
rule-basis-patent-reissue-pending = патентти кайра тариздөө арызы каралууда
rule-basis-work-permit = иштөөгө уруксат
rule-basis-rvp = убактылуу жашоого уруксат (РВП)
rule-basis-vnzh = жашоого уруксат (ВНЖ)
rule-basis-study = окуу
rule-basis-eaeu-contract = эмгек келишими (ЕАЭБ)
rule-basis-eaeu-new-contract-window = жаңы эмгек келишими үчүн 15 күн (ЕАЭБ)

rule-state-open = { $days ->
    [0] Бүгүн акыркы күн.
   *[other] { $days } күн калды.
}
rule-state-fulfilled = Аткарылды: { $done }.
rule-state-fulfilled-late = Кечигип аткарылды: { $done }.
rule-state-missed = Мөөнөтү өтүп кетти.

## Эмне кылуу керек.
rule-what-register-stay = келгендиги тууралуу билдирме берүү (миграциялык каттоого туруу)
rule-what-register-new-address = жаңы дарек боюнча келгендиги тууралуу билдирме берүү
rule-what-extend-registration = миграциялык каттоону узартуу
rule-what-check-in = жеке кабинетте белги коюу (даректи ырастоо)
rule-what-apply-for-patent = патент алууга арыз берүү
rule-what-fingerprinting = манжа изин берүү жана сүрөткө түшүү
rule-what-medical-exam = медициналык кароодон өтүү
rule-what-repeat-medical-exam = кайра медициналык кароодон өтүү
rule-what-pay-patent-advance = патенттин кийинки айы үчүн төлөө (аванс төлөмү)
rule-what-reissue-patent = патентти кайра тариздөөгө арыз берүү
rule-what-issue-patent = патентти тариздөө
rule-what-employer-hire-notice = эмгек келишими түзүлгөнү тууралуу ИИМге кабарлоо
rule-what-employer-termination-notice = эмгек келишими бузулганы тууралуу ИИМге кабарлоо
rule-what-institution-notice = окуудан чыгарылганы же окуу бүткөнү тууралуу ИИМге кабарлоо
rule-what-annual-residence-notice = жашоону ырастаган жылдык билдирме берүү
rule-what-sign-new-contract = жаңы эмгек келишимин түзүү
rule-what-leave-by = Россиядан чыгып кетүү же жаңы мыйзамдуу негиз алуу

## Милдеттер: эмне жана кайсы күнгө чейин.
rule-obl-register-stay = { $deadline } чейин { rule-what-register-stay }.
rule-obl-register-new-address = { $deadline } чейин { rule-what-register-new-address }.
rule-obl-extend-registration = { $deadline } чейин { rule-what-extend-registration }.
rule-obl-check-in = { $deadline } чейин { rule-what-check-in }. Белги коюлбаса, эскертме гана келет; бул үчүн жаза жок.
rule-obl-apply-for-patent = { $deadline } чейин { rule-what-apply-for-patent } (мөөнөт { $trigger } баштап эсептелет).
rule-obl-fingerprinting = { $deadline } чейин { rule-what-fingerprinting }.
rule-obl-medical-exam = { $deadline } чейин { rule-what-medical-exam }.
rule-obl-repeat-medical-exam = { $deadline } чейин { rule-what-repeat-medical-exam }.
rule-obl-pay-patent-advance = { $deadline } чейин { rule-what-pay-patent-advance }: { $amount } рубль. Убагында төлөнбөсө, патент { $lapse } баштап күчүн жоготот жана кийин төлөө аны калыбына келтирбейт.
rule-obl-pay-patent-advance-no-amount = { $deadline } чейин { rule-what-pay-patent-advance }. Өз аймагыңыз үчүн сумманы миграциялык борбордон сураңыз.
rule-obl-reissue-patent = { $deadline } чейин { rule-what-reissue-patent }.
rule-obl-issue-patent = { $deadline } чейин { rule-what-issue-patent } (мөөнөт { $trigger } баштап эсептелет).
rule-obl-employer-hire-notice = { $deadline } чейин { rule-what-employer-hire-notice } (мөөнөт { $trigger } баштап эсептелет).
rule-obl-employer-termination-notice = { $deadline } чейин { rule-what-employer-termination-notice } (мөөнөт { $trigger } баштап эсептелет).
rule-obl-institution-notice = { $deadline } чейин { rule-what-institution-notice }.
rule-obl-annual-residence-notice = { $deadline } чейин { $year }-жыл үчүн { rule-what-annual-residence-notice }.
rule-obl-annual-residence-notice-in-person = { $deadline } чейин { $year }-жыл үчүн { rule-what-annual-residence-notice }. Бул жолу билдирме жеке өзү берилет.
rule-obl-sign-new-contract = { $deadline } чейин { rule-what-sign-new-contract }.
rule-obl-leave-by = { $deadline } чейин { rule-what-leave-by }: болуу негизи ({ $basis }) ушул күндү кошо алганда күчүндө.

## Бузуулар.
rule-vio-missed-deadline = мөөнөт өтүп кетти — { $what }. Бузуу { $since } баштап.
rule-vio-stay-limit-exceeded = визасыз болуу мөөнөтү (90 күн) ашып кетти. { $since } баштап болуу мыйзамсыз, { $days } күн болду. Көзөмөлдөгү адамдардын реестрине киргизилиши мүмкүн.
rule-vio-stay-after-basis-ended = болуу негизи ({ $basis }) бүттү. { $since } баштап болуу мыйзамсыз, { $days } күн болду. Көзөмөлдөгү адамдардын реестрине киргизилиши мүмкүн.
rule-vio-patent-voided = аванс төлөмү убагында төлөнгөн жок: патент { $since } баштап күчүн жоготту жана төлөө аны калыбына келтирбейт.
rule-vio-work-without-permit = { $since } баштап жарактуу патентсиз же уруксатсыз иштөө.
rule-vio-work-outside-region = { $since } баштап патент же РВП жарактуу аймактан тышкары иштөө.
rule-vio-entry-during-ban = { $since } { $years } жылдык кирүүгө тыюу мезгилинде кирүү (мурда болуу мөөнөтү { $overstay } күнгө ашкан). Текшерүү керек.
rule-vio-residence-permit-annulment-risk = жашоо тууралуу билдирмелер 2 жыл катары менен берилген жок: { $since } баштап жашоого уруксатты жокко чыгарышы мүмкүн.

## Инспектордун тапшырмалары.
rule-task-missed-check-in = { $last } бери белги жок: эскертме жөнөтүлдү; адам менен байланышыңыз. Автоматтык жаза жок.
rule-task-check-in-address-mismatch = { $due } белгиси жарыяланган дарекке дал келген жок: даректи текшериңиз.
rule-task-review-rkl-candidate = { $due } баштап болуу мыйзамсыз: көзөмөлдөгү адамдардын реестрине киргизүүнү карап чыгыңыз (инспектордун чечими).
rule-task-patent-issue-overdue = Патент 10 жумуш күнүндө таризделген жок ({ $due } баштап): арызды текшериңиз.
rule-task-document-expired = Паспорт { $due } баштап жараксыз: жарактуу документ керек.
rule-task-review-annulment = { $due } баштап жашоого уруксатты жокко чыгаруу коркунучу: материалдарды карап чыгыңыз.
rule-task-verify-entry-ban = { $due } эсептелген кирүүгө тыюу мезгилинде ({ $years } жыл) кирүү: ИИМдин маалыматтары менен салыштырыңыз.
rule-task-missing-entry = Кирген күнү белгисиз: чек арадан өтүү маалыматын киргизиңиз.

## Кирүүгө тыюу.
rule-ban-projected = Мыйзамдуу болуу мөөнөтү { $days } күнгө ашып кетти. { $from } чыгып кетсеңиз, { $until } чейин { $years } жылга кирүүгө тыюу салынат. Чечимди ИИМ кабыл алат.
rule-ban-actual = { $from } чыгып кеткенде болуу мөөнөтү { $days } күнгө ашкан: { $until } чейин { $years } жылга кирүүгө тыюу салынган. Чечимди ИИМ кабыл алат.

## Мыйзамга шилтемелер: акт жана берене, бөлүк, пункт, абзац.
law-ref = { $act }, { $provision }
law-article = { $n }-берене
law-part = { $n }-бөлүк
law-point = { $n }-пункт
law-para = { $n }-абзац
law-act-fz109 = 109-ФЗ
law-act-fz114 = 114-ФЗ
law-act-fz115 = 115-ФЗ
law-act-koap = РФнын Административдик укук бузуулар жөнүндө кодекси
law-act-nk = РФнын Салык кодекси
law-act-eaeu-treaty = 29.05.2014-жылдагы ЕАЭБ жөнүндө келишим
law-act-agreement-tajikistan = Россия менен Тажикстандын 08.02.2013-жылдагы макулдашуусу
law-act-agreement-uzbekistan = Россия менен Өзбекстандын 2021-жылдагы макулдашуусу
law-act-agreement-belarus = Россия менен Беларустун 24.01.2006-жылдагы макулдашуусу
law-act-mvd-regulation-2025 = ИИМдин 05.02.2025-жылдагы административдик регламенти
law-act-gov-decree-1756 = РФ Өкмөтүнүн 21.10.2023-жылдагы № 1756 токтому
law-act-fz121 = 23.05.2025-жылдагы № 121-ФЗ федералдык мыйзам
law-act-fz260 = 08.08.2024-жылдагы № 260-ФЗ федералдык мыйзам
law-act-gov-decree-1510 = РФ Өкмөтүнүн 07.11.2024-жылдагы № 1510 токтому
law-act-fz274 = 01.07.2021-жылдагы № 274-ФЗ федералдык мыйзам
law-act-health-order-1079 = Россиянын Саламаттыкты сактоо министрлигинин 19.11.2021-жылдагы № 1079н буйругу
law-act-exam-certificate-rules = Экзамен сертификатын берүү эрежелери
law-act-fz135 = 24.04.2020-жылдагы № 135-ФЗ федералдык мыйзам
law-act-moscow-coefficient-law = Москва шаарынын аймактык коэффициент жөнүндө мыйзамы
law-act-tatarstan-coefficient-law = Татарстан Республикасынын аймактык коэффициент жөнүндө мыйзамы
law-act-regional-laws = Аймактардын коэффициенттер жөнүндө мыйзамдары
law-act-fz270-271 = 31.07.2025-жылдагы № 270-ФЗ жана № 271-ФЗ федералдык мыйзамдар
law-act-draft-law = Мыйзам долбоору (күчүнө кире элек)
law-act-presidential-decrees = РФ Президентинин 30.12.2024-жылдагы № 1126 жана 28.04.2025-жылдагы № 272 жарлыктары
law-act-mvd-institution-order = Билим берүү мекемелеринин билдирмелери жөнүндө ИИМдин буйругу
law-act-fz16 = 06.02.2020-жылдагы № 16-ФЗ федералдык мыйзам
law-act-fz257 = 02.08.2019-жылдагы № 257-ФЗ федералдык мыйзам
law-act-gov-decree-1643 = РФ Өкмөтүнүн 16.09.2022-жылдагы № 1643 токтому
law-act-mvd-order-978 = Россиянын ИИМинин 26.10.2022-жылдагы № 978 буйругу
