#!/usr/bin/env python3
"""Generates Sources/QRXPostQuantum/MLDSA/MLDSA44.swift and MLDSA87.swift from MLDSA65.swift.

The three namespaces differ only in their name and security category; everything else comes
from the parameter set type. Run from the package root after editing MLDSA65.swift.
"""
import pathlib

folder = pathlib.Path(__file__).resolve().parents[2] / "Sources/QRXPostQuantum/MLDSA"
template = (folder / "MLDSA65.swift").read_text()
header_old = (
    "// ML-DSA-65 end to end. MLDSA44.swift and MLDSA87.swift are generated from this file by\n"
    "// scripts/dev/gen_mldsa_sets.py: edit this one, then run the script.\n"
)
assert header_old in template
for number, category in (("44", "2"), ("87", "5")):
    text = template.replace(
        header_old,
        f"// ML-DSA-{number} end to end. Generated from MLDSA65.swift by scripts/dev/gen_mldsa_sets.py: do not edit.\n",
    )
    text = text.replace("security category 3", f"security category {category}")
    text = text.replace("MLDSA65", f"MLDSA{number}").replace("ML-DSA-65", f"ML-DSA-{number}")
    (folder / f"MLDSA{number}.swift").write_text(text)
