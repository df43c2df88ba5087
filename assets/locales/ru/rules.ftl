# Объяснения выводов движка правового статуса (crates/rules/src/message.rs, crates/rules/src/legal.rs).
# Даты в аргументах уже отформатированы для языка страницы.

## Рамки: кто действует, что нужно сделать, состояние.
rule-obligation-line = { $party }: { $text } { $state }
rule-violation-line = { $party }: { $text }
rule-remedied = Устранено { $remedied }.
rule-source = Основание: { $source }

rule-party-foreigner = Иностранный гражданин
rule-party-host-party = Принимающая сторона
rule-party-employer = Работодатель
rule-party-institution = Образовательная организация
rule-party-mvd = МВД

rule-basis-visa-free = безвизовый срок пребывания
rule-basis-patent = патент
rule-basis-patent-reissue-pending = рассмотрение заявления о переоформлении патента
rule-basis-work-permit = разрешение на работу
rule-basis-rvp = разрешение на временное проживание (РВП)
rule-basis-vnzh = вид на жительство (ВНЖ)
rule-basis-study = обучение
rule-basis-eaeu-contract = трудовой договор (ЕАЭС)
rule-basis-eaeu-new-contract-window = 15 дней на новый трудовой договор (ЕАЭС)

rule-state-open = { $days ->
    [0] Сегодня последний день.
    [one] Остался { $days } день.
    [few] Осталось { $days } дня.
   *[many] Осталось { $days } дней.
}
rule-state-fulfilled = Сделано { $done }.
rule-state-fulfilled-late = Сделано с опозданием, { $done }.
rule-state-missed = Срок пропущен.

## Что нужно сделать.
rule-what-register-stay = подать уведомление о прибытии (встать на миграционный учёт)
rule-what-register-new-address = подать уведомление о прибытии по новому адресу
rule-what-extend-registration = продлить миграционный учёт
rule-what-check-in = отметиться в личном кабинете (подтвердить адрес)
rule-what-apply-for-patent = подать заявление на патент
rule-what-fingerprinting = пройти дактилоскопию и фотографирование
rule-what-medical-exam = пройти медицинское освидетельствование
rule-what-repeat-medical-exam = пройти повторное медицинское освидетельствование
rule-what-pay-patent-advance = оплатить следующий месяц патента (авансовый платёж)
rule-what-reissue-patent = подать заявление на переоформление патента
rule-what-issue-patent = оформить патент
rule-what-employer-hire-notice = уведомить МВД о заключении трудового договора
rule-what-employer-termination-notice = уведомить МВД о расторжении трудового договора
rule-what-institution-notice = уведомить МВД об отчислении или окончании обучения
rule-what-annual-residence-notice = подать ежегодное уведомление о подтверждении проживания
rule-what-sign-new-contract = заключить новый трудовой договор
rule-what-leave-by = выехать из России или получить новое законное основание

## Обязанности: что и до какого дня.
rule-obl-register-stay = { rule-what-register-stay } не позднее { $deadline }.
rule-obl-register-new-address = { rule-what-register-new-address } не позднее { $deadline }.
rule-obl-extend-registration = { rule-what-extend-registration } не позднее { $deadline }.
rule-obl-check-in = { rule-what-check-in } не позднее { $deadline }. Если пропустить отметку, придёт напоминание; наказания за это нет.
rule-obl-apply-for-patent = { rule-what-apply-for-patent } не позднее { $deadline } (срок считается с { $trigger }).
rule-obl-fingerprinting = { rule-what-fingerprinting } не позднее { $deadline }.
rule-obl-medical-exam = { rule-what-medical-exam } не позднее { $deadline }.
rule-obl-repeat-medical-exam = { rule-what-repeat-medical-exam } не позднее { $deadline }.
rule-obl-pay-patent-advance = { rule-what-pay-patent-advance }: { $amount } руб. не позднее { $deadline }. Если не оплатить вовремя, патент перестанет действовать с { $lapse }, и оплата его уже не восстановит.
rule-obl-pay-patent-advance-no-amount = { rule-what-pay-patent-advance } не позднее { $deadline }. Сумму для вашего региона уточните в миграционном центре.
rule-obl-reissue-patent = { rule-what-reissue-patent } не позднее { $deadline }.
rule-obl-issue-patent = { rule-what-issue-patent } не позднее { $deadline } (срок считается с { $trigger }).
rule-obl-employer-hire-notice = { rule-what-employer-hire-notice } не позднее { $deadline } (срок считается с { $trigger }).
rule-obl-employer-termination-notice = { rule-what-employer-termination-notice } не позднее { $deadline } (срок считается с { $trigger }).
rule-obl-institution-notice = { rule-what-institution-notice } не позднее { $deadline }.
rule-obl-annual-residence-notice = { rule-what-annual-residence-notice } за { $year }-й год не позднее { $deadline }.
rule-obl-annual-residence-notice-in-person = { rule-what-annual-residence-notice } за { $year }-й год не позднее { $deadline }. В этот раз уведомление подаётся лично.
rule-obl-sign-new-contract = { rule-what-sign-new-contract } не позднее { $deadline }.
rule-obl-leave-by = { rule-what-leave-by } не позднее { $deadline }: основание пребывания ({ $basis }) действует по этот день включительно.

## Нарушения.
rule-vio-missed-deadline = пропущен срок — { $what }. Нарушение с { $since }.
rule-vio-stay-limit-exceeded = превышен срок безвизового пребывания (90 дней). Пребывание незаконно с { $since }, уже { $days } дн. Возможно включение в реестр контролируемых лиц.
rule-vio-stay-after-basis-ended = закончилось основание пребывания ({ $basis }). Пребывание незаконно с { $since }, уже { $days } дн. Возможно включение в реестр контролируемых лиц.
rule-vio-patent-voided = авансовый платёж не внесён вовремя: патент перестал действовать с { $since }, и оплата его уже не восстановит.
rule-vio-work-without-permit = работа без действующего патента или разрешения с { $since }.
rule-vio-work-outside-region = работа вне региона, где действует патент или РВП, с { $since }.
rule-vio-entry-during-ban = въезд { $since } в период запрета въезда на { $years } { $years ->
    [one] год
    [few] года
   *[many] лет
} (срок пребывания ранее превышен на { $overstay } дн.). Нужна проверка.
rule-vio-residence-permit-annulment-risk = уведомления о проживании не поданы 2 года подряд: с { $since } вид на жительство могут аннулировать.

## Задачи инспектора.
rule-task-missed-check-in = Нет отметки с { $last }: отправлено напоминание; связаться с человеком. Автоматических санкций нет.
rule-task-check-in-address-mismatch = Отметка { $due } не совпала с заявленным адресом: проверить адрес.
rule-task-review-rkl-candidate = Пребывание незаконно с { $due }: рассмотреть включение в реестр контролируемых лиц (решение инспектора).
rule-task-patent-issue-overdue = Патент не оформлен в срок 10 рабочих дней (с { $due }): проверить заявление.
rule-task-document-expired = Паспорт недействителен с { $due }: нужен действующий документ.
rule-task-review-annulment = Риск аннулирования ВНЖ с { $due }: рассмотреть материалы.
rule-task-verify-entry-ban = Въезд { $due } в период расчётного запрета въезда ({ $years } { $years ->
    [one] год
    [few] года
   *[many] лет
}): сверить с данными МВД.
rule-task-missing-entry = Дата въезда неизвестна: внести данные о пересечении границы.

## Запрет въезда.
rule-ban-projected = Срок законного пребывания превышен на { $days } дн. При выезде { $from } будет закрыт въезд на { $years } { $years ->
    [one] год
    [few] года
   *[many] лет
}, до { $until }. Решение принимает МВД.
rule-ban-actual = При выезде { $from } срок пребывания был превышен на { $days } дн.: въезд закрыт на { $years } { $years ->
    [one] год
    [few] года
   *[many] лет
}, до { $until }. Решение принимает МВД.

## Ссылки на закон: акт и статья, часть, пункт, абзац.
law-ref = { $act } { $provision }
law-article = ст. { $n }
law-part = ч. { $n }
law-point = п. { $n }
law-para = абз. { $n }
law-act-fz109 = 109-ФЗ
law-act-fz114 = 114-ФЗ
law-act-fz115 = 115-ФЗ
law-act-koap = КоАП РФ
law-act-nk = НК РФ
law-act-eaeu-treaty = Договор о ЕАЭС от 29.05.2014
law-act-agreement-tajikistan = Соглашение России и Таджикистана от 08.02.2013
law-act-agreement-uzbekistan = Соглашение России и Узбекистана 2021 года
law-act-agreement-belarus = Соглашение России и Беларуси от 24.01.2006
law-act-mvd-regulation-2025 = Административный регламент МВД от 05.02.2025
law-act-gov-decree-1756 = Постановление Правительства РФ от 21.10.2023 № 1756
law-act-fz121 = Федеральный закон от 23.05.2025 № 121-ФЗ
law-act-fz260 = Федеральный закон от 08.08.2024 № 260-ФЗ
law-act-gov-decree-1510 = Постановление Правительства РФ от 07.11.2024 № 1510
law-act-fz274 = Федеральный закон от 01.07.2021 № 274-ФЗ
law-act-health-order-1079 = Приказ Минздрава России от 19.11.2021 № 1079н
law-act-exam-certificate-rules = Правила выдачи сертификата об экзамене
law-act-fz135 = Федеральный закон от 24.04.2020 № 135-ФЗ
law-act-moscow-coefficient-law = Закон города Москвы о региональном коэффициенте
law-act-tatarstan-coefficient-law = Закон Республики Татарстан о региональном коэффициенте
law-act-regional-laws = Законы субъектов РФ о коэффициентах
law-act-fz270-271 = Федеральные законы от 31.07.2025 № 270-ФЗ и № 271-ФЗ
law-act-draft-law = Законопроект (не вступил в силу)
law-act-presidential-decrees = Указы Президента РФ от 30.12.2024 № 1126 и от 28.04.2025 № 272
law-act-mvd-institution-order = Приказ МВД об уведомлениях образовательных организаций
law-act-fz16 = Федеральный закон от 06.02.2020 № 16-ФЗ
law-act-fz257 = Федеральный закон от 02.08.2019 № 257-ФЗ
law-act-gov-decree-1643 = Постановление Правительства РФ от 16.09.2022 № 1643
law-act-mvd-order-978 = Приказ МВД России от 26.10.2022 № 978
