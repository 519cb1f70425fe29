#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Generates sets of synthetic camera frames of identity documents, with their truth, for the
# vision benchmark.
"""Writes 1280x720 JPEG camera frames of passports (TD3), identity cards (TD1) and residence permits (TD1, TD2).

Three sets of rising difficulty: "easy" (straight, sharp, clean), "medium" (turned up to 5 degrees,
slightly blurred, noisy, unevenly lit, some upside down) and "hard" (turned up to 9 degrees, smaller,
blurrier and noisier, a reflection on the upper part, lower JPEG quality, more upside down). The
visual zone uses varied fonts and the paper varied tints; about one document in twelve carries a
wrong check digit and must never be reported valid. truth.txt lists one frame per line:

    FILE SET KIND VALID LINE...

with KIND passport, identity-card or residence-permit and VALID 1, or 0 for a broken check digit.

    make_camera_images.py --output DIR [--count 100] [--seed 9303] [--sets easy,medium,hard] [--repeat 1]
"""

import argparse
import io
import os
import random
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_test_images as scene  # noqa: E402
import mrz_lines  # noqa: E402

FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "DejaVu Sans Semi-Condensed", "DejaVu Sans Bold",
         "DejaVu Serif Italic")
# (set) -> width share range, turn range, blur range, noise sigma, JPEG quality, upside-down share
LEVELS = {
    "easy": dict(share=(0.62, 0.72), turn=1.0, blur=(0.0, 0.0), noise=2.0, quality=(88, 92), upside=0.0,
                 light=0.05, glare=0.0),
    "medium": dict(share=(0.52, 0.64), turn=5.0, blur=(0.5, 1.0), noise=4.0, quality=(72, 82), upside=0.15,
                   light=0.25, glare=0.0),
    "hard": dict(share=(0.45, 0.56), turn=9.0, blur=(0.9, 1.4), noise=6.0, quality=(55, 70), upside=0.25,
                 light=0.35, glare=0.5),
}


def documentOf(rng):
    """(kind, document size, MRZ lines): passports, identity cards and residence permits."""
    kind = rng.choices(("passport", "identity-card", "residence-permit"), weights=(40, 40, 20))[0]
    if kind == "passport":
        return kind, "td3", mrz_lines.twoLine(rng, 44, visa=False)
    if kind == "identity-card":
        return kind, "td1", mrz_lines.td1(rng)
    # Residence permits: "IR" on a card (TD1) or a larger TD2 card; no check digit covers the code.
    size = rng.choice(("td1", "td2"))
    lines = mrz_lines.td1(rng) if size == "td1" else mrz_lines.twoLine(rng, 36, visa=False)
    lines[0] = "IR" + lines[0][2:]
    return kind, size, lines


def breakCheckDigit(rng, size, lines):
    """Changes the birth-date or expiry-date check digit: still an MRZ, but one check fails."""
    line = lines[1]
    if size == "td1":
        at = rng.choice((6, 14))
    else:
        at = rng.choice((19, 27))
    digit = line[at]
    wrong = str((int(digit) + rng.randint(1, 9)) % 10) if digit.isdigit() else "0"
    lines[1] = line[:at] + wrong + line[at + 1:]


def cameraFrames(rng, lines, size, level, work, render, repeat=1):
    """`repeat` consecutive frames of the document on a desk, with the camera's faults, as JPEG bytes."""
    settings = LEVELS[level]
    share = rng.uniform(*settings["share"])
    if size != "td1":
        share *= 0.9
    width_px = round(scene.FRAME[0] * share)
    doc = scene.document(rng, lines, scene.SIZES[size], width_px, work, font=rng.choice(FONTS), render=render)
    doc *= rng.uniform(0.9, 1.05)
    desk_level = rng.uniform(0.15, 0.4)
    desk = np.full((scene.FRAME[1], scene.FRAME[0]), desk_level, dtype=np.float32)
    desk += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.02, desk.shape)
    doc_image = Image.fromarray(np.clip(doc * 255, 0, 255).astype(np.uint8))
    angle = rng.uniform(-settings["turn"], settings["turn"])
    if rng.random() < settings["upside"]:
        angle += 180.0
    mask = Image.new("L", doc_image.size, 255).rotate(angle, resample=Image.BICUBIC, expand=True)
    doc_image = doc_image.rotate(angle, resample=Image.BICUBIC, expand=True)
    canvas = Image.fromarray(np.clip(desk * 255, 0, 255).astype(np.uint8))
    x = (scene.FRAME[0] - doc_image.width) // 2 + rng.randint(-30, 30)
    y = (scene.FRAME[1] - doc_image.height) // 2 + rng.randint(-15, 15)
    canvas.paste(doc_image, (x, y), mask)
    out = np.array(canvas, dtype=np.float32)
    xs = np.linspace(-0.5, 0.5, scene.FRAME[0])[None, :]
    ys = np.linspace(-0.5, 0.5, scene.FRAME[1])[:, None]
    out *= 1.0 + rng.uniform(-settings["light"], settings["light"]) * xs + \
        rng.uniform(-settings["light"], settings["light"]) * 0.5 * ys
    if rng.random() < settings["glare"]:
        # A lamp's reflection on the upper half of the document, away from the zone.
        glare = Image.new("L", scene.FRAME, 0)
        gx = x + doc_image.width * rng.uniform(0.3, 0.7)
        gy = y + doc_image.height * (rng.uniform(0.15, 0.35) if angle < 90 else rng.uniform(0.65, 0.85))
        r = rng.uniform(25, 50)
        ImageDraw.Draw(glare).ellipse((gx - 1.6 * r, gy - r, gx + 1.6 * r, gy + r), fill=255)
        glare = np.array(glare.filter(ImageFilter.GaussianBlur(r / 3)), dtype=np.float32) / 255.0
        out = out + glare * 255.0
    out = np.clip(out, 0, 255)
    blur = rng.uniform(*settings["blur"])
    if blur > 0:
        out = np.array(Image.fromarray(out.astype(np.uint8)).filter(ImageFilter.GaussianBlur(blur)),
                       dtype=np.float32)
    tint = (1.0, rng.uniform(0.94, 1.0), rng.uniform(0.88, 1.0))
    quality = rng.randint(*settings["quality"])
    frames = []
    for index in range(repeat):
        # Consecutive frames of a camera: fresh sensor noise and a pixel of shake.
        shaken = np.roll(out, (index % 2, (index // 2) % 2), axis=(0, 1))
        noisy = shaken + np.random.default_rng(rng.randrange(1 << 30)).normal(0, settings["noise"], out.shape)
        gray = np.clip(noisy, 0, 255).astype(np.uint8)
        image = Image.merge("RGB", [Image.fromarray(np.clip(gray * f, 0, 255).astype(np.uint8)) for f in tint])
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        frames.append(buffer.getvalue())
    return frames


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--count", type=int, default=100, help="frames per set")
    parser.add_argument("--seed", type=int, default=9303)
    parser.add_argument("--sets", default="easy,medium,hard")
    parser.add_argument("--bad-share", type=float, default=1 / 12)
    parser.add_argument("--repeat", type=int, default=1,
                        help="consecutive frames per document (FILE-NN.jpg), as a camera streams them")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    cache = {}

    def render(lines, font, work, ptsize=24, leading=None, spacing=0.0):
        key = (tuple(lines), font, ptsize, leading, spacing)
        if key not in cache:
            cache[key] = scene.renderText(lines, font, work, ptsize=ptsize, leading=leading, spacing=spacing)
        return cache[key]

    truth = []
    with tempfile.TemporaryDirectory() as work:
        for level in args.sets.split(","):
            for index in range(args.count):
                kind, size, lines = documentOf(rng)
                valid = rng.random() >= args.bad_share
                if not valid:
                    breakCheckDigit(rng, size, lines)
                frames = cameraFrames(rng, lines, size, level, work, render, args.repeat)
                for number, frame in enumerate(frames):
                    name = f"{level}-{index:03d}" + (f"-{number:02d}" if args.repeat > 1 else "") + ".jpg"
                    with open(os.path.join(args.output, name), "wb") as out:
                        out.write(frame)
                    truth.append(f"{name} {level} {kind} {int(valid)} " + " ".join(lines))
    with open(os.path.join(args.output, "truth.txt"), "w", encoding="ascii") as out:
        out.write("# file set kind valid lines...; made by drivers/vision/training/make_camera_images.py\n")
        out.write("\n".join(truth) + "\n")


if __name__ == "__main__":
    main()
