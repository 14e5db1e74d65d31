"""General-purpose word lists for the extractive backend. Nothing here names a fixture's people or events."""

from __future__ import annotations

import re

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|remarked|warned|stated|noted|wrote|writes|declared|insisted|argued|"
    "explained|asked|replied|responded|posted|tweeted|continued|acknowledged|stressed|emphasized|emphasised|"
    "urged|cautioned|announced|conceded|admitted|claimed|vowed|pledged|promised|observed|commented|quipped|"
    "recalled|predicted|complained|countered|suggested|reiterated|affirmed|confirmed|described|called|"
    "calling|labelled|labeled|branded|rated|termed"
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b|\baccording to\b", re.IGNORECASE)

# A verb whose subject undergoes a tariff: "Steel will face / be hit with / be charged ..."; UNDERGO_VERB
# matches one verb token, UNDERGOING the same idea as phrases in running text ("hit with", "subject to").
UNDERGO_VERB = re.compile(r"fac(?:e|es|ed|ing)|hit|charged|assigned|subject", re.IGNORECASE)
UNDERGOING = re.compile(r"\b(?:face[sd]?|facing|charged|assigned|hit with|subject to|pay|paying)\b", re.IGNORECASE)

# Words a tariff rate belongs to; TARIFF_CUE finds a tariff mentioned in a sentence ("rate" alone does not).
TARIFF_WORDS = {
    "tariff",
    "tariffs",
    "duty",
    "duties",
    "levy",
    "levies",
    "surtax",
    "surtaxes",
    "rate",
    "rates",
    "customs",
}
TARIFF_CUE = re.compile(rf"\b(?:{'|'.join(sorted(TARIFF_WORDS - {'rate', 'rates'}))})\b", re.IGNORECASE)

TITLE_WORDS = {
    "minister",
    "secretary",
    "president",
    "vice",
    "prime",
    "chancellor",
    "commissioner",
    "representative",
    "ambassador",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "governor",
    "chief",
    "head",
    "chair",
    "chairman",
    "chairwoman",
    "leader",
    "king",
    "queen",
    "premier",
    "envoy",
    "director",
    "ceo",
    "negotiator",
    "senator",
    "general",
    "adviser",
    "advisor",
    "official",
    "mayor",
    "emir",
    "crown",
    "prince",
    "sheikh",
    "pope",
    "speaker",
}

INSTITUTION = re.compile(
    r"(?:(?:the\s+)?(?:[A-Z][\w.\-]*(?:['’]s)?\s+){0,4}"
    r"(?:Ministry|Office|Department|Commission|Council|Government|Embassy|Agency|Bureau|Cabinet|Kremlin|"
    r"White House|Foreign Ministry|Commerce Ministry|Spokesperson|Secretariat|Parliament|Treasury|Administration)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w]*(?:\s+[A-Z][\w]*){0,3})?)"
)

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "it": "org"}
