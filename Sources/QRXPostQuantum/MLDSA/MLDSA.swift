import QRXPrimitives

// The external algorithms of ML-DSA (FIPS 204, Section 5): the pure interface with a context
// string (Algorithms 2 and 3), HashML-DSA (Algorithms 4 and 5) and the external-μ interface,
// shared by the per-set namespaces `MLDSA44`, `MLDSA65` and `MLDSA87`.

/// A pre-hash function of HashML-DSA (FIPS 204, Section 5.4), named by its OID in the signed
/// message M'.
public enum MLDSAPreHash: String, Sendable, CaseIterable {
  /// SHA-224.
  case sha224
  /// SHA-256.
  case sha256
  /// SHA-384.
  case sha384
  /// SHA-512.
  case sha512
  /// SHA-512/224: digests must be supplied (`signature(forDigest:…)`); QRX does not compute it.
  case sha512_224 = "sha512-224"
  /// SHA-512/256: digests must be supplied (`signature(forDigest:…)`); QRX does not compute it.
  case sha512_256 = "sha512-256"
  /// SHA3-224.
  case sha3_224 = "sha3-224"
  /// SHA3-256.
  case sha3_256 = "sha3-256"
  /// SHA3-384.
  case sha3_384 = "sha3-384"
  /// SHA3-512.
  case sha3_512 = "sha3-512"
  /// SHAKE128 with 256 bits of output.
  case shake128
  /// SHAKE256 with 512 bits of output.
  case shake256

  /// The last arc of the function's OID under 2.16.840.1.101.3.4.2 (NIST's hash algorithms).
  var oidArc: UInt8 {
    switch self {
    case .sha256: return 1
    case .sha384: return 2
    case .sha512: return 3
    case .sha224: return 4
    case .sha512_224: return 5
    case .sha512_256: return 6
    case .sha3_224: return 7
    case .sha3_256: return 8
    case .sha3_384: return 9
    case .sha3_512: return 10
    case .shake128: return 11
    case .shake256: return 12
    }
  }

  /// The DER encoding of the function's OID, as HashML-DSA puts it into M' (FIPS 204, Algorithm 4).
  public var oid: [UInt8] { [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oidArc] }

  /// The length of the digest PH(M) in bytes.
  public var digestByteCount: Int {
    switch self {
    case .sha224, .sha512_224, .sha3_224: return 28
    case .sha256, .sha512_256, .sha3_256, .shake128: return 32
    case .sha384, .sha3_384: return 48
    case .sha512, .sha3_512, .shake256: return 64
    }
  }

  /// PH(M), or nil for the functions QRX does not compute (SHA-512/224 and SHA-512/256).
  func digest(_ message: [UInt8]) -> [UInt8]? {
    switch self {
    case .sha224: return SHA2.hash(.sha224, message)
    case .sha256: return SHA2.hash(.sha256, message)
    case .sha384: return SHA2.hash(.sha384, message)
    case .sha512: return SHA2.hash(.sha512, message)
    case .sha512_224, .sha512_256: return nil
    case .sha3_224: return SHA3_224.hash(message)
    case .sha3_256: return SHA3_256.hash(message)
    case .sha3_384: return SHA3_384.hash(message)
    case .sha3_512: return SHA3_512.hash(message)
    case .shake128: return SHAKE128.hash(message, outputLength: 32)
    case .shake256: return SHAKE256.hash(message, outputLength: 64)
    }
  }
}

/// The external interfaces, generic over the parameter set; the namespaces call these with a
/// concrete set, so they are specialized.
enum MLDSAOperations<P: MLDSAParameterSet> {
  /// A private key from ξ.
  static func privateKey(seed: SecretBytes) throws -> MLDSAPrivateKeyMaterial<P> {
    guard seed.count == 32 else { throw CryptoError.invalidKeySize(expected: "32", actual: seed.count) }
    return MLDSACore<P>.generateKey(seed: seed)
  }

  /// A private key from its expanded NIST encoding, checked.
  static func privateKey(expanded: SecretBytes) throws -> MLDSAPrivateKeyMaterial<P> {
    guard expanded.count == P.privateKeyByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(P.privateKeyByteCount)", actual: expanded.count)
    }
    do {
      return try expanded.withUnsafeBytes { try MLDSACore<P>.decodePrivateKey($0) }
    } catch MLDSAKeyFailure.privateKeyOutOfRange {
      throw CryptoError.invalidParameter("\(P.name) private key has an s1 or s2 coefficient outside [-η, η]")
    } catch {
      throw CryptoError.invalidParameter("\(P.name) private key is inconsistent: t0 or tr do not follow from ρ, s1, s2")
    }
  }

  /// A public key from pkEncode bytes.
  static func publicKey(raw: [UInt8]) throws -> MLDSAPublicKeyMaterial<P> {
    guard raw.count == P.publicKeyByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(P.publicKeyByteCount)", actual: raw.count)
    }
    return raw.withUnsafeBytes { MLDSACore<P>.decodePublicKey($0) }
  }

  /// The bytes of M' before the message: IntegerToBytes(0 or 1, 1) ‖ IntegerToBytes(|ctx|, 1) ‖ ctx
  /// (FIPS 204, Algorithm 2 line 10 and Algorithm 4 line 23), then the OID and PH(M) for HashML-DSA.
  static func messagePrefix(context: [UInt8], preHash: (MLDSAPreHash, [UInt8])?) throws -> [UInt8] {
    guard context.count <= 255 else {
      throw CryptoError.invalidLength(what: "context", expected: "at most 255", actual: context.count)
    }
    var prefix: [UInt8] = [preHash == nil ? 0 : 1, UInt8(context.count)] + context
    if let (function, digest) = preHash {
      guard digest.count == function.digestByteCount else {
        throw CryptoError.invalidLength(
          what: "\(function.rawValue) digest", expected: "\(function.digestByteCount)", actual: digest.count)
      }
      prefix += function.oid + digest
    }
    return prefix
  }

  /// PH(M) for HashML-DSA, or an error for the functions QRX does not compute.
  static func digest(_ message: [UInt8], with function: MLDSAPreHash) throws -> [UInt8] {
    guard let digest = function.digest(message) else {
      throw CryptoError.invalidParameter(
        "\(function.rawValue) pre-hashing needs a precomputed digest (signature(forDigest:preHash:context:))")
    }
    return digest
  }

  /// rnd: 32 fresh random bytes (hedged), or 32 zero bytes (deterministic) (FIPS 204, Algorithm 2 line 5).
  static func randomness(deterministic: Bool) -> SecretBytes {
    deterministic ? SecretBytes(zeroes: 32) : SystemRandom().secretBytes(count: 32)
  }

  /// ML-DSA.Sign / HashML-DSA.Sign (FIPS 204, Algorithms 2 and 4) given M' = prefix ‖ message.
  static func sign(
    _ key: MLDSAPrivateKeyMaterial<P>, prefix: [UInt8], message: [UInt8], rnd: SecretBytes
  ) -> [UInt8] {
    let mu = message.withUnsafeBytes { MLDSACore<P>.mu(tr: key.publicKey.tr, prefix: prefix, message: $0) }
    return signMu(key, mu: mu, rnd: rnd)
  }

  /// ML-DSA.Sign_internal (FIPS 204, Algorithm 7) from μ and rnd.
  static func signMu(_ key: MLDSAPrivateKeyMaterial<P>, mu: [UInt8], rnd: SecretBytes) -> [UInt8] {
    mu.withUnsafeBytes { m in rnd.withUnsafeBytes { r in MLDSACore<P>.sign(key, mu: m, rnd: r) } }
  }

  /// ML-DSA.Verify / HashML-DSA.Verify (FIPS 204, Algorithms 3 and 5) given M' = prefix ‖ message.
  static func verify(
    _ key: MLDSAPublicKeyMaterial<P>, signature: [UInt8], prefix: [UInt8], message: [UInt8]
  ) -> Bool {
    let mu = message.withUnsafeBytes { MLDSACore<P>.mu(tr: key.tr, prefix: prefix, message: $0) }
    return verifyMu(key, signature: signature, mu: mu)
  }

  /// ML-DSA.Verify_internal (FIPS 204, Algorithm 8) from μ.
  static func verifyMu(_ key: MLDSAPublicKeyMaterial<P>, signature: [UInt8], mu: [UInt8]) -> Bool {
    mu.withUnsafeBytes { m in signature.withUnsafeBytes { s in MLDSACore<P>.verify(key, mu: m, signature: s) } }
  }
}
