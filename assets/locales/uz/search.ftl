# Chet el fuqarolarini qidirish (docs/SEARCH.md).
search-name-help = Familiya har qanday yozuvda aniq qidiriladi, ism esa boshlanishi boʻyicha. Kiritilgan harflar bilan boshlanadigan familiyalarni topish uchun oxiriga * qoʻying, masalan: Yusup*.
search-birth-date = Tugʻilgan sana
search-phone = Telefon
search-inn = INN (STIR)
search-deadline-from = Eng yaqin muddat, dan
search-deadline-to = Eng yaqin muddat, gacha
col-next-deadline = Eng yaqin muddat
search-similar = Aniq moslik yoʻq. Oʻxshash ismlar koʻrsatildi.
search-error-name-too-short = Ismning kamida ikki harfini kiriting.
search-error-name-wildcard = Almashtirish belgilari (%, _, ?, *) ruxsat etilmaydi; faqat familiya oxiridagi * shu harflar bilan boshlanadigan familiyalarni topadi.
search-error-name-characters = Ismda faqat harflar, boʻsh joy, chiziqcha va apostrof boʻlishi mumkin.
search-error-name-script = Ismni hujjatdagidek kirill yoki lotin harflarida kiriting.
search-error-name-prefix-too-short = Familiya boshlanishi boʻyicha qidirish (*) uchun kamida uch harf kerak.
search-error-name-too-many-words = Ismda koʻpi bilan olti soʻz: familiya va ism.
search-error-name-too-long = Ism juda uzun.
search-error-criteria-required = Kamida bitta qidiruv mezonini kiriting: butun reyestrni koʻrib chiqish mumkin emas.
search-error-cursor = Sahifa havolasi eskirgan yoki boshqa qidiruvga tegishli. Qaytadan qidiring.
