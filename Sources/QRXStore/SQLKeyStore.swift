import Foundation

/// ``KeyStore`` over one SQL connection (SQLite or PostgreSQL).
///
/// Thread safety: the store owns exactly one connection and a lock; a transaction holds the lock
/// from `BEGIN` to `COMMIT`/`ROLLBACK`, so calls from many threads or actors run one after the
/// other. Several processes may share one database: SQLite serializes their writers with its
/// file lock (`BEGIN IMMEDIATE`, busy timeout), PostgreSQL with row locks (`SELECT … FOR UPDATE`)
/// and unique constraints. For parallel throughput open several stores.
public final class SQLKeyStore: KeyStore, @unchecked Sendable {
  private let lock = NSRecursiveLock()
  // Guarded by `lock`.
  private var connection: SQLConnection?
  private var inTransaction = false
  private let dialect: SQLDialect
  private let clock: @Sendable () -> UnixMilliseconds

  /// `sqlite` or `postgres`.
  public var backendName: String { dialect.rawValue }

  /// Opens the store at `location`, applying any schema migrations this build has and the
  /// database lacks. `clock` stamps audit entries (tests inject one).
  public init(
    location: StoreLocation, clock: @escaping @Sendable () -> UnixMilliseconds = StoreClock.now
  ) throws {
    switch location {
    case .sqlite(let path): connection = try SQLiteConnection(path: path)
    case .postgres(let url): connection = try PostgresConnection(url: url)
    }
    dialect = location.isPostgres ? .postgres : .sqlite
    self.clock = clock
    do {
      try migrate()
    } catch {
      close()
      throw error
    }
  }

  deinit { connection?.close() }

  /// Closes the connection; later calls throw ``StoreError/closed``.
  public func close() {
    lock.lock()
    defer { lock.unlock() }
    connection?.close()
    connection = nil
  }

  /// Runs `body` between BEGIN and COMMIT (ROLLBACK when it throws), holding the store's lock.
  public func transaction<T>(_ body: (KeyStoreTransaction) throws -> T) throws -> T {
    try withConnection { connection in
      let handle = SQLKeyStoreTransaction(connection: connection, dialect: dialect, clock: clock)
      defer { handle.isOpen = false }
      return try run(on: connection) { try body(handle) }
    }
  }

  /// The newest applied schema migration.
  public func schemaVersion() throws -> Int {
    try withConnection { connection in
      try run(on: connection) {
        let rows = try connection.query("SELECT MAX(version) FROM schema_migrations", [])
        guard let row = rows.first else { return 0 }
        if case .null = row.values.first ?? .null { return 0 }
        return try row.int32(0)
      }
    }
  }

  /// Raw SQL for tests that play an attacker with database access (`@testable import`).
  func unsafeExecute(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int {
    try withConnection { try $0.execute(sql, parameters) }
  }

  /// Raw queries for tests (`@testable import`).
  func unsafeQuery(_ sql: String, _ parameters: [SQLValue] = []) throws -> [SQLRow] {
    try withConnection { try $0.query(sql, parameters) }
  }

  /// Raw schema SQL for tests (`@testable import`).
  func unsafeExecuteSchema(_ sql: String) throws {
    try withConnection { try $0.executeSchema(sql) }
  }

  private func withConnection<T>(_ body: (SQLConnection) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    guard let connection else { throw StoreError.closed }
    guard !inTransaction else { throw StoreError.nestedTransaction }
    return try body(connection)
  }

  /// BEGIN … COMMIT around `body`, ROLLBACK when it throws. Called with the lock held.
  private func run<T>(on connection: SQLConnection, _ body: () throws -> T) throws -> T {
    try connection.prepareForTransaction()
    try connection.execute(dialect.beginTransaction, [])
    inTransaction = true
    defer { inTransaction = false }
    let value: T
    do {
      value = try body()
    } catch {
      _ = try? connection.execute("ROLLBACK", [])
      throw error
    }
    do {
      try connection.execute("COMMIT", [])
    } catch {
      _ = try? connection.execute("ROLLBACK", [])
      throw error
    }
    return value
  }

  // MARK: Schema migrations

  private func migrate() throws {
    guard let connection else { throw StoreError.closed }
    for migration in Schema.migrations {
      try run(on: connection) {
        if dialect == .postgres {
          try connection.execute("SELECT pg_advisory_xact_lock(?)", [.integer(Schema.postgresMigrationLock)])
        }
        try connection.executeSchema(
          Schema.render(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
              version {INT} PRIMARY KEY,
              name TEXT NOT NULL,
              applied_at {INT} NOT NULL
            ){STRICT}
            """, for: dialect))
        let newest = try connection.query("SELECT MAX(version) FROM schema_migrations", [])
        if let row = newest.first, case .integer(let found) = row.values.first ?? .null,
          found > Int64(Schema.latestVersion)
        {
          throw StoreError.schemaTooNew(found: Int(found), known: Schema.latestVersion)
        }
        let applied = try connection.query(
          "SELECT version FROM schema_migrations WHERE version = ?", [.integer(Int64(migration.version))])
        guard applied.isEmpty else { return }
        for step in migration.steps {
          switch step {
          case .schema(let template):
            try connection.executeSchema(Schema.render(template, for: dialect))
          case .dialectSchema(let sqlite, let postgres):
            try connection.executeSchema(dialect == .sqlite ? sqlite : postgres)
          case .statement(let sql, let parameters):
            try connection.execute(sql, parameters)
          }
        }
        try connection.execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          [.integer(Int64(migration.version)), .text(migration.name), .integer(clock())])
      }
    }
  }
}

/// The handle passed to a transaction's closure; valid only while the closure runs.
final class SQLKeyStoreTransaction: KeyStoreTransaction {
  private let connection: SQLConnection
  private let dialect: SQLDialect
  private let clock: @Sendable () -> UnixMilliseconds
  var isOpen = true

  init(connection: SQLConnection, dialect: SQLDialect, clock: @escaping @Sendable () -> UnixMilliseconds) {
    self.connection = connection
    self.dialect = dialect
    self.clock = clock
  }

  @discardableResult
  private func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
    guard isOpen else { throw StoreError.transactionFinished }
    return try connection.execute(sql, parameters)
  }

  private func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
    guard isOpen else { throw StoreError.transactionFinished }
    return try connection.query(sql, parameters)
  }

  private static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }

  private static func checkLimit(_ limit: Int) throws {
    guard limit >= 1, limit <= 10_000 else { throw StoreError.invalidValue("a page holds 1 to 10000 rows") }
  }

  // MARK: Keys

  private static let keyColumns = "id, algorithm, usage, label, created_at, metadata, migrated_from, migrated_to"
  private static let versionColumns =
    "key_id, version, state, created_at, updated_at, public_key, sealed_private_key, use_count"

  private static func keyRecord(_ row: SQLRow) throws -> KeyRecord {
    guard let usage = KeyUsage(rawValue: try row.text(2)) else { throw StoreError.corruptRow("keys.usage") }
    var record = KeyRecord(
      id: try row.text(0), algorithm: try row.text(1), usage: usage, label: try row.optionalText(3),
      createdAt: try row.int(4), metadata: try row.text(5))
    record.migratedFrom = try row.optionalText(6)
    record.migratedTo = try row.optionalText(7)
    return record
  }

  private static func versionRecord(_ row: SQLRow) throws -> KeyVersionRecord {
    guard let state = KeyState(rawValue: try row.text(2)) else { throw StoreError.corruptRow("key_versions.state") }
    var record = KeyVersionRecord(
      keyID: try row.text(0), version: try row.int32(1), state: state, createdAt: try row.int(3),
      publicKey: try row.blob(5), sealedPrivateKey: try row.optionalBlob(6))
    record.updatedAt = try row.int(4)
    record.useCount = try row.int(7)
    return record
  }

  private func checkNewKey(_ key: KeyRecord) throws {
    try Validation.checkKeyID(key.id)
    try Validation.checkName(key.algorithm, what: "an algorithm name", maximum: 100)
    if let label = key.label { try Validation.checkName(label, what: "a label") }
    try Validation.checkJSONObject(key.metadata, what: "key metadata")
  }

  private func checkVersion(_ version: KeyVersionRecord) throws {
    try Validation.checkKeyID(version.keyID)
    guard version.version >= 1, version.version <= Int(Int32.max) else {
      throw StoreError.invalidValue("a key version is 1 or more")
    }
    guard version.useCount >= 0 else { throw StoreError.invalidValue("a use count is 0 or more") }
    guard version.state != .destroyed || version.sealedPrivateKey == nil else {
      throw StoreError.invalidValue("a destroyed version has no private key")
    }
  }

  private func insertKeyRow(_ key: KeyRecord, migratedFrom: String?) throws {
    let inserted = try execute(
      """
      INSERT INTO keys (id, algorithm, usage, label, created_at, metadata, migrated_from)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
      """,
      [
        .text(key.id), .text(key.algorithm), .text(key.usage.rawValue), Self.optional(key.label),
        .integer(key.createdAt), .text(key.metadata), Self.optional(migratedFrom),
      ])
    guard inserted == 1 else {
      // A conflict on migrated_from is a second hybrid key for one classical key.
      if let migratedFrom,
        try !query("SELECT id FROM keys WHERE migrated_from = ?", [.text(migratedFrom)]).isEmpty
      {
        throw StoreError.alreadyMigrated(migratedFrom)
      }
      throw StoreError.duplicateKey(key.id)
    }
  }

  private func insertVersionRow(_ version: KeyVersionRecord) throws {
    let inserted = try execute(
      """
      INSERT INTO key_versions (\(Self.versionColumns))
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
      """,
      [
        .text(version.keyID), .integer(Int64(version.version)), .text(version.state.rawValue),
        .integer(version.createdAt), .integer(version.updatedAt), .blob(version.publicKey),
        version.sealedPrivateKey.map { .blob($0) } ?? .null, .integer(version.useCount),
      ])
    guard inserted == 1 else { throw StoreError.duplicateKey("\(version.keyID) version \(version.version)") }
  }

  func insertKey(_ key: KeyRecord, firstVersion: KeyVersionRecord) throws {
    try checkNewKey(key)
    try checkVersion(firstVersion)
    guard firstVersion.keyID == key.id, firstVersion.version == 1 else {
      throw StoreError.invalidValue("the first version of key \(key.id) must be its version 1")
    }
    try insertKeyRow(key, migratedFrom: nil)
    try insertVersionRow(firstVersion)
  }

  func addKeyVersion(_ version: KeyVersionRecord) throws {
    try checkVersion(version)
    let exists = try query("SELECT id FROM keys WHERE id = ?\(dialect.forUpdate)", [.text(version.keyID)])
    guard !exists.isEmpty else { throw StoreError.keyNotFound(version.keyID) }
    try insertVersionRow(version)
  }

  func getKey(id: String) throws -> StoredKey? {
    let keys = try query("SELECT \(Self.keyColumns) FROM keys WHERE id = ?", [.text(id)])
    guard let row = keys.first else { return nil }
    let record = try Self.keyRecord(row)
    let versions = try query(
      "SELECT \(Self.versionColumns) FROM key_versions WHERE key_id = ? ORDER BY version", [.text(id)]
    ).map(Self.versionRecord)
    guard let key = StoredKey(record: record, versions: versions) else {
      throw StoreError.corruptRow("key \(id) has no version")
    }
    return key
  }

  func getKeyVersion(id: String, version: Int) throws -> KeyVersionRecord? {
    try query(
      "SELECT \(Self.versionColumns) FROM key_versions WHERE key_id = ? AND version = ?",
      [.text(id), .integer(Int64(version))]
    ).first.map(Self.versionRecord)
  }

  /// The WHERE clause of `query` from fixed fragments, and its bound values.
  private static func filter(_ keyQuery: KeyQuery, paged: Bool) -> (clause: String, values: [SQLValue]) {
    var conditions: [String] = []
    var values: [SQLValue] = []
    if let algorithm = keyQuery.algorithm {
      conditions.append("k.algorithm = ?")
      values.append(.text(algorithm))
    }
    if let usage = keyQuery.usage {
      conditions.append("k.usage = ?")
      values.append(.text(usage.rawValue))
    }
    if let state = keyQuery.currentState {
      conditions.append(
        "(SELECT v.state FROM key_versions v WHERE v.key_id = k.id ORDER BY v.version DESC LIMIT 1) = ?")
      values.append(.text(state.rawValue))
    }
    if let migrated = keyQuery.migrated {
      conditions.append(migrated ? "k.migrated_to IS NOT NULL" : "k.migrated_to IS NULL")
    }
    if paged, let after = keyQuery.afterID {
      conditions.append("k.id > ?")
      values.append(.text(after))
    }
    return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
  }

  func listKeys(_ keyQuery: KeyQuery) throws -> [KeyRecord] {
    try Self.checkLimit(keyQuery.limit)
    let (clause, values) = Self.filter(keyQuery, paged: true)
    let columns = Self.keyColumns.split(separator: ",").map { "k." + $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: ", ")
    return try query(
      "SELECT \(columns) FROM keys k\(clause) ORDER BY k.id LIMIT ?", values + [.integer(Int64(keyQuery.limit))]
    ).map(Self.keyRecord)
  }

  func countKeys(_ keyQuery: KeyQuery) throws -> Int {
    let (clause, values) = Self.filter(keyQuery, paged: false)
    guard let row = try query("SELECT COUNT(*) FROM keys k\(clause)", values).first else { return 0 }
    return Int(try row.int(0))
  }

  func updateKeyState(id: String, version: Int, to state: KeyState, at time: UnixMilliseconds) throws {
    let rows = try query(
      "SELECT state FROM key_versions WHERE key_id = ? AND version = ?\(dialect.forUpdate)",
      [.text(id), .integer(Int64(version))])
    guard let row = rows.first else { throw StoreError.keyNotFound("\(id) version \(version)") }
    guard let current = KeyState(rawValue: try row.text(0)) else { throw StoreError.corruptRow("key_versions.state") }
    guard current.canMove(to: state) else { throw StoreError.invalidStateTransition(from: current, to: state) }
    guard current != state else { return }
    if state == .destroyed {
      try execute(
        """
        UPDATE key_versions SET state = ?, updated_at = ?, sealed_private_key = NULL
        WHERE key_id = ? AND version = ?
        """, [.text(state.rawValue), .integer(time), .text(id), .integer(Int64(version))])
    } else {
      try execute(
        "UPDATE key_versions SET state = ?, updated_at = ? WHERE key_id = ? AND version = ?",
        [.text(state.rawValue), .integer(time), .text(id), .integer(Int64(version))])
    }
  }

  func incrementUseCount(id: String, version: Int) throws -> Int64 {
    let changed = try execute(
      "UPDATE key_versions SET use_count = use_count + 1 WHERE key_id = ? AND version = ?",
      [.text(id), .integer(Int64(version))])
    guard changed == 1 else { throw StoreError.keyNotFound("\(id) version \(version)") }
    guard
      let row = try query(
        "SELECT use_count FROM key_versions WHERE key_id = ? AND version = ?", [.text(id), .integer(Int64(version))]
      ).first
    else { throw StoreError.keyNotFound("\(id) version \(version)") }
    return try row.int(0)
  }

  func updateKeyMetadata(id: String, metadata: String) throws {
    try Validation.checkJSONObject(metadata, what: "key metadata")
    let changed = try execute("UPDATE keys SET metadata = ? WHERE id = ?", [.text(metadata), .text(id)])
    guard changed == 1 else { throw StoreError.keyNotFound(id) }
  }

  // MARK: Sealed private keys

  func sealedPrivateKeys(after position: (keyID: String, version: Int)?, limit: Int) throws -> [SealedKeyRow] {
    try Self.checkLimit(limit)
    let select = """
      SELECT v.key_id, v.version, k.algorithm, v.sealed_private_key FROM key_versions v
      JOIN keys k ON k.id = v.key_id WHERE v.sealed_private_key IS NOT NULL
      """
    let rows: [SQLRow]
    if let position {
      rows = try query(
        select + " AND (v.key_id > ? OR (v.key_id = ? AND v.version > ?)) ORDER BY v.key_id, v.version LIMIT ?",
        [.text(position.keyID), .text(position.keyID), .integer(Int64(position.version)), .integer(Int64(limit))])
    } else {
      rows = try query(select + " ORDER BY v.key_id, v.version LIMIT ?", [.integer(Int64(limit))])
    }
    return try rows.map {
      SealedKeyRow(
        keyID: try $0.text(0), version: try $0.int32(1), algorithm: try $0.text(2), sealedPrivateKey: try $0.blob(3))
    }
  }

  func replaceSealedPrivateKey(id: String, version: Int, expected: [UInt8], with sealed: [UInt8]) throws -> Bool {
    try execute(
      "UPDATE key_versions SET sealed_private_key = ? WHERE key_id = ? AND version = ? AND sealed_private_key = ?",
      [.blob(sealed), .text(id), .integer(Int64(version)), .blob(expected)]) == 1
  }

  // MARK: Migrations

  private static let migrationColumns =
    "classical_key_id, state, hybrid_key_id, claimed_by, attempts, failure_reason, claimed_at, updated_at"

  private static func migrationRecord(_ row: SQLRow) throws -> MigrationRecord {
    guard let state = MigrationState(rawValue: try row.text(1)) else {
      throw StoreError.corruptRow("key_migrations.state")
    }
    return MigrationRecord(
      classicalKeyID: try row.text(0), state: state, hybridKeyID: try row.optionalText(2),
      claimedBy: try row.text(3), attempts: try row.int32(4), failureReason: try row.optionalText(5),
      claimedAt: try row.int(6), updatedAt: try row.int(7))
  }

  private func lockedMigration(_ classicalKeyID: String) throws -> MigrationRecord? {
    try query(
      "SELECT \(Self.migrationColumns) FROM key_migrations WHERE classical_key_id = ?\(dialect.forUpdate)",
      [.text(classicalKeyID)]
    ).first.map(Self.migrationRecord)
  }

  func claimMigration(classicalKeyID: String, claimant: String, at time: UnixMilliseconds) throws -> MigrationClaim {
    try Validation.checkName(claimant, what: "a claimant")
    guard try query("SELECT id FROM keys WHERE id = ?", [.text(classicalKeyID)]).first != nil else {
      throw StoreError.keyNotFound(classicalKeyID)
    }
    let inserted = try execute(
      """
      INSERT INTO key_migrations (\(Self.migrationColumns))
      VALUES (?, 'claimed', NULL, ?, 1, NULL, ?, ?) ON CONFLICT DO NOTHING
      """, [.text(classicalKeyID), .text(claimant), .integer(time), .integer(time)])
    if inserted == 1 { return .claimed(attempt: 1) }
    guard let existing = try lockedMigration(classicalKeyID) else {
      throw StoreError.corruptRow("key_migrations: claim of \(classicalKeyID) vanished")
    }
    if existing.state == .completed {
      guard let hybrid = existing.hybridKeyID else { throw StoreError.corruptRow("key_migrations.hybrid_key_id") }
      return .alreadyCompleted(hybridKeyID: hybrid)
    }
    let attempt = existing.attempts + 1
    try execute(
      """
      UPDATE key_migrations SET state = 'claimed', claimed_by = ?, attempts = ?, updated_at = ?
      WHERE classical_key_id = ? AND state <> 'completed'
      """, [.text(claimant), .integer(Int64(attempt)), .integer(time), .text(classicalKeyID)])
    return .claimed(attempt: attempt)
  }

  func completeMigration(
    classicalKeyID: String, hybridKey: KeyRecord, hybridVersion: KeyVersionRecord,
    attestations: [ContinuityAttestation], at time: UnixMilliseconds
  ) throws -> Bool {
    guard let existing = try lockedMigration(classicalKeyID) else {
      throw StoreError.migrationNotClaimed(classicalKeyID)
    }
    if existing.state == .completed { return false }
    try checkNewKey(hybridKey)
    try checkVersion(hybridVersion)
    guard hybridVersion.keyID == hybridKey.id, hybridVersion.version == 1 else {
      throw StoreError.invalidValue("the first version of key \(hybridKey.id) must be its version 1")
    }
    for attestation in attestations {
      guard attestation.oldKeyID == classicalKeyID, attestation.newKeyID == hybridKey.id else {
        throw StoreError.invalidValue("an attestation names other keys than this migration")
      }
    }
    try insertKeyRow(hybridKey, migratedFrom: classicalKeyID)
    try insertVersionRow(hybridVersion)
    let linked = try execute(
      "UPDATE keys SET migrated_to = ? WHERE id = ? AND migrated_to IS NULL",
      [.text(hybridKey.id), .text(classicalKeyID)]
    )
    guard linked == 1 else { throw StoreError.alreadyMigrated(classicalKeyID) }
    for attestation in attestations { try insertAttestation(attestation) }
    try execute(
      """
      UPDATE key_migrations SET state = 'completed', hybrid_key_id = ?, failure_reason = NULL, updated_at = ?
      WHERE classical_key_id = ?
      """, [.text(hybridKey.id), .integer(time), .text(classicalKeyID)])
    return true
  }

  func recordMigrationFailure(classicalKeyID: String, reason: String, at time: UnixMilliseconds) throws {
    let reasonText = String(reason.prefix(1000))
    try execute(
      """
      UPDATE key_migrations SET state = 'failed', failure_reason = ?, updated_at = ?
      WHERE classical_key_id = ? AND state <> 'completed'
      """, [.text(reasonText), .integer(time), .text(classicalKeyID)])
  }

  func migration(classicalKeyID: String) throws -> MigrationRecord? {
    try query(
      "SELECT \(Self.migrationColumns) FROM key_migrations WHERE classical_key_id = ?", [.text(classicalKeyID)]
    ).first.map(Self.migrationRecord)
  }

  func listMigrations(state: MigrationState?, afterID: String?, limit: Int) throws -> [MigrationRecord] {
    try Self.checkLimit(limit)
    var conditions: [String] = []
    var values: [SQLValue] = []
    if let state {
      conditions.append("state = ?")
      values.append(.text(state.rawValue))
    }
    if let afterID {
      conditions.append("classical_key_id > ?")
      values.append(.text(afterID))
    }
    let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    return try query(
      "SELECT \(Self.migrationColumns) FROM key_migrations\(clause) ORDER BY classical_key_id LIMIT ?",
      values + [.integer(Int64(limit))]
    ).map(Self.migrationRecord)
  }

  func migrationSummary() throws -> MigrationSummary {
    var summary = MigrationSummary()
    for row in try query("SELECT state, COUNT(*) FROM key_migrations GROUP BY state", []) {
      let count = Int(try row.int(1))
      switch MigrationState(rawValue: try row.text(0)) {
      case .claimed: summary.claimed = count
      case .completed: summary.completed = count
      case .failed: summary.failed = count
      case nil: throw StoreError.corruptRow("key_migrations.state")
      }
    }
    return summary
  }

  // MARK: Attestations

  func insertAttestation(_ attestation: ContinuityAttestation) throws {
    guard attestation.signerVersion >= 1, attestation.signerVersion <= Int(Int32.max) else {
      throw StoreError.invalidValue("a signer version is 1 or more")
    }
    let inserted = try execute(
      """
      INSERT INTO continuity_attestations
        (old_key_id, new_key_id, direction, signer_version, message, signature, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
      """,
      [
        .text(attestation.oldKeyID), .text(attestation.newKeyID), .text(attestation.direction.rawValue),
        .integer(Int64(attestation.signerVersion)), .blob(attestation.message), .blob(attestation.signature),
        .integer(attestation.createdAt),
      ])
    guard inserted == 1 else {
      throw StoreError.constraintViolation(
        "an attestation \(attestation.direction.rawValue) between these keys already exists")
    }
  }

  func attestations(oldKeyID: String, newKeyID: String) throws -> [ContinuityAttestation] {
    try query(
      """
      SELECT old_key_id, new_key_id, direction, signer_version, message, signature, created_at
      FROM continuity_attestations WHERE old_key_id = ? AND new_key_id = ? ORDER BY direction
      """, [.text(oldKeyID), .text(newKeyID)]
    ).map { row in
      guard let direction = AttestationDirection(rawValue: try row.text(2)) else {
        throw StoreError.corruptRow("continuity_attestations.direction")
      }
      return ContinuityAttestation(
        oldKeyID: try row.text(0), newKeyID: try row.text(1), direction: direction,
        signerVersion: try row.int32(3), message: try row.blob(4), signature: try row.blob(5),
        createdAt: try row.int(6))
    }
  }

  // MARK: Audit log

  private static let auditColumns = "seq, recorded_at, actor, action, key_id, details, prev_hash, hash"

  private static func auditEntry(_ row: SQLRow) throws -> AuditEntry {
    AuditEntry(
      seq: try row.int(0), recordedAt: try row.int(1), actor: try row.text(2), action: try row.text(3),
      keyID: try row.optionalText(4), details: try row.text(5), previousHash: try row.blob(6), hash: try row.blob(7))
  }

  func auditHead() throws -> (seq: Int64, hash: [UInt8]) {
    guard let row = try query("SELECT seq, hash FROM audit_head WHERE id = 1", []).first else {
      throw StoreError.corruptRow("audit_head is missing")
    }
    return (try row.int(0), try row.blob(1))
  }

  @discardableResult
  func appendAudit(actor: String, action: String, keyID: String?, details: String) throws -> AuditEntry {
    try Validation.checkName(actor, what: "an audit actor")
    try Validation.checkName(action, what: "an audit action")
    if let keyID { try Validation.checkKeyID(keyID) }
    try Validation.checkJSONObject(details, what: "audit details")
    // The head row's lock (PostgreSQL) or the write lock (SQLite) orders concurrent appenders;
    // the primary key on seq would refuse a fork anyway.
    guard let head = try query("SELECT seq, hash FROM audit_head WHERE id = 1\(dialect.forUpdate)", []).first else {
      throw StoreError.corruptRow("audit_head is missing")
    }
    let previousSeq = try head.int(0)
    let previousHash = try head.blob(1)
    let seq = previousSeq + 1
    let recordedAt = clock()
    let hash = AuditChain.entryHash(
      seq: seq, recordedAt: recordedAt, actor: actor, action: action, keyID: keyID, details: details,
      previousHash: previousHash)
    try execute(
      "INSERT INTO audit_log (\(Self.auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [
        .integer(seq), .integer(recordedAt), .text(actor), .text(action), Self.optional(keyID), .text(details),
        .blob(previousHash), .blob(hash),
      ])
    let moved = try execute(
      "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?",
      [.integer(seq), .blob(hash), .integer(previousSeq)])
    guard moved == 1 else { throw StoreError.busy("the audit head moved during an append") }
    return AuditEntry(
      seq: seq, recordedAt: recordedAt, actor: actor, action: action, keyID: keyID, details: details,
      previousHash: previousHash, hash: hash)
  }

  func auditEntries(afterSeq: Int64, limit: Int) throws -> [AuditEntry] {
    try Self.checkLimit(limit)
    return try query(
      "SELECT \(Self.auditColumns) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
      [.integer(afterSeq), .integer(Int64(limit))]
    ).map(Self.auditEntry)
  }

  func auditEntries(keyID: String, limit: Int) throws -> [AuditEntry] {
    try Self.checkLimit(limit)
    return try query(
      "SELECT \(Self.auditColumns) FROM audit_log WHERE key_id = ? ORDER BY seq LIMIT ?",
      [.text(keyID), .integer(Int64(limit))]
    ).map(Self.auditEntry)
  }
}
