import QRXClassical
import QRXPrimitives

/// RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt (RFC 8017, Section 8.1), the
/// parameters the composite draft gives RSA-4096 PSS.
public enum PSSSHA384: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PSS-SHA384"
  /// The message hash and MGF1 hash.
  public static let hash = SHA2Variant.sha384
  /// The PSS salt length.
  public static let pssSaltLength: Int? = 48
}

/// RSASSA-PKCS1-v1_5 with SHA-384 (RFC 8017, Section 8.2), sha384WithRSAEncryption.
public enum PKCS1SHA384: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PKCS1-SHA384"
  /// The message hash.
  public static let hash = SHA2Variant.sha384
  /// No salt: PKCS#1 v1.5.
  public static let pssSaltLength: Int? = nil
}

/// The traditional half of a composite signature, with the draft's signature parameters
/// (draft-ietf-lamps-pq-composite-sigs-19, Section 7) or, for secp256k1, QRX's own.
public enum TraditionalSignatureComponent: String, Sendable, CaseIterable {
  /// RSASSA-PSS, 2048-bit modulus, SHA-256, MGF1-SHA-256, 32-byte salt.
  case rsa2048PSS = "RSA2048-PSS"
  /// RSASSA-PKCS1-v1_5, 2048-bit modulus, sha256WithRSAEncryption.
  case rsa2048PKCS15 = "RSA2048-PKCS15"
  /// RSASSA-PSS, 3072-bit modulus, SHA-256, MGF1-SHA-256, 32-byte salt.
  case rsa3072PSS = "RSA3072-PSS"
  /// RSASSA-PKCS1-v1_5, 3072-bit modulus, sha256WithRSAEncryption.
  case rsa3072PKCS15 = "RSA3072-PKCS15"
  /// RSASSA-PSS, 4096-bit modulus, SHA-384, MGF1-SHA-384, 48-byte salt.
  case rsa4096PSS = "RSA4096-PSS"
  /// RSASSA-PKCS1-v1_5, 4096-bit modulus, sha384WithRSAEncryption.
  case rsa4096PKCS15 = "RSA4096-PKCS15"
  /// Ed25519 (RFC 8032), pure.
  case ed25519 = "Ed25519"
  /// Ed448 (RFC 8032), pure, empty context.
  case ed448 = "Ed448"
  /// ECDSA on P-256 with SHA-256, DER signature.
  case ecdsaP256 = "ECDSA-P256"
  /// ECDSA on P-384 with SHA-384, DER signature.
  case ecdsaP384 = "ECDSA-P384"
  /// ECDSA on P-521 with SHA-512, DER signature.
  case ecdsaP521 = "ECDSA-P521"
  /// ECDSA on brainpoolP256r1 with SHA-256, DER signature.
  case ecdsaBrainpoolP256r1 = "ECDSA-brainpoolP256r1"
  /// ECDSA on brainpoolP384r1 with SHA-384, DER signature.
  case ecdsaBrainpoolP384r1 = "ECDSA-brainpoolP384r1"
  /// secp256k1 ECDSA over SHA-256, RFC 6979 nonces, low-S, 64-byte `r‖s` (QRX composites only).
  case secp256k1ECDSA = "secp256k1-ECDSA"
  /// BIP-340 Schnorr on secp256k1, 32-byte x-only keys (QRX composites only).
  case secp256k1Schnorr = "secp256k1-Schnorr"

  /// The longest signature the component makes, in bytes (DER ECDSA signatures vary in length).
  public var maximumSignatureByteCount: Int {
    switch self {
    case .rsa2048PSS, .rsa2048PKCS15: return 256
    case .rsa3072PSS, .rsa3072PKCS15: return 384
    case .rsa4096PSS, .rsa4096PKCS15: return 512
    case .ed25519: return 64
    case .ed448: return 114
    case .ecdsaP256, .ecdsaBrainpoolP256r1: return 72
    case .ecdsaP384, .ecdsaBrainpoolP384r1: return 104
    case .ecdsaP521: return 139
    case .secp256k1ECDSA, .secp256k1Schnorr: return 64
    }
  }

  /// Bytes of every signature when that is fixed (EdDSA, secp256k1): what lets a composite with
  /// a variable-length post-quantum half (Falcon) split its signature. Nil for DER ECDSA and RSA.
  public var fixedSignatureByteCount: Int? {
    switch self {
    case .ed25519, .secp256k1ECDSA, .secp256k1Schnorr: return 64
    case .ed448: return 114
    default: return nil
    }
  }

  /// Bytes of the public key when fixed (nil for RSA, whose DER length varies).
  public var publicKeyByteCount: Int? {
    switch self {
    case .rsa2048PSS, .rsa2048PKCS15, .rsa3072PSS, .rsa3072PKCS15, .rsa4096PSS, .rsa4096PKCS15: return nil
    case .ed25519: return 32
    case .ed448: return 57
    case .ecdsaP256, .ecdsaBrainpoolP256r1: return 65
    case .ecdsaP384, .ecdsaBrainpoolP384r1: return 97
    case .ecdsaP521: return 133
    case .secp256k1ECDSA: return 33
    case .secp256k1Schnorr: return 32
    }
  }

  /// Bytes of the private key in the composite encoding when fixed (nil for DER forms).
  public var privateKeyByteCount: Int? {
    switch self {
    case .ed25519, .secp256k1ECDSA, .secp256k1Schnorr: return 32
    case .ed448: return 57
    default: return nil
    }
  }

  /// The draft's encoding of a traditional private key (draft-ietf-lamps-pq-composite-sigs-19,
  /// Section 5.2) from the classical library's stored form: ECPrivateKey DER (RFC 5915) from a
  /// bare EC scalar, RSAPrivateKey from PKCS#8; Ed25519/Ed448 seeds and secp256k1 scalars are
  /// already the composite's form. The key is loaded first, so a malformed one throws.
  public func draftPrivateKey(fromLibraryRepresentation raw: SecretBytes) throws -> SecretBytes {
    try TraditionalSigningKey(self, libraryRepresentation: raw).draftRepresentation
  }

  /// Whether key generation can be derived from a seed (every component but RSA).
  public var supportsSeededKeyGeneration: Bool { !isRSA }

  var isRSA: Bool {
    switch self {
    case .rsa2048PSS, .rsa2048PKCS15, .rsa3072PSS, .rsa3072PKCS15, .rsa4096PSS, .rsa4096PKCS15: return true
    default: return false
    }
  }

  /// The named-curve OID and scalar length of the ECDSA components (RFC 5480, RFC 5639).
  var ellipticCurve: (oid: String, scalarByteCount: Int)? {
    switch self {
    case .ecdsaP256: return ("1.2.840.10045.3.1.7", 32)
    case .ecdsaP384: return ("1.3.132.0.34", 48)
    case .ecdsaP521: return ("1.3.132.0.35", 66)
    case .ecdsaBrainpoolP256r1: return ("1.3.36.3.3.2.8.1.1.7", 32)
    case .ecdsaBrainpoolP384r1: return ("1.3.36.3.3.2.8.1.1.11", 48)
    default: return nil
    }
  }

  /// The classical algorithm type that does the work.
  var algorithm: any ClassicalSignatureAlgorithm.Type {
    switch self {
    case .rsa2048PSS: return RSASignature<RSA2048, PSSSHA256>.self
    case .rsa2048PKCS15: return RSASignature<RSA2048, PKCS1SHA256>.self
    case .rsa3072PSS: return RSASignature<RSA3072, PSSSHA256>.self
    case .rsa3072PKCS15: return RSASignature<RSA3072, PKCS1SHA256>.self
    case .rsa4096PSS: return RSASignature<RSA4096, PSSSHA384>.self
    case .rsa4096PKCS15: return RSASignature<RSA4096, PKCS1SHA384>.self
    case .ed25519: return Ed25519.self
    case .ed448: return Ed448.self
    case .ecdsaP256: return ECDSA<P256>.self
    case .ecdsaP384: return ECDSA<P384>.self
    case .ecdsaP521: return ECDSA<P521>.self
    case .ecdsaBrainpoolP256r1: return ECDSA<BrainpoolP256r1>.self
    case .ecdsaBrainpoolP384r1: return ECDSA<BrainpoolP384r1>.self
    case .secp256k1ECDSA: return Secp256k1.ECDSA.self
    case .secp256k1Schnorr: return Secp256k1.Schnorr.self
    }
  }
}

/// A traditional signing key and its component.
struct TraditionalSigningKey: Sendable {
  let component: TraditionalSignatureComponent
  let key: any ClassicalSigningKey

  /// A fresh key from the system's randomness.
  init(generating component: TraditionalSignatureComponent) throws {
    self.component = component
    key = try Self.generate(component.algorithm)
  }

  private static func generate<A: ClassicalSignatureAlgorithm>(_: A.Type) throws -> any ClassicalSigningKey {
    try A.PrivateKey()
  }

  private static func load<A: ClassicalSignatureAlgorithm>(
    _: A.Type, _ raw: SecretBytes
  ) throws
    -> any ClassicalSigningKey
  {
    try A.PrivateKey(rawRepresentation: raw)
  }

  /// The key from the library's own stored form (seed, scalar or PKCS#8).
  init(_ component: TraditionalSignatureComponent, libraryRepresentation raw: SecretBytes) throws {
    self.component = component
    key = try Self.load(component.algorithm, raw)
  }

  /// The key from the draft's encoding of the traditional private key (Section 5.2): RSAPrivateKey
  /// DER (RFC 8017), ECPrivateKey DER (RFC 5915), or the raw Ed25519/Ed448 seed; secp256k1 keys
  /// are the 32-byte scalar.
  init(_ component: TraditionalSignatureComponent, draftRepresentation bytes: SecretBytes) throws {
    if component.isRSA {
      try self.init(component, libraryRepresentation: RSAKeyEncoding.privateKeyInfo(fromRSAPrivateKey: bytes))
    } else if let curve = component.ellipticCurve {
      let d = try ECPrivateKeyEncoding.scalar(
        fromECPrivateKey: bytes, curveOID: curve.oid, scalarByteCount: curve.scalarByteCount)
      try self.init(component, libraryRepresentation: d)
      // An ECPrivateKey may carry the public point; when it does it must be this key's.
      if let point = try ECPrivateKeyEncoding.publicPoint(fromECPrivateKey: bytes),
        point != key.publicKey.rawRepresentation
      {
        throw CompositeError.invalidPrivateKey(
          algorithm: component.rawValue, reason: "ECPrivateKey public key does not match its private key")
      }
    } else {
      try self.init(component, libraryRepresentation: bytes)
    }
  }

  /// A key derived from the `stream` of seed bytes (QRX seeded key generation, docs/FORMATS.md):
  /// Ed25519/Ed448 take the seed directly; EC scalars are drawn by rejection until in [1, n-1].
  init(_ component: TraditionalSignatureComponent, seedStream stream: inout SHAKE256) throws {
    self.component = component
    switch component {
    case .ed25519, .ed448:
      let count = component == .ed25519 ? 32 : 57
      var seed = stream.squeeze(count: count)
      defer { SecretBytes.wipe(&seed) }
      key = try Self.load(component.algorithm, SecretBytes(seed))
    case .secp256k1ECDSA, .secp256k1Schnorr, .ecdsaP256, .ecdsaP384, .ecdsaP521, .ecdsaBrainpoolP256r1,
      .ecdsaBrainpoolP384r1:
      let count = component.ellipticCurve?.scalarByteCount ?? 32
      // A draw out of [1, n-1] is refused and the next one taken: rare on secp256k1 and the NIST
      // curves (P-521's top bits masked), but a third of draws on brainpoolP256r1 and almost half on
      // brainpoolP384r1, whose orders sit well below 2^256 and 2^384. 64 draws all fail with a chance
      // below 2^-70.
      for _ in 0..<64 {
        var d = stream.squeeze(count: count)
        defer { SecretBytes.wipe(&d) }
        if component == .ecdsaP521 { d[0] &= 0x01 }
        if let loaded = try? Self.load(component.algorithm, SecretBytes(d)) {
          key = loaded
          return
        }
      }
      throw CompositeError.unsupported("no valid scalar from the seed")
    default:
      throw CompositeError.unsupported("\(component.rawValue) keys cannot be derived from a seed")
    }
  }

  /// The draft's encoding of the private key (see ``init(_:draftRepresentation:)``).
  var draftRepresentation: SecretBytes {
    get throws {
      if component.isRSA {
        return try RSAKeyEncoding.rsaPrivateKey(fromPrivateKeyInfo: key.rawRepresentation)
      }
      if let curve = component.ellipticCurve {
        return ECPrivateKeyEncoding.ecPrivateKey(scalar: key.rawRepresentation, curveOID: curve.oid)
      }
      return key.rawRepresentation
    }
  }

  /// The public key.
  var publicKey: TraditionalVerifyingKey {
    TraditionalVerifyingKey(component: component, key: key.publicKey)
  }

  /// The component's signature of `message`; deterministic where the component can be (Ed25519,
  /// Ed448, secp256k1 ECDSA always; BIP-340 with zero auxiliary randomness when asked).
  func signature(for message: [UInt8], deterministic: Bool) throws -> [UInt8] {
    if deterministic, let schnorr = key as? Secp256k1.Schnorr.PrivateKey {
      return try schnorr.signature(for: message, auxiliaryRandomness: SecretBytes(zeroes: 32))
    }
    return try key.signature(for: message)
  }
}

/// A traditional verifying key and its component.
struct TraditionalVerifyingKey: Sendable {
  let component: TraditionalSignatureComponent
  let key: any ClassicalVerifyingKey

  private static func load<A: ClassicalSignatureAlgorithm>(
    _: A.Type, _ raw: [UInt8]
  ) throws
    -> any ClassicalVerifyingKey
  {
    try A.PublicKey(rawRepresentation: raw)
  }

  /// The key from the draft's encoding (Section 5.1): RSAPublicKey DER, the uncompressed EC point,
  /// the raw Ed25519/Ed448 key; secp256k1 keys are QRX's (compressed point, or x-only for BIP-340).
  init(_ component: TraditionalSignatureComponent, draftRepresentation bytes: [UInt8]) throws {
    self.component = component
    if component.isRSA {
      key = try Self.load(component.algorithm, RSAKeyEncoding.subjectPublicKeyInfo(fromRSAPublicKey: bytes))
      return
    }
    guard bytes.count == component.publicKeyByteCount else {
      throw CompositeError.invalidPublicKey(
        algorithm: component.rawValue,
        reason: "expected \(component.publicKeyByteCount ?? 0) bytes, got \(bytes.count)")
    }
    if component.ellipticCurve != nil, bytes.first != 0x04 {
      throw CompositeError.invalidPublicKey(algorithm: component.rawValue, reason: "EC point must be uncompressed")
    }
    key = try Self.load(component.algorithm, bytes)
  }

  init(component: TraditionalSignatureComponent, key: any ClassicalVerifyingKey) {
    self.component = component
    self.key = key
  }

  /// The draft's encoding of the public key.
  var draftRepresentation: [UInt8] {
    get throws {
      component.isRSA
        ? try RSAKeyEncoding.rsaPublicKey(fromSubjectPublicKeyInfo: key.rawRepresentation)
        : key.rawRepresentation
    }
  }

  /// Whether `signature` is the component's valid signature of `message`.
  func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    key.isValidSignature(signature, for: message)
  }
}
