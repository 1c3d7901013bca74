// SHA-3 hash functions and SHAKE extendable-output functions (FIPS 202, Section 6), TurboSHAKE
// (RFC 9861) and the original Keccak-256 that Ethereum addresses use.

/// A fixed-output SHA-3 function (FIPS 202, Section 6.1).
public protocol SHA3Function: Sendable {
  /// Output size in bytes.
  static var outputByteCount: Int { get }
  /// The sponge, configured for this function.
  static func makeSponge() -> KeccakSponge
}

extension SHA3Function {
  /// Hashes `data` in one call.
  @inlinable
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var sponge = makeSponge()
    sponge.absorb(data)
    return sponge.squeeze(count: outputByteCount)
  }

  /// Hashes `data` in one call.
  public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
    var sponge = makeSponge()
    sponge.absorb(data)
    return sponge.squeeze(count: outputByteCount)
  }
}

/// SHA3-224 (FIPS 202): rate 144 bytes.
public enum SHA3_224: SHA3Function {
  public static let outputByteCount = 28
  public static func makeSponge() -> KeccakSponge { KeccakSponge(rate: 144, domain: 0x06) }
}

/// SHA3-256 (FIPS 202): rate 136 bytes.
public enum SHA3_256: SHA3Function {
  public static let outputByteCount = 32
  public static func makeSponge() -> KeccakSponge { KeccakSponge(rate: 136, domain: 0x06) }
}

/// SHA3-384 (FIPS 202): rate 104 bytes.
public enum SHA3_384: SHA3Function {
  public static let outputByteCount = 48
  public static func makeSponge() -> KeccakSponge { KeccakSponge(rate: 104, domain: 0x06) }
}

/// SHA3-512 (FIPS 202): rate 72 bytes.
public enum SHA3_512: SHA3Function {
  public static let outputByteCount = 64
  public static func makeSponge() -> KeccakSponge { KeccakSponge(rate: 72, domain: 0x06) }
}

/// Keccak-256 with the original padding (domain byte `0x01`), as Ethereum uses it; not SHA3-256.
public enum Keccak256: SHA3Function {
  public static let outputByteCount = 32
  public static func makeSponge() -> KeccakSponge { KeccakSponge(rate: 136, domain: 0x01) }
}

/// SHAKE128 (FIPS 202): absorb, then squeeze any amount.
public struct SHAKE128: Sendable {
  /// The sponge rate in bytes (168).
  public static let rate = 168
  @usableFromInline var sponge = KeccakSponge(rate: 168, domain: 0x1F)

  /// A fresh SHAKE128 instance.
  public init() {}

  /// Absorbs `bytes`; call before the first squeeze.
  @inlinable
  public mutating func absorb<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    sponge.absorb(bytes)
  }

  /// Absorbs `bytes`; call before the first squeeze.
  public mutating func absorb(_ bytes: UnsafeRawBufferPointer) { sponge.absorb(bytes) }

  /// The next `count` output bytes.
  public mutating func squeeze(count: Int) -> [UInt8] { sponge.squeeze(count: count) }

  /// Fills `output` with the next output bytes.
  public mutating func squeeze(into output: UnsafeMutableRawBufferPointer) { sponge.squeeze(into: output) }

  /// Gives `body` the next whole block (168 bytes) of output, read in place.
  @inlinable
  public mutating func squeezeBlock<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    sponge.squeezeBlock(body)
  }

  /// Zeroes the state.
  public mutating func erase() { sponge.erase() }

  /// SHAKE128(`data`, 8 · `outputLength`).
  @inlinable
  public static func hash<Bytes: Sequence>(_ data: Bytes, outputLength: Int) -> [UInt8]
  where Bytes.Element == UInt8 {
    var shake = SHAKE128()
    shake.absorb(data)
    return shake.squeeze(count: outputLength)
  }
}

/// SHAKE256 (FIPS 202): absorb, then squeeze any amount.
public struct SHAKE256: Sendable {
  /// The sponge rate in bytes (136).
  public static let rate = 136
  @usableFromInline var sponge = KeccakSponge(rate: 136, domain: 0x1F)

  /// A fresh SHAKE256 instance.
  public init() {}

  /// Absorbs `bytes`; call before the first squeeze.
  @inlinable
  public mutating func absorb<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    sponge.absorb(bytes)
  }

  /// Absorbs `bytes`; call before the first squeeze.
  public mutating func absorb(_ bytes: UnsafeRawBufferPointer) { sponge.absorb(bytes) }

  /// The next `count` output bytes.
  public mutating func squeeze(count: Int) -> [UInt8] { sponge.squeeze(count: count) }

  /// Fills `output` with the next output bytes.
  public mutating func squeeze(into output: UnsafeMutableRawBufferPointer) { sponge.squeeze(into: output) }

  /// Gives `body` the next whole block (136 bytes) of output, read in place.
  @inlinable
  public mutating func squeezeBlock<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    sponge.squeezeBlock(body)
  }

  /// Zeroes the state.
  public mutating func erase() { sponge.erase() }

  /// SHAKE256(`data`, 8 · `outputLength`).
  @inlinable
  public static func hash<Bytes: Sequence>(_ data: Bytes, outputLength: Int) -> [UInt8]
  where Bytes.Element == UInt8 {
    var shake = SHAKE256()
    shake.absorb(data)
    return shake.squeeze(count: outputLength)
  }
}

/// TurboSHAKE128 and TurboSHAKE256 (RFC 9861): Keccak-p[1600, 12] with a domain byte 0x01 ... 0x7F.
public enum TurboSHAKE {
  /// A TurboSHAKE128 sponge with domain separation byte `domain`.
  public static func turboSHAKE128(domain: UInt8 = 0x1F) -> KeccakSponge {
    precondition(domain >= 0x01 && domain <= 0x7F, "TurboSHAKE domain byte must be 0x01 ... 0x7F")
    return KeccakSponge(rate: 168, domain: domain, rounds: 12)
  }

  /// A TurboSHAKE256 sponge with domain separation byte `domain`.
  public static func turboSHAKE256(domain: UInt8 = 0x1F) -> KeccakSponge {
    precondition(domain >= 0x01 && domain <= 0x7F, "TurboSHAKE domain byte must be 0x01 ... 0x7F")
    return KeccakSponge(rate: 136, domain: domain, rounds: 12)
  }
}
