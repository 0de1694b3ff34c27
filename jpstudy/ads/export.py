"""Exporting the saved-ads list as CSV or JSON (the user's own copy; nothing leaves the machine otherwise).

Each row: id, title, source, saved_at (ISO 8601, UTC), job_type, tags (space-separated in CSV, a list in
JSON), words (distinct words mined), readiness_then and readiness_now (shares 0…1, rounded to 4
places), pay and days off as the list shows them, the Japanese level asked ("" when not stated) and
the number of checks the ad triggers (``jpstudy.adfacts``); with ``include_text`` also the ad's text.
The file is written atomically: a failed export leaves an existing file as it was.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from jpstudy.ads.library import AdLibrary
from jpstudy.ads.models import AdSummary

FIELDS = ("id", "title", "source", "saved_at", "job_type", "tags", "words", "readiness_then", "readiness_now", "pay",
          "days_off", "japanese_level", "checks")
FORMATS = ("csv", "json")


def ad_record(ad: AdSummary) -> dict[str, Any]:
    """One ad of the list as a JSON-ready dict with the ``FIELDS``."""
    return {
        "id": ad.id, "title": ad.title, "source": ad.source, "saved_at": ad.saved_at.isoformat(),
        "job_type": ad.job_type, "tags": list(ad.tags), "words": ad.word_count,
        "readiness_then": round(ad.readiness_then.share, 4),
        "readiness_now": round(ad.readiness_now.share, 4),
        "pay": ad.facts.pay, "days_off": ad.facts.days_off, "japanese_level": ad.facts.japanese_level or "",
        "checks": ad.facts.checks,
    }


def export_ads(
    lib: AdLibrary, path: Path, fmt: str | None = None, include_text: bool = False,
    job_type: str | None = None, tag: str | None = None,
) -> int:
    """Write the saved ads (of a job type / with a tag) to ``path``; return how many were written.

    ``fmt`` is "csv" or "json"; by default the file's suffix decides.

    Raises:
        ValueError: the format is neither, or cannot be told from the suffix.
        OSError: the file cannot be written (an existing file is left as it was).
    """
    from jpstudy.export.atomic import write_atomically

    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"cannot tell the export format of {path}: name it .csv or .json or give the format")
    ads = lib.list(job_type=job_type, tag=tag)
    records = [ad_record(a) for a in ads]
    if include_text:
        for record in records:
            record["text"] = lib.get(record["id"]).text
    data = (_json(records) if fmt == "json" else _csv(records, include_text)).encode("utf-8")
    write_atomically(path, lambda fh: fh.write(data))
    return len(records)


def export_csv(lib: AdLibrary, path: Path, include_text: bool = False) -> int:
    """The saved-ads list as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Japanese)."""
    return export_ads(lib, path, "csv", include_text)


def export_json(lib: AdLibrary, path: Path, include_text: bool = False) -> int:
    """The saved-ads list as a JSON array."""
    return export_ads(lib, path, "json", include_text)


def _json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _csv(records: list[dict[str, Any]], include_text: bool) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    fields = [*FIELDS, *(["text"] if include_text else [])]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({**record, "tags": " ".join(record["tags"])})
    return out.getvalue()
