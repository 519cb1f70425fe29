#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes Balie's country table (a C++ source file) from Debian's iso-codes at build time.

Inputs:
  - iso_3166-1.json of iso-codes: the ISO 3166-1 codes and English names;
  - the gettext catalogs iso_3166-1.mo of iso-codes for Dutch, French and German;
  - nis_country_codes.tsv: Belgian NIS country codes by alpha-2 (hand-written, sourced);
  - mrz_codes.tsv: the ICAO 9303 codes that only machine readable zones use, with their names.

Which name a kiosk shows: iso-codes gives every country a `name` (the ISO short name, e.g.
"Bolivia, Plurinational State of") and a few a `common_name` ("Bolivia"). A worker picking a
country looks for the short, familiar name, so the table takes `common_name` where there is one
and `name` otherwise. Every language follows the same rule: the translation of the first of
`common_name`, `name` that the language's catalog translates. Where a catalog translates neither
(iso-codes 4.15: French "Türkiye"), the English name stays, so no entry is ever left empty.
ISO short names without a common name keep their inverted form ("Virgin Islands, British"): the
key word comes first, which is where a user looks for it in an alphabetical list.

Only the Python standard library is used. Errors stop the build with a message naming the file.
"""

import argparse
import gettext
import io
import json
import re
import sys
from pathlib import Path

LANGUAGES = ("nl", "fr", "de")  # then English: the order of balie::core::Language
ALPHA2 = re.compile(r"^[A-Z]{2}$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
NUMERIC = re.compile(r"^\d{3}$")
NIS = re.compile(r"^[1-9]\d{2}$")


class GenerationError(Exception):
    pass


class _Untranslated(gettext.NullTranslations):
    """Fallback catalog that answers None, so a missing translation is told apart from a
    translation that happens to equal the English text ("Iran" -> "Iran")."""

    def gettext(self, message):
        return None


def load_catalog(path):
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise GenerationError(f"{path}: cannot read ({error.strerror}); is iso-codes installed?")
    try:
        catalog = gettext.GNUTranslations(io.BytesIO(data))
    except Exception as error:  # gettext reports a damaged catalog with various exception types
        raise GenerationError(f"{path}: not a gettext catalog ({error})")
    catalog.add_fallback(_Untranslated())
    return catalog


def data_lines(path):
    """Yields (line number, tab-separated fields) of a data file, skipping comments and blanks."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise GenerationError(f"{path}: cannot read ({error.strerror})")
    except UnicodeDecodeError as error:
        raise GenerationError(f"{path}: not UTF-8 ({error.reason})")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def display_names(entry, catalogs):
    candidates = [entry[key] for key in ("common_name", "name") if key in entry]
    english = candidates[0]
    names = []
    for catalog in catalogs:
        translated = (catalog.gettext(msgid) for msgid in candidates)
        names.append(next((name for name in translated if name), english))
    names.append(english)
    return names


def read_iso(json_path, locale_dir):
    try:
        with open(json_path, encoding="utf-8") as stream:
            entries = json.load(stream)["3166-1"]
    except OSError as error:
        raise GenerationError(
            f"{json_path}: cannot read ({error.strerror}); is iso-codes installed?"
        )
    except (ValueError, KeyError) as error:
        raise GenerationError(f"{json_path}: not the iso-codes ISO 3166-1 file ({error})")
    catalogs = [
        load_catalog(Path(locale_dir) / language / "LC_MESSAGES" / "iso_3166-1.mo")
        for language in LANGUAGES
    ]
    countries = []
    for entry in entries:
        alpha2 = entry.get("alpha_2", "")
        alpha3 = entry.get("alpha_3", "")
        numeric = entry.get("numeric", "")
        if not (ALPHA2.match(alpha2) and ALPHA3.match(alpha3) and NUMERIC.match(numeric)):
            raise GenerationError(f"{json_path}: malformed entry {entry}")
        if "name" not in entry:
            raise GenerationError(f"{json_path}: {alpha2} has no name")
        countries.append(
            {
                "alpha2": alpha2,
                "alpha3": alpha3,
                "numeric": int(numeric, 10),
                "nis": 0,
                "names": display_names(entry, catalogs),
            }
        )
    countries.sort(key=lambda country: country["alpha2"])
    return countries


def merge_nis(countries, nis_path):
    by_alpha2 = {country["alpha2"]: country for country in countries}
    seen = {}
    for number, fields in data_lines(nis_path):
        where = f"{nis_path}:{number}"
        if len(fields) != 2 or not ALPHA2.match(fields[0]) or not NIS.match(fields[1]):
            raise GenerationError(f"{where}: expected 'alpha-2<TAB>NIS code (100-999)'")
        alpha2, nis = fields[0], int(fields[1], 10)
        if alpha2 not in by_alpha2:
            raise GenerationError(f"{where}: {alpha2} is not an ISO 3166-1 alpha-2 code")
        if nis in seen:
            raise GenerationError(f"{where}: NIS code {nis} is already given to {seen[nis]}")
        if by_alpha2[alpha2]["nis"]:
            raise GenerationError(f"{where}: {alpha2} has a NIS code already")
        by_alpha2[alpha2]["nis"] = nis
        seen[nis] = alpha2


def read_mrz_codes(mrz_path, countries):
    taken = {country["alpha3"] for country in countries}
    codes = []
    for number, fields in data_lines(mrz_path):
        where = f"{mrz_path}:{number}"
        names = fields[1:]
        if len(fields) != 5 or not ALPHA3.match(fields[0]) or not all(n.strip() for n in names):
            raise GenerationError(
                f"{where}: expected 'code<TAB>Dutch<TAB>French<TAB>German<TAB>English'"
            )
        if fields[0] in taken:
            raise GenerationError(f"{where}: {fields[0]} is already a code")
        taken.add(fields[0])
        codes.append({"alpha2": "", "alpha3": fields[0], "numeric": 0, "nis": 0, "names": names})
    return codes


def cxx_string(text):
    if any(ord(character) < 0x20 for character in text):
        raise GenerationError(f"control character in name {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(countries, iso_count, sources):
    lines = [
        "// SPDX-License-Identifier: GPL-3.0-or-later",
        "// The country table, generated by kiosk/core/gen/generate_countries.py. Do not edit.",
        "// Sources: " + ", ".join(sources),
        '#include "country_table.h"',
        "",
        "#include <cstdint>",
        "",
        "namespace balie::core::detail {",
        "namespace {",
        "",
        "// ISO 3166-1 countries sorted by alpha-2, then the MRZ-only codes.",
        "constexpr Country kCountries[] = {",
    ]
    for country in countries:
        names = ", ".join(cxx_string(name) for name in country["names"])
        lines.append(
            f'    {{"{country["alpha2"]}", "{country["alpha3"]}", {country["numeric"]}, '
            f'{country["nis"]}, {{{names}}}}},'
        )
    lines.append("};")
    by_alpha3 = sorted(range(len(countries)), key=lambda index: countries[index]["alpha3"])
    by_nis = sorted(
        (index for index, country in enumerate(countries) if country["nis"]),
        key=lambda index: countries[index]["nis"],
    )
    for name, indexes, what in (
        ("kByAlpha3", by_alpha3, "alpha-3 code"),
        ("kByNis", by_nis, "NIS code (entries that have one)"),
    ):
        lines += [
            "",
            f"// Positions in kCountries, sorted by {what}.",
            f"constexpr std::uint16_t {name}[] = {{",
        ]
        for start in range(0, len(indexes), 16):
            lines.append("    " + " ".join(f"{index}," for index in indexes[start : start + 16]))
        lines.append("};")
    index_arrays = "kByAlpha3, kByNis"
    lines += [
        "",
        "}  // namespace",
        "",
        f"constinit const CountryTable kCountryTable{{kCountries, {iso_count}, {index_arrays}}};",
        "",
        "}  // namespace balie::core::detail",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iso-json", required=True, help="iso-codes iso_3166-1.json")
    parser.add_argument(
        "--locale-dir", required=True, help="directory of <lang>/LC_MESSAGES/iso_3166-1.mo"
    )
    parser.add_argument("--nis", required=True, help="nis_country_codes.tsv")
    parser.add_argument("--mrz", required=True, help="mrz_codes.tsv")
    parser.add_argument("--output", required=True, help="C++ file to write")
    arguments = parser.parse_args()
    try:
        countries = read_iso(arguments.iso_json, arguments.locale_dir)
        merge_nis(countries, arguments.nis)
        table = countries + read_mrz_codes(arguments.mrz, countries)
        if len(table) > 0xFFFF:
            raise GenerationError("too many entries for 16-bit indexes")
        sources = [
            Path(arguments.iso_json).name,
            "iso_3166-1.mo (nl, fr, de)",
            Path(arguments.nis).name,
            Path(arguments.mrz).name,
        ]
        text = render(table, len(countries), sources)
        try:
            Path(arguments.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise GenerationError(f"{arguments.output}: cannot write ({error.strerror})")
    except GenerationError as error:
        print(f"generate_countries.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
