#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates the synthetic camera frames of tests/data/vision: documents with an MRZ on a desk.
"""Writes 1280x720 JPEG frames of mock documents (card or passport page) and one line crop, with their truth.

Each frame shows a document on a desk: light paper with a security-print pattern, a photo, a few
lines of visual-zone text (DejaVu Sans) and the MRZ rendered by text2image in "OCR B" (fonts-ocr-b),
scaled to the ICAO size relative to the document. "easy" frames are straight and sharp, "medium"
ones tilted by a few degrees, smaller, blurred, noisy and unevenly lit. truth.txt lists each file
with its MRZ lines separated by spaces, or "-" for a frame without a zone.

    make_test_images.py --output tests/data/vision
"""

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mrz_lines  # noqa: E402

FRAME = (1280, 720)
# Document sizes in millimetres (ICAO 9303 parts 4 and 5).
SIZES = {"td1": (85.6, 53.98), "td2": (105.0, 74.0), "td3": (125.0, 88.0)}
MRZ_PITCH_MM = 2.54


def renderText(lines, font, work, ptsize=24, leading=None, spacing=0.0):
    """Renders lines with text2image at 300 dpi; returns a float image (0 ink, 1 paper) cropped to the ink."""
    text_path = os.path.join(work, "text.txt")
    with open(text_path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    base = os.path.join(work, "text")
    args = ["text2image", f"--text={text_path}", f"--outputbase={base}", f"--font={font}",
            "--fonts_dir=/usr/share/fonts", f"--ptsize={ptsize}", "--resolution=300",
            f"--char_spacing={spacing}", "--xsize=4000", "--ysize=1200", "--margin=40",
            "--degrade_image=false", "--rotate_image=false"]
    if leading is not None:
        args.append(f"--leading={leading}")
    # text2image writes a fonts.conf into its working directory: keep it in the scratch folder.
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    page = np.array(Image.open(base + ".tif").convert("L"), dtype=np.float32) / 255.0
    rows = np.where(page.min(axis=1) < 0.5)[0]
    columns = np.where(page.min(axis=0) < 0.5)[0]
    return page[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1]


def paste(target, ink, x, y, width, darkness):
    """Darkens `target` (float paper image) with `ink` scaled to `width` pixels at (x, y)."""
    height = max(1, round(ink.shape[0] * width / ink.shape[1]))
    scaled = np.array(Image.fromarray((ink * 255).astype(np.uint8)).resize((width, height), Image.LANCZOS),
                      dtype=np.float32) / 255.0
    region = target[y:y + height, x:x + width]
    region *= 1.0 - darkness * (1.0 - scaled[:region.shape[0], :region.shape[1]])
    return height


def document(rng, mrz, size_mm, width_px, work, font="DejaVu Sans", render=None):
    """A document image (float, 0-1) with its MRZ at the ICAO place; visual-zone text in `font`.

    `render` replaces renderText for the visual zone (a caching wrapper, when many documents are made)."""
    render = render or renderText
    scale = width_px / size_mm[0]
    height_px = round(size_mm[1] * scale)
    ys, xs = np.mgrid[0:height_px, 0:width_px]
    paper = 0.9 + 0.025 * np.sin(xs / rng.uniform(6, 14) + np.sin(ys / rng.uniform(15, 30)) * 3)
    paper *= rng.uniform(0.85, 1.0)
    # Photo: a darker block with a lighter face-like ellipse.
    photo_mm = (20, 26) if size_mm == SIZES["td1"] else (32, 42)
    photo = Image.new("L", (round(photo_mm[0] * scale), round(photo_mm[1] * scale)), 90)
    ImageDraw.Draw(photo).ellipse((photo.width * 0.2, photo.height * 0.15, photo.width * 0.8, photo.height * 0.85),
                                  fill=170)
    photo = np.array(photo.filter(ImageFilter.GaussianBlur(3)), dtype=np.float32) / 255.0
    top = round(5 * scale)
    paper[top:top + photo.shape[0], round(5 * scale):round(5 * scale) + photo.shape[1]] = photo
    # Visual zone: short lines of ordinary print beside the photo, above the MRZ's 20 mm.
    words = ["SURNAME", "GIVEN NAMES", "NATIONALITY", "DATE OF BIRTH", "SEX", "DATE OF EXPIRY", "SIGNATURE"]
    text_x = round((photo_mm[0] + 9) * scale)
    text_y = top
    text_bottom = height_px - round(21 * scale)
    for word in rng.sample(words, 4):
        label = render([word.title()], font, work, ptsize=14)
        value = render([rng.choice(mrz_lines.SURNAMES).replace("<", " ")], font, work, ptsize=20)
        label_height = round(label.shape[0] * scale * 0.05)
        value_height = round(value.shape[0] * scale * 0.05)
        if text_y + label_height + value_height + round(1.5 * scale) > text_bottom:
            break
        text_y += paste(paper, label, text_x, text_y, round(label.shape[1] * scale * 0.05), 0.7) + round(0.5 * scale)
        text_y += paste(paper, value, text_x, text_y, round(value.shape[1] * scale * 0.05), 0.9) + round(1.2 * scale)
    if mrz:
        ink = renderText(mrz, "OCR B", work, ptsize=24, leading=38, spacing=0.1)
        mrz_width = round(len(mrz[0]) * MRZ_PITCH_MM * scale)
        mrz_height = round(ink.shape[0] * mrz_width / ink.shape[1])
        paste(paper, ink, round((width_px - mrz_width) / 2), height_px - round(3 * scale) - mrz_height,
              mrz_width, 0.95)
    return paper


def frame(rng, mrz, kind, medium, work):
    """A desk frame with the document (size "td1", "td2" or "td3") in it, as a PIL RGB image."""
    size = SIZES[kind]
    # Share of the frame width the document takes; a passport page is taller, so it fits less wide.
    if kind == "td1":
        share = rng.uniform(0.55, 0.62) if medium else rng.uniform(0.68, 0.76)
    else:
        share = rng.uniform(0.5, 0.56) if medium else rng.uniform(0.62, 0.7)
    width_px = round(FRAME[0] * share)
    doc = document(rng, mrz, size, width_px, work)
    desk = np.full((FRAME[1], FRAME[0]), rng.uniform(0.25, 0.4), dtype=np.float32)
    desk += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.02, desk.shape)
    doc_image = Image.fromarray(np.clip(doc * 255, 0, 255).astype(np.uint8))
    mask = Image.new("L", doc_image.size, 255)
    angle = rng.uniform(-4, 4) if medium else rng.uniform(-0.8, 0.8)
    doc_image = doc_image.rotate(angle, resample=Image.BICUBIC, expand=True)
    mask = mask.rotate(angle, resample=Image.BICUBIC, expand=True)
    canvas = Image.fromarray(np.clip(desk * 255, 0, 255).astype(np.uint8))
    x = (FRAME[0] - doc_image.width) // 2 + rng.randint(-40, 40)
    y = (FRAME[1] - doc_image.height) // 2 + rng.randint(-20, 20)
    canvas.paste(doc_image, (x, y), mask)
    out = np.array(canvas, dtype=np.float32)
    xs = np.linspace(-0.5, 0.5, FRAME[0])[None, :]
    if medium:
        out = out * (1.0 + rng.uniform(-0.25, 0.25) * xs)
        out = np.array(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).filter(
            ImageFilter.GaussianBlur(rng.uniform(0.8, 1.2))), dtype=np.float32)
        out += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 5, out.shape)
    gray = np.clip(out, 0, 255).astype(np.uint8)
    # A slight colour cast, so that the reader's colour conversion is exercised.
    return Image.merge("RGB", [Image.fromarray(np.clip(gray * f, 0, 255).astype(np.uint8))
                               for f in (1.0, 0.97, 0.92)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=9303)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    # (file, MRZ generator, document size, medium difficulty, break a check digit)
    scenes = [
        ("td1-easy", lambda: mrz_lines.td1(rng), "td1", False, False),
        ("td3-easy", lambda: mrz_lines.twoLine(rng, 44, visa=False), "td3", False, False),
        ("td2-easy", lambda: mrz_lines.twoLine(rng, 36, visa=False), "td2", False, False),
        ("td1-medium", lambda: mrz_lines.td1(rng), "td1", True, False),
        ("td3-medium", lambda: mrz_lines.twoLine(rng, 44, visa=False), "td3", True, False),
        ("td3-bad-check", lambda: mrz_lines.twoLine(rng, 44, visa=False), "td3", False, True),
        ("no-mrz", lambda: [], "td1", False, False),
    ]
    truth = []
    with tempfile.TemporaryDirectory() as work:
        for name, make, kind, medium, broken in scenes:
            mrz = make()
            if broken:
                # Change the birth-date check digit: the zone stays well-formed but fails a check.
                line = mrz[1]
                mrz[1] = line[:19] + str((int(line[19]) + 1) % 10) + line[20:]
            image = frame(rng, mrz, kind, medium, work)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=75 if medium else 85)
            with open(os.path.join(args.output, name + ".jpg"), "wb") as out:
                out.write(buffer.getvalue())
            truth.append(f"{name}.jpg " + (" ".join(mrz) if mrz else "-"))
        # One line crop for the OCR engine alone, cut as the reader cuts lines.
        line = mrz_lines.twoLine(rng, 44, visa=False)[1]
        ink = renderText([line], "OCR B", work, ptsize=24, spacing=0.1)
        height = 24
        width = round(ink.shape[1] * height / ink.shape[0])
        crop = np.full((round(height * 1.6), width + 2 * height), 0.93, dtype=np.float32)
        paste(crop, ink, height, round(height * 0.3), width, 0.9)
        Image.fromarray(np.clip(crop * 255, 0, 255).astype(np.uint8)).save(os.path.join(args.output, "line-td3.png"))
        truth.append(f"line-td3.png {line}")
    with open(os.path.join(args.output, "truth.txt"), "w", encoding="ascii") as out:
        out.write("# file, then the MRZ lines (or - for none); made by drivers/vision/training/"
                  "make_test_images.py\n")
        out.write("\n".join(truth) + "\n")


if __name__ == "__main__":
    main()
