"""Name normalisation shared by the extractive backend and the eval scorer."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import filterfalse

# Demonyms, short forms and seats of government → the country or bloc they stand for.
PLACES = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "the united states": "United States",
    "united states": "United States",
    "washington": "United States",
    "the white house": "United States",
    "white house": "United States",
    "america": "United States",
    "chinese": "China",
    "beijing": "China",
    "china": "China",
    "russian": "Russia",
    "moscow": "Russia",
    "the kremlin": "Russia",
    "kremlin": "Russia",
    "russia": "Russia",
    "japanese": "Japan",
    "tokyo": "Japan",
    "japan": "Japan",
    "south korean": "South Korea",
    "korean": "South Korea",
    "seoul": "South Korea",
    "south korea": "South Korea",
    "north korean": "North Korea",
    "pyongyang": "North Korea",
    "indian": "India",
    "new delhi": "India",
    "india": "India",
    "canadian": "Canada",
    "ottawa": "Canada",
    "canada": "Canada",
    "mexican": "Mexico",
    "mexico city": "Mexico",
    "mexico": "Mexico",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "london": "United Kingdom",
    "britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "french": "France",
    "paris": "France",
    "german": "Germany",
    "berlin": "Germany",
    "italian": "Italy",
    "ukrainian": "Ukraine",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "ukraine": "Ukraine",
    "brazilian": "Brazil",
    "brasilia": "Brazil",
    "australian": "Australia",
    "canberra": "Australia",
    "malaysian": "Malaysia",
    "vietnamese": "Vietnam",
    "hanoi": "Vietnam",
    "indonesian": "Indonesia",
    "thai": "Thailand",
    "philippine": "Philippines",
    "filipino": "Philippines",
    "saudi": "Saudi Arabia",
    "turkish": "Turkey",
    "ankara": "Turkey",
    "iranian": "Iran",
    "tehran": "Iran",
    "israeli": "Israel",
    "european": "European Union",
    "eu": "European Union",
    "e.u.": "European Union",
    "brussels": "European Union",
    "the european union": "European Union",
    "european union": "European Union",
    "swiss": "Switzerland",
    "spanish": "Spain",
    "dutch": "Netherlands",
    "polish": "Poland",
    "taiwanese": "Taiwan",
    "taipei": "Taiwan",
    "south african": "South Africa",
    "singaporean": "Singapore",
    "pakistani": "Pakistan",
    "islamabad": "Pakistan",
    "swedish": "Sweden",
    "norwegian": "Norway",
}


TITLES = re.compile(
    r"^(?:(?:u\.?s\.?|us|chinese|russian|president|prime minister|minister|secretary|mr|mrs|ms|dr|sir|"
    r"foreign minister|secretary of state|chancellor|premier|king|queen|prince|vice president)\.?\s+)+",
    re.IGNORECASE,
)


_CANONICAL = {country.lower(): country for country in PLACES.values()}


@lru_cache(maxsize=16384)  # bounded: a corpus brings new names without end
def place(text: str) -> str | None:
    """The country a name, demonym, abbreviation or capital refers to, if known: 'U.S.' → 'United States'.
    Beyond the table above, any country's ISO 3166 name ('Argentina', 'Kenya') is known through pycountry."""
    name = re.sub(r"['’]s$", "", text.strip())
    key = name.lower()
    key = key.removeprefix("the ") if key not in PLACES else key
    return PLACES.get(key) or _CANONICAL.get(key) or (_iso_country(name) if name[:1].isupper() else None)


def _iso_country(name: str) -> str | None:
    """Exact ISO 3166 names ('Argentina'), or a demonym whose stem starts one ('Peruvian' → Peru,
    'Chilean' → Chile). Not pycountry's fuzzy ``lookup``, which would take 'IN' or 'AT' for countries."""
    names = _iso_names()
    if name.lower() in names:
        return names[name.lower()]
    # demonyms: no library lists them, so strip the usual endings and take a country the stem begins
    for ending in ("vian", "ian", "ean", "ese", "ish", "an", "n", "i", "e"):
        stem = name.lower().removesuffix(ending)
        if stem != name.lower() and len(stem) >= 4:
            found = [c for key, c in names.items() if key.startswith(stem) and len(key) - len(stem) <= 2]
            if len(set(found)) == 1:
                return found[0]
    return None


@cache
def _iso_names() -> dict[str, str]:
    """Lower-case ISO 3166 name and common name → the common name ('viet nam' → 'Viet Nam')."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        shown = getattr(country, "common_name", None) or country.name
        names[country.name.lower()] = shown
        names[shown.lower()] = shown
    return names


@lru_cache(maxsize=4096)  # bounded: callers pass whole articles; an unbounded cache kept every one alive
def plain(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes, single spaces: 'Zelenskyy’s' → "zelenskyy's"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(filterfalse(unicodedata.combining, decomposed)).lower().split())  # no per-character frame


@lru_cache(maxsize=16384)  # bounded: a corpus brings new names without end
def person_key(name: str) -> str:
    """A person's name without titles or possessive, for comparison: 'President Donald Trump's' → 'donald trump'."""
    return plain(TITLES.sub("", re.sub(r"['’]s$", "", name.strip())))


_TRADE_WORDS = {"imports", "imported", "import", "goods", "products"}


@lru_cache(maxsize=16384)  # bounded: a corpus brings new names without end
def party_key(name: str) -> str:
    """A country, bloc or product group for comparison: 'the U.S.' → 'united states'; goods without the
    words that only say they are traded, singular, in order: 'steel imports', 'imported steel' → 'steel',
    'imported cars' → 'car'."""
    country = place(name)
    if country:
        return plain(country)
    words = plain(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)).split()
    kept = [w for w in words if w not in _TRADE_WORDS] or words
    return " ".join(sorted(re.sub(r"(?<=[a-z]{3})s$", "", w) for w in kept))
