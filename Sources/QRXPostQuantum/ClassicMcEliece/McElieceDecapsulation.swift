import QRXPrimitives

// Decapsulation (round-4 specification, Section 9: Decode, Decap): recover e from C with the Goppa
// code's decoder — the syndrome of (C, 0, …, 0) for g², Berlekamp–Massey for the error locator, its
// roots among the support — check that e has weight t and the same syndrome, and hash
// K = SHAKE256(b ‖ e or s ‖ C) with b = 1 on success, 0 (and the stored s) otherwise. Constant time.

/// What a private key needs at decapsulation, derived once when the key is loaded: the support α
/// and 1/g(αᵢ)² for every position. Secret; scrubbed on release.
final class McElieceDecodingKey<P: McElieceParameterSet>: @unchecked Sendable {
  typealias GF = McElieceGF<P>
  /// α₀ … α_(n−1).
  let support: UnsafeMutableBufferPointer<UInt16>
  /// 1/g(αᵢ)².
  let inverseSquares: UnsafeMutableBufferPointer<UInt16>

  /// Reads g and the control bits from the private key bytes `sk` (already length-checked).
  init(privateKey sk: UnsafeRawBufferPointer) {
    let n = P.n
    let t = P.t
    support = mcelieceAllocate(n)
    inverseSquares = mcelieceAllocate(n)
    // α: the Beneš network applied to (bitrev(0), …, bitrev(2^m − 1)).
    let all: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(P.q)
    let g: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    defer {
      mcelieceRelease(all)
      mcelieceRelease(g)
    }
    for i in 0..<P.q { all[i] = GF.bitReverse(UInt16(i)) }
    let bitsStart = 40 + 2 * t
    let bits = UnsafeRawBufferPointer(rebasing: sk[bitsStart..<(bitsStart + P.controlBitsByteCount)])
    McElieceControlBits.apply(bits.assumingMemoryBound(to: UInt8.self), w: P.m, to: all)
    for i in 0..<n { support[i] = all[i] }
    for i in 0..<t { g[i] = (UInt16(sk[40 + 2 * i]) | (UInt16(sk[41 + 2 * i]) << 8)) & GF.mask }
    g[t] = 1
    for i in 0..<n {
      let v = GF.evaluate(UnsafeBufferPointer(g), at: support[i])
      inverseSquares[i] = GF.inverse(GF.square(v))
    }
  }

  deinit {
    mcelieceRelease(support)
    mcelieceRelease(inverseSquares)
  }
}

enum McElieceDecapsulation<P: McElieceParameterSet> {
  typealias GF = McElieceGF<P>

  /// The 2t syndrome values Σᵢ rᵢ·αᵢ^j / g(αᵢ)², j < 2t, of the bit vector r (first `positions` bits).
  static func syndrome(
    _ key: McElieceDecodingKey<P>, bits r: UnsafeBufferPointer<UInt8>, positions: Int,
    into s: UnsafeMutableBufferPointer<UInt16>
  ) {
    let twoT = 2 * P.t
    for j in 0..<twoT { s[j] = 0 }
    for i in 0..<positions {
      let mask = 0 &- UInt16((r[i >> 3] >> UInt8(i & 7)) & 1)
      var v = key.inverseSquares[i] & mask
      let alpha = key.support[i]
      for j in 0..<twoT {
        s[j] ^= v
        v = GF.mul(v, alpha)
      }
    }
  }

  /// Berlekamp–Massey in constant time: the error locator σ of the 2t syndromes, returned reversed
  /// (out[i] = σ_(t−i)), so that its roots are the support elements at the error positions.
  static func berlekampMassey(_ s: UnsafeBufferPointer<UInt16>, into out: UnsafeMutableBufferPointer<UInt16>) {
    let t = P.t
    let c: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    let b: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    let saved: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    defer {
      mcelieceRelease(c)
      mcelieceRelease(b)
      mcelieceRelease(saved)
    }
    c[0] = 1
    b[1] = 1
    var length: UInt16 = 0
    var previous: UInt16 = 1
    for step in 0..<(2 * t) {
      var d: UInt16 = 0
      for i in 0...min(step, t) { d ^= GF.mul(c[i], s[step - i]) }
      // nonzeroD: all ones when d ≠ 0; grow: all ones when also 2L ≤ step.
      let nonzeroD = ~GF.isZeroMask(d)
      let grow = nonzeroD & (0 &- (UInt16(truncatingIfNeeded: step &- 2 * Int(length)) >> 15 ^ 1))
      for i in 0...t { saved[i] = c[i] }
      let f = GF.mul(GF.inverse(previous), d)
      for i in 0...t { c[i] ^= GF.mul(f, b[i]) & nonzeroD }
      length = (length & ~grow) | ((UInt16(step + 1) &- length) & grow)
      for i in 0...t { b[i] = (b[i] & ~grow) | (saved[i] & grow) }
      previous = (previous & ~grow) | (d & grow)
      var i = t
      while i >= 1 {
        b[i] = b[i - 1]
        i -= 1
      }
      b[0] = 0
    }
    for i in 0...t { out[i] = c[t - i] }
  }

  /// Decode (Section 9.4): e from C; returns all ones in the low bit (1) on success — weight t and
  /// the syndrome of e equal to that of C — and 0 otherwise, without branching on either.
  static func decode(
    _ key: McElieceDecodingKey<P>, ciphertext: UnsafeRawBufferPointer, into e: UnsafeMutableBufferPointer<UInt8>
  ) -> UInt16 {
    let n = P.n
    let t = P.t
    let s: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(2 * t)
    let check: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(2 * t)
    let locator: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    let r: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(n / 8)
    defer {
      mcelieceRelease(s)
      mcelieceRelease(check)
      mcelieceRelease(locator)
      mcelieceRelease(r)
    }
    for i in 0..<ciphertext.count { r[i] = ciphertext[i] }
    syndrome(key, bits: UnsafeBufferPointer(r), positions: P.mt, into: s)
    berlekampMassey(UnsafeBufferPointer(s), into: locator)
    var weight: UInt16 = 0
    for i in 0..<(n / 8) { e[i] = 0 }
    for i in 0..<n {
      let root = GF.isZeroMask(GF.evaluate(UnsafeBufferPointer(locator), at: key.support[i])) & 1
      e[i >> 3] |= UInt8(root) << UInt8(i & 7)
      weight &+= root
    }
    syndrome(key, bits: UnsafeBufferPointer(e), positions: n, into: check)
    var difference = weight ^ UInt16(t)
    for j in 0..<(2 * t) { difference |= s[j] ^ check[j] }
    // 1 when difference = 0
    return UInt16(truncatingIfNeeded: (UInt32(difference) &- 1) >> 31)
  }

  /// Decap (Section 9.5): K = SHAKE256(b ‖ e ‖ C) when decoding succeeds (b = 1), else
  /// SHAKE256(0 ‖ s ‖ C) with the private key's s: a different but deterministic secret.
  static func decapsulate(
    _ key: McElieceDecodingKey<P>, privateKey sk: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer
  ) -> SecretBytes {
    let n8 = P.n / 8
    let preimage: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(1 + n8 + ciphertext.count)
    let e: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(n8)
    defer {
      mcelieceRelease(preimage)
      mcelieceRelease(e)
    }
    let success = decode(key, ciphertext: ciphertext, into: e)
    let keep = UInt8(truncatingIfNeeded: 0 &- success)  // all ones on success
    let sStart = P.privateKeyByteCount - n8
    preimage[0] = UInt8(truncatingIfNeeded: success)
    for i in 0..<n8 { preimage[1 + i] = (e[i] & keep) | (sk[sStart + i] & ~keep) }
    for i in 0..<ciphertext.count { preimage[1 + n8 + i] = ciphertext[i] }
    var shake = SHAKE256()
    shake.absorb(UnsafeRawBufferPointer(preimage))
    let key = SecretBytes(count: 32) { shake.squeeze(into: $0) }
    shake.erase()
    return key
  }
}
