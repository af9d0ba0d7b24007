"""Vendor the dashboard's CSS and JS from their npm packages; record version and checksums.

    python tools/vendor_assets.py          # fetch with `npm pack`, copy, write VENDOR.json
    python tools/vendor_assets.py --check  # verify the committed files against VENDOR.json

The dashboard loads these files from /static/vendor/ only: no CDN at run time. Each entry of
VENDOR.json names the package, its exact version, the tarball's integrity string as the npm
registry reports it, and the SHA-256 of every file copied out of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "clearance" / "web" / "static" / "vendor"
MANIFEST = VENDOR / "VENDOR.json"

# package spec -> {file inside the package: name under static/vendor/}
PACKAGES = {
    "htmx.org@2.0.11": {"dist/htmx.min.js": "htmx.min.js"},
    "@picocss/pico@2.1.1": {"css/pico.min.css": "pico.min.css"},
    "chart.js@4.6.1": {"dist/chart.umd.min.js": "chart.umd.min.js"},
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            out = subprocess.run(
                ["npm", "pack", spec, "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            info = json.loads(out.stdout)[0]
            with tarfile.open(Path(tmp) / info["filename"]) as tar:
                copied = {}
                for inner, target in files.items():
                    member = tar.extractfile(f"package/{inner}")
                    if member is None:
                        raise SystemExit(f"{spec}: no {inner} in the package")
                    (VENDOR / target).write_bytes(member.read())
                    copied[target] = {"from": inner, "sha256": sha256(VENDOR / target)}
            manifest[info["name"]] = {
                "version": info["version"],
                "integrity": info["integrity"],
                "files": copied,
            }
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check() -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    bad = 0
    for name, entry in manifest.items():
        for target, meta in entry["files"].items():
            path = VENDOR / target
            if not path.is_file() or sha256(path) != meta["sha256"]:
                print(f"{name}: {target} does not match VENDOR.json", file=sys.stderr)
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify instead of fetching")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    fetch()
