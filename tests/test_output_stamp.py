"""An output folder replaced by an older copy is noticed, so that it is made again."""

from __future__ import annotations

import shutil

import pytest
from copreport import output_stamp
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION, build_sh, copy_content


def test_a_folder_is_replaced_only_when_its_stamp_is_not_the_last_one(tmp_path):
    root, out = tmp_path / "project", tmp_path / "out"
    (root / ".snakemake").mkdir(parents=True)
    assert not output_stamp.replaced(root, out)  # never built here: nothing to trust
    output_stamp.renew(root, out)
    assert not output_stamp.replaced(root, out)
    shutil.copytree(out, tmp_path / "reservekopie")
    output_stamp.renew(root, out)  # a later build
    shutil.rmtree(out)
    assert output_stamp.replaced(root, out)  # wiped, or never there
    shutil.copytree(tmp_path / "reservekopie", out)
    assert output_stamp.replaced(root, out)  # the backup is older than the records
    output_stamp.renew(root, out)
    assert not output_stamp.replaced(root, out)


@pytest.mark.slow
def test_a_restored_older_output_folder_is_made_again(tmp_path):
    content = copy_content(tmp_path / "content")
    out = tmp_path / "out"
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    report = out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.html"
    assert build_sh("--content", content, "--uitvoer", out).returncode == 0
    shutil.copytree(out, tmp_path / "reservekopie")  # with its times, as a backup
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("op het platteland", "in de stad"), encoding="utf-8")
    assert build_sh("--content", content, "--uitvoer", out).returncode == 0
    assert "in de stad" in report.read_text(encoding="utf-8")
    shutil.rmtree(out)
    shutil.copytree(tmp_path / "reservekopie", out)

    again = build_sh("--content", content, "--uitvoer", out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "een teruggezette kopie" in again.stdout
    assert "in de stad" in report.read_text(encoding="utf-8")
    quiet = build_sh("--content", content, "--uitvoer", out)
    assert "niets veranderd" in quiet.stdout and "teruggezette" not in quiet.stdout
