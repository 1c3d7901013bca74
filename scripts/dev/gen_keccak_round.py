#!/usr/bin/env python3
"""Generates the unrolled round body of Keccak-f[1600] in Sources/QRXPrimitives/Keccak/KeccakP1600.swift.

Run it and paste its output between the markers; the permutation is kept as code, not built at run time.
Lane A[x, y] is the local `axy`; offsets are FIPS 202 Table 2 (rho); pi maps (x, y) to (y, 2x + 3y).
"""
R = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
out = []
p = out.append
for x in range(5):
    p(f"let c{x} = a{x}0 ^ a{x}1 ^ a{x}2 ^ a{x}3 ^ a{x}4")
for x in range(5):
    p(f"let d{x} = c{(x + 4) % 5} ^ rotl(c{(x + 1) % 5}, 1)")
for x in range(5):
    for y in range(5):
        nx, ny = y, (2 * x + 3 * y) % 5
        r = R[x][y]
        if r == 0:
            p(f"let b{nx}{ny} = a{x}{y} ^ d{x}")
        else:
            p(f"let b{nx}{ny} = rotl(a{x}{y} ^ d{x}, {r})")
for y in range(5):
    for x in range(5):
        p(f"a{x}{y} = b{x}{y} ^ (~b{(x + 1) % 5}{y} & b{(x + 2) % 5}{y})")
print("\n".join(out))
