import QRXPrimitives

// ML-DSA-87 end to end. Generated from MLDSA87.swift by scripts/dev/gen_mldsa_sets.py: do not edit.

/// ML-DSA-87 (FIPS 204, security category 5): key generation from a 32-byte seed ξ, hedged or
/// deterministic signing with a context string, HashML-DSA, and signing and verifying from μ.
public enum MLDSA87 {
  typealias Parameters = MLDSA87Parameters
  typealias Operations = MLDSAOperations<Parameters>

  /// The algorithm's name on the wire.
  public static let name = "ML-DSA-87"
  /// Bytes of the seed ξ, the stored form of a private key.
  public static let seedByteCount = 32
  /// Bytes of an encoded public key.
  public static var publicKeyByteCount: Int { Parameters.publicKeyByteCount }
  /// Bytes of an expanded (NIST) private key.
  public static var expandedPrivateKeyByteCount: Int { Parameters.privateKeyByteCount }
  /// Bytes of a signature.
  public static var signatureByteCount: Int { Parameters.signatureByteCount }

  /// An ML-DSA-87 private key, expanded once for signing; its secrets are zeroed on release and
  /// never printed.
  public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let material: MLDSAPrivateKeyMaterial<Parameters>

    /// A new random private key, from 32 bytes of system randomness.
    public init() throws {
      material = try Operations.privateKey(seed: SystemRandom().secretBytes(count: 32))
    }

    /// The private key with seed ξ (FIPS 204, Algorithm 6). Throws unless `seedRepresentation` has 32 bytes.
    public init(seedRepresentation: SecretBytes) throws {
      material = try Operations.privateKey(seed: seedRepresentation)
    }

    /// The private key with seed ξ. Throws unless `seedRepresentation` has 32 bytes.
    public init(seedRepresentation: [UInt8]) throws {
      try self.init(seedRepresentation: SecretBytes(seedRepresentation))
    }

    /// A private key in the expanded NIST encoding (FIPS 204, Algorithm 24). Throws on a wrong
    /// length, an s1 or s2 coefficient outside [−η, η], or t0 or tr that do not follow from ρ, s1, s2.
    public init(expandedRepresentation: SecretBytes) throws {
      material = try Operations.privateKey(expanded: expandedRepresentation)
    }

    /// A private key in the expanded NIST encoding, checked as ``init(expandedRepresentation:)-(SecretBytes)``.
    public init(expandedRepresentation: [UInt8]) throws {
      try self.init(expandedRepresentation: SecretBytes(expandedRepresentation))
    }

    /// A description that names the algorithm and nothing secret.
    public var description: String { "MLDSA87.PrivateKey(redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// No children, so that `dump` and the debugger show nothing secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The seed ξ: the stored form. Nil for a key imported from the expanded encoding.
    public var seedRepresentation: SecretBytes? { material.seed }

    /// The expanded NIST encoding skEncode(ρ, K, tr, s1, s2, t0).
    public var expandedRepresentation: SecretBytes { material.encoded }

    /// The matching public key.
    public var publicKey: PublicKey { PublicKey(material: material.publicKey) }

    /// A hedged signature of `message` with `context` (at most 255 bytes) (FIPS 204, Algorithm 2).
    public func signature(for message: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
      try signature(for: message, context: context, deterministic: false)
    }

    /// A deterministic signature of `message` with `context` (FIPS 204, Algorithm 2 with rnd = 0^32).
    public func deterministicSignature(for message: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
      try signature(for: message, context: context, deterministic: true)
    }

    /// A signature of `message` with `context`, hedged unless `deterministic` (FIPS 204, Algorithm 2).
    public func signature(for message: [UInt8], context: [UInt8], deterministic: Bool) throws -> [UInt8] {
      let prefix = try Operations.messagePrefix(context: context, preHash: nil)
      return Operations.sign(
        material, prefix: prefix, message: message, rnd: Operations.randomness(deterministic: deterministic))
    }

    /// A HashML-DSA signature of `message` pre-hashed with `preHash` (FIPS 204, Algorithm 4).
    /// SHA-512/224 and SHA-512/256 need ``signature(forDigest:preHash:context:deterministic:)``.
    public func signature(
      for message: [UInt8], context: [UInt8] = [], preHash: MLDSAPreHash, deterministic: Bool = false
    ) throws -> [UInt8] {
      try signature(
        forDigest: Operations.digest(message, with: preHash), preHash: preHash, context: context,
        deterministic: deterministic)
    }

    /// A HashML-DSA signature given the digest PH(M) computed with `preHash` (FIPS 204, Algorithm 4).
    public func signature(
      forDigest digest: [UInt8], preHash: MLDSAPreHash, context: [UInt8] = [], deterministic: Bool = false
    ) throws -> [UInt8] {
      let prefix = try Operations.messagePrefix(context: context, preHash: (preHash, digest))
      return Operations.sign(
        material, prefix: prefix, message: [], rnd: Operations.randomness(deterministic: deterministic))
    }

    /// A signature of the 64-byte message representative μ computed elsewhere (FIPS 204,
    /// Algorithm 7 with external μ; see ``PublicKey/mu(for:context:)``).
    public func signature(forMu mu: [UInt8], deterministic: Bool = false) throws -> [UInt8] {
      guard mu.count == 64 else { throw CryptoError.invalidLength(what: "μ", expected: "64", actual: mu.count) }
      return Operations.signMu(material, mu: mu, rnd: Operations.randomness(deterministic: deterministic))
    }

    /// Testing only: ML-DSA.Sign_internal (FIPS 204, Algorithm 7) of M' = `message` as given, with `rnd`.
    func testingOnlySignatureInternal(message: [UInt8], rnd: [UInt8]) -> [UInt8] {
      Operations.sign(material, prefix: [], message: message, rnd: SecretBytes(rnd))
    }

    /// Testing only: ML-DSA.Sign (FIPS 204, Algorithm 2) with a given `rnd`.
    func testingOnlySignature(for message: [UInt8], context: [UInt8], rnd: [UInt8]) throws -> [UInt8] {
      let prefix = try Operations.messagePrefix(context: context, preHash: nil)
      return Operations.sign(material, prefix: prefix, message: message, rnd: SecretBytes(rnd))
    }

    /// Testing only: HashML-DSA.Sign (FIPS 204, Algorithm 4) of a digest with a given `rnd`.
    func testingOnlySignature(
      forDigest digest: [UInt8], preHash: MLDSAPreHash, context: [UInt8], rnd: [UInt8]
    ) throws -> [UInt8] {
      let prefix = try Operations.messagePrefix(context: context, preHash: (preHash, digest))
      return Operations.sign(material, prefix: prefix, message: [], rnd: SecretBytes(rnd))
    }

    /// Testing only: ML-DSA.Sign_internal (FIPS 204, Algorithm 7) from μ with a given `rnd`.
    func testingOnlySignature(forMu mu: [UInt8], rnd: [UInt8]) -> [UInt8] {
      Operations.signMu(material, mu: mu, rnd: SecretBytes(rnd))
    }
  }

  /// An ML-DSA-87 public key, expanded once for verification.
  public struct PublicKey: Sendable {
    let material: MLDSAPublicKeyMaterial<Parameters>

    init(material: MLDSAPublicKeyMaterial<Parameters>) {
      self.material = material
    }

    /// A public key from its encoding pkEncode(ρ, t1) (FIPS 204, Algorithm 22). Throws on a wrong length.
    public init(rawRepresentation: [UInt8]) throws {
      material = try Operations.publicKey(raw: rawRepresentation)
    }

    /// The encoding pkEncode(ρ, t1).
    public var rawRepresentation: [UInt8] { material.encoded }

    /// Whether `signature` is valid for `message` and `context` (FIPS 204, Algorithm 3). False for a
    /// malformed signature or a context longer than 255 bytes.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8] = []) -> Bool {
      guard let prefix = try? Operations.messagePrefix(context: context, preHash: nil) else { return false }
      return Operations.verify(material, signature: signature, prefix: prefix, message: message)
    }

    /// Whether `signature` is a valid HashML-DSA signature of `message` (FIPS 204, Algorithm 5).
    public func isValidSignature(
      _ signature: [UInt8], for message: [UInt8], context: [UInt8] = [], preHash: MLDSAPreHash
    ) -> Bool {
      guard let digest = preHash.digest(message) else { return false }
      return isValidSignature(signature, forDigest: digest, preHash: preHash, context: context)
    }

    /// Whether `signature` is a valid HashML-DSA signature of the digest PH(M) (FIPS 204, Algorithm 5).
    public func isValidSignature(
      _ signature: [UInt8], forDigest digest: [UInt8], preHash: MLDSAPreHash, context: [UInt8] = []
    ) -> Bool {
      guard let prefix = try? Operations.messagePrefix(context: context, preHash: (preHash, digest)) else {
        return false
      }
      return Operations.verify(material, signature: signature, prefix: prefix, message: [])
    }

    /// Whether `signature` is valid for the 64-byte message representative μ (FIPS 204, Algorithm 8).
    public func isValidSignature(_ signature: [UInt8], forMu mu: [UInt8]) -> Bool {
      Operations.verifyMu(material, signature: signature, mu: mu)
    }

    /// μ = H(tr ‖ M', 64) for the pure interface, to sign elsewhere with ``PrivateKey/signature(forMu:deterministic:)``.
    public func mu(for message: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
      let prefix = try Operations.messagePrefix(context: context, preHash: nil)
      return message.withUnsafeBytes { MLDSACore<Parameters>.mu(tr: material.tr, prefix: prefix, message: $0) }
    }

    /// Testing only: ML-DSA.Verify_internal (FIPS 204, Algorithm 8) of M' = `message` as given.
    func testingOnlyIsValidSignatureInternal(_ signature: [UInt8], message: [UInt8]) -> Bool {
      Operations.verify(material, signature: signature, prefix: [], message: message)
    }
  }
}
