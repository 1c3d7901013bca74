import QRXClassical
import QRXHybrid
import QRXPostQuantum
import QRXPrimitives

// Where the key manager meets the algorithm layers (QRXClassical for classical keys, QRXHybrid for
// composite keys; KEMAdapter.swift for key-encapsulation keys): everything else in QRXKeys sees a
// `ManagedAlgorithm`. The stored
// private key is the algorithm's own seed form (DESIGN.md decision 2); for composite keys it is the
// draft's private key encoding, post-quantum private key ‖ traditional private key (Section 5.2).

/// A signature algorithm or KEM whose keys the key manager holds.
public struct ManagedAlgorithm: Sendable, Hashable, CustomStringConvertible {
  enum Kind: Hashable {
    case classical(ClassicalKind)
    case composite(CompositeSignatureAlgorithm)
    case kem(ManagedKEM)
  }

  enum ClassicalKind: String, CaseIterable {
    case ed25519 = "Ed25519"
    case ed448 = "Ed448"
    case ecdsaP256 = "ECDSA-P256"
    case ecdsaP384 = "ECDSA-P384"
    case ecdsaP521 = "ECDSA-P521"
    case secp256k1ECDSA = "secp256k1-ECDSA"
    case secp256k1Schnorr = "secp256k1-Schnorr"
  }

  let kind: Kind

  /// The wire name (`Ed25519`, `MLDSA65-Ed25519-SHA512`).
  public var name: String {
    switch kind {
    case .classical(let c): return c.rawValue
    case .composite(let c): return c.name
    case .kem(let k): return k.rawValue
    }
  }

  /// The name.
  public var description: String { name }

  /// Whether keys of this algorithm are hybrid (composite classical + post-quantum).
  public var isHybrid: Bool {
    switch kind {
    case .classical: return false
    case .composite: return true
    case .kem(let k): return k.isHybrid
    }
  }

  /// Whether this is a key-encapsulation mechanism (keys that decrypt, never sign).
  public var isKEM: Bool { kemKind != nil }

  /// The KEM, if this is one.
  var kemKind: ManagedKEM? {
    if case .kem(let k) = kind { return k }
    return nil
  }

  /// The algorithm named `name` (case-insensitive), or nil if the key manager does not hold it.
  public static func named(_ name: String) -> ManagedAlgorithm? {
    let wanted = name.lowercased()
    if let c = ClassicalKind.allCases.first(where: { $0.rawValue.lowercased() == wanted }) {
      return ManagedAlgorithm(kind: .classical(c))
    }
    if let k = ManagedKEM.allCases.first(where: { $0.rawValue.lowercased() == wanted }) {
      return ManagedAlgorithm(kind: .kem(k))
    }
    return CompositeSignatureAlgorithm.named(name).map { ManagedAlgorithm(kind: .composite($0)) }
  }

  /// Every algorithm the key manager holds.
  public static var all: [ManagedAlgorithm] {
    ClassicalKind.allCases.map { ManagedAlgorithm(kind: .classical($0)) }
      + CompositeSignatureAlgorithm.all.map { ManagedAlgorithm(kind: .composite($0)) }
      + ManagedKEM.allCases.map { ManagedAlgorithm(kind: .kem($0)) }
  }

  // MARK: Operations

  /// A fresh key pair: the stored private key and the raw public key.
  func generate() throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    switch kind {
    case .classical(let c):
      return try c.withType { type in try Self.generateClassical(type) }
    case .composite(let algorithm):
      let key = try CompositeSignature.PrivateKey(algorithm: algorithm)
      return (try key.rawRepresentation, try key.publicKey.rawRepresentation)
    case .kem(let k):
      return try k.generate()
    }
  }

  /// The public key of a stored private key; a malformed private key throws.
  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    switch kind {
    case .classical(let c):
      return try c.withType { type in try Self.classicalPublicKey(type, privateKey) }
    case .composite(let algorithm):
      return try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: privateKey).publicKey
        .rawRepresentation
    case .kem(let k):
      return try k.publicKey(fromPrivateKey: privateKey)
    }
  }

  /// Signs `message` (composites: with an empty context).
  func sign(privateKey: SecretBytes, message: [UInt8]) throws -> [UInt8] {
    switch kind {
    case .classical(let c):
      return try c.withType { type in try Self.classicalSign(type, privateKey, message) }
    case .composite(let algorithm):
      return try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: privateKey)
        .signature(for: message)
    case .kem(let k):
      throw KeyManagerError.unsupportedOperation(
        "\(k.rawValue) is a key-encapsulation mechanism: it decrypts, it does not sign")
    }
  }

  /// Whether `signature` is valid; composites require both halves. Malformed input is `false`.
  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
    switch kind {
    case .classical(let c):
      return c.withType { type in Self.classicalVerify(type, publicKey, message, signature) }
    case .composite(let algorithm):
      guard let key = try? CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: publicKey) else {
        return false
      }
      return key.isValidSignature(signature, for: message)
    case .kem:
      return false
    }
  }

  /// For a composite: whether the post-quantum half of `signature` alone verifies over
  /// M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M) with ctx = Label (draft-ietf-lamps-pq-composite-sigs-19,
  /// Section 4.3, step 4). Nil for a classical algorithm.
  func verifyPostQuantumComponent(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool? {
    guard case .composite(let algorithm) = kind else { return nil }
    let pq = algorithm.postQuantum
    guard publicKey.count > pq.publicKeyByteCount, let halves = try? algorithm.splitSignature(signature),
      let mPrime = try? algorithm.messageRepresentative(for: message, context: [])
    else { return false }
    let pk = Array(publicKey[..<pq.publicKeyByteCount])
    let sig = Array(halves.postQuantum)
    let ctx = algorithm.labelBytes
    switch pq {
    case .mldsa44:
      return (try? MLDSA44.PublicKey(rawRepresentation: pk))?.isValidSignature(sig, for: mPrime, context: ctx) ?? false
    case .mldsa65:
      return (try? MLDSA65.PublicKey(rawRepresentation: pk))?.isValidSignature(sig, for: mPrime, context: ctx) ?? false
    case .mldsa87:
      return (try? MLDSA87.PublicKey(rawRepresentation: pk))?.isValidSignature(sig, for: mPrime, context: ctx) ?? false
    case .slhdsaSHA2_128s:
      return (try? SLHDSA_SHA2_128s.PublicKey(rawRepresentation: pk))?.isValidSignature(sig, for: mPrime, context: ctx)
        ?? false
    case .falcon512:
      // Falcon has no context string: it signs M', which already carries the label (docs/FORMATS.md).
      return (try? Falcon512.PublicKey(rawRepresentation: pk))?.isValidSignature(sig, for: mPrime) ?? false
    }
  }

  // MARK: Migration

  /// The name of the classical algorithm of a composite (its traditional component).
  var classicalComponentName: String? {
    if case .kem(let k) = kind { return k.classicalComponentName }
    guard case .composite(let algorithm) = kind else { return nil }
    return algorithm.traditional.rawValue
  }

  /// The name of the post-quantum algorithm of a composite.
  var postQuantumComponentName: String? {
    if case .kem(let k) = kind { return k.postQuantumComponentName }
    guard case .composite(let algorithm) = kind else { return nil }
    return algorithm.postQuantum.rawValue
  }

  /// The composite that keeps a key of `classical` and adds `postQuantum` (`ML-DSA-65`,
  /// `ML-DSA-87`, `SLH-DSA-SHA2-128s`), if one exists.
  static func composite(keeping classical: ManagedAlgorithm, adding postQuantum: String) -> ManagedAlgorithm? {
    guard case .classical(let c) = classical.kind else { return nil }
    return CompositeSignatureAlgorithm.all.first {
      $0.traditional.rawValue == c.rawValue && $0.postQuantum.rawValue == postQuantum
    }.map { ManagedAlgorithm(kind: .composite($0)) }
  }

  /// ML-DSA parameter sets, weakest first (FIPS 204, Table 1: categories 2, 3, 5).
  static let mldsaByStrength = ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"]

  /// The composite a migration moves a `classical` key to when the policy asks for `postQuantum`:
  /// that pairing if it exists, otherwise the next stronger ML-DSA that has one (65 → 87), never a
  /// weaker one. Any other post-quantum algorithm (SLH-DSA) is taken as is: a policy that asks for
  /// a hash-based scheme never gets a lattice one instead. Throws the reason when none exists.
  static func migrationComposite(
    keeping classical: ManagedAlgorithm, preferring postQuantum: String
  ) throws(MigrationTargetError) -> ManagedAlgorithm {
    var candidates = [postQuantum]
    if let level = mldsaByStrength.firstIndex(of: postQuantum) {
      candidates = Array(mldsaByStrength[level...])
    }
    for candidate in candidates {
      if let composite = composite(keeping: classical, adding: candidate) { return composite }
    }
    throw MigrationTargetError(classical: classical.name, postQuantum: candidates)
  }

  /// What a hybrid key's metadata records as its construction (`composite_draft`): the draft
  /// revision for the draft's algorithms; for QRX combinations, that they follow its construction
  /// under a QRX label without an OID. Nil for classical algorithms.
  var compositeConstruction: String? {
    if case .kem(let k) = kind { return k.isHybrid ? "draft-connolly-cfrg-xwing-kem" : nil }
    guard case .composite(let algorithm) = kind else { return nil }
    let draft = CompositeSignatureAlgorithm.draftRevision
    return algorithm.isDraftAlgorithm ? draft : "QRX composite: construction of \(draft), QRX label, no OID"
  }

  /// A composite key of this (composite) algorithm whose classical half is `classicalPrivateKey`
  /// (the classical key's stored form) and whose post-quantum half is fresh, with a signer
  /// that reuses the expanded key (one ML-DSA key expansion per migrated key).
  func hybridKey(keeping classicalPrivateKey: SecretBytes) throws -> HybridKeyPair {
    guard case .composite(let algorithm) = kind else {
      throw CompositeError.unsupported("\(name) is not a composite algorithm")
    }
    // Section 5.2: the traditional private key in the draft's encoding (ECPrivateKey DER for the
    // NIST curves, whose stored form is the bare scalar; the stored form itself otherwise).
    let traditionalPrivateKey = try algorithm.traditional.draftPrivateKey(
      fromLibraryRepresentation: classicalPrivateKey)
    let split = algorithm.postQuantum.privateKeyByteCount
    let postQuantumPrivateKey: SecretBytes
    switch algorithm.postQuantum {
    case .mldsa44, .mldsa65, .mldsa87:
      // FIPS 204, Algorithm 1 (ML-DSA.KeyGen), step 1: ξ ← B^32; the stored private key is ξ.
      postQuantumPrivateKey = SystemRandom().secretBytes(count: split)
    case .slhdsaSHA2_128s, .falcon512:
      // A fresh composite supplies the post-quantum private key: SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root
      // (FIPS 205, Algorithm 21), or Falcon's NIST private-key encoding.
      let fresh = try CompositeSignature.PrivateKey(algorithm: algorithm).rawRepresentation
      postQuantumPrivateKey = fresh.withUnsafeBytes { SecretBytes($0[0..<split]) }
    }
    let combined = SecretBytes(count: split + traditionalPrivateKey.count) { out in
      postQuantumPrivateKey.withUnsafeBytes { out.copyMemory(from: $0) }
      traditionalPrivateKey.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[split...]).copyMemory(from: $0)
      }
    }
    let key = try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: combined)
    return HybridKeyPair(privateKey: combined, publicKey: try key.publicKey.rawRepresentation, key: key)
  }

  private static func classicalPublicKey<A: ClassicalSignatureAlgorithm>(
    _: A.Type, _ privateKey: SecretBytes
  ) throws
    -> [UInt8]
  {
    try A.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation
  }

  private static func classicalSign<A: ClassicalSignatureAlgorithm>(
    _: A.Type, _ privateKey: SecretBytes, _ message: [UInt8]
  ) throws -> [UInt8] {
    try A.PrivateKey(rawRepresentation: privateKey).signature(for: message)
  }

  private static func classicalVerify<A: ClassicalSignatureAlgorithm>(
    _: A.Type, _ publicKey: [UInt8], _ message: [UInt8], _ signature: [UInt8]
  ) -> Bool {
    guard let key = try? A.PublicKey(rawRepresentation: publicKey) else { return false }
    return key.isValidSignature(signature, for: message)
  }

  private static func generateClassical<A: ClassicalSignatureAlgorithm>(
    _: A.Type
  ) throws
    -> (privateKey: SecretBytes, publicKey: [UInt8])
  {
    let key = try A.PrivateKey()
    return (key.rawRepresentation, key.publicKey.rawRepresentation)
  }
}

/// A composite key made by ``ManagedAlgorithm/hybridKey(keeping:)``.
struct HybridKeyPair: Sendable {
  /// The stored form (post-quantum private key ‖ traditional private key).
  let privateKey: SecretBytes
  /// The composite public key.
  let publicKey: [UInt8]
  let key: CompositeSignature.PrivateKey

  /// A composite signature of `message` (empty context).
  func sign(_ message: [UInt8]) throws -> [UInt8] { try key.signature(for: message) }
}

extension ManagedAlgorithm.ClassicalKind {
  func withType<R>(_ body: (any ClassicalSignatureAlgorithm.Type) throws -> R) rethrows -> R {
    switch self {
    case .ed25519: return try body(Ed25519.self)
    case .ed448: return try body(Ed448.self)
    case .ecdsaP256: return try body(ECDSA<P256>.self)
    case .ecdsaP384: return try body(ECDSA<P384>.self)
    case .ecdsaP521: return try body(ECDSA<P521>.self)
    case .secp256k1ECDSA: return try body(Secp256k1.ECDSA.self)
    case .secp256k1Schnorr: return try body(Secp256k1.Schnorr.self)
    }
  }
}

/// Why no composite can take a classical key under the migration policy.
struct MigrationTargetError: Error, Sendable, CustomStringConvertible {
  /// The classical key's algorithm.
  let classical: String
  /// The post-quantum algorithms tried, in order.
  let postQuantum: [String]

  var description: String {
    let tried = postQuantum.joined(separator: " or ")
    if postQuantum.allSatisfy(ManagedAlgorithm.mldsaByStrength.contains) {
      return "no composite pairs \(classical) with \(tried)"
    }
    return "no composite pairs \(classical) with \(tried) (the policy asks for \(tried); no fallback to ML-DSA)"
  }
}
