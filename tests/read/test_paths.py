"""Folder expansion: sorted, recursive, hidden skipped, problems reported as items."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hemekg.errors import ReadError
from hemekg.read import iter_document_paths, read_document


def _names(items: list[Path | ReadError], root: Path) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, ReadError):
            out.append(f"ERROR {Path(item.path or '').relative_to(root)}: {item.message}")
        else:
            out.append(str(item.relative_to(root)))
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "z.txt").write_text("Z.")
    (root / "b" / "y.md").write_text("Y.")
    (root / "a" / "x.html").write_text("<p>X.</p>")
    (root / "c.txt").write_text("C.")
    (root / ".secret.txt").write_text("hidden")
    (root / ".hidden" / "h.txt").write_text("hidden")
    (root / "a" / "style.css").write_text("p {}")
    return root


def test_folders_are_walked_in_sorted_order(tree: Path) -> None:
    items = list(iter_document_paths([tree]))
    assert _names(items, tree) == ["a/x.html", "b/y.md", "b/z.txt", "c.txt"]


def test_order_does_not_depend_on_creation_order(tmp_path: Path) -> None:
    for name in ["m.txt", "a.txt", "z.txt", "b.txt"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_document_paths([tmp_path])] == ["a.txt", "b.txt", "m.txt", "z.txt"]


def test_missing_path_is_an_item_not_an_exception(tree: Path) -> None:
    items = list(iter_document_paths([tree / "nope.txt", tree / "c.txt"]))
    assert isinstance(items[0], ReadError)
    assert "no such file" in items[0].message
    assert items[1] == tree / "c.txt"


def test_symlink_loop_is_reported_once(tree: Path) -> None:
    (tree / "a" / "loop").symlink_to(tree, target_is_directory=True)
    items = list(iter_document_paths([tree]))
    errors = [item for item in items if isinstance(item, ReadError)]
    assert len(errors) == 1
    assert "loop" in errors[0].message
    assert _names([i for i in items if not isinstance(i, ReadError)], tree) == [
        "a/x.html",
        "b/y.md",
        "b/z.txt",
        "c.txt",
    ]


def test_self_referencing_symlink_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "self.txt"
    link.symlink_to(link)
    items = list(iter_document_paths([tmp_path]))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "loop" in items[0].message


def test_broken_symlink_in_folder_is_reported(tree: Path) -> None:
    (tree / "dead.txt").symlink_to(tree / "gone.txt")
    errors = [i for i in iter_document_paths([tree]) if isinstance(i, ReadError)]
    assert [e.message for e in errors] == ["broken symbolic link"]


def test_unreadable_entry_is_reported_and_the_rest_goes_on(tree: Path) -> None:
    """chmod 000 as a normal user; as root (chmod does not block reading) a FIFO."""
    locked = tree / "b" / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            locked.chmod(0o644)
            locked.unlink()
            os.mkfifo(locked)
            expected = "not a regular file"
        else:
            expected = "permission denied"
        items = list(iter_document_paths([tree]))
    finally:
        if locked.exists() and locked.is_file():
            locked.chmod(0o644)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(errors) == 1 and expected in errors[0].message
    assert errors[0].path == str(locked)
    readable = [i for i in items if isinstance(i, Path)]
    assert len(readable) == 4
    for path in readable:
        read_document(path)


def test_unreadable_folder_is_reported(tree: Path) -> None:
    folder = tree / "b"
    folder.chmod(0)
    try:
        items = list(iter_document_paths([tree]))
    finally:
        folder.chmod(0o755)
    if os.access(tree / "b" / "z.txt", os.R_OK) and any(
        isinstance(i, Path) and i.name == "z.txt" for i in items
    ):
        # root can list any folder: the walk simply includes it
        assert len([i for i in items if isinstance(i, Path)]) == 4
    else:
        errors = [i for i in items if isinstance(i, ReadError)]
        assert errors and "permission denied" in errors[0].message


def test_explicit_file_is_yielded_as_given(tree: Path) -> None:
    assert list(iter_document_paths([tree / ".secret.txt"])) == [tree / ".secret.txt"]
