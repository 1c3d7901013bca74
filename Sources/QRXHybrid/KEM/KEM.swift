import QRXPrimitives

// The KEM interface of QRX's hybrid layer. Keys and ciphertexts are byte strings in the standards'
// own encodings; private keys are `SecretBytes` in their stored (seed) form. `HPKEKEM` adds what
// HPKE needs on top (draft-ietf-hpke-hpke, Section 4): the KEM identifier, the sizes Nsecret, Nenc,
// Npk, Nsk, and DeriveKeyPair. SerializePublicKey and DeserializePublicKey are the identity on these
// byte strings, checked by every function that takes a public key.

/// A key-encapsulation mechanism whose keys and ciphertexts are byte strings.
public protocol KeyEncapsulationMechanism: Sendable {
  /// The wire name (`X-Wing`, `MLKEM768-X25519-SHA3-256`, `DHKEM(X25519, HKDF-SHA256)`).
  var name: String { get }
  /// Bytes of the shared secret.
  var sharedSecretByteCount: Int { get }
  /// Bytes of the seed that ``generateKeyPair(seed:)`` takes, or nil if the KEM has no seeded key generation.
  var seedByteCount: Int? { get }

  /// A fresh key pair: the private key in its stored form and the public key's encoding.
  func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8])
  /// The key pair of a seed of ``seedByteCount`` bytes.
  func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8])
  /// The public key of a private key (`pk(skX)`). A malformed private key throws.
  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8]
  /// Encapsulates to `publicKey`: the shared secret and the ciphertext. A malformed key throws.
  func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  /// Decapsulates `ciphertext`. A malformed private key or ciphertext throws.
  func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes
}

extension KeyEncapsulationMechanism {
  /// A fresh key pair from the system random generator.
  public func generateKeyPair() throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try generateKeyPair(using: SystemRandom())
  }

  /// Encapsulates to `publicKey` with the system random generator.
  public func encapsulate(to publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    try encapsulate(to: publicKey, using: SystemRandom())
  }
}

/// A KEM usable in HPKE (draft-ietf-hpke-hpke, Section 4).
public protocol HPKEKEM: KeyEncapsulationMechanism {
  /// `kem_id`, the two-byte KEM identifier.
  var kemID: UInt16 { get }
  /// `Nenc`: bytes of an encapsulated key.
  var encapsulatedKeyByteCount: Int { get }
  /// `Npk`: bytes of a public key.
  var publicKeyByteCount: Int { get }
  /// `Nsk`: bytes of a private key.
  var privateKeyByteCount: Int { get }
  /// DeriveKeyPair(ikm): the key pair deterministically derived from input keying material.
  func deriveKeyPair(ikm: [UInt8]) throws -> (privateKey: SecretBytes, publicKey: [UInt8])
}

extension HPKEKEM {
  /// `Nsecret`: bytes of the shared secret.
  public var Nsecret: Int { sharedSecretByteCount }
  /// `Nenc`: bytes of an encapsulated key.
  public var Nenc: Int { encapsulatedKeyByteCount }
  /// `Npk`: bytes of a public key.
  public var Npk: Int { publicKeyByteCount }
  /// `Nsk`: bytes of a private key.
  public var Nsk: Int { privateKeyByteCount }
}

/// Errors of the hybrid KEMs. Messages describe the input, never secret values.
public enum HybridKEMError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A public key that is malformed or of the wrong length.
  case invalidPublicKey(String)
  /// A private key that is malformed or of the wrong length.
  case invalidPrivateKey(String)
  /// A ciphertext (encapsulated key) that is malformed or of the wrong length.
  case invalidCiphertext(String)
  /// A seed or input keying material of the wrong length.
  case invalidSeed(String)
  /// A component algorithm failed; the text names the step, never a value.
  case componentFailure(String)
  /// DeriveKeyPair found no valid private key (a negligible-probability event).
  case deriveKeyPairFailure
  /// The algorithm needs a component that QRX does not provide.
  case unavailable(String)

  public var description: String {
    switch self {
    case .invalidPublicKey(let why): return "invalid public key: \(why)"
    case .invalidPrivateKey(let why): return "invalid private key: \(why)"
    case .invalidCiphertext(let why): return "invalid ciphertext: \(why)"
    case .invalidSeed(let why): return "invalid seed: \(why)"
    case .componentFailure(let step): return "component algorithm failed: \(step)"
    case .deriveKeyPairFailure: return "DeriveKeyPair failed: no valid private key found"
    case .unavailable(let what): return "unavailable: \(what)"
    }
  }
}

/// Length checks shared by the KEMs.
enum KEMCheck {
  static func publicKey(_ bytes: [UInt8], count: Int, _ name: String) throws {
    guard bytes.count == count else {
      throw HybridKEMError.invalidPublicKey("\(name) public key must be \(count) bytes, got \(bytes.count)")
    }
  }

  static func privateKey(_ key: SecretBytes, count: Int, _ name: String) throws {
    guard key.count == count else {
      throw HybridKEMError.invalidPrivateKey("\(name) private key must be \(count) bytes, got \(key.count)")
    }
  }

  static func ciphertext(_ bytes: [UInt8], count: Int, _ name: String) throws {
    guard bytes.count == count else {
      throw HybridKEMError.invalidCiphertext("\(name) ciphertext must be \(count) bytes, got \(bytes.count)")
    }
  }

  static func seed(_ seed: SecretBytes, count: Int, _ name: String) throws {
    guard seed.count == count else {
      throw HybridKEMError.invalidSeed("\(name) seed must be \(count) bytes, got \(seed.count)")
    }
  }
}

/// Fast copies into `SecretBytes` (one `memcpy`, not the element-by-element generic initializer).
enum SecretCopy {
  /// A copy of `bytes`.
  static func of(_ bytes: UnsafeRawBufferPointer) -> SecretBytes {
    SecretBytes(count: bytes.count) { out in
      if bytes.count > 0 { out.copyMemory(from: bytes) }
    }
  }

  /// A copy of `bytes[range]`.
  static func of(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> SecretBytes {
    of(UnsafeRawBufferPointer(rebasing: bytes[range]))
  }

  /// A copy of `bytes`.
  static func of(_ bytes: [UInt8]) -> SecretBytes { bytes.withUnsafeBytes { of($0) } }
}
