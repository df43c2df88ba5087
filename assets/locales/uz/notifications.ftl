# Bildirishnomalar: muddatlar, patent toʻlovi va qabulga yozilish haqida eslatmalar (server::notify).
# X shabloni ikki xabardan iborat: X-subject (xat mavzusi, kabinetdagi sarlavha) va X-body.
# (Step names repeat in each message: a Fluent term takes only literal arguments, not $step.)

reminder-deadline-subject = Muddat: { $step ->
        [registration] migratsiya hisobi (boʻlish joyida roʻyxatdan oʻtish)
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
        [patent_payment] patent toʻlovi
        [employer_notice] ish beruvchining xabarnomasi
        [institution_notice] oʻquv yurtining xabarnomasi
        [residence_notice] yashash haqida yillik xabarnoma
        [new_contract] yangi mehnat shartnomasi
        [check_in] boʻlish joyida belgi qoʻydirish
        [leave_by] Rossiyadan chiqib ketish
       *[other] keyingi qadam
    } — { $date } gacha
reminder-deadline-body = Eslatma: { $step ->
        [registration] migratsiya hisobi (boʻlish joyida roʻyxatdan oʻtish)
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
        [patent_payment] patent toʻlovi
        [employer_notice] ish beruvchining xabarnomasi
        [institution_notice] oʻquv yurtining xabarnomasi
        [residence_notice] yashash haqida yillik xabarnoma
        [new_contract] yangi mehnat shartnomasi
        [check_in] boʻlish joyida belgi qoʻydirish
        [leave_by] Rossiyadan chiqib ketish
       *[other] keyingi qadam
    } — { $date } (shu kun ham) gacha bajarilishi kerak. { $days ->
        [0] Bugun oxirgi kun.
       *[other] { $days } kun qoldi.
    } Qabulga shaxsiy kabinetda yozilishingiz mumkin.

reminder-payment-subject = Patent toʻlovi — { $date } gacha
reminder-payment-body = Patent boʻyicha navbatdagi avans toʻlovi — { $amount } rubl — { $date } (shu kun ham) gacha toʻlanishi kerak. { $days ->
        [0] Bugun oxirgi kun.
       *[other] { $days } kun qoldi.
    } Oʻz vaqtida toʻlanmasa, patent amal qilishdan toʻxtaydi.

reminder-booking-subject = Ertaga soat { $time } da: { $step ->
        [registration] migratsiya hisobi (boʻlish joyida roʻyxatdan oʻtish)
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
        [patent_payment] patent toʻlovi
        [employer_notice] ish beruvchining xabarnomasi
        [institution_notice] oʻquv yurtining xabarnomasi
        [residence_notice] yashash haqida yillik xabarnoma
        [new_contract] yangi mehnat shartnomasi
        [check_in] boʻlish joyida belgi qoʻydirish
        [leave_by] Rossiyadan chiqib ketish
       *[other] keyingi qadam
    }
reminder-booking-body = Eslatma: ertaga, { $date } kuni soat { $time } da sizni kutishadi — { $step ->
        [registration] migratsiya hisobi (boʻlish joyida roʻyxatdan oʻtish)
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
        [patent_payment] patent toʻlovi
        [employer_notice] ish beruvchining xabarnomasi
        [institution_notice] oʻquv yurtining xabarnomasi
        [residence_notice] yashash haqida yillik xabarnoma
        [new_contract] yangi mehnat shartnomasi
        [check_in] boʻlish joyida belgi qoʻydirish
        [leave_by] Rossiyadan chiqib ketish
       *[other] keyingi qadam
    }. Manzil: { $place }. Pasportingiz va uning rus tiliga tarjimasini olib keling. Kela olmasangiz, yozuvni shaxsiy kabinetda bekor qiling yoki boshqa vaqtga koʻchiring.

## Booking confirmations (store::booking: queued with the booking, cancellation or move)

booking-confirmed-subject = Siz yozildingiz: { $date }, soat { $time }
booking-confirmed-body = Siz { $date } kuni soat { $time } ga yozildingiz: { $step ->
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
       *[other] qabul
    }. Manzil: { $place }. Pasportingiz va uning rus tiliga tarjimasini olib keling. Yozuvni shaxsiy kabinetda bekor qilish yoki koʻchirish mumkin.
booking-cancelled-subject = Yozuv bekor qilindi: { $date }, soat { $time }
booking-cancelled-body = { $date } kuni soat { $time } dagi yozuvingiz bekor qilindi: { $step ->
        [medical_exam] tibbiy koʻrik
        [fingerprinting] daktiloskopiya va suratga tushish
        [language_exam] rus tili, Rossiya tarixi va qonunchilik asoslari boʻyicha imtihon
        [health_insurance] ixtiyoriy tibbiy sugʻurta polisi (DMS)
        [patent_application] patent uchun ariza
        [patent_issue] patentni olish
       *[other] qabul
    }, { $place }. Qayta yozilish uchun shaxsiy kabinetga kiring.

# A slot the point closed (a holiday, a broken machine): the person's booking in it is cancelled.
booking-closed-subject = Punkt qabulni bekor qildi: { $date }, soat { $time }
booking-closed-body = Qabul punkti bu vaqtni yopdi, kelishingiz shart emas. { booking-cancelled-body }
