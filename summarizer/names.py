"""Name normalisation shared by the extractive backend and the eval scorer."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

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


def place(text: str) -> str | None:
    """The country a demonym, abbreviation or capital refers to, if known: 'U.S.' → 'United States'."""
    key = re.sub(r"['’]s$", "", text.strip()).lower()
    return PLACES.get(key) or PLACES.get(key.removeprefix("the "))


@cache
def plain(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes, single spaces: 'Zelenskyy’s' → "zelenskyy's"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@cache
def person_key(name: str) -> str:
    """A person's name without titles or possessive, for comparison: 'President Donald Trump's' → 'donald trump'."""
    return plain(TITLES.sub("", re.sub(r"['’]s$", "", name.strip())))


@cache
def party_key(name: str) -> str:
    """A country, bloc or product group for comparison: 'the U.S.' → 'united states'."""
    return plain(place(name) or re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))
