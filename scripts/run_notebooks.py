"""Execute the notebooks in ``notebooks/`` in place, so they are committed with their outputs.

Usage::

    python scripts/run_notebooks.py                 # every notebooks/*.ipynb
    python scripts/run_notebooks.py notebooks/02_sparql_tour.ipynb

Runs are deterministic where the tools allow it: no execution timings are recorded, the
kernel gets a fixed ``PYTHONHASHSEED``, layouts use fixed seeds, and the notebooks print
no absolute paths. The notebooks use ``build/hemekg.ttl`` (building it with ``hemekg build``
when missing); set ``HEMEKG_GRAPH`` to run them on another graph file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"


def ensure_kernel(name: str = KERNEL) -> None:
    """Install the ipykernel kernelspec for this interpreter if ``name`` is not available."""
    from jupyter_client.kernelspec import KernelSpecManager

    if name in KernelSpecManager().find_kernel_specs():
        return
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", name],
                   check=True, capture_output=True)


def execute_notebook(path: Path, output: Path | None = None, graph: Path | None = None,
                     timeout: int = 600) -> nbformat.NotebookNode:
    """Run ``path`` top to bottom in its own folder and write it (with outputs) to ``output``.

    :param output: where to write the executed notebook; ``None`` writes ``path`` in place.
    :param graph: a graph file for the notebook (``HEMEKG_GRAPH``); ``None`` keeps the default.
    :raises nbclient.exceptions.CellExecutionError: a cell failed.
    """
    ensure_kernel()
    notebook = nbformat.read(path, as_version=4)
    previous = {key: os.environ.get(key) for key in ("PYTHONHASHSEED", "HEMEKG_GRAPH")}
    os.environ["PYTHONHASHSEED"] = "0"
    if graph is not None:
        os.environ["HEMEKG_GRAPH"] = str(graph)
    try:
        client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL,
                                record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, output or path)
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        execute_notebook(path)
        print(f"executed {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
