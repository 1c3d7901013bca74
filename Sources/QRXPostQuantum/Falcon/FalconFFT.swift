// Falcon's FFT over R[x]/(x^n + 1) with IEEE 754 binary64 (Falcon specification v1.2, section 3.7
// and Algorithms 1 and 2). Layout follows the reference implementation so that known answers
// reproduce bit for bit: for j < n/2, Re(f(w_j)) sits at index rev(j)/2 and Im(f(w_j)) at
// rev(j)/2 + n/2. Every complex product is (a*c - b*d, a*d + b*c), each operation rounded on its
// own (Swift never contracts into fused multiply-add).

typealias FalconPoly = UnsafeMutablePointer<Double>

enum FalconFFT {
  /// The roots of unity, decoded once from their bit patterns.
  static let gm: [Double] = FalconTables.gmBits.map { Double(bitPattern: $0) }

  /// 2^(1 - logn): the inverse FFT's final scaling (its last butterfly layer is folded into it).
  @inline(__always)
  static func halfInverseDegree(_ logn: Int) -> Double {
    Double(sign: .plus, exponent: 1 - logn, significand: 1.0)
  }

  /// Falcon specification v1.2, Algorithm 1 (FFT), in place.
  static func fft(_ f: FalconPoly, _ logn: Int) {
    let n = 1 << logn
    let hn = n >> 1
    gm.withUnsafeBufferPointer { gm in
      var t = hn
      var m = 2
      var u = 1
      while u < logn {
        let ht = t >> 1
        let hm = m >> 1
        var j1 = 0
        for i1 in 0..<hm {
          let sRe = gm[(m + i1) << 1]
          let sIm = gm[((m + i1) << 1) + 1]
          for j in j1..<(j1 + ht) {
            let xRe = f[j]
            let xIm = f[j + hn]
            let aRe = f[j + ht]
            let aIm = f[j + ht + hn]
            let yRe = aRe * sRe - aIm * sIm
            let yIm = aRe * sIm + aIm * sRe
            f[j] = xRe + yRe
            f[j + hn] = xIm + yIm
            f[j + ht] = xRe - yRe
            f[j + ht + hn] = xIm - yIm
          }
          j1 += t
        }
        t = ht
        m <<= 1
        u += 1
      }
    }
  }

  /// Falcon specification v1.2, Algorithm 2 (inverse FFT), in place.
  static func ifft(_ f: FalconPoly, _ logn: Int) {
    let n = 1 << logn
    let hn = n >> 1
    gm.withUnsafeBufferPointer { gm in
      var t = 1
      var m = n
      var u = logn
      while u > 1 {
        let hm = m >> 1
        let dt = t << 1
        var i1 = 0
        var j1 = 0
        while j1 < hn {
          let sRe = gm[(hm + i1) << 1]
          let sIm = -gm[((hm + i1) << 1) + 1]
          for j in j1..<(j1 + t) {
            let xRe = f[j]
            let xIm = f[j + hn]
            let yRe = f[j + t]
            let yIm = f[j + t + hn]
            f[j] = xRe + yRe
            f[j + hn] = xIm + yIm
            let dRe = xRe - yRe
            let dIm = xIm - yIm
            f[j + t] = dRe * sRe - dIm * sIm
            f[j + t + hn] = dRe * sIm + dIm * sRe
          }
          i1 += 1
          j1 += dt
        }
        t = dt
        m = hm
        u -= 1
      }
    }
    if logn > 0 {
      let ni = halfInverseDegree(logn)
      for i in 0..<n { f[i] = f[i] * ni }
    }
  }

  static func add(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    for i in 0..<(1 << logn) { a[i] = a[i] + b[i] }
  }

  static func sub(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    for i in 0..<(1 << logn) { a[i] = a[i] - b[i] }
  }

  static func neg(_ a: FalconPoly, _ logn: Int) {
    for i in 0..<(1 << logn) { a[i] = -a[i] }
  }

  /// The adjoint (complex conjugate in FFT representation).
  static func adj(_ a: FalconPoly, _ logn: Int) {
    let n = 1 << logn
    for i in (n >> 1)..<n { a[i] = -a[i] }
  }

  static func mulConst(_ a: FalconPoly, _ x: Double, _ logn: Int) {
    for i in 0..<(1 << logn) { a[i] = a[i] * x }
  }

  /// a <- a * b (FFT representation).
  static func mul(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let aRe = a[u]
      let aIm = a[u + hn]
      let bRe = b[u]
      let bIm = b[u + hn]
      a[u] = aRe * bRe - aIm * bIm
      a[u + hn] = aRe * bIm + aIm * bRe
    }
  }

  /// a <- a * adj(b).
  static func mulAdj(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let aRe = a[u]
      let aIm = a[u + hn]
      let bRe = b[u]
      let bIm = -b[u + hn]
      a[u] = aRe * bRe - aIm * bIm
      a[u + hn] = aRe * bIm + aIm * bRe
    }
  }

  /// a <- a * adj(a) (real result).
  static func mulSelfAdj(_ a: FalconPoly, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let aRe = a[u]
      let aIm = a[u + hn]
      a[u] = aRe * aRe + aIm * aIm
      a[u + hn] = 0
    }
  }

  /// a <- a * b where b is auto-adjoint (only its first half, the real parts, is read).
  static func mulAutoAdj(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      a[u] = a[u] * b[u]
      a[u + hn] = a[u + hn] * b[u]
    }
  }

  /// a <- a / b where b is auto-adjoint.
  static func divAutoAdj(_ a: FalconPoly, _ b: UnsafePointer<Double>, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let ib = 1.0 / b[u]
      a[u] = a[u] * ib
      a[u + hn] = a[u + hn] * ib
    }
  }

  /// d <- 1 / (a * adj(a) + b * adj(b)) (real, first half only).
  static func invNorm2(_ d: FalconPoly, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let aRe = a[u]
      let aIm = a[u + hn]
      let bRe = b[u]
      let bIm = b[u + hn]
      d[u] = 1.0 / ((aRe * aRe + aIm * aIm) + (bRe * bRe + bIm * bIm))
    }
  }

  /// d <- F * adj(f) + G * adj(g).
  static func addMulAdj(
    _ d: FalconPoly, _ F: UnsafePointer<Double>, _ G: UnsafePointer<Double>,
    _ f: UnsafePointer<Double>, _ g: UnsafePointer<Double>, _ logn: Int
  ) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let FRe = F[u]
      let FIm = F[u + hn]
      let GRe = G[u]
      let GIm = G[u + hn]
      let fRe = f[u]
      let fIm = -f[u + hn]
      let gRe = g[u]
      let gIm = -g[u + hn]
      let aRe = FRe * fRe - FIm * fIm
      let aIm = FRe * fIm + FIm * fRe
      let bRe = GRe * gRe - GIm * gIm
      let bIm = GRe * gIm + GIm * gRe
      d[u] = aRe + bRe
      d[u + hn] = aIm + bIm
    }
  }

  /// Falcon specification v1.2, Algorithm 8 (LDL*) on a 2x2 Gram matrix, in place:
  /// g01 <- l10 = adj(g01 / g00), g11 <- d11 = g11 - |g01|^2 / g00.
  static func ldl(_ g00: UnsafePointer<Double>, _ g01: FalconPoly, _ g11: FalconPoly, _ logn: Int) {
    let hn = (1 << logn) >> 1
    for u in 0..<hn {
      let g00Re = g00[u]
      let g00Im = g00[u + hn]
      let g01Re = g01[u]
      let g01Im = g01[u + hn]
      let g11Re = g11[u]
      let g11Im = g11[u + hn]
      // mu = g01 / g00
      var m = g00Re * g00Re + g00Im * g00Im
      m = 1.0 / m
      let bRe = g00Re * m
      let bIm = (-g00Im) * m
      let muRe = g01Re * bRe - g01Im * bIm
      let muIm = g01Re * bIm + g01Im * bRe
      // mu * adj(g01)
      let cRe = g01Re
      let cIm = -g01Im
      let pRe = muRe * cRe - muIm * cIm
      let pIm = muRe * cIm + muIm * cRe
      g11[u] = g11Re - pRe
      g11[u + hn] = g11Im - pIm
      g01[u] = muRe
      g01[u + hn] = -muIm
    }
  }

  /// Falcon specification v1.2, Algorithm 3 (splitfft): f(x) = f0(x^2) + x f1(x^2).
  static func split(_ f0: FalconPoly, _ f1: FalconPoly, _ f: UnsafePointer<Double>, _ logn: Int) {
    let n = 1 << logn
    let hn = n >> 1
    let qn = hn >> 1
    f0[0] = f[0]
    f1[0] = f[hn]
    gm.withUnsafeBufferPointer { gm in
      for u in 0..<qn {
        let aRe = f[u << 1]
        let aIm = f[(u << 1) + hn]
        let bRe = f[(u << 1) + 1]
        let bIm = f[(u << 1) + 1 + hn]
        var tRe = aRe + bRe
        var tIm = aIm + bIm
        f0[u] = tRe * 0.5
        f0[u + qn] = tIm * 0.5
        tRe = aRe - bRe
        tIm = aIm - bIm
        let sRe = gm[(u + hn) << 1]
        let sIm = -gm[((u + hn) << 1) + 1]
        let pRe = tRe * sRe - tIm * sIm
        let pIm = tRe * sIm + tIm * sRe
        f1[u] = pRe * 0.5
        f1[u + qn] = pIm * 0.5
      }
    }
  }

  /// Falcon specification v1.2, Algorithm 4 (mergefft).
  static func merge(_ f: FalconPoly, _ f0: UnsafePointer<Double>, _ f1: UnsafePointer<Double>, _ logn: Int) {
    let n = 1 << logn
    let hn = n >> 1
    let qn = hn >> 1
    f[0] = f0[0]
    f[hn] = f1[0]
    gm.withUnsafeBufferPointer { gm in
      for u in 0..<qn {
        let aRe = f0[u]
        let aIm = f0[u + qn]
        let cRe = f1[u]
        let cIm = f1[u + qn]
        let sRe = gm[(u + hn) << 1]
        let sIm = gm[((u + hn) << 1) + 1]
        let bRe = cRe * sRe - cIm * sIm
        let bIm = cRe * sIm + cIm * sRe
        f[u << 1] = aRe + bRe
        f[(u << 1) + hn] = aIm + bIm
        f[(u << 1) + 1] = aRe - bRe
        f[(u << 1) + 1 + hn] = aIm - bIm
      }
    }
  }

  /// Round half to even to an integer (the reference's `fpr_rint`).
  @inline(__always)
  static func rint(_ x: Double) -> Int64 {
    // Callers keep |x| far below 2^63; saturate rather than trap if a corrupt input ever breaks that.
    let r = x.rounded(.toNearestOrEven)
    guard r > -9.2e18, r < 9.2e18 else { return r < 0 ? -Int64(1) << 62 : Int64(1) << 62 }
    return Int64(r)
  }
}
