"""Bytes of an article file into text, or a clear reason why not."""

from __future__ import annotations

import re

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
MIN_ARTICLE_CHARS = 80
# UTF-8 with a few bad bytes stays UTF-8: Cyrillic in cp1251 read as UTF-8 is invalid almost
# byte for byte, so a share this low of invalid sequences among the non-ASCII characters is damage.
MAX_INVALID_UTF8_SHARE = 0.1


class RejectedInput(ValueError):
    """The input is not an article; the message says why, in Russian, for the user."""


_LETTER_RE = re.compile(r"[A-Za-zА-Яа-яЁё]")
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_MOJIBAKE_RE = re.compile(r"[ÐÑÃÂ][\x80-\xbf]|Ð.|Ñ.")


def decode_article(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or cp1251; rejects empty, binary and huge input."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise RejectedInput(
            f"слишком большой файл: {len(data) / 1024 / 1024:.1f} МБ, статья — не больше "
            f"{MAX_ARTICLE_BYTES // 1024 // 1024} МБ"
        )
    if not data.strip():
        raise RejectedInput("пустой файл")
    text = _decode(data)
    if "\x00" in text or _control_share(text) > 0.01:
        raise RejectedInput("двоичный файл, а не текст статьи")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_LETTER_RE.findall(text)) < MIN_ARTICLE_CHARS:
        raise RejectedInput(f"слишком мало текста для статьи (меньше {MIN_ARTICLE_CHARS} букв)")
    check_article(text)
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        raise RejectedInput("двоичный файл, а не текст статьи")
    as_utf8 = mostly_utf8(data)
    if as_utf8 is not None:
        return as_utf8
    as_cp1251 = data.decode("cp1251", errors="replace")
    if len(_CYRILLIC_RE.findall(as_cp1251)) >= len(_LETTER_RE.findall(as_cp1251)) * 0.3:
        return as_cp1251
    # Neither clean UTF-8 nor Russian in cp1251: keep what UTF-8 can read.
    return data.decode("utf-8", errors="replace")


def mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8, its few invalid sequences replaced by U+FFFD; None when too many of its
    non-ASCII characters are invalid for it to be UTF-8 (it is cp1251 or another encoding)."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if invalid == 0:
        return text
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text if invalid <= non_ascii * MAX_INVALID_UTF8_SHARE else None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    controls += text.count("\ufffd")
    return controls / len(text)


# What prose looks like, whatever the language: mostly letters, in lines of several words.
MIN_WORDS = 8
MIN_LETTER_SHARE = 0.6  # of the visible characters
MAX_MARKUP_SHARE = 0.3  # of the visible characters inside <tags>
MIN_PROSE_SHARE = 0.5  # of the visible characters in lines of MIN_LINE_WORDS words or more
MIN_LINE_WORDS = 3
_ANY_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_TAG_RE = re.compile(r"<[^<>]{0,500}>")
_SPACE_RE = re.compile(r"\s")


def article_problem(text: str) -> str | None:
    """Why a decoded text is not an article (markup without prose, one-character lines, a handful of
    words), or None. Reads the text once per rule: linear in its size."""
    visible = _visible(text)
    if not visible:
        return "нет текста"
    markup = sum(_visible(m.group()) for m in _TAG_RE.finditer(text))
    if markup > MAX_MARKUP_SHARE * visible:
        return f"разметка без текста (теги — {markup / visible:.0%} знаков)"
    letters = _count(_ANY_LETTER_RE, text)
    if letters < MIN_LETTER_SHARE * visible:
        return f"букв лишь {letters / visible:.0%} знаков (таблица, код или разметка?)"
    words = _count(_WORD_RE, text)
    if words < MIN_WORDS:
        return f"слишком мало слов ({words}, нужно не меньше {MIN_WORDS})"
    prose = sum(_visible(line) for line in text.splitlines() if _has_words(line, MIN_LINE_WORDS))
    if prose < MIN_PROSE_SHARE * visible:
        share = f"{prose / visible:.0%}"
        return f"нет строк, похожих на предложения (в строках из {MIN_LINE_WORDS}+ слов лишь {share} текста)"
    return None


def check_article(text: str) -> None:
    problem = article_problem(text)
    if problem:
        raise RejectedInput(f"не похоже на статью: {problem}")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]  # counted inside the regex engine, no match objects


def _visible(text: str) -> int:
    return len(text) - _count(_SPACE_RE, text)


def _has_words(line: str, n: int) -> bool:
    """At least n words, reading no further than the n-th."""
    return any(found >= n for found, _ in enumerate(_WORD_RE.finditer(line), start=1))
