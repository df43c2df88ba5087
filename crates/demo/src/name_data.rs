//! Name tables, in each nation's own writing.
//!
//! Entries are separated by white space and listed roughly from frequent to rare (the generator
//! favours the front). `native=Русский` fixes the Russian form where Russian documents follow an
//! established spelling rather than the letter-by-letter table (Xoʻjayev → Ходжаев, Հակոբյան →
//! Акопян). Surnames are the male forms; female forms are derived (‑ov → ‑ova, ‑uly → ‑qyzy, …).
//! Smaller groups (Chinese, Indian, Belarusian) are listed as `native|Russian|LATIN` triples, with
//! `/` before an explicit female surname.

// ----------------------------------------------------------------------------------- Uzbek (Latin)

pub(crate) const UZ_MALE: &str = "
Jamshid Sardor Alisher Bobur Sherzod Rustam Jasur Bekzod Dilshod Farrux Javlon Akmal Aziz Otabek
Ulugʻbek Doston Jahongir Sanjar Shohruh Xurshid Anvar Bahodir Baxtiyor Botir Elyor Eldor Farhod
Islom Ilhom Ixtiyor Kamol Lochin Mansur Murod Nodir Nozim Odil Oybek Oʻtkir Oʻktam Poʻlat Qodir
Rahim Ravshan Sarvar Shavkat Shuhrat Sobir Temur Tohir Toʻlqin Umid Yusuf Zafar Zokir Abdulla
Abdurashid Abdurahmon Abror Asliddin Azamat Dilmurod Fayzulla Gʻayrat Gʻolib Hamid Hasan Husan
Kamoliddin Mirzo Muhammad Nuriddin Nurbek Obid Sirojiddin Sunnat Ismoil Olim
";

pub(crate) const UZ_FEMALE: &str = "
Dilnoza Madina Malika Nilufar Gulnora Shahnoza Zarina Sevara Feruza Nodira Mohira Kamola Dildora
Gulchehra Aziza Barno Charos Dilfuza Dilorom Durdona Farangiz Gulbahor Gulnoza Gulshan Hilola
Iroda Jamila Komila Laylo Lola Maftuna Manzura Marhabo Mavluda Mohinur Munisa Muhabbat Muqaddas
Nafisa Nargiza Nasiba Nazira Nigora Oygul Oysha Ozoda Oʻgʻiloy Raʼno Robiya Ruxsora Sabina Saida
Sarvinoz Sayyora Shahlo Shoira Sitora Surayyo Tamanno Umida Xadicha Xurshida Yulduz Zebo Zilola
Ziyoda Zuhra Zulfiya
";

pub(crate) const UZ_SURNAMES: &str = "
Karimov Rahimov Aliyev Yusupov Tursunov Ergashev Abdullayev Rasulov Sharipov Umarov Usmonov
Xoʻjayev=Ходжаев Qodirov Mirzayev Nazarov Hasanov Ismoilov Saidov Salimov Sultonov Abdurahmonov
Abduvaliyev Ahmedov Ahrorov Akbarov Alimov Azimov Bobojonov Boltayev Bozorov Berdiyev Davlatov
Egamberdiyev Eshmatov Eshonqulov Fayzullayev Gʻaniyev Gʻulomov Hakimov Hamidov Haydarov Husanov
Ibrohimov=Ибрагимов Isroilov Jalilov Joʻrayev Kamolov Latipov Mahmudov Mamatov Mamadaliyev
Muhammadiyev Murodov Musayev Neʼmatov Normatov Nurmatov Obidov Ochilov Olimov Oripov Otajonov
Poʻlatov Qosimov Qurbonov Rahmonov Rajabov Roʻziyev Rustamov Safarov Sattorov Sayfullayev
Shukurov Sobirov Sodiqov Suyunov Tohirov Toshmatov Toʻxtayev Turgʻunov Valiyev Xolmatov
Xudoyberdiyev Yoʻldoshev=Юлдашев Yoqubov=Якубов Yunusov Ziyayev Zokirov
";

// --------------------------------------------------------------------------------- Tajik (Cyrillic)

pub(crate) const TJ_MALE: &str = "
Ҷамшед Фирдавс Умед Парвиз Далер Сӯҳроб Шаҳзод Фарҳод Хуршед Бахтиёр Манучеҳр Комрон Рустам
Фаридун Беҳрӯз Абдулло Абдураҳмон Абдурашид Аброр Азиз Алишер Амир Анвар Аслиддин Баҳодур Бобур
Давлат Дилшод Зафар Зоир Зубайдулло Изатулло Икром Илҳом Исмоил Исфандиёр Ҷаҳонгир Карим Лоиқ
Маҳмуд Мирзо Муҳаммад Мустафо Неъматулло Нозим Носир Нуриддин Одил Озод Пӯлод Равшан Раҳим
Раҳмон Рашид Саид Сафар Сино Сироҷиддин Сорбон Субҳон Тоҳир Фаррух Фируз Хайём Хусрав Ҳасан
Ҳусейн Шараф Шерали Шоҳрух Шуҳрат Эраҷ Юсуф Ёсин
";

pub(crate) const TJ_FEMALE: &str = "
Мадина Нигина Фарангис Зарина Шаҳноза Таҳмина Манижа Ситора Парвина Меҳрона Нилуфар Дилноза
Азиза Бахтовар Бунафша Гулбаҳор Гулнора Гулрухсор Гулчеҳра Дилафрӯз Дилбар Дилором Заррина Зебо
Зулфия Зумрад Лайло Латофат Мавзуна Малика Манзура Марям Мастона Мижгона Моҳира Моҳру Муаттар
Мунира Наргис Нодира Нозанин Нозия Озода Ойгул Ойниса Парвона Раъно Рухшона Саодат Сапеда
Сарвиноз Сафина Сунбула Сурайё Фарзона Фируза Фотима Хадича Ҳилола Ҷамила Шабнам Шаҳло Шоира
Ширин Шукрона
";

pub(crate) const TJ_SURNAMES: &str = "
Раҳимов Каримов Сафаров Назаров Шарипов Раҳмонов Қурбонов Ҳасанов Мирзоев Саидов Алиев Давлатов
Раҳимзода Қурбонзода Шарифзода Абдуллоев Азизов Амиров Асадов Ашӯров Бобоев Бобоҷонов Ғафуров
Ғуломов Гадоев Давронов Дӯстов Ёқубов Ёров Зиёев Зоиров Иброҳимов=Ибрагимов Икромов Имомов
Исмоилов Ҷалолов Ҷӯраев Комилов Латипов Маҳмадов Мӯминов Наврӯзов Неъматов Нуров Одинаев Олимов
Қодиров Қосимов Раҷабов Рашидов Сангов Салимов Султонов Табаров Тошев Убайдуллоев Умаров Усмонов
Файзуллоев Ҳайдаров Ҳакимов Ҳамидов Ҳусейнов Холов Хоҷаев Шоев Шукуров Юсуфов Ятимов Абдуллозода
Азимзода Алимзода Давлатзода Иброҳимзода Исмоилзода Каримзода Маҳмадзода Мирзозода Назарзода
Нурзода Раҳмонзода Раҷабзода Саидзода Сафарзода Султонзода Умарзода Ҳасанзода Юсуфзода Раҳмонӣ
Шарифӣ Каримӣ Ҳусейнӣ Саидӣ Ҷалолӣ Каримиён Раҳимиён Шарифиён
";

// ------------------------------------------------------------------------------ Kyrgyz (Cyrillic)

pub(crate) const KG_MALE: &str = "
Азамат Нурлан Бакыт Айбек Эрлан Улан Талант Мирлан Темирлан Адилет Айдар Алмаз Арстан Асан Атай
Бакай Бекболот Бекжан Бекназар Бектемир Бектур Болот Дастан Жаныбек Жоомарт Жусуп Жыргалбек
Жээнбек Замир Исмаил=Исмаил Искендер Кайрат Калыбек Канат Кубанычбек Курманбек Максат Манас Марат Мелис
Мыктыбек Нурбек Нурсултан Өмүрбек Өмүр Руслан Самат Султан Сыймык Тилек Тимур Төлөгөн Урмат
Үмөт Үсөн Чынгыз Шайлообек Эмил Элдияр Эрбол Эрмек Эрнис
";

pub(crate) const KG_FEMALE: &str = "
Айгүл Айжан Бермет Жылдыз Назгүл Нургүл Гүлнара Айпери Асел Динара Жаңыл Айдана Айзада Айнура Айсулуу
Алтынай Анара Асыл Бактыгүл Бегимай Бурул Гүлжан Гүлзат Гүлмира Жазгүл Жамила Жанара Жаркын
Жибек Зарина Зуура Калыйпа Камила Канышай Каныкей Майрам Мээрим Назира Нурайым Нуриза Нурзат
Перизат Сабира Сайкал Салтанат Самара Сезим Толгонай Уулжан Умут Чолпон Чынара Шайыр Элиза
Элмира Элнура Эркайым Аруужан Акылай Айназик Айсалкын Бүбүсара Гүлайым Нурила Таттыбүбү
Чынаргүл Айкерим Кымбат
";

pub(crate) const KG_SURNAMES: &str = "
Асанов Жумабеков Токтогулов Мамытов Исаков Садыков Кеңешбеков Абдыкадыров Абдыраев Абдрахманов Акматов
Алымбеков Асылбеков Бакиров Байтемиров Бейшеналиев Бекмуратов Бообеков Дооронбеков Дүйшөнбеков
Жапаров Жолдошев Жусупов Ибраимов Кадыров Калыбеков Касымов Келдибеков Кожомбердиев
Кудайбергенов Кулматов Курбанов Курманов Маматкулов Маматов Мамбетов Молдобаев Момунов
Мураталиев Мусаев Назаров Нарынбаев Ниязов Нурматов Омуралиев Орозбеков Орунбаев Осмоналиев
Осмонов Рысбеков Сабыров Сагынбаев Сапаров Сариев Сатыбалдиев Сейитов Султанов Сүйөркулов
Табалдиев Тагаев Ташиев Темирбеков Токтоматов Токтосунов Төлөгөнов Турдубаев Турсунбаев
Түмөнбаев Үмөтов Үсөнов Чыныбаев Шабданов Шаршеев Шерматов Эгембердиев Эркинбеков Эсенгулов
Эшимов Абдылдаев Акылбеков Бөкөнбаев Жакыпов Жунусов Иманалиев Карабеков Мамасалиев Нурланов
Осмонкулов Теңизбаев Мыңбаев
";

// ----------------------------------------------------------------------------- Kazakh (Cyrillic)

pub(crate) const KZ_MALE: &str = "
Нұрлан Ерлан Асқар Серік Қайрат Дәурен Мұрат Бауыржан Ержан Азамат Айбек Айдар Айдос Алихан
Алмас Арман Аслан Ахмет Әділ Әлібек Әлішер Бақыт Бақытжан Бейбіт Бекзат Болат Ғалым Дамир Дархан
Дәулет Диас Ербол Ерболат Ерасыл Ерік Еркін Жандос Жарас Жасұлан Жақсылық Жәнібек Жомарт Ілияс
Ислам Қанат Қасым Қуаныш Мағжан Мақсат Марат Мейрам Мирас Нұрболат Нұржан Нұрсұлтан Олжас Руслан
Рүстем Самат Санжар Сәкен Сұлтан Талғат Темірлан Тимур Төлеген Тұрсын Ұлықбек Шерхан Шыңғыс
";

pub(crate) const KZ_FEMALE: &str = "
Айгерім Динара Аружан Жұлдыз Гүлнар Әсел Салтанат Мадина Айжан Айдана Айым Ақбота Ақерке Ақмарал
Алия Аяулым Балжан Баян Бибігүл Ботагөз Гаухар Гүлжан Гүлмира Дана Дариға Еркежан Жанар Жанна
Жансая Жібек Зарина Зере Индира Інкар Камила Қарлығаш Құралай Қымбат Лаура Ләззат Мақпал Маржан
Меруерт Мөлдір Назерке Назым Нұрай Нұргүл Перизат Раушан Сандуғаш Сәуле Сымбат Талшын Тоғжан
Толқын Томирис Ұлжан Ұлпан Шынар Әмина Айсұлу Балнұр Гүлназ Жазира
";

pub(crate) const KZ_SURNAMES: &str = "
Ахметов Оспанов Омаров Сұлтанов Қасымов Жұмабаев Серікұлы Абдрахманов Әбдіров Әбілов Әлиев
Әмірханов Байжанов Бақытжанов Бейсенов Бекболатов Бекенов Дәулетов Дүйсенов Ерғалиев Ержанов
Ермеков Есенов Есімов Жақсыбеков Жақыпов Жұмағалиев Жүсіпов Ибраев Иманбаев Исабаев Қайыров
Қалиев Қанатов Кемелов Кенжебаев Қожахметов Құрманов Мамыров Молдабеков Мұқанов Мұратов Мусин
Нұрғалиев Нұрланов Нұрмағамбетов Нұрпейісов Оразбаев Орынбаев Рахымов Рысқұлов Сағындықов
Сапаров Сәрсенбаев Сейдахметов Сейітов Серікбаев Смағұлов Тәжібаев Тілеубаев Тоқтаров Төлеуов
Тұрғанбаев Тұрсынов Уәлиханов Үсенов Шалабаев Шәріпов Ысқақов Асқарұлы Маратұлы Нұрланұлы
Бауыржанұлы Қайратұлы Ерланұлы Болатұлы Талғатұлы Дәуренұлы Әбенов Бекмағамбетов Жанұзақов
Кенесов Қуанышев Мұхамеджанов Сыздықов Тұяқов Шаймерденов Ибрагимов
";

// ------------------------------------------------------------------------------------- Armenian

pub(crate) const AM_MALE: &str = "
Արամ Արմեն Տիգրան Դավիթ Նարեկ Գեւորգ Հայկ Արթուր Կարեն Սամվել Աշոտ Արտակ Արսեն Գագիկ Գարիկ
Գրիգոր Էդգար Էրիկ Վահագն=Ваагн Վահան Վարդան Վազգեն Հակոբ=Акоп Հովհաննես=Оганес Հրանտ Լեւոն Մհեր
Միքայել Մխիթար Ներսես Սարգիս Սերգեյ Սուրեն Ռուբեն Ռոբերտ Պետրոս Սեւակ Հարություն=Арутюн Երվանդ
Արշակ Ավետիք Գոռ Էդուարդ Կարապետ Համլետ Մանվել Մարտին Նորայր Ռաֆիկ Սիմոն Վարուժան Տարոն
Խաչիկ Ղուկաս Զավեն Ժիրայր Շանթ Ոսկան Անդրանիկ Արման Ալեքսան Գուրգեն Արտյոմ=Артём Վաչե
";

pub(crate) const AM_FEMALE: &str = "
Անի Աննա Անուշ Լիլիթ Մարիամ Նարինե Գայանե Լուսինե Արմինե Աստղիկ Գոհար=Гоар Էմմա Մարինե Մերի Նունե
Հասմիկ Հռիփսիմե=Рипсиме Սիրանուշ Սոնա Տաթեւիկ Քրիստինե Զարուհի=Заруи Ռուզաննա Սաթենիկ Շուշան
Վարդուհի=Вардуи Արփինե Մանե Նաիրա Կարինե Ալվարդ Անահիտ Արաքսյա Դիանա Եվա Էլինա Լաուրա Լիանա
Մարգարիտա Մելինե Նազելի Նելլի Նոնա Ռոզա Սուսաննա Սրբուհի=Србуи Քնարիկ Օֆելյա Հերմինե=Эрмине Մարո
Անժելա Արեւիկ Էվելինա Ինեսա Մարիաննա Սեդա Թամարա Գոհարիկ=Гоарик Ժաննա Լիլիա Սյուզաննա=Сюзанна
Ռիմա Սվետլանա Տաթեւ Զառա
";

pub(crate) const AM_SURNAMES: &str = "
Գրիգորյան Հարությունյան Սարգսյան Խաչատրյան Հովհաննիսյան=Оганесян Պետրոսյան Վարդանյան
Հակոբյան=Акопян Կարապետյան Գեւորգյան Մկրտչյան Ավետիսյան Աբրահամյան=Абрамян Ալեքսանյան
Առաքելյան Աղաջանյան Բաբայան Բաղդասարյան Գաբրիելյան Գալստյան Գասպարյան Դավթյան Եղիազարյան
Զաքարյան Թադեւոսյան Համբարձումյան=Амбарцумян Հովսեփյան Ղազարյան=Казарян Մալխասյան Մանուկյան
Մարգարյան Մարտիրոսյան Մելքոնյան Միքայելյան Մովսիսյան Մուրադյան Ներսիսյան Նիկողոսյան Ոսկանյան
Պողոսյան Սաֆարյան Սահակյան=Саакян Սիմոնյան Ստեփանյան Սուքիասյան Տոնոյան Ավագյան Բարսեղյան
Դանիելյան Եսայան Զոհրաբյան Թովմասյան Լալայան Խաչիկյան Կիրակոսյան Հայրապետյան Ղուկասյան
Մաթեւոսյան Մինասյան Նազարյան Շահինյան Չոբանյան Պապոյան Սեդրակյան Վանյան Տիգրանյան
Քալանթարյան=Калантарян Օհանյան Աբգարյան Աղայան Բադալյան Դալլաքյան Մխիթարյան Մարկոսյան Ասատրյան
Արզումանյան Սողոմոնյան Ալավերդյան Բաղրամյան Թորոսյան Մելիքյան Ներսեսյան Մանասյան Զարգարյան
Հովակիմյան Վասիլյան
";

// -------------------------------------------------------------------------- Azerbaijani (Latin)

pub(crate) const AZ_MALE: &str = "
Elvin Tural Orxan Rəşad Kamran Elnur Nicat Murad Anar Rövşən Elçin Vüqar Fərid Ruslan Abbas Adil
Afiq Ağa Akif Araz Arif Asif Aydın Azər Babək=Бабек Bəxtiyar Cavid Cavanşir Ceyhun Cəfər Camal
Çingiz Davud Eldar Elşən Elmir Emil Emin Eyvaz Fərhad Famil Fuad Hikmət=Хикмет Hüseyn Həsən İlham
İlqar İsmayıl=Исмаил Kənan Mahir=Махир Məhəmməd=Магомед Mirzə Nihad=Нихад Pərviz Ramil Rüstəm
Samir Sənan Səbuhi=Сабухи Teymur Tofiq Vüsal Yusif Zaur Zaman Natiq Namiq Rauf Elxan Əli Azad
Bəhruz İbrahim Kamil Mübariz
";

pub(crate) const AZ_FEMALE: &str = "
Aysel Günay Leyla Nərmin Aynur Sevinc Nigar Səbinə Fidan Lalə Afaq Aygün Aytən Arzu Aidə Dilarə
Elmira Elnarə Esmira Fatimə Gülnarə Gülnar Könül Mələk Mehriban Nərgiz Nurlana Pərvin Rəna Röya
Sabina Sevda Şəbnəm Şəfiqə Tamilla Təranə Turan Ülviyyə Vüsalə Xədicə Yeganə Zəhra Zərifə
Zülfiyyə Ayşən Ayan Bahar=Бахар Dünya Elvira Fəridə Gülşən Həcər Humay İlahə=Илаха İradə Jalə
Kəmalə Lamiyə Mədinə Nuray Rəvanə Səadət Sara Sona Tünzalə Ulduz Vəfa Zemfira
";

pub(crate) const AZ_SURNAMES: &str = "
Məmmədov=Мамедов Əliyev Həsənov Hüseynov Quliyev İsmayılov=Исмаилов Abbasov Abdullayev Ağayev
Əhmədov=Ахмедов Ələkbərov=Алекперов Allahverdiyev Babayev Bağırov=Багиров Bayramov Cəfərov
Cabbarov Dadaşov Əsgərov=Аскеров Əzizov Fərzəliyev Həmidov İbrahimov Kərimov=Керимов Mahmudov
Məmmədli=Мамедли Mehdiyev Mirzəyev Musayev Mustafayev Nağıyev=Нагиев Nəsirov Novruzov Orucov
Paşayev Qasımov Qədirov Qurbanov Rəhimov Rəsulov Rüstəmov Səfərov Salmanov Süleymanov Şahbazov
Şükürov Tağıyev=Тагиев Talıbov Vəliyev=Велиев Vəzirov Yusifov Zeynalov Zamanov Hacıyev=Гаджиев
Heydərov=Гейдаров Bəşirov Cəlilov Eyvazov Fətəliyev İsgəndərov=Искендеров Kazımov Kərimli=Керимли
Xəlilov Məhərrəmov=Магеррамов Nəbiyev Osmanlı Rzayev Sadıqov Sultanov Şirinov Təhməzov Vahidov
Yaqubov Zülfüqarov Əlizadə=Ализаде Həsənli Hüseynli Əhmədli=Ахмедли Nəsibli Bayramlı Ağazadə=Агазаде
Hacızadə=Гаджизаде Əhmədzadə=Ахмедзаде
";

// ------------------------------------------------------------------------------ Turkmen (Latin)

pub(crate) const TM_MALE: &str = "
Myrat Serdar Döwlet Batyr Merdan Maksat Arslan Atamyrat Begenç Baýram Döwran Ylýas Kerim Rustam
Parahat Annamyrat Gurban Meret Nurmuhammet Rahman Selim Şatlyk Ýusup Berdi Azat Daňatar
";

pub(crate) const TM_FEMALE: &str = "
Aýgül Aýna Bahar Dilber Gülnara Jeren Leýla Maral Mähri Nurjemal Ogulgerek Selbi Sona Täzegül
Aýjemal Ýazgül Gözel Enejan Şirin Aýsoltan Mähriban Ogulnur
";

pub(crate) const TM_SURNAMES: &str = "
Myradow Annaýew Orazow Gurbanow Amanow Berdiýew Hojaýew=Ходжаев Durdyýew Saparow Rejepow
Nurmyradow Baýramow Çaryýew Öwezow Halmyradow Gylyjow Ataýew Begmyradow Kakajanow Allaýarow
Hudaýberdiýew Jumaýew
";

// ---------------------------------------------------------------- Others: native|Russian|LATIN

pub(crate) const CN_MALE: &str = "
伟|Вэй|WEI 强|Цян|QIANG 磊|Лэй|LEI 军|Цзюнь|JUN 洋|Ян|YANG 勇|Юн|YONG 杰|Цзе|JIE 涛|Тао|TAO
明|Мин|MING 超|Чао|CHAO 浩然|Хаожань|HAORAN 宇轩|Юйсюань|YUXUAN 思远|Сыюань|SIYUAN
俊杰|Цзюньцзе|JUNJIE 志强|Чжицян|ZHIQIANG 建华|Цзяньхуа|JIANHUA
";

pub(crate) const CN_FEMALE: &str = "
芳|Фан|FANG 娜|На|NA 敏|Минь|MIN 静|Цзин|JING 丽|Ли|LI 艳|Янь|YAN 秀英|Сюин|XIUYING
欣怡|Синьи|XINYI 雨桐|Юйтун|YUTONG 子涵|Цзыхань|ZIHAN 婷|Тин|TING 雪|Сюэ|XUE 佳怡|Цзяи|JIAYI
";

pub(crate) const CN_SURNAMES: &str = "
王|Ван|WANG 李|Ли|LI 张|Чжан|ZHANG 刘|Лю|LIU 陈|Чэнь|CHEN 杨|Ян|YANG 赵|Чжао|ZHAO 黄|Хуан|HUANG
周|Чжоу|ZHOU 吴|У|WU 徐|Сюй|XU 孙|Сунь|SUN 胡|Ху|HU 朱|Чжу|ZHU 高|Гао|GAO 林|Линь|LIN 何|Хэ|HE
郭|Го|GUO 马|Ма|MA 罗|Ло|LUO
";

pub(crate) const IN_MALE: &str = "
राहुल|Рахул|RAHUL अमित|Амит|AMIT रोहित|Рохит|ROHIT विक्रम|Викрам|VIKRAM अर्जुन|Арджун|ARJUN
संजय|Санджай|SANJAY अंकित|Анкит|ANKIT दीपक|Дипак|DEEPAK आदित्य|Адитья|ADITYA करण|Каран|KARAN
";

pub(crate) const IN_FEMALE: &str = "
प्रिया|Прия|PRIYA अंजलि|Анджали|ANJALI पूजा|Пуджа|POOJA नेहा|Неха|NEHA काव्या|Кавья|KAVYA
स्नेहा|Снеха|SNEHA दिव्या|Дивья|DIVYA रिया|Рия|RIYA
";

pub(crate) const IN_SURNAMES: &str = "
शर्मा|Шарма|SHARMA सिंह|Сингх|SINGH कुमार|Кумар|KUMAR पटेल|Пател|PATEL गुप्ता|Гупта|GUPTA
वर्मा|Верма|VERMA यादव|Ядав|YADAV मिश्रा|Мишра|MISHRA जोशी|Джоши|JOSHI
";

pub(crate) const BY_MALE: &str = "
Аляксандр|Александр|ALIAKSANDR Сяргей|Сергей|SIARHEI Дзмітрый|Дмитрий|DZMITRY
Андрэй|Андрей|ANDREI Мікалай|Николай|MIKALAI Павел|Павел|PAVEL Уладзімір|Владимир|ULADZIMIR
Віктар|Виктор|VIKTAR Максім|Максим|MAKSIM Ігар|Игорь|IHAR
";

pub(crate) const BY_FEMALE: &str = "
Вольга|Ольга|VOLHA Наталля|Наталья|NATALLIA Таццяна|Татьяна|TATSIANA Алена|Елена|ALENA
Ірына|Ирина|IRYNA Марына|Марина|MARYNA Юлія|Юлия|YULIYA Святлана|Светлана|SVIATLANA
";

pub(crate) const BY_SURNAMES: &str = "
Каваленка|Коваленко|KAVALENKA Лукашэвіч|Лукашевич|LUKASHEVICH Жук|Жук|ZHUK Новік|Новик|NOVIK
Казлоў|Козлов|KAZLOU/Казлова|Козлова|KAZLOVA Мельнікаў|Мельников|MELNIKAU/Мельнікава|Мельникова|MELNIKAVA
Макарэвіч|Макаревич|MAKAREVICH Васілеўскі|Василевский|VASILEUSKI/Васілеўская|Василевская|VASILEUSKAYA
Бандарэнка|Бондаренко|BANDARENKA Шаўчэнка|Шевченко|SHAUCHENKA
";

// ----------------------------------------------------- Russian and Tatar names of Kazan landlords

pub(crate) const HOST_SURNAMES: &str = "
Иванов Петров Смирнов Кузнецов Васильев Николаев Фёдоров Морозов Волков Соколов Хабибуллин Гарипов
Сафин Галиев Закиров Мухаметзянов Валиев Нуриев Ахметзянов Шарипов Гилязов Хайруллин Файзуллин
Зарипов Миннуллин Сабиров Шакиров Латыпов Камалов Мингазов
";

pub(crate) const HOST_MALE: &str = "
Александр Сергей Андрей Дмитрий Алексей Владимир Николай Ильдар Рустем Ринат Марат Айрат Фарид
Радик Ильнур Азат
";

pub(crate) const HOST_FEMALE: &str = "
Мария Елена Ольга Татьяна Наталья Ирина Светлана Гульнара Лилия Альфия Розалия Резеда Гульшат
Динара Зульфия Наиля
";
