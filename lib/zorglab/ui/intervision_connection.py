"""A lost server connection is shown and repaired in the browser, without losing what was typed.

When the websocket to the server closes (server restart, laptop asleep, Wi-Fi gone) Bokeh fires a
``connection_lost`` document event. Then a banner says "Verbinding verbroken – opnieuw verbinden…";
the page asks the server every second whether it is back (``/intervision_console?ping=1``, at most
``MAX_TRIES`` times). Once it is, the page keeps what is in every form field -- also what was typed
while the connection was down -- in the tab's ``sessionStorage``, reloads (within a random 0-2 s, so a
room of phones does not hit the restarted server at the same instant), and puts it back into the
fields of the new page (dropdowns first, because they change which form is shown). The participant's
token and the trainer's console cookie bring the same page back; nothing is submitted by itself.

Public API only: ``Document.js_on_event`` with a Bokeh ``CustomJS``.
"""

from __future__ import annotations

from bokeh.models import CustomJS

from zorglab.services.intervision.web import CONSOLE_PATH
from zorglab.ui.intervision_strings import tr

MAX_TRIES = 600  # one try a second: give up after ten minutes (the banner then says to reload by hand)

_COLLECT = r"""
const collect = (root, out) => {
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) collect(el.shadowRoot, out);
    if (el.matches('input, textarea, select') && !['button', 'hidden', 'submit', 'file'].includes(el.type)) out.push(el);
    // a choice between buttons (language, arena roles): a group of several with one active -- never a lone button,
    // which Bokeh also wraps in a .bk-btn-group (restoring would click it)
    if (el.matches('.bk-btn-group') && el.querySelectorAll('button').length > 1 &&
        el.querySelectorAll('button.bk-active').length === 1) out.push(el);
  }
  return out;
};
const labelOf = (el) => {
  if (el.matches('.bk-btn-group')) return 'buttons';
  const root = el.getRootNode();
  const lab = el.id ? root.querySelector(`label[for="${el.id}"]`) : null;
  return ((lab && lab.textContent) || el.getAttribute('aria-label') || el.placeholder || el.tagName).trim();
};
const keyed = () => {
  const counts = {}, out = [];
  for (const el of collect(document, [])) {
    const lab = labelOf(el);
    counts[lab] = (counts[lab] || 0) + 1;
    out.push([lab + '#' + counts[lab], el]);
  }
  return out;
};
const storeKey = 'zorglab-draft:' + location.pathname;
"""

LOST_JS = _COLLECT + r"""
if (window.__zorglabLost) return;
window.__zorglabLost = true;
const banner = document.createElement('div');
banner.id = 'zorglab-connection';
banner.setAttribute('role', 'alert');
banner.textContent = msg;
banner.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:100000;padding:14px;font:600 18px sans-serif;' +
  'text-align:center;background:#8a1c1c;color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.4)';
document.body.appendChild(banner);
const stash = () => {
  const vals = [];
  for (const [k, el] of keyed()) {
    if (el.matches('.bk-btn-group')) {
      const btns = [...el.querySelectorAll('button')];
      vals.push([k, 'active', btns.findIndex((b) => b.classList.contains('bk-active'))]);
    } else if (el.type === 'checkbox' || el.type === 'radio') {
      vals.push([k, 'checked', el.checked]);
    } else {
      vals.push([k, el.tagName === 'SELECT' ? 'select' : 'value', el.value]);
    }
  }
  sessionStorage.setItem(storeKey, JSON.stringify({t: Date.now(), vals}));
};
let tries = 0;
const ping = new URL(console_path + '?ping=1', location.origin).href;
const attempt = async () => {
  tries += 1;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 2000);  // a half-dead connection must not hang the loop
  try {
    const r = await fetch(ping, {cache: 'no-store', credentials: 'same-origin', signal: abort.signal});
    clearTimeout(timer);
    if (r.ok) {  // back: keep the input, then reload -- spread over 2 s so a whole room does not arrive at once
      stash();
      setTimeout(() => { stash(); location.reload(); }, Math.random() * 2000);
      return;
    }
  } catch (e) { /* still down */ }
  if (tries < max_tries) setTimeout(attempt, 1000);
  else banner.textContent = gave_up;
};
setTimeout(attempt, 1000);
"""

RESTORE_JS = _COLLECT + r"""
const raw = sessionStorage.getItem(storeKey);
if (!raw) return;
let saved;
try { saved = JSON.parse(raw); } catch (e) { sessionStorage.removeItem(storeKey); return; }
if (Date.now() - saved.t > 30 * 60 * 1000) { sessionStorage.removeItem(storeKey); return; }
const put = (el, how, v) => {
  if (how === 'active') {
    const b = el.querySelectorAll('button')[v];
    if (b && !b.classList.contains('bk-active')) b.click();
    return;
  }
  if (how === 'checked') { if (el.checked !== v) el.click(); return; }
  if (el.value === v) return;
  el.value = v;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
};
const apply = (which) => {
  const here = Object.fromEntries(keyed());
  let found = 0;
  for (const [k, how, v] of saved.vals) {
    if (!which(how)) continue;
    const el = here[k];
    if (el) { put(el, how, v); found += 1; }
  }
  return found;
};
let pass = 0;
const step = () => {
  pass += 1;
  const want = saved.vals.filter(([k, how]) => how !== 'select').length;
  if (pass === 1) { apply((how) => how === 'select'); setTimeout(step, 800); return; }
  const found = apply((how) => how !== 'select');
  if (found < want && pass < 12) { setTimeout(step, 500); return; }
  sessionStorage.removeItem(storeKey);
};
setTimeout(step, 300);
"""


class ConnectionWatch:
    """Installs the two document callbacks once per page; ``set_language`` updates the banner text."""

    def __init__(self, doc, language: str = "nl"):
        self.lost = CustomJS(args=self._args(language), code=LOST_JS)
        self.restore = CustomJS(code=RESTORE_JS)
        doc.js_on_event("connection_lost", self.lost)
        doc.js_on_event("document_ready", self.restore)

    @staticmethod
    def _args(language: str) -> dict:
        return {"msg": tr("connection_lost", language), "gave_up": tr("connection_gave_up", language),
                "console_path": CONSOLE_PATH, "max_tries": MAX_TRIES}

    def set_language(self, language: str) -> None:
        self.lost.args = self._args(language)
