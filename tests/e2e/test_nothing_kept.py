"""Nothing about a patient is kept: after a whole session with an upload, notes and
downloads, no file on this machine (outside the browser's own downloads) and no line of the
server's log holds the patient's words."""
import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.server import ROOT, streamlit_server

pytestmark = pytest.mark.browser

QUESTION = "Zebra question 8412 about my sister"   # in the uploaded file
NOTE = "Okapi note 5531 from the nurse"             # typed in the nurse view
MARKERS = [QUESTION.encode(), NOTE.encode()]
SKIP_DIRS = {".git", ".venv", "__pycache__", "node_modules", "proc", "sys"}


def _files_changed_since(start: float, roots, exclude):
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS
                           and not any(str(Path(dirpath, d)).startswith(str(e)) for e in exclude)
                           and "playwright" not in d]          # the browser's own profile and downloads
            for name in filenames:
                path = Path(dirpath, name)
                try:
                    st = path.stat()
                except OSError:
                    continue
                if st.st_mtime >= start and st.st_size < 50_000_000 and path.is_file():
                    yield path


def test_a_whole_session_leaves_no_trace_on_disk_or_in_the_log(browser, tmp_path):
    home, tmpdir = tmp_path / "home", tmp_path / "tmp"
    home.mkdir(), tmpdir.mkdir()
    upload = tmp_path / "upload" / "my-answers.json"
    upload.parent.mkdir()
    upload.write_text(json.dumps({"schema_version": 1, "answers": {
        "recurrence_type": "distant", "metastatic_sites": ["bone"], "hr_status": "positive",
        "her2_status": "zero", "metastatic_lines": "none_yet", "own_questions": QUESTION}}))
    log = tmp_path / "upload" / "server.log"                 # read below, not scanned as "kept"
    start = time.time() - 1
    with streamlit_server(log, env={"HOME": str(home), "TMPDIR": str(tmpdir)}) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        page.goto(url)
        page.locator(".st-key-pick_up summary").click()              # folded on the start page
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_role("button", name="Load my saved answers").click()
        expect(page.get_by_text("Your saved answers are loaded")).to_be_visible()
        page.get_by_test_id("stSidebar").get_by_text("Nurse view", exact=True).click()
        expect(page.get_by_text(QUESTION)).to_be_visible()
        notes = page.get_by_role("textbox", name="Notes from the visit")
        notes.fill(NOTE)
        notes.press("Control+Enter")                          # Streamlit commits a text area
        page.get_by_role("button", name="Make a PDF with these notes").click()
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Download the summary with these notes (PDF)").click()
        assert pdf.value.path().read_bytes().startswith(b"%PDF")
        with page.expect_download() as saved:
            page.get_by_test_id("stSidebar").get_by_role("button", name="Save my answers").click()
        assert QUESTION in saved.value.path().read_text()        # the download the patient keeps
        page.get_by_test_id("stSidebar").get_by_text("Your summary", exact=True).click()
        expect(page.get_by_text(QUESTION)).to_be_visible()
        page.close()

        kept = [p for p in _files_changed_since(start, [home, tmpdir, ROOT, Path(tempfile.gettempdir())],
                                                exclude=[upload.parent, ROOT / "test-artifacts"])
                if any(m in p.read_bytes() for m in MARKERS)]
        assert kept == [], f"files holding the patient's words: {kept}"
    server_log = log.read_bytes()
    assert server_log, "the server log should exist (it is where a leak would show)"
    assert not any(m in server_log for m in MARKERS)
