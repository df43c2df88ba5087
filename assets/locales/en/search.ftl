# Person search (docs/SEARCH.md).
search-name-help = The surname is matched exactly, in any writing; given names by their beginning. To find surnames beginning with what you typed, end it with *, e.g. Yusup*.
search-birth-date = Date of birth
search-phone = Phone
search-inn = INN
search-deadline-from = Next deadline from
search-deadline-to = Next deadline to
col-next-deadline = Next deadline
search-similar = No exact match. Similar names are shown.
search-error-name-too-short = Give at least two letters of the name.
search-error-name-wildcard = Wildcards (%, _, ?, *) are not allowed; only a * at the end of the surname finds surnames beginning with it.
search-error-name-characters = A name may contain only letters, spaces, hyphens and apostrophes.
search-error-name-script = Type the name in Cyrillic or Latin letters, as in a document.
search-error-name-prefix-too-short = A search by the beginning of a surname (*) needs at least three letters.
search-error-name-too-many-words = A name has at most six words: surname and given names.
search-error-name-too-long = The name is too long.
search-error-criteria-required = Give at least one search criterion: browsing the whole registry is not allowed.
search-error-cursor = The page link is out of date or belongs to another search. Search again.
