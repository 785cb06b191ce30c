"""The examples in the package's docstrings are run: documentation that cannot drift."""

import doctest
import importlib
import pkgutil

import pipeline


def test_docstring_examples():
    attempted, failed = 0, []
    for m in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if m.name == "pipeline.__main__":
            continue
        result = doctest.testmod(importlib.import_module(m.name), optionflags=doctest.ELLIPSIS)
        attempted += result.attempted
        if result.failed:
            failed.append(m.name)
    assert not failed and attempted >= 3, (failed, attempted)
