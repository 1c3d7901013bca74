import QRXPrimitives

// One protocol family for every classical algorithm, in the swift-crypto shape: a namespace per
// algorithm with `PrivateKey` and `PublicKey`, `signature(for:)`, `isValidSignature(_:for:)`,
// representations named for what they are. The hybrid layer composes these generically.

/// A public key that checks signatures.
public protocol ClassicalVerifyingKey: Sendable {
  /// Decodes the algorithm's raw public key encoding; malformed keys throw ``ClassicalError``.
  init(rawRepresentation: [UInt8]) throws
  /// The algorithm's raw public key encoding (Ed25519: 32 bytes; secp256k1: compressed SEC1;
  /// NIST and Brainpool curves: uncompressed SEC1; RSA: SPKI DER).
  var rawRepresentation: [UInt8] { get }
  /// Whether `signature` is a valid signature of `message`. A malformed signature is `false`.
  func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}

/// A private key that makes signatures.
public protocol ClassicalSigningKey: Sendable {
  /// The matching public key type.
  associatedtype PublicKey: ClassicalVerifyingKey
  /// A fresh key from the system's randomness.
  init() throws
  /// Decodes the stored private key form (seed, scalar or PKCS#8 DER); malformed keys throw.
  init(rawRepresentation: SecretBytes) throws
  /// The stored private key form.
  var rawRepresentation: SecretBytes { get }
  /// The public key.
  var publicKey: PublicKey { get }
  /// A signature of `message` in the algorithm's wire encoding.
  func signature(for message: [UInt8]) throws -> [UInt8]
}

/// A signature algorithm: a namespace with a private and a public key type.
public protocol ClassicalSignatureAlgorithm {
  /// The private key type.
  associatedtype PrivateKey: ClassicalSigningKey
  /// The wire name (`Ed25519`, `secp256k1-ECDSA`, `ECDSA-P256`, `RSA-4096-PSS`).
  static var name: String { get }
  /// Length of a seed or scalar that `PrivateKey(rawRepresentation:)` takes, or nil when the
  /// private key is not a seed (RSA).
  static var seedByteCount: Int? { get }
}

extension ClassicalSignatureAlgorithm {
  /// The public key type.
  public typealias PublicKey = PrivateKey.PublicKey
}

/// A public key for key agreement.
public protocol ClassicalAgreementPublicKey: Sendable {
  /// Decodes the algorithm's raw public key encoding; malformed keys throw ``ClassicalError``.
  init(rawRepresentation: [UInt8]) throws
  /// The algorithm's raw public key encoding.
  var rawRepresentation: [UInt8] { get }
}

/// A private key for key agreement.
public protocol ClassicalAgreementPrivateKey: Sendable {
  /// The matching public key type.
  associatedtype PublicKey: ClassicalAgreementPublicKey
  /// A fresh key from the system's randomness.
  init() throws
  /// Decodes the stored private key form (32/56-byte string or big-endian scalar).
  init(rawRepresentation: SecretBytes) throws
  /// The stored private key form.
  var rawRepresentation: SecretBytes { get }
  /// The public key.
  var publicKey: PublicKey { get }
  /// The shared secret with `peer`. Throws ``ClassicalError/invalidSharedSecret`` for an all-zero
  /// result (low-order peers); never returns it.
  func sharedSecretFromKeyAgreement(with peer: PublicKey) throws -> SecretBytes
}

/// A key agreement (Diffie-Hellman) algorithm. Not a KEM: the hybrid layer builds KEMs from it.
public protocol ClassicalKeyAgreement {
  /// The private key type.
  associatedtype PrivateKey: ClassicalAgreementPrivateKey
  /// The wire name (`X25519`, `ECDH-P256`, `secp256k1-ECDH`).
  static var name: String { get }
  /// Length of the shared secret in bytes.
  static var sharedSecretByteCount: Int { get }
}

extension ClassicalKeyAgreement {
  /// The public key type.
  public typealias PublicKey = PrivateKey.PublicKey
}
