"""The foundation's promises: overclaims found where they are, not where they are denied; advice required once."""

from __future__ import annotations

import pytest

ACUPUNCTURE_DRAFT = """# Acupuncture and MS

Some people with MS try acupuncture for pain and fatigue. If you want to try acupuncture, ask about the cost first.
"""


def test_overclaim_at_exact_position(lint):
    text = "# Fatigue\n\nMany people ask about it.\nAcupuncture cures the fatigue that comes with MS.\n"
    found = lint(text, rule="claims.cure")
    assert [(f.category, f.line, f.column, f.end_line, f.end_column, f.match) for f in found] == [
        ("overclaim", 4, 13, 4, 18, "cures")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Acupuncture does not cure multiple sclerosis.",
        "There is no cure for MS.",
        "# Can acupuncture cure multiple sclerosis?",
        "## Can acupuncture cure MS",
        "Some clinics claim that acupuncture cures MS, but no study has shown this.",
        "Some websites say acupuncture cures MS. There is no evidence for this.",
        'Watch for words like "miracle" and "cure" in adverts.',
        "Acupuncture is never a cure for MS, and it is not 100% safe.",
    ],
)
def test_denied_asked_disputed_and_quoted_claims_are_not_overclaims(lint, text):
    assert [f.match for f in lint(text) if f.category == "overclaim"] == []


def test_reported_but_undisputed_claim_is_still_reported(lint):
    found = lint("Some clinics claim that acupuncture cures MS.", rule="claims.cure")
    assert [f.match for f in found] == ["cures"]


def test_quoted_speaker_makes_the_claim_not_the_article(lint):
    # A direct quotation is the speaker's words: the writer can quote them, not reword them.
    found = lint('"Acupuncture cured my MS fatigue completely," says one client.', rule="claims.cure")
    assert found == []


def test_unattributed_long_quotation_is_still_a_claim(lint):
    # Quotation marks alone (no one said to speak) may set off a slogan: still the article's claim.
    found = lint('Our motto: "Acupuncture cured my MS fatigue completely, and it will cure yours."', rule="claims.cure")
    assert [f.match for f in found] == ["cured", "will cure"]


def test_inflections_are_one_entry(lint):
    for text in ("It cures MS.", "It cured MS.", "It is curing MS.", "A natural cure for MS."):
        assert lint(text, rule="claims.cure"), text


def test_acupuncture_draft_without_advice_reports_both_once(lint):
    found = lint(ACUPUNCTURE_DRAFT)
    categories = [f.category for f in found]
    assert categories.count("missing-doctor-advice") == 1
    assert categories.count("missing-practitioner-advice") == 1
    for finding in found:
        assert (finding.scope, finding.line, finding.column) == ("document", 1, 1)


def test_draft_with_advice_reports_neither(lint):
    text = ACUPUNCTURE_DRAFT + "\nTalk with your neurologist first, and choose a licensed acupuncturist.\n"
    assert [f.category for f in lint(text) if f.category.startswith("missing-")] == []


def test_negated_advice_does_not_count(lint):
    text = ACUPUNCTURE_DRAFT + "\nYou do not need to talk to your doctor. You don't need a licensed acupuncturist.\n"
    categories = [f.category for f in lint(text)]
    assert "missing-doctor-advice" in categories
    assert "missing-practitioner-advice" in categories


def test_double_negation_keeps_the_advice(lint):
    text = ACUPUNCTURE_DRAFT + "\nDo not stop your medicine without talking to your neurologist.\n"
    assert [f for f in lint(text) if f.category == "missing-doctor-advice"] == []


def test_practitioner_advice_only_for_practitioner_therapies(lint):
    text = "# Vitamin D and MS\n\nAsk your doctor to check your vitamin D level.\n"
    assert lint(text) == []


def test_claims_in_front_matter_and_code_are_ignored(lint):
    text = (
        "---\ntitle: Acupuncture cures MS\n---\n\n"
        "```\nAcupuncture cures MS. 100% safe.\n```\n\n"
        "The phrase `cures MS` is one we flag.\n"
    )
    assert [f for f in lint(text) if f.category == "overclaim"] == []


def test_heading_that_only_looks_like_a_question_is_still_a_claim(lint):
    assert [f.match for f in lint("## How acupuncture cures MS fatigue\n", rule="claims.cure")] == ["cures"]
    assert lint("## Does acupuncture cure MS fatigue\n", rule="claims.cure") == []


def test_an_overclaim_is_not_also_reported_as_unhedged(lint):
    found = lint("Regular sessions can heal nerve damage.")
    assert [(f.rule, f.match) for f in found if f.category in ("overclaim", "unhedged-claim")] == [
        ("claims.cure", "heal nerve damage")
    ]
    # Elsewhere in the sentence, the hedge finding still stands.
    found = lint("Acupuncture reduces pain and is a miracle. Ask your doctor about it.")
    assert {f.category for f in found} >= {"overclaim", "unhedged-claim"}


def test_a_story_that_invites_no_one_to_act_needs_no_advice(lint):
    text = (
        "# Clinic raises its prices\n\nThe clinic will charge $80 for acupuncture from May, its owners said. "
        "Researchers found that the needles changed nerve signals in rats.\n"
    )
    assert [f.category for f in lint(text) if f.category.startswith("missing-")] == []


def test_a_therapy_named_once_in_a_list_is_not_the_subject(lint):
    text = "# Easing back pain\n\nOptions include heat, stretching, acupuncture and painkillers. You should try heat first.\n"
    assert [f.category for f in lint(text) if f.category.startswith("missing-")] == ["missing-doctor-advice"]


def test_the_message_names_what_the_article_invites_readers_to_do(lint):
    text = "# Ginger\n\nIf you feel sick, you could try ginger tea in the morning.\n"
    (finding,) = [f for f in lint(text) if f.category == "missing-doctor-advice"]
    assert "you could try ginger tea in the morning" in finding.message
    assert "MS" not in finding.message and "acupuncture" not in finding.message


def test_an_invitation_inside_a_quotation_is_the_speakers(lint):
    text = '# A new tea\n\n"You should try it every morning," said the owner of the shop that sells it.\n'
    assert [f for f in lint(text) if f.category == "missing-doctor-advice"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients with severe depression should be treated with a higher dose of the drug.",  # guidance to their doctors
        "Consider breast cancer, the most common cancer in women.",  # an example opened, not advice
        "If you ask some researchers, coffee is a health drink.",  # a manner of speaking
        "If you think of the eye as a camera, the retina is its film and needs healthy blood vessels.",
        "Use in patients who take opioids may bring on withdrawal.",  # a label's noun, not a command
        "It is worth a try for children with eczema, says Dr Lee, who led the study.",  # someone's advice, reported
        # A condition that goes on to tell the reader nothing to do.
        "If you have a family history of the disease, new research suggests your risk is higher.",
        "If you have diastasis recti, you will feel a gap between the muscles of the belly.",
        "The damage from ultraviolet light may continue for some time after you seek cover.",
        "Even how much vitamin D adults should take has been a matter of debate.",
    ],
)
def test_words_that_invite_no_reader_to_act_need_no_doctor_advice(lint, sentence):
    assert [f for f in lint(f"# Health news\n\n{sentence}\n") if f.category == "missing-doctor-advice"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Men over 50 should be screened for colon cancer every ten years.",
        "People with back pain should be treated by a licensed physiotherapist.",
        "Consider taking a vitamin D supplement in winter.",
        "If you want to try acupuncture for back pain, choose a clinic near you.",
        "If you smoke, stop using e-cigarettes as well before your surgery.",
        "Before you book a session, ask the clinic how long it lasts.",
    ],
)
def test_an_invitation_to_act_on_ones_health_needs_doctor_advice(lint, sentence):
    assert [f.category for f in lint(f"# Health news\n\n{sentence}\n") if f.category == "missing-doctor-advice"] == [
        "missing-doctor-advice"
    ]


@pytest.mark.parametrize(
    "text, reported",
    [
        ("A cream that melts away cellulite would sell well, but there is no such cream.", False),
        ("A cure for the common cold would make millions, but it does not exist.", False),
        # Without the wish, a denial later in the sentence does not take back the promise.
        ("This cream melts away cellulite, and no such results exist anywhere else.", True),
    ],
)
def test_a_promise_wished_for_and_denied_is_no_claim(lint, text, reported):
    found = [f for f in lint(text + "\n") if f.category == "overclaim"]
    assert bool(found) is reported


@pytest.mark.parametrize(
    "text, reported",
    [
        ("The pill, touted as a breakthrough, helped few people.", False),  # others' label, reported
        ("It is seen as a holy grail in Alzheimer's research.", False),
        ("A new drug called Vexa is a breakthrough for migraine.", True),  # 'called' names it, labels nothing
        ("The study could not provide cause-and-effect proof that the diet works.", False),  # the hyphens break no clause
    ],
)
def test_others_labels_and_hyphenated_words(lint, text, reported):
    assert bool([f for f in lint(text + "\n") if f.category == "overclaim"]) is reported


@pytest.mark.parametrize(
    "text",
    [
        # A long quotation is someone's speech, though its speaker was named paragraphs before.
        "Smith, 67, was the third patient to be treated.\n\n"
        '"When two out of three are successful, you think maybe it will be nine out of ten. '
        'I figured if they can cure me, they can cure everyone."',
        # Asked about, not claimed.
        "See a specialist as soon as possible to see if you can be treated with drugs to reverse the vision loss.",
        "More research will be needed to establish whether the cells actually repair damage.",
    ],
)
def test_speech_and_questions_are_not_the_articles_cure_claims(lint, text):
    assert lint(text + "\n", rule="claims.cure") == []


def test_a_stray_quotation_mark_silences_nothing(lint):
    # Opened and never closed: a typo, not somebody's speech.
    found = lint('" Acupuncture cures the fatigue that comes with MS within a few weeks of sessions.\n', rule="claims.cure")
    assert [f.match for f in found] == ["cures"]
