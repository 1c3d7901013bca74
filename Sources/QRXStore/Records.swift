import Foundation

/// Milliseconds since the Unix epoch (UTC): the store's only time type.
public typealias UnixMilliseconds = Int64

/// The wall clock in ``UnixMilliseconds``.
public enum StoreClock {
  /// Now.
  public static func now() -> UnixMilliseconds {
    UnixMilliseconds((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }
}

/// What a key is for. Policy (which post-quantum algorithm a migration adds, rotation limits)
/// is chosen from it.
public enum KeyUsage: String, Sendable, CaseIterable, Codable {
  /// Signs on-chain and internal transfers.
  case transactionSigning = "transaction-signing"
  /// Signs withdrawals (cold and warm wallets).
  case withdrawalSigning = "withdrawal-signing"
  /// Authenticates API clients and services.
  case apiAuth = "api-auth"
  /// Encrypts (key encapsulation).
  case encryption
  /// Protects data at rest.
  case storage
}

/// The life of one key version. States only move forward:
/// active → rotated → retired → destroyed (any step may be skipped).
public enum KeyState: String, Sendable, CaseIterable, Codable {
  /// Signs and verifies; the newest active version is the one used for new signatures.
  case active
  /// Replaced by a newer version; still verifies.
  case rotated
  /// No longer verifies; kept for the record.
  case retired
  /// The private key is erased from the store; only the public key remains.
  case destroyed

  var rank: Int {
    switch self {
    case .active: return 0
    case .rotated: return 1
    case .retired: return 2
    case .destroyed: return 3
    }
  }

  /// Whether a version in this state may move to `next` (staying put is allowed, so repeating a
  /// step after a crash is harmless).
  public func canMove(to next: KeyState) -> Bool { next.rank >= rank }
}

/// The identity of a key: what stays the same across its versions.
public struct KeyRecord: Sendable, Equatable {
  /// Unique id: 1 to 128 characters from `A-Z a-z 0-9 . _ : -` (`hybrid-<uuid>` for migrated keys).
  public var id: String
  /// The algorithm's wire name (`Ed25519`, `MLDSA65-Ed25519-SHA512`).
  public var algorithm: String
  /// What the key is for.
  public var usage: KeyUsage
  /// A human label, or nil.
  public var label: String?
  /// Creation time.
  public var createdAt: UnixMilliseconds
  /// A JSON object (text) of algorithm- and policy-specific facts; `{}` when there are none.
  public var metadata: String
  /// For a key created by migration: the key it replaces. Set by the store, never by callers.
  public internal(set) var migratedFrom: String?
  /// For a migrated key: the key that replaced it. Set by the store, never by callers.
  public internal(set) var migratedTo: String?

  /// A key record; the migration links start empty.
  public init(
    id: String, algorithm: String, usage: KeyUsage, label: String? = nil, createdAt: UnixMilliseconds,
    metadata: String = "{}"
  ) {
    self.id = id
    self.algorithm = algorithm
    self.usage = usage
    self.label = label
    self.createdAt = createdAt
    self.metadata = metadata
  }
}

/// One version of a key: its material and state.
public struct KeyVersionRecord: Sendable, Equatable {
  /// The key this version belongs to.
  public var keyID: String
  /// 1 for the first version, one more for each rotation.
  public var version: Int
  /// Where this version is in its life.
  public var state: KeyState
  /// Creation time.
  public var createdAt: UnixMilliseconds
  /// Last state change (the creation time until then).
  public var updatedAt: UnixMilliseconds
  /// The public key in the algorithm's raw encoding.
  public var publicKey: [UInt8]
  /// The private key sealed under the master key (see docs/STORAGE.md); nil for a public-only
  /// key and once destroyed. The store never sees a private key in the clear.
  public var sealedPrivateKey: [UInt8]?
  /// How many times this version has signed (for a max-uses rotation policy).
  public var useCount: Int64

  /// A new version; `updatedAt` starts at `createdAt` and `useCount` at 0.
  public init(
    keyID: String, version: Int, state: KeyState = .active, createdAt: UnixMilliseconds, publicKey: [UInt8],
    sealedPrivateKey: [UInt8]?
  ) {
    self.keyID = keyID
    self.version = version
    self.state = state
    self.createdAt = createdAt
    self.updatedAt = createdAt
    self.publicKey = publicKey
    self.sealedPrivateKey = sealedPrivateKey
    self.useCount = 0
  }
}

/// A key with all of its versions.
public struct StoredKey: Sendable, Equatable {
  /// The key's identity.
  public let record: KeyRecord
  /// Every version, oldest first; never empty.
  public let versions: [KeyVersionRecord]
  /// The newest version.
  public let current: KeyVersionRecord

  init?(record: KeyRecord, versions: [KeyVersionRecord]) {
    guard let last = versions.last else { return nil }
    self.record = record
    self.versions = versions
    self.current = last
  }
}

/// Which keys ``KeyStoreTransaction/listKeys(_:)`` returns: all conditions must hold. Results are
/// ordered by id and paged with `afterID` (keyset pagination, stable under concurrent inserts).
public struct KeyQuery: Sendable, Equatable {
  /// Only this algorithm.
  public var algorithm: String?
  /// Only this usage.
  public var usage: KeyUsage?
  /// Only keys whose newest version is in this state.
  public var currentState: KeyState?
  /// true: only keys a migration replaced; false: only keys not replaced yet.
  public var migrated: Bool?
  /// Only ids greater than this one.
  public var afterID: String?
  /// At most this many (1 … 10 000).
  public var limit: Int

  /// All keys, the first `limit`.
  public init(
    algorithm: String? = nil, usage: KeyUsage? = nil, currentState: KeyState? = nil, migrated: Bool? = nil,
    afterID: String? = nil, limit: Int = 1000
  ) {
    self.algorithm = algorithm
    self.usage = usage
    self.currentState = currentState
    self.migrated = migrated
    self.afterID = afterID
    self.limit = limit
  }
}

/// Where the migration of one classical key stands.
public enum MigrationState: String, Sendable, CaseIterable, Codable {
  /// A worker took it; a crash leaves it here, and the next run takes it again.
  case claimed
  /// The hybrid key exists and is linked; final.
  case completed
  /// The last attempt failed; the next run tries again.
  case failed
}

/// The persisted migration state of one classical key.
public struct MigrationRecord: Sendable, Equatable {
  /// The key being migrated.
  public var classicalKeyID: String
  /// Where it stands.
  public var state: MigrationState
  /// The hybrid key, once completed.
  public var hybridKeyID: String?
  /// Who claimed it last (host and process, free text).
  public var claimedBy: String
  /// How many times it was claimed.
  public var attempts: Int
  /// The last failure's reason (no secrets), or nil.
  public var failureReason: String?
  /// First claim.
  public var claimedAt: UnixMilliseconds
  /// Last change.
  public var updatedAt: UnixMilliseconds
}

/// The answer to ``KeyStoreTransaction/claimMigration(classicalKeyID:claimant:at:)``.
public enum MigrationClaim: Sendable, Equatable {
  /// The caller owns this attempt (the first, or a retry after a crash or failure).
  case claimed(attempt: Int)
  /// Nothing to do: the key already has its hybrid key.
  case alreadyCompleted(hybridKeyID: String)
}

/// Counts of migration states, for progress and `qrx migrate status`.
public struct MigrationSummary: Sendable, Equatable {
  /// Keys claimed and not finished (in progress, or interrupted).
  public var claimed: Int
  /// Keys migrated.
  public var completed: Int
  /// Keys whose last attempt failed.
  public var failed: Int

  /// A summary.
  public init(claimed: Int = 0, completed: Int = 0, failed: Int = 0) {
    self.claimed = claimed
    self.completed = completed
    self.failed = failed
  }
}

/// Which key signed which in a continuity attestation.
public enum AttestationDirection: String, Sendable, CaseIterable, Codable {
  /// The old (classical) key signs the new key's public key.
  case oldSignsNew = "old-signs-new"
  /// The new (hybrid) key signs the old key's public key.
  case newSignsOld = "new-signs-old"
}

/// One half of a continuity attestation: proof that the holder of one key vouched for the other.
public struct ContinuityAttestation: Sendable, Equatable {
  /// The key that was replaced.
  public var oldKeyID: String
  /// The key that replaced it.
  public var newKeyID: String
  /// Who signed whom.
  public var direction: AttestationDirection
  /// The signing key's version.
  public var signerVersion: Int
  /// The exact bytes signed (a domain-separated statement naming both keys).
  public var message: [UInt8]
  /// The signature over `message`.
  public var signature: [UInt8]
  /// When it was made.
  public var createdAt: UnixMilliseconds

  /// An attestation.
  public init(
    oldKeyID: String, newKeyID: String, direction: AttestationDirection, signerVersion: Int, message: [UInt8],
    signature: [UInt8], createdAt: UnixMilliseconds
  ) {
    self.oldKeyID = oldKeyID
    self.newKeyID = newKeyID
    self.direction = direction
    self.signerVersion = signerVersion
    self.message = message
    self.signature = signature
    self.createdAt = createdAt
  }

  /// The key that made the signature.
  public var signerKeyID: String { direction == .oldSignsNew ? oldKeyID : newKeyID }
}

/// A sealed private key as stored, for rewrapping under a new master key.
public struct SealedKeyRow: Sendable, Equatable {
  /// The key.
  public var keyID: String
  /// The version.
  public var version: Int
  /// The key's algorithm (bound into the seal).
  public var algorithm: String
  /// The sealed bytes.
  public var sealedPrivateKey: [UInt8]
}

enum Validation {
  /// Key ids travel in logs, URLs and file names: a small alphabet, bounded length.
  static func checkKeyID(_ id: String) throws {
    let allowed = id.utf8.allSatisfy { c in
      (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F
        || c == 0x3A || c == 0x2D
    }
    guard !id.isEmpty, id.utf8.count <= 128, allowed else {
      throw StoreError.invalidValue("a key id must be 1 to 128 characters from A-Z a-z 0-9 . _ : -")
    }
  }

  /// Short free text (algorithm names, actors, actions).
  static func checkName(_ text: String, what: String, maximum: Int = 200) throws {
    guard !text.isEmpty, text.utf8.count <= maximum, !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
      throw StoreError.invalidValue("\(what) must be 1 to \(maximum) bytes without control characters")
    }
  }

  /// A JSON object, as text.
  static func checkJSONObject(_ text: String, what: String) throws {
    guard text.utf8.count <= 1 << 20,
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
      object is [String: Any]
    else {
      throw StoreError.invalidValue("\(what) must be a JSON object of at most 1 MiB")
    }
  }
}
