# Билдирүүлөр: мөөнөттөр, патент үчүн төлөм жана кабыл алууга жазылуу тууралуу эскертүүлөр (server::notify).
# X үлгүсү эки билдирүүдөн турат: X-subject (каттын темасы, кабинеттеги аталышы) жана X-body.
# (Step names repeat in each message: a Fluent term takes only literal arguments, not $step.)

reminder-deadline-subject = Мөөнөт: { $step ->
        [registration] миграциялык каттоо (болгон жери боюнча каттоо)
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
        [patent_payment] патент үчүн төлөм
        [employer_notice] иш берүүчүнүн билдирмеси
        [institution_notice] окуу жайдын билдирмеси
        [residence_notice] жашоо тууралуу жылдык билдирме
        [new_contract] жаңы эмгек келишими
        [check_in] болгон жери боюнча белги коюу
        [leave_by] Россиядан чыгып кетүү
       *[other] кийинки кадам
    } — { $date } чейин
reminder-deadline-body = Эскертүү: { $step ->
        [registration] миграциялык каттоо (болгон жери боюнча каттоо)
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
        [patent_payment] патент үчүн төлөм
        [employer_notice] иш берүүчүнүн билдирмеси
        [institution_notice] окуу жайдын билдирмеси
        [residence_notice] жашоо тууралуу жылдык билдирме
        [new_contract] жаңы эмгек келишими
        [check_in] болгон жери боюнча белги коюу
        [leave_by] Россиядан чыгып кетүү
       *[other] кийинки кадам
    } — { $date } (ушул күндү кошо) чейин аткарылышы керек. { $days ->
        [0] Бүгүн акыркы күн.
       *[other] { $days } күн калды.
    } Кабыл алууга жеке кабинетте жазылсаңыз болот.

reminder-payment-subject = Патент үчүн төлөм — { $date } чейин
reminder-payment-body = Патент боюнча кезектеги аванстык төлөм — { $amount } рубль — { $date } (ушул күндү кошо) чейин төлөнүшү керек. { $days ->
        [0] Бүгүн акыркы күн.
       *[other] { $days } күн калды.
    } Өз убагында төлөнбөсө, патент жараксыз болуп калат.

reminder-booking-subject = Эртең саат { $time }: { $step ->
        [registration] миграциялык каттоо (болгон жери боюнча каттоо)
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
        [patent_payment] патент үчүн төлөм
        [employer_notice] иш берүүчүнүн билдирмеси
        [institution_notice] окуу жайдын билдирмеси
        [residence_notice] жашоо тууралуу жылдык билдирме
        [new_contract] жаңы эмгек келишими
        [check_in] болгон жери боюнча белги коюу
        [leave_by] Россиядан чыгып кетүү
       *[other] кийинки кадам
    }
reminder-booking-body = Эскертүү: эртең, { $date }, саат { $time } сизди күтүшөт — { $step ->
        [registration] миграциялык каттоо (болгон жери боюнча каттоо)
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
        [patent_payment] патент үчүн төлөм
        [employer_notice] иш берүүчүнүн билдирмеси
        [institution_notice] окуу жайдын билдирмеси
        [residence_notice] жашоо тууралуу жылдык билдирме
        [new_contract] жаңы эмгек келишими
        [check_in] болгон жери боюнча белги коюу
        [leave_by] Россиядан чыгып кетүү
       *[other] кийинки кадам
    }. Дареги: { $place }. Паспортуңузду жана анын орус тилиндеги котормосун алып келиңиз. Келе албасаңыз, жазылууну жеке кабинетте жокко чыгарыңыз же башка убакытка которуңуз.

## Booking confirmations (store::booking: queued with the booking, cancellation or move)

booking-confirmed-subject = Сиз жазылдыңыз: { $date }, саат { $time }
booking-confirmed-body = Сиз { $date }, саат { $time } жазылдыңыз: { $step ->
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
       *[other] кабыл алуу
    }. Дареги: { $place }. Паспортуңузду жана анын орус тилиндеги котормосун алып келиңиз. Жазылууну жеке кабинетте жокко чыгарууга же которууга болот.
booking-cancelled-subject = Жазылуу жокко чыгарылды: { $date }, саат { $time }
booking-cancelled-body = { $date }, саат { $time } жазылууңуз жокко чыгарылды: { $step ->
        [medical_exam] медициналык кароо
        [fingerprinting] дактилоскопия жана сүрөткө тартуу
        [language_exam] орус тили, Россиянын тарыхы жана мыйзамдардын негиздери боюнча экзамен
        [health_insurance] ыктыярдуу медициналык камсыздандыруу полиси (ДМС)
        [patent_application] патентке арыз
        [patent_issue] патентти алуу
       *[other] кабыл алуу
    }, { $place }. Кайра жазылуу үчүн жеке кабинетке кириңиз.

# A slot the point closed (a holiday, a broken machine): the person's booking in it is cancelled.
booking-closed-subject = Пункт кабыл алууну жокко чыгарды: { $date }, саат { $time }
booking-closed-body = Кабыл алуу пункту бул убакытты жапты, келүүнүн кереги жок. { booking-cancelled-body }
