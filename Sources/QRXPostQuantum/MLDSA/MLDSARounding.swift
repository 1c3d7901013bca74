// Rounding of ML-DSA (FIPS 204, Section 7.4), coefficient by coefficient on values in [0, q).
// Power2Round, Decompose and MakeHint run on secrets and are branch-free; UseHint runs on public
// data in verification.

enum MLDSARounding {
  /// Power2Round(r) (FIPS 204, Algorithm 35) for r in [0, q): (r1, r0) with r = r1·2^d + r0,
  /// r0 in (−2^(d−1), 2^(d−1)].
  @inline(__always)
  static func power2Round(_ r: Int32) -> (r1: Int32, r0: Int32) {
    let r1 = (r &+ (1 &<< 12) &- 1) &>> 13
    return (r1, r &- (r1 &<< 13))
  }

  /// Decompose(r) (FIPS 204, Algorithm 36) for r in [0, q): (r1, r0) with r = r1·2γ2 + r0 mod q,
  /// r0 in (−γ2, γ2], and the wrap-around case r − r0 = q − 1 mapped to (0, r0 − 1).
  @inline(__always)
  static func decompose<P: MLDSAParameterSet>(_: P.Type, _ r: Int32) -> (r1: Int32, r0: Int32) {
    let twoGamma2 = 2 &* P.gamma2
    // r1 = ⌊(r + γ2 − 1) / 2γ2⌋ as a multiply and shift, exact for dividends below 2^24
    // (the multiplier is ⌈2^48 / 2γ2⌉ and its rounding error times 2^24 stays below 2^48).
    let multiplier = (Int64(1) &<< 48) / Int64(twoGamma2) &+ 1
    var r1 = Int32(truncatingIfNeeded: (Int64(r &+ P.gamma2 &- 1) &* multiplier) &>> 48)
    var r0 = r &- r1 &* twoGamma2
    // r1 reaches (q − 1)/(2γ2) only in the wrap-around case: all ones there, zero elsewhere.
    let wrap = (P.highBitsModulus &- 1 &- r1) &>> 31
    r1 &= ~wrap
    r0 &+= wrap
    return (r1, r0)
  }

  /// HighBits(r) (FIPS 204, Algorithm 37) for r in [0, q).
  @inline(__always)
  static func highBits<P: MLDSAParameterSet>(_: P.Type, _ r: Int32) -> Int32 {
    decompose(P.self, r).r1
  }

  /// UseHint(h, r) (FIPS 204, Algorithm 40) for r in [0, q) and h in {0, 1}. Verification only.
  @inline(__always)
  static func useHint<P: MLDSAParameterSet>(_: P.Type, _ h: Int32, _ r: Int32) -> Int32 {
    let (r1, r0) = decompose(P.self, r)
    guard h != 0 else { return r1 }
    let m = P.highBitsModulus
    if r0 > 0 { return r1 == m &- 1 ? 0 : r1 &+ 1 }
    return r1 == 0 ? m &- 1 : r1 &- 1
  }
}
