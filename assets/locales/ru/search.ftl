# Поиск иностранных граждан (docs/SEARCH.md).
search-name-help = Фамилия ищется точно, в любом написании; имя — по началу. Чтобы найти фамилии, начинающиеся с введённого, поставьте в конце *, например: Юсуп*.
search-birth-date = Дата рождения
search-phone = Телефон
search-inn = ИНН
search-deadline-from = Ближайший срок с
search-deadline-to = Ближайший срок по
col-next-deadline = Ближайший срок
search-similar = Точных совпадений нет. Показаны похожие имена.
search-error-name-too-short = Укажите в имени не менее двух букв.
search-error-name-wildcard = Символы подстановки (%, _, ?, *) не допускаются; только * в конце фамилии ищет фамилии, начинающиеся с введённого.
search-error-name-characters = Имя может содержать только буквы, пробелы, дефисы и апострофы.
search-error-name-script = Введите имя кириллицей или латиницей, как в документе.
search-error-name-prefix-too-short = Для поиска по началу фамилии (*) нужно не менее трёх букв.
search-error-name-too-many-words = В имени не более шести слов: фамилия и имя.
search-error-name-too-long = Имя слишком длинное.
search-error-criteria-required = Укажите хотя бы один критерий поиска: просмотр всего реестра не допускается.
search-error-cursor = Ссылка на страницу устарела или относится к другому поиску. Повторите поиск.
