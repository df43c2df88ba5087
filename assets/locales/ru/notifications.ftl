# Уведомления: напоминания о сроках, оплате патента и записи на приём (server::notify).
# Шаблон X — это два сообщения: X-subject (тема письма, заголовок в кабинете) и X-body (текст
# письма, SMS и сообщения в кабинете). Аргументы — как в centre::reminders::templates.
# (Step names repeat in each message: a Fluent term takes only literal arguments, not $step.)

reminder-deadline-subject = Срок: { $step ->
        [registration] миграционный учёт (регистрация по месту пребывания)
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
        [patent_payment] оплата патента
        [employer_notice] уведомление работодателя
        [institution_notice] уведомление учебного заведения
        [residence_notice] ежегодное уведомление о проживании
        [new_contract] новый трудовой договор
        [check_in] отметка о пребывании
        [leave_by] выезд из России
       *[other] следующий шаг
    } — до { $date }
reminder-deadline-body = Напоминаем: { $step ->
        [registration] миграционный учёт (регистрация по месту пребывания)
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
        [patent_payment] оплата патента
        [employer_notice] уведомление работодателя
        [institution_notice] уведомление учебного заведения
        [residence_notice] ежегодное уведомление о проживании
        [new_contract] новый трудовой договор
        [check_in] отметка о пребывании
        [leave_by] выезд из России
       *[other] следующий шаг
    } — нужно успеть до { $date } включительно. { $days ->
        [0] Сегодня последний день.
        [one] Остался { $days } день.
        [few] Осталось { $days } дня.
       *[other] Осталось { $days } дней.
    } Записаться на приём можно в личном кабинете.

reminder-payment-subject = Оплата патента — до { $date }
reminder-payment-body = Очередной авансовый платёж по патенту — { $amount } ₽ — нужно внести до { $date } включительно. { $days ->
        [0] Сегодня последний день.
        [one] Остался { $days } день.
        [few] Осталось { $days } дня.
       *[other] Осталось { $days } дней.
    } Без своевременной оплаты патент перестаёт действовать.

reminder-booking-subject = Завтра в { $time }: { $step ->
        [registration] миграционный учёт (регистрация по месту пребывания)
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
        [patent_payment] оплата патента
        [employer_notice] уведомление работодателя
        [institution_notice] уведомление учебного заведения
        [residence_notice] ежегодное уведомление о проживании
        [new_contract] новый трудовой договор
        [check_in] отметка о пребывании
        [leave_by] выезд из России
       *[other] следующий шаг
    }
reminder-booking-body = Напоминаем: завтра, { $date }, в { $time } вас ждут — { $step ->
        [registration] миграционный учёт (регистрация по месту пребывания)
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
        [patent_payment] оплата патента
        [employer_notice] уведомление работодателя
        [institution_notice] уведомление учебного заведения
        [residence_notice] ежегодное уведомление о проживании
        [new_contract] новый трудовой договор
        [check_in] отметка о пребывании
        [leave_by] выезд из России
       *[other] следующий шаг
    }. Место: { $place }. Возьмите паспорт и его перевод на русский язык. Если не сможете прийти, отмените или перенесите запись в личном кабинете.

## Booking confirmations (store::booking: queued with the booking, cancellation or move)

booking-confirmed-subject = Вы записаны: { $date } в { $time }
booking-confirmed-body = Вы записаны на { $date } в { $time }: { $step ->
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
       *[other] приём
    }. Место: { $place }. Возьмите паспорт и его перевод на русский язык. Отменить или перенести запись можно в личном кабинете.
booking-cancelled-subject = Запись отменена: { $date } в { $time }
booking-cancelled-body = Ваша запись на { $date } в { $time } отменена: { $step ->
        [medical_exam] медицинское освидетельствование
        [fingerprinting] дактилоскопия и фотографирование
        [language_exam] экзамен по русскому языку, истории России и основам законодательства
        [health_insurance] полис добровольного медицинского страхования (ДМС)
        [patent_application] заявление на патент
        [patent_issue] получение патента
       *[other] приём
    }, { $place }. Записаться снова можно в личном кабинете.

# A slot the point closed (a holiday, a broken machine): the person's booking in it is cancelled.
booking-closed-subject = Пункт отменил приём: { $date } в { $time }
booking-closed-body = Пункт приёма закрыл это время, приходить не нужно. { booking-cancelled-body }
