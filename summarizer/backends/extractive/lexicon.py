"""Word lists for the extractive backend, in one place. Nothing here names a fixture's people or events.

The spaCy pipeline runs without its lemmatizer, so word forms are spelled out as patterns ("suspend\\w*").
Sections: speech, tariff words and rates, the status cues of a rated tariff (one table in :mod:`.rules`),
rate-less measures, goods, titles.
"""

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
UNDERGOING = re.compile(
    r"\b(?:face[sd]?|facing|charged|assigned|hit with|subject to|pay|pays|paying|carr(?:y|ies|ied)|attracts?|"
    r"secur(?:ed|es)|won|wins|lands?|landed|clinch(?:ed|es))\b",  # 'will attract 30%', 'secured a 20% rate'
    re.IGNORECASE,
)
# ... or is held at it: 'Singapore stays at the 10 per cent baseline', 'Australia and the UK stay on 10 percent'
HOLDING = re.compile(r"stay(?:s|ed|ing)?|remain(?:s|ed|ing)?|sits?|sat|sitting", re.IGNORECASE)  # one verb token
HELD_AT = re.compile(r"\b(?:stay|stays|stayed|remain|remains|remained|kept)\s+(?:on|at)\b", re.IGNORECASE)
# A country owning one of these is affected by a tariff, not acting: "Singapore's semiconductor industry", "Ireland's
# largest export sector", "Japan's carmakers"
ECONOMY_NOUN = re.compile(
    r"industr(?:y|ies)|sectors?|econom(?:y|ies)|companies|firms|businesses|exporters|producers|manufacturers|"
    r"\w*makers|farmers|workers|consumers|shares|stocks|markets?|growth|jobs",
    re.IGNORECASE,
)
# A person in one of these trades speaks for no government, whatever city or country the text places them in
PRIVATE_ROLE = re.compile(
    r"\b(?:economist|analyst|strategist|researcher|professor|lawyer|attorney|consultant|scholar|trader)s?\b",
    re.IGNORECASE,
)
# "Vietnam agreed to a 20% tariff", "Indonesia settled on 19%", "Japan accepted a 15% rate": a deal's rate is the
# subject's to pay (with 'to'/'on' for agree and settle; accept takes the rate as its object)
ACCEPTING = re.compile(r"(?P<prep>agree[ds]?|settle[ds]?)|accept(?:s|ed)?", re.IGNORECASE)
# ... but only in the passive: "Washington has charged a 25% tariff" charges it, "Steel is charged 25%" undergoes it
CHARGING = re.compile(r"charged|assigned", re.IGNORECASE)
HITTING = re.compile(r"hit(?:s|ting)?|slap(?:s|ped|ping)?|target(?:s|ed|ing)?|saddl(?:e|es|ed|ing)", re.IGNORECASE)

# A verb whose subject is the goods a rate is charged on: "Cabinets are charged 50%", "Lumber carries a 10% duty"
CHARGED_VERB = re.compile(r"charged|taxed|carry|carries|carried|attract|attracts", re.IGNORECASE)  # Indian usage
GAPPED_GOODS = re.compile(
    r"\s*,?\s*(?:and\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\s+$"
)  # ", upholstered furniture "

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
# a rate-less tariff sentence that carries the previous sentence's rate on to more countries
EXTENDED = re.compile(r"\balso\b(?:\s+[\w-]+){0,3}?\s+(?:on|to)\b|\bextend\w*(?:\s+\w+)?\s+to\b", re.IGNORECASE)
TARIFF_CUE = re.compile(  # "safeguard measures" are tariffs too
    rf"\b(?:{'|'.join(sorted(TARIFF_WORDS - {'rate', 'rates'}))}|safeguard measures?)\b", re.IGNORECASE
)

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

# --- Rates -------------------------------------------------------------------------------------------------
# "the rate could rise to 50%" in a story about tariffs; not an interest, inflation or growth rate
RATE_WORD = re.compile(
    r"\b(?<!interest )(?<!inflation )(?<!unemployment )(?<!growth )(?<!tax )(?<!exchange )rates?\b", re.IGNORECASE
)
RATE = re.compile(
    r"(?:\b(?:an?|the)\s+)?(?:\b(?:additional|extra|further|new|blanket|baseline|reciprocal|flat|universal)\s+)?"
    r"(?<![\d.,])(\d{1,3}(?:\.\d+)?)(?:\s\([a-z]+(?:[\s-][a-z]+)*\))?"
    r"[\s-]?(?:%|percent(?:age points?)?\b|per[\s-]cent\b|pct\b)"  # '25%', '25 per cent', '25-percent', '25 pct'
)
# A later step of the rate just given, between the two rates: "30% in the first year, with the rate declining each
# year until it reaches 15%", "25% now, and the duty climbs to 40%": the same goods, the next step
SCHEDULE_STEP = re.compile(
    r"\b(?:the|its|that|this)\s+(?:rate|tariff|duty|levy)\b[^.;:]*?\b(?:reach\w*|rises?|rising|climb\w*|declin\w*|"
    r"falls?|falling|drops?|dropping|steps?|stepping|increas\w*|decreas\w*)\b[^.;:]*$",
    re.IGNORECASE,
)
# Countries listed each with its rate, right before it: "Among them: Taiwan 20%, South Africa 30% and Laos and
# Myanmar 40%" (group 1: the names before the rate, to be split at ',' and 'and'); not a rate a tariff word follows
# ("a U.S. 25% tariff": the country there imposes)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}"
LISTED_RATE = re.compile(  # 'Taiwan 20%', 'among them Brazil and India, both at 50%'
    rf"(?:^|[,:;]\s*|\b(?:and|among them|including|such as)\s+)({_NAME}(?:\s*(?:,|\band\b)\s*{_NAME})*)"
    r"\s*(?::|(?:,\s*(?:both|each|all)\s+)?\bat\b)?\s*$"
)
# a country named right before a relative clause that has it pay the rate: "the EU, whose goods face 15%",
# "the UK, which pays 10 per cent"
PAYING_OWNER = re.compile(
    r",\s+(?:whose\s+(?:goods|exports|products|imports)|which)\s+(?:now\s+|still\s+|already\s+)?"
    r"(?:face[sd]?|pays?|paid|(?:is|are)\s+charged)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# the old rate of a change written with 'from' alone: "The cut, from the 39 per cent rate, ..."
CHANGE = re.compile(r"\b(?:cut|cuts|reduc\w*|lower\w*|rais\w*|increas\w*|hike[sd]?|drop\w*)\b", re.IGNORECASE)
RATE_NOUN_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?)\b", re.IGNORECASE)
# Not a tariff of its own: a rate another replaces, one that never was, a share or a market move.
REPLACED = re.compile(r"\b(?:replac\w+|instead of|rather than)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
COUNTERFACTUAL = re.compile(r"\bwould have\s+(?!to\b)(?:\w+ly\s+)?\w+", re.IGNORECASE)  # not "would have to pay"
# a quantity compared, not a rate charged: "quotas 47 per cent less than in 2024"
COMPARED = re.compile(r"\s+(?:less|more|lower|higher|fewer|smaller|bigger|larger)\s+than\b", re.IGNORECASE)
# goods made in a country: 'U.S.-made vehicles', 'Chinese-built ships'
MAKING = {"made", "built", "produced", "assembled", "grown"}
MADE_IN = re.compile(rf"(.+?)-(?:{'|'.join(sorted(MAKING))})", re.IGNORECASE)
# nouns a rate can describe that are no tariff: "its 50 percent affiliates rule", "a 51% stake"
NOT_TARIFF_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(?:rule|stakes?|shares?|majority|owned|discount|margin|chance)\b")
MOVES = re.compile(
    r"fell|falls?|rose|rises?|dropped|drops?|slid|slipped|climbed|jumped|gained|lost|declined|surged|tumbled|"
    r"plunged|grew|shrank|sank|soared|edged|shed|slumped|rallied|accounted|account|accounts|makes?|made",
    re.IGNORECASE,
)
# A verb by which a person decides a tariff: "an order Trump signed", "Trump has threatened to impose"
DECIDING = re.compile(
    r"impos\w*|sign(?:s|ed|ing)?|order(?:s|ed|ing)?|threaten\w*|announc\w*|slap\w*|levie[sd]|tie[sd]|set|sets|"
    r"rais\w*|hik\w*|doubl\w*|proclaim\w*|decre\w*|lower\w*|cut|cuts|reduc\w*",
    re.IGNORECASE,
)
# Where goods go is who taxes them: "goods entering the United States".
DESTINATION = re.compile(
    r"\b(?:entering|enter|enters|into|imported into|exports? to|shipped to|sold in)\s+"
    r"(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z]\w*)?)"
)
# ... unless the country receives the rate: 'the 15 percent secured by Japan', 'the 20 percent rate given to Vietnam'
NOT_AGENT_LEAD = re.compile(
    r"\b(?:(?:secured|won|obtained|clinched|landed|negotiated|accepted)\s+by|"
    r"(?:given|granted|offered|extended|assigned|handed|awarded)\s+to)(?:\s+the)?$",
    re.IGNORECASE,
)
DESTINATION_LEADS = (" by", " to", " to the", " into", " into the", " entering")  # words before an agent country
# A wire dateline opening the body: "WASHINGTON (Reuters) - ", "MEXICO CITY —" (one city; "OTTAWA/WASHINGTON" names two)
# ... also "BEIJING, March 8 (Xinhua) --", "SEOUL, Oct. 30 (Yonhap) --" and "New Delhi: " (a city in title case, then
# a colon)
_CITY = r"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=: ))"
_AGENCY_DASH = r"(?:, [A-Z][a-z]{2,4}\.? \d{1,2})?(?: \([A-Za-z ]+\))?(?: (?:--|[-—–])|:) "
DATELINE_CITY = re.compile(rf"^({_CITY}){_AGENCY_DASH}", re.MULTILINE)
# ... and one that names the two sides of a story: "OTTAWA/WASHINGTON (Reuters) - "
DATELINE_CITIES = re.compile(rf"^({_CITY})/({_CITY}){_AGENCY_DASH}", re.MULTILINE)
# Where someone travels is no party to a tariff: "during a visit to India, Trump announced ..."
VISITING = re.compile(
    r"\b(?:visits?|trips?|travel\w*|tours?|flew|fly|flies|flying|way|arriv\w*|returns?)\s+to(?:\s+the)?$"
)

# --- Status of a rated tariff: the cues the status table (rules.STATUS_RULES) looks for --------------------
SUSPENDED_CUE = r"\b(?:suspend\w*|lift\w*|scrap\w*|revok\w*|drop(?:ped)?|exempt\w*)\b"
DELAYED_CUE = (
    r"\b(?:delay\w*|postpon\w*|paus\w*|truce|hold\w* off|push\w* back|put (?:off|back)|on hold|"
    r"(?:hold|held|holding) (?:\w+ ){0,2}back)\b"
)
REDUCED_CUE = r"\b(?:cut|cuts|reduc\w*|lower\w*|halv\w*|slash\w*|fall\w*|fell|down)\b"
# a rate set against another country's for comparison: "10% on imported cars, against 2.5% in the United States"
COMPARED_LEAD = re.compile(r",?\s*(?:against|compared with|versus|vs\.?)\s+$", re.IGNORECASE)
CHARGED_IN = re.compile(r"\s+in\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
# "15%, down from the 25% they paid", "an 8% tariff by India, down from ...": a cut of the rate in force
DOWN_FROM = re.compile(r"[^,;]{0,60}?,?\s*down from\b", re.IGNORECASE)
RETALIATION_CUE = (
    r"\b(?:retaliat\w*|counter-?measures?|counter-?tariffs?|in response|"
    r"hit(?:s|ting)? back|str(?:uck|ikes?|iking) back)\b"
)
IN_FORCE_CUE = r"\b(?:already|existing|in place|took effect|currently)\b"
THREAT_CUE = r"\b(?:threat\w*|warn\w*|prepared to|could|would|(?-i:may)|might|if|unless|vow\w*)\b"
# "said it would apply 15% tariffs": a decision reported in the past tense, not a threat (unless a cue above
# other than 'would' says so)
REPORTED_WOULD = re.compile(
    rf"\b(?:said|says|added|announced|confirmed|wrote|posted)\b(?:(?!\b(?:{SPEECH_VERBS})\b)[^.;:]){{0,80}}?\bwould\b",
    re.IGNORECASE,
)
THREAT_NOT_WOULD = r"\b(?:threat\w*|warn\w*|prepared to|could|(?-i:may)|might|if|unless|vow\w*)\b"
# a rate a deal sets, not yet charged: "will face a 15% tariff under a trade deal", "an agreement that sets a 15%"
_DEAL = r"(?:deal|agreement|arrangement|pact|accord)"
DEAL_CUE = (
    rf"\bunder\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,2}}{_DEAL}\b"  # "under a trade deal"
    rf"|\b{_DEAL}\s+(?:that\s+)?(?:sets?|setting)\b"  # "an agreement that sets"
)
REMAINING_CUE = r"\b(?:remain\w*|stay\w*|still|continu\w*|keep\w*)\b"  # what a deal leaves in force
PROPOSAL_CUE = r"\b(?:propos\w*|consider\w*|weigh\w*|draft\w*)\b"
# a clause that shares the predicate before it: "..., as are Canada's counter-tariffs of 25%"
AS_ARE = re.compile(r"[,;]?\s*as\s+(?:are|is|was|were|have|has|had|do|does|did)\b", re.IGNORECASE)
RETALIATION_ANYWHERE = r"retaliat"  # said anywhere in the sentence
EFFECTIVE = re.compile(
    r"\b(?:(?P<future>effective|from|starting|beginning|takes? effect(?: on)?|will take effect(?: on)?|as of|"
    r"start on|due to start on)|(?P<past>took effect(?: on)?|since|on))\s+$",
    re.IGNORECASE,
)
SAME_DAY = re.compile(r"\b(?:on|from|starting|beginning)?\s*the same (?:day|date)\b", re.IGNORECASE)  # the date before
CONDITION = re.compile(r"\b((?:if|unless)\s+[^,.;]{3,120})", re.IGNORECASE)
SCOPE = re.compile(
    r"\b(?!(?:on|to|of|its|their|over|for|from|with|into|in|at|against|by|under)\b)"  # no preposition first
    r"((?:[\w-]+\s+){0,2}?(?:imports|exports|goods|products|vehicles|cars|autos|"
    r"auto parts|steel|aluminium|aluminum|copper|lumber|timber|pharmaceuticals|drugs|semiconductors|chips|"
    r"electronics|energy|oil|agricultural products|machinery|textiles))\b",
    re.IGNORECASE,
)

# --- Measures without a rate (measures.py) -------------------------------------------------------------------
MEASURE_NOUN = re.compile(
    r"(?:counter-?)?measures?|tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?|actions?|retaliation"
)
IMPOSING = re.compile(
    r"(?:take|respond|impose|put|answer|prepare|threaten|retaliate|slap|levy)(?:s|d|ed|n|ing)?|took|taking|"
    r"preparing|imposing|retaliating|put(?:s|ting)?"
)
MEASURE_SUSPENDED_CUE = r"\b(?:suspend\w*|call\w* off|shelv\w*|drop\w*)\b"
MEASURE_DELAYED_CUE = r"\b(?:delay\w*|postpon\w*|hold\w* off|truce)\b"
MEASURE_THREAT_CUE = r"\b(?:threat\w*|warn\w*|ready|prepar\w*|would|could|will|(?-i:may)|might|if|vow\w*)\b"
MEASURE_PROPOSAL_CUE = r"\b(?:propos\w*|consult\w*|consider\w*)\b"

# --- Goods (goods.py): what a goods-only tariff target must name ---------------------------------------------
GOODS = re.compile(
    r"\b(?:imports|goods|products|exports|vehicles?|cars?|autos?|parts|trucks|buses|motorcycles|EVs?|aircraft|ships|"
    r"steel|alumini?um|copper|iron|nickel|metals?|minerals|rare earths|lumber|timber|wood|paper|"
    r"pharmaceuticals|drugs|medicines|semiconductors|chips|electronics|appliances|"
    r"solar|panels|cells|batteries|energy|oil|gas|coal|machinery|textiles|apparel|clothing|shoes|footwear|toys|"
    r"furniture|wheat|corn|rice|grain|sugar|coffee|cotton|fruit|pork|beef|chicken|poultry|dairy|"
    r"cheese|seafood|fish|whiskey|whisky|bourbon|wine|spirits|soybeans|nuts|almonds|cabinets|watches|"
    r"smartphones|computers|tyres|tires|chemicals|fertili[sz]ers?|potash|lithium|graphite|plastics)\b",
    re.IGNORECASE,
)
# goods from anywhere, taxed as goods even in a story about a country: 'all imported cars', 'Imported solar panels'
ANYWHERE = {"all", "every", "any", "into", "imported", "countries"}  # "cars from most countries"
VAGUE = {"other", "key", "some", "many", "more", "such", "same", "various", "new", "every", "most"}
TRADED = {"goods", "imports", "products", "exports", "imported"}  # words that only say things are traded
PARTY_NOUNS = {"government", "bloc", "administration", "country", "side", "ministry"}

# --- Leaders (parties.side): whom a head of government or trade minister acts for, when the text gives no title
# with a country ("President Donald Trump", "Trump signed an order"). Main economies, 2017-2026; a surname alone
# only where it is distinctive. Only the tariff rules read it: a participant's affiliation stays as written.
_LEADERS = {
    "United States": "trump|biden|lutnick|bessent|greer|lighthizer|navarro|raimondo|katherine tai|wilbur ross|vance",
    "China": "xi|xi jinping|li qiang|he lifeng|wang wentao|li keqiang|liu he",
    "Canada": "carney|trudeau|freeland|leblanc|champagne|mary ng",
    "Mexico": "sheinbaum|ebrard|lopez obrador|lópez obrador|amlo",
    "European Union": "von der leyen|sefcovic|šefčovič|dombrovskis|malmström|malmstrom|phil hogan",
    "India": "modi|goyal|piyush goyal|nirmala sitharaman|sitharaman",
    "Japan": "ishiba|kishida|takaichi|akazawa|shinzo abe|suga",
    "United Kingdom": "starmer|sunak|badenoch",
    "South Korea": "lee jae-myung|lee jae myung|yoon suk yeol|moon jae-in",
    "Brazil": "lula|luiz inácio lula da silva|bolsonaro|alckmin",
    "Australia": "albanese|scott morrison",
}
LEADERS = {name: country for country, names in _LEADERS.items() for name in names.split("|")}
# Institutions that act for one country whatever the story (a ministry's own name says whose it is: "China's
# Commerce Ministry" is read by its possessive). Only the tariff rules read it.
INSTITUTIONS = [
    (
        re.compile(
            r"\b(?:(?:U\.?S\.? )?Commerce Department|Department of Commerce|White House|USTR|"
            r"(?:U\.?S\.? )?Trade Representative|Customs and Border Protection)\b"
        ),
        "United States",
    ),
    (re.compile(r"\b(?:MOFCOM|Customs Tariff Commission|State Council)\b"), "China"),
]
