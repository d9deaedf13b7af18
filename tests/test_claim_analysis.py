"""Claim analysis: what a claim is about, how strongly it is stated, who says it (claimcheck.analysis.claims),
and the sentence contexts built on it (claimcheck.analysis.context)."""

from __future__ import annotations

import pytest

from claimcheck.analysis import claims, context
from claimcheck.analysis.claims import Speaker, Subject
from claimcheck.analysis.strength import Strength
from claimcheck.nlp.pipeline import analyze_one

CLAIM_CATEGORIES = ("overclaim", "unhedged-claim")


def _claim(text: str, phrase: str):
    """The sentence of `text` and the span of its first `phrase`, as a check would see them."""
    doc = analyze_one(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, phrase
    return context.sentence_of(span), span


@pytest.mark.parametrize(
    "text, phrase, subject",
    [
        ("Acupuncture improves balance.", "improves", Subject.INTERVENTION),
        ("Smoking raises the risk of MS.", "raises", Subject.INTERVENTION),
        ("Patients taking statins had fewer strokes, and statins lowered deaths.", "lowered", Subject.INTERVENTION),
        ("High blood pressure increases the risk of stroke.", "increases", Subject.BACKGROUND),
        ("Myasthenia is a disease which causes muscle weakness.", "causes", Subject.BACKGROUND),
        ("Shingles is caused by the same virus that causes chickenpox.", "causes chickenpox", Subject.BACKGROUND),
        ("Endometrial cancer, which affects the lining of the womb, is rare.", "affects", Subject.BACKGROUND),
        ("The company stopped making the device.", "stopped", Subject.AGENT),
        ("Although Down syndrome varies, it usually causes some learning problems.", "causes", Subject.BACKGROUND),
        ("Acupuncture is popular. It reduces pain in some trials.", "reduces", Subject.INTERVENTION),
        ("A shortage of donors impacts waiting times.", "impacts", Subject.UNKNOWN),
    ],
)
def test_subject_of_a_claim(text, phrase, subject):
    sentence, match = _claim(text, phrase)
    assert claims.subject_of(sentence, match) is subject


@pytest.mark.parametrize(
    "text, phrase, speaker",
    [
        ("Acupuncture reduced her pain, she said.", "reduced", Speaker.ATTRIBUTED),
        ("Some scientists think that vitamin D prevents MS.", "prevents", Speaker.ATTRIBUTED),
        ("“The needles eased my pain,” said one patient.", "eased", Speaker.QUOTED),
        ("Experts say the drug works, according to the report.", "works", Speaker.ATTRIBUTED),
        ("We believe our drops relieve dry eyes.", "relieve", Speaker.ARTICLE),
        ("Research says exercise eases fatigue.", "eases", Speaker.ARTICLE),
        ("Say goodbye to pain: relief is guaranteed.", "guaranteed", Speaker.ARTICLE),
        ("You may feel better as acupuncture relieves pain.", "relieves", Speaker.ARTICLE),
        ('Our motto is "acupuncture cures fatigue".', "cures", Speaker.ARTICLE),
        ('"The patch is a breakthrough for patients. It will change care," Prof Ho added.', "breakthrough", Speaker.QUOTED),
    ],
)
def test_speaker_of_a_claim(text, phrase, speaker):
    sentence, match = _claim(text, phrase)
    assert claims.speaker_of(text, sentence, match) is speaker


def test_reading_bundles_one_claim():
    text = "Acupuncture reduces pain, she said."
    sentence, match = _claim(text, "reduces")
    reading = claims.read(text, sentence, match)
    assert (reading.effect, reading.subject, reading.strength, reading.speaker) == (
        "reduces", Subject.INTERVENTION, Strength.DIRECT, Speaker.ATTRIBUTED
    )


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The device stimulates the vagus nerve.", "stimulates"),
        ("The drug inhibits one form of the enzyme.", "inhibits"),
        ("The extract slowed the growth of these breast cancer cells.", "slowed"),
    ],
)
def test_mechanism_is_how_a_treatment_works(text, phrase):
    sentence, match = _claim(text, phrase)
    assert claims.mechanism(sentence, match)


def test_an_outcome_is_no_mechanism():
    sentence, match = _claim("Statins lower blood cholesterol.", "lower")
    assert not claims.mechanism(sentence, match)


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        # Curly apostrophes, as most published text has them.
        ("Acupuncture isn’t a cure.", "cure", True),
        ("They haven’t shown that it reduces pain.", "reduces", True),
        # A list of effects shares the negation before its first item.
        ("There is no evidence that acupuncture slows MS, prevents relapses or repairs damaged nerves.", "repairs", True),
        ("There is no evidence that it slows MS, prevents relapses and repairs nerves.", "repairs", True),
        ("The therapy eases symptoms rather than curing the disease.", "curing", True),
        # "and" alone starts a new claim, and "but" ends the negation.
        ("Acupuncture does not cure MS and eases pain.", "eases", False),
        ("It does not cure MS, but it eases pain.", "eases", False),
    ],
)
def test_negation(text, phrase, expected):
    sentence, match = _claim(text, phrase)
    assert context.negated(sentence, match) is expected


@pytest.mark.parametrize(
    "text",
    [
        "There is no evidence that acupuncture slows MS, prevents relapses or repairs damaged nerves.",
        "Acupuncture isn’t a cure, and it hasn’t been shown to heal nerve damage.",
        "High blood pressure increases the risk of stroke.",
        "Shingles is caused by the same virus that causes chickenpox.",
        "“It’s a miracle,” said one patient.",
        "The sessions eased her back pain, she said.",
        "The device was reviewed under the Breakthrough Devices Program.",
        "The charity runs a programme that treats patients at home.",
        "The analyst raised his price target for the company.",
        "That proved to be the case.",
        "The study is due to show results next year.",
        "The charity funds research into the causes, treatments and cures of brain disease.",
        "The magazine covers the latest breakthroughs in research.",
    ],
)
def test_no_claim_finding(lint, text):
    assert [f.rule for f in lint(text) if f.category in CLAIM_CATEGORIES] == []


def test_a_modal_claim_is_reported_once(lint):
    findings = lint("Too much vitamin D can lead to kidney problems. Ask your doctor about it.")
    found = [f.rule for f in findings if f.category in CLAIM_CATEGORIES]
    assert found == ["evidence.can-claim"]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("The compound is many times more potent than a standard chemotherapy drug.", "claims.compared-with-standard"),
        ("The syrup works as well as the usual flu medicine.", "claims.compared-with-standard"),
        ("Stubborn belly fat melts away in weeks.", "claims.hype"),
        ("For people with arthritis this cream is a real life-saver.", "claims.hype"),
        ("The study in mice is a step toward approval.", "claims.animal-results"),
        ("A small pilot study showed the patch was safe and effective.", "evidence.unhedged"),
        ("Cutting out sugar reduces belly fat, whether you exercise or not.", "evidence.unhedged"),
        ("Recovery time is shortened by a daily walk.", "evidence.unhedged"),
    ],
)
def test_claim_finding(lint, text, rule):
    # The unhedged-claim rules apply to drafts that speak to their readers, as these do.
    assert rule in [f.rule for f in lint(f"{text} Ask your doctor about it.")]


def test_plain_language_leaves_quotations_and_names_alone(lint):
    text = (
        "“My spasticity got worse in summer,” she said. The Spasticity Research Fund paid for the trial. "
        "Spasticity is common in MS."
    )
    found = [f for f in lint(text) if f.category == "plain-language" and f.match.lower() == "spasticity"]
    assert [f.column for f in found] == [text.index("Spasticity is") + 1]


def test_claim_rule_when_requires_one_of_its_cues(tmp_path):
    from claimcheck.ruleset.config import Config
    from claimcheck.run.lint import lint_text
    from claimcheck.run.load import load_ruleset

    rules = tmp_path / "rules" / "mine"
    rules.mkdir(parents=True)
    (rules / "rats.yml").write_text(
        "extends: claim\ncategory: overclaim\nlevel: warning\nmessage: \"'{match}' in rats.\"\n"
        "description: Flags cures said of rat work.\nclaims: {terms: [cures]}\nwhen: {rats: {terms: [rat]}}\n"
        "examples: {fail: [The drug cures rats.], pass: [The drug cures people.]}\n",
        encoding="utf-8",
    )
    config = Config(packs=(), rule_paths=(tmp_path / "rules",))
    ruleset = load_ruleset(config)
    found = lint_text("x.md", "The drug cures rats. The drug cures people.\n", ruleset).findings
    assert [(f.rule, f.column) for f in found if f.rule == "mine.rats"] == [("mine.rats", 10)]


def test_a_quotation_running_on_over_paragraphs_is_the_speakers(lint):
    text = (
        "One of the first patients was Gerald, who took part in the trial. He says:\n\n"
        '"I signed up straight away. I could not live with the fear.\n\n'
        '"The treatment changed my life. I am now cancer-free with no side effects."\n'
    )
    assert [f.rule for f in lint(text) if f.category == "overclaim"] == []


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("An experimental drug prevented strokes as well as warfarin did, a major study found.", "as well as", True),
        ("But in a Phase 3 study, the placebo was as effective as the drug.", "as effective", True),
        ("A review of nine trials published in 2017 showed that it may be as good as drugs.", "as good", True),
        # An appeal to research in general names no study.
        ("And as studies show, it works better than drugs.", "better than", False),
        ("Research shows yoga works better than drugs.", "better than", False),
        ("A meta-analysis found that yoga worked as well as drugs.", "as well as", True),
        ("In our analysis, yoga works better than drugs.", "better than", False),
    ],
)
def test_study_result(text, phrase, expected):
    sentence, match = _claim(text, phrase)
    assert context.study_result(sentence, match) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("For O'Brien-Murphy, the massage therapy has been life-changing.", True),
        ("For her, the new chair has been a lifesaver.", True),
        ("For many people with arthritis, this cream is a real life-saver.", False),
        ("For Women With MS, Acupuncture Is a Breakthrough", False),
        ("For those of us who get migraines, it feels life-changing.", False),
        ("Forget statins, this drink is a lifesaver.", False),
    ],
)
def test_personal_experience(text, expected):
    sentence, _ = _claim(text, text.split()[1])
    assert context.personal(sentence) is expected


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("She looks for a drug that, ideally, will ease pain without side effects.", "without side effects", True),
        ("Patients call to learn what it will take to cure their disease.", "to cure", True),
        ("A cure for Alzheimer's disease, which affects millions, is the holy grail in research.", "A cure", True),
        ("This tea is a cure for Alzheimer's disease.", "a cure", False),
        ("Here is what it takes to cure your back pain for good.", "to cure", False),
    ],
)
def test_a_wish_or_a_goal_is_distanced(text, phrase, expected):
    sentence, match = _claim(text, phrase)
    assert context.distanced(sentence, match) is expected


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("# 3-Drug Therapy Might Be Cystic Fibrosis 'Breakthrough'", "Breakthrough", True),
        ("Scientists working on a 'game-changing' new antibiotic made an advance.", "game-changing", True),
        ("It's a breakthrough, isn't it?", "breakthrough", False),
        # A long quotation in single quotes is a sentence quoted, not a word set apart.
        ("The ad's 'this breakthrough pill works for every patient in weeks' line is false.", "breakthrough", False),
    ],
)
def test_a_word_in_single_quotes_is_quoted(text, phrase, expected):
    start = text.index(phrase)
    assert context.quoted(text, start, start + len(phrase)) is expected


def test_a_name_may_hold_small_words(lint):
    text = "Susan G. Komen for the Cure and the state cancer institute funded this research."
    assert [f.rule for f in lint(text) if f.rule == "claims.cure"] == []
