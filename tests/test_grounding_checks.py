"""Planted cases for the meaning checks: quotes in marks, speakers, tariffs, meetings, and require_grounding."""

from __future__ import annotations

import pytest

from summarizer import grounding
from summarizer.passages import Passages
from summarizer.result import GroundingStatus
from summarizer.schema import ArticleSummary, Meeting, Participant, Quote, Tariff
from summarizer.strict import enforce

V, NQ, UA, UN, UG = (
    GroundingStatus.VERIFIED,
    GroundingStatus.NOT_QUOTED,
    GroundingStatus.UNATTRIBUTED,
    GroundingStatus.UNSUPPORTED,
    GroundingStatus.UNGROUNDED,
)
RUBIO = Participant(name="Marco Rubio", role="Secretary of State", affiliation="United States", aliases=["Rubio"])
WANG = Participant(name="Wang Yi", role="Foreign Minister", affiliation="China", aliases=["Wang"])


def _quote_status(text: str, quote: str, speaker: str = "Marco Rubio") -> GroundingStatus:
    record = ArticleSummary(summary="s", participants=[RUBIO, WANG], quotes=[Quote(speaker=speaker, text=quote)])
    return next(e for e in grounding.ground(record, text) if e.field == "quotes").status


QUOTE_CASES = [
    (
        "straight double",
        'Rubio said: "We had a constructive meeting." Then he left.',
        "We had a constructive meeting",
        V,
    ),
    ("curly double", "“We had a constructive meeting,” Rubio told reporters.", "We had a constructive meeting", V),
    (
        "curly single",
        "Rubio called it ‘a constructive and positive meeting’ on Friday.",
        "a constructive and positive meeting",
        V,
    ),
    (
        "straight single",
        "Rubio called it 'a constructive and positive meeting' on Friday.",
        "a constructive and positive meeting",
        V,
    ),
    ("split, first part", '"It was useful," Rubio said, "and we will meet again."', "It was useful", V),
    ("split, second part", '"It was useful," Rubio said, "and we will meet again."', "and we will meet again.", V),
    ("apostrophes are not marks", "Rubio said the country's talks were Rubio's priority.", "the talks were", UG),
    ("narrative sentence", "Rubio met Wang Yi in Kuala Lumpur on Thursday.", "Rubio met Wang Yi in Kuala Lumpur", NQ),
    ("paraphrase next to a quote", 'Rubio said talks were useful. "We agreed," he said.', "talks were useful", NQ),
    (
        "open multi-paragraph quote",
        "Rubio said: “We agreed on a lot.\n“And we will meet again,” he added.",
        "We agreed on a lot.",
        V,
    ),
    (
        "the same words in narration first",
        'There was no deal. Asked whether the tariffs would go, Rubio answered with one word: "No."',
        "No.",
        V,
    ),
]


@pytest.mark.parametrize(("text", "quote", "expected"), [c[1:] for c in QUOTE_CASES], ids=[c[0] for c in QUOTE_CASES])
def test_a_quote_is_verified_only_inside_quotation_marks(text: str, quote: str, expected: GroundingStatus) -> None:
    assert _quote_status(text, quote) is expected


SPEAKER_CASES = [
    ("named in the sentence", '"The talks went well," Rubio said.', "Marco Rubio", V),
    ("full name before the quote", 'Marco Rubio told reporters: "The talks went well."', "Marco Rubio", V),
    ("pronoun resolved", 'Rubio arrived on Thursday. "The talks went well," he said.', "Marco Rubio", V),
    ("title resolved", 'Rubio arrived on Thursday. "The talks went well," the secretary said.', "Marco Rubio", V),
    ("quote stands alone", "Rubio spoke after the meeting.\n\n“The talks went well.”", "Marco Rubio", V),
    ("institution by head noun", '"The talks went well," the ministry said.', "China's Foreign Ministry", V),
    ("someone else is named", '"The talks went well," Wang said.', "Marco Rubio", UA),
    (
        "speaker far away",
        'Rubio arrived.\n\nMany things happened.\n\nOthers spoke. "The talks went well," Wang said.',
        "Marco Rubio",
        UA,
    ),
]


@pytest.mark.parametrize(
    ("text", "speaker", "expected"), [c[1:] for c in SPEAKER_CASES], ids=[c[0] for c in SPEAKER_CASES]
)
def test_a_speaker_is_verified_where_the_text_attributes_the_quote(
    text: str, speaker: str, expected: GroundingStatus
) -> None:
    assert _quote_status(text, "The talks went well", speaker) is expected


def _tariff(text: str, tariff: Tariff) -> GroundingStatus:
    trump = Participant(name="Donald Trump", affiliation="United States", aliases=["Trump"])
    record = ArticleSummary(summary="s", participants=[trump], tariffs=[tariff])
    return next(e for e in grounding.ground(record, text) if e.field == "tariffs" and "|" in e.text).status


US_CHINA = Tariff(imposed_by="United States", target="China", rate_percent=25, rate_text="25%", status="in_effect")
TARIFF_CASES = [
    ("same sentence", "The U.S. imposed a 25% tariff on Chinese goods.", US_CHINA, V),
    ("adjacent sentences", "Washington acted on Friday. A 25% duty now applies to imports from China.", US_CHINA, V),
    (
        "rate as a number",
        "The United States put a 25 percent tariff on China.",
        US_CHINA.model_copy(update={"rate_text": None}),
        V,
    ),
    (
        "target elsewhere",
        "The U.S. imposed a 25% tariff on steel.\n\nA lot later.\n\nMore.\n\nChina said nothing.",
        US_CHINA,
        UN,
    ),
    (
        "imposer never named",
        "Canada imposed a 25% tariff on China.",
        US_CHINA.model_copy(update={"imposed_by": "Mexico"}),
        UN,
    ),
    (
        "imposer through an affiliated participant",
        "Trump imposed a 25% tariff on China.",
        US_CHINA,
        V,
    ),
    (
        "imposer named but far",
        "A 25% tariff on China applies.\n\nElsewhere.\n\nMore.\n\nThe U.S. said so.",
        US_CHINA,
        UN,
    ),
    (
        "no rate in the text",
        "The U.S. imposed tariffs on China.",
        US_CHINA.model_copy(update={"rate_text": "40%", "rate_percent": 40}),
        UN,
    ),
]


@pytest.mark.parametrize(
    ("text", "tariff", "expected"), [c[1:] for c in TARIFF_CASES], ids=[c[0] for c in TARIFF_CASES]
)
def test_a_tariff_needs_rate_target_and_imposer_together(text: str, tariff: Tariff, expected: GroundingStatus) -> None:
    assert _tariff(text, tariff) is expected


MEETING_CASES = [
    ("met", "Rubio met Wang Yi in Kuala Lumpur on Thursday.", V),
    ("phoned", "Wang phoned Rubio on Monday.", V),
    ("pronoun in the next sentence", "Rubio flew to Malaysia. He is due to meet Wang on Friday.", V),
    ("no cue", "Rubio and Wang both criticised the tariffs.", UN),
    ("only one named", "Rubio met reporters in Kuala Lumpur.", UN),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in MEETING_CASES], ids=[c[0] for c in MEETING_CASES])
def test_a_meeting_needs_two_participants_and_a_cue(text: str, expected: GroundingStatus) -> None:
    record = ArticleSummary(
        summary="s",
        participants=[RUBIO, WANG],
        meetings=[Meeting(participants=["Marco Rubio", "Wang Yi"], status="held")],
    )
    evidence = [e for e in grounding.ground(record, text) if e.field == "meetings"]
    assert [e.status for e in evidence] == [expected]
    assert evidence[0].reason


def test_sentences_do_not_end_at_abbreviations() -> None:
    passages = Passages("U.S. Secretary of State Marco Rubio met Mr. Wang. Then they left.")
    assert [passages.sentence_text(i) for i in range(len(passages.sentences))] == [
        "U.S. Secretary of State Marco Rubio met Mr. Wang.",
        "Then they left.",
    ]


def test_every_evidence_has_a_reason() -> None:
    text = 'Marco Rubio met Wang Yi. "It went well," Rubio said. The U.S. set a 25% tariff on China.'
    record = ArticleSummary(
        summary="s",
        participants=[RUBIO, WANG],
        meetings=[Meeting(participants=["Marco Rubio", "Wang Yi"], status="held")],
        quotes=[
            Quote(speaker="Marco Rubio", text="It went well"),
            Quote(speaker="Marco Rubio", text="Rubio met Wang Yi"),
        ],
        tariffs=[US_CHINA],
    )
    evidence = grounding.ground(record, text)
    assert all(e.reason for e in evidence)
    assert {e.status for e in evidence} == {V, NQ}


def test_require_grounding_drops_failed_items_and_says_so() -> None:
    text = 'Rubio met Wang Yi in Kuala Lumpur. "It went well," Rubio said.'
    record = ArticleSummary(
        summary="s",
        participants=[RUBIO, WANG],
        meetings=[
            Meeting(participants=["Marco Rubio", "Lee Jae-myung"], status="held"),
            Meeting(participants=["Marco Rubio", "Wang Yi"], status="held"),
        ],
        quotes=[
            Quote(speaker="Marco Rubio", text="Rubio met Wang Yi in Kuala Lumpur", meeting=1),
            Quote(speaker="Marco Rubio", text="It went well", meeting=1),
        ],
    )
    kept, notes = enforce(record, grounding.ground(record, text))
    assert [q.text for q in kept.quotes] == ["It went well"]
    assert kept.quotes[0].meeting == 0  # the meeting it pointed to moved up when meeting 0 was dropped
    assert [m.participants for m in kept.meetings] == [["Marco Rubio", "Wang Yi"]]
    assert len(notes) == 2
    assert any("dropped quote 0" in n and "not_quoted" in n for n in notes)
    assert any("dropped meeting 0" in n for n in notes)


def test_require_grounding_keeps_a_fully_grounded_record_unchanged() -> None:
    text = '"It went well," Rubio said.'
    record = ArticleSummary(
        summary="s", participants=[RUBIO], quotes=[Quote(speaker="Marco Rubio", text="It went well")]
    )
    assert enforce(record, grounding.ground(record, text)) == (record, [])
