"""The notebooks run top to bottom on corpus/ (in their own folder, as Jupyter runs them); the executed
copies, plots included, are written to out/. Stored notebooks carry no outputs."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_and_they_are_stored_clean():
    assert len(NOTEBOOKS) >= 2
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code"), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    nbformat.write(nb, out / path.name)
    images = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert images >= 1


def test_a_notebook_copied_elsewhere_finds_the_corpus_or_says_how(tmp_path, monkeypatch):
    """Copied out of the checkout, the graph notebook still finds the sample corpus through the installed
    package; pointed at a folder without one (``VNCITE_CORPUS``), its first cell stops with one clear line."""
    from nbclient.exceptions import CellExecutionError

    src = ROOT / "notebooks" / "01_graph.ipynb"
    elsewhere = tmp_path / "mine"
    elsewhere.mkdir()
    (elsewhere / src.name).write_bytes(src.read_bytes())
    nb = nbformat.read(elsewhere / src.name, as_version=4)
    first_two = nbformat.v4.new_notebook(cells=nb.cells[:2], metadata=nb.metadata)
    NotebookClient(first_two, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(elsewhere)}}).execute()
    printed = "".join(o.get("text", "") for o in first_two.cells[1].outputs)
    assert int(printed.split()[0]) >= 60 and (elsewhere / "out" / "notebook-graph.db").exists()
    monkeypatch.setenv("VNCITE_CORPUS", str(tmp_path / "nowhere"))
    again = nbformat.v4.new_notebook(cells=nb.cells[:2], metadata=nb.metadata)
    with pytest.raises(CellExecutionError) as err:
        NotebookClient(again, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(elsewhere)}}).execute()
    assert "set VNCITE_CORPUS to the corpus/ folder" in str(err.value)
