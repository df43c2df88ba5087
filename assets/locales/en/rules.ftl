# Explanations of the legal status engine's findings (crates/rules/src/message.rs, crates/rules/src/legal.rs).
# Dates in the arguments are already formatted for the page's language.

## Frames: who acts, what is due, the state.
rule-obligation-line = { $party }: { $text } { $state }
rule-violation-line = { $party }: { $text }
rule-remedied = Remedied on { $remedied }.
rule-source = Legal basis: { $source }

rule-party-foreigner = The foreign national
rule-party-host-party = The host party
rule-party-employer = The employer
rule-party-institution = The educational institution
rule-party-mvd = The Interior Ministry (MVD)

rule-basis-visa-free = the visa-free stay allowance
rule-basis-patent = the work patent
rule-basis-patent-reissue-pending = the pending patent re-issue application
rule-basis-work-permit = the work permit
rule-basis-rvp = the temporary residence permit (RVP)
rule-basis-vnzh = the residence permit (VNZh)
rule-basis-study = studies
rule-basis-eaeu-contract = the employment contract (EAEU)
rule-basis-eaeu-new-contract-window = the 15 days to sign a new contract (EAEU)

rule-state-open = { $days ->
    [0] Today is the last day.
    [one] { $days } day left.
   *[other] { $days } days left.
}
rule-state-fulfilled = Done on { $done }.
rule-state-fulfilled-late = Done late, on { $done }.
rule-state-missed = The deadline has passed.

## What is due.
rule-what-register-stay = file the arrival notice (migration registration)
rule-what-register-new-address = file the arrival notice at the new address
rule-what-extend-registration = extend the migration registration
rule-what-check-in = check in in the cabinet (confirm the address)
rule-what-apply-for-patent = apply for a work patent
rule-what-fingerprinting = have fingerprints and a photo taken
rule-what-medical-exam = pass the medical examination
rule-what-repeat-medical-exam = repeat the medical examination
rule-what-pay-patent-advance = pay the next month of the patent (advance payment)
rule-what-reissue-patent = apply to re-issue the patent
rule-what-issue-patent = issue the patent
rule-what-employer-hire-notice = notify the MVD of the employment contract
rule-what-employer-termination-notice = notify the MVD that the contract ended
rule-what-institution-notice = notify the MVD of the expulsion or completion of studies
rule-what-annual-residence-notice = file the annual notice confirming residence
rule-what-sign-new-contract = sign a new employment contract
rule-what-leave-by = leave Russia or obtain a new lawful basis of stay

## Obligations: what, and by which day.
rule-obl-register-stay = { rule-what-register-stay } by { $deadline }.
rule-obl-register-new-address = { rule-what-register-new-address } by { $deadline }.
rule-obl-extend-registration = { rule-what-extend-registration } by { $deadline }.
rule-obl-check-in = { rule-what-check-in } by { $deadline }. A missed check-in only brings a reminder, never a penalty.
rule-obl-apply-for-patent = { rule-what-apply-for-patent } by { $deadline } (counted from { $trigger }).
rule-obl-fingerprinting = { rule-what-fingerprinting } by { $deadline }.
rule-obl-medical-exam = { rule-what-medical-exam } by { $deadline }.
rule-obl-repeat-medical-exam = { rule-what-repeat-medical-exam } by { $deadline }.
rule-obl-pay-patent-advance = { rule-what-pay-patent-advance }: { $amount } RUB by { $deadline }. If it is not paid in time, the patent ends on { $lapse } and paying later cannot bring it back.
rule-obl-pay-patent-advance-no-amount = { rule-what-pay-patent-advance } by { $deadline }. Ask the migration centre for the amount in your region.
rule-obl-reissue-patent = { rule-what-reissue-patent } by { $deadline }.
rule-obl-issue-patent = { rule-what-issue-patent } by { $deadline } (counted from { $trigger }).
rule-obl-employer-hire-notice = { rule-what-employer-hire-notice } by { $deadline } (counted from { $trigger }).
rule-obl-employer-termination-notice = { rule-what-employer-termination-notice } by { $deadline } (counted from { $trigger }).
rule-obl-institution-notice = { rule-what-institution-notice } by { $deadline }.
rule-obl-annual-residence-notice = { rule-what-annual-residence-notice } for year { $year } by { $deadline }.
rule-obl-annual-residence-notice-in-person = { rule-what-annual-residence-notice } for year { $year } by { $deadline }. This time it must be filed in person.
rule-obl-sign-new-contract = { rule-what-sign-new-contract } by { $deadline }.
rule-obl-leave-by = { rule-what-leave-by } by { $deadline }: the basis of stay ({ $basis }) lasts through that day.

## Violations.
rule-vio-missed-deadline = missed deadline — { $what }. In breach since { $since }.
rule-vio-stay-limit-exceeded = the visa-free stay limit (90 days) is exceeded. The stay has been unlawful since { $since }, for { $days } days. The person may be added to the register of controlled persons.
rule-vio-stay-after-basis-ended = the basis of stay ({ $basis }) has ended. The stay has been unlawful since { $since }, for { $days } days. The person may be added to the register of controlled persons.
rule-vio-patent-voided = the advance was not paid in time: the patent ended on { $since } and paying cannot bring it back.
rule-vio-work-without-permit = work without a valid patent or permit since { $since }.
rule-vio-work-outside-region = work outside the region where the patent or RVP is valid, since { $since }.
rule-vio-entry-during-ban = entry on { $since } during an entry ban of { $years } { $years ->
    [one] year
   *[other] years
} (after an earlier overstay of { $overstay } days). To be verified.
rule-vio-residence-permit-annulment-risk = no residence notice for 2 years in a row: since { $since } the residence permit may be annulled.

## Officer tasks.
rule-task-missed-check-in = No check-in since { $last }: a reminder was sent; contact the person. No automatic sanction.
rule-task-check-in-address-mismatch = The check-in on { $due } did not match the declared address: verify the address.
rule-task-review-rkl-candidate = The stay has been unlawful since { $due }: review for the register of controlled persons (an officer's decision).
rule-task-patent-issue-overdue = The patent was not issued within 10 working days (since { $due }): check the application.
rule-task-document-expired = The passport expired on { $due }: a valid document is needed.
rule-task-review-annulment = Residence permit annulment risk since { $due }: review the file.
rule-task-verify-entry-ban = Entry on { $due } during a computed entry ban ({ $years } { $years ->
    [one] year
   *[other] years
}): check against MVD data.
rule-task-missing-entry = No entry is recorded: add the border crossing.

## Entry ban.
rule-ban-projected = The lawful stay has been exceeded by { $days } days. Leaving on { $from } would bring an entry ban of { $years } { $years ->
    [one] year
   *[other] years
}, until { $until }. The MVD decides.
rule-ban-actual = At exit on { $from } the stay had exceeded its term by { $days } days: entry is banned for { $years } { $years ->
    [one] year
   *[other] years
}, until { $until }. The MVD decides.

## References to the law: act and article, part, point, paragraph.
law-ref = { $act } { $provision }
law-article = art. { $n }
law-part = part { $n }
law-point = p. { $n }
law-para = para { $n }
law-act-fz109 = 109-FZ
law-act-fz114 = 114-FZ
law-act-fz115 = 115-FZ
law-act-koap = KoAP (Code of Administrative Offences)
law-act-nk = Tax Code
law-act-eaeu-treaty = EAEU Treaty of 29.05.2014
law-act-agreement-tajikistan = Russia–Tajikistan agreement of 08.02.2013
law-act-agreement-uzbekistan = Russia–Uzbekistan agreement of 2021
law-act-agreement-belarus = Russia–Belarus agreement of 24.01.2006
law-act-mvd-regulation-2025 = MVD administrative regulation of 05.02.2025
law-act-gov-decree-1756 = Government Decree No. 1756 of 21.10.2023
law-act-fz121 = Federal Law No. 121-FZ of 23.05.2025
law-act-fz260 = Federal Law No. 260-FZ of 08.08.2024
law-act-gov-decree-1510 = Government Decree No. 1510 of 07.11.2024
law-act-fz274 = Federal Law No. 274-FZ of 01.07.2021
law-act-health-order-1079 = Health Ministry Order No. 1079н of 19.11.2021
law-act-exam-certificate-rules = Rules of the exam certificate
law-act-fz135 = Federal Law No. 135-FZ of 24.04.2020
law-act-moscow-coefficient-law = Law of the City of Moscow on the regional coefficient
law-act-tatarstan-coefficient-law = Law of the Republic of Tatarstan on the regional coefficient
law-act-regional-laws = Regional laws on the coefficients
law-act-fz270-271 = Federal Laws Nos. 270-FZ and 271-FZ of 31.07.2025
law-act-draft-law = Draft law (not in force)
law-act-presidential-decrees = Presidential Decrees No. 1126 of 30.12.2024 and No. 272 of 28.04.2025
law-act-mvd-institution-order = MVD order on notices of educational institutions
law-act-fz16 = Federal Law No. 16-FZ of 06.02.2020
law-act-fz257 = Federal Law No. 257-FZ of 02.08.2019
law-act-gov-decree-1643 = Government Decree No. 1643 of 16.09.2022
law-act-mvd-order-978 = MVD Order No. 978 of 26.10.2022
