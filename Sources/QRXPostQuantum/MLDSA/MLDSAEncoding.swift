// Byte encodings of ML-DSA (FIPS 204, Section 7.1 and 7.2). Bits are packed least significant
// first (IntegerToBits then BitsToBytes). Packing and unpacking loop only over public counts, so
// they run in constant time on secret coefficients.

enum MLDSAEncoding {
  /// SimpleBitPack (FIPS 204, Algorithm 16) of 256 values already in [0, 2^bits): writes 32·bits bytes.
  @inline(__always)
  static func simpleBitPack(_ w: UnsafePointer<Int32>, bits: Int, into out: UnsafeMutableRawPointer) {
    var accumulator: UInt64 = 0
    var held = 0
    var position = 0
    for i in 0..<256 {
      accumulator |= UInt64(UInt32(bitPattern: w[i])) &<< UInt64(held)
      held &+= bits
      while held >= 8 {
        out.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: position, as: UInt8.self)
        accumulator &>>= 8
        held &-= 8
        position &+= 1
      }
    }
  }

  /// BitPack(w, a, b) (FIPS 204, Algorithm 17) for coefficients in [−a, b]: packs b − w_i in `bits` bits.
  @inline(__always)
  static func bitPack(
    _ w: UnsafePointer<Int32>, bits: Int, upper b: Int32, into out: UnsafeMutableRawPointer
  ) {
    var accumulator: UInt64 = 0
    var held = 0
    var position = 0
    for i in 0..<256 {
      accumulator |= UInt64(UInt32(bitPattern: b &- w[i])) &<< UInt64(held)
      held &+= bits
      while held >= 8 {
        out.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: position, as: UInt8.self)
        accumulator &>>= 8
        held &-= 8
        position &+= 1
      }
    }
  }

  /// SimpleBitUnpack (FIPS 204, Algorithm 18): 256 values of `bits` bits from 32·bits bytes.
  @inline(__always)
  static func simpleBitUnpack(_ v: UnsafeRawBufferPointer, bits: Int, into w: UnsafeMutablePointer<Int32>) {
    let mask = (UInt64(1) &<< UInt64(bits)) &- 1
    var accumulator: UInt64 = 0
    var held = 0
    var position = 0
    for i in 0..<256 {
      while held < bits {
        accumulator |= UInt64(v[position]) &<< UInt64(held)
        position &+= 1
        held &+= 8
      }
      w[i] = Int32(truncatingIfNeeded: accumulator & mask)
      accumulator &>>= UInt64(bits)
      held &-= bits
    }
  }

  /// BitUnpack(v, a, b) (FIPS 204, Algorithm 19): w_i = b − (the i-th `bits`-bit value).
  @inline(__always)
  static func bitUnpack(
    _ v: UnsafeRawBufferPointer, bits: Int, upper b: Int32, into w: UnsafeMutablePointer<Int32>
  ) {
    simpleBitUnpack(v, bits: bits, into: w)
    for i in 0..<256 { w[i] = b &- w[i] }
  }

  /// pkEncode(ρ, t1) (FIPS 204, Algorithm 22): ρ ‖ SimpleBitPack(t1[i], 2^10 − 1) for each i.
  static func encodePublicKey<P: MLDSAParameterSet>(
    _: P.Type, rho: UnsafeRawBufferPointer, t1: UnsafePointer<Int32>, into pk: UnsafeMutableRawBufferPointer
  ) {
    pk.copyMemory(from: UnsafeRawBufferPointer(rebasing: rho[0..<32]))
    let base = pk.baseAddress! + 32
    for i in 0..<P.k { simpleBitPack(t1 + i &* 256, bits: 10, into: base + i &* 320) }
  }

  /// The t1 part of pkDecode (FIPS 204, Algorithm 23); ρ is the first 32 bytes. Every 10-bit value
  /// is a valid coefficient, so only the length (checked by the caller) can be wrong.
  static func decodePublicKeyT1<P: MLDSAParameterSet>(
    _: P.Type, pk: UnsafeRawBufferPointer, into t1: UnsafeMutablePointer<Int32>
  ) {
    for i in 0..<P.k {
      let start = 32 &+ i &* 320
      simpleBitUnpack(UnsafeRawBufferPointer(rebasing: pk[start..<(start &+ 320)]), bits: 10, into: t1 + i &* 256)
    }
  }

  /// Byte offsets of the fields of an encoded private key (FIPS 204, Algorithm 24).
  struct PrivateKeyLayout<P: MLDSAParameterSet> {
    static var rho: Int { 0 }
    static var key: Int { 32 }
    static var tr: Int { 64 }
    static var s1: Int { 128 }
    static var s2: Int { s1 &+ P.l &* 32 &* P.etaBits }
    static var t0: Int { s2 &+ P.k &* 32 &* P.etaBits }
  }

  /// skEncode(ρ, K, tr, s1, s2, t0) (FIPS 204, Algorithm 24). `s` holds s1 then s2.
  static func encodePrivateKey<P: MLDSAParameterSet>(
    _: P.Type, rho: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, tr: UnsafeRawBufferPointer,
    s: UnsafePointer<Int32>, t0: UnsafePointer<Int32>, into sk: UnsafeMutableRawBufferPointer
  ) {
    typealias Layout = PrivateKeyLayout<P>
    let base = sk.baseAddress!
    (base + Layout.rho).copyMemory(from: rho.baseAddress!, byteCount: 32)
    (base + Layout.key).copyMemory(from: key.baseAddress!, byteCount: 32)
    (base + Layout.tr).copyMemory(from: tr.baseAddress!, byteCount: 64)
    let etaBytes = 32 &* P.etaBits
    for i in 0..<(P.l &+ P.k) {
      bitPack(s + i &* 256, bits: P.etaBits, upper: P.eta, into: base + (Layout.s1 &+ i &* etaBytes))
    }
    for i in 0..<P.k {
      bitPack(t0 + i &* 256, bits: mldsaD, upper: 1 &<< 12, into: base + (Layout.t0 &+ i &* 32 &* mldsaD))
    }
  }

  /// The s1, s2 and t0 parts of skDecode (FIPS 204, Algorithm 25) into `s` (s1 then s2) and `t0`.
  /// Returns false if a coefficient of s1 or s2 lies outside [−η, η] (an encoded value above 2η);
  /// the check reads every coefficient and does not branch on them. Every 13-bit t0 value is valid.
  static func decodePrivateKeyVectors<P: MLDSAParameterSet>(
    _: P.Type, sk: UnsafeRawBufferPointer, s: UnsafeMutablePointer<Int32>, t0: UnsafeMutablePointer<Int32>
  ) -> Bool {
    typealias Layout = PrivateKeyLayout<P>
    let etaBytes = 32 &* P.etaBits
    var outOfRange: Int32 = 0
    for i in 0..<(P.l &+ P.k) {
      let start = Layout.s1 &+ i &* etaBytes
      let poly = s + i &* 256
      simpleBitUnpack(UnsafeRawBufferPointer(rebasing: sk[start..<(start &+ etaBytes)]), bits: P.etaBits, into: poly)
      for j in 0..<256 {
        // 2η − value is negative exactly when the value is out of range.
        outOfRange |= (2 &* P.eta &- poly[j])
        poly[j] = P.eta &- poly[j]
      }
    }
    let t0Bytes = 32 &* mldsaD
    for i in 0..<P.k {
      let start = Layout.t0 &+ i &* t0Bytes
      bitUnpack(
        UnsafeRawBufferPointer(rebasing: sk[start..<(start &+ t0Bytes)]), bits: mldsaD, upper: 1 &<< 12,
        into: t0 + i &* 256)
    }
    return outOfRange >= 0
  }

  /// w1Encode(w1) (FIPS 204, Algorithm 28): SimpleBitPack(w1[i], (q − 1)/(2γ2) − 1) for each i.
  static func encodeW1<P: MLDSAParameterSet>(_: P.Type, _ w1: UnsafePointer<Int32>, into out: UnsafeMutableRawPointer) {
    let polyBytes = 32 &* P.w1Bits
    for i in 0..<P.k { simpleBitPack(w1 + i &* 256, bits: P.w1Bits, into: out + i &* polyBytes) }
  }

  /// sigEncode(c̃, z mod± q, h) (FIPS 204, Algorithm 26), with HintBitPack (Algorithm 20). `z` is
  /// centered, `h` holds 0/1 coefficients with at most ω ones (checked by the signer).
  static func encodeSignature<P: MLDSAParameterSet>(
    _: P.Type, challenge: UnsafeRawBufferPointer, z: UnsafePointer<Int32>, h: UnsafePointer<Int32>,
    into sigma: UnsafeMutableRawBufferPointer
  ) {
    let base = sigma.baseAddress!
    base.copyMemory(from: challenge.baseAddress!, byteCount: P.challengeByteCount)
    let zBytes = 32 &* P.zBits
    let zStart = P.challengeByteCount
    for i in 0..<P.l {
      bitPack(z + i &* 256, bits: P.zBits, upper: P.gamma1, into: base + (zStart &+ i &* zBytes))
    }
    // HintBitPack: the positions of the ones, then after ω bytes the running count per polynomial.
    // The hint is part of the published signature, so its positions are not secret.
    let y = base + (zStart &+ P.l &* zBytes)
    y.initializeMemory(as: UInt8.self, repeating: 0, count: P.omega &+ P.k)
    var index = 0
    for i in 0..<P.k {
      for j in 0..<256 where h[i &* 256 &+ j] != 0 {
        y.storeBytes(of: UInt8(truncatingIfNeeded: j), toByteOffset: index, as: UInt8.self)
        index &+= 1
      }
      y.storeBytes(of: UInt8(truncatingIfNeeded: index), toByteOffset: P.omega &+ i, as: UInt8.self)
    }
  }

  /// sigDecode(σ) (FIPS 204, Algorithm 27) for a signature of the right length: c̃ is the first
  /// λ/4 bytes; z and h are written out. Returns false if the hint is malformed (HintBitUnpack,
  /// Algorithm 21, returns ⊥).
  static func decodeSignature<P: MLDSAParameterSet>(
    _: P.Type, _ sigma: UnsafeRawBufferPointer, z: UnsafeMutablePointer<Int32>, h: UnsafeMutablePointer<Int32>
  ) -> Bool {
    let zBytes = 32 &* P.zBits
    let zStart = P.challengeByteCount
    for i in 0..<P.l {
      let start = zStart &+ i &* zBytes
      bitUnpack(
        UnsafeRawBufferPointer(rebasing: sigma[start..<(start &+ zBytes)]), bits: P.zBits, upper: P.gamma1,
        into: z + i &* 256)
    }
    let y = UnsafeRawBufferPointer(rebasing: sigma[(zStart &+ P.l &* zBytes)...])
    h.update(repeating: 0, count: P.k &* 256)
    var index = 0
    for i in 0..<P.k {
      let limit = Int(y[P.omega &+ i])
      if limit < index || limit > P.omega { return false }
      let first = index
      while index < limit {
        if index > first && y[index &- 1] >= y[index] { return false }
        h[i &* 256 &+ Int(y[index])] = 1
        index &+= 1
      }
    }
    while index < P.omega {
      if y[index] != 0 { return false }
      index &+= 1
    }
    return true
  }
}
