#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders MRZ lines with text2image in OCR-B, crops them with random margins and degrades them like camera frames.
"""Builds Tesseract line-training data for the MRZ model.

For each chunk of lines: text2image renders a page in the "OCR B" font (fonts-ocr-b) with random size, character
spacing and exposure; each line is cut out of the page with a random margin (models trained only on tight
text2image boxes read generously cropped lines badly), rotated a little, scaled to a random character height and,
unless --clean, degraded (uneven light, background pattern, blur, noise, JPEG). The crops of a chunk go into one
multi-page TIFF with a WordStr box file, ready for `tesseract CHUNK.tif CHUNK --psm 13 lstm.train`.
With --png, every crop is also written as PNG with a .gt.txt beside it, for evaluation outside lstmeval.
"""

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mrz_lines  # noqa: E402

FONT = "OCR B"
FONTS_DIR = "/usr/share/fonts"
RESOLUTION = 300


def renderPage(lines, work, rng):
    """Runs text2image on the lines; returns (list of page images as uint8 arrays, per-line boxes)."""
    text_path = os.path.join(work, "page.txt")
    with open(text_path, "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")
    ptsize = rng.randint(10, 14)
    cap_height = ptsize * RESOLUTION / 72 * 0.7
    leading = int(cap_height * rng.uniform(0.5, 1.3))
    base = os.path.join(work, "page")
    subprocess.run(
        ["text2image", f"--text={text_path}", f"--outputbase={base}", f"--font={FONT}", f"--fonts_dir={FONTS_DIR}",
         f"--ptsize={ptsize}", f"--resolution={RESOLUTION}", f"--char_spacing={rng.uniform(0.0, 0.35):.2f}",
         f"--exposure={rng.choice((-1, 0, 0, 0, 1))}", f"--leading={leading}", "--xsize=2600", "--ysize=3400",
         "--margin=200", "--strip_unrenderable_words=false"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)  # its fonts.conf lands in work
    tif = Image.open(base + ".tif")
    pages = []
    for index in range(getattr(tif, "n_frames", 1)):
        tif.seek(index)
        pages.append(np.array(tif.convert("L")))
    boxes = []  # (page, left, top, right, bottom, text) in top-left coordinates
    current = []
    with open(base + ".box", encoding="utf-8") as box_file:
        for row in box_file:
            row = row.rstrip("\n")
            if not row:
                continue
            char, rest = row[0], row[2:].split()
            left, bottom, right, top, page = (int(v) for v in rest)
            if char == "\t":
                if current:
                    height = pages[page].shape[0]
                    boxes.append((page, min(c[1] for c in current), height - max(c[4] for c in current),
                                  max(c[3] for c in current), height - min(c[2] for c in current),
                                  "".join(c[0] for c in current)))
                current = []
            else:
                current.append((char, left, bottom, right, top))
    return pages, boxes


def degrade(image, rng):
    """Camera-like damage on a float image (0 ink, 1 paper) at its final size; returns uint8."""
    height, width = image.shape
    paper = rng.uniform(150, 250)
    ink = rng.uniform(0, min(110, paper - 60))
    out = ink + (paper - ink) * image
    if rng.random() < 0.6:  # uneven light across the line
        gx, gy = rng.uniform(-40, 40), rng.uniform(-25, 25)
        xs = np.linspace(-0.5, 0.5, width)[None, :]
        ys = np.linspace(-0.5, 0.5, height)[:, None]
        out = out + gx * xs + gy * ys
    if rng.random() < 0.4:  # guilloche-like security print behind the text
        xs, ys = np.meshgrid(np.arange(width), np.arange(height))
        period = rng.uniform(4, 20)
        angle = rng.uniform(0, np.pi)
        wave = np.sin((xs * np.cos(angle) + ys * np.sin(angle)) / period * 2 * np.pi + rng.uniform(0, 6))
        out = out - rng.uniform(5, 35) * (wave > rng.uniform(0.3, 0.9)) * image
    result = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    if rng.random() < 0.6:
        result = result.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.3)))
    if rng.random() < 0.6:
        noisy = np.array(result, dtype=np.float32) + np.random.default_rng(rng.randrange(1 << 30)).normal(
            0, rng.uniform(2, 12), (height, width))
        result = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    if rng.random() < 0.4:
        buffer = io.BytesIO()
        result.save(buffer, format="JPEG", quality=rng.randint(30, 90))
        result = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return result


def cropLine(page, box, gaps, rng, clean):
    """Cuts one line out of a rendered page with random margins, rotation and scale."""
    _, left, top, right, bottom, text = box
    height = bottom - top
    pitch = (right - left) / max(1, len(text))
    gap_above, gap_below = gaps
    margin_top = min(rng.uniform(0.0, 0.6) * height, 0.9 * gap_above)
    margin_bottom = min(rng.uniform(0.0, 0.6) * height, 0.9 * gap_below)
    margin_left = rng.uniform(0.1, 2.5) * pitch
    margin_right = rng.uniform(0.1, 2.5) * pitch
    x0, x1 = int(left - margin_left), int(right + margin_right)
    y0, y1 = int(top - margin_top), int(bottom + margin_bottom)
    angle = 0.0 if clean else rng.uniform(-1.2, 1.2)
    # A tilted line needs a taller box, as a line finder would draw around it.
    tilt = int(abs(np.sin(np.radians(angle))) * (x1 - x0) / 2) + 1
    pad = int(height) + tilt
    padded = np.pad(page, pad, constant_values=255)
    region = Image.fromarray(padded[y0:y1 + 2 * pad, x0:x1 + 2 * pad])
    region = region.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
    line = region.crop((pad, pad - tilt, pad + x1 - x0, pad + y1 - y0 + tilt))
    target = rng.uniform(16, 36) if clean else rng.uniform(11, 40)
    scale = target / height
    size = (max(8, round(line.width * scale)), max(8, round(line.height * scale)))
    line = line.resize(size, rng.choice((Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX)))
    image = np.array(line, dtype=np.float32) / 255.0
    if clean:
        return Image.fromarray(np.clip(image * 255, 0, 255).astype(np.uint8))
    return degrade(image, rng)


def lineGaps(boxes):
    """Free space above and below each line on its page (large where there is no neighbour)."""
    gaps = []
    for i, box in enumerate(boxes):
        above = box[2] - boxes[i - 1][4] if i > 0 and boxes[i - 1][0] == box[0] else 1e9
        below = boxes[i + 1][2] - box[4] if i + 1 < len(boxes) and boxes[i + 1][0] == box[0] else 1e9
        gaps.append((max(0, above), max(0, below)))
    return gaps


def writeChunk(crops, base):
    """Writes crops as a multi-page TIFF with a WordStr line box file for lstm.train."""
    crops[0][0].save(base + ".tif", save_all=True, append_images=[c[0] for c in crops[1:]])
    with open(base + ".box", "w", encoding="ascii") as box:
        for page, (image, text) in enumerate(crops):
            width, height = image.size
            box.write(f"WordStr 0 0 {width} {height} {page} #{text}\n")
            box.write(f"\t {width} {height} {width + 1} {height + 1} {page}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, help="directory for CHUNK.tif/.box (and PNGs)")
    parser.add_argument("--lines", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--chunk", type=int, default=50, help="lines per text2image page")
    parser.add_argument("--clean", action="store_true", help="no degradation, no rotation")
    parser.add_argument("--png", action="store_true", help="also write each crop as PNG + .gt.txt")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    lines = mrz_lines.trainingLines(rng, args.lines)
    written = 0
    with tempfile.TemporaryDirectory() as work:
        for chunk_index, start in enumerate(range(0, len(lines), args.chunk)):
            chunk = lines[start:start + args.chunk]
            pages, boxes = renderPage(chunk, work, rng)
            crops = []
            for box, gaps in zip(boxes, lineGaps(boxes)):
                if box[5] not in chunk:  # text2image dropped or split something: skip that line
                    continue
                crops.append((cropLine(pages[box[0]], box, gaps, rng, args.clean), box[5]))
            if not crops:
                continue
            base = os.path.join(args.output, f"chunk{chunk_index:04d}")
            writeChunk(crops, base)
            if args.png:
                for index, (image, text) in enumerate(crops):
                    name = os.path.join(args.output, f"line{chunk_index:04d}_{index:02d}")
                    image.save(name + ".png")
                    with open(name + ".gt.txt", "w", encoding="ascii") as gt:
                        gt.write(text + "\n")
            written += len(crops)
    print(f"{written} lines in {args.output}")


if __name__ == "__main__":
    main()
