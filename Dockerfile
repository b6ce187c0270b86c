# syntax=docker/dockerfile:1
# One replica of the decision aid. Build:  docker build -t decision-aid:<version> .
# Run:    docker run --rm -p 127.0.0.1:8501:8501 --read-only --tmpfs /tmp --tmpfs /home/app decision-aid:<version>
# Several replicas behind nginx or Kubernetes: docs/deploy.md.
#
# The base image is pinned by digest, so every build starts from the same bytes. The digest here
# is a PLACEHOLDER, not a real one: `docker build` refuses it ("invalid reference format") until
# it is replaced. Fill it in (and again at each monthly rebuild), see docs/deploy.md section 2:
#   docker buildx imagetools inspect python:3.11-slim-bookworm     # copy the top "Digest: sha256:..."
FROM python:3.11-slim-bookworm@sha256:FILL-IN-THE-DIGEST-SEE-DOCS-DEPLOY-MD

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/home/app \
    STREAMLIT_LOGGER_LEVEL=warning \
    MALLOC_ARENA_MAX=2

WORKDIR /app

# The pinned runtime only (no test or bench tools in the image): every package, dependencies
# included, at the version and with the SHA-256 hashes of requirements.lock; pip refuses any
# file whose hash differs, and any package the lock does not name.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

# A user without a shell or password; numeric so Kubernetes can check runAsNonRoot.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

# The app, owned by root and read-only to the app user. content/ is part of the image:
# a content change is a new image.
COPY app.py ./
COPY pages/ pages/
COPY ui/ ui/
COPY decision_aid/ decision_aid/
COPY content/ content/
COPY static/ static/
COPY .streamlit/ .streamlit/

USER 10001:10001
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() == b'ok' else 1)"]

CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
