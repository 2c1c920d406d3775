#!/usr/bin/env python3
"""Draws the Teams app icons with the standard library only (zlib + struct PNG writer).

color.png   192x192, full colour: a white speech bubble with a blue sparkle on the brand blue.
outline.png  32x32, white on transparent: the same bubble as an outline, the sparkle filled.

The output is deterministic, so the committed PNGs can be checked against this script:
    python3 deploy/teams/make-icons.py            # rewrites color.png and outline.png here
"""
import math
import os
import struct
import sys
import zlib

BLUE = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # 4x4 samples a pixel: smooth edges without any imaging library


def rounded_rect(x, y, cx, cy, half_w, half_h, radius):
    """Signed distance to a rounded rectangle (negative inside)."""
    qx = abs(x - cx) - (half_w - radius)
    qy = abs(y - cy) - (half_h - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def in_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    has_neg = d1 < 0 or d2 < 0 or d3 < 0
    has_pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (has_neg and has_pos)


def in_sparkle(x, y, cx, cy, radius):
    """A four-pointed star: |dx|^0.5 + |dy|^0.5 <= radius^0.5 (concave sides, sharp points)."""
    dx, dy = abs(x - cx) / radius, abs(y - cy) / radius
    return math.sqrt(dx) + math.sqrt(dy) <= 1.0


def bubble(x, y, s):
    """The speech bubble of the 192-pixel design, scaled by s."""
    body = rounded_rect(x, y, 96 * s, 86 * s, 66 * s, 50 * s, 24 * s) <= 0
    tail = in_triangle(x, y, (58 * s, 120 * s), (50 * s, 162 * s), (100 * s, 128 * s))
    return body or tail


def bubble_inner(x, y, s, stroke):
    """The bubble shrunk by the outline's stroke width."""
    body = rounded_rect(x, y, 96 * s, 86 * s, 66 * s - stroke, 50 * s - stroke, max(24 * s - stroke, 0.5)) <= 0
    return body


def sparkles(x, y, s):
    return in_sparkle(x, y, 92 * s, 86 * s, 34 * s) or in_sparkle(x, y, 130 * s, 62 * s, 13 * s)


def color_pixel(x, y):
    if sparkles(x, y, 1.0):
        return BLUE
    if bubble(x, y, 1.0):
        return WHITE
    return BLUE


def outline_alpha(x, y):
    s = 32 / 192
    stroke = 2.0
    if sparkles(x, y, s):
        return 1.0
    if bubble(x, y, s) and not bubble_inner(x, y, s, stroke):
        return 1.0
    return 0.0


def render_color(size):
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    r, g, b = color_pixel(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    total[0] += r
                    total[1] += g
                    total[2] += b
            n = SAMPLES * SAMPLES
            row += bytes((round(total[0] / n), round(total[1] / n), round(total[2] / n), 255))
        rows.append(bytes(row))
    return rows


def render_outline(size):
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            covered = sum(
                outline_alpha(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                for sy in range(SAMPLES)
                for sx in range(SAMPLES)
            )
            alpha = round(255 * covered / (SAMPLES * SAMPLES))
            # Fully transparent pixels are 0,0,0,0; every visible pixel is pure white.
            row += bytes((255, 255, 255, alpha)) if alpha else bytes(4)
        rows.append(bytes(row))
    return rows


def png(width, height, rows):
    """An 8-bit RGBA PNG; every row uses filter 0 (none)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(out_dir, "color.png"), "wb") as f:
        f.write(png(192, 192, render_color(192)))
    with open(os.path.join(out_dir, "outline.png"), "wb") as f:
        f.write(png(32, 32, render_outline(32)))


if __name__ == "__main__":
    main()
