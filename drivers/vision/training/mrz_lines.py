#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Random but realistic MRZ text (TD1, TD2, TD3, MRV-A, MRV-B) for training and testing the OCR model.
"""Generates machine readable zones with valid check digits (ICAO 9303 parts 4-7).

Used as a module by render_lines.py and make_test_images.py, or run directly:
    mrz_lines.py --count 10 --seed 1      prints 10 MRZs, one line per line, a blank line between them
"""

import argparse
import random
import string

ALPHABET = string.ascii_uppercase + string.digits + "<"

# Issuing states and nationalities: common ISO 3166 codes plus the ICAO exceptions (mrz.md section 1).
STATES = (
    "BEL NLD FRA D<< LUX POL ROU BGR PRT ESP ITA GRC UKR MDA TUR MAR DZA TUN IND PAK BGD PHL VNM CHN BRA "
    "COL VEN PER USA CAN GBR IRL SWE FIN NOR DNK AUT CHE CZE SVK HUN HRV SRB ALB MKD BIH LTU LVA EST SVN "
    "NGA GHA SEN CMR COD AGO ETH ERI SYR IRQ IRN AFG GEO ARM AZE RUS BLR KAZ UZB THA IDN JPN KOR AUS NZL "
    "RKS EUE UNO UNA UNK XXA XXB XXC XXX XPO XOM GBD GBN UTO ZAF KEN EGY LBN JOR ISR SAU ARE QAT NPL LKA"
).split()

# Name parts written in MRZ form: transliterated, upper case, hyphens already turned into '<'.
SURNAMES = (
    "PEETERS JANSSENS MAES JACOBS MERTENS WILLEMS CLAES GOOSSENS WOUTERS DE<SMET DUBOIS LAMBERT DUPONT "
    "MARTIN SIMON LAURENT LEROY NOWAK KOWALSKI WISNIEWSKI WOJCIK POPESCU IONESCU POPA DIMITROV IVANOV "
    "PETROV SILVA SANTOS FERREIRA PEREIRA OLIVEIRA GARCIA RODRIGUEZ FERNANDEZ LOPEZ MARTINEZ ROSSI RUSSO "
    "BIANCHI PAPADOPOULOS YILMAZ KAYA DEMIR SAHIN EL<AMRANI BENALI KHAN AHMED SINGH KUMAR NGUYEN TRAN "
    "WANG LI ZHANG CHEN MUELLER SCHMIDT SCHNEIDER FISCHER WEBER MEYER WAGNER BECKER HOFFMANN VAN<DEN<BERG "
    "DE<JONG VAN<DIJK BAKKER VISSER SMITH JOHNSON WILLIAMS BROWN JONES MURPHY OKAFOR MENSAH DIALLO "
    "TRAORE NDIAYE HAILE TESFAYE KOVACS NAGY HORVATH NOVAK SVOBODA OMEROVIC HODZIC BERISHA KRASNIQI "
    "GASHI HOXHA QUISPE MAMANI GONZALEZ VARGAS ERIKSSON JOHANSSON NIEMINEN VIRTANEN OZTURK ZOGRAFOS "
    "MARTINEZ<LOPEZ GARCIA<FERNANDEZ VANDERVELDE XHAFERI QUACH VU YUSUF ZAHIR OUEDRAOGO"
).split()
GIVEN_NAMES = (
    "ANNA MARIA JAN PIETER LUC MARC SOPHIE EMMA LUCAS NOAH LIAM OLIVIA MOHAMED AHMED FATIMA AISHA ALI "
    "PIOTR KRZYSZTOF TOMASZ AGNIESZKA KATARZYNA ION ANDREI ELENA IOANA GEORGI DIMITAR IVAN OLENA OKSANA "
    "JOAO ANA PEDRO JOSE MANUEL CARMEN LUCIA GIUSEPPE FRANCESCO GIULIA MEHMET AYSE EMRE YOUSSEF KHADIJA "
    "RAJESH PRIYA WEI XIAO MING JUAN CARLOS LUIS SOFIA VALENTINA HANS KLAUS PETRA URSULA JOHN MICHAEL "
    "SARAH DAVID JAMES MARY CHUKWUEMEKA KWAME AMINATA MOUSSA SAMUEL YOHANNES ZSOLT ISTVAN ZUZANA BESNIK "
    "ARBEN QUENTIN XAVIER YVES ZOE NGOC MINH OMAR HAMZA BILAL NIKOS KOSTAS VYTAUTAS"
).split()


def charValue(c):
    if c.isdigit():
        return int(c)
    if c == "<":
        return 0
    return ord(c) - ord("A") + 10


def checkDigit(text):
    weights = (7, 3, 1)
    return str(sum(charValue(c) * weights[i % 3] for i, c in enumerate(text)) % 10)


def fit(text, length):
    return (text + "<" * length)[:length]


def digits(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def alnum(rng, n):
    pool = string.ascii_uppercase + string.digits
    return "".join(rng.choice(pool) for _ in range(n))


def date(rng, first_year, last_year, unknown_parts=False):
    year = rng.randint(first_year, last_year) % 100
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    text = f"{year:02d}{month:02d}{day:02d}"
    if unknown_parts and rng.random() < 0.05:
        text = text[:2] + "<<<<" if rng.random() < 0.5 else text[:4] + "<<"
    return text


def sex(rng):
    return rng.choices("MF<", weights=(48, 48, 4))[0]


def documentNumber(rng):
    kind = rng.random()
    if kind < 0.4:
        return digits(rng, rng.choice((9, 9, 8, 7)))
    if kind < 0.7:
        return alnum(rng, 2) + digits(rng, 7)
    if kind < 0.85:
        return alnum(rng, 9)
    return digits(rng, 12)  # Long Belgian-style number: overflows into the optional data.


def nameField(rng, length):
    surname = "<".join(rng.choice(SURNAMES) for _ in range(rng.choices((1, 2, 3), (70, 25, 5))[0]))
    given = "<".join(rng.choice(GIVEN_NAMES) for _ in range(rng.choices((0, 1, 2, 3, 4), (3, 50, 30, 12, 5))[0]))
    text = surname + ("<<" + given if given else "")
    if len(text) > length:
        # Truncated names end with a letter (mrz.md section 1).
        text = text[:length]
        while text.endswith("<"):
            text = text[:-1] + rng.choice(string.ascii_uppercase)
    return fit(text, length)


def optional(rng, length):
    kind = rng.random()
    if kind < 0.55:
        return "<" * length
    if kind < 0.8:
        return fit(digits(rng, rng.randint(1, length)), length)
    return fit(alnum(rng, rng.randint(1, length)), length)


def numberFields(rng, number, optional_length):
    """Returns (9-character number field, its check digit, optional data) with the long-number overflow rule."""
    if len(number) <= 9:
        return fit(number, 9), checkDigit(fit(number, 9)), optional(rng, optional_length)
    overflow = number[9:] + checkDigit(number) + "<"
    return number[:9], "<", fit(overflow + optional(rng, optional_length)[len(overflow):], optional_length)


def td1(rng):
    code = rng.choice(("ID", "I<", "IR", "AC", "CR", "IP"))
    state, nationality = rng.choice(STATES), rng.choice(STATES)
    number, check, opt1 = numberFields(rng, documentNumber(rng), 15)
    birth = date(rng, 1940, 2012, unknown_parts=True)
    expiry = date(rng, 2020, 2039)
    opt2 = optional(rng, 11)
    line1 = code + state + number + check + opt1
    upper = line1[5:30]
    line2 = birth + checkDigit(birth) + sex(rng) + expiry + checkDigit(expiry) + nationality + opt2
    composite = checkDigit(upper + line2[0:7] + line2[8:15] + line2[18:29])
    return [line1, line2 + composite, nameField(rng, 30)]


def twoLine(rng, length, visa):
    code = rng.choice(("V<", "VD", "VE")) if visa else rng.choice(
        ("P<", "P<", "PD", "PS", "PO") if length == 44 else ("I<", "ID", "IR", "AC"))
    state, nationality = rng.choice(STATES), rng.choice(STATES)
    line1 = code + state + nameField(rng, length - 5)
    # Positions 29 to the end hold optional data, minus the personal-number check (TD3) and the composite.
    optional_length = length - 28 - (0 if visa else (2 if length == 44 else 1))
    number = documentNumber(rng)
    if length == 44 or visa:
        number = number[:9]
    number_field, check, opt = numberFields(rng, number, optional_length)
    birth = date(rng, 1940, 2012, unknown_parts=True)
    expiry = date(rng, 2020, 2039)
    line2 = number_field + check + nationality + birth + checkDigit(birth) + sex(rng) + expiry + checkDigit(expiry)
    if visa:
        return [line1, fit(line2 + opt, length)]
    if length == 44:
        personal_check = checkDigit(opt) if opt.strip("<") or rng.random() < 0.5 else "<"
        line2 += opt + personal_check
    else:
        line2 += opt
    composite = checkDigit(line2[0:10] + line2[13:20] + line2[21:])
    return [line1, line2 + composite]


def randomLine(rng, length):
    """An unstructured line over the whole alphabet, so that the model sees every character everywhere."""
    out = []
    while len(out) < length:
        if rng.random() < 0.25:
            out.extend("<" * rng.randint(1, 12))
        else:
            out.append(rng.choice(ALPHABET))
    return "".join(out[:length])


def mrz(rng):
    """One MRZ as a list of lines; formats in rough proportion to the documents a kiosk sees."""
    kind = rng.choices(("td1", "td2", "td3", "mrva", "mrvb"), weights=(40, 10, 40, 5, 5))[0]
    if kind == "td1":
        return td1(rng)
    if kind == "td2":
        return twoLine(rng, 36, visa=False)
    if kind == "td3":
        return twoLine(rng, 44, visa=False)
    return twoLine(rng, 44 if kind == "mrva" else 36, visa=True)


def trainingLines(rng, count, random_share=0.2):
    """Single MRZ lines for training: mostly from real-shaped MRZs, some unstructured."""
    lines = []
    while len(lines) < count:
        if rng.random() < random_share:
            lines.append(randomLine(rng, rng.choice((30, 36, 44))))
        else:
            lines.extend(mrz(rng))
    return lines[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("\n\n".join("\n".join(mrz(rng)) for _ in range(args.count)))


if __name__ == "__main__":
    main()
