import CLibCrypto
import QRXPrimitives

// X25519 and X448 (RFC 7748) through libcrypto. An all-zero shared secret (a low-order peer) is
// an error, as RFC 7748, Section 6.1 allows and most protocols require.

/// A Montgomery curve's Diffie-Hellman parameters.
public protocol MontgomeryCurve: Sendable {
  /// The wire name.
  static var name: String { get }
  /// libcrypto's key type (`EVP_PKEY_X25519`).
  static var keyType: Int32 { get }
  /// Length of scalars, u-coordinates and shared secrets.
  static var byteCount: Int { get }
}

/// Curve25519 for X25519 (RFC 7748, Section 5).
public enum Curve25519Montgomery: MontgomeryCurve {
  /// The name used on the wire.
  public static let name = "X25519"
  /// libcrypto's key type.
  public static let keyType = EVP_PKEY_X25519
  /// Length of scalars, u-coordinates and shared secrets, in bytes.
  public static let byteCount = 32
}

/// Curve448 for X448 (RFC 7748, Section 5).
public enum Curve448Montgomery: MontgomeryCurve {
  /// The name used on the wire.
  public static let name = "X448"
  /// libcrypto's key type.
  public static let keyType = EVP_PKEY_X448
  /// Length of scalars, u-coordinates and shared secrets, in bytes.
  public static let byteCount = 56
}

/// The XDH function on `Curve` (RFC 7748, Section 5 and 6).
public enum XDH<Curve: MontgomeryCurve>: ClassicalKeyAgreement {
  /// The name used on the wire.
  public static var name: String { Curve.name }
  /// Length of the shared secret, in bytes.
  public static var sharedSecretByteCount: Int { Curve.byteCount }

  /// A private scalar string `k` (clamped by the function, RFC 7748, Section 5).
  public struct PrivateKey: ClassicalAgreementPrivateKey {
    let key: EVPKey
    let scalar: SecretBytes
    let agreement: ContextPool
    /// The public u-coordinate `X(k, 9)` (or `X(k, 5)` for X448).
    public let publicKey: PublicKey

    /// A fresh key from the system's randomness.
    public init() throws {
      try self.init(rawRepresentation: SystemRandom().secretBytes(count: Curve.byteCount))
    }

    /// The key with scalar string `k`.
    public init(rawRepresentation k: SecretBytes) throws {
      guard k.count == Curve.byteCount else {
        throw ClassicalError.invalidPrivateKey("\(Curve.name) key must be \(Curve.byteCount) bytes, got \(k.count)")
      }
      guard let pointer = OpenSSL.withSecret(k, { EVP_PKEY_new_raw_private_key(Curve.keyType, nil, $0, $1) }) else {
        throw OpenSSL.failure("EVP_PKEY_new_raw_private_key")
      }
      key = EVPKey(owning: pointer)
      agreement = ContextPool.keyContexts(key) { EVP_PKEY_derive_init($0) == 1 }
      scalar = k
      publicKey = try PublicKey(rawRepresentation: OpenSSL.rawPublicKey(key, count: Curve.byteCount))
    }

    /// The scalar string `k`.
    public var rawRepresentation: SecretBytes { scalar }

    /// `X(k, u)` for the peer's u-coordinate (RFC 7748, Section 6); all zero throws.
    public func sharedSecretFromKeyAgreement(with peer: PublicKey) throws -> SecretBytes {
      let secret = try OpenSSL.derive(agreement, peer: peer.key, length: Curve.byteCount)
      // libcrypto already refuses zero; checked again here, in constant time, because it is the contract.
      let zero = secret.withUnsafeBytes { bytes in
        var accumulator: UInt8 = 0
        for byte in bytes { accumulator |= byte }
        return ConstantTime.isZero(accumulator)
      }
      guard zero == 0 else { throw ClassicalError.invalidSharedSecret }
      return secret
    }
  }

  /// A public u-coordinate. Any string of the right length is accepted: the most significant
  /// bit is masked and non-canonical values are reduced, as RFC 7748, Section 5 requires.
  public struct PublicKey: ClassicalAgreementPublicKey {
    let key: EVPKey
    /// The u-coordinate as given.
    public let rawRepresentation: [UInt8]

    /// The key with u-coordinate `u`.
    public init(rawRepresentation u: [UInt8]) throws {
      guard u.count == Curve.byteCount else {
        throw ClassicalError.invalidPublicKey("\(Curve.name) key must be \(Curve.byteCount) bytes, got \(u.count)")
      }
      guard let pointer = OpenSSL.withBytes(u, { EVP_PKEY_new_raw_public_key(Curve.keyType, nil, $0, $1) }) else {
        ERR_clear_error()
        throw ClassicalError.invalidPublicKey("\(Curve.name) public key rejected")
      }
      key = EVPKey(owning: pointer)
      rawRepresentation = u
    }
  }
}

/// X25519 (RFC 7748).
public typealias X25519 = XDH<Curve25519Montgomery>
/// X448 (RFC 7748).
public typealias X448 = XDH<Curve448Montgomery>
