# Reyestr interfeysi. Rus tili asosiy til va boshqa barcha tillar uchun zaxira.
app-name = Virtual migratsiya markazi
language = Til
lang-ru = Русский
lang-uz = Oʻzbekcha
lang-tg = Тоҷикӣ
lang-ky = Кыргызча
lang-en = English
logout = Chiqish
footer-privacy = Shaxsiy maʼlumotlarga har bir murojaat maqsadi bilan jurnalga yoziladi. Maʼlumotlaringizni kim koʻrganini bilishingiz mumkin.
menu-persons = Shaxslarni qidirish
home-welcome = Assalomu alaykum, { $name }.

login-title = Kirish
login-username = Foydalanuvchi nomi
login-password = Parol
login-submit = Kirish
login-failed = Foydalanuvchi nomi yoki parol notoʻgʻri.
login-stale = Shakl eskirgan. Qaytadan urinib koʻring.
login-throttled = Urinishlar juda koʻp. { $seconds } soniya kuting.

role-admin = administrator
role-migration_officer = migratsiya xizmati xodimi
role-tax_officer = soliq xizmati xodimi
role-employer = ish beruvchi
role-university = taʼlim tashkiloti
role-adaptation_centre = moslashuv markazi
role-law_enforcement = huquqni muhofaza qilish organlari
role-analyst = tahlilchi
role-migrant = chet el fuqarosi

search-title = Chet el fuqarolarini qidirish
search-name = Familiya va ism (istalgan yozuvda)
search-name-hint = Юсупов Жамшид yoki YUSUPOV
search-birth-year = Tugʻilgan yili
search-citizenship = Fuqaroligi
search-document = Hujjat raqami
search-submit = Topish
search-none = Hech kim topilmadi.
next-page = Keyingi sahifa

reason-title = Murojaat asosi
reason-legal-basis = Huquqiy asos
reason-case-number = Ish raqami
reason-purpose = Murojaat maqsadi
reason-submit = Davom etish

col-name = F.I.Sh.
col-latin = Lotin yozuvida
col-birth = Tugʻilgan sana
col-citizenship = Fuqaroligi
col-district = Tuman
col-sex = Jinsi
sex-male = erkak
sex-female = ayol
sex-unspecified = koʻrsatilmagan

section-names = Ismning yozilishi
section-documents = Hujjatlar
section-permits = Ruxsatnomalar va maqom
section-stays = Turgan joylari
section-employment = Mehnat faoliyati
section-contacts = Aloqa maʼlumotlari

name-form-native = milliy yozuvda
name-form-russian = kirill yozuvida
name-form-latin = lotin yozuvida

doc-passport = Pasport
doc-migration_card = Migratsiya kartasi
doc-patent = Patent
doc-temporary_residence_permit = RVP
doc-residence_permit = Yashash guvohnomasi
doc-visa = Viza
doc-work_permit = Ishlash uchun ruxsatnoma

permit-patent = Patent
permit-temporary_residence = Vaqtincha yashash uchun ruxsatnoma
permit-residence = Yashash guvohnomasi
permit-visa = Viza
permit-work_permit = Ishlash uchun ruxsatnoma
permit-student = Oʻqish

error-title = Xato
error-forbidden = Kirish taqiqlangan
error-legal-basis = Kirish uchun huquqiy asos va ish raqamini koʻrsating.
error-legal-basis-unknown = Huquqiy asosni roʻyxatdan tanlang.
error-birth-year = Tugʻilgan yil — toʻrtta raqam.
back-to-search = Qidiruvga qaytish

search-status = Maqomi
next-deadline = eng yaqin muddat
section-obligations = Majburiyatlar va muddatlar
section-violations = Qoidabuzarliklar
status-LEGAL = Qonuniy turibdi
status-AT_RISK = Muddat yaqinlashmoqda
status-IN_VIOLATION = Qoidabuzarlik bor
status-IRREGULAR = Noqonuniy turibdi
status-DEPARTED = Chiqib ketgan
