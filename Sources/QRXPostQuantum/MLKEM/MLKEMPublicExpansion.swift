// The public part of a key in the form the arithmetic uses: the matrix Â (k × k polynomials,
// row-major) and the vector t̂ (k polynomials), decoded and sampled once per key instead of once
// per operation, as Go's crypto/mlkem does. Both derive from the public ek only, so they are not
// secret. Written once, while the key is built; read-only afterwards.

/// Â and t̂ of one encapsulation key, in one allocation.
final class MLKEMPublicExpansion: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<Int16>

  /// Room for k² + k polynomials.
  init(k: Int) {
    let count = 256 &* (k &* k &+ k)
    storage = UnsafeMutablePointer<Int16>.allocate(capacity: count)
    storage.initialize(repeating: 0, count: count)
  }

  deinit { storage.deallocate() }

  /// Â[row, column] = SampleNTT(ρ ‖ column ‖ row).
  @inline(__always)
  func aHat(row: Int, column: Int, k: Int) -> UnsafeMutablePointer<Int16> {
    storage + 256 &* (row &* k &+ column)
  }

  /// t̂[i].
  @inline(__always)
  func tHat(_ i: Int, k: Int) -> UnsafeMutablePointer<Int16> {
    storage + 256 &* (k &* k &+ i)
  }
}
