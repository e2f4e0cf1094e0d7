"""Scenario explorer performance figures (printed, never asserted).

1. Server side: recompute after one parameter change over a synthetic sample of 100,000 rows (target
   <= 20 ms), for a cheap lever (tariff) under every funding model, for levers that re-select or re-weight
   rows (general provision, new participants, demand growth) and for the lump sum on last year's P x Q
   spend (which evaluates P x Q inside); plus the view's full redraw (HTML, plot, tables). The sample
   size only sets the precision: money and clients are those of the region's inhabitants either way.
2. In real headless Chromium (Debian's, driven by Playwright) on the page as a trainer opens it (the app's
   default sample): page load to the first number (target <= 2 s), slider key press to new number measured
   inside the page (keydown to DOM mutation of the spend card; target p95 <= 150 ms) and the NL -> EN
   language switch until the cards, sliders, section titles and tabs read English (target <= 1 s).
   The machine's load average is printed next to the figures: on a shared 2-core machine they are noisy.

Run: .venv/bin/python benchmarks/bench_scenario_explorer.py [--clients 100000] [--presses 30] [--loads 3]
     [--browser-clients N] [--no-browser] [--no-server]
(--clients is the size of the synthetic sample of the server-side figures, the scenario's n_clients.)
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from zorglab.core.paths import apps_dir
from zorglab.domain.scenario import MODELS, Scenario
from zorglab.ui.scenario_state import ExplorerState

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


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
    print(f"Server-side recompute after one parameter change, sample of {n_clients:,} rows (target <= 20 ms); "
          f"{load_average()}")
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


LOAD_TARGET_MS, SLIDER_TARGET_MS, LANGUAGE_TARGET_MS = 2000.0, 150.0, 1000.0


def load_average() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OFF TARGET"


def _load(browser, url: str, viewport: dict) -> tuple[Any, float]:
    """A fresh page (no cache shared with earlier loads): navigation start -> first spend number visible."""
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    t = time.perf_counter()
    page.goto(url)
    page.get_by_role("status", name="Uitgaven gemeente").locator(".zl-value").wait_for(timeout=60_000)
    return page, (time.perf_counter() - t) * 1000


def _slider_presses(page, presses: int) -> list[float]:
    """Key press on the tariff slider -> DOM mutation in the spend card, both timed inside the page."""
    value = page.get_by_role("status", name="Uitgaven gemeente").locator(".zl-value")
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
    return times


def _language_switch(page) -> float:
    """Click 'English' -> the headline card, a slider label, a section title and the tab titles are English."""
    t = time.perf_counter()
    page.get_by_role("button", name="English").click()
    for locator in (page.get_by_role("status", name="Municipal spend"),
                    page.locator(".bk-input-group", has_text="Tariffs and prices"),
                    page.get_by_text("Policy levers", exact=True),
                    page.get_by_text("Model reference", exact=True)):
        locator.first.wait_for(timeout=60_000)
    return (time.perf_counter() - t) * 1000


def browser_figures(query: str, presses: int, loads: int) -> None:
    """Page load, slider round trip and NL -> EN switch in real headless Chromium (Debian's)."""
    import panel as pn
    from playwright.sync_api import sync_playwright

    print(f"\nBrowser (headless Chromium, 1400x1000), page /scenario_explorer{query or ' (default sample)'}; "
          f"{load_average()}")
    port = free_port()
    server = pn.serve({"scenario_explorer": str(apps_dir() / "scenario_explorer.py")}, port=port,
                      address="127.0.0.1", threaded=True, show=False,
                      websocket_origin=[f"127.0.0.1:{port}"])
    url = f"http://127.0.0.1:{port}/scenario_explorer{query}"
    viewport = {"width": 1400, "height": 1000}
    try:
        time.sleep(1.0)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            warm, _ = _load(browser, url, viewport)  # first session pays imports and the cached caseload
            warm.context.close()
            load_ms, switch_ms, press_ms = [], [], []
            for i in range(loads):
                page, ms = _load(browser, url, viewport)
                load_ms.append(ms)
                if i == 0:
                    press_ms = _slider_presses(page, presses)
                page.wait_for_timeout(300)
                switch_ms.append(_language_switch(page))
                page.context.close()
            browser.close()
        print(line("page load -> first number", load_ms) + f"   target <= {LOAD_TARGET_MS:.0f} ms: "
              + _verdict(statistics.median(load_ms), LOAD_TARGET_MS))
        print(line("slider key press -> new number", press_ms) + f"   target p95 <= {SLIDER_TARGET_MS:.0f} ms: "
              + _verdict(pct(press_ms, 95), SLIDER_TARGET_MS))
        print(line("language switch NL -> EN", switch_ms) + f"   target <= {LANGUAGE_TARGET_MS:.0f} ms: "
              + _verdict(statistics.median(switch_ms), LANGUAGE_TARGET_MS))
        print(f"  ({load_average()} after the browser runs)")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--loads", type=int, default=3, help="page loads (each followed by a language switch)")
    parser.add_argument("--browser-clients", type=int, default=None,
                        help="sample size of the browser page (default: the app's own default)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-server", action="store_true", help="skip the server-side figures")
    args = parser.parse_args()
    if not args.no_server:
        server_side(args.clients)
    if not args.no_browser:
        if CHROMIUM.exists():
            query = f"?n_clients={args.browser_clients}" if args.browser_clients else ""
            browser_figures(query, args.presses, args.loads)
        else:
            print("\nBrowser round trip skipped: no Chromium at /usr/bin/chromium")


if __name__ == "__main__":
    main()
