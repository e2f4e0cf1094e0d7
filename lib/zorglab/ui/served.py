"""What a live page (intervision, purchasing game) needs from the server it runs on: whether it is served at all,
a full load of another address on it, the requester's address (wrong join codes are counted per address), the
room address for a join link and its QR code.

Why a module of its own: both live apps share these; a notebook or a test has no server, and every function
here says so instead of failing.
"""

from __future__ import annotations

import io
import os
import re

import panel as pn
import qrcode
import qrcode.image.svg

from zorglab.services.intervision.render import esc

PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"  # the room address participants' phones reach (make serve ROOM=1)
LOCAL_URL = "http://localhost:5006"


def served() -> bool:
    return pn.state.curdoc is not None and pn.state.curdoc.session_context is not None


def navigate(path: str, query: str = "") -> bool:
    """Send the browser to another address of this server (a full page load); False when not served."""
    loc = pn.state.location
    if not served() or loc is None:
        return False
    loc.param.update(pathname=path, search=query)
    loc.reload = True
    return True


def client_key() -> str:
    """The requester's address: wrong join codes are counted per address (and per page)."""
    doc = pn.state.curdoc
    request = getattr(doc.session_context if doc is not None else None, "request", None)
    return str(getattr(request, "remote_ip", None) or "anonymous")


def app_url(app_path: str, query: str = "") -> str:
    """The address of an app for people in the room: ZORGLAB_PUBLIC_URL, else the address this page was opened on."""
    base = os.environ.get(PUBLIC_URL_ENV, "").rstrip("/")
    if not base and served() and pn.state.location is not None and pn.state.location.href:
        href = pn.state.location.href.split("?")[0].rstrip("/")
        base = href.rsplit("/", 1)[0] if href.endswith(app_path) else href
    return f"{base or LOCAL_URL}/{app_path}{query}"


def qr_svg(text: str, size_px: int = 240) -> str:
    """A QR code of ``text`` as inline SVG, named for screen readers by the text it holds."""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    svg = buf.getvalue().decode("utf-8")
    return re.sub(r'width="[^"]+" height="[^"]+"', f'width="{size_px}" height="{size_px}" role="img" '
                  f'aria-label="QR-code: {esc(text)}"', svg, count=1)
