// A constant-time sort for key generation: Batcher's bitonic network over a power-of-two count.
// Which pairs are compared depends only on the count; each compare-exchange is branch-free.

enum McElieceSort {
  /// Sorts `values` ascending. The count must be a power of two and every value below 2^(bits−1)
  /// (the sign of the wrapped difference decides the order).
  static func sort<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafeMutableBufferPointer<T>) {
    let count = values.count
    precondition(count & (count - 1) == 0, "the sorting network needs a power-of-two count")
    guard count > 1, let base = values.baseAddress else { return }
    var blockSize = 2
    while blockSize <= count {
      var distance = blockSize >> 1
      while distance > 0 {
        // Pairs (i, i + distance) with bit `distance` of i clear, in runs of `distance` consecutive i;
        // ascending where bit `blockSize` of i is clear. The direction depends only on the position.
        var start = 0
        while start < count {
          if start & blockSize == 0 {
            orderRun(base + start, base + start + distance, count: distance)
          } else {
            orderRun(base + start + distance, base + start, count: distance)
          }
          start += 2 * distance
        }
        distance >>= 1
      }
      blockSize <<= 1
    }
  }

  /// (low[i], high[i]) ← (min, max) of the pair for i < count, without branches (vectorizable).
  @inline(__always) static func orderRun<T: FixedWidthInteger & UnsignedInteger>(
    _ low: UnsafeMutablePointer<T>, _ high: UnsafeMutablePointer<T>, count: Int
  ) {
    let signShift = T(T.bitWidth - 1)
    for i in 0..<count {
      let a = low[i]
      let b = high[i]
      let swap = T(0) &- ((b &- a) >> signShift)  // all ones when a > b
      let d = (a ^ b) & swap
      low[i] = a ^ d
      high[i] = b ^ d
    }
  }
}
