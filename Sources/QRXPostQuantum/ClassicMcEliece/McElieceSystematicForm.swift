// The reduction of H to systematic form [I | T] in MatGen (round-4 specification, "Matrix generation for Goppa
// codes", step 3: Gaussian elimination), blocked for speed and in constant time.
//
// The pivots are taken in blocks of up to 64 consecutive rows r ..< r + g, whose pivot columns r ..< r + g
// lie in one 64-bit word w of every row (the "panel"). For one block:
//
// 1. The reference algorithm (for each pivot row: add every later row while the pivot bit is 0, then add the
//    pivot row to every other row that has the pivot bit) runs on the panel words of rows r ..< m·t only,
//    recording its decisions as masks. This is cheap (one word per row) and decides failure exactly as the
//    reference does: a block fails when some pivot bit is still 0 after its search.
// 2. The decisions are replayed on whole rows, from word w on, with few passes over memory:
//    - Uⱼ = row r + j + Σ_k m_kj·row k (k > r + j, the rows as they were when the block started), one pass
//      over the rows that keeps eight accumulators in registers;
//    - the search for pivot j really added rows already updated by the earlier pivots of the block:
//      Sⱼ = Uⱼ + Σ_{i<j} d_ji·Sᵢ, Sⱼ being the pivot row j when it was found (d from step 1);
//    - the final pivot row Qⱼ = Σ_{i≥j} q_ji·Sᵢ (the later pivots of the block cleared it, q from step 1);
//    - every row k outside the block becomes row k + Σⱼ bitⱼ(row k)·Qⱼ, bitⱼ being the pivot-column bits the
//      row had when the block started: the Qⱼ hold the identity in the pivot columns, the reference adds
//      only pivot rows to row k and leaves 0 in those columns, so this is the row the reference computes.
//    The result after each block is bit for bit the matrix of the reference algorithm.
//
// Constant time: every mask is computed with arithmetic from matrix bits, every loop bound and memory
// address depends only on the parameter set and the block; the only data-dependent branch is the
// "not systematic: retry" the specification defines.

extension MatrixWorkspace {
  /// Gaussian elimination to systematic form (round-4 specification, MatGen step 3) of the pivots
  /// r ..< r + g, all in word r / 64 of the rows; false when H has no systematic form (retry).
  func eliminateBlock(row r: Int, count g: Int) -> Bool {
    let mt = rows
    let words = rowWords
    let w = r >> 6
    let o = r & 63
    precondition(g >= 1 && o + g <= 64 && r + g <= mt)
    let m = matrix.baseAddress!
    let x = panel.baseAddress!
    let s = snapshotCoefficients.baseAddress!
    let table = searchMasks.baseAddress!
    let d = snapshotSums.baseAddress!
    let q = finalSums.baseAddress!
    let passes = (g + 7) >> 3
    let tableWidth = passes << 3

    // Step 1: the reference algorithm on the panel words of rows r ..< m·t. s[k] records which pivot rows
    // (as found, S) the reference has added to row k; the search masks go to the table, row by row.
    for k in r..<mt {
      x[k] = m[k * words + w]
      s[k] = 0
    }
    for k in r..<mt {
      let entries = table + (k - r) * tableWidth
      for j in 0..<tableWidth { entries[j] = 0 }
    }
    var missing: UInt64 = 0
    for j in 0..<g {
      let row = r + j
      let bit = UInt64(o + j)
      var p = x[row]
      var dj = s[row]
      table[(row - r) * tableWidth + j] = ~0
      // Pivot search: add every later row while the pivot bit is 0.
      for k in (row + 1)..<max(row + 1, mt) {
        let xk = x[k]
        let mask = 0 &- (((~p & xk) >> bit) & 1)
        p ^= xk & mask
        dj ^= s[k] & mask
        table[(k - r) * tableWidth + j] = mask
      }
      missing |= ~(p >> bit) & 1
      x[row] = p
      d[j] = dj
      q[j] = 1 << UInt64(j)
      // Elimination: add the pivot row to every other row of the block and below that has the pivot bit.
      for i in 0..<j {
        let k = r + i
        let mask = 0 &- ((x[k] >> bit) & 1)
        x[k] ^= p & mask
        q[i] ^= (1 << UInt64(j)) & mask
      }
      for k in (row + 1)..<max(row + 1, mt) {
        let mask = 0 &- ((x[k] >> bit) & 1)
        x[k] ^= p & mask
        s[k] ^= (1 << UInt64(j)) & mask
      }
    }
    if missing != 0 { return false }  // not systematic: retry

    // Step 2: whole rows, from the even word at or before w (the words before w are 0 in rows r ..< m·t).
    let first = w & ~1
    let length = words - first
    let pivotRows = pivotBuffer.baseAddress!
    // Uⱼ into pivotRows[j].
    for pass in 0..<passes {
      McElieceRowKernels.accumulate8(
        into: pivotRows + (pass << 3) * words + first, stride: words,
        rows: m + r * words + first, rowStride: words, rowCount: mt - r,
        masks: table + (pass << 3), maskStride: tableWidth, length: length)
    }
    // Sⱼ = Uⱼ + Σ_{i<j} d_ji·Sᵢ, in place, j increasing.
    for j in 1..<max(1, g) {
      let dj = d[j]
      for i in 0..<j {
        let mask = 0 &- ((dj >> UInt64(i)) & 1)
        McElieceRowKernels.xorMasked(
          pivotRows + j * words + first, pivotRows + i * words + first, length: length, mask: mask)
      }
    }
    // Qⱼ = Sⱼ + Σ_{i>j} q_ji·Sᵢ, in place, j increasing (each reads only later, unchanged S).
    for j in 0..<g {
      let qj = q[j]
      for i in (j + 1)..<max(j + 1, g) {
        let mask = 0 &- ((qj >> UInt64(i)) & 1)
        McElieceRowKernels.xorMasked(
          pivotRows + j * words + first, pivotRows + i * words + first, length: length, mask: mask)
      }
    }
    // Rows padded to a multiple of eight pivots see zero masks for the missing ones.
    let blockBits: UInt64 = g == 64 ? ~0 : (1 << UInt64(g)) - 1
    for k in 0..<mt where k < r || k >= r + g {
      let rowBase = m + k * words
      let bits = (rowBase[w] >> UInt64(o)) & blockBits
      for pass in 0..<passes {
        McElieceRowKernels.eliminate8(
          rowBase + first, pivots: pivotRows + (pass << 3) * words + first, stride: words,
          bits: bits >> UInt64(pass << 3), length: length)
      }
    }
    for j in 0..<g {
      let target = m + (r + j) * words + first
      let source = pivotRows + j * words + first
      for c in 0..<length { target[c] = source[c] }
    }
    return true
  }
}

/// The inner loops of the systematic-form reduction: masked row additions over 64-bit words, two words
/// per vector operation. Lengths are even and rows 16-byte aligned (rows are padded to an even word count).
enum McElieceRowKernels {
  typealias Vector = SIMD2<UInt64>

  @inline(__always) static func load(_ p: UnsafePointer<UInt64>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
  }

  @inline(__always) static func store(_ v: Vector, _ p: UnsafeMutablePointer<UInt64>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
  }

  /// destination ^= source & mask over `length` words.
  @inline(__always) static func xorMasked(
    _ destination: UnsafeMutablePointer<UInt64>, _ source: UnsafePointer<UInt64>, length: Int, mask: UInt64
  ) {
    let wide = Vector(repeating: mask)
    var c = 0
    while c < length {
      store(load(destination + c) ^ (load(source + c) & wide), destination + c)
      c += 2
    }
  }

  /// out[i] = Σ_k rows[k] & masks[k][i] for i < 8: out row i at out + i·stride, row k at rows + k·rowStride,
  /// mask (k, i) at masks[k·maskStride + i]. One pass over the rows, eight accumulators per vector.
  @inline(__always) static func accumulate8(
    into out: UnsafeMutablePointer<UInt64>, stride: Int, rows: UnsafePointer<UInt64>, rowStride: Int,
    rowCount: Int, masks: UnsafePointer<UInt64>, maskStride: Int, length: Int
  ) {
    var c = 0
    while c < length {
      var a0 = Vector()
      var a1 = Vector()
      var a2 = Vector()
      var a3 = Vector()
      var a4 = Vector()
      var a5 = Vector()
      var a6 = Vector()
      var a7 = Vector()
      var source = rows + c
      var mask = masks
      for _ in 0..<rowCount {
        let v = load(source)
        a0 ^= v & Vector(repeating: mask[0])
        a1 ^= v & Vector(repeating: mask[1])
        a2 ^= v & Vector(repeating: mask[2])
        a3 ^= v & Vector(repeating: mask[3])
        a4 ^= v & Vector(repeating: mask[4])
        a5 ^= v & Vector(repeating: mask[5])
        a6 ^= v & Vector(repeating: mask[6])
        a7 ^= v & Vector(repeating: mask[7])
        source += rowStride
        mask += maskStride
      }
      store(a0, out + c)
      store(a1, out + stride + c)
      store(a2, out + 2 * stride + c)
      store(a3, out + 3 * stride + c)
      store(a4, out + 4 * stride + c)
      store(a5, out + 5 * stride + c)
      store(a6, out + 6 * stride + c)
      store(a7, out + 7 * stride + c)
      c += 2
    }
  }

  /// row ^= Σ_{i<8} bitᵢ·pivots[i] over `length` words, pivot i at pivots + i·stride.
  @inline(__always) static func eliminate8(
    _ row: UnsafeMutablePointer<UInt64>, pivots: UnsafePointer<UInt64>, stride: Int, bits: UInt64, length: Int
  ) {
    let m0 = Vector(repeating: 0 &- (bits & 1))
    let m1 = Vector(repeating: 0 &- ((bits >> 1) & 1))
    let m2 = Vector(repeating: 0 &- ((bits >> 2) & 1))
    let m3 = Vector(repeating: 0 &- ((bits >> 3) & 1))
    let m4 = Vector(repeating: 0 &- ((bits >> 4) & 1))
    let m5 = Vector(repeating: 0 &- ((bits >> 5) & 1))
    let m6 = Vector(repeating: 0 &- ((bits >> 6) & 1))
    let m7 = Vector(repeating: 0 &- ((bits >> 7) & 1))
    let p0 = pivots
    let p1 = p0 + stride
    let p2 = p1 + stride
    let p3 = p2 + stride
    let p4 = p3 + stride
    let p5 = p4 + stride
    let p6 = p5 + stride
    let p7 = p6 + stride
    var c = 0
    while c < length {
      var v = load(row + c)
      v ^= (load(p0 + c) & m0) ^ (load(p1 + c) & m1)
      v ^= (load(p2 + c) & m2) ^ (load(p3 + c) & m3)
      v ^= (load(p4 + c) & m4) ^ (load(p5 + c) & m5)
      v ^= (load(p6 + c) & m6) ^ (load(p7 + c) & m7)
      store(v, row + c)
      c += 2
    }
  }
}
