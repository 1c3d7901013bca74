import QRXPrimitives

// Operations on polynomials of R_q and T_q (FIPS 203, Sections 4.2 and 4.3). A polynomial is 256
// Int16 coefficients behind a pointer into the operation's scratch arena: no heap, no bounds
// checks and no Array growth in the hot loops. Nothing here branches or indexes memory on a
// coefficient, except SampleNTT's rejection loop, which reads only public bytes.

/// Polynomial arithmetic, sampling and encoding for ML-KEM.
enum MLKEMPolynomial {
  typealias Field = MLKEMField

  // MARK: NTT

  // The transforms work on eight coefficients at a time. Layers whose butterflies are 8 or more
  // apart pair whole vectors; for len = 4 and len = 2, two vectors are first regrouped so one
  // holds the butterflies' upper elements and the other their lower elements, each lane with its
  // own ζ, then put back.

  /// NTT (FIPS 203, Algorithm 9), in place; the output is Barrett-reduced, |f̂ᵢ| ≤ q/2.
  /// Requires |fᵢ| < q on input (coefficients grow by at most q per layer, to below 8q).
  @inline(__always)
  static func ntt(_ f: UnsafeMutablePointer<Int16>) {
    let zetas = MLKEMTables.zetas
    var zetaIndex = 1
    var len = 128
    while len >= 8 {
      nttLayer(f, len: len, zetas: zetas + zetaIndex)
      zetaIndex &+= 128 / len
      len &>>= 1
    }
    nttLayers4And2(f, zetas: zetas)
  }

  /// One layer of Algorithm 9 with butterflies len ≥ 8 apart; ζ for the b-th block is zetas[b].
  @inline(never)
  static func nttLayer(_ f: UnsafeMutablePointer<Int16>, len: Int, zetas: UnsafePointer<Int16>) {
    var start = 0
    var b = 0
    while start < 256 {
      let zeta = MLKEMField8.Vector(repeating: zetas[b])
      var j = start
      while j < start &+ len {
        let x = MLKEMField8.load(f + j)
        let t = MLKEMField8.multiply(zeta, MLKEMField8.load(f + (j &+ len)))
        MLKEMField8.store(x &+ t, f + j)
        MLKEMField8.store(x &- t, f + (j &+ len))
        j &+= 8
      }
      start &+= 2 &* len
      b &+= 1
    }
  }

  /// The last two layers of Algorithm 9 (len = 4, ζ index 32 + start/8; len = 2, ζ index
  /// 64 + start/4), then the Barrett reduction of the output, sixteen coefficients at a time.
  @inline(never)
  static func nttLayers4And2(_ f: UnsafeMutablePointer<Int16>, zetas: UnsafePointer<Int16>) {
    typealias V = MLKEMField8.Vector
    for start in stride(from: 0, to: 256, by: 16) {
      // len = 4
      var (x, y) = splitHalves(MLKEMField8.load(f + start), MLKEMField8.load(f + (start &+ 8)))
      let z0 = zetas[32 &+ start &>> 3]
      let z1 = zetas[33 &+ start &>> 3]
      var t = MLKEMField8.multiply(V(z0, z0, z0, z0, z1, z1, z1, z1), y)
      var (a, b) = joinHalves(x &+ t, x &- t)
      // len = 2
      (x, y) = splitPairs(a, b)
      let k = 64 &+ start &>> 2
      let z = V(
        zetas[k], zetas[k], zetas[k &+ 1], zetas[k &+ 1], zetas[k &+ 2], zetas[k &+ 2], zetas[k &+ 3], zetas[k &+ 3])
      t = MLKEMField8.multiply(z, y)
      (a, b) = joinPairs(x &+ t, x &- t)
      MLKEMField8.store(MLKEMField8.barrettReduce(a), f + start)
      MLKEMField8.store(MLKEMField8.barrettReduce(b), f + (start &+ 8))
    }
  }

  /// NTT⁻¹ (FIPS 203, Algorithm 10), in place, including the factor R that cancels the R⁻¹ left
  /// by `reduceAccumulator`; the output has |fᵢ| < q. Requires |f̂ᵢ| < q on input.
  ///
  /// Sums double each layer and differences are Montgomery-multiplied back below q, so with
  /// inputs below 4q every sum and difference fits in Int16: sums are Barrett-reduced only after
  /// the third and sixth layers (len = 8 and 64), when they may have reached 8q.
  @inline(__always)
  static func inverseNTT(_ f: UnsafeMutablePointer<Int16>) {
    let zetas = MLKEMTables.zetas
    inverseNTTLayers2And4(f, zetas: zetas)
    var zetaIndex = 31
    var len = 8
    while len <= 128 {
      inverseNTTLayer(f, len: len, zetas: zetas + zetaIndex, reduceSums: len == 8 || len == 64)
      zetaIndex &-= 128 / len
      len &<<= 1
    }
    inverseNTTScale(f)
  }

  /// The first two layers of Algorithm 10 (len = 2: block b uses ζ index 127 − b; len = 4:
  /// block b uses ζ index 63 − b), sixteen coefficients at a time.
  @inline(never)
  static func inverseNTTLayers2And4(_ f: UnsafeMutablePointer<Int16>, zetas: UnsafePointer<Int16>) {
    typealias V = MLKEMField8.Vector
    for start in stride(from: 0, to: 256, by: 16) {
      // len = 2
      var (x, y) = splitPairs(MLKEMField8.load(f + start), MLKEMField8.load(f + (start &+ 8)))
      let k = 127 &- start &>> 2
      let z = V(
        zetas[k], zetas[k], zetas[k &- 1], zetas[k &- 1], zetas[k &- 2], zetas[k &- 2], zetas[k &- 3], zetas[k &- 3])
      var (a, b) = joinPairs(x &+ y, MLKEMField8.multiply(z, y &- x))
      // len = 4
      (x, y) = splitHalves(a, b)
      let z0 = zetas[63 &- start &>> 3]
      let z1 = zetas[62 &- start &>> 3]
      (a, b) = joinHalves(x &+ y, MLKEMField8.multiply(V(z0, z0, z0, z0, z1, z1, z1, z1), y &- x))
      MLKEMField8.store(a, f + start)
      MLKEMField8.store(b, f + (start &+ 8))
    }
  }

  /// One layer of Algorithm 10 with butterflies len ≥ 8 apart; ζ for the b-th block is
  /// zetas[−b]. Sums are Barrett-reduced when `reduceSums`.
  @inline(never)
  static func inverseNTTLayer(
    _ f: UnsafeMutablePointer<Int16>, len: Int, zetas: UnsafePointer<Int16>, reduceSums: Bool
  ) {
    var start = 0
    var b = 0
    while start < 256 {
      let zeta = MLKEMField8.Vector(repeating: zetas[-b])
      var j = start
      while j < start &+ len {
        let x = MLKEMField8.load(f + j)
        let y = MLKEMField8.load(f + (j &+ len))
        let sum = x &+ y
        MLKEMField8.store(reduceSums ? MLKEMField8.barrettReduce(sum) : sum, f + j)
        MLKEMField8.store(MLKEMField8.multiply(zeta, y &- x), f + (j &+ len))
        j &+= 8
      }
      start &+= 2 &* len
      b &+= 1
    }
  }

  /// f · (R² / 128) · R⁻¹: the final scaling of Algorithm 10 (line 14).
  @inline(never)
  static func inverseNTTScale(_ f: UnsafeMutablePointer<Int16>) {
    let scale = MLKEMField8.Vector(repeating: Field.inverseNTTScale)
    for j in stride(from: 0, to: 256, by: 8) {
      MLKEMField8.store(MLKEMField8.multiply(MLKEMField8.load(f + j), scale), f + j)
    }
  }

  /// From blocks a = (x₀ … x₃, y₀ … y₃) and b = (x₄ … x₇, y₄ … y₇): (x₀ … x₇) and (y₀ … y₇).
  @inline(__always)
  static func splitHalves(
    _ a: MLKEMField8.Vector, _ b: MLKEMField8.Vector
  ) -> (MLKEMField8.Vector, MLKEMField8.Vector) {
    (
      MLKEMField8.Vector(lowHalf: a.lowHalf, highHalf: b.lowHalf),
      MLKEMField8.Vector(lowHalf: a.highHalf, highHalf: b.highHalf)
    )
  }

  /// The inverse of `splitHalves`.
  @inline(__always)
  static func joinHalves(
    _ x: MLKEMField8.Vector, _ y: MLKEMField8.Vector
  ) -> (MLKEMField8.Vector, MLKEMField8.Vector) {
    (
      MLKEMField8.Vector(lowHalf: x.lowHalf, highHalf: y.lowHalf),
      MLKEMField8.Vector(lowHalf: x.highHalf, highHalf: y.highHalf)
    )
  }

  /// From a = (x₀ x₁ y₀ y₁ x₂ x₃ y₂ y₃) and b = (x₄ x₅ y₄ y₅ x₆ x₇ y₆ y₇): (x₀ … x₇) and (y₀ … y₇).
  @inline(__always)
  static func splitPairs(
    _ a: MLKEMField8.Vector, _ b: MLKEMField8.Vector
  ) -> (MLKEMField8.Vector, MLKEMField8.Vector) {
    let a32 = unsafeBitCast(a, to: SIMD4<Int32>.self)
    let b32 = unsafeBitCast(b, to: SIMD4<Int32>.self)
    let x = SIMD4<Int32>(lowHalf: a32.evenHalf, highHalf: b32.evenHalf)
    let y = SIMD4<Int32>(lowHalf: a32.oddHalf, highHalf: b32.oddHalf)
    return (unsafeBitCast(x, to: MLKEMField8.Vector.self), unsafeBitCast(y, to: MLKEMField8.Vector.self))
  }

  /// The inverse of `splitPairs`.
  @inline(__always)
  static func joinPairs(
    _ x: MLKEMField8.Vector, _ y: MLKEMField8.Vector
  ) -> (MLKEMField8.Vector, MLKEMField8.Vector) {
    let x32 = unsafeBitCast(x, to: SIMD4<Int32>.self)
    let y32 = unsafeBitCast(y, to: SIMD4<Int32>.self)
    let a = SIMD4<Int32>(x32[0], y32[0], x32[1], y32[1])
    let b = SIMD4<Int32>(x32[2], y32[2], x32[3], y32[3])
    return (unsafeBitCast(a, to: MLKEMField8.Vector.self), unsafeBitCast(b, to: MLKEMField8.Vector.self))
  }

  // MARK: Multiplication in T_q

  /// The operands of b̂'s base multiplications (FIPS 203, Algorithm 12), computed once per b̂ and
  /// reused for every row it multiplies: for pair i, c₀ = â₀b₀ + â₁(b₁γᵢ) needs (b₀, b₁γᵢ) and
  /// c₁ = â₀b₁ + â₁b₀ needs (b₁, b₀). For each group of four pairs, the cache holds the four
  /// (b₀, b₁γ) then the four (b₁, b₀): 512 values.
  static let multiplyCacheCount = 512

  /// Fills `cache` (`multiplyCacheCount` values) for b̂.
  @inline(__always)
  static func makeMultiplyCache(_ cache: UnsafeMutablePointer<Int16>, _ b: UnsafePointer<Int16>) {
    let gammas = MLKEMTables.gammas
    for i in 0..<128 {
      let b0 = b[2 &* i]
      let b1 = b[2 &* i &+ 1]
      let group = cache + 16 &* (i &>> 2) + 2 &* (i & 3)
      group[0] = b0
      group[1] = Field.multiply(b1, gammas[i])
      group[8] = b1
      group[9] = b0
    }
  }

  /// acc += â × b̂ in T_q (FIPS 203, Algorithm 11 with Algorithm 12 on each pair), unreduced in
  /// 32 bits. With |â|, |b̂|, |b₁γ| ≤ q, up to 4 products per accumulator stay below 2¹⁵ · q.
  /// Four pairs at a time: each 32-bit lane holds one pair (â₀, â₁), and each sum is the dot
  /// product of that pair with a cached pair.
  @inline(__always)
  static func multiplyAccumulate(
    _ acc: UnsafeMutablePointer<Int32>, _ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>,
    _ bCache: UnsafePointer<Int16>
  ) {
    typealias Lanes = SIMD4<Int32>
    for group in 0..<32 {
      let pairs = UnsafeRawPointer(a + 8 &* group).loadUnaligned(as: Lanes.self)
      let even = UnsafeRawPointer(bCache + 16 &* group).loadUnaligned(as: Lanes.self)
      let odd = UnsafeRawPointer(bCache + (16 &* group &+ 8)).loadUnaligned(as: Lanes.self)
      let a0 = (pairs &<< 16) &>> 16
      let a1 = pairs &>> 16
      let c0 = a0 &* ((even &<< 16) &>> 16) &+ a1 &* (even &>> 16)
      let c1 = a0 &* ((odd &<< 16) &>> 16) &+ a1 &* (odd &>> 16)
      let out = UnsafeMutableRawPointer(acc + 8 &* group)
      let low = out.loadUnaligned(as: Lanes.self) &+ Lanes(c0[0], c1[0], c0[1], c1[1])
      let high = out.loadUnaligned(fromByteOffset: 16, as: Lanes.self) &+ Lanes(c0[2], c1[2], c0[3], c1[3])
      out.storeBytes(of: low, as: Lanes.self)
      out.storeBytes(of: high, toByteOffset: 16, as: Lanes.self)
    }
  }

  /// r = acc · R⁻¹ mod q, with |rᵢ| < q.
  @inline(__always)
  static func reduceAccumulator(_ acc: UnsafePointer<Int32>, into r: UnsafeMutablePointer<Int16>) {
    for j in 0..<256 { r[j] = Field.montgomeryReduce(acc[j]) }
  }

  // MARK: Sampling

  /// SampleNTT (FIPS 203, Algorithm 7): Â[row, column] from SHAKE128(ρ ‖ column ‖ row), by
  /// rejecting 12-bit values ≥ q. The output is in [0, q). ρ is public, so the loop may branch.
  @inline(__always)
  static func sampleNTT(_ a: UnsafeMutablePointer<Int16>, rho: UnsafePointer<UInt8>, row: Int, column: Int) {
    var xof = SHAKE128()
    xof.absorb(UnsafeRawBufferPointer(start: rho, count: 32))
    var indices = (UInt8(truncatingIfNeeded: column), UInt8(truncatingIfNeeded: row))
    withUnsafeBytes(of: &indices) { xof.absorb($0) }
    var n = 0
    while n < 256 {
      n = xof.squeezeBlock { block -> Int in
        var n = n
        guard let bytes = block.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return n }
        let blockCount = block.count
        var p = 0
        // While two more values always fit, write both and advance by the acceptance bits.
        while p &+ 3 <= blockCount && n <= 254 {
          let b0 = UInt16(bytes[p])
          let b1 = UInt16(bytes[p &+ 1])
          let b2 = UInt16(bytes[p &+ 2])
          let d1 = b0 | ((b1 & 0x0F) &<< 8)
          let d2 = (b1 &>> 4) | (b2 &<< 4)
          a[n] = Int16(truncatingIfNeeded: d1)
          n &+= Int(truncatingIfNeeded: (d1 &- 3329) &>> 15)
          a[n] = Int16(truncatingIfNeeded: d2)
          n &+= Int(truncatingIfNeeded: (d2 &- 3329) &>> 15)
          p &+= 3
        }
        while p &+ 3 <= blockCount && n < 256 {
          let b0 = UInt16(bytes[p])
          let b1 = UInt16(bytes[p &+ 1])
          let b2 = UInt16(bytes[p &+ 2])
          let d1 = b0 | ((b1 & 0x0F) &<< 8)
          let d2 = (b1 &>> 4) | (b2 &<< 4)
          if d1 < 3329 {
            a[n] = Int16(truncatingIfNeeded: d1)
            n &+= 1
          }
          if d2 < 3329 && n < 256 {
            a[n] = Int16(truncatingIfNeeded: d2)
            n &+= 1
          }
          p &+= 3
        }
        return n
      }
    }
  }

  /// SamplePolyCBD_η(PRF_η(s, b)) (FIPS 203, Algorithm 8 over the PRF of Section 4.1,
  /// SHAKE256(s ‖ b) of 64η bytes). `buffer` holds 64η bytes of scratch; the caller wipes it.
  @inline(__always)
  static func sampleCBD(
    _ f: UnsafeMutablePointer<Int16>, eta: Int, seed s: UnsafePointer<UInt8>, nonce b: UInt8,
    buffer: UnsafeMutablePointer<UInt8>
  ) {
    var prf = SHAKE256()
    prf.absorb(UnsafeRawBufferPointer(start: s, count: 32))
    var nonce = b
    withUnsafeBytes(of: &nonce) { prf.absorb($0) }
    prf.squeeze(into: UnsafeMutableRawBufferPointer(start: buffer, count: 64 &* eta))
    prf.erase()
    if eta == 2 {
      // Each 4 bits give one coefficient: (b₀ + b₁) − (b₂ + b₃).
      for word in 0..<32 {
        let t = UInt32(littleEndian: UnsafeRawPointer(buffer).loadUnaligned(fromByteOffset: 4 &* word, as: UInt32.self))
        let d = (t & 0x5555_5555) &+ ((t &>> 1) & 0x5555_5555)
        for j in 0..<8 {
          let x = Int16(truncatingIfNeeded: (d &>> (4 &* UInt32(j))) & 3)
          let y = Int16(truncatingIfNeeded: (d &>> (4 &* UInt32(j) &+ 2)) & 3)
          f[8 &* word &+ j] = x &- y
        }
      }
    } else {
      // η = 3: each 6 bits give one coefficient: (b₀ + b₁ + b₂) − (b₃ + b₄ + b₅).
      for group in 0..<64 {
        let p = 3 &* group
        let t = UInt32(buffer[p]) | (UInt32(buffer[p &+ 1]) &<< 8) | (UInt32(buffer[p &+ 2]) &<< 16)
        let d = (t & 0x0024_9249) &+ ((t &>> 1) & 0x0024_9249) &+ ((t &>> 2) & 0x0024_9249)
        for j in 0..<4 {
          let x = Int16(truncatingIfNeeded: (d &>> (6 &* UInt32(j))) & 7)
          let y = Int16(truncatingIfNeeded: (d &>> (6 &* UInt32(j) &+ 3)) & 7)
          f[4 &* group &+ j] = x &- y
        }
      }
    }
  }

  // MARK: Encoding and compression

  /// ByteEncode₁₂ (FIPS 203, Algorithm 5, d = 12) of a polynomial with coefficients in [0, q):
  /// 384 bytes.
  @inline(__always)
  static func byteEncode12(_ f: UnsafePointer<Int16>, into out: UnsafeMutablePointer<UInt8>) {
    for i in 0..<128 {
      let a0 = UInt16(bitPattern: f[2 &* i])
      let a1 = UInt16(bitPattern: f[2 &* i &+ 1])
      out[3 &* i] = UInt8(truncatingIfNeeded: a0)
      out[3 &* i &+ 1] = UInt8(truncatingIfNeeded: (a0 &>> 8) | (a1 &<< 4))
      out[3 &* i &+ 2] = UInt8(truncatingIfNeeded: a1 &>> 4)
    }
  }

  /// ByteDecode₁₂ (FIPS 203, Algorithm 6, d = 12) of 384 bytes, each value taken mod q as the
  /// algorithm specifies; the output is in [0, q). Constant time (used on dk_PKE).
  @inline(__always)
  static func byteDecode12(_ bytes: UnsafePointer<UInt8>, into f: UnsafeMutablePointer<Int16>) {
    for i in 0..<128 {
      let b0 = UInt16(bytes[3 &* i])
      let b1 = UInt16(bytes[3 &* i &+ 1])
      let b2 = UInt16(bytes[3 &* i &+ 2])
      let d1 = Int16(bitPattern: b0 | ((b1 & 0x0F) &<< 8))
      let d2 = Int16(bitPattern: (b1 &>> 4) | (b2 &<< 4))
      f[2 &* i] = Field.subtractQIfNeeded(d1)
      f[2 &* i &+ 1] = Field.subtractQIfNeeded(d2)
    }
  }

  /// Whether all 256 values of a ByteEncode₁₂ string are below q: the modulus check of FIPS 203,
  /// Section 7.2, on one polynomial of a public key (public data).
  @inline(__always)
  static func isReduced12(_ bytes: UnsafePointer<UInt8>) -> Bool {
    var tooLarge: UInt16 = 0
    for i in 0..<128 {
      let b0 = UInt16(bytes[3 &* i])
      let b1 = UInt16(bytes[3 &* i &+ 1])
      let b2 = UInt16(bytes[3 &* i &+ 2])
      let d1 = b0 | ((b1 & 0x0F) &<< 8)
      let d2 = (b1 &>> 4) | (b2 &<< 4)
      // (3328 − d) has its top bit set exactly when d ≥ q.
      tooLarge |= (3328 &- d1) | (3328 &- d2)
    }
    return tooLarge & 0x8000 == 0
  }

  /// Compress_d(x) (FIPS 203, eq. 4.7) for x in [0, q) and d ≤ 11: round(2ᵈ/q · x) mod 2ᵈ.
  /// The division by q is a multiplication by ⌈2³³/q⌉ and a shift, exact for every input here.
  @inline(__always)
  static func compress(_ x: Int16, bits d: Int) -> UInt32 {
    let numerator = (UInt64(UInt16(bitPattern: x)) &<< UInt64(d)) &+ 1664
    let quotient = UInt32(truncatingIfNeeded: (numerator &* 2_580_335) &>> 33)
    return quotient & ((1 &<< UInt32(d)) &- 1)
  }

  /// Decompress_d(y) (FIPS 203, eq. 4.8): round(q/2ᵈ · y).
  @inline(__always)
  static func decompress(_ y: UInt32, bits d: Int) -> Int16 {
    Int16(truncatingIfNeeded: (y &* 3329 &+ (1 &<< UInt32(d &- 1))) &>> UInt32(d))
  }

  /// ByteEncode_d(Compress_d(f)) (FIPS 203, Algorithm 5 and eq. 4.7) for d < 12: 32d bytes.
  /// Reduces f to [0, q) first. Eight coefficients fill exactly d bytes; with d a constant of the
  /// parameter set, the group's shifts and stores unroll to straight-line code.
  @inline(__always)
  static func compressAndEncode(_ f: UnsafePointer<Int16>, bits d: Int, into out: UnsafeMutablePointer<UInt8>) {
    for group in 0..<32 {
      var low: UInt64 = 0
      var high: UInt64 = 0
      for j in 0..<8 {
        let value = UInt64(compress(Field.canonical(f[8 &* group &+ j]), bits: d))
        let shift = j &* d
        if shift < 64 {
          low |= value &<< UInt64(shift)
          if shift &+ d > 64 { high |= value &>> UInt64(64 &- shift) }
        } else {
          high |= value &<< UInt64(shift &- 64)
        }
      }
      let o = out + d &* group
      if d >= 8 {
        UnsafeMutableRawPointer(o).storeBytes(of: low.littleEndian, as: UInt64.self)
        for b in 0..<(d &- 8) { o[8 &+ b] = UInt8(truncatingIfNeeded: high &>> UInt64(8 &* b)) }
      } else {
        for b in 0..<d { o[b] = UInt8(truncatingIfNeeded: low &>> UInt64(8 &* b)) }
      }
    }
  }

  /// Decompress_d(ByteDecode_d(bytes)) (FIPS 203, Algorithm 6 and eq. 4.8) for d < 12, from 32d
  /// bytes, eight coefficients (d bytes) at a time; the output is in [0, q).
  @inline(__always)
  static func decodeAndDecompress(_ bytes: UnsafePointer<UInt8>, bits d: Int, into f: UnsafeMutablePointer<Int16>) {
    let mask = (UInt64(1) &<< UInt64(d)) &- 1
    for group in 0..<32 {
      let p = bytes + d &* group
      var low: UInt64 = 0
      var high: UInt64 = 0
      if d >= 8 {
        low = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        for b in 0..<(d &- 8) { high |= UInt64(p[8 &+ b]) &<< UInt64(8 &* b) }
      } else {
        for b in 0..<d { low |= UInt64(p[b]) &<< UInt64(8 &* b) }
      }
      for j in 0..<8 {
        let shift = j &* d
        var value: UInt64
        if shift < 64 {
          value = low &>> UInt64(shift)
          if shift &+ d > 64 { value |= high &<< UInt64(64 &- shift) }
        } else {
          value = high &>> UInt64(shift &- 64)
        }
        f[8 &* group &+ j] = decompress(UInt32(truncatingIfNeeded: value & mask), bits: d)
      }
    }
  }

  /// Decompress₁(ByteDecode₁(m)) (FIPS 203, Algorithm 14, line 20): bit i of m becomes ⌈q/2⌋ or 0,
  /// by masking, not branching (m is secret).
  @inline(__always)
  static func decodeMessage(_ m: UnsafePointer<UInt8>, into f: UnsafeMutablePointer<Int16>) {
    for i in 0..<256 {
      let bit = Int16((m[i &>> 3] &>> UInt8(i & 7)) & 1)
      f[i] = (0 &- bit) & 1665
    }
  }

  /// ByteEncode₁(Compress₁(w)) (FIPS 203, Algorithm 15, line 7): 32 bytes.
  @inline(__always)
  static func encodeMessage(_ w: UnsafePointer<Int16>, into m: UnsafeMutablePointer<UInt8>) {
    for i in 0..<32 {
      var byte: UInt32 = 0
      for j in 0..<8 { byte |= compress(Field.canonical(w[8 &* i &+ j]), bits: 1) &<< UInt32(j) }
      m[i] = UInt8(truncatingIfNeeded: byte)
    }
  }
}
