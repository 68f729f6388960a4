"""The scorer that measures an extractor against the development set's gold."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aigov import _scoring
from aigov._scoring import (
    FieldScore,
    Gold,
    GoldSpeaker,
    PredictedSpeaker,
    Prediction,
    Scores,
    format_table,
    names_match,
    normalise,
    organization_matches,
    score,
    score_report,
    statements_match,
    titles_match,
)

REPORTS = Path(__file__).parent / "data" / "reports"


def gold_speaker(
    name: str,
    *,
    titles: tuple[str, ...] = (),
    organizations: tuple[str, ...] = (),
    verbs: tuple[str, ...] = (),
    statements: tuple[str, ...] = (),
) -> GoldSpeaker:
    return {
        "name": name,
        "titles": list(titles),
        "organizations": list(organizations),
        "verbs": list(verbs),
        "statements": list(statements),
    }


def found_speaker(
    name: str,
    *,
    titles: tuple[str, ...] = (),
    chains: tuple[tuple[tuple[str, ...], ...], ...] = (),
    verbs: tuple[str, ...] = (),
    statements: tuple[str, ...] = (),
) -> PredictedSpeaker:
    return {
        "name": name,
        "titles": list(titles),
        "organizations": [[list(org) for org in chain] for chain in chains],
        "verbs": list(verbs),
        "statements": list(statements),
    }


def gold(*speakers: GoldSpeaker) -> Gold:
    return {"report": "r.txt", "speakers": list(speakers)}


def found(*speakers: PredictedSpeaker) -> Prediction:
    return {"speakers": list(speakers)}


def as_prediction(report: Gold) -> Prediction:
    """The gold read back as an extractor's output: each organisation its own chain."""
    return found(
        *(
            found_speaker(
                s["name"],
                titles=tuple(s["titles"]),
                chains=tuple(((org,),) for org in s["organizations"]),
                verbs=tuple(s["verbs"]),
                statements=tuple(s["statements"]),
            )
            for s in report["speakers"]
        )
    )


def development_set() -> list[Gold]:
    golds: list[Gold] = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(REPORTS.glob("*/*.gold.json"))
    ]
    return golds


# --- normalisation and the speakers rule -------------------------------------


def test_normalise_folds_case_accents_punctuation_and_whitespace() -> None:
    """Case, accents, punctuation and runs of whitespace do not tell strings apart."""
    assert normalise("  Navickienė,\tVICE-Minister ") == "navickiene vice minister"
    assert normalise("Inês Sá Correia") == normalise("ines sa  correia")


def test_normalise_keeps_letters_that_are_not_accented_forms() -> None:
    """Only what NFKD splits off is dropped: "ø" is a letter of its own, not "o" with an accent."""
    assert normalise("Sørensen") == "sørensen"


@pytest.mark.parametrize(
    ("gold_name", "found_name"),
    [
        ("Maria-Francesca Spatolisano", "MARIA FRANCESCA  SPATOLISANO"),
        ("Jörg Hellweg-Strauss", "Jorg Hellweg Strauss"),
        ("Andrew Chi-Chih Yao", "Andrew Yao"),
        ("R. J. Okafor-Hale", "Okafor-Hale"),
    ],
)
def test_names_match_when_equal_or_a_two_word_subset(
    gold_name: str, found_name: str
) -> None:
    """Names equal after normalisation match, and so do subsets sharing two words."""
    assert names_match(gold_name, found_name)
    assert names_match(found_name, gold_name)


@pytest.mark.parametrize(
    ("gold_name", "found_name"),
    [
        ("Andrew Yao", "Yao"),
        ("Li Meng", "Li Ming"),
        ("Wang Yongqing Li", "Wang Yongqing Zhou"),
        ("Xu Xiaolan", ""),
        ("...", "..."),
    ],
)
def test_names_do_not_match_on_one_word_or_an_overlap(
    gold_name: str, found_name: str
) -> None:
    """One shared word, or words that overlap without one side containing the other, is no match."""
    assert not names_match(gold_name, found_name)


def test_speakers_are_paired_one_to_one() -> None:
    """Two extracted copies of one person: one is right, the other is wrong."""
    result = score_report(
        gold(gold_speaker("Li Meng")),
        found(found_speaker("Li Meng"), found_speaker("LI MENG")),
    )
    assert result.speakers == FieldScore(matched=1, gold=1, predicted=2)


def test_exact_names_pair_before_subsets() -> None:
    """An exact name takes its own gold speaker, not a longer name containing it."""
    report = gold(
        gold_speaker("Zhang Wei Ming", verbs=("noted",)),
        gold_speaker("Zhang Wei", verbs=("said",)),
    )
    result = score_report(report, found(found_speaker("Zhang Wei", verbs=("said",))))
    assert result.speakers == FieldScore(1, 2, 1)
    assert result.verbs == FieldScore(1, 2, 1)


# --- titles -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_title", "found_title", "expected"),
    [
        ("Vice-Minister", "vice minister", True),
        ("director", "deputy director", True),
        ("deputy director-general", "director-general", True),
        ("senior fellow", "Uehiro/Carnegie senior fellow", True),
        ("director", "directorate", False),
        ("rector", "director", False),
        ("chief executive", "executive director", False),
        ("Dr.", "", False),
    ],
)
def test_titles_match_when_equal_or_contained_as_whole_words(
    gold_title: str, found_title: str, *, expected: bool
) -> None:
    """A title matches an equal one or one containing it as whole words, either way round."""
    assert titles_match(gold_title, found_title) is expected
    assert titles_match(found_title, gold_title) is expected


def test_titles_are_scored_per_matched_speaker_and_counted_once() -> None:
    """Repeated titles count once; a title given to the wrong speaker does not count."""
    report = gold(
        gold_speaker("Xue Lan", titles=("dean",)),
        gold_speaker("Gong Ke", titles=("president",)),
    )
    prediction = found(
        found_speaker("Xue Lan", titles=("Dean", "dean", "president")),
        found_speaker("Gong Ke"),
    )
    assert score_report(report, prediction).titles == FieldScore(1, 2, 2)


# --- organisations ----------------------------------------------------------


def test_organisation_strings_match_any_variant_with_a_leading_the_ignored() -> None:
    """A gold string matches a name, an abbreviation or an alias, "the" or not."""
    variants = ("Ministry of Foreign Affairs", "MFA")
    assert organization_matches("the Ministry of Foreign Affairs", variants)
    assert organization_matches("MFA", variants)
    assert organization_matches("The MFA", variants)
    assert not organization_matches("the Ministry", variants)
    assert not organization_matches("the", ("The",))


def test_parents_in_the_chain_must_be_in_the_gold_to_count_as_correct() -> None:
    """A unit's parent is scored: right if the gold names it, wrong if not."""
    unit = ("Department of Arms Control",)
    ministry = ("Ministry of Foreign Affairs", "MFA")
    both = gold(
        gold_speaker(
            "Ma Shengkun",
            organizations=(
                "the Department of Arms Control",
                "the Ministry of Foreign Affairs",
            ),
        )
    )
    only_unit = gold(
        gold_speaker("Ma Shengkun", organizations=("the Department of Arms Control",))
    )
    prediction = found(found_speaker("Ma Shengkun", chains=((unit, ministry),)))
    assert score_report(both, prediction).organizations == FieldScore(2, 2, 2)
    assert score_report(only_unit, prediction).organizations == FieldScore(1, 1, 2)


def test_an_organisation_in_two_chains_counts_once() -> None:
    """Two roles under one parent predict that parent once."""
    university = ("Tsinghua University",)
    prediction = found(
        found_speaker(
            "Yang Bin",
            chains=((("I-AIIG",), university), (("Schwarzman College",), university)),
        )
    )
    report = gold(
        gold_speaker("Yang Bin", organizations=("I-AIIG", "Schwarzman College"))
    )
    assert score_report(report, prediction).organizations == FieldScore(2, 2, 3)


def test_one_organisation_answers_one_gold_string() -> None:
    """Two gold strings naming one organisation need two organisations to both match."""
    report = gold(
        gold_speaker(
            "Xu Haoliang",
            organizations=("UNDP", "United Nations Development Programme"),
        )
    )
    undp = ("United Nations Development Programme", "UNDP")
    assert score_report(
        report, found(found_speaker("Xu Haoliang", chains=((undp,),)))
    ).organizations == FieldScore(1, 2, 1)


# --- statements -------------------------------------------------------------


def test_statement_matches_at_six_tenths_of_the_gold_words() -> None:
    """Sharing 6 of the gold's 10 words matches; sharing 5 does not."""
    gold_text = "one two three four five six seven eight nine ten"
    assert statements_match(gold_text, "one two three four five six")
    assert not statements_match(gold_text, "one two three four five")


def test_statement_needs_three_tenths_of_the_extracted_words() -> None:
    """An extracted statement padded with unrelated words stops matching below 0.3."""
    gold_text = "agile governance balances development and security"
    padding = " ".join(f"w{i}" for i in range(14))
    assert statements_match(gold_text, f"{gold_text} {padding}")  # 6 of 20
    assert not statements_match(gold_text, f"{gold_text} {padding} x1 x2 x3")  # 6 of 23


def test_statement_words_count_with_repetition_and_without_punctuation() -> None:
    """Quotation marks and case do not matter; a repeated word is shared as often as both have it."""
    assert statements_match(
        '"We were late then. We must not be late again,"',
        "we were late then we must not be late again",
    )
    assert not statements_match("late late late late late", "late late")


def test_statements_are_paired_one_to_one() -> None:
    """Two extracted copies of one gold statement: one right, one wrong."""
    text = "the governance of AI should be agile and adaptive"
    report = gold(gold_speaker("Li Meng", verbs=("stressed",), statements=(text,)))
    prediction = found(
        found_speaker("Li Meng", verbs=("stressed",), statements=(text, text))
    )
    assert score_report(report, prediction).statements == FieldScore(1, 1, 2)


# --- verbs and unmatched speakers -------------------------------------------


def test_verbs_are_a_set_per_speaker() -> None:
    """A verb used twice counts once, case aside; a missing verb lowers recall."""
    report = gold(gold_speaker("Wang Yongqing", verbs=("pointed out", "emphasized")))
    prediction = found(
        found_speaker("Wang Yongqing", verbs=("Pointed out", "pointed out"))
    )
    assert score_report(report, prediction).verbs == FieldScore(1, 2, 1)


def test_a_missed_speaker_misses_all_its_items() -> None:
    """A gold speaker not found counts its titles, organisations, statements and verbs as missed."""
    report = gold(
        gold_speaker(
            "Qiu Yong",
            titles=("president",),
            organizations=("Tsinghua University",),
            verbs=("said",),
            statements=("AI also posed new challenges",),
        )
    )
    result = score_report(
        report, found(found_speaker("Somebody Else", verbs=("said",)))
    )
    assert result.speakers == FieldScore(0, 1, 1)
    assert result.titles == FieldScore(0, 1, 0)
    assert result.organizations == FieldScore(0, 1, 0)
    assert result.statements == FieldScore(0, 1, 0)
    assert result.verbs == FieldScore(0, 1, 1)


# --- ratios, micro-averaging and the table ----------------------------------


def test_ratios_follow_the_counts() -> None:
    """Precision is matched/predicted, recall matched/gold, F1 their harmonic mean."""
    field = FieldScore(matched=3, gold=4, predicted=6)
    assert field.precision == 0.5
    assert field.recall == 0.75
    assert field.f1 == pytest.approx(0.6)


def test_empty_sides_have_defined_ratios() -> None:
    """Nothing predicted is precise but recalls nothing; nothing asked and nothing given is perfect."""
    assert FieldScore(0, 5, 0).precision == 1.0
    assert FieldScore(0, 5, 0).f1 == 0.0
    assert FieldScore(0, 0, 3).recall == 1.0
    assert FieldScore(0, 0, 3).f1 == 0.0
    assert FieldScore().f1 == 1.0


def test_reports_are_micro_averaged() -> None:
    """Counts are summed over reports before the ratios, so a big report weighs more."""
    big = gold(*(gold_speaker(f"Person Number{i}") for i in range(9)))
    small = gold(gold_speaker("Lone Speaker"))
    result = score([(big, as_prediction(big)), (small, found())])
    assert result.speakers == FieldScore(9, 10, 9)
    assert result.speakers.recall == 0.9  # a macro-average would give 0.5
    assert result.reports == 2


def test_format_table_shows_every_field_with_its_ratios_and_counts() -> None:
    """The table has a row per field, in order, with P, R, F1 and the counts."""
    table = format_table(Scores(statements=FieldScore(3, 4, 6), reports=1))
    lines = table.splitlines()
    assert [line.split()[0] for line in lines[1:6]] == list(_scoring.FIELDS)
    assert lines[4].split() == ["statements", "0.500", "0.750", "0.600", "3", "4", "6"]
    assert lines[-1] == "1 report"


# --- the development set ----------------------------------------------------


def test_the_gold_scores_perfectly_against_itself() -> None:
    """Scoring every gold file against itself gives 1.0 on every field."""
    golds = development_set()
    result = score((g, as_prediction(g)) for g in golds)
    assert result.reports == len(golds) >= 24
    assert {name: f.f1 for name, f in result.fields().items()} == dict.fromkeys(
        _scoring.FIELDS, 1.0
    )


def test_names_alone_score_speakers_but_nothing_else() -> None:
    """An extractor that finds every name and nothing more gets speakers right and recalls no statement."""
    golds = development_set()
    result = score(
        (g, found(*(found_speaker(s["name"]) for s in g["speakers"]))) for g in golds
    )
    assert result.speakers.f1 == 1.0
    assert result.statements.recall == 0.0
    assert result.titles.recall == 0.0


# --- laws -------------------------------------------------------------------

WORDS = (
    "li",
    "wei",
    "ming",
    "andrew",
    "yao",
    "chen",
    "mwangi",
    "dean",
    "the",
    "of",
    "AI",
    "Ministry",
)
phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)
gold_speakers = st.builds(
    gold_speaker,
    phrases,
    titles=st.tuples(phrases, phrases),
    organizations=st.tuples(phrases),
    verbs=st.tuples(st.sampled_from(("said", "noted", "Said", "stressed"))),
    statements=st.lists(phrases, max_size=3).map(tuple),
)
chains = st.lists(
    st.lists(st.lists(phrases, min_size=1, max_size=2).map(tuple), max_size=2).map(
        tuple
    ),
    max_size=2,
).map(tuple)
found_speakers = st.builds(
    found_speaker,
    phrases,
    titles=st.lists(phrases, max_size=3).map(tuple),
    chains=chains,
    verbs=st.lists(st.sampled_from(("said", "noted", "added")), max_size=2).map(tuple),
    statements=st.lists(phrases, max_size=3).map(tuple),
)
golds = st.lists(gold_speakers, max_size=4).map(lambda ss: gold(*ss))
predictions = st.lists(found_speakers, max_size=4).map(lambda ss: found(*ss))


def distinct_names(report: Gold) -> bool:
    names = [normalise(s["name"]) for s in report["speakers"]]
    return all(names) and len(set(names)) == len(names)


@given(golds.filter(distinct_names))
def test_any_gold_scores_perfectly_against_itself(report: Gold) -> None:
    """Whatever the gold (with distinct names), scoring it against itself is perfect."""
    assert all(
        f.f1 == 1.0
        for f in score_report(report, as_prediction(report)).fields().values()
    )


@given(golds, predictions)
def test_scores_lie_between_zero_and_one(report: Gold, prediction: Prediction) -> None:
    """Every ratio is in [0, 1] and nothing is matched more often than it exists."""
    for field in score_report(report, prediction).fields().values():
        assert 0 <= field.matched <= min(field.gold, field.predicted)
        assert 0.0 <= field.precision <= 1.0
        assert 0.0 <= field.recall <= 1.0
        assert 0.0 <= field.f1 <= 1.0


@given(golds, predictions, st.randoms(use_true_random=False))
def test_order_does_not_matter(
    report: Gold, prediction: Prediction, rng: Random
) -> None:
    """Shuffling speakers and each speaker's items leaves the scores unchanged."""
    shuffled_gold: Gold = json.loads(json.dumps(report))
    shuffled_found: Prediction = json.loads(json.dumps(prediction))
    rng.shuffle(shuffled_gold["speakers"])
    rng.shuffle(shuffled_found["speakers"])
    for g in shuffled_gold["speakers"]:
        for items in (g["titles"], g["organizations"], g["verbs"], g["statements"]):
            rng.shuffle(items)
    for f in shuffled_found["speakers"]:
        rng.shuffle(f["organizations"])
        for values in (f["titles"], f["verbs"], f["statements"]):
            rng.shuffle(values)
    assert score_report(shuffled_gold, shuffled_found) == score_report(
        report, prediction
    )


@given(
    st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=4, max_size=4)
)
def test_matching_pairs_as_many_as_possible(grid: list[list[bool]]) -> None:
    """The one-to-one matching is as large as the best found by trying every assignment."""
    size = len(grid)
    pairs = _scoring._max_matching(range(size), range(size), lambda i, j: grid[i][j])
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(grid[i][j] for i, j in pairs)
    best = max(
        sum(grid[i][p[i]] for i in range(size))
        for p in itertools.permutations(range(size))
    )
    assert len(pairs) == best
