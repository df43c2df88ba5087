# Огоҳиномаҳо: хотиррасонӣ дар бораи мӯҳлатҳо, пардохти патент ва сабт барои қабул (server::notify).
# Қолаби X аз ду паём иборат аст: X-subject (мавзӯи мактуб, сарлавҳа дар кабинет) ва X-body.
# (Step names repeat in each message: a Fluent term takes only literal arguments, not $step.)

reminder-deadline-subject = Мӯҳлат: { $step ->
        [registration] бақайдгирии муҳоҷиратӣ (қайд дар ҷойи будубош)
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
        [patent_payment] пардохти патент
        [employer_notice] огоҳиномаи корфармо
        [institution_notice] огоҳиномаи муассисаи таълимӣ
        [residence_notice] огоҳиномаи солона дар бораи истиқомат
        [new_contract] шартномаи нави меҳнатӣ
        [check_in] қайд дар ҷойи будубош
        [leave_by] баромадан аз Русия
       *[other] қадами навбатӣ
    } — то { $date }
reminder-deadline-body = Хотиррасонӣ: { $step ->
        [registration] бақайдгирии муҳоҷиратӣ (қайд дар ҷойи будубош)
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
        [patent_payment] пардохти патент
        [employer_notice] огоҳиномаи корфармо
        [institution_notice] огоҳиномаи муассисаи таълимӣ
        [residence_notice] огоҳиномаи солона дар бораи истиқомат
        [new_contract] шартномаи нави меҳнатӣ
        [check_in] қайд дар ҷойи будубош
        [leave_by] баромадан аз Русия
       *[other] қадами навбатӣ
    } — бояд то { $date } (бо ҳамин рӯз) анҷом дода шавад. { $days ->
        [0] Имрӯз рӯзи охирин аст.
       *[other] { $days } рӯз монд.
    } Барои қабул метавонед дар кабинети шахсӣ сабт шавед.

reminder-payment-subject = Пардохти патент — то { $date }
reminder-payment-body = Пардохти навбатии пешакии патент — { $amount } рубл — бояд то { $date } (бо ҳамин рӯз) пардохт шавад. { $days ->
        [0] Имрӯз рӯзи охирин аст.
       *[other] { $days } рӯз монд.
    } Агар сари вақт пардохт нашавад, патент эътибори худро гум мекунад.

reminder-booking-subject = Пагоҳ соати { $time }: { $step ->
        [registration] бақайдгирии муҳоҷиратӣ (қайд дар ҷойи будубош)
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
        [patent_payment] пардохти патент
        [employer_notice] огоҳиномаи корфармо
        [institution_notice] огоҳиномаи муассисаи таълимӣ
        [residence_notice] огоҳиномаи солона дар бораи истиқомат
        [new_contract] шартномаи нави меҳнатӣ
        [check_in] қайд дар ҷойи будубош
        [leave_by] баромадан аз Русия
       *[other] қадами навбатӣ
    }
reminder-booking-body = Хотиррасонӣ: пагоҳ, { $date }, соати { $time } шуморо интизоранд — { $step ->
        [registration] бақайдгирии муҳоҷиратӣ (қайд дар ҷойи будубош)
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
        [patent_payment] пардохти патент
        [employer_notice] огоҳиномаи корфармо
        [institution_notice] огоҳиномаи муассисаи таълимӣ
        [residence_notice] огоҳиномаи солона дар бораи истиқомат
        [new_contract] шартномаи нави меҳнатӣ
        [check_in] қайд дар ҷойи будубош
        [leave_by] баромадан аз Русия
       *[other] қадами навбатӣ
    }. Ҷой: { $place }. Шиносномаатон ва тарҷумаи русии онро гиред. Агар омада натавонед, сабтро дар кабинети шахсӣ бекор кунед ё ба вақти дигар гузаронед.

## Booking confirmations (store::booking: queued with the booking, cancellation or move)

booking-confirmed-subject = Шумо сабт шудед: { $date }, соати { $time }
booking-confirmed-body = Шумо ба { $date }, соати { $time } сабт шудед: { $step ->
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
       *[other] қабул
    }. Ҷой: { $place }. Шиносномаатон ва тарҷумаи русии онро гиред. Сабтро дар кабинети шахсӣ бекор кардан ё ба вақти дигар гузаронидан мумкин аст.
booking-cancelled-subject = Сабт бекор шуд: { $date }, соати { $time }
booking-cancelled-body = Сабти шумо ба { $date }, соати { $time } бекор шуд: { $step ->
        [medical_exam] муоинаи тиббӣ
        [fingerprinting] дактилоскопия ва аксбардорӣ
        [language_exam] имтиҳон аз забони русӣ, таърихи Русия ва асосҳои қонунгузорӣ
        [health_insurance] полиси суғуртаи ихтиёрии тиббӣ (ДМС)
        [patent_application] ариза барои патент
        [patent_issue] гирифтани патент
       *[other] қабул
    }, { $place }. Аз нав сабт шудан дар кабинети шахсӣ мумкин аст.

# A slot the point closed (a holiday, a broken machine): the person's booking in it is cancelled.
booking-closed-subject = Нуқта қабулро бекор кард: { $date }, соати { $time }
booking-closed-body = Нуқтаи қабул ин вақтро баст, омадан лозим нест. { booking-cancelled-body }
