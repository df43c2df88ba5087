# Шарҳи хулосаҳои механизми мақоми ҳуқуқӣ (crates/rules/src/message.rs, crates/rules/src/legal.rs).
# Санаҳо дар аргументҳо аллакай барои забони саҳифа навишта шудаанд.

## Чаҳорчӯбаҳо: кӣ амал мекунад, чӣ бояд кард, ҳолат.
rule-obligation-line = { $party }: { $text } { $state }
rule-violation-line = { $party }: { $text }
rule-remedied = { $remedied } бартараф шуд.
rule-source = Асос: { $source }

rule-party-foreigner = Шаҳрванди хориҷӣ
rule-party-host-party = Тарафи қабулкунанда
rule-party-employer = Корфармо
rule-party-institution = Муассисаи таълимӣ
rule-party-mvd = ВКД Русия

rule-basis-visa-free = мӯҳлати будубоши бе раводид
rule-basis-patent = патенти корӣ
rule-basis-patent-reissue-pending = баррасии аризаи азнавтаҳиякунии патент
rule-basis-work-permit = иҷозати корӣ
rule-basis-rvp = иҷозати истиқомати муваққатӣ (РВП)
rule-basis-vnzh = иҷозати истиқомат (ВНЖ)
rule-basis-study = таҳсил
rule-basis-eaeu-contract = шартномаи меҳнатӣ (ИИАО)
rule-basis-eaeu-new-contract-window = 15 рӯз барои шартномаи нави меҳнатӣ (ИИАО)

rule-state-open = { $days ->
    [0] Имрӯз рӯзи охирин аст.
   *[other] { $days } рӯз монд.
}
rule-state-fulfilled = Иҷро шуд: { $done }.
rule-state-fulfilled-late = Бо таъхир иҷро шуд: { $done }.
rule-state-missed = Мӯҳлат гузашт.

## Чӣ бояд кард.
rule-what-register-stay = огоҳинома дар бораи омадан супоридан (ба қайди муҳоҷиратӣ гирифтан)
rule-what-register-new-address = огоҳинома дар бораи омадан ба суроғаи нав супоридан
rule-what-extend-registration = қайди муҳоҷиратиро дароз кардан
rule-what-check-in = дар утоқи шахсӣ қайд гузоштан (суроғаро тасдиқ кардан)
rule-what-apply-for-patent = барои патент ариза додан
rule-what-fingerprinting = аз дактилоскопия ва суратгирӣ гузаштан
rule-what-medical-exam = аз муоинаи тиббӣ гузаштан
rule-what-repeat-medical-exam = аз муоинаи такрории тиббӣ гузаштан
rule-what-pay-patent-advance = моҳи навбатии патентро пардохт кардан (пардохти пешакӣ)
rule-what-reissue-patent = барои азнавтаҳиякунии патент ариза додан
rule-what-issue-patent = патентро расмӣ кардан
rule-what-employer-hire-notice = ба ВКД дар бораи бастани шартномаи меҳнатӣ хабар додан
rule-what-employer-termination-notice = ба ВКД дар бораи бекор кардани шартномаи меҳнатӣ хабар додан
rule-what-institution-notice = ба ВКД дар бораи хориҷ кардан ё ба охир расидани таҳсил хабар додан
rule-what-annual-residence-notice = огоҳиномаи солонаи тасдиқи истиқомат супоридан
rule-what-sign-new-contract = шартномаи нави меҳнатӣ бастан
rule-what-leave-by = аз Русия баромадан ё асоси нави қонунӣ гирифтан

## Ӯҳдадориҳо: чӣ ва то кадом рӯз.
rule-obl-register-stay = то { $deadline } { rule-what-register-stay }.
rule-obl-register-new-address = то { $deadline } { rule-what-register-new-address }.
rule-obl-extend-registration = то { $deadline } { rule-what-extend-registration }.
rule-obl-check-in = то { $deadline } { rule-what-check-in }. Агар қайд гузошта нашавад, танҳо ёдрас меояд; барои ин ҷазо нест.
rule-obl-apply-for-patent = то { $deadline } { rule-what-apply-for-patent } (мӯҳлат аз { $trigger } ҳисоб мешавад).
rule-obl-fingerprinting = то { $deadline } { rule-what-fingerprinting }.
rule-obl-medical-exam = то { $deadline } { rule-what-medical-exam }.
rule-obl-repeat-medical-exam = то { $deadline } { rule-what-repeat-medical-exam }.
rule-obl-pay-patent-advance = то { $deadline } { rule-what-pay-patent-advance }: { $amount } рубл. Агар сари вақт пардохт нашавад, патент аз { $lapse } эътибор надорад ва пардохти баъдӣ онро барқарор намекунад.
rule-obl-pay-patent-advance-no-amount = то { $deadline } { rule-what-pay-patent-advance }. Маблағро барои минтақаи худ дар маркази муҳоҷират пурсед.
rule-obl-reissue-patent = то { $deadline } { rule-what-reissue-patent }.
rule-obl-issue-patent = то { $deadline } { rule-what-issue-patent } (мӯҳлат аз { $trigger } ҳисоб мешавад).
rule-obl-employer-hire-notice = то { $deadline } { rule-what-employer-hire-notice } (мӯҳлат аз { $trigger } ҳисоб мешавад).
rule-obl-employer-termination-notice = то { $deadline } { rule-what-employer-termination-notice } (мӯҳлат аз { $trigger } ҳисоб мешавад).
rule-obl-institution-notice = то { $deadline } { rule-what-institution-notice }.
rule-obl-annual-residence-notice = то { $deadline } барои соли { $year }-ум { rule-what-annual-residence-notice }.
rule-obl-annual-residence-notice-in-person = то { $deadline } барои соли { $year }-ум { rule-what-annual-residence-notice }. Ин дафъа огоҳинома шахсан супорида мешавад.
rule-obl-sign-new-contract = то { $deadline } { rule-what-sign-new-contract }.
rule-obl-leave-by = то { $deadline } { rule-what-leave-by }: асоси будубош ({ $basis }) то ҳамин рӯз (бо ҳамин рӯз) амал мекунад.

## Вайронкуниҳо.
rule-vio-missed-deadline = мӯҳлат гузашт — { $what }. Вайронкунӣ аз { $since }.
rule-vio-stay-limit-exceeded = мӯҳлати будубоши бе раводид (90 рӯз) гузашт. Будубош аз { $since } ғайриқонунӣ аст, аллакай { $days } рӯз. Метавонанд ба феҳристи шахсони назоратшаванда дохил кунанд.
rule-vio-stay-after-basis-ended = асоси будубош ({ $basis }) ба охир расид. Будубош аз { $since } ғайриқонунӣ аст, аллакай { $days } рӯз. Метавонанд ба феҳристи шахсони назоратшаванда дохил кунанд.
rule-vio-patent-voided = пардохти пешакӣ сари вақт нашуд: патент аз { $since } эътибор надорад ва пардохт онро барқарор намекунад.
rule-vio-work-without-permit = кор бе патент ё иҷозати амалкунанда аз { $since }.
rule-vio-work-outside-region = кор берун аз минтақае, ки патент ё РВП амал мекунад, аз { $since }.
rule-vio-entry-during-ban = воридшавӣ { $since } дар давраи манъи воридшавӣ ба муддати { $years } сол (пештар мӯҳлати будубош { $overstay } рӯз зиёд шуда буд). Санҷиш лозим аст.
rule-vio-residence-permit-annulment-risk = огоҳиномаҳои истиқомат 2 сол пай дар пай супорида нашуданд: аз { $since } иҷозати истиқоматро метавонанд бекор кунанд.

## Вазифаҳои нозир.
rule-task-missed-check-in = Аз { $last } қайд нест: ёдрас фиристода шуд; бо шахс тамос гиред. Ҷазои худкор нест.
rule-task-check-in-address-mismatch = Қайди { $due } бо суроғаи эълоншуда мувофиқат накард: суроғаро санҷед.
rule-task-review-rkl-candidate = Будубош аз { $due } ғайриқонунӣ аст: дохил кардан ба феҳристи шахсони назоратшавандаро баррасӣ кунед (қарори нозир).
rule-task-patent-issue-overdue = Патент дар муддати 10 рӯзи корӣ расмӣ нашуд (аз { $due }): аризаро санҷед.
rule-task-document-expired = Шиноснома аз { $due } беэътибор аст: ҳуҷҷати амалкунанда лозим.
rule-task-review-annulment = Хатари бекор кардани иҷозати истиқомат аз { $due }: маводро баррасӣ кунед.
rule-task-verify-entry-ban = Воридшавӣ { $due } дар давраи манъи ҳисобшудаи воридшавӣ ({ $years } сол): бо маълумоти ВКД муқоиса кунед.
rule-task-missing-entry = Санаи воридшавӣ маълум нест: маълумоти убури сарҳадро ворид кунед.

## Манъи воридшавӣ.
rule-ban-projected = Мӯҳлати қонунии будубош { $days } рӯз зиёд шуд. Агар { $from } баромада равед, воридшавӣ ба муддати { $years } сол, то { $until }, манъ мешавад. Қарорро ВКД қабул мекунад.
rule-ban-actual = Ҳангоми баромадан { $from } мӯҳлати будубош { $days } рӯз зиёд шуда буд: воридшавӣ ба муддати { $years } сол, то { $until }, манъ аст. Қарорро ВКД қабул мекунад.

## Истинод ба қонун: санад ва модда, қисм, банд, сархат.
law-ref = { $act }, { $provision }
law-article = моддаи { $n }
law-part = қисми { $n }
law-point = банди { $n }
law-para = сархати { $n }
law-act-fz109 = 109-ФЗ
law-act-fz114 = 114-ФЗ
law-act-fz115 = 115-ФЗ
law-act-koap = Кодекси ҳуқуқвайронкунии маъмурии ФР
law-act-nk = Кодекси андози ФР
law-act-eaeu-treaty = Шартнома дар бораи ИИАО аз 29.05.2014
law-act-agreement-tajikistan = Созишномаи Русия ва Тоҷикистон аз 08.02.2013
law-act-agreement-uzbekistan = Созишномаи Русия ва Ӯзбекистон аз соли 2021
law-act-agreement-belarus = Созишномаи Русия ва Беларус аз 24.01.2006
law-act-mvd-regulation-2025 = Низомномаи маъмурии ВКД аз 05.02.2025
law-act-gov-decree-1756 = Қарори Ҳукумати ФР аз 21.10.2023 № 1756
law-act-fz121 = Қонуни федералӣ аз 23.05.2025 № 121-ФЗ
law-act-fz260 = Қонуни федералӣ аз 08.08.2024 № 260-ФЗ
law-act-gov-decree-1510 = Қарори Ҳукумати ФР аз 07.11.2024 № 1510
law-act-fz274 = Қонуни федералӣ аз 01.07.2021 № 274-ФЗ
law-act-health-order-1079 = Фармони Вазорати тандурустии Русия аз 19.11.2021 № 1079н
law-act-exam-certificate-rules = Қоидаҳои додани сертификати имтиҳон
law-act-fz135 = Қонуни федералӣ аз 24.04.2020 № 135-ФЗ
law-act-moscow-coefficient-law = Қонуни шаҳри Маскав дар бораи коэффитсиенти минтақавӣ
law-act-tatarstan-coefficient-law = Қонуни Ҷумҳурии Тотористон дар бораи коэффитсиенти минтақавӣ
law-act-regional-laws = Қонунҳои минтақаҳо дар бораи коэффитсиентҳо
law-act-fz270-271 = Қонунҳои федералӣ аз 31.07.2025 № 270-ФЗ ва № 271-ФЗ
law-act-draft-law = Лоиҳаи қонун (эътибор пайдо накардааст)
law-act-presidential-decrees = Фармонҳои Президенти ФР аз 30.12.2024 № 1126 ва аз 28.04.2025 № 272
law-act-mvd-institution-order = Фармони ВКД дар бораи огоҳиномаҳои муассисаҳои таълимӣ
law-act-fz16 = Қонуни федералӣ аз 06.02.2020 № 16-ФЗ
law-act-fz257 = Қонуни федералӣ аз 02.08.2019 № 257-ФЗ
law-act-gov-decree-1643 = Қарори Ҳукумати ФР аз 16.09.2022 № 1643
law-act-mvd-order-978 = Фармони ВКД Русия аз 26.10.2022 № 978
