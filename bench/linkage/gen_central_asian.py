#!/usr/bin/env python3
"""Synthetic person records of Central Asian nationals with known truth, for linkage evaluation.

Each generated *person* (Uzbek, Tajik or Kyrgyz citizen living in Kazan) is reported one or more
times, as Russian agencies really write such records:

* names in Russian Cyrillic (with the usual alternative spellings: Джамшед / Джамшид / Жамшид),
  ICAO 9303 Latin as in passports since 2013 (Ж→ZH Х→KH Ц→TS Щ→SHCH Ю→IU Я→IA Й→I),
  the 1997 passport Latin (Ю→YU Я→YA Й→Y), Uzbek Latin (oʻ gʻ sh ch, x for х, j for ж) and
  ad-hoc spellings (Khurshid / Xurshid / Hurshid, Dzhamshed / Jamshed / Djamshed, -zoda / -zade);
* patronymics as -ович/-овна, Uzbek o'g'li / ugli / qizi, Kyrgyz уулу / кызы, or missing;
* typos, swapped given name and surname, Tajik surnames changed from -ов to -зода,
  day/month swaps, dates as YYYY-MM-DD or DD.MM.YYYY, missing fields;
* document numbers with spaces, "№", lower case, Cyrillic look-alike letters (А В С Е К М Н О Р
  Т Х) and typos, renewed passports; phones in five formats; addresses in four formats and moves.

Hard negatives are generated on purpose: siblings (same surname, patronymic, address and often
phone; different given name; born years apart), twins (same date of birth, different given
names, e.g. Хасан and Хусан) and namesakes (same full name, date of birth days or months apart,
different document). The small name pools also produce many chance namesakes at scale.

Output columns: record_id, surname, given_name, patronymic, date_of_birth, sex, citizenship,
document_number, phone, address, postcode, true_id (the person id: the truth; linkers must not
see it). The output is deterministic for a given seed and size. Records are written through
bucket files and shuffled bucket by bucket, so memory stays small even for millions of records
and record order or record_id reveal nothing about the truth.

Usage:
    python gen_central_asian.py --records 20000 --seed 42 --output demo.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import tempfile

GENERATOR_VERSION = "1"

COLUMNS = [
    "record_id", "surname", "given_name", "patronymic", "date_of_birth", "sex",
    "citizenship", "document_number", "phone", "address", "postcode", "true_id",
]

# --------------------------------------------------------------------------------- name tables
# Russian Cyrillic as Russian agencies write the names; "|" separates alternative spellings
# (the first is the most frequent). Given names are listed roughly from frequent to rare.

UZ_MALE = """
Джамшид|Жамшид|Джамшед Сардор|Сардар Алишер Бобур|Бабур Шерзод Рустам Жасур|Джасур Бекзод
Дилшод|Дильшод Фаррух Акмал Азиз Отабек Улугбек Достон|Дастан Жахонгир|Джахонгир|Жахангир
Санжар|Санджар Шохрух|Шахрух Хуршид|Хуршед Анвар Баходир|Бахадыр Бахтиёр|Бахтияр Ботир|Батыр
Элёр|Элер Фарход|Фархад Ильхом|Ильхам Икром|Икрам Комил Мансур Мурод|Мурад Нодир|Надир Ойбек|Айбек
Уткир Уктам|Ўктам Равшан Сарвар Шавкат Шухрат Собир|Сабир Темур|Тимур Тохир|Тахир Умид Юсуф
Зафар Зокир|Закир Абдулла Аброр Хамид Хасан Хусан|Хусен Мирзо|Мирза Мухаммад|Мухаммед Нуриддин
Гулом|Гулям Исмоил|Исмаил Олим|Алим
"""
UZ_FEMALE = """
Дилноза Мадина Малика Нилуфар|Нилюфар Гулнора|Гульнора Шахноза Зарина Севара Феруза Нодира|Надира
Мохира Камола|Камила Дилдора Гулчехра|Гульчехра Азиза Барно Дилфуза|Дильфуза Дилором|Дилорам
Гулбахор|Гульбахор Хилола Лола Мавлюда|Мавлуда Нигора Озода|Азада Саида Севинч Шахло
Умида Юлдуз Зулфия|Зульфия Мунира Нафиса Наргиза Ситора
"""
UZ_SURNAMES = """
Каримов Рахимов Алиев Юсупов Турсунов Эргашев Абдуллаев Расулов Шарипов Умаров Усмонов|Усманов
Ходжаев|Хужаев Кодиров|Кадыров Мирзаев Назаров Хасанов Исмоилов|Исмаилов Саидов Салимов
Султонов|Султанов Абдурахмонов|Абдурахманов Ахмедов Азимов Бобожонов|Бабаджанов Давлатов
Эшматов Файзуллаев Гуломов|Гулямов Хакимов Хамидов Хайдаров Ибрагимов|Иброхимов Жалилов|Джалилов
Жураев|Джураев Камолов|Камалов Махмудов Маматов Мусаев Норматов Нурматов Очилов Олимов|Алимов
Пулатов Косимов|Касымов Курбонов|Курбанов Рахмонов|Рахманов Ражабов|Раджабов Рузиев Рустамов
Сафаров Сатторов|Сатаров Шукуров Собиров|Сабиров Содиков|Садыков Тохиров|Тахиров Тошматов
Тухтаев Валиев Холматов Худойбердиев Юлдашев Якубов Юнусов Зокиров|Закиров
"""
TJ_MALE = """
Джамшед|Джамшид|Жамшед Фирдавс Умед|Умид Парвиз Далер Сухроб|Сухраб Шахзод Фарход|Фархад
Хуршед|Хуршид Бахтиёр|Бахтияр Манучехр Комрон|Камран Рустам Фаридун Бехруз Абдулло|Абдулла
Аброр Азиз Алишер Анвар Бобур Давлат Дилшод Зафар Икром|Икрам Илхом|Ильхом Исмоил|Исмаил
Джахонгир|Джахангир Карим Махмуд Мирзо Мухаммад|Мухаммед Носир|Насир Нуриддин Одил Равшан
Рахим Рахмон|Рахман Рашид Саид Сафар Сино Тохир|Тахир Фаррух Фируз Хасан Хусейн|Хусен Шараф
Шерали Шохрух|Шахрух Шухрат Эрадж Юсуф Файзулло|Файзулла Нурулло|Нурулла Саидджон|Саиджон
"""
TJ_FEMALE = """
Мадина Нигина Фарангис Зарина Шахноза Тахмина Манижа Ситора Парвина Мехрона Нилуфар|Нилюфар
Дилноза Азиза Бахтовар Бунафша Гулбахор|Гульбахор Гулнора|Гульнора Дилбар Дилором Заррина|Зарина
Зебо Зулфия|Зульфия Лайло|Лейла Латофат Малика Манзура Марям Мохира Мунира Наргис Нодира
Озода Парвона Рухшона Саодат Сарвиноз Фарзона Фируза Фотима|Фатима Хилола Джамила|Жамила
Шабнам Шахло Ширин
"""
TJ_SURNAMES = """
Рахимов Каримов Сафаров Назаров Шарипов Рахмонов|Рахманов Курбонов|Курбанов Хасанов Мирзоев
Саидов Алиев Давлатов Абдуллоев|Абдуллаев Азизов Амиров Асадов Ашуров Бобоев|Бабаев Гафуров
Гуломов|Гулямов Давронов Дустов Ёкубов|Якубов Зиёев|Зияев Иброхимов|Ибрагимов Икромов|Икрамов
Имомов|Имамов Исмоилов|Исмаилов Джалолов|Жалолов Джураев|Жураев Комилов|Камилов Латипов
Махмадов Муминов Наврузов Неъматов|Нематов Нуров Одинаев Олимов|Алимов Кодиров|Кадыров
Косимов|Касымов Раджабов|Ражабов Рашидов Сангов Салимов Султонов|Султанов Табаров Тошев
Умаров Усмонов|Усманов Файзуллоев|Файзуллаев Хайдаров Хакимов Хамидов Хусейнов Холов Ходжаев
Шоев Шукуров Юсуфов Ятимов
"""
KG_MALE = """
Азамат Нурлан Бакыт Айбек Эрлан Улан Талант Мирлан Темирлан Адилет Айдар Алмаз Арстан Асан
Атай Бакай Бекболот Бекжан Бектур Болот Дастан Жаныбек|Джаныбек Жоомарт Жусуп|Юсуп
Жыргалбек|Жыргал Замир Исмаил Искендер Кайрат Калыбек Канат Кубанычбек Курманбек Максат
Манас Марат Мелис Нурбек Нурсултан Омурбек|Өмүрбек Руслан Самат Султан Сыймык Тилек Тимур
Урмат Усон|Усен Чынгыз|Чингиз Эмил|Эмиль Эрмек Медер Данияр Элдияр|Эльдияр
"""
KG_FEMALE = """
Айгуль|Айгүл Айжан Бермет Гульнара|Гулнара Жибек Назгуль|Назгүл Асель Чолпон Динара Айпери
Мээрим|Мерим Акылай Бактыгуль|Бактыгүл Айзада Жылдыз|Джылдыз Нургуль|Нургүл Салтанат Толгонай
Айсулуу|Айсулу Аида Алина Асема Бурул Гулзат Жазгуль Жанара Зарина Калыйча Камила Мадина
Нуриза Элнура|Эльнура Элиза Эркайым Уулкан
"""
KG_SURNAMES = """
Асанов Бакиев Жапаров|Джапаров Токтогулов Осмонов|Османов Садыков Мамытов Абдыкадыров
Сатыбалдиев Кубатбеков Ташиев Иманалиев Жумабаев|Джумабаев Исаков Турдубаев Эсенгулов
Алымкулов Бейшеналиев Абдыраимов Айтматов Акматов Алиев Аманов Арыков Бакиров Бообеков Дуйшеев
Жээнбеков Жусупов|Юсупов Замирбеков Иманов Калыков Касымов Кенжебаев Койчуманов
Мамбетов Мамыров Маратов Момунов Нурланов Омуралиев Орозбаев Осмоналиев Рыскулов Сагынбаев
Сарбагышев Сейитов Суранчиев Султанбеков Талантбеков Токоев Турсунбаев Усенов Чыныбаев Шаршеев
Эшалиев
"""


def _table(text: str) -> list[list[str]]:
    return [entry.split("|") for entry in text.split()]


NAMES = {
    "UZB": {"M": _table(UZ_MALE), "F": _table(UZ_FEMALE), "S": _table(UZ_SURNAMES)},
    "TJK": {"M": _table(TJ_MALE), "F": _table(TJ_FEMALE), "S": _table(TJ_SURNAMES)},
    "KGZ": {"M": _table(KG_MALE), "F": _table(KG_FEMALE), "S": _table(KG_SURNAMES)},
}

NATIONALITY_WEIGHTS = [("UZB", 0.50), ("TJK", 0.30), ("KGZ", 0.20)]
CITIZENSHIP_RU = {"UZB": "Узбекистан", "TJK": "Таджикистан", "KGZ": "Киргизия"}
CITIZENSHIP_A2 = {"UZB": "UZ", "TJK": "TJ", "KGZ": "KG"}

# Uzbek Latin forms where the native spelling keeps letters Russian Cyrillic has lost.
UZ_LATIN_OVERRIDES = {
    "Уткир": "Oʻtkir", "Уктам": "Oʻktam", "Ўктам": "Oʻktam", "Гулом": "Gʻulom", "Гулям": "Gʻulom",
    "Гуломов": "Gʻulomov", "Гулямов": "Gʻulomov", "Улугбек": "Ulugʻbek", "Кодиров": "Qodirov",
    "Косимов": "Qosimov", "Курбонов": "Qurbonov", "Пулатов": "Poʻlatov", "Рузиев": "Roʻziyev",
    "Тухтаев": "Toʻxtayev", "Ходжаев": "Xoʻjayev", "Хужаев": "Xoʻjayev", "Жураев": "Joʻrayev",
    "Джураев": "Joʻrayev", "Юлдашев": "Yoʻldoshev", "Якубов": "Yoqubov", "Содиков": "Sodiqov",
    "Садыков": "Sodiqov", "Шохрух": "Shohruh", "Фаррух": "Farrux", "Хуршид": "Xurshid",
    "Алиев": "Aliyev", "Абдуллаев": "Abdullayev", "Мирзаев": "Mirzayev", "Валиев": "Valiyev",
    "Мусаев": "Musayev", "Файзуллаев": "Fayzullayev", "Эргашев": "Ergashev",
}

# Real Kazan streets and their postcodes.
STREETS = [
    ("Баумана", "420111"), ("Кремлёвская", "420008"), ("Пушкина", "420015"),
    ("Карла Маркса", "420015"), ("Большая Красная", "420015"), ("Петербургская", "420107"),
    ("Татарстан", "420021"), ("Габдуллы Тукая", "420021"), ("Островского", "420107"),
    ("Бутлерова", "420012"), ("Волкова", "420012"), ("Вишневского", "420043"),
    ("Калинина", "420043"), ("Достоевского", "420097"), ("Профсоюзная", "420111"),
    ("Гладилова", "420032"), ("Батыршина", "420032"), ("Окольная", "420032"),
    ("Клары Цеткин", "420033"), ("Красной Позиции", "420033"), ("Адмиралтейская", "420033"),
    ("Ильича", "420040"), ("Декабристов", "420034"), ("Ибрагимова", "420066"),
    ("Красносельская", "420066"), ("Восстания", "420095"), ("Гудованцева", "420095"),
    ("Кулахметова", "420080"), ("Тэцевская", "420080"), ("Шамиля Усманова", "420044"),
    ("Волгоградская", "420080"), ("Чистопольская", "420124"), ("Адоратского", "420132"),
    ("Фатыха Амирхана", "420126"), ("Маршала Чуйкова", "420103"), ("Четаева", "420126"),
    ("Абсалямова", "420132"), ("Серова", "420137"), ("Короленко", "420103"),
    ("Академика Сахарова", "420137"), ("Павлюхина", "420049"), ("Хади Такташа", "420049"),
    ("Мавлютова", "420101"), ("Техническая", "420101"), ("Рихарда Зорге", "420101"),
    ("Юлиуса Фучика", "420110"), ("Кул Гали", "420138"), ("Гарифьянова", "420138"),
    ("Дементьева", "420036"), ("Лукина", "420038"), ("Ленинградская", "420038"),
    ("Челюскина", "420037"), ("Побежимова", "420039"), ("Симонова", "420037"),
    ("Копылова", "420036"), ("Ульяны Громовой", "420039"), ("Айдарова", "420127"),
    ("Максимова", "420047"), ("Дубравная", "420140"), ("Закиева", "420138"),
    ("Минская", "420108"), ("Мира", "420061"), ("Северо-Западная", "420127"),
    ("Халитова", "420140"), ("Сибирский тракт", "420029"), ("Проточная", "420029"),
]

# -------------------------------------------------------------------------- transliteration

_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ү": "u", "ө": "o", "ң": "n", "ў": "u",
}
_1997 = dict(_ICAO, **{"й": "y", "ю": "yu", "я": "ya", "ъ": "", "ё": "e"})
_UZ = dict(_ICAO, **{
    "х": "x", "ж": "j", "й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ц": "ts", "щ": "sh",
    "ы": "i", "ъ": "ʼ", "ў": "oʻ",
})


def _translit(text: str, table: dict[str, str], *, uzbek: bool = False) -> str:
    out = []
    low = text.lower()
    i = 0
    while i < len(low):
        ch = low[i]
        if uzbek and low.startswith("дж", i):
            rep, i = "j", i + 2
        elif uzbek and ch == "е" and (i == 0 or low[i - 1] in "аеёиоуыэюя ьъ"):
            rep, i = "ye", i + 1
        else:
            rep, i = table.get(ch, ch), i + 1
        out.append(rep)
    word = "".join(out)
    # Keep the capitalisation of each word of the source.
    return " ".join(w[:1].upper() + w[1:] for w in word.split(" "))


def icao(text: str) -> str:
    return _translit(text, _ICAO)


def lat1997(text: str) -> str:
    return _translit(text, _1997)


def uzbek_latin(text: str) -> str:
    words = []
    for word in text.split(" "):
        override = UZ_LATIN_OVERRIDES.get(word)
        if override is None and word.endswith("а") and word[:-1] in UZ_LATIN_OVERRIDES:
            override = UZ_LATIN_OVERRIDES[word[:-1]] + "a"
        words.append(override or _translit(word, _UZ, uzbek=True))
    return " ".join(words)


ADHOC_RULES = [
    ("kh", "h"), ("kh", "x"), ("Kh", "H"), ("Kh", "X"), ("dzh", "j"), ("Dzh", "J"),
    ("Dzh", "Dj"), ("dzh", "dj"), ("zh", "j"), ("Zh", "J"), ("iu", "yu"), ("ia", "ya"),
    ("Iu", "Yu"), ("Ia", "Ya"), ("ie", "e"), ("zoda", "zade"), ("yo", "io"), ("ey", "ei"),
    ("iy", "ii"), ("sh", "sch"), ("u", "ou"), ("ts", "tc"),
]


def adhoc(text: str, rng: random.Random) -> str:
    base = icao(text) if rng.random() < 0.5 else lat1997(text)
    applicable = [r for r in ADHOC_RULES if r[0] in base]
    rng.shuffle(applicable)
    for old, new in applicable[: rng.randint(1, 2)]:
        base = base.replace(old, new)
    return base


# ------------------------------------------------------------------------------- noise

_CYR_LOOKALIKE = {"A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М",
                  "O": "О", "P": "Р", "T": "Т", "X": "Х"}
_SIMILAR = {"и": "е", "е": "и", "о": "а", "а": "о", "ы": "и", "у": "ю", "e": "i", "i": "e",
            "o": "a", "a": "o", "u": "o", "y": "i"}


def typo(text: str, rng: random.Random) -> str:
    """One keyboard/hearing mistake: delete, double, transpose or replace a letter."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    op = rng.random()
    if op < 0.25:
        return text[:i] + text[i + 1:]
    if op < 0.45:
        return text[:i] + text[i] + text[i:]
    if op < 0.7:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    ch = text[i]
    rep = _SIMILAR.get(ch.lower())
    if rep is None:
        alphabet = "абвгдежзиклмнопрстуфхш" if "\u0400" <= ch <= "\u04ff" else "abdegiklmnoprstuvz"
        rep = rng.choice(alphabet)
    if ch.isupper():
        rep = rep.upper()
    return text[:i] + rep + text[i + 1:]


# ---------------------------------------------------------------------------- persons

def _female_surname(male: str) -> str:
    if male.endswith(("ов", "ев", "ёв", "ин")):
        return male + "а"
    return male  # -зода, -заде, -и and foreign forms do not change


def _patronymic_ru(father: str, sex: str) -> str:
    stem = father
    if stem.endswith("й"):
        stem, suffix = stem[:-1], ("евич" if sex == "M" else "евна")
    elif stem[-1] in "аоеиуыэюяё":
        suffix = "евич" if sex == "M" else "евна"
    else:
        suffix = "ович" if sex == "M" else "овна"
    return stem + suffix


class Person:
    __slots__ = ("pid", "nat", "sex", "given", "surname", "surname_alt", "father", "dob",
                 "docs", "phones", "addresses", "patr_style", "cit_style")

    def __init__(self, pid: str, nat: str, sex: str, given: list[str], surname: list[str],
                 father: list[str], dob: dt.date):
        self.pid = pid
        self.nat = nat
        self.sex = sex
        self.given = given          # Cyrillic spellings, first is the usual one
        self.surname = surname      # male-form Cyrillic spellings
        self.surname_alt = None     # e.g. Tajik -зода form adopted later
        self.father = father
        self.dob = dob
        self.docs: list[str] = []
        self.phones: list[str] = []
        self.addresses: list[tuple[str, str, str, str]] = []
        self.patr_style = "ru"
        self.cit_style = 0


class Generator:
    """Produces persons (with hard-negative relatives and namesakes) and their noisy records."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.next_pid = 0
        self.used_docs: set[str] = set()

    # -- attributes -------------------------------------------------------------------
    def _pid(self) -> str:
        self.next_pid += 1
        return f"P{self.next_pid:07d}"

    def _nat(self) -> str:
        r = self.rng.random()
        acc = 0.0
        for nat, w in NATIONALITY_WEIGHTS:
            acc += w
            if r < acc:
                return nat
        return NATIONALITY_WEIGHTS[-1][0]

    def _pick(self, table: list[list[str]]) -> list[str]:
        # Zipf-like preference for the front of the list: frequent names are frequent.
        n = len(table)
        i = min(int(n * self.rng.random() ** 1.8), n - 1)
        return table[i]

    def _surname_for(self, nat: str) -> list[str]:
        s = self._pick(NAMES[nat]["S"])
        if nat == "TJK" and self.rng.random() < 0.35:
            root = s[0][:-2] if s[0].endswith(("ов", "ев")) else s[0]
            return [root + "зода", root + "заде"]
        return s

    def _dob(self) -> dt.date:
        start = dt.date(1960, 1, 1).toordinal()
        end = dt.date(2007, 12, 31).toordinal()
        # Migrant workers are mostly 20-40 years old: skew towards the late 1980s and 1990s.
        d = dt.date.fromordinal(int(start + (end - start) * self.rng.triangular(0, 1, 0.75)))
        if self.rng.random() < 0.02:  # only the year known: registered as 1 January
            d = dt.date(d.year, 1, 1)
        return d

    def _doc(self, nat: str) -> str:
        while True:
            digits = f"{self.rng.randrange(10**7):07d}"
            if nat == "UZB":
                doc = self.rng.choice(["AA", "AB", "AC", "AD", "FA", "FB"]) + digits
            elif nat == "TJK":
                doc = "A" + digits + str(self.rng.randrange(10))
            else:
                doc = self.rng.choice(["AC", "ID", "AN"]) + digits
            if doc not in self.used_docs:
                self.used_docs.add(doc)
                return doc

    def _phone(self, nat: str) -> str:
        if self.rng.random() < 0.15:
            cc = {"UZB": "998", "TJK": "992", "KGZ": "996"}[nat]
            return cc + f"{self.rng.randrange(10**9):09d}"
        return "79" + f"{self.rng.randrange(10**9):09d}"

    def _address(self) -> tuple[str, str, str, str]:
        street, postcode = self.rng.choice(STREETS)
        house = str(self.rng.randint(1, 180))
        if self.rng.random() < 0.1:
            house += self.rng.choice(["а", "б", "/1", "/2"])
        apt = str(self.rng.randint(1, 320)) if self.rng.random() < 0.85 else ""
        return street, house, apt, postcode

    def new_person(self, nat: str | None = None, sex: str | None = None) -> Person:
        nat = nat or self._nat()
        sex = sex or ("M" if self.rng.random() < 0.72 else "F")
        p = Person(self._pid(), nat, sex, self._pick(NAMES[nat][sex]),
                   self._surname_for(nat), self._pick(NAMES[nat]["M"]), self._dob())
        self._fill_contacts(p)
        return p

    def _fill_contacts(self, p: Person) -> None:
        p.docs = [self._doc(p.nat)]
        if self.rng.random() < 0.15:
            p.docs.append(self._doc(p.nat))  # renewed passport
        p.phones = [self._phone(p.nat)] if self.rng.random() < 0.8 else []
        if p.phones and self.rng.random() < 0.15:
            p.phones.append(self._phone(p.nat))
        p.addresses = [self._address()]
        if self.rng.random() < 0.25:
            p.addresses.append(self._address())
        if p.nat == "TJK" and p.surname[0].endswith(("ов", "ев")) and self.rng.random() < 0.08:
            p.surname_alt = [p.surname[0][:-2] + "зода"]
        p.patr_style = {
            "UZB": "ru" if self.rng.random() < 0.6 else "uz",
            "KGZ": "ru" if self.rng.random() < 0.5 else "kg",
            "TJK": "ru" if self.rng.random() < 0.8 else "none",
        }[p.nat]
        p.cit_style = self.rng.random()

    # -- hard negatives ------------------------------------------------------------------
    def siblings(self) -> list[Person]:
        """2-4 children of one father: same surname, patronymic, address and often phone."""
        first = self.new_person()
        family = [first]
        n = self.rng.choice([2, 2, 2, 3, 3, 4])
        shared_phone = first.phones[:1] if self.rng.random() < 0.4 else None
        twins = self.rng.random() < 0.25
        taken = {first.given[0]}
        for k in range(1, n):
            sex = "M" if self.rng.random() < 0.6 else "F"
            if twins and k == 1 and sex == "M" and first.sex == "M" and \
                    first.given[0] in ("Хасан", "Хусан") and self.rng.random() < 0.8:
                given = ["Хусан", "Хусен"] if first.given[0] == "Хасан" else ["Хасан"]
            else:
                given = self._pick(NAMES[first.nat][sex])
                while given[0] in taken:
                    given = self._pick(NAMES[first.nat][sex])
            taken.add(given[0])
            if twins and k == 1:
                dob = first.dob
            else:
                years = self.rng.randint(1, 10) * self.rng.choice([-1, 1])
                dob = dt.date.fromordinal(first.dob.toordinal() + years * 365
                                          + self.rng.randint(-150, 150))
            sib = Person(self._pid(), first.nat, sex, given, first.surname, first.father, dob)
            self._fill_contacts(sib)
            sib.addresses = list(first.addresses)
            sib.surname_alt = first.surname_alt
            sib.patr_style = first.patr_style
            if shared_phone:
                sib.phones = list(shared_phone)
            family.append(sib)
        return family

    def namesakes(self) -> list[Person]:
        """2-3 different people with the same full name; dates of birth days or months apart."""
        first = self.new_person()
        group = [first]
        for _ in range(self.rng.choice([1, 1, 2])):
            shift = self.rng.choice([self.rng.randint(1, 20), self.rng.randint(30, 400)])
            dob = dt.date.fromordinal(first.dob.toordinal() + shift * self.rng.choice([-1, 1]))
            other = Person(self._pid(), first.nat, first.sex, first.given, first.surname,
                           first.father, dob)
            self._fill_contacts(other)
            if self.rng.random() < 0.2:
                other.addresses = [first.addresses[0]]
            group.append(other)
        return group

    # -- records ---------------------------------------------------------------------
    def n_records(self) -> int:
        r = self.rng.random()
        for k, cum in ((1, 0.35), (2, 0.65), (3, 0.83), (4, 0.93), (5, 0.97)):
            if r < cum:
                return k
        return self.rng.randint(6, 10)

    def _script(self, nat: str) -> str:
        r = self.rng.random()
        if nat == "UZB":
            table = (("cyr", 0.50), ("icao", 0.18), ("1997", 0.10), ("uz", 0.12), ("adhoc", 0.10))
        else:
            table = (("cyr", 0.55), ("icao", 0.22), ("1997", 0.12), ("adhoc", 0.11))
        acc = 0.0
        for name, w in table:
            acc += w
            if r < acc:
                return name
        return "cyr"

    def _write(self, cyr: str, script: str, upper: bool) -> str:
        if script == "cyr":
            out = cyr
        elif script == "icao":
            out = icao(cyr)
        elif script == "1997":
            out = lat1997(cyr)
        elif script == "uz":
            out = uzbek_latin(cyr)
        else:
            out = adhoc(cyr, self.rng)
        return out.upper() if upper else out

    def _patronymic(self, p: Person, script: str, upper: bool) -> str:
        """The patronymic in the record's script, in the person's (or the agency's) form."""
        father = p.father[0] if self.rng.random() < 0.85 else self.rng.choice(p.father)
        style = p.patr_style
        if self.rng.random() < 0.2:  # another agency writes it its own way
            style = self.rng.choice({"UZB": ["ru", "uz", "none"], "KGZ": ["ru", "kg", "none"],
                                     "TJK": ["ru", "none"]}[p.nat])
        if style == "none" or self.rng.random() < 0.08:
            return ""
        if style == "uz" and script == "uz":
            text = uzbek_latin(father) + (" oʻgʻli" if p.sex == "M" else " qizi")
            return text.upper() if upper else text
        if style == "ru":
            cyr = _patronymic_ru(father, p.sex)
        elif style == "uz":
            word = self.rng.choice(["угли", "угли", "оглы"]) if p.sex == "M" else "кизи"
            cyr = father + " " + word
        else:  # Kyrgyz
            cyr = father + (" уулу" if p.sex == "M" else " кызы")
        return self._write(cyr, script, upper)

    def _date(self, d: dt.date) -> str:
        day, month = d.day, d.month
        if day <= 12 and day != month and self.rng.random() < 0.03:
            day, month = month, day
        year = d.year
        if self.rng.random() < 0.01:
            year += self.rng.choice([-1, 1, -10, 10])
        if self.rng.random() < 0.55:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{day:02d}.{month:02d}.{year:04d}"

    def _doc_text(self, doc: str) -> str:
        r = self.rng
        if r.random() < 0.03:
            i = r.randrange(len(doc) - 7, len(doc))
            doc = doc[:i] + str(r.randrange(10)) + doc[i + 1:]
        letters = len(doc) - len(doc.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        if r.random() < 0.10 and letters:
            doc = "".join(_CYR_LOOKALIKE.get(c, c) for c in doc[:letters]) + doc[letters:]
        if r.random() < 0.15 and letters:
            doc = doc[:letters] + " " + doc[letters:]
        if r.random() < 0.05:
            doc = "№ " + doc
        if r.random() < 0.03:
            doc = doc.lower()
        return doc

    def _phone_text(self, phone: str) -> str:
        r = self.rng.random()
        if phone.startswith("7"):
            n = phone[1:]
            if r < 0.3:
                return "+7" + n
            if r < 0.5:
                return "8" + n
            if r < 0.7:
                return f"8 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}"
            if r < 0.85:
                return f"+7 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}"
            return n
        cc, n = phone[:3], phone[3:]
        if r < 0.5:
            return "+" + phone
        return f"+{cc} {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}"

    def _address_text(self, a: tuple[str, str, str, str]) -> str:
        street, house, apt, _ = a
        r = self.rng.random()
        if r < 0.4:
            s = f"г. Казань, ул. {street}, д. {house}" + (f", кв. {apt}" if apt else "")
        elif r < 0.65:
            s = f"Казань, ул {street} {house}" + (f"-{apt}" if apt else "")
        elif r < 0.85:
            s = f"ул. {street}, {house}" + (f", кв. {apt}" if apt else "")
        else:
            s = f"{street.upper()} УЛ, Д.{house}" + (f", КВ.{apt}" if apt else "")
        return s

    def records(self, p: Person, count: int) -> list[list[str]]:
        rng = self.rng
        rows = []
        for k in range(count):
            script = self._script(p.nat)
            upper = script != "cyr" and rng.random() < 0.6 or script == "cyr" and rng.random() < 0.1
            given = rng.choice(p.given) if rng.random() < 0.25 else p.given[0]
            surname_src = p.surname_alt if (p.surname_alt and k >= count // 2) else p.surname
            surname = rng.choice(surname_src) if rng.random() < 0.25 else surname_src[0]
            if p.sex == "F":
                surname = _female_surname(surname)
            given_s = self._write(given, script, upper)
            surname_s = self._write(surname, script, upper)
            patr = self._patronymic(p, script, upper)
            if rng.random() < 0.08:
                given_s = typo(given_s, rng)
            if rng.random() < 0.08:
                surname_s = typo(surname_s, rng)
            if patr and rng.random() < 0.06:
                patr = typo(patr, rng)
            if rng.random() < 0.02:
                given_s, surname_s = surname_s, given_s
            dob = "" if rng.random() < 0.01 else self._date(p.dob)
            sex = "" if rng.random() < 0.03 else (
                ("M" if p.sex == "M" else "F") if rng.random() < 0.6 else
                ("М" if p.sex == "M" else "Ж"))
            if p.cit_style < 0.75:
                cit = p.nat
            elif p.cit_style < 0.95:
                cit = CITIZENSHIP_RU[p.nat]
            else:
                cit = CITIZENSHIP_A2[p.nat]
            if rng.random() < 0.1:
                cit = rng.choice([p.nat, CITIZENSHIP_RU[p.nat].upper()])
            if rng.random() < 0.02:
                cit = ""
            doc_i = 0 if (len(p.docs) == 1 or k < count // 2) else 1
            doc = "" if rng.random() < 0.08 else self._doc_text(p.docs[doc_i])
            phone = ""
            if p.phones and rng.random() < 0.7:
                phone = self._phone_text(p.phones[min(k * len(p.phones) // count,
                                                      len(p.phones) - 1)])
            addr_t = p.addresses[min(k * len(p.addresses) // count, len(p.addresses) - 1)]
            address = "" if rng.random() < 0.1 else self._address_text(addr_t)
            postcode = "" if rng.random() < 0.15 else addr_t[3]
            if postcode and rng.random() < 0.03:
                postcode = postcode[:-1] + str(rng.randrange(10))
            rows.append([surname_s, given_s, patr, dob, sex, cit, doc, phone, address,
                         postcode, p.pid])
        return rows


def generate(records: int, seed: int, output: str, *, quiet: bool = False) -> dict:
    """Write exactly `records` rows to `output` (CSV with header). Returns summary counts."""
    if records < 1:
        raise ValueError("records must be at least 1")
    gen = Generator(seed)
    shuffle_rng = random.Random(seed + 1)
    n_buckets = max(1, records // 50_000)
    out_dir = os.path.dirname(os.path.abspath(output))
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="gen-buckets-", dir=out_dir)
    bucket_paths = [os.path.join(tmp, f"b{i:04d}.csv") for i in range(n_buckets)]
    handles = [open(p, "w", newline="", encoding="utf-8") for p in bucket_paths]
    writers = [csv.writer(h) for h in handles]
    stats = {"records": 0, "persons": 0, "sibling_groups": 0, "namesake_groups": 0}
    try:
        written = 0
        next_report = 200_000
        while written < records:
            r = gen.rng.random()
            if r < 0.12:
                group = gen.siblings()
                stats["sibling_groups"] += 1
            elif r < 0.18:
                group = gen.namesakes()
                stats["namesake_groups"] += 1
            else:
                group = [gen.new_person()]
            for person in group:
                if written >= records:
                    break
                count = min(gen.n_records(), records - written)
                for row in gen.records(person, count):
                    writers[shuffle_rng.randrange(n_buckets)].writerow(row)
                written += count
                stats["persons"] += 1
            if not quiet and written >= next_report:
                print(f"  generated {written:,} records", file=sys.stderr)
                next_report += 200_000
        for h in handles:
            h.close()
        part = output + ".part"
        with open(part, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(COLUMNS)
            rid = 0
            for path in bucket_paths:
                with open(path, newline="", encoding="utf-8") as f:
                    rows = list(csv.reader(f))
                shuffle_rng.shuffle(rows)
                for row in rows:
                    rid += 1
                    w.writerow([f"R{rid:07d}"] + row)
                os.remove(path)
        os.replace(part, output)
        stats["records"] = rid
    finally:
        for h in handles:
            if not h.closed:
                h.close()
        for path in bucket_paths:
            if os.path.exists(path):
                os.remove(path)
        os.rmdir(tmp)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=20_000, help="number of records (rows)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--output", required=True, help="CSV file to write")
    args = ap.parse_args(argv)
    stats = generate(args.records, args.seed, args.output)
    print(f"wrote {stats['records']:,} records of {stats['persons']:,} persons "
          f"({stats['sibling_groups']:,} sibling groups, {stats['namesake_groups']:,} "
          f"namesake groups) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
