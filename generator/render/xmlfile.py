"""XML files the site publishes (the Atom feed, the sitemap), always well-formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 does not allow anywhere, even escaped (most control characters). The
# data reader refuses them; dropping them here keeps every XML file parseable regardless.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", text)


def add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    """A child element whose text and attribute values have been cleaned."""
    element = ET.SubElement(parent, tag, {k: clean(v) for k, v in attributes.items()})
    if text:
        element.text = clean(text)
    return element


def to_bytes(root: ET.Element) -> bytes:
    """The document as UTF-8 with an XML declaration, ending in a newline."""
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
