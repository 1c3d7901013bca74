// Integer arithmetic modulo q = 12289 over Z_q[x]/(x^n + 1): the NTT, the public key h = g/f,
// the missing basis element G, and signature verification (Falcon specification v1.2, sections 3.8
// and 3.10, Algorithm 16). Only integers: verification needs no floating point.

enum FalconModQ {
  static let q: UInt32 = 12289

  /// Primitive 2048-th root of unity modulo q (11 generates Z_q^*; 1945 = 11^6).
  static let psi2048: UInt32 = 1945

  struct Tables: Sendable {
    /// zetas[k] = psi^rev(k) for a primitive 2n-th root psi, rev over logn bits.
    let zetas: [UInt32]
    /// n^-1 mod q.
    let nInverse: UInt32
  }

  static let tables9 = makeTables(logn: 9)
  static let tables10 = makeTables(logn: 10)

  static func tables(_ logn: Int) -> Tables { logn == 9 ? tables9 : tables10 }

  @inline(__always)
  static func mul(_ a: UInt32, _ b: UInt32) -> UInt32 { (a &* b) % q }

  @inline(__always)
  static func add(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let s = a &+ b
    return s >= q ? s &- q : s
  }

  @inline(__always)
  static func sub(_ a: UInt32, _ b: UInt32) -> UInt32 { a >= b ? a &- b : a &+ q &- b }

  static func pow(_ base: UInt32, _ exponent: UInt32) -> UInt32 {
    var result: UInt32 = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = mul(result, b) }
      b = mul(b, b)
      e >>= 1
    }
    return result
  }

  static func makeTables(logn: Int) -> Tables {
    let n = 1 << logn
    let psi = pow(psi2048, UInt32(1024 >> logn))
    var zetas = [UInt32](repeating: 0, count: n)
    for k in 0..<n {
      var r = 0
      for b in 0..<logn where k & (1 << b) != 0 { r |= 1 << (logn - 1 - b) }
      zetas[k] = pow(psi, UInt32(r))
    }
    return Tables(zetas: zetas, nInverse: pow(UInt32(n), q - 2))
  }

  /// Forward negacyclic NTT, in place (output in bit-reversed order).
  static func ntt(_ a: UnsafeMutablePointer<UInt32>, _ logn: Int) {
    let n = 1 << logn
    tables(logn).zetas.withUnsafeBufferPointer { zetas in
      var k = 1
      var len = n >> 1
      while len >= 1 {
        var start = 0
        while start < n {
          let z = zetas[k]
          k += 1
          for j in start..<(start + len) {
            let t = mul(z, a[j + len])
            a[j + len] = sub(a[j], t)
            a[j] = add(a[j], t)
          }
          start += len << 1
        }
        len >>= 1
      }
    }
  }

  /// Inverse of ``ntt(_:_:)``, in place.
  static func intt(_ a: UnsafeMutablePointer<UInt32>, _ logn: Int) {
    let n = 1 << logn
    let t = tables(logn)
    t.zetas.withUnsafeBufferPointer { zetas in
      var k = n
      var len = 1
      while len < n {
        var start = 0
        while start < n {
          k -= 1
          let z = q &- zetas[k]
          for j in start..<(start + len) {
            let x = a[j]
            let y = a[j + len]
            a[j] = add(x, y)
            a[j + len] = mul(z, sub(x, y))
          }
          start += len << 1
        }
        len <<= 1
      }
    }
    for i in 0..<n { a[i] = mul(a[i], t.nInverse) }
  }

  @inline(__always)
  static func fromSigned(_ x: Int32) -> UInt32 {
    let r = x % Int32(q)
    return UInt32(r < 0 ? r + Int32(q) : r)
  }

  /// h = g / f mod q (reference `compute_public`); nil when f is not invertible modulo q.
  static func publicKey(f: UnsafePointer<Int8>, g: UnsafePointer<Int8>, logn: Int) -> [UInt16]? {
    let n = 1 << logn
    var ft = [UInt32](repeating: 0, count: n)
    var gt = [UInt32](repeating: 0, count: n)
    defer {
      falconWipe(&ft)
      falconWipe(&gt)
    }
    return ft.withUnsafeMutableBufferPointer { fp -> [UInt16]? in
      gt.withUnsafeMutableBufferPointer { gp -> [UInt16]? in
        for i in 0..<n {
          fp[i] = fromSigned(Int32(f[i]))
          gp[i] = fromSigned(Int32(g[i]))
        }
        ntt(fp.baseAddress!, logn)
        ntt(gp.baseAddress!, logn)
        var zero: UInt32 = 0
        for i in 0..<n { zero |= fp[i] == 0 ? 1 : 0 }
        if zero != 0 { return nil }
        for i in 0..<n { gp[i] = mul(gp[i], pow(fp[i], q - 2)) }
        intt(gp.baseAddress!, logn)
        return (0..<n).map { UInt16(gp[$0]) }
      }
    }
  }

  /// G = g * F / f mod q, normalized; nil when f is not invertible or a coefficient of G exceeds
  /// 127 in absolute value (reference `complete_private`; the NTRU equation fG - gF = q).
  static func completePrivate(
    f: UnsafePointer<Int8>, g: UnsafePointer<Int8>, F: UnsafePointer<Int8>, G: UnsafeMutablePointer<Int8>, logn: Int
  ) -> Bool {
    let n = 1 << logn
    var buffer = [UInt32](repeating: 0, count: 2 * n)
    defer { falconWipe(&buffer) }
    return buffer.withUnsafeMutableBufferPointer { b -> Bool in
      let t1 = b.baseAddress!
      let t2 = t1 + n
      for i in 0..<n {
        t1[i] = fromSigned(Int32(g[i]))
        t2[i] = fromSigned(Int32(F[i]))
      }
      ntt(t1, logn)
      ntt(t2, logn)
      for i in 0..<n { t1[i] = mul(t1[i], t2[i]) }
      for i in 0..<n { t2[i] = fromSigned(Int32(f[i])) }
      ntt(t2, logn)
      var zero: UInt32 = 0
      for i in 0..<n { zero |= t2[i] == 0 ? 1 : 0 }
      if zero != 0 { return false }
      for i in 0..<n { t1[i] = mul(t1[i], pow(t2[i], q - 2)) }
      intt(t1, logn)
      var bad: UInt32 = 0
      for i in 0..<n {
        var w = Int32(t1[i])
        if w > Int32(q / 2) { w -= Int32(q) }
        bad |= (w < -127 || w > 127) ? 1 : 0
        G[i] = Int8(truncatingIfNeeded: w)
      }
      return bad == 0
    }
  }

  /// Falcon specification v1.2, Algorithm 16 (Verify), from the decoded parts: s1 = c - s2 * h
  /// mod q, then ||(s1, s2)||^2 <= floor(beta^2).
  static func verify(c: [UInt16], s2: [Int16], h: [UInt16], logn: Int, bound: UInt32) -> Bool {
    let n = 1 << logn
    var a = [UInt32](repeating: 0, count: n)
    var b = [UInt32](repeating: 0, count: n)
    return a.withUnsafeMutableBufferPointer { ap -> Bool in
      b.withUnsafeMutableBufferPointer { bp -> Bool in
        for i in 0..<n {
          ap[i] = fromSigned(Int32(s2[i]))
          bp[i] = UInt32(h[i])
        }
        ntt(ap.baseAddress!, logn)
        ntt(bp.baseAddress!, logn)
        for i in 0..<n { ap[i] = mul(ap[i], bp[i]) }
        intt(ap.baseAddress!, logn)
        // Squared norm with saturation, as the reference's is_short.
        var s: UInt32 = 0
        var ng: UInt32 = 0
        for i in 0..<n {
          var w = Int32(sub(UInt32(c[i]), ap[i]))
          if w > Int32(q / 2) { w -= Int32(q) }
          s = s &+ UInt32(bitPattern: w &* w)
          ng |= s
          let z = Int32(s2[i])
          s = s &+ UInt32(bitPattern: z &* z)
          ng |= s
        }
        s |= 0 &- (ng >> 31)
        return s <= bound
      }
    }
  }
}
