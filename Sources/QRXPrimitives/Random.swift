import CLibCrypto

/// A source of random bytes. Production code uses ``SystemRandom``; tests inject their own so
/// every run is repeatable.
public protocol RandomSource {
  /// Fills `buffer` with random bytes.
  func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

extension RandomSource {
  /// `count` random bytes.
  public func bytes(count: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      fill(UnsafeMutableRawBufferPointer(buffer))
      initialized = count
    }
  }

  /// `count` random bytes in zeroed-on-release storage.
  public func secretBytes(count: Int) -> SecretBytes {
    SecretBytes(count: count) { fill($0) }
  }
}

/// The operating system's randomness through libcrypto's DRBG (`RAND_bytes`, seeded by `getrandom`).
public struct SystemRandom: RandomSource, Sendable {
  /// The system generator.
  public init() {}

  public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    var offset = 0
    while offset < buffer.count {
      let chunk = min(buffer.count - offset, Int(Int32.max))
      // Without entropy nothing QRX does is safe: stop rather than continue with weak keys.
      guard RAND_bytes(base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), Int32(chunk)) == 1 else {
        fatalError("RAND_bytes failed: the system random generator is unavailable")
      }
      offset += chunk
    }
  }
}
