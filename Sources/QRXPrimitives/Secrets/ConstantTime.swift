/// Constant-time helpers: no branch and no memory index depends on the values compared.
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes. The lengths are treated as public.
  public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<a.count { difference |= a[i] ^ b[i] }
    return isZero(difference) == 1
  }

  /// Whether `a` and `b` hold the same bytes. The lengths are treated as public.
  public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { x in b.withUnsafeBytes { y in equals(x, y) } }
  }

  /// 1 if `value` is zero, else 0, without a branch.
  @inlinable
  public static func isZero(_ value: UInt8) -> UInt8 {
    UInt8(truncatingIfNeeded: (UInt32(value) &- 1) &>> 31)
  }

  /// All ones if `bit` is 1, all zeroes if it is 0.
  @inlinable
  public static func mask(_ bit: UInt8) -> UInt8 { 0 &- bit }

  /// Copies `b` over `a` where `bit` is 1, leaves `a` where it is 0, reading and writing every byte.
  public static func select(
    _ bit: UInt8, _ a: UnsafeMutableRawBufferPointer, _ b: UnsafeRawBufferPointer
  ) {
    precondition(a.count == b.count, "constant-time select needs equal lengths")
    let m = mask(bit)
    for i in 0..<a.count { a[i] ^= m & (a[i] ^ b[i]) }
  }
}
