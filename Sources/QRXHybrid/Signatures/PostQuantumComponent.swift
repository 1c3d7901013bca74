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
  /// Falcon-512 (round-3 specification v1.2), private key the 1281-byte NIST encoding; it takes
  /// no context, so the composite label reaches it only inside M'.
  case falcon512 = "Falcon-512"

  /// Bytes of the private key inside a composite private key.
  public var privateKeyByteCount: Int {
    switch self {
    case .mldsa44, .mldsa65, .mldsa87: return 32
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.privateKeyByteCount
    case .falcon512: return Falcon512.privateKeyByteCount
    }
  }

  /// Bytes of the public key.
  public var publicKeyByteCount: Int {
    switch self {
    case .mldsa44: return MLDSA44.publicKeyByteCount
    case .mldsa65: return MLDSA65.publicKeyByteCount
    case .mldsa87: return MLDSA87.publicKeyByteCount
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.publicKeyByteCount
    case .falcon512: return Falcon512.publicKeyByteCount
    }
  }

  /// Bytes of a signature; for Falcon-512, whose signatures vary in length, the longest that
  /// verification accepts (752).
  public var signatureByteCount: Int {
    switch self {
    case .mldsa44: return MLDSA44.signatureByteCount
    case .mldsa65: return MLDSA65.signatureByteCount
    case .mldsa87: return MLDSA87.signatureByteCount
    case .slhdsaSHA2_128s: return SLHDSA_SHA2_128s.parameters.signatureByteCount
    case .falcon512: return Falcon512.maximumSignatureByteCount
    }
  }

  /// Whether every signature has exactly ``signatureByteCount`` bytes (false for Falcon).
  public var hasFixedSignatureLength: Bool { self != .falcon512 }

  /// The shortest signature the component's decoder can accept: Falcon's header byte, 40-byte
  /// nonce and a non-empty compressed s2 (specification v1.2, Section 3.11.6).
  var minimumSignatureByteCount: Int { hasFixedSignatureLength ? signatureByteCount : 1 + 40 + 1 }

  /// Whether signing has a deterministic variant (ML-DSA, SLH-DSA; Falcon signing is always randomized).
  public var supportsDeterministicSigning: Bool { self != .falcon512 }

  /// NIST security category.
  public var category: Int {
    switch self {
    case .mldsa44, .slhdsaSHA2_128s, .falcon512: return 1
    case .mldsa65: return 3
    case .mldsa87: return 5
    }
  }

  /// Bytes of the seed key generation takes (ξ for ML-DSA, the three seeds for SLH-DSA, the
  /// 32-byte SHAKE-256 seed of Falcon's seeded key generation).
  var keyGenerationSeedByteCount: Int {
    switch self {
    case .mldsa44, .mldsa65, .mldsa87, .falcon512: return 32
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
  case falcon512(Falcon512.PrivateKey)

  /// The key from its stored form in a composite private key (ξ, SLH-DSA's 4n bytes, or Falcon's
  /// NIST encoding, whose import recomputes G and checks the NTRU equation).
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
    case .falcon512:
      self = .falcon512(try privateKey.withUnsafeBytes { try Falcon512.PrivateKey(rawRepresentation: $0) })
    }
  }

  /// A key generated from `seed` (ξ for ML-DSA, FIPS 204 Algorithm 6; the three seeds for
  /// SLH-DSA, FIPS 205 Algorithm 18; Falcon specification v1.2, Algorithm 4 (NTRUGen) driven by SHAKE-256(seed)).
  init(_ component: PostQuantumSignatureComponent, keyGenerationSeed seed: SecretBytes) throws {
    switch component {
    case .mldsa44, .mldsa65, .mldsa87: try self.init(component, privateKey: seed)
    case .slhdsaSHA2_128s: self = .slhdsaSHA2_128s(try SLHDSA_SHA2_128s.PrivateKey(seedRepresentation: seed))
    case .falcon512: self = .falcon512(try Falcon512.PrivateKey(seedRepresentation: seed))
    }
  }

  /// The matching public key.
  var publicKey: PostQuantumVerifyingKey {
    switch self {
    case .mldsa44(let key): return .mldsa44(key.publicKey)
    case .mldsa65(let key): return .mldsa65(key.publicKey)
    case .mldsa87(let key): return .mldsa87(key.publicKey)
    case .slhdsaSHA2_128s(let key): return .slhdsaSHA2_128s(key.publicKey)
    case .falcon512(let key): return .falcon512(key.publicKey)
    }
  }

  /// ML-DSA.Sign (FIPS 204, Algorithm 2) or slh_sign (FIPS 205, Algorithm 22) of `message` with
  /// `context`; Falcon Sign (specification v1.2, Algorithm 10) of `message`, which has no context.
  /// Falcon refuses `deterministic` (callers check ``PostQuantumSignatureComponent/supportsDeterministicSigning``).
  func signature(for message: [UInt8], context: [UInt8], deterministic: Bool) throws -> [UInt8] {
    switch self {
    case .mldsa44(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .mldsa65(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .mldsa87(let key): return try key.signature(for: message, context: context, deterministic: deterministic)
    case .slhdsaSHA2_128s(let key):
      return deterministic
        ? try key.deterministicSignature(for: message, context: context)
        : try key.signature(for: message, context: context)
    case .falcon512(let key):
      guard !deterministic else { throw CompositeError.unsupported("Falcon-512 signing is always randomized") }
      return key.signature(for: message)
    }
  }

  /// Falcon Sign (specification v1.2, Algorithm 10) drawing the nonce and sampler seed from
  /// `randomSource`: only for reproducible test vectors. Nil for the other components.
  func falconSignature(for message: [UInt8], randomSource: some RandomSource) -> [UInt8]? {
    guard case .falcon512(let key) = self else { return nil }
    return key.signature(for: message, randomSource: randomSource)
  }
}

/// A post-quantum verifying key of one of the components.
enum PostQuantumVerifyingKey: Sendable {
  case mldsa44(MLDSA44.PublicKey)
  case mldsa65(MLDSA65.PublicKey)
  case mldsa87(MLDSA87.PublicKey)
  case slhdsaSHA2_128s(SLHDSA_SHA2_128s.PublicKey)
  case falcon512(Falcon512.PublicKey)

  /// The key from its standard encoding (pkEncode, PK.seed ‖ PK.root, or Falcon's `0x09 ‖ h`).
  init(_ component: PostQuantumSignatureComponent, rawRepresentation bytes: [UInt8]) throws {
    switch component {
    case .mldsa44: self = .mldsa44(try MLDSA44.PublicKey(rawRepresentation: bytes))
    case .mldsa65: self = .mldsa65(try MLDSA65.PublicKey(rawRepresentation: bytes))
    case .mldsa87: self = .mldsa87(try MLDSA87.PublicKey(rawRepresentation: bytes))
    case .slhdsaSHA2_128s: self = .slhdsaSHA2_128s(try SLHDSA_SHA2_128s.PublicKey(rawRepresentation: bytes))
    case .falcon512: self = .falcon512(try Falcon512.PublicKey(rawRepresentation: bytes))
    }
  }

  /// The standard encoding.
  var rawRepresentation: [UInt8] {
    switch self {
    case .mldsa44(let key): return key.rawRepresentation
    case .mldsa65(let key): return key.rawRepresentation
    case .mldsa87(let key): return key.rawRepresentation
    case .slhdsaSHA2_128s(let key): return key.rawRepresentation
    case .falcon512(let key): return key.rawRepresentation
    }
  }

  /// ML-DSA.Verify (FIPS 204, Algorithm 3), slh_verify (FIPS 205, Algorithm 24), or Falcon Verify
  /// (specification v1.2, Algorithm 16), which ignores `context`: the label is already in M'.
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8]) -> Bool {
    switch self {
    case .mldsa44(let key): return key.isValidSignature(signature, for: message, context: context)
    case .mldsa65(let key): return key.isValidSignature(signature, for: message, context: context)
    case .mldsa87(let key): return key.isValidSignature(signature, for: message, context: context)
    case .slhdsaSHA2_128s(let key): return key.isValidSignature(signature, for: message, context: context)
    case .falcon512(let key): return key.isValidSignature(signature, for: message)
    }
  }
}
