"""The short version of `make journey`: a patient on a 390x844 phone answers every question
and reads her summary; the estimate (journey/measure.py) must be 10 minutes or less.

The questions part and the whole journey are held to budgets just above what they measure, so
they cannot grow back. The whole journey is still over ten minutes (about 10.5: the questions
about 8.6, of which the check-your-answers page about 0.3; the discussion sheet about 1.8), so
the ten-minute assertion is an expected failure for now: the test prints the numbers either way
(pytest -s)."""
from __future__ import annotations

import pytest

from journey.measure import TARGET_MINUTES, phone_patient, questions_minutes

pytestmark = pytest.mark.browser

QUESTIONS_BUDGET = 9.1    # minutes, from the start page through check-your-answers (measured 8.6)
JOURNEY_BUDGET = 11.0     # minutes, the whole journey (measured 10.5)


@pytest.fixture(scope="module")
def measured(browser, app_url, content):
    from e2e_app import App, new_page
    page = new_page(browser, "phone")
    try:
        yield phone_patient(App(page, app_url, content, "phone"))
    finally:
        page.context.close()


def test_the_questions_take_a_phone_patient_less_than_their_budget(measured):
    questions = questions_minutes(measured)
    print(f"\nphone patient: questions {questions:.1f} min, whole journey {measured.minutes} min "
          f"({measured.words} words, {measured.taps} taps, {measured.screens} screens)")
    assert questions <= QUESTIONS_BUDGET, measured.parts


def test_the_whole_journey_stays_within_its_budget(measured):
    assert measured.minutes <= JOURNEY_BUDGET, measured.parts


@pytest.mark.xfail(strict=False, reason="about 10.5 minutes today: the questions alone take about 8.6 "
                                         "(issue 15 remains open)")
def test_a_phone_patient_finishes_in_ten_minutes(measured):
    assert measured.minutes <= TARGET_MINUTES, measured.parts
