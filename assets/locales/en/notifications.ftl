# Notifications: reminders of deadlines, patent payments and booked visits (server::notify).
# A template X is two messages: X-subject (e-mail subject, cabinet title) and X-body.
# (Step names repeat in each message: a Fluent term takes only literal arguments, not $step.)

reminder-deadline-subject = Deadline: { $step ->
        [registration] migration registration at your place of stay
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
        [patent_payment] patent payment
        [employer_notice] employer's notice
        [institution_notice] educational institution's notice
        [residence_notice] annual residence notice
        [new_contract] new employment contract
        [check_in] check-in at your place of stay
        [leave_by] leaving Russia
       *[other] next step
    } by { $date }
reminder-deadline-body = Reminder: { $step ->
        [registration] migration registration at your place of stay
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
        [patent_payment] patent payment
        [employer_notice] employer's notice
        [institution_notice] educational institution's notice
        [residence_notice] annual residence notice
        [new_contract] new employment contract
        [check_in] check-in at your place of stay
        [leave_by] leaving Russia
       *[other] next step
    } must be done by { $date } inclusive. { $days ->
        [0] Today is the last day.
        [one] { $days } day left.
       *[other] { $days } days left.
    } You can book a visit in your personal cabinet.

reminder-payment-subject = Patent payment due by { $date }
reminder-payment-body = The next advance payment for your patent, { $amount } roubles, is due by { $date } inclusive. { $days ->
        [0] Today is the last day.
        [one] { $days } day left.
       *[other] { $days } days left.
    } If it is not paid on time, the patent ceases to be valid.

reminder-booking-subject = Tomorrow at { $time }: { $step ->
        [registration] migration registration at your place of stay
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
        [patent_payment] patent payment
        [employer_notice] employer's notice
        [institution_notice] educational institution's notice
        [residence_notice] annual residence notice
        [new_contract] new employment contract
        [check_in] check-in at your place of stay
        [leave_by] leaving Russia
       *[other] next step
    }
reminder-booking-body = Reminder: tomorrow, { $date }, at { $time } you are expected for: { $step ->
        [registration] migration registration at your place of stay
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
        [patent_payment] patent payment
        [employer_notice] employer's notice
        [institution_notice] educational institution's notice
        [residence_notice] annual residence notice
        [new_contract] new employment contract
        [check_in] check-in at your place of stay
        [leave_by] leaving Russia
       *[other] next step
    }. Place: { $place }. Bring your passport and its Russian translation. If you cannot come, cancel or reschedule in your personal cabinet.

## Booking confirmations (store::booking: queued with the booking, cancellation or move)

booking-confirmed-subject = Booked: { $date } at { $time }
booking-confirmed-body = You are booked for { $date } at { $time }: { $step ->
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
       *[other] appointment
    }. Place: { $place }. Bring your passport and its Russian translation. You can cancel or reschedule in your personal cabinet.
booking-cancelled-subject = Booking cancelled: { $date } at { $time }
booking-cancelled-body = Your booking for { $date } at { $time } is cancelled: { $step ->
        [medical_exam] medical examination
        [fingerprinting] fingerprinting and photograph
        [language_exam] exam in Russian, Russian history and the basics of Russian law
        [health_insurance] voluntary health-insurance policy
        [patent_application] patent application
        [patent_issue] collecting your patent
       *[other] appointment
    }, { $place }. You can book again in your personal cabinet.

# A slot the point closed (a holiday, a broken machine): the person's booking in it is cancelled.
booking-closed-subject = The service point cancelled your visit: { $date } at { $time }
booking-closed-body = The service point has closed this time; please do not come. { booking-cancelled-body }
