"""Regenerate the shipped synthetic caseload samples: ``python -m zorglab.services.datagen``.

The files in data/synthetic/ are exactly what this produces (a test checks it), so anyone can
reproduce them and nobody has to trust a file of unknown origin.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zorglab.core.paths import data_dir
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import regions

SAMPLE_SIZE = 500
SAMPLE_SEED = 2016
SAMPLE_YEAR = 2022


def sample_path(region: str, root: Path | None = None) -> Path:
    return (root or data_dir()) / "synthetic" / f"caseload_{region.lower()}.csv"


def write_samples(root: Path | None = None) -> list[Path]:
    written = []
    for region in regions():
        path = sample_path(region, root)
        path.parent.mkdir(parents=True, exist_ok=True)
        df = generate_caseload(region, SAMPLE_SIZE, SAMPLE_SEED, SAMPLE_YEAR)
        df.round(4).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="data folder to write into (default: the repo's data/)")
    args = parser.parse_args(argv)
    for path in write_samples(args.root):
        print(path)


if __name__ == "__main__":
    main()
