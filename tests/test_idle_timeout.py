"""A tab left alone for hours drops the answers, with a plain notice (ui/idle.py)."""
import time

from walk import answer, click, open_app, texts


def _answered(content):
    at = open_app()
    click(at, "begin")
    answer(at, content, "urgent_symptoms", ["none"])
    click(at, "next")                                         # step 2: what matters to her
    answer(at, content, "route_preference", "pills_at_home")
    assert at.session_state["answers"]["route_preference"] == "pills_at_home"
    return at


def test_answers_are_dropped_after_the_idle_time_with_a_plain_notice(content, monkeypatch):
    at = _answered(content)
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "0.005")      # 0.3 s
    time.sleep(0.5)
    at.run()
    assert not at.exception, at.exception
    assert not at.session_state["answers"]
    screen = texts(at)
    assert content.text("idle.cleared") in screen
    assert "start page" in content.text("idle.cleared")       # the saved file is the way back
    assert not any(b.key and b.key.startswith("save_answers") for b in at.get("download_button"))
    at.run()                                                  # said once, not on every page after
    assert content.text("idle.cleared") not in texts(at)


def test_answers_stay_while_the_tab_is_in_use(content, monkeypatch):
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "0.02")        # 1.2 s, each click well within it
    at = _answered(content)
    for _ in range(3):
        time.sleep(0.4)
        at.run()
    assert at.session_state["answers"]["route_preference"] == "pills_at_home"
    assert content.text("idle.cleared") not in texts(at)


def test_the_default_is_a_few_hours_and_a_bad_setting_falls_back_to_it(monkeypatch):
    from ui import idle

    monkeypatch.delenv("IDLE_TIMEOUT_MINUTES", raising=False)
    assert idle.timeout_seconds() == 3 * 3600
    for bad in ("soon", "-5", "0"):
        monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", bad)
        assert idle.timeout_seconds() == 3 * 3600
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "30")
    assert idle.timeout_seconds() == 1800 and idle.check_every() == 60
