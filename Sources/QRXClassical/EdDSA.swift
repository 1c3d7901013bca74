import CLibCrypto
import QRXPrimitives

// Ed25519 and Ed448 (RFC 8032, PureEdDSA) through libcrypto. The private key is the seed: 32 bytes
// for Ed25519, 57 for Ed448 (RFC 8032, Sections 5.1.5 and 5.2.5).

/// An Edwards curve's EdDSA parameters.
public protocol EdwardsCurve: Sendable {
  /// The wire name.
  static var name: String { get }
  /// libcrypto's key type (`EVP_PKEY_ED25519`).
  static var keyType: Int32 { get }
  /// Length of the private key seed `k`.
  static var seedByteCount: Int { get }
  /// Length of the encoded public key `A`.
  static var publicKeyByteCount: Int { get }
  /// Length of a signature `R‖S`.
  static var signatureByteCount: Int { get }
}

/// edwards25519 for Ed25519 (RFC 8032, Section 5.1).
public enum Edwards25519: EdwardsCurve {
  /// The name used on the wire.
  public static let name = "Ed25519"
  /// libcrypto's key type.
  public static let keyType = EVP_PKEY_ED25519
  /// Length of the private seed or scalar, in bytes.
  public static let seedByteCount = 32
  /// Length of the encoded public key, in bytes.
  public static let publicKeyByteCount = 32
  /// Length of a signature, in bytes.
  public static let signatureByteCount = 64
}

/// edwards448 for Ed448 (RFC 8032, Section 5.2), with an empty context.
public enum Edwards448: EdwardsCurve {
  /// The name used on the wire.
  public static let name = "Ed448"
  /// libcrypto's key type.
  public static let keyType = EVP_PKEY_ED448
  /// Length of the private seed or scalar, in bytes.
  public static let seedByteCount = 57
  /// Length of the encoded public key, in bytes.
  public static let publicKeyByteCount = 57
  /// Length of a signature, in bytes.
  public static let signatureByteCount = 114
}

/// PureEdDSA over `Curve` (RFC 8032, Section 5). Signatures are deterministic.
public enum EdDSA<Curve: EdwardsCurve>: ClassicalSignatureAlgorithm {
  /// The name used on the wire.
  public static var name: String { Curve.name }
  /// Length of the private seed or scalar, in bytes.
  public static var seedByteCount: Int? { Curve.seedByteCount }

  /// An EdDSA private key: the seed `k`, expanded by libcrypto.
  public struct PrivateKey: ClassicalSigningKey {
    let key: EVPKey
    let seed: SecretBytes
    let signer: ContextPool
    /// The public key `A`.
    public let publicKey: PublicKey

    /// A fresh key from the system's randomness.
    public init() throws {
      try self.init(rawRepresentation: SystemRandom().secretBytes(count: Curve.seedByteCount))
    }

    /// The key with seed `k` (RFC 8032, Section 5.1.5 / 5.2.5).
    public init(rawRepresentation seed: SecretBytes) throws {
      guard seed.count == Curve.seedByteCount else {
        throw ClassicalError.invalidPrivateKey(
          "\(Curve.name) seed must be \(Curve.seedByteCount) bytes, got \(seed.count)")
      }
      guard
        let pointer = OpenSSL.withSecret(seed, { EVP_PKEY_new_raw_private_key(Curve.keyType, nil, $0, $1) })
      else { throw OpenSSL.failure("EVP_PKEY_new_raw_private_key") }
      key = EVPKey(owning: pointer)
      signer = ContextPool.digestSign(key)
      self.seed = seed
      let a = try OpenSSL.rawPublicKey(key, count: Curve.publicKeyByteCount)
      publicKey = try PublicKey(rawRepresentation: a)
    }

    /// The seed `k`.
    public var rawRepresentation: SecretBytes { seed }

    /// The signature `R‖S` of `message` (RFC 8032, Section 5.1.6 / 5.2.6).
    public func signature(for message: [UInt8]) throws -> [UInt8] {
      let signature = try OpenSSL.sign(signer, maximumLength: Curve.signatureByteCount, message: message)
      guard signature.count == Curve.signatureByteCount else { throw OpenSSL.failure("EVP_DigestSign") }
      return signature
    }
  }

  /// An EdDSA public key `A`, in its encoded form.
  public struct PublicKey: ClassicalVerifyingKey {
    let key: EVPKey
    let verifier: ContextPool
    /// The encoded point `A`.
    public let rawRepresentation: [UInt8]

    /// The key encoded as `bytes`. Only the length is checked here; a key that does not decode to
    /// a point verifies nothing.
    public init(rawRepresentation bytes: [UInt8]) throws {
      guard bytes.count == Curve.publicKeyByteCount else {
        throw ClassicalError.invalidPublicKey(
          "\(Curve.name) public key must be \(Curve.publicKeyByteCount) bytes, got \(bytes.count)")
      }
      guard let pointer = OpenSSL.withBytes(bytes, { EVP_PKEY_new_raw_public_key(Curve.keyType, nil, $0, $1) })
      else {
        ERR_clear_error()
        throw ClassicalError.invalidPublicKey("\(Curve.name) public key rejected")
      }
      key = EVPKey(owning: pointer)
      verifier = ContextPool.digestVerify(key)
      rawRepresentation = bytes
    }

    /// Decodes a SubjectPublicKeyInfo (RFC 8410).
    public init(derRepresentation der: [UInt8]) throws {
      let parsed = try OpenSSL.decodeSubjectPublicKeyInfo(der)
      guard EVP_PKEY_get_base_id(parsed.pointer) == Curve.keyType else {
        throw ClassicalError.invalidPublicKey("not an \(Curve.name) key")
      }
      try self.init(rawRepresentation: OpenSSL.rawPublicKey(parsed, count: Curve.publicKeyByteCount))
    }

    /// The SubjectPublicKeyInfo DER (RFC 8410).
    public var derRepresentation: [UInt8] { get throws { try OpenSSL.subjectPublicKeyInfo(key) } }

    /// Whether `signature` is a valid signature of `message` (RFC 8032, Section 5.1.7 / 5.2.7).
    /// libcrypto rejects `S ≥ L` and undecodable `R` or `A`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
      guard signature.count == Curve.signatureByteCount else { return false }
      return OpenSSL.verify(verifier, signature: signature, message: message)
    }
  }
}

/// Ed25519 (RFC 8032, Section 5.1).
public typealias Ed25519 = EdDSA<Edwards25519>
/// Ed448 (RFC 8032, Section 5.2) with an empty context.
public typealias Ed448 = EdDSA<Edwards448>
