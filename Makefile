# Two commands set everything up and run it: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8501

.PHONY: run test test-fast browser vignettes bench journey clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

## make run: install the pinned runtime into .venv and start the app on 127.0.0.1:8501
run: $(VENV)/.run-installed
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
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

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
