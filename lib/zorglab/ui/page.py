"""One accessible page frame for every served zorglab app (WCAG 2.1 AA, issue 16).

Why a shared factory: the Fast template has no ``main`` landmark, no level-one heading, an unlabeled theme
switch and ``<html lang="en">``; and several Bokeh/Panel widgets reach the browser without an accessible name
(slider handles, spinner arrows) or without keyboard semantics (tabs are plain ``div`` elements). Rather than
hiding axe rules, :class:`PageSupport` (a ``ReactiveHTML`` component, public Panel API) fixes these where
they are drawn, in every shadow root, whenever Bokeh redraws:

- ``#main`` becomes the ``main`` landmark and the header title an ``h1``;
- a slider handle gets its widget's label as ``aria-label`` and the shown value as ``aria-valuetext``;
- the spinner arrows leave the tab order (the input itself takes the arrow keys);
- tabs get ``tablist``/``tab`` roles, ``aria-selected`` and Enter/Space/arrow keys; toggles and button
  groups ``aria-pressed``;
- focus is always visible (a thick outline on ``:focus-visible``);
- a select without a label of its own (a row of choices next to a card's text) is named by that text;
- a formula drawn by MathJax as SVG gets its linear text as ``aria-label``;
- a layout with ``css_classes=[LIVE_CLASS]`` becomes a polite live region, a wide table box (``zl-scroll``)
  focusable so it scrolls by keyboard.

It also keeps ``<html lang>`` equal to the app's language and owns one polite ``aria-live`` region, so a
screen reader hears "answer saved", a new round or a reveal (:meth:`PageSupport.announce`).
"""

from __future__ import annotations

import html
from typing import Any

import panel as pn
import param
from panel.reactive import ReactiveHTML

from zorglab.ui.theme import A11Y_CSS, NAVY, ORANGE, TEMPLATE_CSS

LIVE_CLASS = "zl-live"  # css_classes=[LIVE_CLASS] makes a Panel layout a polite live region (role=status)

# Runs once per page (guarded), then after every batch of DOM changes (one animation frame later).
_PATCH_JS = r"""
if (!window.zlA11y) {
  const css = %(css)s;
  const seen = new WeakSet();
  let queued = false;
  const schedule = () => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; scan(document); }); }
  };
  const set = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  const text = (el) => (el ? el.textContent : '').replace(/\s+/g, ' ').trim();
  const tabKeys = (ev) => {
    const tab = ev.currentTarget;
    const tabs = [...tab.parentNode.querySelectorAll('.bk-tab')];
    let i = tabs.indexOf(tab);
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); tab.click(); return; }
    if (ev.key === 'ArrowRight') i = (i + 1) %% tabs.length;
    else if (ev.key === 'ArrowLeft') i = (i - 1 + tabs.length) %% tabs.length;
    else if (ev.key === 'Home') i = 0;
    else if (ev.key === 'End') i = tabs.length - 1;
    else return;
    ev.preventDefault(); tabs[i].focus(); tabs[i].click();
  };
  const mathText = (node) => {
    const kind = node.getAttribute && node.getAttribute('data-mml-node');
    const kids = [...node.children].filter((c) => c.tagName !== 'defs').map(mathText).filter((t) => t);
    if (node.tagName === 'use' && node.getAttribute('data-c')) return String.fromCodePoint(parseInt(node.getAttribute('data-c'), 16));
    if (node.tagName === 'text') return node.textContent;
    if (kind === 'mfrac' && kids.length === 2) return '(' + kids[0] + ') / (' + kids[1] + ')';
    if (kind === 'msub' && kids.length === 2) return kids[0] + '_' + kids[1];
    if (kind === 'msup' && kids.length === 2) return kids[0] + '^' + kids[1];
    if (kind === 'msqrt') return 'sqrt(' + kids.join(' ') + ')';
    return kids.join(kind === 'mrow' || kind === 'math' ? ' ' : '');
  };
  const fix = (root) => {
    const box = root === document ? document.head : root;  // a <style> element: Bokeh replaces adoptedStyleSheets
    if (box && ![...box.children].some((c) => c.zlStyle)) {
      const style = document.createElement('style');
      style.zlStyle = true;
      style.textContent = css;
      box.appendChild(style);
    }
    const host = root.host;
    root.querySelectorAll('.noUi-handle[role=slider]').forEach((h) => {
      const group = h.closest('.bk-input-group');
      const title = group ? group.querySelector('.bk-slider-title') : null;
      const value = title ? title.querySelector('.bk-slider-value') : null;
      let name = text(title);
      if (value) name = name.slice(0, Math.max(0, name.length - text(value).length));
      name = name.replace(/[:\s]+$/, '');
      if (name) set(h, 'aria-label', name);
      if (value && text(value)) set(h, 'aria-valuetext', text(value));
    });
    root.querySelectorAll('mjx-container svg[role=img]:not([aria-label])').forEach((svg) => {
      const spoken = mathText(svg).replace(/\s+/g, ' ').trim();  // a formula read out in linear form
      if (spoken) svg.setAttribute('aria-label', spoken);
    });
    if (host) {  // a select without its own label (a row of choices next to a text): named by that visible text
      root.querySelectorAll('select:not([aria-label])').forEach((sel) => {
        const group = sel.closest('.bk-input-group');
        if (text(group && group.querySelector('label'))) return;
        const near = [...host.parentNode.children].filter((el) => el !== host && el.shadowRoot
                                                          && el.classList.contains('markdown'));
        const words = near.map((el) => text(el.shadowRoot.querySelector('.markdown, div') || el.shadowRoot)).join(' ');
        if (words) sel.setAttribute('aria-label', words.slice(0, 200));
      });
    }
    root.querySelectorAll('.zl-live').forEach((el) => { set(el, 'role', 'status'); set(el, 'aria-live', 'polite'); });
    root.querySelectorAll('.zl-scroll').forEach((el) => set(el, 'tabindex', '0'));
    root.querySelectorAll('.bk-spin-btn').forEach((b) => { set(b, 'tabindex', '-1'); set(b, 'aria-hidden', 'true'); });
    root.querySelectorAll('.choices__list--multiple [aria-selected]').forEach((i) => i.removeAttribute('aria-selected'));
    root.querySelectorAll('input.choices__input--cloned[role]').forEach((i) => i.removeAttribute('role'));
    root.querySelectorAll('.bk-headers-wrapper').forEach((w) => set(w, 'role', 'tablist'));
    root.querySelectorAll('.bk-headers-wrapper > .bk-tab').forEach((t) => {
      set(t, 'role', 'tab');
      const active = t.classList.contains('bk-active');
      set(t, 'aria-selected', String(active));
      set(t, 'tabindex', active ? '0' : '-1');
      if (!t.zlKeys) { t.zlKeys = true; t.addEventListener('keydown', tabKeys); }
    });
    if (host && /(^|\s)bk-(panel-models-widgets-)?(Toggle|RadioButtonGroup|CheckboxButtonGroup)(\s|$)/.test(host.className)) {
      root.querySelectorAll('button.bk-btn').forEach((b) => set(b, 'aria-pressed', String(b.classList.contains('bk-active'))));
    }
  };
  const scan = (root) => {
    if (!seen.has(root)) {
      seen.add(root);
      new MutationObserver(schedule).observe(root, {childList: true, subtree: true, attributes: true,
                                                     attributeFilter: ['class', 'aria-valuetext']});
    }
    fix(root);
    root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) scan(el.shadowRoot); });
  };
  const frame = () => {
    const main = document.getElementById('main');
    if (main) { set(main, 'role', 'main'); set(main, 'tabindex', '-1'); }
    const title = document.querySelector('#header .app-header a.title');
    if (title && !title.closest('h1')) {
      const h1 = document.createElement('h1');
      h1.className = 'zl-title';
      title.parentNode.insertBefore(h1, title);
      h1.appendChild(title);
    }
    document.querySelectorAll('.fullscreen-button').forEach((b) => set(b, 'aria-hidden', 'true'));
  };
  window.zlA11y = {scan: () => scan(document)};
  frame();
  scan(document);
  window.addEventListener('load', () => { frame(); scan(document); });
}
"""


class PageSupport(ReactiveHTML):
    """Invisible helper on every page: the accessibility fixes above, ``<html lang>`` and a live region."""

    language: param.Selector[str] = param.Selector(default="nl", objects=["nl", "en"],
                                                   doc="The page language, for <html lang>.")
    message = param.String(default="", doc="The last announcement, read out by screen readers (aria-live).")

    _child_config = {"message": "literal"}
    _template = ('<div id="live" class="zl-live" role="status" aria-live="polite" aria-atomic="true" '
                 'style="position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;'
                 'clip:rect(0 0 0 0);white-space:nowrap;border:0">${message}</div>')
    _scripts = {
        "render": _PATCH_JS % {"css": repr(A11Y_CSS).replace("\n", " ")}
                  + "document.documentElement.lang = data.language;",
        "language": "document.documentElement.lang = data.language;",
    }

    def __init__(self, **params: Any):
        params.setdefault("height", 0)
        params.setdefault("margin", 0)
        params.setdefault("sizing_mode", "fixed")
        params.setdefault("width", 0)
        super().__init__(**params)

    def announce(self, text: str) -> None:
        """Say ``text`` to screen-reader users (escaped: it may hold a participant's words)."""
        new = html.escape(text)
        self.message = new if new != self.message else new + "\u00a0"  # the same words again: still a change

    def follow(self, source: param.Parameterized, name: str = "language") -> PageSupport:
        """Keep ``<html lang>`` equal to ``source.<name>`` (the app's language switch)."""
        self.language = getattr(source, name)
        source.param.watch(lambda e: setattr(self, "language", e.new), name)
        return self


def make_page(title: str, main: list, support: PageSupport, max_width: str = "1400px") -> pn.template.FastListTemplate:
    """The Fast template every app uses: zorglab colours, phone viewport, no theme switch, the support component."""
    template = pn.template.FastListTemplate(
        title=title,
        main=main,
        header=[support],
        header_background=NAVY,
        accent=ORANGE,
        main_max_width=max_width,
        theme_toggle=False,  # an unlabeled switch (aria-toggle-field-name); the palette is fixed and AA anyway
        meta_viewport="width=device-width, initial-scale=1",  # phones lay the page out at their own width
        # no busy spinner: Panel keeps one busy flag per server process and every periodic callback sets it, so
        # each look of a live page at the database (the console 4x a second, phones every 2 s) re-styled the
        # spinner of the open pages -- an idle console cost Chromium 9 % of a core (holoviz/panel#6481 only
        # throttles it); what takes long shows its own progress (reports)
        busy_indicator=None,
    )
    template.config.raw_css.append(TEMPLATE_CSS)  # a phone-sized header (zorglab.ui.theme)
    return template
