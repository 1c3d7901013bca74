import QRXPrimitives

// Key generation (round-4 specification, "Key generation": SeededKeyGen, Irreducible,
// FieldOrdering, MatGen, and the semi-systematic pivoting of the `f` sets). Everything that touches
// secrets runs in constant time; the only branches on derived data are the retries the
// specification defines (a reducible g, a repeated field-ordering value, a non-systematic matrix).

/// Scrubs a buffer of secrets, then frees it.
@inline(__always) func mcelieceRelease<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
  _ = UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
  buffer.deallocate()
}

/// A zero-filled buffer of `count` elements.
@inline(__always) func mcelieceAllocate<T: FixedWidthInteger>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
  let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(count, 1))
  buffer.initialize(repeating: 0)
  return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
}

enum McElieceKeyGeneration<P: McElieceParameterSet> {
  typealias GF = McElieceGF<P>

  /// Little-endian 16-bit value masked to m bits (the reference's load_gf).
  @inline(__always) static func loadElement(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
    (UInt16(bytes[offset]) | (UInt16(bytes[offset + 1]) << 8)) & GF.mask
  }

  /// SeededKeyGen(δ) (round-4 specification, "Key generation"): expand δ with SHAKE256(64 ‖ δ), try Irreducible, FieldOrdering
  /// and MatGen, and on failure start again from the last 32 bytes of the expansion.
  /// Returns the private key δ ‖ c ‖ g ‖ α ‖ s and the public key T.
  static func generate(
    seed: UnsafeRawBufferPointer, progress: (Int, Double) -> Void = { _, _ in }
  ) -> (
    privateKey: SecretBytes, publicKey: [UInt8]
  ) {
    precondition(seed.count == 32, "δ is 32 bytes")
    let n = P.n
    let t = P.t
    let q = P.q
    let sByteCount = n / 8
    let expansionCount = sByteCount + 4 * q + 2 * t + 32
    let expansion: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(expansionCount)
    let delta: UnsafeMutableBufferPointer<UInt8> = mcelieceAllocate(33)
    let g: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t)
    let pi: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(q)
    let work = MatrixWorkspace(P.self)
    defer {
      mcelieceRelease(expansion)
      mcelieceRelease(delta)
      mcelieceRelease(g)
      mcelieceRelease(pi)
      work.release()
    }
    delta[0] = 64
    for i in 0..<32 { delta[i + 1] = seed[i] }
    var publicKey = [UInt8](repeating: 0, count: P.publicKeyByteCount)
    var attempt = 0
    while true {
      attempt += 1
      progress(attempt, 0)
      var shake = SHAKE256()
      shake.absorb(UnsafeRawBufferPointer(delta))
      shake.squeeze(into: UnsafeMutableRawBufferPointer(expansion))
      shake.erase()
      let e = UnsafeRawBufferPointer(expansion)
      let usedDelta = SecretBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(delta)[1..<33]))
      for i in 0..<32 { delta[i + 1] = expansion[expansionCount - 32 + i] }

      // Irreducible: f from the 2t bytes before the last 32.
      let fOffset = expansionCount - 32 - 2 * t
      guard irreducible(e, fOffset: fOffset, g: g) else { continue }
      // FieldOrdering: the 4q bytes before f.
      guard fieldOrdering(e, offset: fOffset - 4 * q, pi: pi) else { continue }
      // MatGen: the systematic (or semi-systematic) form.
      guard
        let pivots = work.matGen(
          g: UnsafeBufferPointer(g), pi: pi, publicKey: &publicKey, progress: { progress(attempt, $0) })
      else { continue }

      let privateKey = SecretBytes(count: P.privateKeyByteCount) { sk in
        usedDelta.withUnsafeBytes { d in
          for i in 0..<32 { sk[i] = d[i] }
        }
        for i in 0..<8 { sk[32 + i] = UInt8(truncatingIfNeeded: pivots >> UInt64(8 * i)) }
        var offset = 40
        for i in 0..<t {
          sk[offset] = UInt8(truncatingIfNeeded: g[i])
          sk[offset + 1] = UInt8(truncatingIfNeeded: g[i] >> 8)
          offset += 2
        }
        let controlBits = UnsafeMutableRawBufferPointer(rebasing: sk[offset..<(offset + P.controlBitsByteCount)])
        McElieceControlBits.controlBits(
          from: UnsafeBufferPointer(pi), w: P.m, into: controlBits.bindMemory(to: UInt8.self))
        offset += P.controlBitsByteCount
        for i in 0..<sByteCount { sk[offset + i] = expansion[i] }
      }
      progress(attempt, 1)
      return (privateKey, publicKey)
    }
  }

  /// Irreducible (round-4 specification, "Irreducible-polynomial generation"): g is the minimal polynomial of the element β of GF((2^m)^t) given by
  /// f, found by solving g₀ + g₁β + … + g_(t−1)β^(t−1) = β^t; fails when 1, β, …, β^(t−1) are dependent.
  static func irreducible(_ bytes: UnsafeRawBufferPointer, fOffset: Int, g: UnsafeMutableBufferPointer<UInt16>) -> Bool
  {
    let t = P.t
    let columns = t + 1
    // matrix[r·(t+1) + c] = coefficient r of β^c
    let matrix: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t * columns)
    let power: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t)
    let beta: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t)
    let next: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(t)
    let scratch: UnsafeMutableBufferPointer<UInt16> = mcelieceAllocate(2 * t)
    defer {
      mcelieceRelease(matrix)
      mcelieceRelease(power)
      mcelieceRelease(beta)
      mcelieceRelease(next)
      mcelieceRelease(scratch)
    }
    for i in 0..<t { beta[i] = loadElement(bytes, fOffset + 2 * i) }
    power[0] = 1
    for c in 0...t {
      for r in 0..<t { matrix[r * columns + c] = power[r] }
      if c < t {
        GF.polynomialMultiply(next, UnsafeBufferPointer(power), UnsafeBufferPointer(beta), scratch: scratch)
        for i in 0..<t { power[i] = next[i] }
      }
    }
    // Gauss–Jordan elimination; the pivot search adds lower rows in constant time.
    for j in 0..<t {
      let rowJ = j * columns
      for k in (j + 1)..<t {
        let mask = GF.isZeroMask(matrix[rowJ + j])
        let rowK = k * columns
        for c in j..<columns { matrix[rowJ + c] ^= matrix[rowK + c] & mask }
      }
      if matrix[rowJ + j] == 0 { return false }  // g would have degree below t: retry
      let inverse = GF.inverse(matrix[rowJ + j])
      for c in j..<columns { matrix[rowJ + c] = GF.mul(matrix[rowJ + c], inverse) }
      for k in 0..<t where k != j {
        let rowK = k * columns
        let factor = matrix[rowK + j]
        for c in j..<columns { matrix[rowK + c] ^= GF.mul(matrix[rowJ + c], factor) }
      }
    }
    for i in 0..<t { g[i] = matrix[i * columns + t] }
    return true
  }

  /// FieldOrdering (round-4 specification, "Field-ordering generation"): sort the 32-bit values a_i (with their index) and read off π;
  /// fails when two values are equal.
  static func fieldOrdering(
    _ bytes: UnsafeRawBufferPointer, offset: Int, pi: UnsafeMutableBufferPointer<UInt16>
  ) -> Bool {
    let q = P.q
    let pairs: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate(q)
    defer { mcelieceRelease(pairs) }
    for i in 0..<q {
      let o = offset + 4 * i
      let a =
        UInt64(bytes[o]) | (UInt64(bytes[o + 1]) << 8) | (UInt64(bytes[o + 2]) << 16) | (UInt64(bytes[o + 3]) << 24)
      pairs[i] = (a << 31) | UInt64(i)
    }
    McElieceSort.sort(pairs)
    var repeated: UInt64 = 0
    for i in 1..<q {
      let d = (pairs[i - 1] >> 31) ^ (pairs[i] >> 31)
      repeated |= (d &- 1) >> 63  // 1 when d = 0
    }
    if repeated != 0 { return false }
    for i in 0..<q { pi[i] = UInt16(truncatingIfNeeded: pairs[i]) & GF.mask }
    return true
  }
}

/// The binary parity-check matrix of MatGen, m·t rows of n bits in 64-bit words (bit j of row i is
/// column j; rows padded with zero words to an even count for the vector loops), with the scratch of the
/// systematic-form reduction; allocated once per key generation and reused across retries.
final class MatrixWorkspace<P: McElieceParameterSet> {
  typealias GF = McElieceGF<P>
  /// Words holding the n columns of a row.
  let dataWords: Int
  /// Words per row in memory: dataWords rounded up to an even count.
  let rowWords: Int
  let rows: Int
  let matrix: UnsafeMutableBufferPointer<UInt64>
  let support: UnsafeMutableBufferPointer<UInt16>
  /// The pivot-column word of every row during a block of the reduction.
  let panel: UnsafeMutableBufferPointer<UInt64>
  /// Per row: which pivot rows of the block the reference algorithm has added to it.
  let snapshotCoefficients: UnsafeMutableBufferPointer<UInt64>
  /// The pivot-search masks of a block: (m·t) × 64.
  let searchMasks: UnsafeMutableBufferPointer<UInt64>
  /// Per pivot of a block: the pivot rows found before it that its search added (d).
  let snapshotSums: UnsafeMutableBufferPointer<UInt64>
  /// Per pivot of a block: the pivot rows found after it that cleared it (q).
  let finalSums: UnsafeMutableBufferPointer<UInt64>
  /// The (up to) 64 pivot rows of a block.
  let pivotBuffer: UnsafeMutableBufferPointer<UInt64>

  init(_: P.Type) {
    dataWords = (P.n + 63) / 64
    rowWords = (dataWords + 1) & ~1
    rows = P.mt
    matrix = mcelieceAllocate(rows * rowWords)
    support = mcelieceAllocate(P.n)
    panel = mcelieceAllocate(rows)
    snapshotCoefficients = mcelieceAllocate(rows)
    searchMasks = mcelieceAllocate(rows * 64)
    snapshotSums = mcelieceAllocate(64)
    finalSums = mcelieceAllocate(64)
    pivotBuffer = mcelieceAllocate(64 * rowWords)
  }

  func release() {
    mcelieceRelease(matrix)
    mcelieceRelease(support)
    mcelieceRelease(panel)
    mcelieceRelease(snapshotCoefficients)
    mcelieceRelease(searchMasks)
    mcelieceRelease(snapshotSums)
    mcelieceRelease(finalSums)
    mcelieceRelease(pivotBuffer)
  }

  /// 64 bits of row `row` starting at column `column` (column + 64 ≤ 64·rowWords).
  @inline(__always) func extract(_ row: Int, _ column: Int) -> UInt64 {
    let base = row * rowWords + column >> 6
    let shift = column & 63
    if shift == 0 { return matrix[base] }
    let high = base + 1 < (row + 1) * rowWords ? matrix[base + 1] : 0
    return (matrix[base] >> UInt64(shift)) | (high << UInt64(64 - shift))
  }

  /// Writes 64 bits of row `row` starting at column `column`.
  @inline(__always) func insert(_ row: Int, _ column: Int, _ value: UInt64) {
    let base = row * rowWords + column >> 6
    let shift = column & 63
    if shift == 0 {
      matrix[base] = value
      return
    }
    let lowMask: UInt64 = (1 << UInt64(shift)) - 1
    matrix[base] = (matrix[base] & lowMask) | (value << UInt64(shift))
    matrix[base + 1] = (matrix[base + 1] & ~lowMask) | (value >> UInt64(64 - shift))
  }

  /// MatGen (round-4 specification, "Matrix generation for Goppa codes", semi-systematic for the `f` sets): builds
  /// H from g and α = bitrev(π), reduces it to [I | T] in constant time, writes T as the public key
  /// and returns the pivot word c (2^32 − 1 for the systematic sets), or nil to retry. For the `f`
  /// sets π is updated with the column swaps.
  func matGen(
    g: UnsafeBufferPointer<UInt16>, pi: UnsafeMutableBufferPointer<UInt16>, publicKey: inout [UInt8],
    progress: (Double) -> Void
  ) -> UInt64? {
    let n = P.n
    let t = P.t
    let m = P.m
    let mt = rows
    for i in 0..<n { support[i] = GF.bitReverse(pi[i]) }
    // Row i·m + b of H holds bit b of α_j^i / g(α_j): computed bitsliced, 64 columns at a time,
    // plane b of a chunk being exactly word c of that row.
    typealias Sliced = McElieceBitsliced<P>
    let planes: UnsafeMutableBufferPointer<UInt64> = mcelieceAllocate((t + 1) * m + 3 * m + Sliced.scratchCount)
    defer { mcelieceRelease(planes) }
    let coefficients = planes.baseAddress!
    for i in 0..<t { Sliced.broadcast(g[i], into: coefficients + i * m) }
    Sliced.broadcast(1, into: coefficients + t * m)
    let alpha = coefficients + (t + 1) * m
    let value = alpha + m
    let power = value + m
    let scratch = power + m
    for c in 0..<dataWords {
      let lanes = UnsafeBufferPointer(rebasing: support[(64 * c)..<min(64 * c + 64, n)])
      let valid: UInt64 = lanes.count == 64 ? ~0 : (1 << UInt64(lanes.count)) - 1
      Sliced.pack(lanes, into: alpha)
      Sliced.evaluate(coefficients, degree: t, at: alpha, into: value, scratch: scratch)
      Sliced.inverse(power, value, scratch: scratch)
      for i in 0..<t {
        for b in 0..<m { matrix[(i * m + b) * rowWords + c] = power[b] & valid }
        Sliced.multiply(power, power, alpha, scratch: scratch)
      }
    }

    // Systematic form, in blocks of pivots that share a word (split at m·t − 32 for the `f` sets).
    var pivots: UInt64 = 0xFFFF_FFFF
    var row = 0
    while row < mt {
      progress(Double(row) / Double(mt))
      if P.isSemiSystematic && row == mt - 32 {
        guard let found = moveColumns(pi: pi) else { return nil }
        pivots = found
      }
      var end = min((row >> 6 + 1) << 6, mt)
      if P.isSemiSystematic && row < mt - 32 { end = min(end, mt - 32) }
      guard eliminateBlock(row: row, count: end - row) else { return nil }
      row = end
    }
    // T: columns m·t ..< n of each row, little-endian bits, padded to whole bytes.
    let rowBytes = P.publicKeyRowByteCount
    let k = P.k
    publicKey.withUnsafeMutableBufferPointer { pk in
      for i in 0..<mt {
        var column = 0
        while column < k {
          let word = extract(i, mt + column)
          let take = min(8, (k - column + 7) / 8)
          let base = i * rowBytes + column / 8
          for b in 0..<take { pk[base + b] = UInt8(truncatingIfNeeded: word >> UInt64(8 * b)) }
          column += 64
        }
        // zero the padding bits of the last byte
        if k % 8 != 0 { pk[i * rowBytes + rowBytes - 1] &= UInt8((1 << (k % 8)) - 1) }
      }
    }
    return pivots
  }

  /// The semi-systematic step (round-4 specification, "Matrix generation", (μ, ν) = (32, 64)): with rows m·t − 32 … of H reduced in
  /// the first m·t − 32 columns, find the 32 pivot columns among the next 64, swap them into place in
  /// H and in π, and return the pivot bitmap c; nil when those 32 rows have rank below 32 there.
  func moveColumns(pi: UnsafeMutableBufferPointer<UInt16>) -> UInt64? {
    let mt = rows
    let r0 = mt - 32
    var buffer = [UInt64](repeating: 0, count: 32)
    var pivotColumns = [UInt64](repeating: 0, count: 32)
    defer {
      for i in 0..<32 {
        buffer[i] = 0
        pivotColumns[i] = 0
      }
    }
    for i in 0..<32 { buffer[i] = extract(r0 + i, r0) }
    var pivots: UInt64 = 0
    for i in 0..<32 {
      var any: UInt64 = 0
      for j in i..<32 { any |= buffer[j] }
      if any == 0 { return nil }  // rank below 32: retry
      let s = McElieceKeyGeneration<P>.trailingZeros(any)
      pivotColumns[i] = s
      pivots |= 1 << s
      for j in (i + 1)..<max(i + 1, 32) {
        let mask = ((buffer[i] >> s) & 1) &- 1  // all ones while the pivot bit is 0
        buffer[i] ^= buffer[j] & mask
      }
      for j in (i + 1)..<max(i + 1, 32) {
        let mask = 0 &- ((buffer[j] >> s) & 1)
        buffer[j] ^= buffer[i] & mask
      }
    }
    // π: swap positions r0 + j and r0 + pivotColumns[j], in order.
    for j in 0..<32 {
      for k in (j + 1)..<64 {
        let same = McElieceKeyGeneration<P>.equalMask(UInt64(k), pivotColumns[j])
        let d = (pi[r0 + j] ^ pi[r0 + k]) & UInt16(truncatingIfNeeded: same)
        pi[r0 + j] ^= d
        pi[r0 + k] ^= d
      }
    }
    // H: the same column swaps in every row.
    for i in 0..<mt {
      var v = extract(i, r0)
      for j in 0..<32 {
        let s = pivotColumns[j]
        let d = ((v >> UInt64(j)) ^ (v >> s)) & 1
        v ^= d << s
        v ^= d << UInt64(j)
      }
      insert(i, r0, v)
    }
    return pivots
  }
}

extension McElieceKeyGeneration {
  /// The number of trailing zero bits of a nonzero word, without a data-dependent branch.
  @inline(__always) static func trailingZeros(_ x: UInt64) -> UInt64 {
    var seen: UInt64 = 0
    var count: UInt64 = 0
    for i in 0..<64 {
      let bit = (x >> UInt64(i)) & 1
      seen |= bit
      count &+= (seen ^ 1) & (bit ^ 1)
    }
    return count
  }

  /// All ones when a = b, else zero.
  @inline(__always) static func equalMask(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let d = a ^ b
    return 0 &- (((d | (0 &- d)) >> 63) ^ 1)
  }
}

extension SecretBytes {
  /// Overwrites an array of 16-bit secrets with zeroes.
  static func wipeUInt16(_ values: inout [UInt16]) {
    values.withUnsafeMutableBytes { raw in _ = raw.initializeMemory(as: UInt8.self, repeating: 0) }
  }
}
