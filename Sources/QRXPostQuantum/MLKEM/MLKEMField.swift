// Arithmetic in Z_q, q = 3329 (FIPS 203, Sections 2.4 and 4.3). Coefficients are Int16;
// products are reduced with Montgomery reduction (R = 2¹⁶) and sums with Barrett reduction, so no
// step divides, branches or indexes memory on a coefficient value.

/// Constants and reductions of Z_q.
enum MLKEMField {
  /// q, the prime modulus (FIPS 203, Section 2.4).
  static let q: Int16 = 3329
  /// q⁻¹ mod 2¹⁶ as a signed value (q · qInverse ≡ 1 mod 2¹⁶).
  static let qInverse: Int16 = -3327
  /// R² mod q = 2³² mod q: Montgomery-multiplying by it moves a value into Montgomery form.
  static let rSquared: Int16 = 1353
  /// R² · 128⁻¹ mod q: the inverse NTT's final scaling by 128⁻¹ (FIPS 203, Algorithm 10, line 14,
  /// where 3303 = 128⁻¹), with one extra factor R that cancels the R⁻¹ of the base multiplication.
  static let inverseNTTScale: Int16 = 1441

  /// a · R⁻¹ mod q, in (−q, q), for |a| < 2¹⁵ · q.
  @inline(__always)
  static func montgomeryReduce(_ a: Int32) -> Int16 {
    let t = Int16(truncatingIfNeeded: a) &* qInverse
    return Int16(truncatingIfNeeded: (a &- Int32(t) &* Int32(q)) &>> 16)
  }

  /// The high 16 bits of the 32-bit product a · b.
  @inline(__always)
  static func multiplyHigh(_ a: Int16, _ b: Int16) -> Int16 {
    Int16(truncatingIfNeeded: (Int32(a) &* Int32(b)) &>> 16)
  }

  /// a · b · R⁻¹ mod q, in (−q, q): Montgomery reduction of a · b written with 16-bit halves.
  /// With t = lo(a · b) · q⁻¹ mod 2¹⁶, the low halves of a · b and t · q are equal, so
  /// (a · b − t · q) / 2¹⁶ = hi(a · b) − hi(t · q): the form that vectorizes (pmullw, pmulhw).
  @inline(__always)
  static func multiply(_ a: Int16, _ b: Int16) -> Int16 {
    let t = (a &* b) &* qInverse
    return multiplyHigh(a, b) &- multiplyHigh(t, q)
  }

  /// a mod q, centered: in [−(q − 1)/2, (q − 1)/2].
  @inline(__always)
  static func barrettReduce(_ a: Int16) -> Int16 {
    // t = round(a · 20159 / 2²⁶) with 20159 = round(2²⁶ / q), via the high half of a · 20159:
    // ⌊(⌊x / 2¹⁶⌋ + 2⁹) / 2¹⁰⌋ = ⌊(x + 2²⁵) / 2²⁶⌋ for integer x.
    let t = (multiplyHigh(a, 20159) &+ 512) &>> 10
    return a &- t &* q
  }

  /// a mod q in [0, q).
  @inline(__always)
  static func canonical(_ a: Int16) -> Int16 {
    let r = barrettReduce(a)
    return r &+ ((r &>> 15) & q)
  }

  /// x − q if x ≥ q, else x, for x in [0, 2q), without a branch.
  @inline(__always)
  static func subtractQIfNeeded(_ x: Int16) -> Int16 {
    let r = x &- q
    return r &+ ((r &>> 15) & q)
  }
}

/// The reductions of `MLKEMField` on eight coefficients at once (one 128-bit register), for the
/// NTT. Same formulas as the scalar ones, lane by lane.
enum MLKEMField8 {
  typealias Vector = SIMD8<Int16>

  /// The high 16 bits of each 32-bit product a · b. Computed on the register seen as four 32-bit
  /// lanes (even and odd 16-bit lanes sign-extended by shifts), which stays inline plain vector
  /// code; the generic SIMD width conversions do not.
  @inline(__always)
  static func multiplyHigh(_ a: Vector, _ b: Vector) -> Vector {
    let a32 = unsafeBitCast(a, to: SIMD4<Int32>.self)
    let b32 = unsafeBitCast(b, to: SIMD4<Int32>.self)
    let even = ((a32 &<< 16) &>> 16) &* ((b32 &<< 16) &>> 16)
    let odd = (a32 &>> 16) &* (b32 &>> 16)
    let high = ((even &>> 16) & 0xFFFF) | (odd & ~0xFFFF)
    return unsafeBitCast(high, to: Vector.self)
  }

  /// a · b · R⁻¹ mod q per lane, in (−q, q) (`MLKEMField.multiply`).
  @inline(__always)
  static func multiply(_ a: Vector, _ b: Vector) -> Vector {
    let t = (a &* b) &* Vector(repeating: MLKEMField.qInverse)
    return multiplyHigh(a, b) &- multiplyHigh(t, Vector(repeating: MLKEMField.q))
  }

  /// a mod q per lane, centered (`MLKEMField.barrettReduce`).
  @inline(__always)
  static func barrettReduce(_ a: Vector) -> Vector {
    let t = (multiplyHigh(a, Vector(repeating: 20159)) &+ 512) &>> 10
    return a &- t &* Vector(repeating: MLKEMField.q)
  }

  @inline(__always)
  static func load(_ p: UnsafePointer<Int16>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
  }

  @inline(__always)
  static func store(_ v: Vector, _ p: UnsafeMutablePointer<Int16>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
  }
}

/// The NTT's constants (FIPS 203, Section 4.3 and Appendix A), computed once from ζ = 17 and kept
/// in Montgomery form in never-freed buffers, so the hot loops read them without bounds checks.
enum MLKEMTables {
  /// BitRev₇(i): the 7 bits of i in reverse order (FIPS 203, Section 4.3).
  static func bitReverse7(_ i: Int) -> Int {
    var result = 0
    for bit in 0..<7 where (i >> bit) & 1 == 1 { result |= 1 << (6 - bit) }
    return result
  }

  /// ζ^BitRev₇(i) · R mod q for i = 0 ..< 128, centered (the zetas of FIPS 203, Algorithms 9 and 10).
  nonisolated(unsafe) static let zetas: UnsafePointer<Int16> = montgomeryPowersOfZeta { bitReverse7($0) }

  /// ζ^(2·BitRev₇(i) + 1) · R mod q for i = 0 ..< 128, centered (the γ of FIPS 203, Algorithm 11).
  nonisolated(unsafe) static let gammas: UnsafePointer<Int16> = montgomeryPowersOfZeta { 2 * bitReverse7($0) + 1 }

  private static func montgomeryPowersOfZeta(_ exponent: (Int) -> Int) -> UnsafePointer<Int16> {
    let q = Int(MLKEMField.q)
    let table = UnsafeMutablePointer<Int16>.allocate(capacity: 128)
    for i in 0..<128 {
      var power = 1
      for _ in 0..<exponent(i) { power = power * 17 % q }
      var value = power * 65536 % q
      if value > q / 2 { value -= q }
      table[i] = Int16(value)
    }
    return UnsafePointer(table)
  }
}
