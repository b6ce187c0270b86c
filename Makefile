# Two commands set everything up and run it: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8501

.PHONY: run test test-fast browser vignettes bench journey review-packet fonts clean lock

# Packages come from the hash-pinned locks (requirements*.lock, made from requirements*.txt by
# `make lock`): pip installs exactly those versions and refuses a file whose SHA-256 differs.
$(PY):
	python3 -m venv $(VENV)

$(VENV)/.run-installed: requirements.lock | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements.lock requirements-dev.lock | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.run-installed

## make run: install the pinned runtime into .venv and start the app on 127.0.0.1:8501
run: $(VENV)/.run-installed
	MALLOC_ARENA_MAX=2 $(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

## Debian's Chromium for the browser tests (Playwright's own browser download is not used),
## and Debian's nginx for the scale-out test (only its binary is used, with the test's own config)
browser:
	@command -v chromium >/dev/null 2>&1 && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && \
	  { command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core nginx >/dev/null )

## make test: install what tests need, then run every test (unit, content, AppTest, browser)
test: $(VENV)/.dev-installed browser
	$(PY) -m pytest -q -n 2 --dist loadgroup

## make test-fast: everything but the browser tests
test-fast: $(VENV)/.dev-installed
	$(PY) -m pytest -q -n 2 --dist loadgroup -m "not browser"

## make bench: load benchmark of the app against a bare Streamlit app, loopback only (5 to 8 min
## on 2 cores); prints the targets and rewrites bench/README.md and bench/results.json
bench: $(VENV)/.dev-installed
	$(PY) -m bench.run

## make journey: four people walk the app in Chromium (phone, keyboard at 200%, nurse, urgent);
## writes docs/journey.md and docs/journey.json and the start page's measured time (about 2 min)
journey: $(VENV)/.dev-installed browser
	$(PY) -m journey

## make fonts: after content gains a character (a new language, a symbol), cut the vendored
## fonts' core again into decision_aid/fonts/core/ (tests/test_pdf.py says when)
fonts: $(VENV)/.run-installed
	$(PY) -c "from decision_aid.pdf_fonts import write_core_cut; write_core_cut()"

## make review-packet: the clinicians' review packet (HTML and PDF) in review-packet/, from
## content/ and the vignettes in tests/data/ (docs/clinical-review.md)
review-packet: $(VENV)/.run-installed
	$(PY) -m decision_aid review-packet --output review-packet

## make lock: after editing requirements.txt or requirements-dev.txt, write the hash-pinned
## requirements.lock and requirements-dev.lock (pip-tools) and the SBOM of the image's packages,
## sbom.cdx.json (CycloneDX). The tools run from a throwaway venv, never .venv. Versions already
## in a lock are kept; to move one, delete its line from the lock first. Needs PyPI.
LOCKTOOLS := $(shell mktemp -d -u /tmp/decision-aid-locktools.XXXXXX)
COMPILE    = PIP_CONFIG_FILE=/dev/null $(LOCKTOOLS)/bin/pip-compile -q --generate-hashes --allow-unsafe \
             --strip-extras --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple
lock:
	python3 -m venv $(LOCKTOOLS)
	PIP_CONFIG_FILE=/dev/null $(LOCKTOOLS)/bin/pip install -q pip-tools==7.6.2 cyclonedx-bom==7.5.0
	$(COMPILE) --output-file requirements.lock requirements.txt
	$(COMPILE) --output-file requirements-dev.lock requirements-dev.txt
	PIP_CONFIG_FILE=/dev/null $(LOCKTOOLS)/bin/cyclonedx-py requirements requirements.lock \
	  --output-reproducible --of JSON -o sbom.cdx.json
	rm -rf $(LOCKTOOLS)

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache review-packet
