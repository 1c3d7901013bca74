// Arithmetic in GF(2^m) (round-4 specification, "Parameters": f(z) = z^12 + z^3 + 1 for m = 12,
// z^13 + z^4 + z^3 + z + 1 for m = 13) and in GF((2^m)^t) = GF(2^m)[y]/F(y). Elements are
// UInt16 bit patterns, bit i the coefficient of z^i. Nothing here branches on or indexes by a value.

enum McElieceGF<P: McElieceParameterSet> {
  /// 2^m − 1: the bits of an element.
  @inline(__always) static var mask: UInt16 { UInt16(truncatingIfNeeded: (1 << P.m) - 1) }

  /// Reduces a product of degree ≤ 2m − 2 modulo f(z), in two passes that fold the high bits down.
  @inline(__always) static func reduce(_ product: UInt32) -> UInt16 {
    var x = product
    if P.m == 12 {
      // z^12 = z^3 + 1
      var h = x >> 12
      x = (x & 0xFFF) ^ h ^ (h << 3)
      h = x >> 12
      x = (x & 0xFFF) ^ h ^ (h << 3)
    } else {
      // z^13 = z^4 + z^3 + z + 1
      var h = x >> 13
      x = (x & 0x1FFF) ^ h ^ (h << 1) ^ (h << 3) ^ (h << 4)
      h = x >> 13
      x = (x & 0x1FFF) ^ h ^ (h << 1) ^ (h << 3) ^ (h << 4)
    }
    return UInt16(truncatingIfNeeded: x)
  }

  /// a·b in GF(2^m): a carry-less product (multiplying by a masked power of two is a shift
  /// that does not depend on the bit), then reduction.
  @inline(__always) static func mul(_ a: UInt16, _ b: UInt16) -> UInt16 {
    let x = UInt32(a)
    let y = UInt32(b)
    var p: UInt32 = 0
    for i in 0..<P.m { p ^= x &* (y & (1 << UInt32(i))) }
    return reduce(p)
  }

  /// a² in GF(2^m): spread the bits, then reduce.
  @inline(__always) static func square(_ a: UInt16) -> UInt16 {
    var x = UInt32(a)
    x = (x | (x << 8)) & 0x00FF_00FF
    x = (x | (x << 4)) & 0x0F0F_0F0F
    x = (x | (x << 2)) & 0x3333_3333
    x = (x | (x << 1)) & 0x5555_5555
    return reduce(x)
  }

  /// a^(2^m − 2), which is 1/a for a ≠ 0 and 0 for a = 0, by a fixed chain of squarings and products.
  @inline(__always) static func inverse(_ a: UInt16) -> UInt16 {
    // a^(2^(m−1) − 1) by x ← x²·a, then one more squaring.
    var x = a
    for _ in 1..<(P.m - 1) { x = mul(square(x), a) }
    return square(x)
  }

  /// 0xFFFF if a = 0, else 0.
  @inline(__always) static func isZeroMask(_ a: UInt16) -> UInt16 {
    UInt16(truncatingIfNeeded: (UInt32(a) &- 1) >> 16)
  }

  /// Reverses the m low bits of a: the field element the reference code assigns to index a.
  @inline(__always) static func bitReverse(_ a: UInt16) -> UInt16 {
    var x = a
    x = ((x & 0x00FF) << 8) | ((x & 0xFF00) >> 8)
    x = ((x & 0x0F0F) << 4) | ((x & 0xF0F0) >> 4)
    x = ((x & 0x3333) << 2) | ((x & 0xCCCC) >> 2)
    x = ((x & 0x5555) << 1) | ((x & 0xAAAA) >> 1)
    return x >> UInt16(16 - P.m)
  }

  /// f(a) for f = f[0] + f[1]·x + … by Horner's rule.
  static func evaluate(_ f: UnsafeBufferPointer<UInt16>, at a: UInt16) -> UInt16 {
    var r = f[f.count - 1]
    var i = f.count - 2
    while i >= 0 {
      r = mul(r, a) ^ f[i]
      i -= 1
    }
    return r
  }

  /// a·b in GF((2^m)^t) = GF(2^m)[y]/F(y), F from the parameter set; a, b, out hold t coefficients.
  static func polynomialMultiply(
    _ out: UnsafeMutableBufferPointer<UInt16>, _ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>,
    scratch product: UnsafeMutableBufferPointer<UInt16>
  ) {
    let t = P.t
    for i in 0..<(2 * t - 1) { product[i] = 0 }
    for i in 0..<t {
      let ai = a[i]
      for j in 0..<t { product[i + j] ^= mul(ai, b[j]) }
    }
    let terms = P.polynomialTerms
    var i = 2 * t - 2
    while i >= t {
      let high = product[i]
      for term in terms {
        product[i - t + term.exponent] ^= term.coefficient == 1 ? high : mul(high, term.coefficient)
      }
      i -= 1
    }
    for i in 0..<t { out[i] = product[i] }
  }
}
