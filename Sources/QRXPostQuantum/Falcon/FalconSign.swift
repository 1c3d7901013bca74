import QRXPrimitives

// Falcon signing (Falcon specification v1.2, Algorithms 10 to 15): hash-to-point, the lattice
// basis in FFT form, fast Fourier sampling with the Gram matrix recomputed on the fly ("dynamic
// tree"), the constant-time SamplerZ over a ChaCha20-based PRNG, and the norm check. The order of
// random draws is the round-3 reference implementation's, so signatures reproduce its known answers.

/// The sampler's PRNG: ChaCha20 keyed from 56 bytes of SHAKE-256, eight blocks per refill,
/// interleaved as the reference's AVX2 code lays them out (reference `prng_init`, `prng_refill`).
struct FalconPRNG {
  private var buffer = [UInt8](repeating: 0, count: 512)
  private var state = [UInt32](repeating: 0, count: 12)
  private var counter: UInt64 = 0
  private var pointer = 0

  init(from shake: inout SHAKE256) {
    var seed = shake.squeeze(count: 56)
    defer { SecretBytes.wipe(&seed) }
    for i in 0..<12 {
      state[i] =
        UInt32(seed[4 * i]) | UInt32(seed[4 * i + 1]) << 8 | UInt32(seed[4 * i + 2]) << 16
        | UInt32(seed[4 * i + 3]) << 24
    }
    let lo = UInt64(UInt32(seed[48]) | UInt32(seed[49]) << 8 | UInt32(seed[50]) << 16 | UInt32(seed[51]) << 24)
    let hi = UInt64(UInt32(seed[52]) | UInt32(seed[53]) << 8 | UInt32(seed[54]) << 16 | UInt32(seed[55]) << 24)
    counter = lo &+ (hi << 32)
    refill()
  }

  mutating func erase() {
    falconWipe(&buffer)
    falconWipe(&state)
    counter = 0
  }

  /// Eight ChaCha20 blocks (RFC 8439 block function, 20 rounds) with the 64-bit counter XORed
  /// into the last two state words.
  private mutating func refill() {
    let c0: UInt32 = 0x6170_7865
    let c1: UInt32 = 0x3320_646e
    let c2: UInt32 = 0x7962_2d32
    let c3: UInt32 = 0x6b20_6574
    let k = state
    buffer.withUnsafeMutableBufferPointer { out in
      for u in 0..<8 {
        let cLow = UInt32(truncatingIfNeeded: counter)
        let cHigh = UInt32(truncatingIfNeeded: counter >> 32)
        var x0 = c0
        var x1 = c1
        var x2 = c2
        var x3 = c3
        var x4 = k[0]
        var x5 = k[1]
        var x6 = k[2]
        var x7 = k[3]
        var x8 = k[4]
        var x9 = k[5]
        var x10 = k[6]
        var x11 = k[7]
        var x12 = k[8]
        var x13 = k[9]
        var x14 = k[10] ^ cLow
        var x15 = k[11] ^ cHigh
        @inline(__always) func qr(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32) {
          a = a &+ b
          d ^= a
          d = (d << 16) | (d >> 16)
          c = c &+ d
          b ^= c
          b = (b << 12) | (b >> 20)
          a = a &+ b
          d ^= a
          d = (d << 8) | (d >> 24)
          c = c &+ d
          b ^= c
          b = (b << 7) | (b >> 25)
        }
        for _ in 0..<10 {
          qr(&x0, &x4, &x8, &x12)
          qr(&x1, &x5, &x9, &x13)
          qr(&x2, &x6, &x10, &x14)
          qr(&x3, &x7, &x11, &x15)
          qr(&x0, &x5, &x10, &x15)
          qr(&x1, &x6, &x11, &x12)
          qr(&x2, &x7, &x8, &x13)
          qr(&x3, &x4, &x9, &x14)
        }
        let words: [UInt32] = [
          x0 &+ c0, x1 &+ c1, x2 &+ c2, x3 &+ c3, x4 &+ k[0], x5 &+ k[1], x6 &+ k[2], x7 &+ k[3],
          x8 &+ k[4], x9 &+ k[5], x10 &+ k[6], x11 &+ k[7], x12 &+ k[8], x13 &+ k[9],
          x14 &+ (k[10] ^ cLow), x15 &+ (k[11] ^ cHigh),
        ]
        counter &+= 1
        // The reference's interleaving (as its AVX2 code lays out eight parallel blocks).
        for v in 0..<16 {
          let base = (u << 2) + (v << 5)
          let w = words[v]
          out[base] = UInt8(truncatingIfNeeded: w)
          out[base + 1] = UInt8(truncatingIfNeeded: w >> 8)
          out[base + 2] = UInt8(truncatingIfNeeded: w >> 16)
          out[base + 3] = UInt8(truncatingIfNeeded: w >> 24)
        }
      }
    }
    pointer = 0
  }

  /// Reference `prng_get_u64`: refills (dropping the tail) when fewer than 9 bytes remain.
  mutating func nextUInt64() -> UInt64 {
    var u = pointer
    if u >= 512 - 9 {
      refill()
      u = 0
    }
    pointer = u + 8
    return buffer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: u, as: UInt64.self)) }
  }

  /// Reference `prng_get_u8`.
  mutating func nextUInt8() -> UInt32 {
    let v = UInt32(buffer[pointer])
    pointer += 1
    if pointer == 512 { refill() }
    return v
  }
}

/// Falcon specification v1.2, Algorithms 12 to 15: BaseSampler, ApproxExp, BerExp, SamplerZ.
struct FalconSampler {
  var prng: FalconPRNG
  let sigmaMin: Double

  /// Specification Table 3.1 (RCDT): the reverse cumulative distribution of the half-Gaussian of
  /// standard deviation 1.8205, 72-bit values split into three 24-bit limbs (high first).
  private static let rcdt: [UInt32] = [
    10_745_844, 3_068_844, 3_741_698, 5_559_083, 1_580_863, 8_248_194,
    2_260_429, 13_669_192, 2_736_639, 708_981, 4_421_575, 10_046_180,
    169_348, 7_122_675, 4_136_815, 30538, 13_063_405, 7_650_655,
    4132, 14_505_003, 7_826_148, 417, 16_768_101, 11_363_290,
    31, 8_444_042, 8_086_568, 1, 12_844_466, 265_321,
    0, 1_232_676, 13_644_283, 0, 38047, 9_111_839,
    0, 870, 6_138_264, 0, 14, 12_545_723,
    0, 0, 3_104_126, 0, 0, 28824,
    0, 0, 198, 0, 0, 1,
  ]

  /// ApproxExp coefficients (2^63-scaled), from FACCT.
  private static let expC: [UInt64] = [
    0x0000_0004_7411_83A3, 0x0000_0036_548C_FC06, 0x0000_024F_DCBF_140A, 0x0000_171D_939D_E045,
    0x0000_D00C_F58F_6F84, 0x0006_8068_1CF7_96E3, 0x002D_82D8_305B_0FEA, 0x0111_1111_0E06_6FD0,
    0x0555_5555_5507_0F00, 0x1555_5555_5581_FF00, 0x4000_0000_0002_B400, 0x7FFF_FFFF_FFFF_4800,
    0x8000_0000_0000_0000,
  ]

  static let inverseTwoSigma0Squared = 0.150865048875372721532312163019
  static let ln2 = 0.69314718055994530941723212146
  static let inverseLn2 = 1.4426950408889634073599246810
  static let twoTo63 = 9_223_372_036_854_775_808.0

  /// Algorithm 12 (BaseSampler): 72 uniform bits against the table, in constant time.
  mutating func baseSampler() -> Int32 {
    let lo = prng.nextUInt64()
    let hi = prng.nextUInt8()
    let v0 = UInt32(truncatingIfNeeded: lo) & 0xFF_FFFF
    let v1 = UInt32(truncatingIfNeeded: lo >> 24) & 0xFF_FFFF
    let v2 = UInt32(truncatingIfNeeded: lo >> 48) | (hi << 16)
    return FalconSampler.rcdt.withUnsafeBufferPointer { table in
      var z: UInt32 = 0
      var u = 0
      while u < table.count {
        var cc = (v0 &- table[u + 2]) >> 31
        cc = (v1 &- table[u + 1] &- cc) >> 31
        cc = (v2 &- table[u] &- cc) >> 31
        z &+= cc
        u += 3
      }
      return Int32(z)
    }
  }

  /// Algorithm 13 (ApproxExp): ccs * exp(-x) * 2^63 for 0 <= x < ln 2.
  static func approxExp(_ x: Double, _ ccs: Double) -> UInt64 {
    let z = scaledTrunc(x) << 1
    let y = expC.withUnsafeBufferPointer { c in
      var y = c[0]
      for u in 1..<c.count { y = c[u] &- z.multipliedFullWidth(by: y).high }
      return y
    }
    return (scaledTrunc(ccs) << 1).multipliedFullWidth(by: y).high
  }

  /// trunc(2^63 * v) as a two's complement 64-bit word (the reference's fpr_trunc), saturated
  /// instead of trapping outside the signed 64-bit range.
  @inline(__always)
  static func scaledTrunc(_ v: Double) -> UInt64 {
    let t = v * twoTo63
    guard t < twoTo63 else { return UInt64(Int64.max) }
    guard t > -twoTo63 else { return UInt64(bitPattern: Int64.min) }
    return UInt64(bitPattern: Int64(t))
  }

  /// Algorithm 14 (BerExp): a bit that is 1 with probability ccs * exp(-x).
  mutating func berExp(_ x: Double, _ ccs: Double) -> Bool {
    let xs = x * FalconSampler.inverseLn2
    var s = xs.isFinite && abs(xs) < 1e9 ? Int32(xs) : 63
    let r = x - Double(s) * FalconSampler.ln2
    var sw = UInt32(bitPattern: s)
    sw ^= (sw ^ 63) & (0 &- ((63 &- sw) >> 31))
    s = Int32(bitPattern: sw)
    let z = ((FalconSampler.approxExp(r, ccs) << 1) &- 1) >> UInt64(UInt32(bitPattern: s) & 63)
    var i: UInt64 = 64
    var w: UInt32 = 0
    repeat {
      i -= 8
      w = prng.nextUInt8() &- (UInt32(truncatingIfNeeded: z >> i) & 0xFF)
    } while w == 0 && i > 0
    return (w >> 31) != 0
  }

  /// Algorithm 15 (SamplerZ): an integer with a discrete Gaussian distribution of center mu and
  /// standard deviation 1 / isigma. The loop is the specification's rejection loop.
  mutating func sample(mu: Double, isigma: Double) -> Int32 {
    // Centers and deviations are bounded for every decodable key; never trap on a corrupt one.
    guard mu.isFinite, abs(mu) < 1e9, isigma.isFinite else { return 0 }
    let s = Int32(mu.rounded(.down))
    let r = mu - Double(s)
    let dss = (isigma * isigma) * 0.5
    let ccs = isigma * sigmaMin
    while true {
      let z0 = baseSampler()
      let b = Int32(prng.nextUInt8() & 1)
      let z = b + ((b << 1) - 1) * z0
      let d = Double(z) - r
      var x = (d * d) * dss
      x = x - Double(z0 * z0) * FalconSampler.inverseTwoSigma0Squared
      if berExp(x, ccs) { return s + z }
    }
  }
}

enum FalconSign {
  /// Falcon specification v1.2, Algorithm 3 of section 3.7 (HashToPoint): SHAKE-256 over
  /// nonce || message, 16-bit big-endian samples below 61445 reduced mod q.
  static func hashToPoint(nonce: [UInt8], message: [UInt8], logn: Int) -> [UInt16] {
    var shake = SHAKE256()
    shake.absorb(nonce)
    shake.absorb(message)
    let n = 1 << logn
    var c = [UInt16](repeating: 0, count: n)
    var i = 0
    while i < n {
      let block = shake.squeeze(count: 136)
      var j = 0
      while j < 136 && i < n {
        let w = UInt32(block[j]) << 8 | UInt32(block[j + 1])
        if w < 61445 {
          c[i] = UInt16(w % 12289)
          i += 1
        }
        j += 2
      }
    }
    return c
  }

  /// Reference `do_sign_dyn` (Algorithm 10 steps 2 to 7): the short vector s2 for hashed message
  /// hm, or nil when ||(s1, s2)||^2 exceeds the bound (the caller samples again).
  static func signDynamic(
    sampler: inout FalconSampler, f: UnsafePointer<Int8>, g: UnsafePointer<Int8>, F: UnsafePointer<Int8>,
    G: UnsafePointer<Int8>, hm: [UInt16], logn: Int, bound: UInt32, inverseSigma: Double,
    tmp: UnsafeMutablePointer<Double>
  ) -> [Int16]? {
    let n = 1 << logn
    var b00 = tmp
    var b01 = b00 + n
    var b10 = b01 + n
    var b11 = b10 + n
    loadBasis(b00: b00, b01: b01, b10: b10, b11: b11, f: f, g: g, F: F, G: G, logn: logn)

    var t0 = b11 + n
    var t1 = t0 + n
    t0.update(from: b01, count: n)
    FalconFFT.mulSelfAdj(t0, logn)
    t1.update(from: b00, count: n)
    FalconFFT.mulAdj(t1, b10, logn)
    FalconFFT.mulSelfAdj(b00, logn)
    FalconFFT.add(b00, t0, logn)
    t0.update(from: b01, count: n)
    FalconFFT.mulAdj(b01, b11, logn)
    FalconFFT.add(b01, t1, logn)
    FalconFFT.mulSelfAdj(b10, logn)
    t1.update(from: b11, count: n)
    FalconFFT.mulSelfAdj(t1, logn)
    FalconFFT.add(b10, t1, logn)

    let g00 = b00
    let g01 = b01
    let g11 = b10
    b01 = t0
    t0 = b01 + n
    t1 = t0 + n

    for u in 0..<n { t0[u] = Double(hm[u]) }
    FalconFFT.fft(t0, logn)
    let ni = 1.0 / 12289.0
    t1.update(from: t0, count: n)
    FalconFFT.mul(t1, b01, logn)
    FalconFFT.mulConst(t1, -ni, logn)
    FalconFFT.mul(t0, b11, logn)
    FalconFFT.mulConst(t0, ni, logn)

    b11.update(from: t0, count: 2 * n)
    t0 = g11 + n
    t1 = t0 + n

    ffSampling(
      sampler: &sampler, t0: t0, t1: t1, g00: g00, g01: g01, g11: g11, logn: logn,
      inverseSigma: inverseSigma, tmp: t1 + n)

    b00 = tmp
    b01 = b00 + n
    b10 = b01 + n
    b11 = b10 + n
    (b11 + n).update(from: t0, count: 2 * n)
    t0 = b11 + n
    t1 = t0 + n
    loadBasis(b00: b00, b01: b01, b10: b10, b11: b11, f: f, g: g, F: F, G: G, logn: logn)
    let tx = t1 + n
    let ty = tx + n

    tx.update(from: t0, count: n)
    ty.update(from: t1, count: n)
    FalconFFT.mul(tx, b00, logn)
    FalconFFT.mul(ty, b10, logn)
    FalconFFT.add(tx, ty, logn)
    ty.update(from: t0, count: n)
    FalconFFT.mul(ty, b01, logn)
    t0.update(from: tx, count: n)
    FalconFFT.mul(t1, b11, logn)
    FalconFFT.add(t1, ty, logn)
    FalconFFT.ifft(t0, logn)
    FalconFFT.ifft(t1, logn)

    var sqn: UInt32 = 0
    var ng: UInt32 = 0
    for u in 0..<n {
      let z = Int32(hm[u]) &- Int32(truncatingIfNeeded: FalconFFT.rint(t0[u]))
      sqn = sqn &+ UInt32(bitPattern: z &* z)
      ng |= sqn
    }
    sqn |= 0 &- (ng >> 31)
    var s2 = [Int16](repeating: 0, count: n)
    for u in 0..<n { s2[u] = Int16(truncatingIfNeeded: -FalconFFT.rint(t1[u])) }
    // Reference is_short_half.
    ng = 0 &- (sqn >> 31)
    for u in 0..<n {
      let z = Int32(s2[u])
      sqn = sqn &+ UInt32(bitPattern: z &* z)
      ng |= sqn
    }
    sqn |= 0 &- (ng >> 31)
    return sqn <= bound ? s2 : nil
  }

  /// B = [[g, -f], [G, -F]] in FFT representation.
  private static func loadBasis(
    b00: FalconPoly, b01: FalconPoly, b10: FalconPoly, b11: FalconPoly, f: UnsafePointer<Int8>,
    g: UnsafePointer<Int8>, F: UnsafePointer<Int8>, G: UnsafePointer<Int8>, logn: Int
  ) {
    let n = 1 << logn
    for u in 0..<n {
      b01[u] = Double(f[u])
      b00[u] = Double(g[u])
      b11[u] = Double(F[u])
      b10[u] = Double(G[u])
    }
    FalconFFT.fft(b01, logn)
    FalconFFT.fft(b00, logn)
    FalconFFT.fft(b11, logn)
    FalconFFT.fft(b10, logn)
    FalconFFT.neg(b01, logn)
    FalconFFT.neg(b11, logn)
  }

  /// Falcon specification v1.2, Algorithm 11 (ffSampling), with the LDL tree computed on the fly
  /// from the Gram matrix (reference `ffSampling_fft_dyntree`). The result overwrites (t0, t1).
  static func ffSampling(
    sampler: inout FalconSampler, t0: FalconPoly, t1: FalconPoly, g00: FalconPoly, g01: FalconPoly,
    g11: FalconPoly, logn: Int, inverseSigma: Double, tmp: FalconPoly
  ) {
    if logn == 0 {
      let leaf = g00[0].squareRoot() * inverseSigma
      t0[0] = Double(sampler.sample(mu: t0[0], isigma: leaf))
      t1[0] = Double(sampler.sample(mu: t1[0], isigma: leaf))
      return
    }
    let n = 1 << logn
    let hn = n >> 1
    FalconFFT.ldl(g00, g01, g11, logn)
    FalconFFT.split(tmp, tmp + hn, g00, logn)
    g00.update(from: tmp, count: n)
    FalconFFT.split(tmp, tmp + hn, g11, logn)
    g11.update(from: tmp, count: n)
    tmp.update(from: g01, count: n)
    g01.update(from: g00, count: hn)
    (g01 + hn).update(from: g11, count: hn)

    let z1 = tmp + n
    FalconFFT.split(z1, z1 + hn, t1, logn)
    ffSampling(
      sampler: &sampler, t0: z1, t1: z1 + hn, g00: g11, g01: g11 + hn, g11: g01 + hn, logn: logn - 1,
      inverseSigma: inverseSigma, tmp: z1 + n)
    FalconFFT.merge(tmp + (n << 1), z1, z1 + hn, logn)

    z1.update(from: t1, count: n)
    FalconFFT.sub(z1, tmp + (n << 1), logn)
    t1.update(from: tmp + (n << 1), count: n)
    FalconFFT.mul(tmp, z1, logn)
    FalconFFT.add(t0, tmp, logn)

    let z0 = tmp
    FalconFFT.split(z0, z0 + hn, t0, logn)
    ffSampling(
      sampler: &sampler, t0: z0, t1: z0 + hn, g00: g00, g01: g00 + hn, g11: g01, logn: logn - 1,
      inverseSigma: inverseSigma, tmp: z0 + n)
    FalconFFT.merge(t0, z0, z0 + hn, logn)
  }
}
