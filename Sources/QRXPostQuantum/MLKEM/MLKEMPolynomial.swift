import QRXPrimitives

// Operations on polynomials of R_q and T_q (FIPS 203, Sections 4.2 and 4.3). A polynomial is 256
// Int16 coefficients behind a pointer into the operation's scratch arena: no heap, no bounds
// checks and no Array growth in the hot loops. Nothing here branches or indexes memory on a
// coefficient, except SampleNTT's rejection loop, which reads only public bytes.

/// Polynomial arithmetic, sampling and encoding for ML-KEM.
enum MLKEMPolynomial {
  typealias Field = MLKEMField

  // MARK: NTT

  /// NTT (FIPS 203, Algorithm 9), in place; the output is Barrett-reduced, |f̂ᵢ| ≤ q/2.
  /// Requires |fᵢ| < q on input.
  @inline(__always)
  static func ntt(_ f: UnsafeMutablePointer<Int16>) {
    let zetas = MLKEMTables.zetas
    var i = 1
    var len = 128
    while len >= 2 {
      var start = 0
      while start < 256 {
        let zeta = zetas[i]
        i &+= 1
        let end = start &+ len
        var j = start
        while j < end {
          let t = Field.multiply(zeta, f[j &+ len])
          f[j &+ len] = f[j] &- t
          f[j] = f[j] &+ t
          j &+= 1
        }
        start = end &+ len
      }
      len &>>= 1
    }
    for j in 0..<256 { f[j] = Field.barrettReduce(f[j]) }
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
    var i = 127
    var len = 2
    while len <= 128 {
      let reduceSums = len == 8 || len == 64
      var start = 0
      while start < 256 {
        let zeta = zetas[i]
        i &-= 1
        let end = start &+ len
        var j = start
        if reduceSums {
          while j < end {
            let t = f[j]
            f[j] = Field.barrettReduce(t &+ f[j &+ len])
            f[j &+ len] = Field.multiply(zeta, f[j &+ len] &- t)
            j &+= 1
          }
        } else {
          while j < end {
            let t = f[j]
            f[j] = t &+ f[j &+ len]
            f[j &+ len] = Field.multiply(zeta, f[j &+ len] &- t)
            j &+= 1
          }
        }
        start = end &+ len
      }
      len &<<= 1
    }
    for j in 0..<256 { f[j] = Field.multiply(f[j], Field.inverseNTTScale) }
  }

  // MARK: Multiplication in T_q

  /// The odd coefficients of b̂ times their γ (FIPS 203, Algorithm 12, the b₁γ term), computed once
  /// per b̂ and reused for every row it multiplies. `cache` holds 128 values.
  @inline(__always)
  static func makeMultiplyCache(_ cache: UnsafeMutablePointer<Int16>, _ b: UnsafePointer<Int16>) {
    let gammas = MLKEMTables.gammas
    for i in 0..<128 { cache[i] = Field.multiply(b[2 &* i &+ 1], gammas[i]) }
  }

  /// acc += â × b̂ in T_q (FIPS 203, Algorithm 11 with Algorithm 12 on each pair), unreduced in
  /// 32 bits. With |â|, |b̂|, |cache| ≤ q, up to 4 products per accumulator stay below 2¹⁵ · q.
  @inline(__always)
  static func multiplyAccumulate(
    _ acc: UnsafeMutablePointer<Int32>, _ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>,
    _ bCache: UnsafePointer<Int16>
  ) {
    var i = 0
    while i < 128 {
      let a0 = Int32(a[2 &* i])
      let a1 = Int32(a[2 &* i &+ 1])
      let b0 = Int32(b[2 &* i])
      let b1 = Int32(b[2 &* i &+ 1])
      acc[2 &* i] &+= a0 &* b0 &+ a1 &* Int32(bCache[i])
      acc[2 &* i &+ 1] &+= a0 &* b1 &+ a1 &* b0
      i &+= 1
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
