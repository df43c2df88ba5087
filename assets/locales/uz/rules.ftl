# Huquqiy maqom mexanizmi xulosalarining izohlari (crates/rules/src/message.rs, crates/rules/src/legal.rs).
# Argumentlardagi sanalar sahifa tiliga moslab yozilgan.

## Ramkalar: kim harakat qiladi, nima qilish kerak, holat.
rule-obligation-line = { $party }: { $text } { $state }
rule-violation-line = { $party }: { $text }
rule-remedied = { $remedied } da bartaraf etildi.
rule-source = Asos: { $source }

rule-party-foreigner = Chet el fuqarosi
rule-party-host-party = Qabul qiluvchi tomon
rule-party-employer = Ish beruvchi
rule-party-institution = Taʼlim muassasasi
rule-party-mvd = Rossiya IIV

rule-basis-visa-free = vizasiz boʻlish muddati
rule-basis-patent = ishlash uchun patent
rule-basis-patent-reissue-pending = patentni qayta rasmiylashtirish arizasi koʻrib chiqilmoqda
rule-basis-work-permit = ishlashga ruxsatnoma
rule-basis-rvp = vaqtincha yashash uchun ruxsatnoma (RVP)
rule-basis-vnzh = yashash guvohnomasi (VNJ)
rule-basis-study = oʻqish
rule-basis-eaeu-contract = mehnat shartnomasi (YeOII)
rule-basis-eaeu-new-contract-window = yangi mehnat shartnomasi uchun 15 kun (YeOII)

rule-state-open = { $days ->
    [0] Bugun oxirgi kun.
   *[other] { $days } kun qoldi.
}
rule-state-fulfilled = Bajarildi: { $done }.
rule-state-fulfilled-late = Kechikib bajarildi: { $done }.
rule-state-missed = Muddat oʻtib ketdi.

## Nima qilish kerak.
rule-what-register-stay = kelganlik haqida xabarnoma berish (migratsiya hisobiga turish)
rule-what-register-new-address = yangi manzil boʻyicha kelganlik haqida xabarnoma berish
rule-what-extend-registration = migratsiya hisobini uzaytirish
rule-what-check-in = shaxsiy kabinetda belgi qoʻyish (manzilni tasdiqlash)
rule-what-apply-for-patent = patent olish uchun ariza berish
rule-what-fingerprinting = barmoq izi topshirish va suratga tushish
rule-what-medical-exam = tibbiy koʻrikdan oʻtish
rule-what-repeat-medical-exam = takroriy tibbiy koʻrikdan oʻtish
rule-what-pay-patent-advance = patentning keyingi oyi uchun toʻlash (avans toʻlovi)
rule-what-reissue-patent = patentni qayta rasmiylashtirish uchun ariza berish
rule-what-issue-patent = patentni rasmiylashtirish
rule-what-employer-hire-notice = mehnat shartnomasi tuzilgani haqida IIVga xabar berish
rule-what-employer-termination-notice = mehnat shartnomasi bekor qilingani haqida IIVga xabar berish
rule-what-institution-notice = oʻqishdan chetlatish yoki oʻqish tugagani haqida IIVga xabar berish
rule-what-annual-residence-notice = yashashni tasdiqlovchi yillik xabarnoma berish
rule-what-sign-new-contract = yangi mehnat shartnomasi tuzish
rule-what-leave-by = Rossiyadan chiqib ketish yoki yangi qonuniy asos olish

## Majburiyatlar: nima va qaysi kungacha.
rule-obl-register-stay = { $deadline } dan kechiktirmay { rule-what-register-stay }.
rule-obl-register-new-address = { $deadline } dan kechiktirmay { rule-what-register-new-address }.
rule-obl-extend-registration = { $deadline } dan kechiktirmay { rule-what-extend-registration }.
rule-obl-check-in = { $deadline } dan kechiktirmay { rule-what-check-in }. Belgi qoʻyilmasa, faqat eslatma keladi; buning uchun jazo yoʻq.
rule-obl-apply-for-patent = { $deadline } dan kechiktirmay { rule-what-apply-for-patent } (muddat { $trigger } dan hisoblanadi).
rule-obl-fingerprinting = { $deadline } dan kechiktirmay { rule-what-fingerprinting }.
rule-obl-medical-exam = { $deadline } dan kechiktirmay { rule-what-medical-exam }.
rule-obl-repeat-medical-exam = { $deadline } dan kechiktirmay { rule-what-repeat-medical-exam }.
rule-obl-pay-patent-advance = { $deadline } dan kechiktirmay { rule-what-pay-patent-advance }: { $amount } rubl. Vaqtida toʻlanmasa, patent { $lapse } dan boshlab amal qilmaydi va keyin toʻlash uni tiklamaydi.
rule-obl-pay-patent-advance-no-amount = { $deadline } dan kechiktirmay { rule-what-pay-patent-advance }. Hududingiz uchun summani migratsiya markazidan soʻrang.
rule-obl-reissue-patent = { $deadline } dan kechiktirmay { rule-what-reissue-patent }.
rule-obl-issue-patent = { $deadline } dan kechiktirmay { rule-what-issue-patent } (muddat { $trigger } dan hisoblanadi).
rule-obl-employer-hire-notice = { $deadline } dan kechiktirmay { rule-what-employer-hire-notice } (muddat { $trigger } dan hisoblanadi).
rule-obl-employer-termination-notice = { $deadline } dan kechiktirmay { rule-what-employer-termination-notice } (muddat { $trigger } dan hisoblanadi).
rule-obl-institution-notice = { $deadline } dan kechiktirmay { rule-what-institution-notice }.
rule-obl-annual-residence-notice = { $deadline } dan kechiktirmay { $year }-yil uchun { rule-what-annual-residence-notice }.
rule-obl-annual-residence-notice-in-person = { $deadline } dan kechiktirmay { $year }-yil uchun { rule-what-annual-residence-notice }. Bu safar xabarnoma shaxsan topshiriladi.
rule-obl-sign-new-contract = { $deadline } dan kechiktirmay { rule-what-sign-new-contract }.
rule-obl-leave-by = { $deadline } dan kechiktirmay { rule-what-leave-by }: boʻlish asosi ({ $basis }) shu kungacha (shu kun ham) amal qiladi.

## Qoidabuzarliklar.
rule-vio-missed-deadline = muddat oʻtkazib yuborildi — { $what }. Qoidabuzarlik { $since } dan beri.
rule-vio-stay-limit-exceeded = vizasiz boʻlish muddati (90 kun) oshib ketdi. { $since } dan beri boʻlish noqonuniy, { $days } kun boʻldi. Nazoratdagi shaxslar reyestriga kiritilishi mumkin.
rule-vio-stay-after-basis-ended = boʻlish asosi ({ $basis }) tugadi. { $since } dan beri boʻlish noqonuniy, { $days } kun boʻldi. Nazoratdagi shaxslar reyestriga kiritilishi mumkin.
rule-vio-patent-voided = avans toʻlovi vaqtida toʻlanmadi: patent { $since } dan boshlab amal qilmaydi va toʻlash uni tiklamaydi.
rule-vio-work-without-permit = { $since } dan beri amaldagi patent yoki ruxsatnomasiz ishlash.
rule-vio-work-outside-region = { $since } dan beri patent yoki RVP amal qiladigan hududdan tashqarida ishlash.
rule-vio-entry-during-ban = { $since } da { $years } yillik kirish taqiqi davrida kirish (avval boʻlish muddati { $overstay } kunga oshirilgan). Tekshirish kerak.
rule-vio-residence-permit-annulment-risk = yashash haqidagi xabarnomalar 2 yil ketma-ket berilmadi: { $since } dan beri yashash guvohnomasi bekor qilinishi mumkin.

## Inspektor vazifalari.
rule-task-missed-check-in = { $last } dan beri belgi yoʻq: eslatma yuborildi; shaxs bilan bogʻlaning. Avtomatik jazo yoʻq.
rule-task-check-in-address-mismatch = { $due } dagi belgi eʼlon qilingan manzilga mos kelmadi: manzilni tekshiring.
rule-task-review-rkl-candidate = { $due } dan beri boʻlish noqonuniy: nazoratdagi shaxslar reyestriga kiritishni koʻrib chiqing (inspektor qarori).
rule-task-patent-issue-overdue = Patent 10 ish kuni ichida rasmiylashtirilmadi ({ $due } dan beri): arizani tekshiring.
rule-task-document-expired = Pasport { $due } dan beri yaroqsiz: amaldagi hujjat kerak.
rule-task-review-annulment = { $due } dan beri yashash guvohnomasini bekor qilish xavfi: materiallarni koʻrib chiqing.
rule-task-verify-entry-ban = { $due } da hisoblangan kirish taqiqi ({ $years } yil) davrida kirish: IIV maʼlumotlari bilan solishtiring.
rule-task-missing-entry = Kirish sanasi nomaʼlum: chegarani kesib oʻtish maʼlumotini kiriting.

## Kirish taqiqi.
rule-ban-projected = Qonuniy boʻlish muddati { $days } kunga oshib ketdi. { $from } da chiqib ketilsa, { $until } gacha { $years } yilga kirish taqiqlanadi. Qarorni IIV qabul qiladi.
rule-ban-actual = { $from } da chiqishda boʻlish muddati { $days } kunga oshirilgan edi: { $until } gacha { $years } yilga kirish taqiqlangan. Qarorni IIV qabul qiladi.

## Qonunga havolalar: hujjat va modda, qism, band, xatboshi.
law-ref = { $act } { $provision }
law-article = { $n }-modda
law-part = { $n }-qism
law-point = { $n }-band
law-para = { $n }-xatboshi
law-act-fz109 = 109-FZ
law-act-fz114 = 114-FZ
law-act-fz115 = 115-FZ
law-act-koap = RF MJtK (Maʼmuriy huquqbuzarliklar kodeksi)
law-act-nk = RF Soliq kodeksi
law-act-eaeu-treaty = 29.05.2014 dagi YeOII toʻgʻrisidagi shartnoma
law-act-agreement-tajikistan = Rossiya va Tojikiston oʻrtasidagi 08.02.2013 dagi bitim
law-act-agreement-uzbekistan = Rossiya va Oʻzbekiston oʻrtasidagi 2021-yilgi bitim
law-act-agreement-belarus = Rossiya va Belarus oʻrtasidagi 24.01.2006 dagi bitim
law-act-mvd-regulation-2025 = IIVning 05.02.2025 dagi maʼmuriy reglamenti
law-act-gov-decree-1756 = RF Hukumatining 21.10.2023 dagi 1756-son qarori
law-act-fz121 = 23.05.2025 dagi 121-FZ federal qonun
law-act-fz260 = 08.08.2024 dagi 260-FZ federal qonun
law-act-gov-decree-1510 = RF Hukumatining 07.11.2024 dagi 1510-son qarori
law-act-fz274 = 01.07.2021 dagi 274-FZ federal qonun
law-act-health-order-1079 = Rossiya Sogʻliqni saqlash vazirligining 19.11.2021 dagi 1079n-son buyrugʻi
law-act-exam-certificate-rules = Imtihon sertifikatini berish qoidalari
law-act-fz135 = 24.04.2020 dagi 135-FZ federal qonun
law-act-moscow-coefficient-law = Moskva shahrining hududiy koeffitsiyent toʻgʻrisidagi qonuni
law-act-tatarstan-coefficient-law = Tatariston Respublikasining hududiy koeffitsiyent toʻgʻrisidagi qonuni
law-act-regional-laws = Hududlarning koeffitsiyentlar toʻgʻrisidagi qonunlari
law-act-fz270-271 = 31.07.2025 dagi 270-FZ va 271-FZ federal qonunlar
law-act-draft-law = Qonun loyihasi (kuchga kirmagan)
law-act-presidential-decrees = RF Prezidentining 30.12.2024 dagi 1126-son va 28.04.2025 dagi 272-son farmonlari
law-act-mvd-institution-order = Taʼlim muassasalari xabarnomalari toʻgʻrisidagi IIV buyrugʻi
law-act-fz16 = 06.02.2020 dagi 16-FZ federal qonun
law-act-fz257 = 02.08.2019 dagi 257-FZ federal qonun
law-act-gov-decree-1643 = RF Hukumatining 16.09.2022 dagi 1643-son qarori
law-act-mvd-order-978 = Rossiya IIVning 26.10.2022 dagi 978-son buyrugʻi
