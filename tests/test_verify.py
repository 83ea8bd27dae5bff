"""archiver.verify: the report over a bag and its WARCs, bag discovery, and what the CLI prints."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from archiver.bag import finish_bag
from archiver.model import InputError
from archiver.verify import Report, find_bags, verify, verify_command

ARTICLE = b"The harbour council met on Tuesday and agreed to reopen the old ferry pier.\n"


def write_warc(path: Path) -> None:
    """A small uncompressed WARC written by warcio (an independent writer)."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        # warcio adds WARC-Payload-Digest to resource records, which FastWARC rejects and
        # check_warc warns about; leave it out as archiver's own writer does.
        writer.NO_PAYLOAD_DIGEST_TYPES = ("warcinfo", "resource")
        record = writer.create_warc_record(
            "urn:example:item",
            "resource",
            payload=io.BytesIO(ARTICLE),
            warc_content_type="text/plain; charset=utf-8",
        )
        writer.write_record(record)


def make_bag(root: Path, *, warc: bool = True) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "article.txt").write_bytes(ARTICLE)
    if warc:
        write_warc(root / "data" / "item.warc")
    finish_bag(root, [("Bagging-Date", "2024-05-01")])
    return root


def run(paths: list[str], **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    settings = {"fast": False, "completeness_only": False, "jobs": None, "as_json": False}
    settings.update({"quiet": False, **options})
    code = verify_command(paths, out=out, err=err, **settings)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_a_good_bag_with_a_warc_is_valid(tmp_path: Path) -> None:
    report = verify(make_bag(tmp_path / "bag"))
    assert report.valid and report.complete
    assert (report.files, report.checked) == (2, "full")
    assert report.errors == [] and report.warnings == []


def test_a_changed_payload_byte_is_invalid_and_named(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag")
    data = bytearray((bag / "data" / "article.txt").read_bytes())
    data[4] ^= 0x20
    (bag / "data" / "article.txt").write_bytes(bytes(data))
    report = verify(bag)
    assert not report.valid
    assert {(p.code, p.path) for p in report.errors} == {("checksum-mismatch", "data/article.txt")}


def test_a_tampered_warc_with_rewritten_manifests_is_invalid(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag")
    warc = bag / "data" / "item.warc"
    tampered = warc.read_bytes().replace(b"Tuesday", b"Sunday ")  # same length, new meaning
    assert tampered != warc.read_bytes()
    warc.write_bytes(tampered)
    for stale in bag.glob("*manifest-*.txt"):
        stale.unlink()
    finish_bag(bag, [("Bagging-Date", "2024-05-01")])  # the forger's rehash
    report = verify(bag)
    assert not report.valid
    assert [(p.path, p.code) for p in report.errors] == [
        ("data/item.warc", "warc-block-digest-mismatch")
    ]
    # The bag alone looks fine: only the WARC check catches it.
    assert verify(bag, completeness_only=True).valid


def test_report_json_schema(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    (bag / "data" / "article.txt").unlink()
    data = verify(bag).to_dict()
    assert set(data) >= {"path", "valid", "complete", "checked", "errors", "warnings"}
    assert data["valid"] is False and data["complete"] is False
    assert data["errors"][-1] == {
        "code": "missing-file",
        "path": "data/article.txt",
        "message": "listed in the manifest but not in the bag",
    }
    json.dumps(data)


def test_verify_refuses_what_is_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        verify(tmp_path / "nope")
    assert raised.value.exit_code == 2


def test_find_bags_searches_folders_and_skips_hidden_ones(tmp_path: Path) -> None:
    for name in ("b", "a", "nested/c"):
        (tmp_path / "shelf" / name).mkdir(parents=True)
        (tmp_path / "shelf" / name / "bagit.txt").write_text("")
    (tmp_path / "shelf" / ".tmp-half").mkdir()
    (tmp_path / "shelf" / ".tmp-half" / "bagit.txt").write_text("")
    (tmp_path / "shelf" / "a" / "inner").mkdir()
    (tmp_path / "shelf" / "a" / "inner" / "bagit.txt").write_text("")  # inside a bag: not a bag
    shelf = tmp_path / "shelf"
    assert list(find_bags([shelf])) == [shelf / "a", shelf / "b", shelf / "nested" / "c"]
    assert list(find_bags([shelf / "b"])) == [shelf / "b"]
    with pytest.raises(InputError):
        list(find_bags([tmp_path / "missing"]))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        list(find_bags([tmp_path / "empty"]))


def test_human_output_and_exit_codes(tmp_path: Path) -> None:
    good = make_bag(tmp_path / "shelf" / "good")
    bad = make_bag(tmp_path / "shelf" / "bad")
    (bad / "data" / "article.txt").write_bytes(b"changed")
    code, out, err = run([str(good)])
    assert code == 0 and err == ""
    assert out.startswith(f"VALID {good} (2 files, ")
    assert out.rstrip().endswith("checked: full)")

    code, out, err = run([str(tmp_path / "shelf")])
    assert code == 1
    lines = out.splitlines()
    mismatch = [line for line in lines if line.endswith("[checksum-mismatch]")]
    assert mismatch[0].startswith(f"ERROR {bad}: data/article.txt: sha256 checksum differs")
    assert lines.index(mismatch[0]) < lines.index(next(x for x in lines if x.startswith("INVALID")))
    assert any(line.startswith(f"INVALID {bad} (") for line in lines)
    assert any(line.startswith(f"VALID {good} (") for line in lines)
    assert lines[-1] == "2 bags: 1 valid, 1 invalid, 0 incomplete"


def test_quiet_prints_problems_and_summary_only(tmp_path: Path) -> None:
    make_bag(tmp_path / "shelf" / "good")
    code, out, _ = run([str(tmp_path / "shelf")], quiet=True)
    assert code == 0
    assert out == "1 bag: 1 valid, 0 invalid, 0 incomplete\n"


def test_json_lines_one_object_per_bag(tmp_path: Path) -> None:
    make_bag(tmp_path / "shelf" / "one")
    make_bag(tmp_path / "shelf" / "two")
    code, out, _ = run([str(tmp_path / "shelf")], as_json=True)
    objects = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [Path(o["path"]).name for o in objects] == ["one", "two"]
    assert all(o["valid"] and o["errors"] == [] for o in objects)


def test_incomplete_bag_is_reported_as_incomplete(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    (bag / "data" / "article.txt").unlink()
    code, out, _ = run([str(bag)])
    assert code == 1
    assert f"INCOMPLETE {bag} (2 errors, 0 warnings, checked: full)" in out
    assert "[missing-file]" in out and "[payload-oxum-mismatch]" in out


def test_usage_errors_are_one_line_on_stderr(tmp_path: Path) -> None:
    code, out, err = run([str(tmp_path / "missing")])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no such file or directory" in err
    code, _, err = run([str(tmp_path)], fast=True, completeness_only=True)
    assert code == 2 and "cannot be combined" in err


def test_fast_mode_says_what_it_checked(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag")
    code, out, _ = run([str(bag)], fast=True)
    assert code == 0 and "checked: fast (Payload-Oxum only)" in out


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    make_bag(tmp_path / "shelf" / "one")
    make_bag(tmp_path / "shelf" / "two")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = io.StringIO(), Terminal()
    verify_command(
        [str(tmp_path / "shelf")],
        fast=False,
        completeness_only=False,
        jobs=1,
        as_json=False,
        quiet=False,
        out=out,
        err=err,
    )
    assert "2/2 bags" in err.getvalue()
    assert "bags" not in run([str(tmp_path / "shelf")])[2]


def test_verifying_does_not_import_the_extraction_stack() -> None:
    code = (
        "import sys, archiver.verify, archiver.bagcheck\n"
        "heavy = [m for m in ('trafilatura', 'lxml', 'bs4', 'warcio', 'click', 'htmldate')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_report_status_names() -> None:
    assert Report(Path("b"), valid=True, complete=True).status == "VALID"


def test_undecodable_file_names_are_shown_escaped(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    (bag / "data").joinpath(os.fsdecode(b"caf\xe9.txt")).write_bytes(b"x")
    code, out, _ = run([str(bag)])
    assert code == 1
    assert "data/caf\\xe9.txt: file is not listed in any payload manifest" in out
    code, out, _ = run([str(bag)], as_json=True)
    out.encode("utf-8")  # stays valid UTF-8
    assert "data/caf\udce9.txt" in [e["path"] for e in json.loads(out)["errors"]]


# ------------------------------------------------------------------ huge manifests


def list_absent_files(bag: Path, count: int) -> None:
    """Append ``count`` entries for files that are not in the bag to both payload manifests
    (and drop the tag manifests, which would now fail: only the new entries are wrong)."""
    for tag_manifest in bag.glob("tagmanifest-*.txt"):
        tag_manifest.unlink()
    for algorithm, width in (("sha256", 64), ("sha512", 128)):
        with open(bag / f"manifest-{algorithm}.txt", "ab") as handle:
            handle.writelines(
                b"%0*x  data/gone/%06d.txt\n" % (width, index, index) for index in range(count)
            )


def test_problems_of_one_code_are_capped_but_counted_exactly(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    list_absent_files(bag, 50_000)
    report = verify(bag)
    assert not report.valid and not report.complete and report.status == "INCOMPLETE"
    missing = [p for p in report.errors if p.code == "missing-file"]
    listed = [p for p in missing if p.path]
    assert len(listed) == 1000  # the first ones, by name
    assert listed[0].path == "data/gone/000000.txt"
    assert listed[-1].path == "data/gone/000999.txt"
    (summary,) = [p for p in missing if not p.path]
    assert summary.message == "49000 more missing-file errors not listed"
    assert report.errors[-1] is summary
    assert len(report.errors) == 1001 and report.error_count == 50_000
    data = report.to_dict()
    assert data["error_count"] == 50_000 and data["warning_count"] == 0
    assert data["errors"][-1] == {
        "code": "missing-file",
        "path": "",
        "message": "49000 more missing-file errors not listed",
        "omitted": 49000,
    }


def test_capped_output_is_bounded_and_the_verdict_line_exact(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    list_absent_files(bag, 5000)
    code, out, _ = run([str(bag)])
    lines = out.splitlines()
    assert code == 1
    assert len(lines) < 1010
    assert f"ERROR {bag}: 4000 more missing-file errors not listed [missing-file]" in lines
    assert lines[-1] == f"INCOMPLETE {bag} (5000 errors, 0 warnings, checked: full)"
    code, out, _ = run([str(bag)], as_json=True)
    assert json.loads(out)["error_count"] == 5000


def test_a_file_listed_100000_times_is_reported_in_bounded_time(tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag", warc=False)
    for tag_manifest in bag.glob("tagmanifest-*.txt"):
        tag_manifest.unlink()
    line = (bag / "manifest-sha256.txt").read_bytes().splitlines()[0] + b"\n"
    with open(bag / "manifest-sha256.txt", "ab") as handle:
        handle.write(line * 100_000)
    report = verify(bag)
    duplicates = [p for p in report.errors if p.code == "duplicate-entry"]
    assert len(duplicates) == 201  # 200 about this one file, then the count of the rest
    assert duplicates[-1].message == "99800 more duplicate-entry errors not listed"
    assert report.error_count == 100_000
    assert not [p for p in report.errors if p.code == "checksum-mismatch"]
