"""Colours the explorer sets, and the WCAG 2 contrast arithmetic that keeps its text readable.

Text needs a contrast ratio of at least 4.5:1 with what is behind it (WCAG 2.2 AA, 1.4.3).
Streamlit draws captions, help text and placeholders in the theme's text colour at 60% opacity,
so the theme's text colour is chosen dark enough that even that faded grey passes on every
background the theme uses (`THEME` below; `.streamlit/config.toml` and `voice demo` pass it on).
"""
from __future__ import annotations

AA_TEXT = 4.5  # WCAG 2.2 AA, normal-size text
WHITE, BLACK = "#FFFFFF", "#000000"
# Streamlit's faded text (captions, help, placeholders) is the text colour at this opacity.
FADED_TEXT_OPACITY = 0.6

# The Streamlit theme (light). Text near-black, so that 60% of it (the faded grey) is still
# >= 4.5:1 on the page, the sidebar and the widgets' grey. The accent a shade darker than
# Streamlit's #c53948, whose text on its own 10% tint (a chosen segmented-control option) is
# 4.47:1; white on it (primary buttons) stays above 4.5:1 too. Code (`voice demo` in a caption)
# in the text colour on a light grey: with any colour above set, Streamlit would draw it green
# (3.0:1 in a caption).
THEME = {"base": "light", "textColor": "#111111", "primaryColor": "#A8323E", "codeTextColor": "#111111",
         "codeBackgroundColor": "#F5F5F5"}
# Streamlit draws a chosen option in the accent colour on the accent at this opacity.
ACCENT_TINT_OPACITY = 0.1
# Streamlit's light backgrounds (page, sidebar, widgets) that faded text sits on.
BACKGROUNDS = ("#FFFFFF", "#F8F8F7", "#F1F0EE")


def theme_flags() -> list[str]:
    """THEME as `streamlit run` options, for starts outside this folder (which miss its config.toml)."""
    return [arg for key, value in THEME.items() for arg in (f"--theme.{key}", value)]


# Text in charts (axis labels and titles, legends, chart titles).
CHART_INK = "#222222"
# The upload preview's labels for removed identifiers (Okabe-Ito); their text is `readable_ink`.
LABEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' (or 'white'/'black') as three 0-255 integers."""
    named = {"white": WHITE, "black": BLACK}
    h = named.get(colour.lower(), colour).lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255, max(0, c))):02X}" for c in channels)


def luminance(colour: str) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""
    r, g, b = (_channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two opaque colours (1 .. 21)."""
    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    """What a colour drawn at `opacity` over `background` looks like (as the browser paints it)."""
    return hex_colour(tuple(opacity * f + (1 - opacity) * b for f, b in zip(rgb(colour), rgb(background))))


def mix(low: str, high: str, share: float) -> str:
    """The colour `share` (0..1) of the way from `low` to `high`, interpolated in RGB as Vega does
    for a scale with interpolate="rgb"."""
    return blend(high, low, max(0.0, min(1.0, share)))


def readable_ink(background: str, dark: str = BLACK) -> str:
    """White or `dark` text, whichever contrasts more with `background`."""
    return WHITE if contrast(WHITE, background) >= contrast(dark, background) else dark
