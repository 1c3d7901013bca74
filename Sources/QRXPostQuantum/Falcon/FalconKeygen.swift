import QRXPrimitives

// Falcon key generation (Falcon specification v1.2, Algorithms 4 to 9: NTRUGen, NTRUSolve,
// ffLDL* checks). f and g are sampled from SHAKE-256 exactly as the round-3 reference does, and
// NTRUSolve runs on exact big integers (31-bit words, two's complement, the reference's word
// lengths), with the reference's Babai reduction schedule and floating-point approximations, so
// that (F, G) and therefore the private key reproduce its known answers.

enum FalconKeygen {
  /// Word lengths of f, g (index: depth) and of unreduced F, G.
  static let maxBLSmall = [1, 1, 2, 2, 4, 7, 14, 27, 53, 106, 209]
  static let maxBLLarge = [2, 2, 5, 7, 12, 21, 40, 78, 157, 308]
  /// Average and standard deviation of the bit length of f, g coefficients, by depth.
  static let bitLength: [(avg: Int, std: Int)] = [
    (4, 0), (11, 1), (24, 1), (50, 1), (102, 1), (202, 2), (401, 4), (794, 5), (1577, 8), (3138, 13), (6308, 25),
  ]
  /// Discrete Gaussian of standard deviation 1.17 * sqrt(q / 2048), scaled by 2^63: entry 0 is
  /// P(x = 0), entry k is P(x >= k + 1 | x > 0).
  static let gauss1024: [UInt64] = [
    1_283_868_770_400_643_928, 6_416_574_995_475_331_444, 4_078_260_278_032_692_663,
    2_353_523_259_288_686_585, 1_227_179_971_273_316_331, 575_931_623_374_121_527,
    242_543_240_509_105_209, 91_437_049_221_049_666, 30_799_446_349_977_173,
    9_255_276_791_179_340, 2_478_152_334_826_140, 590_642_893_610_164,
    125_206_034_929_641, 23_590_435_911_403, 3_948_334_035_941,
    586_753_615_614, 77_391_054_539, 9_056_793_210,
    940_121_950, 86_539_696, 7_062_824,
    510_971, 32764, 1862,
    94, 4, 0,
  ]
  static let p0: Int64 = 2_147_473_409
  static let q: Int64 = 12289

  /// Little-endian 64-bit words from the key generation's SHAKE-256 stream.
  struct WordSource {
    var shake: SHAKE256
    var buffer: [UInt8] = []
    var offset = 0

    mutating func next() -> UInt64 {
      if offset + 8 > buffer.count {
        let rest = Array(buffer[offset...])
        buffer = rest + shake.squeeze(count: 136)
        offset = 0
      }
      var r: UInt64 = 0
      for i in 0..<8 { r |= UInt64(buffer[offset + i]) << UInt64(8 * i) }
      offset += 8
      return r
    }

    mutating func erase() {
      SecretBytes.wipe(&buffer)
      shake.erase()
    }
  }

  /// One Gaussian sample for degree 2^logn: the sum of 2^(10 - logn) table samples, in constant
  /// time (reference `mkgauss`).
  static func mkgauss(_ rng: inout WordSource, _ logn: Int) -> Int32 {
    let g = 1 << (10 - logn)
    var val: Int32 = 0
    for _ in 0..<g {
      var r = rng.next()
      let neg = UInt32(truncatingIfNeeded: r >> 63)
      r &= ~(UInt64(1) << 63)
      var f = UInt32(truncatingIfNeeded: (r &- gauss1024[0]) >> 63)
      var v: UInt32 = 0
      r = rng.next()
      r &= ~(UInt64(1) << 63)
      for k in 1..<gauss1024.count {
        let t = UInt32(truncatingIfNeeded: (r &- gauss1024[k]) >> 63) ^ 1
        v |= UInt32(k) & (0 &- (t & (f ^ 1)))
        f |= t
      }
      v = (v ^ (0 &- neg)) &+ neg
      val = val &+ Int32(bitPattern: v)
    }
    return val
  }

  /// A polynomial with Gaussian coefficients in -127...127 whose coefficient sum is odd (so that
  /// its resultant with x^n + 1 is odd). The restarts are the specification's rejection loop.
  static func smallGaussian(_ rng: inout WordSource, _ f: UnsafeMutablePointer<Int8>, _ logn: Int) {
    let n = 1 << logn
    var mod2: Int32 = 0
    var u = 0
    while u < n {
      let s = mkgauss(&rng, logn)
      if s < -127 || s > 127 { continue }
      if u == n - 1 {
        if (mod2 ^ (s & 1)) == 0 { continue }
      } else {
        mod2 ^= s & 1
      }
      f[u] = Int8(s)
      u += 1
    }
  }

  /// Falcon specification v1.2, Algorithm 4 (NTRUGen), in the reference's draw order: f, g, F, G
  /// and the public key h = g / f mod q.
  static func generate(
    rng: inout WordSource, logn: Int, f: UnsafeMutablePointer<Int8>, g: UnsafeMutablePointer<Int8>,
    F: UnsafeMutablePointer<Int8>, G: UnsafeMutablePointer<Int8>
  ) -> [UInt16] {
    let n = 1 << logn
    let fp = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n)
    defer {
      falconWipe(fp, count: 3 * n)
      fp.deallocate()
    }
    while true {
      smallGaussian(&rng, f, logn)
      smallGaussian(&rng, g, logn)
      let lim = Int8(1 << (FalconCodec.fgBits(logn) - 1))
      var inRange = true
      for u in 0..<n where f[u] >= lim || f[u] <= -lim || g[u] >= lim || g[u] <= -lim { inRange = false }
      if !inRange { continue }
      var normf: UInt32 = 0
      var normg: UInt32 = 0
      for u in 0..<n {
        normf &+= UInt32(Int32(f[u]) * Int32(f[u]))
        normg &+= UInt32(Int32(g[u]) * Int32(g[u]))
      }
      if normf &+ normg >= 16823 { continue }

      // Norm of the orthogonalized vector (q adj(f), q adj(g)) / (f adj(f) + g adj(g)).
      let rt1 = fp
      let rt2 = rt1 + n
      let rt3 = rt2 + n
      for u in 0..<n {
        rt1[u] = Double(f[u])
        rt2[u] = Double(g[u])
      }
      FalconFFT.fft(rt1, logn)
      FalconFFT.fft(rt2, logn)
      FalconFFT.invNorm2(rt3, rt1, rt2, logn)
      FalconFFT.adj(rt1, logn)
      FalconFFT.adj(rt2, logn)
      FalconFFT.mulConst(rt1, 12289.0, logn)
      FalconFFT.mulConst(rt2, 12289.0, logn)
      FalconFFT.mulAutoAdj(rt1, rt3, logn)
      FalconFFT.mulAutoAdj(rt2, rt3, logn)
      FalconFFT.ifft(rt1, logn)
      FalconFFT.ifft(rt2, logn)
      var bnorm = 0.0
      for u in 0..<n {
        bnorm = bnorm + rt1[u] * rt1[u]
        bnorm = bnorm + rt2[u] * rt2[u]
      }
      if !(bnorm < 16822.4121) { continue }

      guard let h = FalconModQ.publicKey(f: f, g: g, logn: logn) else { continue }
      if !solveNTRU(logn: logn, f: f, g: g, F: F, G: G) { continue }
      return h
    }
  }

  // MARK: - Big integers: 31-bit words, two's complement, fixed length.

  /// x += k * y * 2^(31 sch + scl), modulo 2^(31 xlen); y is sign-extended (reference
  /// `zint_add_scaled_mul_small`).
  @inline(__always)
  static func addScaledMulSmall(
    _ x: UnsafeMutablePointer<UInt32>, _ xlen: Int, _ y: UnsafePointer<UInt32>, _ ylen: Int, _ k: Int32,
    _ sch: Int, _ scl: Int
  ) {
    if ylen == 0 { return }
    let ysign = (0 &- (y[ylen - 1] >> 30)) >> 1
    var tw: UInt32 = 0
    var cc: Int64 = 0
    var u = sch
    let k64 = Int64(k)
    while u < xlen {
      let v = u - sch
      let wy = v < ylen ? y[v] : ysign
      let wys = ((wy << UInt32(scl)) & 0x7FFF_FFFF) | tw
      tw = wy >> UInt32(31 - scl)
      let z = Int64(wys) &* k64 &+ Int64(x[u]) &+ cc
      x[u] = UInt32(truncatingIfNeeded: z) & 0x7FFF_FFFF
      cc = Int64(Int32(truncatingIfNeeded: UInt64(bitPattern: z) >> 31))
      u += 1
    }
  }

  /// x += sign * y * z modulo 2^(31 xlen), y and z signed.
  @inline(__always)
  static func addProduct(
    _ x: UnsafeMutablePointer<UInt32>, _ xlen: Int, _ y: UnsafePointer<UInt32>, _ ylen: Int,
    _ z: UnsafePointer<UInt32>, _ zlen: Int, negate: Bool
  ) {
    for j in 0..<zlen {
      var k: Int32
      if j == zlen - 1 {
        let w = z[j]
        k = Int32(bitPattern: w | ((w & 0x4000_0000) << 1))
      } else {
        k = Int32(bitPattern: z[j])
      }
      if negate { k = -k }
      addScaledMulSmall(x, xlen, y, ylen, k, j, 0)
    }
  }

  /// Signed value of a one-word integer (reference `zint_one_to_plain`).
  @inline(__always)
  static func oneToPlain(_ w: UInt32) -> Int32 {
    Int32(bitPattern: w | ((w & 0x4000_0000) << 1))
  }

  /// A polynomial of big integers: `n` coefficients of `len` words, coefficient-major.
  struct BigPoly {
    var n: Int
    var len: Int
    var words: [UInt32]

    init(n: Int, len: Int) {
      self.n = n
      self.len = len
      words = [UInt32](repeating: 0, count: n * len)
    }

    mutating func wipe() {
      falconWipe(&words)
    }
  }

  /// N(f) for f of degree n (Algorithm 5's field norm): f'(y) = f0(y)^2 - y f1(y)^2 where
  /// f(x) = f0(x^2) + x f1(x^2), with `outLen` words per coefficient.
  static func fieldNorm(_ f: BigPoly, outLen: Int, depthZero: Bool = false) -> BigPoly {
    let hn = f.n >> 1
    var out = BigPoly(n: hn, len: outLen)
    let len = f.len
    // Depth 0 only: f and g are public-bounded there (|coefficient| <= 127), so the choice of
    // path reveals nothing about them.
    if depthZero, len == 1, f.n >= 4 { return fieldNormSmall(f, outLen: outLen) }
    f.words.withUnsafeBufferPointer { src in
      out.words.withUnsafeMutableBufferPointer { dst in
        let s = src.baseAddress!
        let d = dst.baseAddress!
        for i in 0..<hn {
          let a0 = s + (2 * i) * len
          let a1 = s + (2 * i + 1) * len
          for j in 0..<hn {
            let b0 = s + (2 * j) * len
            let b1 = s + (2 * j + 1) * len
            // f0_i f0_j y^(i+j)
            var idx = i + j
            var neg = false
            if idx >= hn {
              idx -= hn
              neg = true
            }
            addProduct(d + idx * outLen, outLen, a0, len, b0, len, negate: neg)
            // - f1_i f1_j y^(i+j+1)
            idx = i + j + 1
            neg = true
            if idx >= hn {
              idx -= hn
              neg = false
            }
            addProduct(d + idx * outLen, outLen, a1, len, b1, len, negate: neg)
          }
        }
      }
    }
    return out
  }

  /// ``fieldNorm(_:outLen:depthZero:)`` with 64-bit integers for the sampled f and g themselves
  /// (|coefficient| <= 127, n <= 1024: every sum stays below 2^25).
  static func fieldNormSmall(_ f: BigPoly, outLen: Int) -> BigPoly {
    let n = f.n
    let hn = n >> 1
    var v = [Int64](repeating: 0, count: n)
    var acc = [Int64](repeating: 0, count: hn)
    defer {
      falconWipe(&v)
      falconWipe(&acc)
    }
    for i in 0..<n {
      v[i] = Int64(oneToPlain(f.words[i]))
    }
    v.withUnsafeBufferPointer { v in
      acc.withUnsafeMutableBufferPointer { acc in
        for i in 0..<hn {
          let a0 = v[2 * i]
          let a1 = v[2 * i + 1]
          for j in 0..<hn {
            let p0 = a0 &* v[2 * j]
            let p1 = a1 &* v[2 * j + 1]
            // f0_i f0_j y^(i+j) - f1_i f1_j y^(i+j+1), modulo y^hn + 1.
            let k = i + j
            if k < hn { acc[k] &+= p0 } else { acc[k - hn] &-= p0 }
            if k + 1 < hn { acc[k + 1] &-= p1 } else { acc[k + 1 - hn] &+= p1 }
          }
        }
      }
    }
    var out = BigPoly(n: hn, len: outLen)
    for i in 0..<hn {
      for w in 0..<outLen {
        let shifted = w * 31 < 64 ? acc[i] >> Int64(w * 31) : (acc[i] < 0 ? -1 : 0)
        out.words[i * outLen + w] = UInt32(truncatingIfNeeded: shifted) & 0x7FFF_FFFF
      }
    }
    return out
  }

  /// F(x) = Fd(x^2) * g(-x) mod x^n + 1 with `outLen` words (the lift of Algorithm 6, line 8).
  static func lift(_ Fd: BigPoly, _ g: BigPoly, outLen: Int) -> BigPoly {
    // Chosen on word lengths only (public): at most 62 + 31 bits per product, 2^10 terms.
    if Fd.len + g.len <= 3, let fast = liftSmall(Fd, g, outLen: outLen) { return fast }
    let n = g.n
    let hn = n >> 1
    var out = BigPoly(n: n, len: outLen)
    Fd.words.withUnsafeBufferPointer { fs in
      g.words.withUnsafeBufferPointer { gs in
        out.words.withUnsafeMutableBufferPointer { dst in
          let d = dst.baseAddress!
          for i in 0..<hn {
            let a = fs.baseAddress! + i * Fd.len
            for j in 0..<n {
              var idx = 2 * i + j
              var neg = (j & 1) == 1
              if idx >= n {
                idx -= n
                neg.toggle()
              }
              addProduct(d + idx * outLen, outLen, a, Fd.len, gs.baseAddress! + j * g.len, g.len, negate: neg)
            }
          }
        }
      }
    }
    return out
  }

  /// ``lift(_:_:outLen:)`` with 128-bit accumulators when every coefficient has at most two
  /// words and no sum can overflow; nil otherwise.
  static func liftSmall(_ Fd: BigPoly, _ g: BigPoly, outLen: Int) -> BigPoly? {
    let n = g.n
    let hn = n >> 1
    var a = [Int64](repeating: 0, count: hn)
    var b = [Int64](repeating: 0, count: n)
    var hi = [Int64](repeating: 0, count: n)
    var lo = [UInt64](repeating: 0, count: n)
    defer {
      falconWipe(&a)
      falconWipe(&b)
      falconWipe(&hi)
      falconWipe(&lo)
    }
    Fd.words.withUnsafeBufferPointer { w in
      for i in 0..<hn {
        a[i] = smallValue(w.baseAddress! + i * Fd.len, Fd.len)
      }
    }
    g.words.withUnsafeBufferPointer { w in
      for j in 0..<n {
        b[j] = smallValue(w.baseAddress! + j * g.len, g.len)
      }
    }
    // Products of at most 62 and 31 bits summed n times stay far below 2^127.
    guard Fd.len + g.len <= 3 else { return nil }
    hi.withUnsafeMutableBufferPointer { hi in
      lo.withUnsafeMutableBufferPointer { lo in
        for i in 0..<hn {
          for j in 0..<n {
            var (ph, pl) = a[i].multipliedFullWidth(by: b[j])
            var idx = 2 * i + j
            var negate = (j & 1) == 1
            if idx >= n {
              idx -= n
              negate.toggle()
            }
            if negate {
              pl = ~pl &+ 1
              ph = ~ph &+ (pl == 0 ? 1 : 0)
            }
            let (s, carry) = lo[idx].addingReportingOverflow(pl)
            lo[idx] = s
            hi[idx] = hi[idx] &+ ph &+ (carry ? 1 : 0)
          }
        }
      }
    }
    var out = BigPoly(n: n, len: outLen)
    for u in 0..<n {
      // Shift the 128-bit two's complement value right 31 bits at a time.
      var l = lo[u]
      var h = hi[u]
      for w in 0..<outLen {
        out.words[u * outLen + w] = UInt32(truncatingIfNeeded: l) & 0x7FFF_FFFF
        l = (l >> 31) | (UInt64(bitPattern: h) << 33)
        h >>= 31
      }
    }
    return out
  }

  /// Reference `poly_big_to_fp`: a floating-point approximation of each coefficient from `flen`
  /// words starting at `f` (the top words of a longer integer when the caller offsets `f`).
  static func bigToFP(_ d: FalconPoly, _ f: UnsafePointer<UInt32>, flen: Int, stride: Int, logn: Int) {
    let n = 1 << logn
    if flen == 0 {
      for u in 0..<n { d[u] = 0 }
      return
    }
    var p = f
    for u in 0..<n {
      let neg = 0 &- (p[flen - 1] >> 30)
      let xm = neg >> 1
      var cc = neg & 1
      var x = 0.0
      var fsc = 1.0
      for v in 0..<flen {
        var w = (p[v] ^ xm) &+ cc
        cc = w >> 31
        w &= 0x7FFF_FFFF
        w = w &- ((w << 1) & neg)
        x = x + Double(Int32(bitPattern: w)) * fsc
        fsc = fsc * 2_147_483_648.0
      }
      d[u] = x
      p += stride
    }
  }

  /// Reference `poly_sub_scaled`: F -= (k * f) * 2^(31 sch + scl) modulo x^n + 1, on Flen words.
  static func subScaled(
    _ F: UnsafeMutablePointer<UInt32>, _ Flen: Int, _ Fstride: Int, _ f: UnsafePointer<UInt32>, _ flen: Int,
    _ fstride: Int, _ k: UnsafePointer<Int32>, _ sch: Int, _ scl: Int, _ logn: Int
  ) {
    let n = 1 << logn
    for u in 0..<n {
      var kf = -k[u]
      var x = F + u * Fstride
      var y = f
      for v in 0..<n {
        addScaledMulSmall(x, Flen, y, flen, kf, sch, scl)
        if u + v == n - 1 {
          x = F
          kf = -kf
        } else {
          x += Fstride
        }
        y += fstride
      }
    }
  }

  /// Signed value of a coefficient of at most two words.
  @inline(__always)
  static func smallValue(_ w: UnsafePointer<UInt32>, _ len: Int) -> Int64 {
    if len == 1 { return Int64(oneToPlain(w[0])) }
    let hi = Int64(oneToPlain(w[1]))
    return (hi << 31) | Int64(w[0])
  }

  /// ``subScaled`` for f of at most two words (62 bits): k f is formed exactly with 128-bit
  /// accumulators, then F -= (k f) 2^(31 sch + scl) on Flen words. Same result, far fewer steps.
  static func subScaledSmall(
    _ F: inout BigPoly, _ Flen: Int, _ f: BigPoly, _ k: UnsafePointer<Int32>, _ sch: Int, _ scl: Int, _ logn: Int
  ) {
    let n = 1 << logn
    var hi = [Int64](repeating: 0, count: n)
    var lo = [UInt64](repeating: 0, count: n)
    var fv = [Int64](repeating: 0, count: n)
    var words = [UInt32](repeating: 0, count: 5)
    defer {
      falconWipe(&hi)
      falconWipe(&lo)
      falconWipe(&fv)
      falconWipe(&words)
    }
    f.words.withUnsafeBufferPointer { fw in
      for v in 0..<n { fv[v] = smallValue(fw.baseAddress! + v * f.len, f.len) }
    }
    hi.withUnsafeMutableBufferPointer { hi in
      lo.withUnsafeMutableBufferPointer { lo in
        fv.withUnsafeBufferPointer { fv in
          for u in 0..<n {
            let ku = Int64(k[u])
            for v in 0..<n {
              var (ph, pl) = ku.multipliedFullWidth(by: fv[v])
              var idx = u + v
              if idx >= n {
                // x^n = -1: negate the 128-bit product.
                idx -= n
                pl = ~pl &+ 1
                ph = ~ph &+ (pl == 0 ? 1 : 0)
              }
              let (s, carry) = lo[idx].addingReportingOverflow(pl)
              lo[idx] = s
              hi[idx] = hi[idx] &+ ph &+ (carry ? 1 : 0)
            }
          }
        }
      }
    }
    // Each product coefficient as five 31-bit words (two's complement), then subtract.
    F.words.withUnsafeMutableBufferPointer { Fw in
      for u in 0..<n {
        let l = lo[u]
        let h = UInt64(bitPattern: hi[u])
        words[0] = UInt32(truncatingIfNeeded: l) & 0x7FFF_FFFF
        words[1] = UInt32(truncatingIfNeeded: l >> 31) & 0x7FFF_FFFF
        words[2] = UInt32(truncatingIfNeeded: (l >> 62) | (h << 2)) & 0x7FFF_FFFF
        words[3] = UInt32(truncatingIfNeeded: h >> 29) & 0x7FFF_FFFF
        words[4] = UInt32(truncatingIfNeeded: h >> 60) | (hi[u] < 0 ? 0x7FFF_FFF0 : 0)
        words.withUnsafeBufferPointer { y in
          addScaledMulSmall(Fw.baseAddress! + u * F.len, Flen, y.baseAddress!, 5, -1, sch, scl)
        }
      }
    }
  }

  // MARK: - Extended GCD on unsigned big integers (31-bit words), in constant time.

  typealias Words = UnsafeMutablePointer<UInt32>

  /// -1 / p mod 2^31 for odd p (reference `modp_ninv31`).
  static func ninv31(_ p: UInt32) -> UInt32 {
    var y: UInt32 = 2 &- p
    for _ in 0..<4 { y = y &* (2 &- p &* y) }
    return 0x7FFF_FFFF & (0 &- y)
  }

  /// a <- -a when ctl = 1 (reference `zint_negate`).
  @inline(__always)
  static func negate(_ a: Words, _ len: Int, _ ctl: UInt32) {
    var cc = ctl
    let m = (0 &- ctl) >> 1
    for u in 0..<len {
      let aw = (a[u] ^ m) &+ cc
      a[u] = aw & 0x7FFF_FFFF
      cc = aw >> 31
    }
  }

  /// a <- (a xa + b xb) / 2^31, b <- (a ya + b yb) / 2^31, negating a negative result; returns
  /// which were negated (bit 0: a, bit 1: b) (reference `zint_co_reduce`).
  static func coReduce(
    _ a: Words, _ b: Words, _ len: Int, _ xa: Int64, _ xb: Int64, _ ya: Int64, _ yb: Int64
  )
    -> UInt32
  {
    var cca: Int64 = 0
    var ccb: Int64 = 0
    for u in 0..<len {
      let wa = UInt64(a[u])
      let wb = UInt64(b[u])
      let za = wa &* UInt64(bitPattern: xa) &+ wb &* UInt64(bitPattern: xb) &+ UInt64(bitPattern: cca)
      let zb = wa &* UInt64(bitPattern: ya) &+ wb &* UInt64(bitPattern: yb) &+ UInt64(bitPattern: ccb)
      if u > 0 {
        a[u - 1] = UInt32(truncatingIfNeeded: za) & 0x7FFF_FFFF
        b[u - 1] = UInt32(truncatingIfNeeded: zb) & 0x7FFF_FFFF
      }
      cca = Int64(bitPattern: za) >> 31
      ccb = Int64(bitPattern: zb) >> 31
    }
    a[len - 1] = UInt32(truncatingIfNeeded: cca)
    b[len - 1] = UInt32(truncatingIfNeeded: ccb)
    let nega = UInt32(truncatingIfNeeded: UInt64(bitPattern: cca) >> 63)
    let negb = UInt32(truncatingIfNeeded: UInt64(bitPattern: ccb) >> 63)
    negate(a, len, nega)
    negate(b, len, negb)
    return nega | (negb << 1)
  }

  /// Final correction of a Montgomery-style reduction modulo m (reference `zint_finish_mod`).
  @inline(__always)
  static func finishMod(_ a: Words, _ len: Int, _ m: Words, _ neg: UInt32) {
    var cc: UInt32 = 0
    for u in 0..<len { cc = (a[u] &- m[u] &- cc) >> 31 }
    let xm = (0 &- neg) >> 1
    let ym = 0 &- (neg | (1 &- cc))
    cc = neg
    for u in 0..<len {
      let mw = (m[u] ^ xm) & ym
      let aw = a[u] &- mw &- cc
      a[u] = aw & 0x7FFF_FFFF
      cc = aw >> 31
    }
  }

  /// a <- (a xa + b xb) / 2^31 mod m, b <- (a ya + b yb) / 2^31 mod m (reference
  /// `zint_co_reduce_mod`); m odd, m0i = -1 / m[0] mod 2^31.
  static func coReduceMod(
    _ a: Words, _ b: Words, _ m: Words, _ len: Int, _ m0i: UInt32, _ xa: Int64, _ xb: Int64, _ ya: Int64,
    _ yb: Int64
  ) {
    var cca: Int64 = 0
    var ccb: Int64 = 0
    let fa = ((a[0] &* UInt32(truncatingIfNeeded: xa) &+ b[0] &* UInt32(truncatingIfNeeded: xb)) &* m0i) & 0x7FFF_FFFF
    let fb = ((a[0] &* UInt32(truncatingIfNeeded: ya) &+ b[0] &* UInt32(truncatingIfNeeded: yb)) &* m0i) & 0x7FFF_FFFF
    for u in 0..<len {
      let wa = UInt64(a[u])
      let wb = UInt64(b[u])
      let mu = UInt64(m[u])
      let za =
        wa &* UInt64(bitPattern: xa) &+ wb &* UInt64(bitPattern: xb) &+ mu &* UInt64(fa) &+ UInt64(bitPattern: cca)
      let zb =
        wa &* UInt64(bitPattern: ya) &+ wb &* UInt64(bitPattern: yb) &+ mu &* UInt64(fb) &+ UInt64(bitPattern: ccb)
      if u > 0 {
        a[u - 1] = UInt32(truncatingIfNeeded: za) & 0x7FFF_FFFF
        b[u - 1] = UInt32(truncatingIfNeeded: zb) & 0x7FFF_FFFF
      }
      cca = Int64(bitPattern: za) >> 31
      ccb = Int64(bitPattern: zb) >> 31
    }
    a[len - 1] = UInt32(truncatingIfNeeded: cca)
    b[len - 1] = UInt32(truncatingIfNeeded: ccb)
    finishMod(a, len, m, UInt32(truncatingIfNeeded: UInt64(bitPattern: cca) >> 63))
    finishMod(b, len, m, UInt32(truncatingIfNeeded: UInt64(bitPattern: ccb) >> 63))
  }

  /// Extended binary GCD: (u, v) with x u - y v = 1, 0 <= u <= y, 0 <= v <= x, for odd x and y;
  /// nil when gcd(x, y) != 1. Constant time: 31 binary-GCD steps at a time are decided on the top
  /// and low words of (a, b), then applied to all values (reference `zint_bezout`). The solution
  /// is unique, so any correct algorithm gives the reference's (u, v).
  static func bezout(_ x: [UInt32], _ y: [UInt32]) -> (u: [UInt32], v: [UInt32])? {
    let len = x.count
    guard len > 0, y.count == len else { return nil }
    let buffer = Words.allocate(capacity: 8 * len)
    buffer.initialize(repeating: 0, count: 8 * len)
    defer {
      falconWipe(buffer, count: 8 * len)
      buffer.deallocate()
    }
    let u0 = buffer
    let v0 = u0 + len
    let u1 = v0 + len
    let v1 = u1 + len
    let a = v1 + len
    let b = a + len
    let xs = b + len
    let ys = xs + len
    for i in 0..<len {
      xs[i] = x[i]
      ys[i] = y[i]
      a[i] = x[i]
      b[i] = y[i]
      u1[i] = y[i]
      v1[i] = x[i]
    }
    u0[0] = 1
    v1[0] &-= 1
    let x0i = ninv31(x[0])
    let y0i = ninv31(y[0])

    var num = 62 * len + 30
    while num >= 30 {
      // Top two words (or the last one) of a and b, and their low words.
      var c0: UInt32 = 0xFFFF_FFFF
      var c1: UInt32 = 0xFFFF_FFFF
      var a0: UInt32 = 0
      var a1: UInt32 = 0
      var b0: UInt32 = 0
      var b1: UInt32 = 0
      var j = len
      while j > 0 {
        j -= 1
        let aw = a[j]
        let bw = b[j]
        a0 ^= (a0 ^ aw) & c0
        a1 ^= (a1 ^ aw) & c1
        b0 ^= (b0 ^ bw) & c0
        b1 ^= (b1 ^ bw) & c1
        c1 = c0
        c0 &= (((aw | bw) &+ 0x7FFF_FFFF) >> 31) &- 1
      }
      a1 |= a0 & c1
      a0 &= ~c1
      b1 |= b0 & c1
      b0 &= ~c1
      var aHi = (UInt64(a0) << 31) &+ UInt64(a1)
      var bHi = (UInt64(b0) << 31) &+ UInt64(b1)
      var aLo = a[0]
      var bLo = b[0]
      var pa: Int64 = 1
      var pb: Int64 = 0
      var qa: Int64 = 0
      var qb: Int64 = 1
      for i in 0..<31 {
        let rz = bHi &- aHi
        let rt = UInt32(truncatingIfNeeded: (rz ^ ((aHi ^ bHi) & (aHi ^ rz))) >> 63)
        let oa = (aLo >> UInt32(i)) & 1
        let ob = (bLo >> UInt32(i)) & 1
        let cAB = oa & ob & rt
        let cBA = oa & ob & ~rt
        let cA = cAB | (oa ^ 1)
        aLo &-= bLo & (0 &- cAB)
        aHi &-= bHi & (0 &- UInt64(cAB))
        pa &-= qa & (0 &- Int64(cAB))
        pb &-= qb & (0 &- Int64(cAB))
        bLo &-= aLo & (0 &- cBA)
        bHi &-= aHi & (0 &- UInt64(cBA))
        qa &-= pa & (0 &- Int64(cBA))
        qb &-= pb & (0 &- Int64(cBA))
        aLo &+= aLo & (cA &- 1)
        pa &+= pa & (Int64(cA) &- 1)
        pb &+= pb & (Int64(cA) &- 1)
        aHi ^= (aHi ^ (aHi >> 1)) & (0 &- UInt64(cA))
        bLo &+= bLo & (0 &- cA)
        qa &+= qa & (0 &- Int64(cA))
        qb &+= qb & (0 &- Int64(cA))
        bHi ^= (bHi ^ (bHi >> 1)) & (UInt64(cA) &- 1)
      }
      let r = coReduce(a, b, len, pa, pb, qa, qb)
      pa &-= (pa &+ pa) & (0 &- Int64(r & 1))
      pb &-= (pb &+ pb) & (0 &- Int64(r & 1))
      qa &-= (qa &+ qa) & (0 &- Int64(r >> 1))
      qb &-= (qb &+ qb) & (0 &- Int64(r >> 1))
      coReduceMod(u0, u1, ys, len, y0i, pa, pb, qa, qb)
      coReduceMod(v0, v1, xs, len, x0i, pa, pb, qa, qb)
      num -= 30
    }
    var rc = a[0] ^ 1
    for j in 1..<len { rc |= a[j] }
    let ok = (1 &- ((rc | (0 &- rc)) >> 31)) & x[0] & y[0] & 1
    guard ok == 1 else { return nil }
    return (Array(UnsafeBufferPointer(start: u0, count: len)), Array(UnsafeBufferPointer(start: v0, count: len)))
  }

  /// a *= m (small), returning false on overflow of the word length.
  static func mulSmall(_ a: inout [UInt32], _ m: UInt32) -> Bool {
    var cc: UInt64 = 0
    for i in 0..<a.count {
      let z = UInt64(a[i]) * UInt64(m) + cc
      a[i] = UInt32(truncatingIfNeeded: z) & 0x7FFF_FFFF
      cc = z >> 31
    }
    return cc == 0
  }

  // MARK: - NTRUSolve

  /// Falcon specification v1.2, Algorithm 6 (NTRUSolve): F, G with f G - g F = q and all
  /// coefficients in -127...127; false when (f, g) must be discarded.
  static func solveNTRU(
    logn: Int, f: UnsafePointer<Int8>, g: UnsafePointer<Int8>, F: UnsafeMutablePointer<Int8>,
    G: UnsafeMutablePointer<Int8>
  ) -> Bool {
    let n = 1 << logn
    // f and g at every depth, exactly.
    var fs: [BigPoly] = []
    var gs: [BigPoly] = []
    defer {
      for i in fs.indices { fs[i].wipe() }
      for i in gs.indices { gs[i].wipe() }
    }
    var f0 = BigPoly(n: n, len: 1)
    var g0 = BigPoly(n: n, len: 1)
    for u in 0..<n {
      f0.words[u] = UInt32(bitPattern: Int32(f[u])) & 0x7FFF_FFFF
      g0.words[u] = UInt32(bitPattern: Int32(g[u])) & 0x7FFF_FFFF
    }
    fs.append(f0)
    gs.append(g0)
    for depth in 0..<logn {
      fs.append(fieldNorm(fs[depth], outLen: maxBLSmall[depth + 1], depthZero: depth == 0))
      gs.append(fieldNorm(gs[depth], outLen: maxBLSmall[depth + 1], depthZero: depth == 0))
    }

    // Deepest level: resultants and the extended GCD.
    let resF = fs[logn].words
    let resG = gs[logn].words
    guard var (u, v) = bezout(resF, resG) else { return false }
    defer {
      falconWipe(&u)
      falconWipe(&v)
    }
    guard mulSmall(&v, 12289), mulSmall(&u, 12289) else { return false }
    var Fd = BigPoly(n: 1, len: maxBLSmall[logn])
    var Gd = BigPoly(n: 1, len: maxBLSmall[logn])
    Fd.words = v
    Gd.words = u
    defer {
      Fd.wipe()
      Gd.wipe()
    }

    var depth = logn - 1
    while depth > 1 {
      guard
        let (nF, nG) = solveIntermediate(
          lognTop: logn, depth: depth, Fd: Fd, Gd: Gd, f: fs[depth], g: gs[depth])
      else { return false }
      Fd.wipe()
      Gd.wipe()
      Fd = nF
      Gd = nG
      depth -= 1
    }
    guard var (F1, G1) = solveDepth1(lognTop: logn, Fd: Fd, Gd: Gd, f: fs[1], g: gs[1]) else { return false }
    defer {
      falconWipe(&F1)
      falconWipe(&G1)
    }
    guard var (Ffin, Gfin) = solveDepth0(logn: logn, Fp: F1, Gp: G1, f: f, g: g) else { return false }
    defer {
      falconWipe(&Ffin)
      falconWipe(&Gfin)
    }

    for u in 0..<n {
      guard Ffin[u] >= -127, Ffin[u] <= 127, Gfin[u] >= -127, Gfin[u] <= 127 else { return false }
      F[u] = Int8(Ffin[u])
      G[u] = Int8(Gfin[u])
    }
    // Check f G - g F = q modulo p (exact: every coefficient is far below p / 2).
    let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * n)
    defer {
      falconWipe(t, count: 4 * n)
      t.deallocate()
    }
    for u in 0..<n {
      t[u] = UInt64(modP(Int64(f[u])))
      t[n + u] = UInt64(modP(Int64(G[u])))
      t[2 * n + u] = UInt64(modP(Int64(g[u])))
      t[3 * n + u] = UInt64(modP(Int64(F[u])))
    }
    for k in 0..<4 { nttP(t + k * n, logn) }
    var bad = false
    for u in 0..<n {
      let fG = mulP(t[u], t[n + u])
      let gF = mulP(t[2 * n + u], t[3 * n + u])
      let d = fG >= gF ? fG - gF : fG + UInt64(p0) - gF
      bad = bad || d != UInt64(q)
    }
    if bad { return false }
    return true
  }

  /// Reference `solve_NTRU_intermediate`: lift (Fd, Gd) from depth + 1 and reduce it against
  /// (f, g) of this depth with Babai's nearest plane over floating-point approximations.
  static func solveIntermediate(
    lognTop: Int, depth: Int, Fd: BigPoly, Gd: BigPoly, f: BigPoly, g: BigPoly
  ) -> (BigPoly, BigPoly)? {
    let logn = lognTop - depth
    let n = 1 << logn
    let slen = maxBLSmall[depth]
    let llen = maxBLLarge[depth]
    var Ft = lift(Fd, g, outLen: llen)
    var Gt = lift(Gd, f, outLen: llen)
    defer {
      Ft.wipe()
      Gt.wipe()
    }

    let rt = UnsafeMutablePointer<Double>.allocate(capacity: 5 * n)
    let kbuf = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    defer {
      falconWipe(rt, count: 5 * n)
      rt.deallocate()
      falconWipe(kbuf, count: n)
      kbuf.deallocate()
    }
    let rt3 = rt
    let rt4 = rt3 + n
    let rt5 = rt4 + n
    let rt1 = rt5 + n
    let rt2 = rt1 + n

    var rlen = min(slen, 10)
    f.words.withUnsafeBufferPointer { fw in
      bigToFP(rt3, fw.baseAddress! + slen - rlen, flen: rlen, stride: slen, logn: logn)
    }
    g.words.withUnsafeBufferPointer { gw in
      bigToFP(rt4, gw.baseAddress! + slen - rlen, flen: rlen, stride: slen, logn: logn)
    }
    let scaleFG = 31 * (slen - rlen)
    let minblFG = bitLength[depth].avg - 6 * bitLength[depth].std
    let maxblFG = bitLength[depth].avg + 6 * bitLength[depth].std

    FalconFFT.fft(rt3, logn)
    FalconFFT.fft(rt4, logn)
    FalconFFT.invNorm2(rt5, rt3, rt4, logn)
    FalconFFT.adj(rt3, logn)
    FalconFFT.adj(rt4, logn)

    var FGlen = llen
    var maxblBigFG = 31 * llen
    var scaleK = maxblBigFG - minblFG

    while true {
      rlen = min(FGlen, 10)
      let scaleBigFG = 31 * (FGlen - rlen)
      Ft.words.withUnsafeBufferPointer { w in
        bigToFP(rt1, w.baseAddress! + FGlen - rlen, flen: rlen, stride: llen, logn: logn)
      }
      Gt.words.withUnsafeBufferPointer { w in
        bigToFP(rt2, w.baseAddress! + FGlen - rlen, flen: rlen, stride: llen, logn: logn)
      }
      FalconFFT.fft(rt1, logn)
      FalconFFT.fft(rt2, logn)
      FalconFFT.mul(rt1, rt3, logn)
      FalconFFT.mul(rt2, rt4, logn)
      FalconFFT.add(rt2, rt1, logn)
      FalconFFT.mulAutoAdj(rt2, rt5, logn)
      FalconFFT.ifft(rt2, logn)

      var dc = scaleK - scaleBigFG + scaleFG
      var pt: Double
      if dc < 0 {
        dc = -dc
        pt = 2.0
      } else {
        pt = 0.5
      }
      var pdc = 1.0
      while dc != 0 {
        if dc & 1 != 0 { pdc = pdc * pt }
        dc >>= 1
        pt = pt * pt
      }
      for u in 0..<n {
        let xv = rt2[u] * pdc
        guard -2_147_483_647.0 < xv, xv < 2_147_483_647.0 else { return nil }
        kbuf[u] = Int32(FalconFFT.rint(xv))
      }

      let sch = scaleK / 31
      let scl = scaleK % 31
      if slen <= 2 {
        // f and g fit in 62 bits: form k f exactly with 128-bit accumulators, then subtract.
        subScaledSmall(&Ft, FGlen, f, kbuf, sch, scl, logn)
        subScaledSmall(&Gt, FGlen, g, kbuf, sch, scl, logn)
      } else {
        Ft.words.withUnsafeMutableBufferPointer { Fw in
          f.words.withUnsafeBufferPointer { fw in
            subScaled(Fw.baseAddress!, FGlen, llen, fw.baseAddress!, slen, slen, kbuf, sch, scl, logn)
          }
        }
        Gt.words.withUnsafeMutableBufferPointer { Gw in
          g.words.withUnsafeBufferPointer { gw in
            subScaled(Gw.baseAddress!, FGlen, llen, gw.baseAddress!, slen, slen, kbuf, sch, scl, logn)
          }
        }
      }

      let newMaxbl = scaleK + maxblFG + 10
      if newMaxbl < maxblBigFG {
        maxblBigFG = newMaxbl
        if FGlen * 31 >= maxblBigFG + 31 { FGlen -= 1 }
      }
      if scaleK <= 0 { break }
      scaleK -= 25
      if scaleK < 0 { scaleK = 0 }
    }

    if FGlen < slen {
      for u in 0..<n {
        let base = u * llen
        var sw = (0 &- (Ft.words[base + FGlen - 1] >> 30)) >> 1
        for v in FGlen..<slen { Ft.words[base + v] = sw }
        sw = (0 &- (Gt.words[base + FGlen - 1] >> 30)) >> 1
        for v in FGlen..<slen { Gt.words[base + v] = sw }
      }
    }
    var outF = BigPoly(n: n, len: slen)
    var outG = BigPoly(n: n, len: slen)
    for u in 0..<n {
      for v in 0..<slen {
        outF.words[u * slen + v] = Ft.words[u * llen + v]
        outG.words[u * slen + v] = Gt.words[u * llen + v]
      }
    }
    return (outF, outG)
  }

  /// Reference `solve_NTRU_binary_depth1`: the unreduced F, G fit in 53 bits, so one Babai step in
  /// floating point suffices. Returns one-word coefficients.
  static func solveDepth1(lognTop: Int, Fd: BigPoly, Gd: BigPoly, f: BigPoly, g: BigPoly) -> ([UInt32], [UInt32])? {
    let depth = 1
    let logn = lognTop - depth
    let n = 1 << logn
    let slen = maxBLSmall[depth]
    let llen = maxBLLarge[depth]
    var Ft = lift(Fd, g, outLen: llen)
    var Gt = lift(Gd, f, outLen: llen)
    defer {
      Ft.wipe()
      Gt.wipe()
    }
    let rt = UnsafeMutablePointer<Double>.allocate(capacity: 6 * n)
    defer {
      falconWipe(rt, count: 6 * n)
      rt.deallocate()
    }
    let rt1 = rt
    let rt2 = rt1 + n
    let rt3 = rt2 + n
    let rt4 = rt3 + n
    let rt5 = rt4 + n
    let rt6 = rt5 + n
    Ft.words.withUnsafeBufferPointer { bigToFP(rt1, $0.baseAddress!, flen: llen, stride: llen, logn: logn) }
    Gt.words.withUnsafeBufferPointer { bigToFP(rt2, $0.baseAddress!, flen: llen, stride: llen, logn: logn) }
    f.words.withUnsafeBufferPointer { bigToFP(rt3, $0.baseAddress!, flen: slen, stride: slen, logn: logn) }
    g.words.withUnsafeBufferPointer { bigToFP(rt4, $0.baseAddress!, flen: slen, stride: slen, logn: logn) }
    FalconFFT.fft(rt1, logn)
    FalconFFT.fft(rt2, logn)
    FalconFFT.fft(rt3, logn)
    FalconFFT.fft(rt4, logn)
    FalconFFT.addMulAdj(rt5, rt1, rt2, rt3, rt4, logn)
    FalconFFT.invNorm2(rt6, rt3, rt4, logn)
    FalconFFT.mulAutoAdj(rt5, rt6, logn)
    FalconFFT.ifft(rt5, logn)
    for u in 0..<n {
      let z = rt5[u]
      guard z < 9_223_372_036_854_775_808.0, -9_223_372_036_854_775_808.0 < z else { return nil }
      rt5[u] = Double(FalconFFT.rint(z))
    }
    FalconFFT.fft(rt5, logn)
    FalconFFT.mul(rt3, rt5, logn)
    FalconFFT.mul(rt4, rt5, logn)
    FalconFFT.sub(rt1, rt3, logn)
    FalconFFT.sub(rt2, rt4, logn)
    FalconFFT.ifft(rt1, logn)
    FalconFFT.ifft(rt2, logn)
    var outF = [UInt32](repeating: 0, count: n)
    var outG = [UInt32](repeating: 0, count: n)
    for u in 0..<n {
      outF[u] = UInt32(truncatingIfNeeded: FalconFFT.rint(rt1[u]))
      outG[u] = UInt32(truncatingIfNeeded: FalconFFT.rint(rt2[u]))
    }
    return (outF, outG)
  }

  @inline(__always)
  static func modP(_ x: Int64) -> Int64 {
    let r = x % 2_147_473_409
    return r < 0 ? r + p0 : r
  }

  /// Reference `modp_norm`: the representative in -(p-1)/2 ... (p-1)/2.
  @inline(__always)
  static func normP(_ x: Int64) -> Int64 { x >= (p0 + 1) >> 1 ? x - p0 : x }

  @inline(__always)
  static func mulP(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* b) % 2_147_473_409 }

  static func powP(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
    var r: UInt64 = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { r = mulP(r, b) }
      b = mulP(b, b)
      e >>= 1
    }
    return r
  }

  /// zetas[k] = psi^rev(k) modulo p for a primitive 2n-th root psi (n = 2^logn).
  static func zetasP(_ logn: Int) -> [UInt64] {
    let p = UInt64(p0)
    // A primitive 2048-th root of unity: the first x^((p-1)/2048) whose 1024-th power is -1.
    var psi: UInt64 = 0
    var x: UInt64 = 2
    while true {
      let c = powP(x, (p - 1) / 2048)
      if powP(c, 1024) == p - 1 {
        psi = c
        break
      }
      x += 1
    }
    psi = powP(psi, UInt64(1024 >> logn))
    let n = 1 << logn
    var zetas = [UInt64](repeating: 0, count: n)
    for k in 0..<n {
      var r = 0
      for bit in 0..<logn where k & (1 << bit) != 0 { r |= 1 << (logn - 1 - bit) }
      zetas[k] = powP(psi, UInt64(r))
    }
    return zetas
  }

  static let zetasP9 = zetasP(9)
  static let zetasP10 = zetasP(10)

  /// Negacyclic NTT modulo p, in place.
  static func nttP(_ a: UnsafeMutablePointer<UInt64>, _ logn: Int) {
    let n = 1 << logn
    let p = UInt64(p0)
    (logn == 9 ? zetasP9 : zetasP10).withUnsafeBufferPointer { zetas in
      var k = 1
      var len = n >> 1
      while len >= 1 {
        var start = 0
        while start < n {
          let z = zetas[k]
          k += 1
          for j in start..<(start + len) {
            let t = mulP(z, a[j + len])
            let u = a[j]
            a[j + len] = u >= t ? u - t : u + p - t
            let s = u + t
            a[j] = s >= p ? s - p : s
          }
          start += len << 1
        }
        len >>= 1
      }
    }
  }

  /// Inverse of ``nttP(_:_:)``.
  static func inttP(_ a: UnsafeMutablePointer<UInt64>, _ logn: Int) {
    let n = 1 << logn
    let p = UInt64(p0)
    (logn == 9 ? zetasP9 : zetasP10).withUnsafeBufferPointer { zetas in
      var k = n
      var len = 1
      while len < n {
        var start = 0
        while start < n {
          k -= 1
          let z = p - zetas[k]
          for j in start..<(start + len) {
            let x = a[j]
            let y = a[j + len]
            let s = x + y
            a[j] = s >= p ? s - p : s
            a[j + len] = mulP(z, x >= y ? x - y : x + p - y)
          }
          start += len << 1
        }
        len <<= 1
      }
    }
    let nInverse = powP(UInt64(n), p - 2)
    for i in 0..<n { a[i] = mulP(a[i], nInverse) }
  }

  /// Reference `solve_NTRU_binary_depth0`: the top level, everything modulo the prime
  /// p = 2147473409 (values fit in 31 bits), one Babai step with the FFT.
  static func solveDepth0(
    logn: Int, Fp: [UInt32], Gp: [UInt32], f: UnsafePointer<Int8>, g: UnsafePointer<Int8>
  ) -> ([Int64], [Int64])? {
    let n = 1 << logn
    let hn = n >> 1
    let p = UInt64(p0)
    let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: 10 * n)
    buffer.initialize(repeating: 0, count: 10 * n)
    defer {
      falconWipe(buffer, count: 10 * n)
      buffer.deallocate()
    }
    let bF = buffer
    let bG = bF + n
    let bf = bG + n
    let bg = bf + n
    let af = bg + n
    let ag = af + n
    let t1 = ag + n
    let t2 = t1 + n
    let tk = t2 + n
    let tmp = tk + n
    @inline(__always) func set(_ v: Int64) -> UInt64 { UInt64(modP(v)) }
    // Unreduced F = Fp(x^2) g(-x) and G = Gp(x^2) f(-x), in NTT form.
    for i in 0..<hn {
      bF[2 * i] = set(Int64(oneToPlain(Fp[i])))
      bG[2 * i] = set(Int64(oneToPlain(Gp[i])))
    }
    for j in 0..<n {
      let sign: Int64 = (j & 1) == 1 ? -1 : 1
      tmp[j] = set(sign * Int64(g[j]))
      tk[j] = set(sign * Int64(f[j]))
      bf[j] = set(Int64(f[j]))
      bg[j] = set(Int64(g[j]))
      af[j] = set(j == 0 ? Int64(f[0]) : -Int64(f[n - j]))
      ag[j] = set(j == 0 ? Int64(g[0]) : -Int64(g[n - j]))
    }
    for poly in [bF, bG, bf, bg, af, ag, tmp, tk] { nttP(poly, logn) }
    for u in 0..<n {
      bF[u] = mulP(bF[u], tmp[u])
      bG[u] = mulP(bG[u], tk[u])
      // t1 = F adj(f) + G adj(g), t2 = f adj(f) + g adj(g).
      t1[u] = (mulP(bF[u], af[u]) + mulP(bG[u], ag[u])) % p
      t2[u] = (mulP(bf[u], af[u]) + mulP(bg[u], ag[u])) % p
    }
    inttP(t1, logn)
    inttP(t2, logn)
    let rt = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n)
    defer {
      falconWipe(rt, count: 2 * n)
      rt.deallocate()
    }
    let rt2 = rt
    let rt3 = rt + n
    for u in 0..<n { rt3[u] = Double(normP(Int64(t2[u]))) }
    FalconFFT.fft(rt3, logn)
    rt2.update(from: rt3, count: hn)
    for u in 0..<n { rt3[u] = Double(normP(Int64(t1[u]))) }
    FalconFFT.fft(rt3, logn)
    FalconFFT.divAutoAdj(rt3, rt2, logn)
    FalconFFT.ifft(rt3, logn)
    for u in 0..<n { tk[u] = set(Int64(Int32(truncatingIfNeeded: FalconFFT.rint(rt3[u])))) }
    nttP(tk, logn)
    // F - k f, G - k g modulo p.
    for u in 0..<n {
      let kf = mulP(tk[u], bf[u])
      let kg = mulP(tk[u], bg[u])
      bF[u] = bF[u] >= kf ? bF[u] - kf : bF[u] + p - kf
      bG[u] = bG[u] >= kg ? bG[u] - kg : bG[u] + p - kg
    }
    inttP(bF, logn)
    inttP(bG, logn)
    var Fr = [Int64](repeating: 0, count: n)
    var Gr = [Int64](repeating: 0, count: n)
    for u in 0..<n {
      Fr[u] = normP(Int64(bF[u]))
      Gr[u] = normP(Int64(bG[u]))
    }
    return (Fr, Gr)
  }
}
