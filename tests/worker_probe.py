"""A task for the PDF worker in tests: what it has imported. Kept apart from the test modules,
which import the UI: unpickling this function must not import more into the worker."""
import sys


def loaded() -> list[str]:
    return sorted(name for name, module in sys.modules.items() if module is not None)
