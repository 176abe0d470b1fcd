"""User-controlled text made safe for every place Streamlit reads markdown."""
from __future__ import annotations

import re

import streamlit as st

from voice.errors import VoiceError

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


# The markdown renderer turns a bare web or mail address into a link after escapes are read
# (GitHub's "autolink literals"); an invisible word joiner inside "://", after "www" and after
# "@" stops that and reads the same.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(:(?=//)|\bwww(?=\.)|@)")


def plain(text: str) -> str:
    """Note text made safe for st.markdown: no links, images, HTML, headings, colour directives
    or maths from inside a note (every ASCII punctuation character is backslash-escaped), and
    no bare address turned into a link."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, text))


def escape(text: object) -> str:
    """A user-controlled string (area, source, file name, username, topic label) for any place
    Streamlit renders markdown (markdown, write, captions, alerts, metric and button labels):
    on one line, every ASCII punctuation character escaped."""
    return plain(" ".join(str(text).split()))


def show_error(exc: VoiceError) -> None:
    """A project error's own message, escaped (it may name a file or an area)."""
    st.error(escape(str(exc)))
