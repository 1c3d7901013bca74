import CLibCrypto

/// Bytes that must stay secret: zeroed (with `OPENSSL_cleanse`, which the compiler cannot elide)
/// when released, never printed, compared in constant time.
///
/// The storage is fixed at creation; the contents are written only by the initializer.
public final class SecretBytes: @unchecked Sendable {
  private let storage: UnsafeMutableRawBufferPointer

  /// Number of bytes.
  public let count: Int

  /// `count` bytes written by `initializer`, which receives zeroed storage.
  public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
    precondition(count >= 0, "SecretBytes count must not be negative")
    self.count = count
    storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
    storage.initializeMemory(as: UInt8.self, repeating: 0)
    let view = UnsafeMutableRawBufferPointer(rebasing: storage[0..<count])
    // If `initializer` throws, the object is already fully initialized, so `deinit` wipes and frees
    // the storage: nothing may be released here as well.
    try initializer(view)
  }

  /// A copy of `bytes`. The caller remains responsible for wiping its own copy.
  @inlinable
  public convenience init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    self.init(count: bytes.count) { buffer in
      let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
        if let base = source.baseAddress, source.count > 0 {
          buffer.baseAddress!.copyMemory(from: base, byteCount: source.count)
        }
      }
      if copied == nil {
        var index = 0
        for byte in bytes {
          buffer[index] = byte
          index += 1
        }
      }
    }
  }

  /// `count` zero bytes.
  public convenience init(zeroes count: Int) {
    self.init(count: count) { _ in }
  }

  deinit {
    OPENSSL_cleanse(storage.baseAddress, storage.count)
    storage.deallocate()
  }

  /// Reads the bytes; do not let the pointer escape.
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
  }

  /// A plain copy, for handing to an API that takes `[UInt8]`; wipe it with ``wipe(_:)`` when done.
  public func copyBytes() -> [UInt8] {
    withUnsafeBytes { Array($0) }
  }

  /// Constant-time equality (the lengths are public).
  public func constantTimeEquals(_ other: SecretBytes) -> Bool {
    withUnsafeBytes { a in other.withUnsafeBytes { b in ConstantTime.equals(a, b) } }
  }

  /// Overwrites `bytes` with zeroes in a way the optimizer keeps.
  public static func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
  }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  public var description: String { "SecretBytes(\(count) bytes, redacted)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
