"""Refresh docs/region_report.png (the README picture of a region report) from a freshly built report.

Run: .venv/bin/python scripts/screenshot_report.py   (builds one report into a temp dir first)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "zorglab.services.reports", "Rivierenland", "--out", out, "--no-progress"],
                       check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 1500})
            page.goto((Path(out) / "Rivierenland_lumpsum_basis.html").as_uri())
            page.wait_for_timeout(2500)
            page.screenshot(path=str(ROOT / "docs" / "region_report.png"))
            browser.close()
    print(ROOT / "docs" / "region_report.png")


if __name__ == "__main__":
    main()
