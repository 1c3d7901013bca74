// A constant-time sort for key generation: Batcher's bitonic network over a power-of-two count.
// Which pairs are compared depends only on the count; each compare-exchange is branch-free.

enum McElieceSort {
  /// Sorts `values` ascending. The count must be a power of two and every value below 2^(bits−1)
  /// (the sign of the wrapped difference decides the order).
  static func sort<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafeMutableBufferPointer<T>) {
    let count = values.count
    precondition(count & (count - 1) == 0, "the sorting network needs a power-of-two count")
    guard count > 1, let base = values.baseAddress else { return }
    let signShift = T(T.bitWidth - 1)
    var blockSize = 2
    while blockSize <= count {
      var distance = blockSize / 2
      while distance > 0 {
        // Pairs (i, i + distance) with bit `distance` of i clear; ascending where bit `blockSize` of i is clear.
        var start = 0
        while start < count {
          let descending: T = (start & blockSize) == 0 ? 0 : ~0
          for i in start..<(start + distance) {
            let a = base[i]
            let b = base[i + distance]
            // swap when a > b (ascending) or a < b (descending)
            let greater = T(0) &- ((b &- a) >> signShift)
            let less = T(0) &- ((a &- b) >> signShift)
            let swap = (greater & ~descending) | (less & descending)
            let d = (a ^ b) & swap
            base[i] = a ^ d
            base[i + distance] = b ^ d
          }
          start += 2 * distance
        }
        distance /= 2
      }
      blockSize *= 2
    }
  }
}
