"""Colour arithmetic for the council's theme colours: WCAG contrast and light tints."""

from __future__ import annotations

WHITE = "#ffffff"


def _channels(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2 defines it."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tint(hex_colour: str, white_share: float) -> str:
    """The colour mixed with white; white_share 0 leaves it, 1 gives white."""
    return "#" + "".join(f"{round(c + (255 - c) * white_share):02x}"
                         for c in _channels(hex_colour))


def darken(hex_colour: str, ratio: float = 4.5) -> str:
    """The lightest shade of the colour (mixed with black in 5% steps) that has ratio
    against white."""
    for step in range(20):
        shade = "#" + "".join(f"{round(c * (1 - step / 20)):02x}" for c in _channels(hex_colour))
        if contrast(shade, WHITE) >= ratio:
            return shade
    return "#000000"
