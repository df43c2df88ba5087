# Интерфейс реестра. Русский — основной язык и запасной для всех остальных.
app-name = Виртуальный миграционный центр
language = Язык
lang-ru = Русский
lang-uz = Oʻzbekcha
lang-tg = Тоҷикӣ
lang-ky = Кыргызча
lang-en = English
logout = Выйти
footer-privacy = Каждое обращение к персональным данным записывается в журнал с целью обращения. Вы можете узнать, кто смотрел ваши данные.
menu-persons = Поиск лиц
home-welcome = Здравствуйте, { $name }.

login-title = Вход
login-username = Имя пользователя
login-password = Пароль
login-submit = Войти
login-failed = Неверное имя пользователя или пароль.
login-stale = Форма устарела. Попробуйте ещё раз.
login-throttled = Слишком много попыток. Подождите { $seconds } с.

role-admin = администратор
role-migration_officer = сотрудник миграционной службы
role-tax_officer = сотрудник налоговой службы
role-employer = работодатель
role-university = образовательная организация
role-adaptation_centre = центр адаптации
role-law_enforcement = правоохранительные органы
role-analyst = аналитик
role-migrant = иностранный гражданин

search-title = Поиск иностранных граждан
search-name = Фамилия и имя (любое написание)
search-name-hint = Юсупов Жамшид или YUSUPOV
search-birth-year = Год рождения
search-citizenship = Гражданство
search-document = Номер документа
search-submit = Найти
search-none = Никого не найдено.
next-page = Следующая страница

reason-title = Основание доступа
reason-legal-basis = Правовое основание
reason-case-number = Номер дела
reason-purpose = Цель обращения
reason-submit = Продолжить

col-name = ФИО
col-latin = Латиницей
col-birth = Дата рождения
col-citizenship = Гражданство
col-district = Район
col-sex = Пол
sex-male = мужской
sex-female = женский
sex-unspecified = не указан

section-names = Написания имени
section-documents = Документы
section-permits = Разрешения и статус
section-stays = Места пребывания
section-employment = Трудовая деятельность
section-contacts = Контакты

name-form-native = национальное написание
name-form-russian = кириллица
name-form-latin = латиница

doc-passport = Паспорт
doc-migration_card = Миграционная карта
doc-patent = Патент
doc-temporary_residence_permit = РВП
doc-residence_permit = Вид на жительство
doc-visa = Виза
doc-work_permit = Разрешение на работу

permit-patent = Патент
permit-temporary_residence = Разрешение на временное проживание
permit-residence = Вид на жительство
permit-visa = Виза
permit-work_permit = Разрешение на работу
permit-student = Обучение

error-title = Ошибка
error-forbidden = Доступ запрещён
error-legal-basis = Для доступа укажите правовое основание и номер дела.
error-legal-basis-unknown = Выберите правовое основание из списка.
error-birth-year = Год рождения — четыре цифры.
back-to-search = Вернуться к поиску

search-status = Статус
next-deadline = ближайший срок
section-obligations = Обязанности и сроки
section-violations = Нарушения
status-LEGAL = Законное пребывание
status-AT_RISK = Приближается срок
status-IN_VIOLATION = Есть нарушение
status-IRREGULAR = Незаконное пребывание
status-DEPARTED = Выехал
