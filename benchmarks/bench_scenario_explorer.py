"""Scenario explorer performance figures (printed, never asserted).

1. Server side: recompute after one parameter change over a synthetic sample of 100,000 rows (target
   <= 20 ms), for a cheap lever (tariff) under every funding model, for levers that re-select or re-weight
   rows (general provision, new participants, demand growth) and for the lump sum on last year's P x Q
   spend (which evaluates P x Q inside); plus the view's full redraw (HTML, plot, tables). The sample
   size only sets the precision: money and clients are those of the region's inhabitants either way.
2. Browser round trip in headless Chromium: slider key press -> updated spend visible, measured inside
   the page (keydown to DOM mutation of the spend card); target p95 <= 300 ms.

Run: .venv/bin/python benchmarks/bench_scenario_explorer.py [--clients 100000] [--presses 30] [--no-browser]
(--clients is the size of the synthetic sample, the scenario's n_clients.)
"""

from __future__ import annotations

import argparse
import socket
import statistics
import time
from pathlib import Path

import numpy as np

from zorglab.paths import apps_dir
from zorglab.scenario import MODELS, ExplorerState, Scenario

CHROMIUM = Path("/usr/bin/chromium")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def line(label: str, ms: list[float]) -> str:
    return f"  {label:<44} median {statistics.median(ms):6.1f} ms   p95 {pct(ms, 95):6.1f} ms   (n={len(ms)})"


def time_changes(sc: Scenario, name: str, values: list, repeat: int = 20) -> list[float]:
    out = []
    for i in range(repeat):
        setattr(sc, name, values[i % len(values)])
        t = time.perf_counter()
        sc.evaluate()
        out.append((time.perf_counter() - t) * 1000)
    return out


def server_side(n_clients: int) -> None:
    print(f"Server-side recompute after one parameter change, sample of {n_clients:,} rows (target <= 20 ms)")
    t = time.perf_counter()
    sc = Scenario(n_clients=n_clients)
    sc.evaluate()
    print(f"  first evaluation incl. generating the caseload: {(time.perf_counter() - t) * 1000:,.0f} ms (once, cached)")
    for key in MODELS:
        sc.funding_model = key
        sc.evaluate()
        print(line(f"tariff change under {key}", time_changes(sc, "tariff_factor", [1.01, 1.02, 1.03, 1.04])))
    sc.funding_model = "lumpsum"
    print(line("general-provision share change (lumpsum)", time_changes(sc, "general_provision_share", [0.2, 0.3])))
    print(line("new-participants change (lumpsum)", time_changes(sc, "av_extra_uptake", [0.3, 0.4])))
    print(line("demand-growth change (lumpsum)", time_changes(sc, "demand_growth", [0.05, 0.1])))
    sc.budget_basis = "history"
    print(line("budget-factor change (lumpsum on last year)", time_changes(sc, "budget_factor", [0.95, 1.05])))

    from zorglab.ui.scenario_explorer import ScenarioExplorer

    view = ScenarioExplorer(state=ExplorerState(scenario=Scenario(n_clients=n_clients)))
    view.__panel__()
    ms = []
    for i in range(20):
        t = time.perf_counter()
        view.state.scenario.tariff_factor = [1.01, 1.02][i % 2]  # watcher: evaluate + redraw every pane
        ms.append((time.perf_counter() - t) * 1000)
    print(line("view redraw incl. recompute (P x Q)", ms))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_round_trip(n_clients: int, presses: int) -> None:
    import panel as pn
    from playwright.sync_api import sync_playwright

    print(f"\nBrowser round trip: slider key press -> updated spend visible, sample of {n_clients:,} rows "
          "(target p95 <= 300 ms)")
    port = free_port()
    server = pn.serve({"scenario_explorer": str(apps_dir() / "scenario_explorer.py")}, port=port,
                      address="127.0.0.1", threaded=True, show=False,
                      websocket_origin=[f"127.0.0.1:{port}"])
    try:
        time.sleep(1.0)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/scenario_explorer?n_clients={n_clients}")
            value = page.get_by_role("status", name="Uitgaven gemeente").locator(".zl-value")
            value.wait_for(timeout=60_000)
            print(f"  page load until the spend is visible: {(time.perf_counter() - t) * 1000:,.0f} ms")
            slider = page.locator(".bk-input-group", has_text="Tarieven").get_by_role("slider")
            slider.evaluate("el => el.addEventListener('keydown', () => { window.__zlKey = performance.now(); }, true)")
            value.evaluate("""el => {
                const root = el.getRootNode();
                new MutationObserver(() => { if (window.__zlChanged === null) window.__zlChanged = performance.now(); })
                    .observe(root, {subtree: true, childList: true, characterData: true});
            }""")
            slider.focus()
            times = []
            for i in range(presses):
                page.evaluate("window.__zlChanged = null")
                page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                page.wait_for_function("window.__zlChanged !== null", timeout=10_000)
                times.append(page.evaluate("window.__zlChanged - window.__zlKey"))
                page.wait_for_timeout(150)  # let the plot and tables finish before the next press
            browser.close()
        print(line("key press -> spend updated", times))
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    server_side(args.clients)
    if not args.no_browser:
        if CHROMIUM.exists():
            browser_round_trip(args.clients, args.presses)
        else:
            print("\nBrowser round trip skipped: no Chromium at /usr/bin/chromium")


if __name__ == "__main__":
    main()
