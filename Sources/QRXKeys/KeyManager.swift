import Foundation
import QRXPrimitives
import QRXStore

/// Errors of the key manager. Messages name keys, versions and states, never key material.
public enum KeyManagerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The algorithm is not one the key manager holds.
  case unsupportedAlgorithm(String)
  /// No key with this id.
  case keyNotFound(String)
  /// The key (or version) cannot sign: it is not active, or holds no private key.
  case cannotSign(keyID: String, reason: String)
  /// The imported private key is malformed for its algorithm.
  case invalidPrivateKey(algorithm: String)
  /// A signature envelope is malformed.
  case malformedSignature(String)
  /// The operation needs a hybrid key and the key is classical.
  case notHybrid(String)
  /// A value given to the key manager is not acceptable.
  case invalidArgument(String)
  /// The operation does not apply to the key's algorithm (signing with a KEM key, decapsulating
  /// with a signature key).
  case unsupportedOperation(String)
  /// The usage does not fit the algorithm (a KEM key must be for encryption or storage; a signature
  /// key cannot be for encryption).
  case usageMismatch(algorithm: String, usage: String)

  /// What went wrong, without secrets.
  public var description: String {
    switch self {
    case .unsupportedAlgorithm(let name): return "the key manager does not hold \(name) keys"
    case .keyNotFound(let id): return "no key \(id)"
    case .cannotSign(let id, let reason): return "key \(id) cannot sign: \(reason)"
    case .invalidPrivateKey(let algorithm): return "not a valid \(algorithm) private key"
    case .malformedSignature(let reason): return "malformed signature: \(reason)"
    case .notHybrid(let id): return "key \(id) is not a hybrid key"
    case .invalidArgument(let reason): return "invalid argument: \(reason)"
    case .unsupportedOperation(let reason): return reason
    case .usageMismatch(let algorithm, let usage):
      return "a \(algorithm) key cannot have usage \(usage): "
        + "key-encapsulation keys are for encryption or storage, signature keys for anything but encryption"
    }
  }
}

/// When a key must be rotated: after `maxAge` seconds or `maxUses` signatures of its newest
/// version, whichever comes first. Stored in the key's metadata.
public struct RotationPolicy: Sendable, Equatable, Codable {
  /// Maximum age of the newest version, in seconds; nil for no limit.
  public var maxAgeSeconds: Int64?
  /// Maximum signatures by the newest version; nil for no limit.
  public var maxUses: Int64?

  /// A policy.
  public init(maxAgeSeconds: Int64? = nil, maxUses: Int64? = nil) {
    self.maxAgeSeconds = maxAgeSeconds
    self.maxUses = maxUses
  }

  /// Whether `version` is due for rotation at `now`.
  public func isDue(_ version: KeyVersionRecord, now: UnixMilliseconds) -> Bool {
    if let maxAgeSeconds, now - version.createdAt >= maxAgeSeconds * 1000 { return true }
    if let maxUses, version.useCount >= maxUses { return true }
    return false
  }

  enum CodingKeys: String, CodingKey {
    case maxAgeSeconds = "max_age_seconds"
    case maxUses = "max_uses"
  }
}

/// The facts of a key kept in its metadata (a JSON object).
struct KeyMetadata: Codable, Equatable {
  var rotation: RotationPolicy?
  var classicalAlgorithm: String?
  var postQuantumAlgorithm: String?
  var compositeDraft: String?

  enum CodingKeys: String, CodingKey {
    case rotation
    case classicalAlgorithm = "classical_algorithm"
    case postQuantumAlgorithm = "post_quantum_algorithm"
    case compositeDraft = "composite_draft"
  }

  static func decode(_ text: String) -> KeyMetadata {
    (try? JSONDecoder().decode(KeyMetadata.self, from: Data(text.utf8))) ?? KeyMetadata()
  }

  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  static func forAlgorithm(_ algorithm: ManagedAlgorithm, rotation: RotationPolicy?) -> KeyMetadata {
    KeyMetadata(
      rotation: rotation, classicalAlgorithm: algorithm.classicalComponentName,
      postQuantumAlgorithm: algorithm.postQuantumComponentName,
      compositeDraft: algorithm.compositeConstruction)
  }
}

/// The public facts of a key: what `qrx keys show` prints. Holds no private material.
public struct KeyInfo: Sendable, Equatable {
  /// The key's identity.
  public let record: KeyRecord
  /// Every version, oldest first (sealed private keys removed).
  public let versions: [KeyVersionRecord]
  /// The rotation policy, if any.
  public let rotationPolicy: RotationPolicy?

  /// The newest version.
  public var current: KeyVersionRecord { versions[versions.count - 1] }
  /// Whether the key is hybrid.
  public var isHybrid: Bool { ManagedAlgorithm.named(record.algorithm)?.isHybrid ?? false }

  init(_ stored: StoredKey) { self.init(record: stored.record, versions: stored.versions) }

  init(record: KeyRecord, versions: [KeyVersionRecord]) {
    self.record = record
    self.versions = versions.map { version in
      var copy = version
      copy.sealedPrivateKey = nil
      return copy
    }
    rotationPolicy = KeyMetadata.decode(record.metadata).rotation
  }
}

/// A signature made by a managed key, with what a verifier needs to find the key: its id, the
/// version that signed and the algorithm. Encoded as a JSON object (see ``jsonRepresentation``).
public struct KeySignature: Sendable, Equatable {
  /// The signing key.
  public let keyID: String
  /// The version that signed.
  public let keyVersion: Int
  /// The algorithm's wire name.
  public let algorithm: String
  /// The signature in the algorithm's encoding (composites: the draft's concatenation).
  public let signature: [UInt8]

  /// A signature envelope.
  public init(keyID: String, keyVersion: Int, algorithm: String, signature: [UInt8]) {
    self.keyID = keyID
    self.keyVersion = keyVersion
    self.algorithm = algorithm
    self.signature = signature
  }

  /// `{"algorithm": …, "key_id": …, "key_version": …, "signature": base64url}`.
  public var jsonRepresentation: [UInt8] {
    let object: [String: Any] = [
      "key_id": keyID, "key_version": keyVersion, "algorithm": algorithm, "signature": Base64URL.encode(signature),
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return Array(data) + [0x0A]
  }

  /// The longest envelope accepted (the largest composite signature, base64url, with room to spare).
  public static let maximumEncodedByteCount = 64 * 1024

  /// Decodes ``jsonRepresentation``; anything else is ``KeyManagerError/malformedSignature(_:)``.
  public init(jsonRepresentation bytes: [UInt8]) throws {
    guard bytes.count <= Self.maximumEncodedByteCount else {
      throw KeyManagerError.malformedSignature("larger than \(Self.maximumEncodedByteCount) bytes")
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      let keyID = object["key_id"] as? String, let algorithm = object["algorithm"] as? String,
      let version = object["key_version"] as? Int, let encoded = object["signature"] as? String
    else { throw KeyManagerError.malformedSignature("expected key_id, key_version, algorithm, signature") }
    guard version >= 1, version <= Int(UInt32.max), !keyID.isEmpty, keyID.utf8.count <= 128 else {
      throw KeyManagerError.malformedSignature("key id or version out of range")
    }
    guard let signature = try? Base64URL.decode(encoded) else {
      throw KeyManagerError.malformedSignature("signature is not base64url")
    }
    self.init(keyID: keyID, keyVersion: version, algorithm: algorithm, signature: signature)
  }
}

/// The answer of ``KeyManager/test(id:)``: a signature key signs a fresh message and verifies it
/// with each part; a KEM key encapsulates a fresh secret and decapsulates it with each part.
public struct KeyTestResult: Sendable, Equatable {
  /// The key tested.
  public let keyID: String
  /// Signature keys: whether the whole signature verified (for a hybrid key: both halves). Always
  /// false for a KEM key, which cannot sign (see ``decapsulationValid``).
  public let signatureValid: Bool
  /// KEM keys: whether decapsulating a fresh encapsulation gave the same shared secret (for
  /// X-Wing, the combined secret of both halves); nil for a signature key.
  public let decapsulationValid: Bool?
  /// For a hybrid key, whether the post-quantum half alone verified (or, for a KEM, round-tripped);
  /// nil for a classical key.
  public let quantumComponentValid: Bool?

  /// Whether every check made passed.
  public var passed: Bool {
    (decapsulationValid ?? signatureValid) && (quantumComponentValid ?? true)
  }
}

/// Keeps an exchange's keys: generates and imports classical and hybrid signature keys and
/// key-encapsulation keys (X25519, X-Wing), seals their private keys under the master key, signs
/// (or decapsulates) with the newest version and verifies (or decapsulates old data) with any
/// version not retired, rotates by policy, and records every operation in the store's audit log.
public actor KeyManager {
  /// The store.
  public nonisolated let store: any KeyStore
  /// The sealer of private keys.
  public nonisolated let sealer: KeySealer
  /// Who the audit log names as acting (user, host and process by default).
  public nonisolated let actor: String
  let clock: @Sendable () -> UnixMilliseconds

  /// Keys written per transaction by ``generate(algorithm:usage:label:count:rotationPolicy:)``.
  static let insertBatchSize = 200

  /// A key manager over `store`, sealing with `sealer`.
  public init(
    store: any KeyStore, sealer: KeySealer, actor: String = KeyManager.defaultActor,
    clock: @escaping @Sendable () -> UnixMilliseconds = StoreClock.now
  ) {
    self.store = store
    self.sealer = sealer
    self.actor = actor
    self.clock = clock
  }

  /// `user@host:pid`.
  public static var defaultActor: String {
    let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    return "\(user)@\(ProcessInfo.processInfo.hostName):\(getpid())"
  }

  static func newKeyID(prefix: String) -> String { "\(prefix)-\(UUID().uuidString.lowercased())" }

  static func algorithm(_ name: String) throws -> ManagedAlgorithm {
    guard let algorithm = ManagedAlgorithm.named(name) else { throw KeyManagerError.unsupportedAlgorithm(name) }
    return algorithm
  }

  /// KEM keys are for encryption or storage; signature keys for any usage but encryption.
  static func checkUsage(_ usage: KeyUsage, for algorithm: ManagedAlgorithm) throws {
    let fits = algorithm.isKEM ? (usage == .encryption || usage == .storage) : usage != .encryption
    guard fits else { throw KeyManagerError.usageMismatch(algorithm: algorithm.name, usage: usage.rawValue) }
  }

  /// The usage a new key of `algorithm` gets when none is given: encryption for a KEM,
  /// transaction signing otherwise.
  public static func defaultUsage(forAlgorithm name: String) -> KeyUsage {
    ManagedAlgorithm.named(name)?.isKEM == true ? .encryption : .transactionSigning
  }

  static func auditDetails(_ fields: [String: Any]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  // MARK: Generate and import

  /// Generates `count` keys of `algorithm` (classical or hybrid), written `insertBatchSize` per
  /// transaction, each with a `key.generate` audit entry. Hybrid keys get `hybrid-<uuid>` ids.
  public func generate(
    algorithm name: String, usage: KeyUsage, label: String? = nil, count: Int = 1,
    rotationPolicy: RotationPolicy? = nil
  ) throws -> [KeyInfo] {
    let algorithm = try Self.algorithm(name)
    try Self.checkUsage(usage, for: algorithm)
    guard count >= 1, count <= 1_000_000 else { throw KeyManagerError.invalidArgument("count must be 1 … 1000000") }
    var made: [KeyInfo] = []
    var remaining = count
    while remaining > 0 {
      let n = min(remaining, Self.insertBatchSize)
      remaining -= n
      var batch: [(KeyRecord, KeyVersionRecord)] = []
      let now = clock()
      for _ in 0..<n {
        let pair = try algorithm.generate()
        batch.append(
          try makeRecords(
            algorithm: algorithm, pair: pair, usage: usage, label: label, rotation: rotationPolicy, at: now))
      }
      try store.transaction { tx in
        for (record, version) in batch { try tx.insertKey(record, firstVersion: version) }
        for (record, _) in batch {
          try tx.appendAudit(
            actor: actor, action: "key.generate", keyID: record.id,
            details: Self.auditDetails(["algorithm": record.algorithm, "usage": record.usage.rawValue]))
        }
      }
      made += batch.map { record, version in
        KeyInfo(record: record, versions: [version])
      }
    }
    return made
  }

  /// Imports a private key of `algorithm` in its stored (seed) form; the public key is derived
  /// from it. Audited as `key.import`.
  public func importKey(
    algorithm name: String, privateKey: SecretBytes, usage: KeyUsage, label: String? = nil,
    rotationPolicy: RotationPolicy? = nil
  ) throws -> KeyInfo {
    let algorithm = try Self.algorithm(name)
    try Self.checkUsage(usage, for: algorithm)
    let publicKey: [UInt8]
    do {
      publicKey = try algorithm.publicKey(fromPrivateKey: privateKey)
    } catch {
      throw KeyManagerError.invalidPrivateKey(algorithm: algorithm.name)
    }
    let (record, version) = try makeRecords(
      algorithm: algorithm, pair: (privateKey, publicKey), usage: usage, label: label, rotation: rotationPolicy,
      at: clock())
    try store.transaction { tx in
      try tx.insertKey(record, firstVersion: version)
      try tx.appendAudit(
        actor: actor, action: "key.import", keyID: record.id,
        details: Self.auditDetails(["algorithm": record.algorithm, "usage": record.usage.rawValue]))
    }
    return KeyInfo(record: record, versions: [version])
  }

  private func makeRecords(
    algorithm: ManagedAlgorithm, pair: (privateKey: SecretBytes, publicKey: [UInt8]), usage: KeyUsage,
    label: String?, rotation: RotationPolicy?, at now: UnixMilliseconds
  ) throws -> (KeyRecord, KeyVersionRecord) {
    let id = Self.newKeyID(prefix: algorithm.isHybrid ? "hybrid" : "key")
    let record = KeyRecord(
      id: id, algorithm: algorithm.name, usage: usage, label: label, createdAt: now,
      metadata: KeyMetadata.forAlgorithm(algorithm, rotation: rotation).json)
    let sealed = try sealer.seal(pair.privateKey, keyID: id, version: 1, algorithm: algorithm.name)
    let version = KeyVersionRecord(
      keyID: id, version: 1, createdAt: now, publicKey: pair.publicKey, sealedPrivateKey: sealed)
    return (record, version)
  }

  // MARK: Read

  /// The public facts of key `id`.
  public func key(id: String) throws -> KeyInfo {
    guard let stored = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
    return KeyInfo(stored)
  }

  /// Keys matching `query`, ordered by id.
  public func list(_ query: KeyQuery = KeyQuery()) throws -> [KeyInfo] {
    try store.transaction { tx in
      try tx.listKeys(query).compactMap { try tx.getKey(id: $0.id).map(KeyInfo.init) }
    }
  }

  // MARK: Sign and verify

  /// Signs `message` with the newest version of key `id`. If the rotation policy says that
  /// version is due, the key is rotated first and the new version signs. Audited as `key.sign`.
  public func sign(_ message: [UInt8], keyID id: String) throws -> KeySignature {
    guard var stored = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
    if ManagedAlgorithm.named(stored.record.algorithm)?.isKEM == true {
      throw KeyManagerError.cannotSign(
        keyID: id, reason: "\(stored.record.algorithm) is a key-encapsulation key: it decrypts, it does not sign")
    }
    if let policy = KeyMetadata.decode(stored.record.metadata).rotation, stored.current.state == .active,
      policy.isDue(stored.current, now: clock())
    {
      _ = try rotate(id: id, reason: "policy")
      guard let rotated = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
      stored = rotated
    }
    let version = stored.current
    guard version.state == .active else {
      throw KeyManagerError.cannotSign(keyID: id, reason: "its newest version is \(version.state.rawValue)")
    }
    guard let sealed = version.sealedPrivateKey else {
      throw KeyManagerError.cannotSign(keyID: id, reason: "no private key is stored")
    }
    let algorithm = try Self.algorithm(stored.record.algorithm)
    let privateKey = try sealer.unseal(sealed, keyID: id, version: version.version, algorithm: algorithm.name)
    let signature = try algorithm.sign(privateKey: privateKey, message: message)
    try store.transaction { tx in
      let uses = try tx.incrementUseCount(id: id, version: version.version)
      try tx.appendAudit(
        actor: actor, action: "key.sign", keyID: id,
        details: Self.auditDetails(["version": version.version, "use_count": uses]))
    }
    return KeySignature(keyID: id, keyVersion: version.version, algorithm: algorithm.name, signature: signature)
  }

  /// Whether `signature` is a valid signature of `message` by the key and version it names. The
  /// version must be active or rotated (not retired or destroyed) and the algorithm must match the
  /// key's. An unknown key is an error; a wrong signature is `false`.
  public func verify(_ message: [UInt8], signature: KeySignature) throws -> Bool {
    guard let stored = try store.getKey(id: signature.keyID) else {
      throw KeyManagerError.keyNotFound(signature.keyID)
    }
    guard stored.record.algorithm == signature.algorithm,
      let version = stored.versions.first(where: { $0.version == signature.keyVersion }),
      version.state == .active || version.state == .rotated
    else { return false }
    let algorithm = try Self.algorithm(stored.record.algorithm)
    return algorithm.verify(publicKey: version.publicKey, message: message, signature: signature.signature)
  }

  /// Signs a fresh random message with key `id` and verifies it: the whole signature, and for a
  /// hybrid key the post-quantum half alone. Audited as `key.test`.
  public func test(id: String) throws -> KeyTestResult {
    if let stored = try store.getKey(id: id), let kem = ManagedAlgorithm.named(stored.record.algorithm)?.kemKind {
      return try testKEM(stored, kem)
    }
    let message = Array("QRX key test ".utf8) + SystemRandom().bytes(count: 32)
    let signature = try sign(message, keyID: id)
    guard let stored = try store.getKey(id: id),
      let version = stored.versions.first(where: { $0.version == signature.keyVersion })
    else { throw KeyManagerError.keyNotFound(id) }
    let algorithm = try Self.algorithm(stored.record.algorithm)
    let valid = try verify(message, signature: signature)
    let quantum = algorithm.verifyPostQuantumComponent(
      publicKey: version.publicKey, message: message, signature: signature.signature)
    try store.appendAudit(
      actor: actor, action: "key.test", keyID: id,
      details: Self.auditDetails(["signature_valid": valid, "quantum_component_valid": quantum ?? NSNull()]))
    return KeyTestResult(keyID: id, signatureValid: valid, decapsulationValid: nil, quantumComponentValid: quantum)
  }

  /// ``test(id:)`` for a KEM key: encapsulates to the newest version's public key and decapsulates
  /// with its private key; for X-Wing, also the ML-KEM-768 half alone.
  private func testKEM(_ stored: StoredKey, _ kem: ManagedKEM) throws -> KeyTestResult {
    let id = stored.record.id
    let version = stored.current
    guard version.state == .active || version.state == .rotated, let sealed = version.sealedPrivateKey else {
      throw KeyManagerError.unsupportedOperation(
        "key \(id) cannot decapsulate: its newest version is \(version.state.rawValue)")
    }
    let privateKey = try sealer.unseal(sealed, keyID: id, version: version.version, algorithm: kem.rawValue)
    let (sent, ciphertext) = try kem.encapsulate(to: version.publicKey)
    let received = try? kem.decapsulate(ciphertext, privateKey: privateKey)
    let valid = received.map { sent.constantTimeEquals($0) } ?? false
    let quantum = try kem.postQuantumComponentRoundTrip(privateKey: privateKey, publicKey: version.publicKey)
    try store.appendAudit(
      actor: actor, action: "key.test", keyID: id,
      details: Self.auditDetails(["decapsulation_valid": valid, "quantum_component_valid": quantum ?? NSNull()]))
    return KeyTestResult(keyID: id, signatureValid: false, decapsulationValid: valid, quantumComponentValid: quantum)
  }

  // MARK: Encapsulate and decapsulate

  /// Encapsulates a fresh shared secret to the newest version of KEM key `id`: (shared secret,
  /// ciphertext, version). If the rotation policy says that version is due (its age, or its
  /// decapsulations), the key is rotated first. A key that a migration replaced is refused: new data
  /// goes to its hybrid key (an X25519 key would keep taking classical-only encryption). Needs no
  /// private key; not audited (any holder of the public key can do the same).
  public func encapsulate(toKeyID id: String) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8], version: Int) {
    guard var stored = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
    guard let kem = ManagedAlgorithm.named(stored.record.algorithm)?.kemKind else {
      throw KeyManagerError.unsupportedOperation(
        "\(stored.record.algorithm) is a signature algorithm: it cannot encapsulate")
    }
    if let hybrid = stored.record.migratedTo {
      throw KeyManagerError.unsupportedOperation(
        "key \(id) was migrated to \(hybrid): encrypt to that key; this one only decrypts older data")
    }
    if let policy = KeyMetadata.decode(stored.record.metadata).rotation, stored.current.state == .active,
      policy.isDue(stored.current, now: clock())
    {
      _ = try rotate(id: id, reason: "policy")
      guard let rotated = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
      stored = rotated
    }
    guard stored.current.state == .active else {
      throw KeyManagerError.unsupportedOperation("key \(id): its newest version is \(stored.current.state.rawValue)")
    }
    let (secret, ciphertext) = try kem.encapsulate(to: stored.current.publicKey)
    return (secret, ciphertext, stored.current.version)
  }

  /// Decapsulates `ciphertext` with version `version` of KEM key `id` (active or rotated, so data
  /// sealed before a rotation stays readable). Audited as `key.decapsulate`.
  public func decapsulate(_ ciphertext: [UInt8], keyID id: String, version number: Int) throws -> SecretBytes {
    guard let stored = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
    guard let kem = ManagedAlgorithm.named(stored.record.algorithm)?.kemKind else {
      throw KeyManagerError.unsupportedOperation(
        "\(stored.record.algorithm) is a signature algorithm: it cannot decapsulate")
    }
    guard let version = stored.versions.first(where: { $0.version == number }),
      version.state == .active || version.state == .rotated, let sealed = version.sealedPrivateKey
    else {
      throw KeyManagerError.unsupportedOperation("key \(id) has no active or rotated version \(number)")
    }
    let privateKey = try sealer.unseal(sealed, keyID: id, version: number, algorithm: kem.rawValue)
    let secret = try kem.decapsulate(ciphertext, privateKey: privateKey)
    try store.transaction { tx in
      let uses = try tx.incrementUseCount(id: id, version: number)
      try tx.appendAudit(
        actor: actor, action: "key.decapsulate", keyID: id,
        details: Self.auditDetails(["version": number, "use_count": uses]))
    }
    return secret
  }

  // MARK: Lifecycle

  /// Adds a new version of key `id` with a fresh key of the same algorithm (for a hybrid key, both
  /// halves are fresh) and moves the previous newest version to `rotated`, in one transaction,
  /// audited as `key.rotate`.
  @discardableResult
  public func rotate(id: String, reason: String = "manual") throws -> KeyInfo {
    guard let stored = try store.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
    let algorithm = try Self.algorithm(stored.record.algorithm)
    let pair = try algorithm.generate()
    let next = stored.current.version + 1
    let now = clock()
    let sealed = try sealer.seal(pair.privateKey, keyID: id, version: next, algorithm: algorithm.name)
    let version = KeyVersionRecord(
      keyID: id, version: next, createdAt: now, publicKey: pair.publicKey, sealedPrivateKey: sealed)
    try store.transaction { tx in
      try tx.addKeyVersion(version)
      for old in stored.versions where old.state == .active {
        try tx.updateKeyState(id: id, version: old.version, to: .rotated, at: now)
      }
      try tx.appendAudit(
        actor: actor, action: "key.rotate", keyID: id,
        details: Self.auditDetails(["new_version": next, "reason": reason]))
    }
    return try key(id: id)
  }

  /// Moves one version of key `id` to `state` (forward only: rotated, retired, destroyed).
  /// Destroying erases the sealed private key. Audited as `key.state`.
  public func setState(id: String, version: Int, to state: KeyState) throws {
    try store.transaction { tx in
      try tx.updateKeyState(id: id, version: version, to: state, at: clock())
      try tx.appendAudit(
        actor: actor, action: "key.state", keyID: id,
        details: Self.auditDetails(["version": version, "state": state.rawValue]))
    }
  }

  /// Sets or clears the rotation policy of key `id`. Audited as `key.policy`.
  public func setRotationPolicy(id: String, _ policy: RotationPolicy?) throws {
    try store.transaction { tx in
      guard let stored = try tx.getKey(id: id) else { throw KeyManagerError.keyNotFound(id) }
      var metadata = KeyMetadata.decode(stored.record.metadata)
      metadata.rotation = policy
      try tx.updateKeyMetadata(id: id, metadata: metadata.json)
      try tx.appendAudit(actor: actor, action: "key.policy", keyID: id, details: metadata.json)
    }
  }

  /// The ids of keys whose newest version is due for rotation under their policy.
  public func keysDueForRotation() throws -> [String] {
    var due: [String] = []
    var after: String? = nil
    let now = clock()
    while true {
      let page = try store.transaction { tx in
        try tx.listKeys(KeyQuery(currentState: .active, afterID: after, limit: 1000)).compactMap {
          try tx.getKey(id: $0.id)
        }
      }
      guard let last = page.last else { break }
      for stored in page {
        if let policy = KeyMetadata.decode(stored.record.metadata).rotation, policy.isDue(stored.current, now: now) {
          due.append(stored.record.id)
        }
      }
      after = last.record.id
    }
    return due
  }
}
