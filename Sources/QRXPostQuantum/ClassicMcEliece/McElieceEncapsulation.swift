import QRXPrimitives

// Encapsulation (round-4 specification, "Fixed-weight-vector generation",
// "Encoding subroutine", "Encapsulation"): a random error
// vector e of weight t, C = He with H = [I | T], K = SHAKE256(1 ‖ e ‖ C).

enum McElieceEncapsulation<P: McElieceParameterSet> {
  /// FixedWeight (round-4 specification, "Fixed-weight-vector generation"), in the reference implementation's order of random draws: 2t
  /// little-endian 16-bit values (σ₁ = 16) masked to m bits; the first t below n are the positions
  /// (when n = 2^m all t values are used, drawn as t values); retry on too few or on a repetition.
  /// `e` receives ⌈n/64⌉ words, bit i of word w being position 64w + i.
  static func fixedWeight(_ random: any RandomSource, into e: UnsafeMutableBufferPointer<UInt64>) {
    let n = P.n
    let t = P.t
    let everyValueFits = n == P.q
    let drawCount = everyValueFits ? t : 2 * t
    let draws: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(2 * drawCount)
    let positions: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t)
    defer {
      mcelieceRelease(draws)
      mcelieceRelease(positions)
    }
    let mask = McElieceGF<P>.mask
    while true {
      random.fill(UnsafeMutableRawBufferPointer(draws))
      var count = 0
      for i in 0..<drawCount where count < t {
        let value = (UInt16(draws[2 * i]) | (UInt16(draws[2 * i + 1]) << 8)) & mask
        // The rejection of out-of-range values is the specification's; rejected values are discarded.
        if value < n {
          positions[count] = value
          count += 1
        }
      }
      if count < t { continue }
      var repeated: UInt32 = 0
      for i in 1..<t {
        for j in 0..<i {
          let d = UInt32(positions[i] ^ positions[j])
          repeated |= (d &- 1) >> 31
        }
      }
      if repeated == 0 { break }
    }
    // e as 64-bit words without indexing by a position: every word checks every position.
    for w in 0..<e.count {
      var word: UInt64 = 0
      for j in 0..<t {
        let p = positions[j]
        let d = UInt64(UInt16(truncatingIfNeeded: w) ^ (p >> 6))
        let same = 0 &- ((d &- 1) >> 63)
        word |= (1 << UInt64(p & 63)) & same
      }
      e[w] = word
    }
  }

  /// Encode (round-4 specification, "Encoding subroutine"): C = He = e[0..<mt] + T·e[mt..<n], from the public key T.
  static func encode(
    _ e: UnsafeBufferPointer<UInt64>, publicKey: UnsafeRawBufferPointer, into c: UnsafeMutableBufferPointer<UInt8>
  ) {
    let mt = P.mt
    let k = P.k
    let rowBytes = P.publicKeyRowByteCount
    let tailWords = (k + 63) / 64
    // e[mt..<n] as words (the words of e past n are zero).
    let tail: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(tailWords + 1)
    defer { mcelieceRelease(tail) }
    let shift = UInt64(mt & 63)
    for w in 0..<tailWords {
      let low = mt / 64 + w
      let next = low + 1 < e.count ? e[low + 1] : 0
      tail[w] = shift == 0 ? e[low] : (e[low] >> shift) | (next << (64 - shift))
    }
    for i in 0..<c.count { c[i] = 0 }
    let fullWords = rowBytes / 8
    for i in 0..<mt {
      let row = i * rowBytes
      var acc: UInt64 = 0
      for w in 0..<fullWords {
        acc ^= UInt64(littleEndian: publicKey.loadUnaligned(fromByteOffset: row + 8 * w, as: UInt64.self)) & tail[w]
      }
      var last: UInt64 = 0
      for b in (8 * fullWords)..<rowBytes { last |= UInt64(publicKey[row + b]) << UInt64(8 * (b - 8 * fullWords)) }
      acc ^= last & tail[fullWords]
      let parity = UInt8(truncatingIfNeeded: (acc.nonzeroBitCount & 1) ^ Int((e[i >> 6] >> UInt64(i & 63)) & 1))
      c[i >> 3] |= parity << UInt8(i & 7)
    }
  }

  /// Encap (round-4 specification, "Encapsulation"): e ← FixedWeight, C ← Encode(e, T), K ← SHAKE256(1 ‖ e ‖ C, 32 bytes).
  static func encapsulate(
    publicKey: UnsafeRawBufferPointer, random: any RandomSource
  ) -> (
    sharedSecret: SecretBytes, ciphertext: [UInt8]
  ) {
    let e: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate((P.n + 63) / 64)
    let eBytes: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(P.n / 8)
    defer {
      mcelieceRelease(e)
      mcelieceRelease(eBytes)
    }
    fixedWeight(random, into: e)
    for i in 0..<eBytes.count { eBytes[i] = UInt8(truncatingIfNeeded: e[i >> 3] >> UInt64(8 * (i & 7))) }
    var ciphertext = [UInt8](repeating: 0, count: P.ciphertextByteCount)
    ciphertext.withUnsafeMutableBufferPointer { c in
      encode(UnsafeBufferPointer(e), publicKey: publicKey, into: c)
    }
    var shake = SHAKE256()
    shake.absorb([1])
    shake.absorb(UnsafeRawBufferPointer(eBytes))
    shake.absorb(ciphertext)
    let key = SecretBytes(count: 32) { shake.squeeze(into: $0) }
    shake.erase()
    return (key, ciphertext)
  }
}
