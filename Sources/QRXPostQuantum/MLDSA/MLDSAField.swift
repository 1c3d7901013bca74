// Arithmetic in Z_q and R_q = Z_q[X]/(X^256 + 1) for ML-DSA, q = 2^23 − 2^13 + 1 (FIPS 204,
// Section 2.3 and 7.5). Coefficients are Int32 in a loose range; multiplication uses Montgomery
// reduction with R = 2^32, so products carry a factor R^-1 that the inverse NTT removes again.
// Everything here is branch-free and indexes memory only by loop counters: constant time.
//
// A polynomial is 256 consecutive Int32 behind an `UnsafeMutablePointer<Int32>`; callers own the
// storage (fixed workspaces), so nothing here allocates.

/// q, the ML-DSA modulus.
let mldsaQ: Int32 = 8_380_417
/// q^-1 mod 2^32, for Montgomery reduction.
let mldsaQInverse: Int32 = 58_728_449
/// 2^64 / 256 mod q: scales the inverse NTT's output by R/256 (so Montgomery products come out exact).
let mldsaInverseNTTScale: Int32 = 41_978
/// d, the number of dropped bits of t (FIPS 204, Table 1).
let mldsaD = 13

/// a · 2^-32 mod q, in (−q, q), for |a| < 2^31 · q.
@inline(__always)
func mldsaMontgomeryReduce(_ a: Int64) -> Int32 {
  let t = Int32(truncatingIfNeeded: a) &* mldsaQInverse
  return Int32(truncatingIfNeeded: (a &- Int64(t) &* Int64(mldsaQ)) &>> 32)
}

/// a mod q in [−6283009, 6283007]; the centered representative whenever that is below 2^22 or so.
@inline(__always)
func mldsaReduce32(_ a: Int32) -> Int32 {
  let t = (a &+ (1 &<< 22)) &>> 23
  return a &- t &* mldsaQ
}

/// Adds q if a is negative.
@inline(__always)
func mldsaConditionalAddQ(_ a: Int32) -> Int32 {
  a &+ ((a &>> 31) & mldsaQ)
}

/// a mod q in [0, q).
@inline(__always)
func mldsaFreeze(_ a: Int32) -> Int32 {
  mldsaConditionalAddQ(mldsaReduce32(a))
}

/// |a| for an Int32 that is not Int32.min, without a branch.
@inline(__always)
func mldsaAbs(_ a: Int32) -> Int32 {
  let sign = a &>> 31
  return (a ^ sign) &- sign
}

/// zetas[i] = ζ^BitRev8(i) · 2^32 mod q, centered, for ζ = 1753 (FIPS 204, Appendix B, in Montgomery
/// form), at 0 ..< 256; at 256 ..< 512 the same times q^-1 mod 2^32, for the multiplication below.
/// Kept in a never-freed buffer so the transforms read it through a pointer, without bounds checks.
nonisolated(unsafe) let mldsaZetas: UnsafePointer<Int32> = {
  let q = Int64(mldsaQ)
  func power(_ base: Int64, _ exponent: Int) -> Int64 {
    var result: Int64 = 1
    var b = base % q
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * b % q }
      b = b * b % q
      e >>= 1
    }
    return result
  }
  let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: 512)
  for i in 0..<256 {
    var reversed = 0
    for bit in 0..<8 where i & (1 << bit) != 0 { reversed |= 1 << (7 - bit) }
    var value = (power(1753, reversed) << 32) % q
    if value > q / 2 { value -= q }
    buffer[i] = Int32(value)
    buffer[256 + i] = Int32(value) &* mldsaQInverse
  }
  return UnsafePointer(buffer)
}()

/// a · ζ · 2^-32 mod q in (−q, q) for a constant ζ given with ζ·q^-1 mod 2^32: the high halves of
/// a·ζ and of (a·ζ·q^-1 mod 2^32)·q differ by exactly that, since their low halves agree.
@inline(__always)
func mldsaMultiplyConstant(_ a: Int32, _ zeta: Int32, _ zetaQInverse: Int32) -> Int32 {
  let high = Int32(truncatingIfNeeded: (Int64(a) &* Int64(zeta)) &>> 32)
  let low = a &* zetaQInverse
  return high &- Int32(truncatingIfNeeded: (Int64(low) &* Int64(mldsaQ)) &>> 32)
}

/// NTT(w) in place (FIPS 204, Algorithm 41). Input |w| < q·2^3 or so; output grows by at most 8q.
/// The eight layers are spelled out so that each has a constant length to unroll.
@inline(__always)
func mldsaNTT(_ w: UnsafeMutablePointer<Int32>) {
  mldsaNTTLayer(w, len: 128, m: 1)
  mldsaNTTLayer(w, len: 64, m: 2)
  mldsaNTTLayer(w, len: 32, m: 4)
  mldsaNTTLayer(w, len: 16, m: 8)
  mldsaNTTLayer(w, len: 8, m: 16)
  mldsaNTTLayer(w, len: 4, m: 32)
  mldsaNTTLayer(w, len: 2, m: 64)
  mldsaNTTLayer(w, len: 1, m: 128)
}

/// One layer of Algorithm 41: the blocks of 2·len coefficients, with zetas[m], zetas[m + 1], ….
@inline(__always)
func mldsaNTTLayer(_ w: UnsafeMutablePointer<Int32>, len: Int, m: Int) {
  let zetas = mldsaZetas
  var m = m
  var start = 0
  while start < 256 {
    let zeta = zetas[m]
    let zetaQInverse = zetas[256 &+ m]
    m &+= 1
    let low = w + start
    let high = low + len
    for j in 0..<len {
      let t = mldsaMultiplyConstant(high[j], zeta, zetaQInverse)
      let a = low[j]
      high[j] = a &- t
      low[j] = a &+ t
    }
    start &+= 2 &* len
  }
}

/// NTT^-1(ŵ) in place (FIPS 204, Algorithm 42), times R = 2^32: applied to a Montgomery product
/// â ∘ b̂ · R^-1 it yields a·b exactly. Input |ŵ| < q; output |w| < q.
@inline(__always)
func mldsaInverseNTT(_ w: UnsafeMutablePointer<Int32>) {
  mldsaInverseNTTLayer(w, len: 1, m: 255)
  mldsaInverseNTTLayer(w, len: 2, m: 127)
  mldsaInverseNTTLayer(w, len: 4, m: 63)
  mldsaInverseNTTLayer(w, len: 8, m: 31)
  mldsaInverseNTTLayer(w, len: 16, m: 15)
  mldsaInverseNTTLayer(w, len: 32, m: 7)
  mldsaInverseNTTLayer(w, len: 64, m: 3)
  mldsaInverseNTTLayer(w, len: 128, m: 1)
  let f = mldsaInverseNTTScale
  let fQInverse = mldsaInverseNTTScale &* mldsaQInverse
  for j in 0..<256 { w[j] = mldsaMultiplyConstant(w[j], f, fQInverse) }
}

/// One layer of Algorithm 42: the blocks of 2·len coefficients, with −zetas[m], −zetas[m − 1], ….
@inline(__always)
func mldsaInverseNTTLayer(_ w: UnsafeMutablePointer<Int32>, len: Int, m: Int) {
  let zetas = mldsaZetas
  var m = m
  var start = 0
  while start < 256 {
    let zeta = 0 &- zetas[m]
    let zetaQInverse = 0 &- zetas[256 &+ m]
    m &-= 1
    let low = w + start
    let high = low + len
    for j in 0..<len {
      let t = low[j]
      let u = high[j]
      low[j] = t &+ u
      high[j] = mldsaMultiplyConstant(t &- u, zeta, zetaQInverse)
    }
    start &+= 2 &* len
  }
}

/// Polynomial helpers over 256 coefficients.
enum MLDSAPoly {
  /// out = â ∘ b̂ · R^-1 (FIPS 204, Algorithm 45, MultiplyNTT, in Montgomery form).
  @inline(__always)
  static func multiply(
    _ out: UnsafeMutablePointer<Int32>, _ a: UnsafePointer<Int32>, _ b: UnsafePointer<Int32>
  ) {
    for i in 0..<256 { out[i] = mldsaMontgomeryReduce(Int64(a[i]) &* Int64(b[i])) }
  }

  /// out = Σ_j Â[j] ∘ v̂[j] · R^-1 over `count` polynomials laid out consecutively, reduced
  /// to |out| < q (one row of Â ∘ v̂, FIPS 204, Algorithm 48 in the NTT domain).
  @inline(__always)
  static func multiplyAccumulate(
    _ out: UnsafeMutablePointer<Int32>, row: UnsafePointer<Int32>, vector: UnsafePointer<Int32>, count: Int
  ) {
    for i in 0..<256 {
      var sum: Int64 = 0
      var j = 0
      while j < count {
        sum &+= Int64(row[j &* 256 &+ i]) &* Int64(vector[j &* 256 &+ i])
        j &+= 1
      }
      out[i] = mldsaReduce32(mldsaMontgomeryReduce(sum))
    }
  }

  /// Reduces every coefficient to [−6283009, 6283007].
  @inline(__always)
  static func reduce(_ a: UnsafeMutablePointer<Int32>, count: Int = 256) {
    for i in 0..<count { a[i] = mldsaReduce32(a[i]) }
  }

  /// Maps every coefficient to [0, q).
  @inline(__always)
  static func freeze(_ a: UnsafeMutablePointer<Int32>, count: Int = 256) {
    for i in 0..<count { a[i] = mldsaFreeze(a[i]) }
  }

  /// The infinity norm of centered coefficients, read in full (no early exit).
  @inline(__always)
  static func infinityNorm(_ a: UnsafePointer<Int32>, count: Int) -> Int32 {
    var norm: Int32 = 0
    for i in 0..<count {
      let v = mldsaAbs(a[i])
      // max without a branch: (norm − v) >> 31 is −1 when v > norm.
      let mask = (norm &- v) &>> 31
      norm = (norm & ~mask) | (v & mask)
    }
    return norm
  }
}
