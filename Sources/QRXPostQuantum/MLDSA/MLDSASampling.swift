import QRXPrimitives

// Pseudorandom sampling of ML-DSA (FIPS 204, Section 7.3): the matrix Â from ρ, the private vectors
// from ρ', the masking vector y from ρ'' and the challenge c from c̃. H is SHAKE256, G is SHAKE128.
// The rejection loops here are the ones the standard defines.

enum MLDSASampling {
  /// Fills `out` (256 coefficients in NTT form) from G(ρ ‖ s ‖ r) (FIPS 204, Algorithm 30, RejNTTPoly,
  /// with CoeffFromThreeBytes, Algorithm 14). `seed` is the 34 bytes ρ ‖ s ‖ r. ρ is public.
  static func rejectionSampleNTTPoly(_ out: UnsafeMutablePointer<Int32>, seed: UnsafeRawBufferPointer) {
    var g = SHAKE128()
    g.absorb(seed)
    var j = 0
    while j < 256 {
      j = g.squeezeBlock { block -> Int in
        var j = j
        var i = 0
        let count = block.count
        while i &+ 3 <= count && j < 256 {
          let z =
            Int32(block[i]) | Int32(block[i &+ 1]) &<< 8 | Int32(block[i &+ 2] & 0x7F) &<< 16
          if z < mldsaQ {
            out[j] = z
            j &+= 1
          }
          i &+= 3
        }
        return j
      }
    }
  }

  /// Â = ExpandA(ρ) (FIPS 204, Algorithm 32): k·l polynomials, row-major, into `aHat`.
  static func expandA<P: MLDSAParameterSet>(
    _: P.Type, rho: UnsafeRawBufferPointer, into aHat: UnsafeMutablePointer<Int32>
  ) {
    var seed: (UInt64, UInt64, UInt64, UInt64, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &seed) { s in
      s.copyMemory(from: UnsafeRawBufferPointer(rebasing: rho[0..<32]))
      let input = UnsafeRawBufferPointer(rebasing: s[0..<34])
      for r in 0..<P.k {
        for c in 0..<P.l {
          s[32] = UInt8(truncatingIfNeeded: c)
          s[33] = UInt8(truncatingIfNeeded: r)
          rejectionSampleNTTPoly(aHat + (r &* P.l &+ c) &* 256, seed: input)
        }
      }
    }
  }

  /// Fills `out` with coefficients in [−η, η] from H(ρ' ‖ r) (FIPS 204, Algorithm 31, RejBoundedPoly,
  /// with CoeffFromHalfByte, Algorithm 15). `seed` is the 66 bytes ρ' ‖ IntegerToBytes(r, 2).
  static func rejectionSampleBoundedPoly(
    _ out: UnsafeMutablePointer<Int32>, eta: Int32, seed: UnsafeRawBufferPointer
  ) {
    var h = SHAKE256()
    h.absorb(seed)
    var j = 0
    while j < 256 {
      j = h.squeezeBlock { block -> Int in
        var j = j
        for i in 0..<block.count {
          let z = Int32(block[i])
          if let z0 = coefficientFromHalfByte(z & 15, eta: eta) {
            out[j] = z0
            j &+= 1
          }
          if j < 256, let z1 = coefficientFromHalfByte(z &>> 4, eta: eta) {
            out[j] = z1
            j &+= 1
          }
          if j == 256 { break }
        }
        return j
      }
    }
    h.erase()
  }

  /// CoeffFromHalfByte(b) (FIPS 204, Algorithm 15): a coefficient in [−η, η], or nil to reject.
  @inline(__always)
  static func coefficientFromHalfByte(_ b: Int32, eta: Int32) -> Int32? {
    if eta == 2 {
      guard b < 15 else { return nil }
      // b mod 5 for b < 16, as b − 5·⌊b·205 / 1024⌋.
      return 2 &- (b &- 5 &* ((b &* 205) &>> 10))
    }
    guard b < 9 else { return nil }
    return 4 &- b
  }

  /// (s1, s2) = ExpandS(ρ') (FIPS 204, Algorithm 33): l then k polynomials, consecutive in `out`.
  static func expandS<P: MLDSAParameterSet>(
    _: P.Type, rhoPrime: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<Int32>
  ) {
    var seed: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt8, UInt8) = (
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    )
    withUnsafeMutableBytes(of: &seed) { s in
      s.copyMemory(from: UnsafeRawBufferPointer(rebasing: rhoPrime[0..<64]))
      let input = UnsafeRawBufferPointer(rebasing: s[0..<66])
      for r in 0..<(P.l &+ P.k) {
        s[64] = UInt8(truncatingIfNeeded: r)
        s[65] = UInt8(truncatingIfNeeded: r &>> 8)
        rejectionSampleBoundedPoly(out + r &* 256, eta: P.eta, seed: input)
      }
      s.initializeMemory(as: UInt8.self, repeating: 0)
    }
  }

  /// y = ExpandMask(ρ'', κ) (FIPS 204, Algorithm 34): l polynomials with coefficients in (−γ1, γ1].
  /// `scratch` holds at least 32·(1 + log2 γ1) bytes.
  static func expandMask<P: MLDSAParameterSet>(
    _: P.Type, rhoDoublePrime: UnsafeRawBufferPointer, kappa: Int, into y: UnsafeMutablePointer<Int32>,
    scratch: UnsafeMutableRawBufferPointer
  ) {
    let byteCount = 32 &* P.zBits
    let v = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<byteCount])
    for r in 0..<P.l {
      let n = UInt16(truncatingIfNeeded: kappa &+ r)
      var h = SHAKE256()
      h.absorb(UnsafeRawBufferPointer(rebasing: rhoDoublePrime[0..<64]))
      withUnsafeBytes(of: n.littleEndian) { h.absorb($0) }
      h.squeeze(into: v)
      h.erase()
      MLDSAEncoding.bitUnpack(
        UnsafeRawBufferPointer(v), bits: P.zBits, upper: P.gamma1, into: y + r &* 256)
    }
  }

  /// c = SampleInBall(ρ) (FIPS 204, Algorithm 29): τ coefficients ±1, the rest 0. `rho` is c̃.
  /// With `secretIndices` (signing, where the c of a rejected round is never published) the swap
  /// reads and writes every coefficient up to i instead of indexing by j.
  @inline(__always)
  static func sampleInBall<P: MLDSAParameterSet>(
    _: P.Type, rho: UnsafeRawBufferPointer, into c: UnsafeMutablePointer<Int32>, secretIndices: Bool
  ) {
    var h = SHAKE256()
    h.absorb(rho)
    c.update(repeating: 0, count: 256)
    var block:
      (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64
      ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &block) { buffer in
      let blockBytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<SHAKE256.rate])
      h.squeeze(into: blockBytes)
      var signs: UInt64 = 0
      for i in 0..<8 { signs |= UInt64(blockBytes[i]) &<< UInt64(8 &* i) }
      var position = 8
      for i in (256 &- P.tau)..<256 {
        var j: Int
        repeat {
          if position == SHAKE256.rate {
            h.squeeze(into: blockBytes)
            position = 0
          }
          j = Int(blockBytes[position])
          position &+= 1
        } while j > i
        let sign = 1 &- 2 &* Int32(truncatingIfNeeded: signs & 1)
        signs &>>= 1
        if secretIndices {
          // c_i ← c_j; c_j ← ±1, as full scans over 0 ... i with masks (j ≤ i, and c_i = 0 before).
          var cj: Int32 = 0
          for n in 0...i {
            let isJ = Int32(truncatingIfNeeded: ((n ^ j) &- 1) &>> 63)  // all ones iff n == j
            cj |= c[n] & isJ
          }
          c[i] = cj
          for n in 0...i {
            let isJ = Int32(truncatingIfNeeded: ((n ^ j) &- 1) &>> 63)
            c[n] = (c[n] & ~isJ) | (sign & isJ)
          }
        } else {
          c[i] = c[j]
          c[j] = sign
        }
      }
    }
  }
}
