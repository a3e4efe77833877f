"""The one Indonesian text analysis used by both search backends.

Both backends index the terms produced here, so they agree on what matches: lowercase, split on
anything that is not a letter or digit, drop stop words, fold common spelling variants to one
form, and stem with PySastrawi (the Nazief-Adriani stemmer) except for protected words.

PySastrawi costs about a millisecond per new word; a product catalogue repeats a small
vocabulary, so stems are cached per token (bounded, so odd input cannot grow the cache forever).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# A query longer than this is cut: nobody types more, and each word multiplies ranking work.
MAX_QUERY_TOKENS = 6
# The last typed word is completed ("kri" -> kripik) from this many letters on.
MIN_PREFIX = 2
# Suggestions start at this many letters: "ke", "pe", "se" begin half the language.
SUGGEST_MIN = 3
# Typo tolerance (one edit) only for words this long: shorter words have too many neighbours.
MIN_FUZZY = 5

_TOKEN_RE = re.compile(r"[^\W_]+")

# Not "oleh" ("by"): doubled, "oleh-oleh" (souvenirs) is a product word.
STOP_WORDS = frozenset(
    {
        *("yang", "dan", "di", "ke", "dari", "untuk", "dengan", "atau", "ini", "itu", "pada"),
        *("dalam", "para", "serta", "juga", "akan", "bisa", "dapat", "ada", "adalah"),
        *("sebagai", "agar", "karena", "tanpa", "per", "the", "and", "of", "for"),
    }
)

# Words the stemmer ruins, kept as they are. The stemmer removes what looks like an affix, and
# for these the "affix" is part of the word (or the stem means something else):
PROTECTED_WORDS = frozenset(
    {
        "kemeja",  # shirt; PostgreSQL's `indonesian` makes it meja (table)
        "pakaian",  # clothes, not pakai (to use)
        "mainan",  # toys, not main (to play)
        "manisan",  # candied fruit, not manis (sweet)
        "perhiasan",  # jewellery, not hias (decorate, as in tanaman hias)
        "perawatan",  # care; the stemmer leaves "awat", which means nothing
        "pengering",  # dryer; the stemmer leaves "ering", not kering
        "tanaman",  # plants, not tanam (to plant)
        "minuman",  # drinks, not minum (to drink)
        "makanan",  # food, not makan (to eat)
        "pelatihan",  # training, not latih (to train)
        "peralatan",  # equipment, not alat (one tool)
        "perlengkapan",  # supplies, not lengkap (complete)
        "kecantikan",  # beauty (cosmetics), not cantik (pretty)
    }
)

# Spellings people use interchangeably, folded to one form before stemming. Every form is also
# indexed for completing half words, so "kri" finds a product written "Keripik".
SPELLING_GROUPS = (
    ("keripik", "kripik"),
    ("kerupuk", "krupuk"),
    ("camilan", "cemilan"),
    ("sambal", "sambel"),
    ("cabai", "cabe"),
    ("seprai", "sprei", "seprei"),
    ("kaus", "kaos"),
    ("fotokopi", "fotocopy"),
    ("mangkuk", "mangkok"),
)
CANONICAL = {form: group[0] for group in SPELLING_GROUPS for form in group}
VARIANTS = {form: group for group in SPELLING_GROUPS for form in group}

_stemmer = StemmerFactory().create_stemmer().delegatedStemmer  # uncached; we cache below


def tokens(text: str) -> list[str]:
    """Lowercase words of the text without stop words and single letters (units such as "g")."""
    return [
        t
        for t in _TOKEN_RE.findall((text or "").lower())
        if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())
    ]


@lru_cache(maxsize=50_000)
def stem(token: str) -> str:
    """The index term of one lowercase token."""
    token = CANONICAL.get(token, token)
    if token in PROTECTED_WORDS or len(token) <= 3 or not token.isalpha():
        return token
    return _stemmer.stem(token) or token


def index_terms(text: str) -> list[str]:
    """The terms a field is indexed under (stems, in order, repeats kept)."""
    return [stem(t) for t in tokens(text)]


def completion_terms(text: str) -> set[str]:
    """The words a half-typed word may complete to: as written, the spelling variants, stems."""
    out: set[str] = set()
    for token in tokens(text):
        out.update(VARIANTS.get(token, (token,)))
        out.add(stem(token))
    return out


@dataclass(frozen=True)
class QueryToken:
    stem: str  # matched exactly against the stemmed fields
    surface: str  # as typed (lowercase), for completing a half word
    complete_prefix: bool  # the last word while typing: also match words it begins
    fuzzy: bool  # long enough for typo tolerance


def parse_query(text: str, *, prefix_last: bool = True, typing: bool = False) -> list[QueryToken]:
    """The query's words, each with its stem; the last one may be a half-typed word.

    While `typing` (suggestions), a last word that is a stop word is kept as a half word only:
    "ke" is on its way to "keripik".
    """
    words = tokens(text)[:MAX_QUERY_TOKENS]
    parsed = []
    for i, word in enumerate(words):
        is_last = i == len(words) - 1
        parsed.append(
            QueryToken(
                stem=stem(word),
                surface=word,
                complete_prefix=prefix_last and is_last and len(word) >= MIN_PREFIX,
                fuzzy=len(word) >= MIN_FUZZY and word.isalpha(),
            )
        )
    typed = _TOKEN_RE.findall((text or "").lower())
    if typing and typed and typed[-1] in STOP_WORDS and len(typed[-1]) >= MIN_PREFIX:
        word = typed[-1]
        parsed = parsed[: MAX_QUERY_TOKENS - 1]
        parsed.append(QueryToken(stem="", surface=word, complete_prefix=True, fuzzy=False))
    return parsed


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """Trigram similarity of two words, as pg_trgm computes it (shared / all trigrams)."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta or tb else 0.0


def normalised(text: str) -> str:
    """The query with spelling variants folded, for similarity matching of whole names."""
    return " ".join(CANONICAL.get(t, t) for t in tokens(text))
