import QRXPrimitives

// Decapsulation (round-4 specification, "Decoding subroutine", "Decapsulation"): recover e from C with the Goppa
// code's decoder — the syndrome of (C, 0, …, 0) for g², Berlekamp–Massey for the error locator, its
// roots among the support — check that e has weight t and the same syndrome, and hash
// K = SHAKE256(b ‖ e or s ‖ C) with b = 1 on success, 0 (and the stored s) otherwise. Constant time.

/// What a private key needs at decapsulation, derived once when the key is loaded: the support α
/// and the parity-check matrix of g², αᵢ^j / g(αᵢ)² for j < 2t, both bitsliced in chunks of 64
/// positions. Secret; scrubbed on release.
final class McElieceDecodingKey: @unchecked Sendable {
  /// ⌈n/64⌉.
  let chunks: Int
  /// Planes of α for chunk c at c·m (positions ≥ n hold 0).
  let supportPlanes: UnsafeMutableBufferPointer<UInt64>
  /// Planes of αᵢ^j / g(αᵢ)² for chunk c and row j at (c·2t + j)·m.
  let table: UnsafeMutableBufferPointer<UInt64>

  init(chunks: Int, supportPlanes: UnsafeMutableBufferPointer<UInt64>, table: UnsafeMutableBufferPointer<UInt64>) {
    self.chunks = chunks
    self.supportPlanes = supportPlanes
    self.table = table
  }

  /// Reads g and the control bits from the private key bytes `sk` (already length-checked).
  static func make<P: McElieceParameterSet>(_: P.Type, privateKey sk: UnsafeRawBufferPointer) -> McElieceDecodingKey {
    typealias GF = McElieceGF<P>
    typealias Sliced = McElieceBitsliced<P>
    let n = P.n
    let t = P.t
    let m = P.m
    let chunks = (n + 63) / 64
    let supportPlanes: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(chunks * m)
    let table: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(chunks * 2 * t * m)
    // α: the Beneš network applied to (bitrev(0), …, bitrev(2^m − 1)); the first n entries.
    let all: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(P.q)
    let g: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate((t + 1) * m)
    let work: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(3 * m + Sliced.scratchCount)
    defer {
      mcelieceRelease(all)
      mcelieceRelease(g)
      mcelieceRelease(work)
    }
    for i in 0..<P.q { all[i] = GF.bitReverse(UInt16(i)) }
    let bitsStart = 40 + 2 * t
    let bits = UnsafeRawBufferPointer(rebasing: sk[bitsStart..<(bitsStart + P.controlBitsByteCount)])
    McElieceControlBits.apply(bits.assumingMemoryBound(to: UInt8.self), w: m, to: all)
    for i in 0..<t {
      let coefficient = (UInt16(sk[40 + 2 * i]) | (UInt16(sk[41 + 2 * i]) << 8)) & GF.mask
      Sliced.broadcast(coefficient, into: g.baseAddress! + i * m)
    }
    Sliced.broadcast(1, into: g.baseAddress! + t * m)
    let value = work.baseAddress!
    let power = value + m
    let alpha = power + m
    let scratch = alpha + m
    for c in 0..<chunks {
      let lanes = UnsafeBufferPointer(rebasing: all[(64 * c)..<min(64 * c + 64, n)])
      Sliced.pack(lanes, into: supportPlanes.baseAddress! + c * m)
      for b in 0..<m { alpha[b] = supportPlanes[c * m + b] }
      Sliced.evaluate(g.baseAddress!, degree: t, at: alpha, into: value, scratch: scratch)
      Sliced.multiply(value, value, value, scratch: scratch)
      Sliced.inverse(power, value, scratch: scratch)
      for j in 0..<(2 * t) {
        let row = table.baseAddress! + (c * 2 * t + j) * m
        for b in 0..<m { row[b] = power[b] }
        Sliced.multiply(power, power, alpha, scratch: scratch)
      }
    }
    return McElieceDecodingKey(chunks: chunks, supportPlanes: supportPlanes, table: table)
  }

  deinit {
    mcelieceRelease(supportPlanes)
    mcelieceRelease(table)
  }
}

enum McElieceDecapsulation<P: McElieceParameterSet> {
  typealias GF = McElieceGF<P>
  typealias Sliced = McElieceBitsliced<P>

  /// The 2t syndrome values Σᵢ rᵢ·αᵢ^j / g(αᵢ)² of the bit vector r given as 64-bit words (chunk c
  /// at r[c], `count` chunks): AND with the table, fold, then the parity of each plane.
  static func syndrome(
    _ key: McElieceDecodingKey, words r: UnsafeBufferPointer<UInt64>, into s: UnsafeMutableBufferPointer<UInt16>,
    accumulator: UnsafeMutableBufferPointer<UInt64>
  ) {
    let m = P.m
    let rowCount = 2 * P.t * m
    for i in 0..<rowCount { accumulator[i] = 0 }
    let acc = accumulator.baseAddress!
    for c in 0..<r.count {
      let word = r[c]
      let rows = key.table.baseAddress! + c * rowCount
      for i in 0..<rowCount { acc[i] ^= rows[i] & word }
    }
    for j in 0..<(2 * P.t) {
      var v: UInt16 = 0
      for b in 0..<m { v |= UInt16(truncatingIfNeeded: acc[j * m + b].nonzeroBitCount & 1) << UInt16(b) }
      s[j] = v
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

  /// Decode (round-4 specification, "Decoding subroutine"): e from C; returns 1 on success — weight t and the syndrome of e equal
  /// to that of C — and 0 otherwise, without branching on either.
  static func decode(
    _ key: McElieceDecodingKey, ciphertext: UnsafeRawBufferPointer, into e: UnsafeMutableBufferPointer<UInt8>
  ) -> UInt16 {
    let n = P.n
    let t = P.t
    let m = P.m
    let chunks = key.chunks
    let s: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(2 * t)
    let check: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(2 * t)
    let locator: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t + 1)
    let words: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(chunks)
    let accumulator: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(2 * t * m)
    let planes: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate((t + 1) * m + 2 * m + Sliced.scratchCount)
    defer {
      mcelieceRelease(s)
      mcelieceRelease(check)
      mcelieceRelease(locator)
      mcelieceRelease(words)
      mcelieceRelease(accumulator)
      mcelieceRelease(planes)
    }
    // r = (C, 0, …, 0): only the first ⌈mt/64⌉ words can be nonzero.
    for i in 0..<ciphertext.count { words[i >> 3] |= UInt64(ciphertext[i]) << UInt64(8 * (i & 7)) }
    let rWords = (ciphertext.count + 7) / 8
    syndrome(key, words: UnsafeBufferPointer(rebasing: words[0..<rWords]), into: s, accumulator: accumulator)
    berlekampMassey(UnsafeBufferPointer(s), into: locator)
    // The roots of the locator among α: evaluate at 64 positions at a time.
    let coefficients = planes.baseAddress!
    for i in 0...t { Sliced.broadcast(locator[i], into: coefficients + i * m) }
    let value = coefficients + (t + 1) * m
    let scratch = value + m
    var weight = 0
    for c in 0..<chunks {
      Sliced.evaluate(
        coefficients, degree: t, at: key.supportPlanes.baseAddress! + c * m, into: value, scratch: scratch)
      var any: UInt64 = 0
      for b in 0..<m { any |= value[b] }
      let valid: UInt64 = n - 64 * c >= 64 ? ~0 : (1 << UInt64(n - 64 * c)) - 1
      let roots = ~any & valid
      words[c] = roots
      weight += roots.nonzeroBitCount
    }
    syndrome(key, words: UnsafeBufferPointer(words), into: check, accumulator: accumulator)
    var difference = UInt16(truncatingIfNeeded: weight) ^ UInt16(t)
    for j in 0..<(2 * t) { difference |= s[j] ^ check[j] }
    for i in 0..<(n / 8) { e[i] = UInt8(truncatingIfNeeded: words[i >> 3] >> UInt64(8 * (i & 7))) }
    // 1 when difference = 0
    return UInt16(truncatingIfNeeded: (UInt32(difference) &- 1) >> 31)
  }

  /// Decap (round-4 specification, "Decapsulation"): K = SHAKE256(b ‖ e ‖ C) when decoding succeeds (b = 1), else
  /// SHAKE256(0 ‖ s ‖ C) with the private key's s: a different but deterministic secret.
  static func decapsulate(
    _ key: McElieceDecodingKey, privateKey sk: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer
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
