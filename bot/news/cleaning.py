"""Raw article text into a title, header lines, a dateline and clean paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.news.dates import AGO_RE, DATE_PATTERNS, RELATIVE_DAY_RE, WEEKDAY_RE, find_date
from bot.news.outlets import Outlets

MAX_TITLE_CHARS = 250
MIN_REPEAT_CHARS = 40
_SENTENCE_END = tuple('.!?:;…»"”)')
# What a metadata line may consist of besides dates: "date", "Фото: МИД РК", a view counter, "| GMT +5".
_META_NOISE_RE = re.compile(
    r"\b(?:date|дата|опубликовано|published|updated|обновлено|GMT|UTC|posted|on|by|at|am|pm|в|автор|author"
    r"|источник|source|просмотр\w*|views?|комментари\w*|comments?|мин|min|read|чтения|last"
    # a weekday, a time zone, the share buttons: `Last Updated: Thursday, 28 September 2006, 12:25 GMT 13:25 UK`
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|понедельник|вторник|среда|четверг|пятница"
    r"|суббота|воскресенье|UK|MSK|МСК|share|twitter|facebook|tumblr|telegram|whatsapp|email|print)\b"
    r"|[|•·,:+–—/#()]|(?<!\w)-|-(?!\w)|\d+",
    re.I,
)
# `Автор: Иван Петров`, `By John Smith`: an author's name in a date line
_AUTHOR_RE = re.compile(r"\b(?i:by|автор|author)\b\s*:?\s*(?:[A-ZА-ЯЁ][\w.’'-]*\s*){1,3}")
_PHOTO_WORD_RE = re.compile(r"фото|photo", re.I)
_PHOTO_RE = re.compile(r"\b(?:Фото|Photo|Фотo)\s*:.*$", re.I)
_BYLINE_RE = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:[ -][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+){1,2}$")

# "Вена. 5 декабря. KAZAKHSTAN TODAY - …", "АСТАНА, 7 октября. /ТАСС/. …", "ASTANA – …"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_CITY = rf"(?P<city>[{_UPPER}][\w'’-]*(?: [{_UPPER}][\w'’-]*){{0,2}})"
# "5 декабря", "4 июля 2024 года", "23 сен", "May 14, 2025"
_DL_DATE = (
    r"(?P<date>[0-3]?\d\s+[^\W\d_]{3,}\.?(?:,?\s+(?:19|20)\d\d(?:\s*(?:г\.|года))?)?"  # `11 января, 2022`
    r"|[A-Z](?:[a-z]{2,8}|[A-Z]{2,8})\.?\s+[0-3]?\d(?:,\s*(?:19|20)\d\d)?"  # `May 14, 2025`, `MAR 26`
    # `ДУШАНБЕ, 24.05.2024 /НИАТ «Ховар»/.`, `Brussels, 12/03/2019 -`
    r"|[0-3]?\d(?P<dsep>[./])[01]\d(?P=dsep)(?:19|20)\d\d)"
)
# The city, a country after it ("Астана, Казахстан, 4 июля 2024 года –"), the date.
_COUNTRY = rf"[{_UPPER}][\w’'-]*(?:\s+(?:of|[{_UPPER}][\w’'-]*)){{0,3}}"  # `Казахстан`, `People’s Republic of China`
_DATELINE_RE = re.compile(
    rf"^{_CITY}(?:\s*\([^)]{{1,40}}\)|\s*\[[^\]]{{1,40}}\])?(?:\s*,\s*{_COUNTRY}(?=\s*,\s*\d|\s*,\s*[A-Z][a-z]+\.?\s+\d))?"
    rf"\s*(?:[.,]|[–—-](?=\s*\d))\s*(?:{_DL_DATE}(?:\s*[,/]?\s*[0-2]?\d:[0-5]\d(?:\s*[ap]\.?m\.?)?)?"
    rf"(?:\s*\([^)]{{1,40}}\))?\s*[.,:]{{0,2}}\s*)?"
)  # `ISLAMABAD, Mar 12 (APP):` ends with a colon, `Nur-Sultan [Kazakhstan], Aug 30 (ANI/Xinhua):` has a country in
# square brackets; `Vatican City, May 31, 2022 / 08:33 am (CNA).` a time
# `Baku/27.06.22/Turan:`, `Baku /15.10.19 / Turan:`: the city, the date and the agency between slashes, a colon
_SLASHED_DATELINE_RE = re.compile(
    rf"^{_CITY}\s*/\s*(?P<date>[0-3]?\d\.[01]\d\.(?:19|20)?\d\d)\s*/\s*(?P<source>[^/:\n]{{2,30}}?)\s*:\s*(?=[{_UPPER}])"
)
_OUTLET_STAMP_RE = re.compile(r"\bНовости \S+ от (?P<stamp>[0-3]\d\.[01]\d\.(?:19|20)\d\d [0-2]?\d:[0-5]\d)")
_HYPHEN_DATELINE_RE = re.compile(r"^(?P<city>[A-Z]{3,}(?: [A-Z]{2,})?)-(?=[A-Z][a-z])")  # `ISLAMABAD-The …`
# `Tashkent, The Gulf Observer: President …`, `ABU DHABI / WAM` on a line of its own: the city and the outlet
_OUTLET_DATELINE_RE = re.compile(
    rf"^{_CITY}(?:,\s*(?P<source>(?:The\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})\s*:\s+(?=[{_UPPER}])"
    rf"|\s*/\s*(?P<agency>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}})\s*$)"
)
_LEADING_CREDIT_RE = re.compile(rf"^\([^()\n]{{2,40}}\)\s*(?=[{_UPPER}])")  # `(MENAFN- Trend News Agency)`
# `By Niam Seet Wei ASTANA (Kazakhstan), July 14 (Bernama) --`: the author's name before a dateline in capitals
_LEADING_BYLINE_RE = re.compile(r"^By\s+(?:[A-Z][a-z]+\s+){1,4}(?=[A-Z]{3,}\b)")
# `BC, Riga, 09.10.2015.`: an outlet's initials before the dateline's city
_LEADING_AGENCY_RE = re.compile(r"^(?P<agency>[A-ZА-ЯЁ]{2,5}),\s*(?=[A-ZА-ЯЁ][a-zа-яё])")
_COUNTRY_NAMES = {"people’s republic of china", "people's republic of china", "usa", "russian federation", "uk"}
_LEADING_COUNTRY_RE = re.compile(rf"^([{_UPPER}][\w-]+)\s*[.,]\s*(?=[{_UPPER}])")
_DATE_FIRST_DATELINE_RE = re.compile(
    rf"^(?P<date>[0-3]?\d\s+[^\W\d_]{{3,}})\s*,\s*{_CITY}\s*/[^/]{{1,60}}/\s*[.,]?\s*(?=[{_UPPER}])"
)
# A date line that runs on into the title or the text: " date 2025-12-05 В Вене прошла встреча…"
_DATE_LABEL_RE = re.compile(
    r"(?:(?:date|дата|опубликовано|published|updated|обновлено)\s*:?\s*|(?:[01]?\d|2[0-3]):[0-5]\d\s+)", re.I
)
# "330Министр": a view counter glued to the first word of the text
# `… in Astana, 19 November 2018ASTANA, 19 November 2018 – OSCE PA President …`: a caption's year glued to the
# dateline of the text; the dateline goes on a line of its own
_GLUED_DATELINE_RE = re.compile(r"(?<=(?:19|20)\d\d)(?=[A-ZА-ЯЁ]{3,}(?:[ -][A-ZА-ЯЁ]{2,})*,\s)")
# `ChinaSHANGHAI – Kazakh President …`: a page's section name glued to the dateline in capitals
_GLUED_SECTION_RE = re.compile(r"(?m)^([A-Z][a-z]{2,20})(?=[A-Z]{3,}(?: [A-Z]{2,})? [–—-] )")
# `… following talks with Yermek Kosherbayev (Moscow, October 22, 2025)`: a speech heading ends with where and when
_HEADING_PLACE_DATE_RE = re.compile(
    r"[(,]\s*(?P<city>[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*)?),\s*(?P<date>[^()]{6,30})(?:\)\.?)?\s*$"
)
# `January 20, 2014, New York`, `December 27, 2017, The Kremlin, Moscow` (a venue before the city)
_DATE_THEN_PLACE_RE = re.compile(
    r"(?P<date>[^(),]{3,20},\s*\d{4}),\s*(?:[A-ZА-ЯЁ][\w'’ -]{2,30},\s*)?(?P<city>[A-ZА-ЯЁ][\w'’ -]{2,30})"
)
_TITLE_PLACE_RE = re.compile(r",\s*(?P<city>[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*)?)\s*$")
_PLACE_DATE_LINE_RE = re.compile(
    r"\(?[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*)?,\s*[^()]{6,30}\)?|[^(),]{3,20},\s*\d{4},\s*[A-ZА-ЯЁ][\w'’ -]{2,30}"
)
_HEADING_DATE_RE = re.compile(r"\((?P<date>[^()]{6,30})\)\.?\s*$")
_GLUED_NUMBER_RE = re.compile(
    r"(?<=\d)(?=[A-ZА-ЯЁ][a-zа-яё])|(?<=[a-zа-яё]{3})(?=[0-3]?\d\s+[A-Za-zА-Яа-яЁё]{3})"
    r"|(?<=:[0-5]\d)(?=[0-3]\d[./][01]\d[./](?:19|20)\d\d)"  # `10:0611/04/2025`: a time glued to the date after it
)
# `…по вопросам СВМДА18.05.2022 18:26Нур-Султан (Астана) - 18 мая`: a page's date line glued between its title and
# its text; it goes on a line of its own
_RUN_IN_DATE_RE = re.compile(r"(?<=[^\s\d])([0-3]?\d\.[01]\d\.(?:19|20)\d\d,?\s[0-2]?\d:[0-5]\d)(?=[^\s\d.,:])")
DATELINE_LINES = 3  # a dateline may follow a title and a line of site chrome
STRONG_DATELINE_LINES = 8
MENU_LINES = 8  # short lines of a page's menu above its date line (or a widget's above its dateline)
MIN_PARAGRAPH_WORDS = 8
MAX_META_CHARS = 80  # a date line below the title: `26 сен. 2022, 18:03 (обновлено 27 сен. 2022, 18:00) Интервью`
PLACE_LINES = 6
CHROME_DATE_LINES = 15  # lines from the top where a chrome line's date is the page's
MAX_CAPTION_CHARS = 300
_CAPTION_END_RE = re.compile(r"[.!?]\s+(?P<city>[A-ZА-ЯЁ][\w'’-]+),\s*(?P<date>[^.,]{6,30}?)\.?$")
# `ASTANA (Kazinform) –`, `Нур-Султан / Kazinform –`, `ANKARA, Turkey (AA) -`, `GENEVA (5 May 2024) –`,
# `ASTANA, Kazakhstan —`: the city, maybe its country, an outlet or a date in brackets, a dash (or a colon after
# the bracket)
_BRACKET_DATELINE_RE = re.compile(
    rf"^{_CITY}(?:\s*,\s*(?P<country>{_COUNTRY}))?"
    rf"(?:\s*\((?P<inner>[^()]{{1,40}})\)|\s*/\s*(?P<slashed>[^/()–—-]{{2,30}}?)\s*/?(?=\s*[–—-]))?"
    rf"\s*,?\s*(?:[–—-]+|(?<=\)):)\s*(?=[{_UPPER}])"  # `ASTANA (May 17): Malaysia and …`, `Astana, – As …`
)
_NUMERIC_DATE_RE = re.compile(r"[0-3]?\d([./])[01]\d\1(?:19|20)\d\d")
# `05.05.2024, Астана — Министр …`: after a date at the head of the line, a city and a dash or a full stop
_CITY_AFTER_DATE_RE = re.compile(rf"^{_CITY}\s*(?:[.]|\s[–—-]+)\s*(?=[{_UPPER}])")
_CAPS_DASH_DATELINE_RE = re.compile(rf"^{_CITY}(?:\s*[–—-]+|\s*:)\s+(?=[{_UPPER}])")  # `ANKARA- `, `ISLAMABAD: `
_DASH_RE = re.compile(r"^[-–—]+\s*")
# `Бишкек, "САЯСАТ.KG".`: an outlet the data doesn't know, in quotes right after the city
_AGENCY_BYLINE_RE = re.compile(r"\s*,\s*[A-ZА-ЯЁ][a-zа-яё]+ [A-ZА-ЯЁ][a-zа-яё-]+\.\s+(?=[A-ZА-ЯЁ«\"])")
# `Грузия, 12 ноября, ГРУЗИНФОРМ. Текст`: an agency the data doesn't know, in capitals after the date
_CAPS_AGENCY_RE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ-]{3,}(?: [A-ZА-ЯЁ-]{2,})?(?=\s*[.–—-]\s)")
_QUOTED_OUTLET_RE = re.compile(r"[\"«“][^\"«»“”]{2,30}[\"»”](?=\s*[.,–—-])|/[^/\n]{2,30}/")


@dataclass
class Dateline:
    city: str
    date: str | None
    source: str | None
    weak: bool = False  # the city of the page's date line (`Astana, Kazakhstan • 22 September, 2022`): the outlet's


@dataclass
class Cleaned:
    title: str | None
    header: list[str] = field(default_factory=list)  # lines above the text: dates, credits
    paragraphs: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    dateline_paragraph: str | None = None  # the text that follows the dateline: where the lede starts


def normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    text = text.replace("\ufeff", "").replace("\t", " ")
    text = _RUN_IN_DATE_RE.sub(r"\n\1\n", text)
    text = _GLUED_NUMBER_RE.sub(" ", text)
    text = _GLUED_DATELINE_RE.sub("\n", text)
    text = _GLUED_SECTION_RE.sub("\\1\n", text)
    text = _BROKEN_HYPHEN_RE.sub(r"\1-\2", text)
    text = _GLUED_SENTENCE_RE.sub(". ", text)
    return re.sub(r"[ \u2009\u202f]{2,}", " ", text)


# `Kassym- Jomart Tokayev`: a hyphenated name broken at its hyphen (a dash has a space before it too)
_BROKEN_HYPHEN_RE = re.compile(r"\b([A-ZА-ЯЁ][a-zа-яё]+)- ([A-ZА-ЯЁ][a-zа-яё]+)")


# `…fighting the virus.Ambassador Zhang said`: sentences glued at their full stop when the page lost its line break
# (not a site's name: `Day.Az`, `Russian.News.Cn`)
# or at a quotation that opens the next one: `… Совета Безопасности организации."Всеобъемлющая реформа …` (a Russian
# full stop stands after a closing quote, so `."` in Cyrillic opens one; in English `said."The` closes one)
_GLUED_SENTENCE_RE = re.compile(
    r"(?<=[a-zа-яё]{2})\.(?=[A-ZА-ЯЁ][a-zа-яё]{2,}\b(?!\.\w))|(?<=[a-zа-яё]{2})\.(?=[«“][A-ZА-ЯЁ][a-zа-яё])"
    r"|(?<=[а-яё]{2})\.(?=\"[А-ЯЁ][а-яё])"
)


BYLINE_ROLES = {"корреспондент", "журналист", "автор", "обозреватель", "correspondent", "reporter", "journalist"}


def _is_byline_with_role(line: str) -> bool:
    name, _, role = line.rpartition(" ")
    return role.lower() in BYLINE_ROLES and _BYLINE_RE.match(name) is not None
_PLACE_WORDS = {"city", "г.", "город", "г"}


def _is_country(word: str) -> bool:
    from bot.news.location import load_gazetteer

    return word in load_gazetteer().countries


def _is_place_name(word: str) -> bool:
    """`Astana`, `Алматы` in a date line: where it was written, not text."""
    from bot.news.location import load_gazetteer

    return load_gazetteer().name_of(word) is not None


def _is_city(name: str) -> bool:
    """`New Delhi`, not `India` nor `Note`: a city the data knows."""
    from bot.news.location import load_gazetteer

    gazetteer = load_gazetteer()
    place = gazetteer.name_of(name)
    return place is not None and place not in gazetteer.countries and place.lower() not in gazetteer.not_places


def is_meta_line(line: str, outlets: Outlets) -> bool:
    """A short line of dates, counters, photo credits and outlet names, not a sentence."""
    if len(line) > 120:
        return False
    rest = _AUTHOR_RE.sub(" ", _PHOTO_RE.sub("", line))
    had_date = False
    for pattern in DATE_PATTERNS:
        rest, n = pattern.subn(" ", rest)
        had_date = had_date or n > 0
    if not had_date:
        relative = RELATIVE_DAY_RE.match(line) or AGO_RE.match(line)
        return relative is not None and len(line) < 40
    rest = outlets.alias_re.sub(" ", rest)
    rest = _META_NOISE_RE.sub(" ", rest)
    words = [w for w in rest.split() if w.lower() not in _PLACE_WORDS and not _is_place_name(w)]
    # `Staff Report | December 5, 2025 | 12:30 pm`: fields of a date line apart, a few words among them
    fields = len(re.findall(r"[|•·]", line)) >= 1 and len(line) <= 80
    return len(words) <= 1 or (fields and len(words) <= 3)


def split_trailing_date(line: str) -> tuple[str, str] | None:
    """(the date, the rest) when a line (a title) ends with a full date: `… talks in Astana 02 июня 2015, 17:12`."""
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(line):
            # `Встреча прошла 26 сентября 2022 года.`: a sentence's full stop after it, a sentence of the text
            if m.groupdict().get("year") and not line[m.end() :].strip(" ,|") and m.start() > 0:
                head = line[: m.start()].rstrip(" ,|–—-")
                weekday = _TRAILING_WEEKDAY_RE.search(head)  # `Флаг Суббота, 23 ноября 2024`: the day goes with it
                start = weekday.start() if weekday else m.start()
                return line[start : m.end()], line[:start].rstrip(" ,|–—-")
    return None


_TRAILING_WEEKDAY_RE = re.compile(rf"(?:{WEEKDAY_RE.pattern})$", re.I)


_SENTENCE_GOES_ON_RE = re.compile(r"\s+(?!г\.)[а-яёa-z]{2,}\s")


def split_leading_date(line: str) -> tuple[str, str] | None:
    """(the date, the rest) when a line starts with a full date and goes on with other text."""
    label = _DATE_LABEL_RE.match(line)
    start = label.end() if label else (1 if line.startswith("(") else 0)  # `(25 февраля 2019) Генконсул …`
    for pattern in DATE_PATTERNS:
        m = pattern.match(line, start)
        if m and start == 1 and not line.startswith(")", m.end()):
            continue
        if m and m.groupdict().get("year"):
            if not label and start == 0 and _SENTENCE_GOES_ON_RE.match(line, m.end()):
                return None  # `7 октября 2023 года президенты России …`: a sentence that opens with its date
            rest = re.sub(r"^[)\s,|:–—-]*(?:\d+\s+(?=\D))?", "", line[m.end() :])  # a view counter after the time
            return line[1 if start == 1 else 0 : m.end()], _PHOTO_RE.sub("", rest).strip()
    return None


def join_wrapped(lines: list[str]) -> list[str]:
    """Lines cut in the middle of a sentence (the next one starts in lower case) become one."""
    out: list[list[str]] = []  # each line as its parts, joined once: no quadratic re-copying
    for line in lines:
        byline = _AUTHOR_RE.match(line) is not None and find_date(line) is not None  # `by Name | 25 May 2023`
        if out and not out[-1][-1].endswith(_SENTENCE_END) and line[:1].islower() and not byline:
            out[-1].append(line)
        else:
            out.append([line])
    return [" ".join(parts) for parts in out]


def drop_repeated_lede(paragraph: str) -> str:
    """`Lede, - Lede, сообщили …`: a sentence printed twice in a row keeps its second copy."""
    probe = paragraph[:MIN_REPEAT_CHARS]
    if len(paragraph) < 2 * MIN_REPEAT_CHARS:
        return paragraph
    again = paragraph.find(probe, 1)
    if again < 0:
        return paragraph
    first = paragraph[:again].rstrip(" -–—,.")
    if paragraph[again:].startswith(first):
        return paragraph[again:]
    return paragraph


def city_and_country(line: str) -> str | None:
    """The city of a line that holds only a city and its country or venue: `Астана, Казахстан`, `Tianjin, China`."""
    from bot.news.location import load_gazetteer

    # `UN Headquarters, New York, USA`, `People’s Republic of China, Beijing`, `Nur-Sultan - Kazakhstan`
    line = re.sub(r"^(?:г\.|город|city of)\s*", "", line.strip(), flags=re.I)  # `г. Габала, Азербайджан`
    parts = [p.strip() for p in re.split(r",|\s[-–—]\s", line.rstrip("."))]
    if not 2 <= len(parts) <= 3 or not all(parts) or len(line) > 80:
        return None
    gazetteer = load_gazetteer()

    countries = {p for p in parts if p in gazetteer.countries or p.lower() in _COUNTRY_NAMES}
    # `The Kremlin, Moscow`: a venue the data knows stands beside its city as a country does
    countries |= {p for p in parts if re.sub(r"^the\s+", "", p.lower()) in gazetteer.venues}
    cities = [gazetteer.name_of(p) for p in parts if p not in countries]
    return cities[-1] if countries and cities and cities[-1] else None


def leading_place(line: str) -> str | None:
    """The city a date line starts or ends with (`Astana city 13 March`, `Алматы, 5 мая 2024`, `May 5, 2024 |
    Paris`), as the text writes it."""
    from bot.news.location import load_gazetteer

    gazetteer = load_gazetteer()
    for word in (re.match(r"[^\W\d_][\w'’-]*", line.strip()), re.search(r"(?<=[\s,|])[^\W\d_][\w'’-]*$", line.strip())):
        name = word.group() if word and word.group()[0].isupper() else None  # `казахстан` in a list of tags
        if name and gazetteer.name_of(name) in (name, name.title()):
            return name
    return None


def _place_of_date_line(line: str) -> str | None:
    """`7 октября 2025 года г. Габала, Азербайджан`: the city and country after the date, else the city the line
    starts or ends with."""
    leading = split_leading_date(line)
    rest = leading[1] if leading and leading[1] else ""
    # ` date 2025-10-21 Astana, October 21, AZERTAC`: the line after the page's date marker starts with the city
    return (city_and_country(rest) if rest else None) or leading_place(line) or (leading_place(rest) if rest else None)


def lone_place(line: str) -> str | None:
    """The city of a line that is only a place or a venue: `Астана`, `Акорда`, `Астана, Акорда`, `Paris`."""
    from bot.news.location import load_gazetteer

    if len(line) > 60:
        return None
    gazetteer = load_gazetteer()
    parts = [p.strip() for p in line.strip().rstrip(".").split(",")]
    if len(parts) > 2:
        return None
    cities = []
    for part in parts:
        city = gazetteer.venues.get(part.lower())
        if city is None and gazetteer.name_of(part) in (part, part.title()) and " " not in part:
            city = part
        if city is None:
            return None
        cities.append(city)
    return cities[0] if cities else None


def split_dateline(paragraph: str, outlets: Outlets) -> tuple[Dateline | None, str]:
    date_first = _DATE_FIRST_DATELINE_RE.match(paragraph)
    if date_first:  # `16 октября, Бурабай /БЕЛТА - КАЗИНФОРМ/. Текст`
        city = date_first.group("city")
        return Dateline(_city_case(city), date_first.group("date"), None), paragraph[date_first.end() :]
    agency = _LEADING_AGENCY_RE.match(paragraph)
    if agency and _is_place_name(agency.group("agency")):
        agency = None  # `BAKU, Azerbaijan, …`: the city itself
    credit = _LEADING_CREDIT_RE.match(paragraph) or _LEADING_BYLINE_RE.match(paragraph) or agency
    if credit:  # `(MENAFN- Trend News Agency) ASTANA, Kazakhstan, November 3. Текст`, `By Name ASTANA, …`, `BC, Riga,`
        dateline, rest = split_dateline(paragraph[credit.end() :], outlets)
        if dateline:
            return dateline, rest
    country = _LEADING_COUNTRY_RE.match(paragraph)
    if country and _is_country(country.group(1)):  # `Казахстан. Астана. 23 октября 2015 года. Текст`
        dateline, rest = split_dateline(paragraph[country.end() :], outlets)
        if dateline:
            return dateline, rest
    bracket = _bracket_dateline(paragraph)
    if bracket:
        return bracket
    hyphened = _HYPHEN_DATELINE_RE.match(paragraph)
    if hyphened and _is_place_name(hyphened.group("city")):  # `ISLAMABAD-The Kazakhstan embassy …`
        return Dateline(city=_city_case(hyphened.group("city")), date=None, source=None), paragraph[hyphened.end() :]
    credited = _OUTLET_DATELINE_RE.match(paragraph)
    if credited and _is_place_name(credited.group("city")):  # `Tashkent, The Gulf Observer:`, `ABU DHABI / WAM`
        source = credited.group("source") or credited.group("agency")
        return Dateline(city=_city_case(credited.group("city")), date=None, source=source), paragraph[credited.end() :]
    slashed = _SLASHED_DATELINE_RE.match(paragraph)
    if slashed and _is_place_name(slashed.group("city")):
        city, when, source = slashed.group("city", "date", "source")
        return Dateline(city=_city_case(city), date=when, source=source), paragraph[slashed.end() :]
    m = _DATELINE_RE.match(paragraph)
    if not m:
        caps = _CAPS_DASH_DATELINE_RE.match(paragraph)
        if caps is None:
            return None, paragraph
        city = caps.group("city")
        colon = caps.group().rstrip().endswith(":")
        letters = city.replace("-", "").replace(" ", "")
        shouting = letters.isupper() and (not colon or _dateline_city(city))  # `UNITED24 -`, `NOTE:` are no cities
        if letters.isalpha() and (shouting or (colon and _is_city(city))):  # `New Delhi: As India …`
            return Dateline(city=_city_case(city), date=None, source=None), paragraph[caps.end() :]
        return None, paragraph
    city, when = m.group("city"), m.group("date")
    rest = re.sub(r"^[\s.]+", "", paragraph[m.end() :]) if when else paragraph[m.end() :]  # `2015 года. . В Катар`
    source = None
    after_dash = re.match(r"\s*[-–—]+\s*", rest)
    src = outlets.alias_re.match(rest) or _QUOTED_OUTLET_RE.match(rest)
    src = src or (_CAPS_AGENCY_RE.match(rest) if when else None)
    if not src and when and after_dash:  # "АСТАНА, 23 сен - РИА Новости."
        src = outlets.alias_re.match(rest, after_dash.end()) or _QUOTED_OUTLET_RE.match(rest, after_dash.end())
    if src:
        source = src.group().strip("/ ")
        after = rest[src.end() :]
        byline = _AGENCY_BYLINE_RE.match(after)  # `ВЕНА, 22 дек - РИА Новости, Светлана Берило. Текст`
        rest = after[byline.end() :] if byline else re.sub(r"^\s*[.,]?\s*", "", after)
    dash = _DASH_RE.match(rest)
    if dash:
        rest = rest[dash.end() :]
    if when and not _has_month(when):
        return None, paragraph
    upper_city = city.replace("-", "").replace(" ", "").isupper()
    # `New York, January 19, 2018 – the UN Security Council …`: after a date and a dash any word may follow
    # a dateline on a line of its own, of a city the data knows: `Vatican City, May 31, 2022 / 08:33 am (CNA).`
    alone = not rest and _dateline_city(city) is not None
    if not (when or source or (dash and upper_city)) or not (rest[:1].isupper() or (when and (dash or alone))):
        return None, paragraph
    return Dateline(city=_city_case(city), date=when.rstrip(".") if when else None, source=source), rest


def _city_after_date(line: str, outlets: Outlets) -> tuple[str, str] | None:
    """(the city, the rest) of the rest of a line after its leading date, unless it is a dateline of its own."""
    m = _CITY_AFTER_DATE_RE.match(line)
    if not m or not _is_place_name(m.group("city")) or split_dateline(line, outlets)[0]:
        return None
    return _city_case(m.group("city")), line[m.end() :]


def _bracket_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    m = _BRACKET_DATELINE_RE.match(paragraph)
    comma_dash = m is not None and re.search(r",\s*[–—-]+\s*$", m.group()) is not None and _is_city(m.group("city"))
    if not m or not (m.group("inner") or m.group("country") or m.group("slashed") or comma_dash):
        return None  # `Astana, – As fellow …`: a city the data knows, a comma and a dash, is a dateline too
    city = _dateline_city(m.group("city"))
    country = m.group("country")
    agency = country if country and country.isupper() and not _is_country(country) else None  # `New York, MINA –`
    if not city or (country and not agency and not _is_country(country)):
        return None
    inner = m.group("inner") or m.group("slashed") or agency
    dated = inner is not None and any(p.fullmatch(inner.strip()) for p in DATE_PATTERNS)
    date, source = (inner, None) if dated else (None, inner)
    return Dateline(city=city, date=date, source=source), paragraph[m.end() :]


def _dateline_city(city: str) -> str | None:
    """The dateline's city as written (`NUR-SULTAN` → `Nur-Sultan`), or the city of a dateline venue (`UNITED
    NATIONS` → `New York`), or None."""
    from bot.news.location import load_gazetteer

    if _is_place_name(city) or _is_place_name(city.split()[0]):
        return _city_case(city)
    return load_gazetteer().dateline_venues.get(city.lower())


def _has_month(text: str) -> bool:
    from bot.news.dates import month_number

    if _NUMERIC_DATE_RE.fullmatch(text.strip(" .")):
        return True
    words = text.split()
    return len(words) > 1 and (month_number(words[1]) is not None or month_number(words[0]) is not None)


def _city_case(city: str) -> str:
    """`NUR-SULTAN` → `Nur-Sultan`, `XI'AN` → `Xi'an`: capitals after a space or a hyphen only; `WASHINGTON DC` →
    `Washington`, as texts name the city."""
    city = re.sub(r"\s+D\.?C\.?$", "", city)
    if not re.sub(r"[-\s'’]", "", city).isupper():
        return city
    return re.sub(r"(^|[\s-])(\w)", lambda m: m.group(1) + m.group(2).upper(), city.lower())


# `…в день выборовРост цен на мясо: …КыргызстанаПутешествие по …`: a menu of headlines glued into one line at the
# top of the page (two glued words may be a typo in a paragraph: `thanks toPresidentNursultan`)
_GLUED_HEADLINE_RE = re.compile(r"[a-zа-яё]{2}[A-ZА-ЯЁ][a-zа-яё]")
MIN_GLUED_HEADLINES = 3


def _glued_headlines(line: str) -> bool:
    return len(_GLUED_HEADLINE_RE.findall(line)) >= MIN_GLUED_HEADLINES


def clean(raw: str, outlets: Outlets) -> Cleaned:
    lines = [ln.strip() for ln in normalize(raw).split("\n")]
    chrome_dates = [  # not a photo's credit: a photo has a day of its own
        ln
        for ln in lines[:CHROME_DATE_LINES]
        if outlets.is_chrome(ln) and not _PHOTO_WORD_RE.search(ln) and (parts := find_date(ln)) and parts[2]
    ]
    # `фото - Новости Zakon.kz от 10.10.2025 14:20`: an outlet's stamp inside a caption, to the minute
    chrome_dates += [m.group("stamp") for ln in lines[:CHROME_DATE_LINES] if (m := _OUTLET_STAMP_RE.search(ln))]
    lines = [
        ln
        for n, ln in enumerate(lines)
        if ln and not outlets.is_chrome(ln) and not (n < CHROME_DATE_LINES and _glued_headlines(ln))
    ]
    lines = join_wrapped(lines)
    header: list[str] = []
    body: list[str] = []
    date_city = None
    after_date = False  # the line before went to the header
    for line in lines:
        lone = lone_place(line) if after_date and not date_city and len(body) <= 2 else None
        after_date = False
        if lone:  # `12 марта 2024 года` / `Астана` (or `Акорда`): where the page was written, under its date
            date_city = lone
            continue
        # under a page's menu lines, the date line is still at the top until the first real paragraph
        above_text = len(body) <= 2 or (len(body) <= MENU_LINES and not any(map(_is_paragraph, body)))
        near_top = above_text and not is_meta_line(line, outlets)
        leading = (split_leading_date(line) or split_trailing_date(line)) if near_top else None
        if leading:
            header.append(leading[0])
            line = leading[1]
            opening = _city_after_date(line, outlets) if not date_city else None
            if opening:  # `05.05.2024, Астана — Текст`
                date_city, line = opening
            if not line or outlets.is_chrome(line):  # ` date 2025-12-22 https://…`: the page's link after its date
                continue
        if _is_byline_with_role(line):  # `Венера Баталова корреспондент`: the author, not a person of the news
            header.append(line)
            continue
        if not body and len(header) < 12 and is_meta_line(line, outlets):
            header.append(line)
            after_date = True
        elif body and is_meta_line(line, outlets) and len(line) <= MAX_META_CHARS:
            header.append(line)  # a date line below the title
            after_date = True
        else:
            body.append(line)
    header += chrome_dates  # `Автор: Иван Петров, 05.12.2025`: the page's chrome may carry its date
    title = None
    if len(body) > 1 and _looks_like_title(body[0]) and split_dateline(body[0], outlets)[0] is None:
        title = body.pop(0)
    top = ([title] if title else []) + body[:DATELINE_LINES]
    # below a speech's heading of several lines, a line that is only its place and date: `(New York, September 24,
    # 2018)`, `January 20, 2014, New York`
    lower = [line for line in body[DATELINE_LINES : DATELINE_LINES + MENU_LINES] if _PLACE_DATE_LINE_RE.fullmatch(line)]
    for line in top + lower:
        heading = _heading_place_date(line)
        if heading:  # `Lavrov’s statement at … (Moscow, October 22, 2025)`: where and when he spoke
            header.append(heading[1])
            date_city = date_city or heading[0]
            break
    else:
        placed = _TITLE_PLACE_RE.search(title or "")
        if placed and _is_place_name(placed.group("city")):  # `… talks with Foreign Minister of Kazakhstan …, Moscow`
            date_city = date_city or _city_case(placed.group("city"))
    while body and _BYLINE_RE.match(body[-1]):
        body.pop()
    dateline = None
    dateline_paragraph = None
    for i in range(min(DATELINE_LINES, len(body))):
        dateline, body[i] = split_dateline(body[i], outlets)
        if dateline:
            dateline_paragraph = body[i]
            break
    for i in range(DATELINE_LINES, min(MENU_LINES + DATELINE_LINES, len(body))) if dateline is None else ():
        # below a page's tags and repeated titles, a dateline with both a date and an agency is still one, and
        # one with a date that opens the first paragraph under a widget's short lines
        found, rest = split_dateline(body[i], outlets)
        strong = found is not None and found.source is not None and i < STRONG_DATELINE_LINES
        # `АСТАНА/Trend/ - …` under a byline: an agency's dateline in capitals needs no date
        agency = strong and found is not None and found.date is None and body[i][: len(found.city)].isupper()
        if found and (found.date or agency) and (strong or not any(map(_is_paragraph, body[:i]))):
            dateline, body[i] = found, rest
            dateline_paragraph = rest
            break
    if dateline is None and not date_city:  # `MOSCOW` on a line of its own, as AA writes it
        caps_line = next((i for i, line in enumerate(body[: DATELINE_LINES + 1]) if _caps_city_line(line)), None)
        if caps_line is not None:
            dateline = Dateline(city=_city_case(body.pop(caps_line)), date=None, source=None)
    if dateline is None and not date_city:  # `IANS Astana` on a line of its own: the agency and where it wrote
        agency_line = next((m for line in body[: DATELINE_LINES + 1] if (m := _AGENCY_CITY_RE.fullmatch(line))), None)
        if agency_line is not None and _is_city(agency_line.group("city")):
            body.remove(agency_line.string)
            dateline = Dateline(city=agency_line.group("city"), date=None, source=agency_line.group("agency"))
    if dateline is None and date_city:
        dateline = Dateline(city=date_city, date=None, source=None)
    place_line = next((i for i, line in enumerate(body[:PLACE_LINES]) if city_and_country(line)), None)
    if place_line is not None:  # `Астана, Казахстан` on a line of its own, as press releases put it
        city = city_and_country(body.pop(place_line))
        dateline = dateline or Dateline(city=city or "", date=None, source=None)
    if dateline is not None and dateline.city:  # `TURKMENBASHI-ASTANA. KAZINFORM`: written in the first city
        dateline = replace(dateline, city=_first_of_two_cities(dateline.city))
    if dateline is None:  # `Nur-Sultan 20 March , 16:43`: a date line that says where it was written
        city = next((c for c in map(_place_of_date_line, header) if c), None)
        dateline = Dateline(city=city, date=None, source=None, weak=True) if city else None
    paragraphs: list[str] = []
    seen: set[str] = set()
    for line in body:
        line = drop_repeated_lede(line)
        if line and line not in seen and not is_photo_caption(line):
            seen.add(line)
            paragraphs.append(line)
    return Cleaned(title, header, paragraphs, dateline, dateline_paragraph)


def _heading_place_date(line: str) -> tuple[str | None, str] | None:
    """(the city, the date) a heading ends with: `… (New York, September 24, 2018)`, `…, Moscow, October 22, 2025`."""
    from bot.news.dates import find_date

    date_first = _DATE_THEN_PLACE_RE.fullmatch(line)
    if date_first and _is_place_name(date_first.group("city")) and find_date(date_first.group("date")):
        return _city_case(date_first.group("city")), date_first.group("date")  # `January 20, 2014, New York`
    m = _HEADING_PLACE_DATE_RE.search(line)
    # `(High Tatras, July 9, 2019)` on a line of its own under a speech's heading: a place the data may not know
    alone = m is not None and line.startswith("(") and m.start() == 0
    if not m or not (alone or _is_place_name(m.group("city").split()[0]) or _is_place_name(m.group("city"))):
        dated = _HEADING_DATE_RE.search(line)  # `… on the situation in Myanmar (28 April 2021)`
        parts = find_date(dated.group("date")) if dated else None
        return (None, dated.group("date").strip()) if dated and parts and parts[2] else None
    parts = find_date(m.group("date"))
    city = m.group("city")
    before = _PLACE_BEFORE_COUNTRY_RE.search(line[: m.start()]) if _is_country(city) else None
    if before and _is_city(before.group("city")):  # `… in Geneva, Switzerland, 24 February 2020`: the city
        city = before.group("city")
    return (_city_case(city), m.group("date").strip()) if parts and parts[2] else None


_PLACE_BEFORE_COUNTRY_RE = re.compile(r"(?:\b(?:in|в|во)|,)\s+(?P<city>[A-ZА-ЯЁ][\w'’-]*(?: [A-ZА-ЯЁ][\w'’-]*)?)\s*$")


def _first_of_two_cities(city: str) -> str:
    """`Turkmenbashi-Astana` → `Turkmenbashi`; `Nur-Sultan`, a city of its own, stays whole."""
    if _is_place_name(city):
        return city
    parts = city.split("-")
    for k in range(1, len(parts)):
        first, second = "-".join(parts[:k]), "-".join(parts[k:])
        if _is_city(first) and _is_city(second):
            return first
    return city


_AGENCY_CITY_RE = re.compile(r"(?P<agency>[A-Z]{2,6})\s+(?P<city>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)")


def _caps_city_line(line: str) -> bool:
    """A line that is only a city in capitals: `MOSCOW`, `NUR-SULTAN`."""
    return line.isupper() and len(line.split()) <= MAX_CAPS_CITY_WORDS and _is_place_name(line)


MAX_CAPS_CITY_WORDS = 3


def _is_paragraph(line: str) -> bool:
    """A line of the text, not of the page's menu: a sentence of some words."""
    return line.endswith(_SENTENCE_END) and len(line.split()) >= MIN_PARAGRAPH_WORDS


def is_photo_caption(line: str) -> bool:
    """`Назарбаев на форуме в ОАЭ. Абу-Даби, 16 января 2017 года.`: a photo's caption ends with where and when
    the photo was taken; it tells of another day than the article."""
    if len(line) > MAX_CAPTION_CHARS:
        return False
    m = _CAPTION_END_RE.search(line)
    if not m:
        return False
    from bot.news.location import load_gazetteer

    date = m.group("date")
    dated = any((d := p.fullmatch(date)) and d.groupdict().get("year") for p in DATE_PATTERNS)
    return dated and load_gazetteer().name_of(m.group("city")) is not None


def _looks_like_title(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ":", ",", ";"))
