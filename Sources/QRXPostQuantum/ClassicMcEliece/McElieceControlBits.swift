// The Beneš network that stores the support α in the private key (round-4 specification,
// "Private keys": α as control bits): (2w − 1)·2^(w−1) control bits for a permutation π of 2^w positions,
// computed by the constant-time recursion of D. J. Bernstein, "Verified fast formulas for control
// bits for permutation networks" (2020), where every composition of permutations is a sort.

enum McElieceControlBits {
  /// Control bit `position` of `bits` is bit (position mod 8) of byte position/8.
  @inline(__always) private static func xorBit(
    _ bits: UnsafeMutableBufferPointer<UInt8>, _ position: Int, _ bit: UInt32
  ) {
    bits[position >> 3] ^= UInt8(truncatingIfNeeded: bit << UInt32(position & 7))
  }

  /// The control bits of π (a permutation of 0..<2^w) into `bits` (zeroed, (2w − 1)·2^(w−4) bytes).
  static func controlBits(from pi: UnsafeBufferPointer<UInt16>, w: Int, into bits: UnsafeMutableBufferPointer<UInt8>) {
    let n = 1 << w
    precondition(pi.count == n)
    let a = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
    let b = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
    let wide = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
    let narrow = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
    let q = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: 2 * n)
    defer {
      for buffer in [a, b, narrow] {
        buffer.update(repeating: 0)
        buffer.deallocate()
      }
      wide.update(repeating: 0)
      wide.deallocate()
      q.update(repeating: 0)
      q.deallocate()
    }
    recurse(
      bits, position: 0, step: 1, pi: pi, w: w, a: a, b: b, wide: wide, narrow: narrow, q: q)
  }

  /// One level of the recursion: the first and last layers for π, then the two half-size networks.
  private static func recurse(
    _ bits: UnsafeMutableBufferPointer<UInt8>, position start: Int, step: Int, pi: UnsafeBufferPointer<UInt16>,
    w: Int, a aFull: UnsafeMutableBufferPointer<UInt32>, b bFull: UnsafeMutableBufferPointer<UInt32>,
    wide wideFull: UnsafeMutableBufferPointer<UInt64>, narrow narrowFull: UnsafeMutableBufferPointer<UInt32>,
    q qFull: UnsafeMutableBufferPointer<UInt16>
  ) {
    if w == 1 {
      xorBit(bits, start, UInt32(pi[0]))
      return
    }
    let n = 1 << w
    let half = n / 2
    let a = UnsafeMutableBufferPointer(rebasing: aFull[0..<n])
    let b = UnsafeMutableBufferPointer(rebasing: bFull[0..<n])
    let wide = UnsafeMutableBufferPointer(rebasing: wideFull[0..<n])

    // p = π̄: p(y) = π(π⁻¹(y ⊕ 1) ⊕ 1), from sorting (π(x) ⊕ 1, π(x ⊕ 1)) by the first part.
    for x in 0..<n { a[x] = (UInt32(pi[x] ^ 1) << 16) | UInt32(pi[x ^ 1]) }
    McElieceSort.sort(a)
    // P = p, c(x) = x.
    for x in 0..<n {
      a[x] = a[x] & 0xFFFF
      b[x] = UInt32(x)
    }
    // Iterate c ← min(c, c∘P), P ← P∘P, w − 1 times: afterwards c(x) is the least of x, p(x), …,
    // p^(n/2 − 1)(x), the least element of the p-cycle of x (cycles have at most n/2 elements).
    if w <= 10 {
      // The same two sorts on 32-bit words, which sort twice as many per vector operation: with values
      // below 2^10, (P(x), x) packs in 16 + 16 bits and (P⁻¹(x), P(x), c(x)) in 10 + 10 + 10 bits.
      let narrow = UnsafeMutableBufferPointer(rebasing: narrowFull[0..<n])
      for _ in 0..<(w - 1) {
        for x in 0..<n { narrow[x] = (a[x] << 16) | UInt32(x) }
        McElieceSort.sort(narrow)
        for x in 0..<n { narrow[x] = ((narrow[x] & 0xFFFF) << 20) | (a[x] << 10) | b[x] }
        McElieceSort.sort(narrow)
        for y in 0..<n {
          a[y] = (narrow[y] >> 10) & 0x3FF
          b[y] = min2(b[y], narrow[y] & 0x3FF)
        }
      }
    } else {
      for _ in 0..<(w - 1) {
        // P⁻¹ by sorting (P(x), x).
        for x in 0..<n { wide[x] = (UInt64(a[x]) << 32) | UInt64(x) }
        McElieceSort.sort(wide)
        // Sorting (P⁻¹(x), P(x), c(x)) by P⁻¹ puts (P(P(y)), c(P(y))) at y.
        for x in 0..<n {
          let inverse = UInt64(wide[x] & 0xFFFF)
          wide[x] = (inverse << 32) | (UInt64(a[x]) << 16) | UInt64(b[x])
        }
        McElieceSort.sort(wide)
        for y in 0..<n {
          let composed = UInt32(truncatingIfNeeded: wide[y] >> 16) & 0xFFFF
          let cOfP = UInt32(truncatingIfNeeded: wide[y]) & 0xFFFF
          a[y] = composed
          b[y] = min2(b[y], cOfP)
        }
      }
    }
    // b holds c. The first layer: f_j = c(2j) mod 2; F(x) = x ⊕ f_{x/2}.
    // π⁻¹ by sorting (π(x), x).
    for x in 0..<n { a[x] = (UInt32(pi[x]) << 16) | UInt32(x) }
    McElieceSort.sort(a)
    var position = start
    for j in 0..<half {
      let x = 2 * j
      let f = b[x] & 1
      let fx = UInt32(x) ^ f
      xorBit(bits, position, f)
      position += step
      // (π⁻¹(x), F(x)) for the composition F∘π below.
      b[x] = ((a[x] & 0xFFFF) << 16) | fx
      b[x + 1] = ((a[x + 1] & 0xFFFF) << 16) | (fx ^ 1)
    }
    McElieceSort.sort(b)  // b(y) = (y, F(π(y)))
    // The last layer: l_k = F(π(2k)) mod 2; L(y) = y ⊕ l_{y/2}.
    position += (2 * w - 3) * step * half
    for k in 0..<half {
      let y = 2 * k
      let l = b[y] & 1
      let ly = UInt32(y) ^ l
      xorBit(bits, position, l)
      position += step
      a[y] = (ly << 16) | (b[y] & 0xFFFF)
      a[y + 1] = ((ly ^ 1) << 16) | (b[y + 1] & 0xFFFF)
    }
    McElieceSort.sort(a)  // a(z) = (z, M(z)) with M = F∘π∘L
    position -= (2 * w - 2) * step * half
    // The middle: M maps even to even and odd to odd positions; halve into two permutations of n/2.
    let q = UnsafeMutableBufferPointer(rebasing: qFull[0..<n])
    for j in 0..<half {
      q[j] = UInt16(truncatingIfNeeded: (a[2 * j] & 0xFFFF) >> 1)
      q[j + half] = UInt16(truncatingIfNeeded: (a[2 * j + 1] & 0xFFFF) >> 1)
    }
    let rest = UnsafeMutableBufferPointer(rebasing: qFull[n..<qFull.count])
    recurse(
      bits, position: position, step: 2 * step, pi: UnsafeBufferPointer(rebasing: q[0..<half]), w: w - 1,
      a: aFull, b: bFull, wide: wideFull, narrow: narrowFull, q: rest)
    recurse(
      bits, position: position + step, step: 2 * step, pi: UnsafeBufferPointer(rebasing: q[half..<n]), w: w - 1,
      a: aFull, b: bFull, wide: wideFull, narrow: narrowFull, q: rest)
  }

  @inline(__always) private static func min2(_ x: UInt32, _ y: UInt32) -> UInt32 {
    // values are below 2^31, so the sign of y − x tells which is smaller
    let yLess = 0 &- ((y &- x) >> 31)
    return x ^ ((x ^ y) & yLess)
  }

  /// Applies the network to `values` (2^w entries): layer strides 1, 2, …, 2^(w−1), …, 2, 1, each
  /// a conditional swap of (i, i + stride) per control bit, in order. With the bits of π, the
  /// result is values[π(i)] at i.
  static func apply<T: FixedWidthInteger>(
    _ bits: UnsafeBufferPointer<UInt8>, w: Int, to values: UnsafeMutableBufferPointer<T>
  ) {
    let n = 1 << w
    var index = 0
    var strides: [Int] = Array(0..<w)
    strides += (0..<(w - 1)).reversed()
    for s in strides {
      let stride = 1 << s
      var i = 0
      while i < n {
        for j in i..<(i + stride) {
          let bit = T(truncatingIfNeeded: (bits[index >> 3] >> UInt8(index & 7)) & 1)
          let d = (values[j] ^ values[j + stride]) & (0 &- bit)
          values[j] ^= d
          values[j + stride] ^= d
          index += 1
        }
        i += 2 * stride
      }
    }
  }
}
