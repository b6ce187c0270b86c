"""`make journey`: the time the guide takes, measured in Chromium (see journey/measure.py)."""
