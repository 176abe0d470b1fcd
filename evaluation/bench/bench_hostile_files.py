"""Hostile uploads, whole process: `voice ingest` of a zip-bomb XLSX and of a CSV with one huge note.

    python evaluation/bench/bench_hostile_files.py [--inflated-mb 400] [--repeats 3]

Builds (in a temporary folder) a real XLSX package whose worksheet inflates to --inflated-mb from
well under 1 MB, and a CSV holding one 400,000-word note, then runs the installed `voice ingest`
on each in a fresh process and reports wall time and the child's peak RSS (median of repeats).
Targets (issue 11): the bomb refused in under 5 s and under 400 MB peak RSS for the whole process.
Issue 20 adds a DOCX of 3 million empty paragraphs stored uncompressed (18 MB), refused by counting
its paragraphs before python-docx parses it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

VOICE = Path(sys.executable).with_name("voice")
ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"a" * 200 + b"</t></is></c></row>")


def build_bomb(path: Path, inflated_mb: int) -> None:
    """A well-formed workbook whose one sheet is `inflated_mb` MB of rows once unpacked."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        package.writestr("xl/workbook.xml", "<workbook/>")
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            chunk = ROW * 4096
            for _ in range(inflated_mb * 1_000_000 // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")


def build_paragraph_bomb(path: Path, paragraphs: int) -> None:
    """A DOCX whose body is `paragraphs` empty paragraphs, stored uncompressed so no size or ratio
    check stops it (issue 20: 3 million paragraphs took 231 s and 4.1 GB before the count)."""
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs)
            out.writestr(item.filename, body)


def build_long_csv(path: Path, words: int) -> None:
    path.write_text("text,area,date\n\"" + "word " * words + "\",North,2025-01-01\n", encoding="utf-8")


def run_once(file: Path, cwd: Path) -> dict:
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{cwd / 'bench.db'}"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([str(VOICE), "ingest", str(file), "--area", "North", "--date", "2025-01-01"],
                          cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_rss_mb": max(peak_kb, before) / 1024, "exit": done.returncode,
            "message": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inflated-mb", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        bomb, long_csv, paragraphs = cwd / "bomb.xlsx", cwd / "long.csv", cwd / "paragraphs.docx"
        build_bomb(bomb, args.inflated_mb)
        build_long_csv(long_csv, 400_000)
        build_paragraph_bomb(paragraphs, 3_000_000)
        report = {}
        for label, file in (("xlsx_bomb", bomb), ("csv_400k_word_note", long_csv),
                            ("docx_3m_paragraphs", paragraphs)):
            # one process per run: RUSAGE_CHILDREN keeps the largest child so far, so measure each alone
            runs = [json.loads(subprocess.run([sys.executable, __file__, "--one", str(file), str(cwd)],
                                              capture_output=True, text=True, check=True).stdout)
                    for _ in range(args.repeats)]
            report[label] = {"file_mb": round(file.stat().st_size / 1e6, 3),
                             "median_seconds": round(statistics.median(r["seconds"] for r in runs), 2),
                             "median_peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in runs), 1),
                             "exit_codes": sorted({r["exit"] for r in runs}), "message": runs[-1]["message"]}
        report["xlsx_bomb"]["inflated_mb"] = args.inflated_mb
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(run_once(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        main()
