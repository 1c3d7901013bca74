// Bitsliced GF(2^m) arithmetic: 64 field elements at once, stored as m words ("planes"), plane b
// holding bit b of each element (lane i = bit i of every plane). A product costs m² ANDs and XORs
// for 64 elements; nothing branches on or indexes by a value, so secrets stay in constant time.

enum McElieceBitsliced<P: McElieceParameterSet> {
  /// Words of scratch a product needs.
  static var scratchCount: Int { 2 * P.m - 1 }

  /// out = a·b lane by lane (out may be a or b); `scratch` holds 2m − 1 words.
  @inline(__always) static func multiply(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    scratch t: UnsafeMutablePointer<UInt64>
  ) {
    let m = P.m
    for i in 0..<(2 * m - 1) { t[i] = 0 }
    for i in 0..<m {
      let ai = a[i]
      for j in 0..<m { t[i + j] ^= ai & b[j] }
    }
    var i = 2 * m - 2
    while i >= m {
      let h = t[i]
      if m == 12 {
        // z^12 = z^3 + 1
        t[i - 9] ^= h
        t[i - 12] ^= h
      } else {
        // z^13 = z^4 + z^3 + z + 1
        t[i - 9] ^= h
        t[i - 10] ^= h
        t[i - 12] ^= h
        t[i - 13] ^= h
      }
      i -= 1
    }
    for i in 0..<m { out[i] = t[i] }
  }

  /// out = a^(2^m − 2) lane by lane (1/a, and 0 for 0): x ← x²·a, m − 2 times, then x².
  static func inverse(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>
  ) {
    let m = P.m
    for i in 0..<m { out[i] = a[i] }
    for _ in 0..<(m - 2) {
      multiply(out, out, out, scratch: scratch)
      multiply(out, out, a, scratch: scratch)
    }
    multiply(out, out, out, scratch: scratch)
  }

  /// The planes of the scalar `value` in every lane.
  @inline(__always) static func broadcast(_ value: UInt16, into out: UnsafeMutablePointer<UInt64>) {
    for b in 0..<P.m { out[b] = 0 &- UInt64((value >> UInt16(b)) & 1) }
  }

  /// Planes of up to 64 scalars (missing lanes zero).
  static func pack(_ values: UnsafeBufferPointer<UInt16>, into out: UnsafeMutablePointer<UInt64>) {
    for b in 0..<P.m {
      var word: UInt64 = 0
      for l in 0..<values.count { word |= UInt64((values[l] >> UInt16(b)) & 1) << UInt64(l) }
      out[b] = word
    }
  }

  /// f(α) lane by lane by Horner's rule, for f given as broadcast planes of its t + 1 coefficients
  /// (coefficient i at `coefficients + i·m`).
  @inline(__always) static func evaluate(
    _ coefficients: UnsafePointer<UInt64>, degree: Int, at alpha: UnsafePointer<UInt64>,
    into out: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>
  ) {
    let m = P.m
    for b in 0..<m { out[b] = coefficients[degree * m + b] }
    var i = degree - 1
    while i >= 0 {
      multiply(out, out, alpha, scratch: scratch)
      for b in 0..<m { out[b] ^= coefficients[i * m + b] }
      i -= 1
    }
  }
}
