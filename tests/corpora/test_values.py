"""Structured identifier makers produce valid, fictional, varied values."""
from __future__ import annotations

import random
import re

import pytest

from corpora_synthetic import values

RNG_SEEDS = range(300)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def test_nhs_numbers_have_valid_mod11_check_digit_and_test_prefix():
    for seed in RNG_SEEDS:
        d = [int(c) for c in _digits(values.nhs_number(random.Random(seed)))]
        assert len(d) == 10 and d[:3] == [9, 9, 9]
        check = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
        assert d[9] == (0 if check == 11 else check)


def test_nino_prefix_letters_are_permitted():
    for seed in RNG_SEEDS:
        n = values.nino(random.Random(seed)).replace(" ", "")
        assert re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", n)
        assert n[0] not in "DFIQUV" and n[1] not in "DFIOQUV" and n[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


DRAMA = re.compile(r"(7700900|1134960|1632960|2079460|1144960|1614960|1914980|1174960)\d{3}")


def test_phones_are_in_ofcom_drama_ranges():
    seen = set()
    for seed in RNG_SEEDS:
        p = values.phone(random.Random(seed))
        seen.add(p[:3])
        digits = _digits(p)
        national = digits[3:] if digits.startswith("440") else digits[2:] if digits.startswith("44") else digits[1:]
        assert DRAMA.fullmatch(national), p
    assert {"077", "+44"} <= seen


def test_vehicle_reg_postcode_and_licence_formats():
    for seed in RNG_SEEDS:
        rng = random.Random(seed)
        assert re.fullmatch(r"[A-Z]{2}\d{2} ?[A-Z]{3}", values.vehicle_reg(rng).upper())
        assert re.fullmatch(r"[A-Z]{1,2}\d{1,2} ?\d[A-Z]{2}", values.postcode(rng).upper())
        lic = values.driving_licence(rng)
        assert len(lic) == 16 and lic[5:11].isdigit()
        assert re.fullmatch(r"\d{9}", values.passport(rng))


@pytest.mark.parametrize("maker", [values.email, values.handle, values.person, values.street_address, values.school])
def test_makers_vary(maker):
    outs = {maker(random.Random(seed)) for seed in RNG_SEEDS}
    assert len(outs) > 100


def test_emails_use_example_domains_only():
    for seed in RNG_SEEDS:
        assert values.email(random.Random(seed)).split("@")[1] in values.EMAIL_DOMAINS
