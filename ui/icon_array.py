"""A picture of 100 people (an icon array) as inline SVG, the same look as the PDF's.

`n` marks filled, the rest outlined, in a 10 by 10 grid read row by row. The picture has a
text alternative (role="img" and aria-label), and its number is also written beside it, so
nothing rests on the picture alone.
"""
from __future__ import annotations

import base64
import html

from decision_aid.picture import DOT, PITCH, ROW, body as _body

INK = "#111827"          # the theme's text colour: filled and outlined marks


def _person(fill: str) -> str:
    """One person mark at the grid's origin: a head and a body, as in the PDF."""
    points = " ".join(f"{px:.2f},{py:.2f}" for px, py in _body(0, 0))
    return (f'<circle cx="{PITCH / 2:.2f}" cy="{DOT / 2 + 0.25:.2f}" r="{DOT / 2:.3f}" fill="{fill}"/>'
            f'<polygon points="{points}" fill="{fill}"/>')


def svg(n: int, alt: str, width_px: int = 132) -> str:
    """The picture alone: an accessible SVG image named by `alt`. The two marks are drawn
    once and placed 100 times (`<use>`): a fifth of the size of 100 drawn marks, which matters
    because the page sends its pictures again on every run."""
    n = max(0, min(int(n), 100))
    w, h = 10 * PITCH, 10 * ROW
    people = "".join(f'<use href="#{"f" if k < n else "o"}" x="{(k % 10) * PITCH:.1f}" y="{(k // 10) * ROW:.1f}"/>'
                     for k in range(100))
    label = html.escape(alt, quote=True)
    return (f'<svg role="img" aria-label="{label}" viewBox="-0.2 -0.2 {w + 0.4:.1f} {h + 0.4:.1f}" '
            f'width="{width_px}" height="{round(width_px * h / w)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{label}</title><defs><g id="f">{_person(INK)}</g><g id="o">{_person("#ffffff")}</g></defs>'
            f'<g stroke="{INK}" stroke-width="0.2">{people}</g></svg>')


def img(n: int, alt: str, width_px: int = 132) -> str:
    """The picture as an <img> with its `alt` text: st.html keeps images, not inline SVG."""
    data = base64.b64encode(svg(n, alt, width_px).encode("utf-8")).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'width="{width_px}" style="flex:none">')


def figure(n: int, alt: str, caption: str, text: str) -> str:
    """The picture with its number (`caption`, e.g. "2 in 100 people") and what it counts
    (`text`) beside it; wraps under it on a narrow screen."""
    return ('<figure style="display:flex;flex-wrap:wrap;align-items:center;gap:0.5rem 1rem;'
            'margin:0.25rem 0 0.75rem 0">'
            f'{img(n, alt)}<figcaption style="flex:1 1 12rem;min-width:0">'
            f'<strong>{html.escape(caption)}</strong><br>{html.escape(text)}</figcaption></figure>')
