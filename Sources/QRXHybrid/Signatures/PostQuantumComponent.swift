import QRXPostQuantum
import QRXPrimitives

/// The post-quantum half of a composite signature.
public enum PostQuantumSignatureComponent: String, Sendable, CaseIterable {
  /// ML-DSA-44 (FIPS 204), private key the 32-byte seed ξ.
  case mldsa44 = "ML-DSA-44"
  /// ML-DSA-65 (FIPS 204), private key the 32-byte seed ξ.
  case mldsa65 = "ML-DSA-65"
  /// ML-DSA-87 (FIPS 204), private key the 32-byte seed ξ.
  case mldsa87 = "ML-DSA-87"
  /// SLH-DSA-SHA2-128s (FIPS 205), private key the 64-byte SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root.
  case slhdsaSHA2_128s = "SLH-DSA-SHA2-128s"

  /// Bytes of the private key inside a composite private key.
  public var privateKeyByteCount: Int {
    switch self {
    case .mldsa44, .mldsa65, .mldsa87: return 32
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.privateKeyByteCount
    }
  }

  /// Bytes of the public key.
  public var publicKeyByteCount: Int {
    switch self {
    case .mldsa44: return MLDSA44.publicKeyByteCount
    case .mldsa65: return MLDSA65.publicKeyByteCount
    case .mldsa87: return MLDSA87.publicKeyByteCount
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.publicKeyByteCount
    }
  }

  /// Bytes of a signature.
  public var signatureByteCount: Int {
    switch self {
    case .mldsa44: return MLDSA44.signatureByteCount
    case .mldsa65: return MLDSA65.signatureByteCount
    case .mldsa87: return MLDSA87.signatureByteCount
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.signatureByteCount
    }
  }

  /// NIST security category.
  public var category: Int {
    switch self {
    case .mldsa44, .slhdsaSHA2_128s: return 1
    case .mldsa65: return 3
    case .mldsa87: return 5
    }
  }

  /// Bytes of the seed key generation takes (ξ for ML-DSA, the three seeds for SLH-DSA).
  var keyGenerationSeedByteCount: Int {
    switch self {
    case .mldsa44, .mldsa65, .mldsa87: return 32
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.seedByteCount
    }
  }
}

/// A post-quantum signing key of one of the components.
enum PostQuantumSigningKey: Sendable {
  case mldsa44(MLDSA44.PrivateKey)
  case mldsa65(MLDSA65.PrivateKey)
  case mldsa87(MLDSA87.PrivateKey)
  case slhdsaSHA2_128s(SLHDSA_SHA2_128s.PrivateKey)

  /// The key from its stored form in a composite private key (ξ, or SLH-DSA's 4n bytes).
  init(_ component: PostQuantumSignatureComponent, privateKey: SecretBytes) throws {
    guard privateKey.count == component.privateKeyByteCount else {
      throw CompositeError.invalidPrivateKey(
        algorithm: component.rawValue,
        reason: "expected \(component.privateKeyByteCount) bytes, got \(privateKey.count)")
    }
    switch component {
    case .mldsa44: self = .mldsa44(try MLDSA44.PrivateKey(seedRepresentation: privateKey))
    case .mldsa65: self = .mldsa65(try MLDSA65.PrivateKey(seedRepresentation: privateKey))
    case .mldsa87: self = .mldsa87(try MLDSA87.PrivateKey(seedRepresentation: privateKey))
    case .slhdsaSHA2_128s: self = .slhdsaSHA2_128s(try SLHDSA_SHA2_128s.PrivateKey(rawRepresentation: privateKey))
    }
  }

  /// A key generated from `seed` (ξ for ML-DSA, FIPS 204 Algorithm 6; the three seeds for
  /// SLH-DSA, FIPS 205 Algorithm 18).
  init(_ component: PostQuantumSignatureComponent, keyGenerationSeed seed: SecretBytes) throws {
    switch component {
    case .mldsa44, .mldsa65, .mldsa87: try self.init(component, privateKey: seed)
    case .slhdsaSHA2_128s: self = .slhdsaSHA2_128s(try SLHDSA_SHA2_128s.PrivateKey(seedRepresentation: seed))
    }
  }

  /// The matching public key.
  var publicKey: PostQuantumVerifyingKey {
    switch self {
    case .mldsa44(let key): return .mldsa44(key.publicKey)
    case .mldsa65(let key): return .mldsa65(key.publicKey)
    case .mldsa87(let key): return .mldsa87(key.publicKey)
    case .slhdsaSHA2_128s(let key): return .slhdsaSHA2_128s(key.publicKey)
    }
  }

  /// ML-DSA.Sign (FIPS 204, Algorithm 2) or slh_sign (FIPS 205, Algorithm 22) of `message` with `context`.
  func signature(for message: [UInt8], context: [UInt8], deterministic: Bool) throws -> [UInt8] {
    switch self {
    case .mldsa44(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .mldsa65(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .mldsa87(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .slhdsaSHA2_128s(let key):
      return deterministic
        ? try key.deterministicSignature(for: message, context: context)
        : try key.signature(for: message, context: context)
    }
  }
}

/// A post-quantum verifying key of one of the components.
enum PostQuantumVerifyingKey: Sendable {
  case mldsa44(MLDSA44.PublicKey)
  case mldsa65(MLDSA65.PublicKey)
  case mldsa87(MLDSA87.PublicKey)
  case slhdsaSHA2_128s(SLHDSA_SHA2_128s.PublicKey)

  /// The key from its standard encoding (pkEncode, or PK.seed ‖ PK.root).
  init(_ component: PostQuantumSignatureComponent, rawRepresentation bytes: [UInt8]) throws {
    switch component {
    case .mldsa44: self = .mldsa44(try MLDSA44.PublicKey(rawRepresentation: bytes))
    case .mldsa65: self = .mldsa65(try MLDSA65.PublicKey(rawRepresentation: bytes))
    case .mldsa87: self = .mldsa87(try MLDSA87.PublicKey(rawRepresentation: bytes))
    case .slhdsaSHA2_128s: self = .slhdsaSHA2_128s(try SLHDSA_SHA2_128s.PublicKey(rawRepresentation: bytes))
    }
  }

  /// The standard encoding.
  var rawRepresentation: [UInt8] {
    switch self {
    case .mldsa44(let key): return key.rawRepresentation
    case .mldsa65(let key): return key.rawRepresentation
    case .mldsa87(let key): return key.rawRepresentation
    case .slhdsaSHA2_128s(let key): return key.rawRepresentation
    }
  }

  /// ML-DSA.Verify (FIPS 204, Algorithm 3) or slh_verify (FIPS 205, Algorithm 24).
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8]) -> Bool {
    switch self {
    case .mldsa44(let key): return key.isValidSignature(signature, for: message, context: context)
    case .mldsa65(let key): return key.isValidSignature(signature, for: message, context: context)
    case .mldsa87(let key): return key.isValidSignature(signature, for: message, context: context)
    case .slhdsaSHA2_128s(let key): return key.isValidSignature(signature, for: message, context: context)
    }
  }
}
