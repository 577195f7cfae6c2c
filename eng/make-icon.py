#!/usr/bin/env python3
"""Draws eng/icon.png, the packages' icon: a white "M" and a teal dot on a rounded indigo square, 128 x 128, RGBA.

Standard library only (zlib, struct): run `python3 eng/make-icon.py` after changing the drawing.
"""
import os
import struct
import zlib

SIZE = 128
SAMPLES = 4  # supersampling per axis, for smooth edges
BACKGROUND = (49, 46, 129)  # indigo
ACCENT = (45, 212, 191)  # teal: a dot under the M
WHITE = (255, 255, 255)


def in_rounded_square(x, y, margin=4.0, radius=26.0):
    lo, hi = margin, SIZE - margin
    if x < lo or x > hi or y < lo or y > hi:
        return False
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def near_segment(x, y, ax, ay, bx, by, half_width):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= half_width ** 2


# The M: two legs and a V, as thick strokes.
STROKES = [(34, 92, 34, 36), (34, 36, 64, 72), (64, 72, 94, 36), (94, 36, 94, 92)]


def colour_at(x, y):
    if not in_rounded_square(x, y):
        return None
    if any(near_segment(x, y, *s, 8.0) for s in STROKES):
        return WHITE
    if (x - 64) ** 2 + (y - 104) ** 2 <= 6.0 ** 2:
        return ACCENT
    return BACKGROUND


def pixel(px, py):
    r = g = b = a = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            c = colour_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
            if c is not None:
                r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
    if a == 0:
        return (0, 0, 0, 0)
    return (r // a, g // a, b // a, 255 * a // (SAMPLES * SAMPLES))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    rows = bytearray()
    for py in range(SIZE):
        rows.append(0)  # filter: none
        for px in range(SIZE):
            rows.extend(pixel(px, py))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    png += chunk(b"IEND", b"")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png)
    print(f"{path}: {len(png)} bytes")


if __name__ == "__main__":
    main()
