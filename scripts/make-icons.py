#!/usr/bin/env python3
"""Draws Homeward's app icons (a house outline with a warm door on the theme teal) into public/icons.

Only the standard library: shapes are signed distance functions, anti-aliased by turning the
distance into pixel coverage, and the PNG is written with zlib + struct. The output is
deterministic, so re-running it leaves the committed PNGs unchanged unless the design changed.

    python3 scripts/make-icons.py
"""

import math
import struct
import zlib
from pathlib import Path

TEAL = (0x0F, 0x52, 0x57)  # theme_color
CREAM = (0xF6, 0xF4, 0xEF)  # background_color, used for the house
AMBER = (0xF2, 0xB8, 0x80)  # the door: someone is coming home

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def seg_dist(px, py, ax, ay, bx, by):
    """Distance from (px, py) to the segment a-b."""
    dx, dy = bx - ax, by - ay
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def rounded_rect_dist(px, py, cx, cy, hw, hh, r):
    """Signed distance to a rectangle centred at (cx, cy) with half sizes hw, hh and corner radius r."""
    qx = abs(px - cx) - hw + r
    qy = abs(py - cy) - hh + r
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - r


# The house in design units: x right, y down, roughly within [-1, 1].
ROOF = [(-0.80, -0.02), (0.0, -0.80), (0.80, -0.02)]
WALLS = [(-0.54, -0.26), (-0.54, 0.72), (0.54, 0.72), (0.54, -0.26)]
STROKE_HALF = 0.075
DOOR = (0.0, 0.44, 0.16, 0.28, 0.06)  # cx, cy, half width, half height, corner radius


def polyline_dist(px, py, points):
    return min(
        seg_dist(px, py, *points[i], *points[i + 1]) for i in range(len(points) - 1)
    )


def coverage(signed_dist_px):
    """Fraction of a pixel covered by a shape, from the signed distance in pixels at its centre."""
    return max(0.0, min(1.0, 0.5 - signed_dist_px))


def mix(under, over, alpha):
    return tuple(u + (o - u) * alpha for u, o in zip(under, over))


def render(size, content_half, corner_radius):
    """RGBA rows. content_half: half the design box in pixels; corner_radius: of the background
    square as a fraction of size (0 = full bleed, needed for maskable and Apple touch icons)."""
    rows = []
    c = size / 2.0
    unit = content_half  # pixels per design unit
    for y in range(size):
        row = bytearray()
        py_px = y + 0.5
        for x in range(size):
            px_px = x + 0.5
            bg_alpha = 1.0
            if corner_radius > 0:
                r = corner_radius * size
                bg_alpha = coverage(rounded_rect_dist(px_px, py_px, c, c, c, c, r))
            # Design coordinates of this pixel.
            dx = (px_px - c) / unit
            dy = (py_px - c) / unit + 0.04  # optical centring: the roof is heavier than the floor
            colour = TEAL
            if abs(dx) < 1.2 and abs(dy) < 1.2:
                cx, cy, hw, hh, rr = DOOR
                door = coverage(rounded_rect_dist(dx, dy, cx, cy, hw, hh, rr) * unit)
                colour = mix(colour, AMBER, door)
                line = min(polyline_dist(dx, dy, ROOF), polyline_dist(dx, dy, WALLS)) - STROKE_HALF
                colour = mix(colour, CREAM, coverage(line * unit))
            row += bytes(round(v) for v in colour) + bytes([round(255 * bg_alpha)])
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    path.write_bytes(png)


ICONS = [
    # name, size, content half-size (fraction of size), background corner radius (fraction)
    ("icon-192.png", 192, 0.34, 0.22),
    ("icon-512.png", 512, 0.34, 0.22),
    # Maskable: full bleed, and the house stays inside the central 80% circle that every mask keeps.
    ("icon-maskable-512.png", 512, 0.28, 0.0),
    # iOS fills transparency with black and rounds the corners itself, so full bleed.
    ("apple-touch-icon.png", 180, 0.32, 0.0),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, half, radius in ICONS:
        write_png(OUT / name, size, render(size, half * size, radius))
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
