"""The press kit's list of files, as CSV (for people) and JSON (for tools)."""

import csv
import io
import json

COLUMNS = [
    "file",
    "kind",
    "caption",
    "credit",
    "copyright",
    "usage_terms",
    "width",
    "height",
    "bytes",
    "sha256",
]


def manifests(files) -> tuple[bytes, bytes]:
    """CSV and JSON listing `files` (the listing's KitFiles) with their words and checksums."""
    rows = [
        {
            "file": kit_file.name,
            "kind": kit_file.kind,
            "caption": kit_file.caption,
            "credit": kit_file.credit_line,
            "copyright": kit_file.copyright_holder,
            "usage_terms": kit_file.usage_terms,
            "width": kit_file.width,
            "height": kit_file.height,
            "bytes": kit_file.size,
            "sha256": kit_file.sha256,
        }
        for kit_file in files
    ]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # A byte-order mark, so that spreadsheets open the accents correctly.
    as_csv = "\ufeff".encode() + text.getvalue().encode()
    as_json = json.dumps({"files": rows}, ensure_ascii=False, indent=2).encode()
    return as_csv, as_json
