import Foundation
import QRXPrimitives

/// When a hybrid key should be replaced.
public struct RotationPolicy: Sendable, Codable, Hashable {
  /// Seconds after creation at which the key should be rotated.
  public var rotateAfter: Int
  /// Seconds after creation after which the key must no longer sign.
  public var expireAfter: Int

  /// A policy with the given ages, in seconds.
  public init(rotateAfter: Int, expireAfter: Int) {
    self.rotateAfter = rotateAfter
    self.expireAfter = expireAfter
  }

  /// 90 days to rotation, 180 days to expiry.
  public static let standard = RotationPolicy(rotateAfter: 90 * 86_400, expireAfter: 180 * 86_400)

  /// Whether a key created at `createdAt` is due for rotation at `now`.
  public func isRotationDue(createdAt: Date, now: Date) -> Bool {
    now.timeIntervalSince(createdAt) >= Double(rotateAfter)
  }

  /// Whether a key created at `createdAt` has expired at `now`.
  public func isExpired(createdAt: Date, now: Date) -> Bool {
    now.timeIntervalSince(createdAt) >= Double(expireAfter)
  }
}

/// The metadata every hybrid key carries.
public struct HybridKeyMetadata: Sendable, Codable, Hashable {
  /// The composite algorithm's wire name.
  public let algorithm: String
  /// The classical component (`Ed25519`, `ECDSA-P256` …).
  public let classicalAlgorithm: String
  /// The post-quantum component (`ML-DSA-65` …).
  public let postQuantumAlgorithm: String
  /// The key identifier: hex of the first 16 bytes of SHA-256 over the composite public key.
  public let keyID: String
  /// Creation time.
  public let createdAt: Date
  /// Rotation policy.
  public let rotation: RotationPolicy
  /// The composite draft revision the construction follows.
  public let draftRevision: String
}

/// A hybrid signing key of the original plan: a classical and a post-quantum key pair used
/// together as one composite key, with metadata. Signing produces a ``HybridSignature`` that
/// verifies only when both halves do.
public struct HybridKey: Sendable, CustomStringConvertible {
  /// The composite private key.
  public let privateKey: CompositeSignature.PrivateKey
  /// The metadata.
  public let metadata: HybridKeyMetadata

  /// A fresh key of `algorithm`.
  public init(
    algorithm: CompositeSignatureAlgorithm, createdAt: Date = Date(), rotation: RotationPolicy = .standard
  ) throws {
    try self.init(
      privateKey: CompositeSignature.PrivateKey(algorithm: algorithm), createdAt: createdAt, rotation: rotation)
  }

  /// A hybrid key around an existing composite private key.
  public init(privateKey: CompositeSignature.PrivateKey, createdAt: Date, rotation: RotationPolicy = .standard) throws {
    self.privateKey = privateKey
    let algorithm = privateKey.algorithm
    metadata = HybridKeyMetadata(
      algorithm: algorithm.name, classicalAlgorithm: algorithm.traditional.rawValue,
      postQuantumAlgorithm: algorithm.postQuantum.rawValue,
      keyID: try HybridPublicKey.keyID(for: privateKey.publicKey), createdAt: createdAt, rotation: rotation,
      draftRevision: CompositeSignatureAlgorithm.draftRevision)
  }

  /// The composite algorithm.
  public var algorithm: CompositeSignatureAlgorithm { privateKey.algorithm }

  /// The public half with the same metadata.
  public var publicKey: HybridPublicKey { HybridPublicKey(key: privateKey.publicKey, metadata: metadata) }

  /// A hybrid signature of `message` (Composite-ML-DSA.Sign, Section 4.2 of the draft).
  public func signature(
    for message: [UInt8], context: [UInt8] = [], deterministic: Bool = false
  ) throws
    -> HybridSignature
  {
    let raw = try privateKey.signature(for: message, context: context, deterministic: deterministic)
    return try HybridSignature(algorithm: algorithm, keyID: metadata.keyID, rawRepresentation: raw)
  }

  /// The JSON envelope of the private key: metadata and the draft's raw private key (base64url).
  /// The text holds the secret: keep it in a sealed store.
  public func jsonEnvelope() throws -> SecretBytes {
    var raw = try privateKey.rawRepresentation.copyBytes()
    defer { SecretBytes.wipe(&raw) }
    var json = try HybridEnvelope.encode(metadata: metadata, type: "hybrid-private-key", key: raw)
    defer { SecretBytes.wipe(&json) }
    return SecretBytes(json)
  }

  /// A key from its JSON envelope; the key ID must match the key.
  public init(jsonEnvelope text: SecretBytes) throws {
    var bytes = text.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    let decoded = try HybridEnvelope.decode(bytes, type: "hybrid-private-key")
    let metadata = decoded.0
    var raw = decoded.1
    defer { SecretBytes.wipe(&raw) }
    guard let algorithm = CompositeSignatureAlgorithm.named(metadata.algorithm) else {
      throw CompositeError.unknownAlgorithm(metadata.algorithm)
    }
    let key = try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: SecretBytes(raw))
    try self.init(privateKey: key, createdAt: metadata.createdAt, rotation: metadata.rotation)
    guard self.metadata == metadata else {
      throw CompositeError.invalidPrivateKey(algorithm: algorithm.name, reason: "metadata does not match the key")
    }
  }

  /// The PKCS#8 PEM of the composite private key (draft OIDs only; QRX combinations have none).
  public func pemRepresentation() throws -> SecretBytes {
    try KeyEncoding.privateKeyPEM(algorithm: algorithm.name, privateKey: privateKey.rawRepresentation)
  }

  /// A description naming the algorithm and key ID, nothing secret.
  public var description: String { "HybridKey(\(metadata.algorithm), \(metadata.keyID), redacted)" }
}

/// The public half of a ``HybridKey``.
public struct HybridPublicKey: Sendable {
  /// The composite public key.
  public let key: CompositeSignature.PublicKey
  /// The metadata.
  public let metadata: HybridKeyMetadata

  /// The key ID of a composite public key: hex of SHA-256(raw public key)[0..<16].
  public static func keyID(for key: CompositeSignature.PublicKey) throws -> String {
    Hex.encode(SHA2.hash(.sha256, try key.rawRepresentation).prefix(16))
  }

  /// Whether `signature` is this key's valid hybrid signature of `message`: same algorithm, same
  /// key ID, and both halves valid over M'.
  public func isValidSignature(_ signature: HybridSignature, for message: [UInt8], context: [UInt8] = []) -> Bool {
    guard signature.algorithm == metadata.algorithm, signature.keyID == metadata.keyID else { return false }
    return key.isValidSignature(signature.rawRepresentation, for: message, context: context)
  }

  /// The JSON envelope of the public key.
  public func jsonEnvelope() throws -> [UInt8] {
    try HybridEnvelope.encode(metadata: metadata, type: "hybrid-public-key", key: key.rawRepresentation)
  }

  /// A public key from its JSON envelope; the key ID must match the key.
  public init(jsonEnvelope text: [UInt8]) throws {
    let (metadata, raw) = try HybridEnvelope.decode(text, type: "hybrid-public-key")
    guard let algorithm = CompositeSignatureAlgorithm.named(metadata.algorithm) else {
      throw CompositeError.unknownAlgorithm(metadata.algorithm)
    }
    let key = try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: raw)
    guard try Self.keyID(for: key) == metadata.keyID else {
      throw CompositeError.invalidPublicKey(algorithm: algorithm.name, reason: "key ID does not match the key")
    }
    self.init(key: key, metadata: metadata)
  }

  init(key: CompositeSignature.PublicKey, metadata: HybridKeyMetadata) {
    self.key = key
    self.metadata = metadata
  }

  /// The SubjectPublicKeyInfo PEM (draft OIDs only).
  public func pemRepresentation() throws -> [UInt8] {
    try KeyEncoding.publicKeyPEM(algorithm: metadata.algorithm, publicKey: key.rawRepresentation)
  }
}

/// A hybrid signature: both halves, both algorithms, and the signing key's ID. Its raw form is
/// the draft's concatenation ML-DSA signature ‖ traditional signature.
public struct HybridSignature: Sendable, Hashable {
  /// The composite algorithm's wire name.
  public let algorithm: String
  /// The classical component.
  public let classicalAlgorithm: String
  /// The post-quantum component.
  public let postQuantumAlgorithm: String
  /// The ID of the key that signed.
  public let keyID: String
  /// The post-quantum half.
  public let postQuantumSignature: [UInt8]
  /// The classical half.
  public let classicalSignature: [UInt8]

  /// A signature from the draft's raw concatenation, split after the fixed-length post-quantum half.
  public init(algorithm: CompositeSignatureAlgorithm, keyID: String, rawRepresentation raw: [UInt8]) throws {
    let split = algorithm.postQuantum.signatureByteCount
    guard raw.count > split, raw.count <= algorithm.maximumSignatureByteCount else {
      throw CompositeError.unsupported("\(algorithm.name) signature has the wrong length (\(raw.count) bytes)")
    }
    self.algorithm = algorithm.name
    classicalAlgorithm = algorithm.traditional.rawValue
    postQuantumAlgorithm = algorithm.postQuantum.rawValue
    self.keyID = keyID
    postQuantumSignature = Array(raw[..<split])
    classicalSignature = Array(raw[split...])
  }

  /// The draft's raw concatenation.
  public var rawRepresentation: [UInt8] { postQuantumSignature + classicalSignature }

  private struct Envelope: Codable {
    let type: String
    let alg: String
    let classical: String
    let postQuantum: String
    let keyID: String
    let postQuantumSignature: String
    let classicalSignature: String
  }

  /// The JSON envelope: algorithms, key ID and both halves in base64url.
  public func jsonEnvelope() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array(
      try encoder.encode(
        Envelope(
          type: "hybrid-signature", alg: algorithm, classical: classicalAlgorithm, postQuantum: postQuantumAlgorithm,
          keyID: keyID, postQuantumSignature: Base64URL.encode(postQuantumSignature),
          classicalSignature: Base64URL.encode(classicalSignature))))
  }

  /// A signature from its JSON envelope; the components must be the algorithm's.
  public init(jsonEnvelope text: [UInt8]) throws {
    guard text.count <= 1 << 20, let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text)),
      envelope.type == "hybrid-signature"
    else { throw DERError.invalidContent("not a QRX hybrid signature envelope") }
    guard let algorithm = CompositeSignatureAlgorithm.named(envelope.alg),
      envelope.classical == algorithm.traditional.rawValue, envelope.postQuantum == algorithm.postQuantum.rawValue
    else { throw CompositeError.unknownAlgorithm(envelope.alg) }
    guard let pq = try? Base64URL.decode(envelope.postQuantumSignature),
      let classical = try? Base64URL.decode(envelope.classicalSignature),
      pq.count == algorithm.postQuantum.signatureByteCount
    else { throw DERError.invalidContent("signature halves are malformed") }
    try self.init(algorithm: algorithm, keyID: envelope.keyID, rawRepresentation: pq + classical)
  }
}

/// The JSON envelope shared by hybrid private and public keys.
enum HybridEnvelope {
  private struct Envelope: Codable {
    let type: String
    let alg: String
    let classical: String
    let postQuantum: String
    let keyID: String
    let createdAt: String
    let rotateAfter: Int
    let expireAfter: Int
    let draftRevision: String
    let key: String
  }

  static func encode(metadata: HybridKeyMetadata, type: String, key: [UInt8]) throws -> [UInt8] {
    let envelope = Envelope(
      type: type, alg: metadata.algorithm, classical: metadata.classicalAlgorithm,
      postQuantum: metadata.postQuantumAlgorithm, keyID: metadata.keyID,
      createdAt: ISO8601DateFormatter().string(from: metadata.createdAt), rotateAfter: metadata.rotation.rotateAfter,
      expireAfter: metadata.rotation.expireAfter, draftRevision: metadata.draftRevision, key: Base64URL.encode(key))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return Array(try encoder.encode(envelope))
  }

  static func decode(_ text: [UInt8], type: String) throws -> (HybridKeyMetadata, [UInt8]) {
    guard text.count <= 1 << 20, let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text)),
      envelope.type == type
    else { throw DERError.invalidContent("not a QRX \(type) envelope") }
    guard let createdAt = ISO8601DateFormatter().date(from: envelope.createdAt) else {
      throw DERError.invalidContent("createdAt is not an ISO 8601 time")
    }
    guard let key = try? Base64URL.decode(envelope.key) else { throw DERError.invalidContent("key is not base64url") }
    let metadata = HybridKeyMetadata(
      algorithm: envelope.alg, classicalAlgorithm: envelope.classical, postQuantumAlgorithm: envelope.postQuantum,
      keyID: envelope.keyID, createdAt: createdAt,
      rotation: RotationPolicy(rotateAfter: envelope.rotateAfter, expireAfter: envelope.expireAfter),
      draftRevision: envelope.draftRevision)
    return (metadata, key)
  }
}
