"""Regenerate the shipped synthetic data: ``python -m zorglab.services.datagen``.

The caseload samples in data/synthetic/ and the example caseload extract in data/examples/.

The files in data/synthetic/ are exactly what this produces (a test checks it), so anyone can
reproduce them and nobody has to trust a file of unknown origin.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

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


def extract_example_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "examples" / "caseload_extract_example.csv"


def write_extract_example(root: Path | None = None) -> Path:
    """A small synthetic extract in the form analysts bring (``zorglab.domain.caseload_extract``): seven
    pseudonymous clients, January-June 2023, GM codes and names mixed, some outcomes missing."""
    path = extract_example_path(root)
    rng = np.random.default_rng(2023)
    typical = {"WMO_BEG_IND": 150, "WMO_HH1": 100, "WMO_BEG_GRP": 200, "JW_AMB_BASIS": 60, "JW_GGZ": 40,
               "JW_PLEEGZORG": 365}
    teams = {"Tiel": "Tiel-Oost", "Culemborg": "Culemborg", "GM0214": "Buren", "West Betuwe": "West Betuwe-Noord"}
    lines = ["client_key;law;product_code;units;period;area_team;municipality;outcome"]
    for client in range(1, 8):
        code, muni = list(typical)[(client - 1) % 6], list(teams)[client % 4]
        law = "Wmo" if code.startswith("WMO") else "Jeugdwet"
        per_month = typical[code] / 12 * rng.lognormal(0, 0.35)
        outcome = str(int(rng.integers(3, 9))) if rng.random() < 0.6 else ""
        for month in range(1, 7):  # January-June 2023: read_caseload_extract annualises x 12/6
            units = min(round(per_month * rng.lognormal(0, 0.1), 1), 30)
            lines.append(f"PSN-{client:03d};{law};{code};{str(units).replace('.', ',')};2023-{month:02d};"
                         f"{teams[muni]};{muni};{outcome if month == 1 else ''}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="data folder to write into (default: the repo's data/)")
    args = parser.parse_args(argv)
    for path in [*write_samples(args.root), write_extract_example(args.root)]:
        print(path)


if __name__ == "__main__":
    main()
