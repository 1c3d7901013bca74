/// The key-custody store: keys and their versions, migration state, continuity attestations and
/// the audit log, behind one protocol with two backends (SQLite, PostgreSQL).
///
/// All work happens in ``transaction(_:)``: the closure's operations commit together when it
/// returns and roll back together when it throws, so a crash at any moment leaves either all of
/// a step or none of it. The single-operation conveniences below each run in their own
/// transaction. Stores are thread-safe; calls are serialized per store (see ``SQLKeyStore``).
public protocol KeyStore: AnyObject, Sendable {
  /// `sqlite` or `postgres`.
  var backendName: String { get }

  /// Runs `body` in one transaction: commits when it returns, rolls back when it throws (and
  /// rethrows). `body` must not call `transaction` on the same store, nor keep the handle.
  func transaction<T>(_ body: (KeyStoreTransaction) throws -> T) throws -> T

  /// The schema version of the open database.
  func schemaVersion() throws -> Int

  /// Closes the store; later calls throw ``StoreError/closed``.
  func close()
}

/// The operations available inside a transaction.
public protocol KeyStoreTransaction {
  // MARK: Keys

  /// Inserts a new key with its first version (`firstVersion.version` must be 1). Throws
  /// ``StoreError/duplicateKey(_:)`` if the id exists.
  func insertKey(_ key: KeyRecord, firstVersion: KeyVersionRecord) throws

  /// Adds the next version of an existing key (rotation). Throws
  /// ``StoreError/duplicateKey(_:)`` if that version exists, ``StoreError/keyNotFound(_:)`` if the
  /// key does not.
  func addKeyVersion(_ version: KeyVersionRecord) throws

  /// The key with all its versions, or nil.
  func getKey(id: String) throws -> StoredKey?

  /// One version of a key, or nil.
  func getKeyVersion(id: String, version: Int) throws -> KeyVersionRecord?

  /// Keys matching `query`, ordered by id, at most `query.limit`.
  func listKeys(_ query: KeyQuery) throws -> [KeyRecord]

  /// How many keys match `query` (ignoring `afterID` and `limit`).
  func countKeys(_ query: KeyQuery) throws -> Int

  /// Moves a version to `state` (forward only; the same state is a no-op). `.destroyed` erases
  /// the sealed private key in the same statement.
  func updateKeyState(id: String, version: Int, to state: KeyState, at time: UnixMilliseconds) throws

  /// Adds one to a version's use count and returns the new count.
  func incrementUseCount(id: String, version: Int) throws -> Int64

  /// Replaces a key's metadata (a JSON object).
  func updateKeyMetadata(id: String, metadata: String) throws

  // MARK: Sealed private keys (master-key rotation)

  /// Sealed private keys ordered by (key id, version), after the given position, at most `limit`.
  func sealedPrivateKeys(after position: (keyID: String, version: Int)?, limit: Int) throws -> [SealedKeyRow]

  /// Replaces one version's sealed private key, if it still equals `expected`; returns whether it did.
  func replaceSealedPrivateKey(id: String, version: Int, expected: [UInt8], with sealed: [UInt8]) throws -> Bool

  // MARK: Migration to hybrid keys

  /// Claims the migration of `classicalKeyID` for `claimant`: the first claim, or a retry of a
  /// claimed (interrupted) or failed one. A completed migration is never claimed again.
  func claimMigration(classicalKeyID: String, claimant: String, at time: UnixMilliseconds) throws -> MigrationClaim

  /// Completes a claimed migration atomically: inserts the hybrid key and its first version,
  /// links old ↔ new both ways, stores the attestations and marks the migration completed.
  /// Returns false, writing nothing, if the migration was already completed (by another worker).
  /// The unique constraints guarantee one hybrid key per classical key whatever the callers do.
  func completeMigration(
    classicalKeyID: String, hybridKey: KeyRecord, hybridVersion: KeyVersionRecord,
    attestations: [ContinuityAttestation], at time: UnixMilliseconds
  ) throws -> Bool

  /// Records that an attempt failed (`reason` must hold no secret). Ignored once completed.
  func recordMigrationFailure(classicalKeyID: String, reason: String, at time: UnixMilliseconds) throws

  /// The migration state of one key, or nil if never claimed.
  func migration(classicalKeyID: String) throws -> MigrationRecord?

  /// Migrations in `state` (all when nil), ordered by classical key id, after `afterID`.
  func listMigrations(state: MigrationState?, afterID: String?, limit: Int) throws -> [MigrationRecord]

  /// Counts per migration state.
  func migrationSummary() throws -> MigrationSummary

  // MARK: Continuity attestations

  /// Stores one attestation (also done by ``completeMigration(classicalKeyID:hybridKey:hybridVersion:attestations:at:)``).
  func insertAttestation(_ attestation: ContinuityAttestation) throws

  /// The attestations between an old and a new key, ordered by direction.
  func attestations(oldKeyID: String, newKeyID: String) throws -> [ContinuityAttestation]

  // MARK: Audit log

  /// Appends an entry chained to the previous one; `details` is a JSON object (text). Append last
  /// in a transaction: it locks the log's head until the commit, and a fixed lock order (rows
  /// first, head last) keeps PostgreSQL transactions from deadlocking.
  @discardableResult
  func appendAudit(actor: String, action: String, keyID: String?, details: String) throws -> AuditEntry

  /// Entries with `seq > afterSeq`, in order, at most `limit`.
  func auditEntries(afterSeq: Int64, limit: Int) throws -> [AuditEntry]

  /// Entries about one key, in order.
  func auditEntries(keyID: String, limit: Int) throws -> [AuditEntry]

  /// The newest entry's position and hash as recorded beside the log (`0` and the genesis hash
  /// for an empty log).
  func auditHead() throws -> (seq: Int64, hash: [UInt8])
}

extension KeyStore {
  /// Checks the whole audit chain: every entry's hash, its link to the previous one, gapless
  /// sequence numbers, and the recorded head (so deleting the newest entries is caught too).
  /// Reads in pages, each in its own transaction, up to the head read first; entries appended
  /// meanwhile are left for the next check.
  public func verifyAuditChain(pageSize: Int = 1000) throws -> AuditVerification {
    let head = try transaction { try $0.auditHead() }
    var expectedSeq: Int64 = 1
    var previousHash = AuditChain.genesisHash
    func broken(_ seq: Int64, _ problem: String) -> AuditVerification {
      AuditVerification(
        isIntact: false, entryCount: expectedSeq - 1, headHash: previousHash, firstBadSeq: seq, problem: problem)
    }
    while expectedSeq <= head.seq {
      let page = try transaction { try $0.auditEntries(afterSeq: expectedSeq - 1, limit: max(1, pageSize)) }
      if page.isEmpty { break }
      for entry in page where entry.seq <= head.seq {
        guard entry.seq == expectedSeq else {
          return broken(expectedSeq, "entry \(expectedSeq) is missing (next is \(entry.seq))")
        }
        guard entry.previousHash == previousHash else {
          return broken(entry.seq, "entry \(entry.seq) does not link to the entry before it")
        }
        guard AuditChain.recomputedHash(entry) == entry.hash else {
          return broken(entry.seq, "entry \(entry.seq) was altered: its hash does not match its contents")
        }
        previousHash = entry.hash
        expectedSeq += 1
      }
      if page.last.map({ $0.seq >= head.seq }) ?? true { break }
    }
    guard expectedSeq - 1 == head.seq else {
      return broken(expectedSeq, "entries \(expectedSeq) to \(head.seq) are missing")
    }
    guard previousHash == head.hash else {
      return broken(head.seq, "the newest entry does not match the recorded head")
    }
    return AuditVerification(
      isIntact: true, entryCount: head.seq, headHash: previousHash, firstBadSeq: nil, problem: nil)
  }

  /// ``KeyStoreTransaction/insertKey(_:firstVersion:)`` in its own transaction.
  public func insertKey(_ key: KeyRecord, firstVersion: KeyVersionRecord) throws {
    try transaction { try $0.insertKey(key, firstVersion: firstVersion) }
  }

  /// ``KeyStoreTransaction/getKey(id:)`` in its own transaction.
  public func getKey(id: String) throws -> StoredKey? {
    try transaction { try $0.getKey(id: id) }
  }

  /// ``KeyStoreTransaction/listKeys(_:)`` in its own transaction.
  public func listKeys(_ query: KeyQuery = KeyQuery()) throws -> [KeyRecord] {
    try transaction { try $0.listKeys(query) }
  }

  /// ``KeyStoreTransaction/updateKeyState(id:version:to:at:)`` in its own transaction.
  public func updateKeyState(id: String, version: Int, to state: KeyState, at time: UnixMilliseconds) throws {
    try transaction { try $0.updateKeyState(id: id, version: version, to: state, at: time) }
  }

  /// ``KeyStoreTransaction/claimMigration(classicalKeyID:claimant:at:)`` in its own transaction.
  public func claimMigration(
    classicalKeyID: String, claimant: String, at time: UnixMilliseconds
  ) throws
    -> MigrationClaim
  {
    try transaction { try $0.claimMigration(classicalKeyID: classicalKeyID, claimant: claimant, at: time) }
  }

  /// ``KeyStoreTransaction/migrationSummary()`` in its own transaction.
  public func migrationSummary() throws -> MigrationSummary {
    try transaction { try $0.migrationSummary() }
  }

  /// ``KeyStoreTransaction/appendAudit(actor:action:keyID:details:)`` in its own transaction.
  @discardableResult
  public func appendAudit(
    actor: String, action: String, keyID: String? = nil, details: String = "{}"
  ) throws
    -> AuditEntry
  {
    try transaction { try $0.appendAudit(actor: actor, action: action, keyID: keyID, details: details) }
  }
}
