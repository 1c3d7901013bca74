import Foundation
import QRXTestSupport
import XCTest

@testable import QRXStore

/// The store conformance suite: every check runs against SQLite (`SQLiteStoreTests`) and
/// PostgreSQL (`PostgresStoreTests`). Subclasses supply the URL and forward each test.
class StoreConformance: XCTestCase {
  static let t0: UnixMilliseconds = 1_700_000_000_000

  /// A fresh database URL for this test; overridden per backend.
  func freshURL() throws -> String { throw XCTSkip("abstract conformance suite") }

  /// Opens `url`, closing the store when the test ends.
  func open(_ url: String) throws -> SQLKeyStore {
    let store = try SQLKeyStore(location: StoreLocation(url: url), clock: { StoreConformance.t0 })
    addTeardownBlock { store.close() }
    return store
  }

  func makeStore() throws -> (SQLKeyStore, String) {
    let url = try freshURL()
    return (try open(url), url)
  }

  func key(
    _ id: String, algorithm: String = "Ed25519", usage: KeyUsage = .transactionSigning, label: String? = nil
  )
    -> KeyRecord
  {
    KeyRecord(id: id, algorithm: algorithm, usage: usage, label: label, createdAt: Self.t0, metadata: "{}")
  }

  func version(_ id: String, _ number: Int = 1, sealed: [UInt8]? = [1, 2, 3]) -> KeyVersionRecord {
    KeyVersionRecord(
      keyID: id, version: number, createdAt: Self.t0 + Int64(number), publicKey: Array(id.utf8) + [UInt8(number)],
      sealedPrivateKey: sealed)
  }

  func insert(_ store: SQLKeyStore, _ id: String, algorithm: String = "Ed25519") throws {
    try store.insertKey(key(id, algorithm: algorithm), firstVersion: version(id))
  }

  func dropAuditTriggers(_ store: SQLKeyStore) throws {
    if store.backendName == "sqlite" {
      try store.unsafeExecuteSchema("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
    } else {
      try store.unsafeExecuteSchema("DROP TRIGGER audit_log_append_only ON audit_log;")
    }
  }

  func appendEntries(_ store: SQLKeyStore, count: Int) throws {
    for i in 1...count {
      try store.appendAudit(actor: "tester", action: "key.generate", keyID: "k\(i)", details: "{\"n\":\(i)}")
    }
  }

  // MARK: Schema migrations

  func checkMigrationsRunOnceAndReopeningIsIdempotent() throws {
    let (store, url) = try makeStore()
    XCTAssertEqual(try store.schemaVersion(), Schema.latestVersion)
    try insert(store, "survivor")
    store.close()
    for _ in 0..<2 {
      let again = try open(url)
      XCTAssertEqual(try again.schemaVersion(), Schema.latestVersion)
      XCTAssertNotNil(try again.getKey(id: "survivor"))
      let applied = try again.unsafeCountRows("schema_migrations")
      XCTAssertEqual(applied, Schema.migrations.count)
      again.close()
    }
  }

  func checkNewerSchemaIsRefused() throws {
    let (store, url) = try makeStore()
    _ = try store.unsafeExecute(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
      [.integer(999), .text("from the future"), .integer(0)])
    store.close()
    XCTAssertThrowsError(try SQLKeyStore(location: StoreLocation(url: url))) { error in
      XCTAssertEqual(error as? StoreError, .schemaTooNew(found: 999, known: Schema.latestVersion))
    }
  }

  // MARK: Keys

  func checkInsertedKeyReadsBackExactly() throws {
    let (store, _) = try makeStore()
    var record = key("k-1", algorithm: "secp256k1-ECDSA", usage: .withdrawalSigning, label: "cold wallet 7")
    record.metadata = "{\"draft\":\"draft-ietf-lamps-pq-composite-sigs-19\"}"
    let first = version("k-1", sealed: [UInt8](repeating: 0xAB, count: 60))
    try store.insertKey(record, firstVersion: first)
    let publicOnly = version("k-2", sealed: nil)
    try store.insertKey(key("k-2"), firstVersion: publicOnly)

    let read = try XCTUnwrap(try store.getKey(id: "k-1"))
    XCTAssertEqual(read.record, record)
    XCTAssertEqual(read.versions, [first])
    XCTAssertEqual(read.current, first)
    XCTAssertEqual(try store.getKey(id: "k-2")?.current.sealedPrivateKey, nil)
    XCTAssertNil(try store.getKey(id: "absent"))
  }

  func checkDuplicateKeyIsRefused() throws {
    let (store, _) = try makeStore()
    try insert(store, "dup")
    XCTAssertThrowsError(try insert(store, "dup")) { XCTAssertEqual($0 as? StoreError, .duplicateKey("dup")) }
    XCTAssertEqual(try store.getKey(id: "dup")?.versions.count, 1)
  }

  func checkInvalidValuesAreRefused() throws {
    let (store, _) = try makeStore()
    for badID in ["", "has space", "semi;colon", "quote'", String(repeating: "a", count: 129)] {
      XCTAssertThrowsError(try insert(store, badID), "id \(badID.debugDescription)") {
        guard case .invalidValue = $0 as? StoreError else { return XCTFail("\($0)") }
      }
    }
    var badMetadata = key("m")
    badMetadata.metadata = "[1, 2]"
    XCTAssertThrowsError(try store.insertKey(badMetadata, firstVersion: version("m")))
    XCTAssertThrowsError(try store.insertKey(key("v"), firstVersion: version("v", 2)))
    XCTAssertThrowsError(try store.insertKey(key("w"), firstVersion: version("other")))
    XCTAssertEqual(try store.listKeys().count, 0)
  }

  func checkRotationAddsVersions() throws {
    let (store, _) = try makeStore()
    try insert(store, "rot")
    try store.transaction { tx in
      try tx.addKeyVersion(self.version("rot", 2))
      try tx.updateKeyState(id: "rot", version: 1, to: .rotated, at: Self.t0 + 10)
    }
    let read = try XCTUnwrap(try store.getKey(id: "rot"))
    XCTAssertEqual(read.versions.map(\.version), [1, 2])
    XCTAssertEqual(read.current.version, 2)
    XCTAssertEqual(read.versions[0].state, .rotated)
    XCTAssertEqual(read.versions[0].updatedAt, Self.t0 + 10)
    XCTAssertEqual(try store.transaction { try $0.getKeyVersion(id: "rot", version: 1) }?.state, .rotated)
    XCTAssertThrowsError(try store.transaction { try $0.addKeyVersion(self.version("rot", 2)) }) {
      XCTAssertEqual($0 as? StoreError, .duplicateKey("rot version 2"))
    }
    XCTAssertThrowsError(try store.transaction { try $0.addKeyVersion(self.version("nobody", 2)) }) {
      XCTAssertEqual($0 as? StoreError, .keyNotFound("nobody"))
    }
  }

  func checkStatesMoveForwardOnlyAndDestructionErasesThePrivateKey() throws {
    let (store, _) = try makeStore()
    try insert(store, "life")
    try store.updateKeyState(id: "life", version: 1, to: .retired, at: Self.t0 + 1)
    try store.updateKeyState(id: "life", version: 1, to: .retired, at: Self.t0 + 2)  // repeat: no-op
    XCTAssertEqual(try store.getKey(id: "life")?.current.updatedAt, Self.t0 + 1)
    XCTAssertThrowsError(try store.updateKeyState(id: "life", version: 1, to: .active, at: Self.t0 + 3)) {
      XCTAssertEqual($0 as? StoreError, .invalidStateTransition(from: .retired, to: .active))
    }
    XCTAssertNotNil(try store.getKey(id: "life")?.current.sealedPrivateKey)
    try store.updateKeyState(id: "life", version: 1, to: .destroyed, at: Self.t0 + 4)
    let destroyed = try XCTUnwrap(try store.getKey(id: "life")?.current)
    XCTAssertEqual(destroyed.state, .destroyed)
    XCTAssertNil(destroyed.sealedPrivateKey)
    XCTAssertThrowsError(try store.updateKeyState(id: "life", version: 9, to: .retired, at: Self.t0)) {
      XCTAssertEqual($0 as? StoreError, .keyNotFound("life version 9"))
    }
    // The schema itself refuses a destroyed version that keeps its private key.
    XCTAssertThrowsError(
      try store.unsafeExecute(
        "UPDATE key_versions SET sealed_private_key = ? WHERE key_id = ?", [.blob([1]), .text("life")]))
  }

  func checkUseCountAndMetadataUpdate() throws {
    let (store, _) = try makeStore()
    try insert(store, "busy")
    let counts = try store.transaction { tx in
      try (1...3).map { _ in try tx.incrementUseCount(id: "busy", version: 1) }
    }
    XCTAssertEqual(counts, [1, 2, 3])
    try store.transaction { try $0.updateKeyMetadata(id: "busy", metadata: "{\"policy\":\"max-uses\"}") }
    XCTAssertEqual(try store.getKey(id: "busy")?.record.metadata, "{\"policy\":\"max-uses\"}")
    XCTAssertThrowsError(try store.transaction { try $0.incrementUseCount(id: "busy", version: 2) })
  }

  func checkListingFiltersAndPages() throws {
    let (store, _) = try makeStore()
    for i in 0..<25 { try insert(store, String(format: "ed-%02d", i)) }
    for i in 0..<5 { try insert(store, "k1-\(i)", algorithm: "secp256k1-ECDSA") }
    try store.updateKeyState(id: "ed-03", version: 1, to: .retired, at: Self.t0)

    var seen: [String] = []
    var query = KeyQuery(algorithm: "Ed25519", limit: 10)
    while true {
      let page = try store.listKeys(query)
      if page.isEmpty { break }
      XCTAssertLessThanOrEqual(page.count, 10)
      seen += page.map(\.id)
      query.afterID = page.last?.id
    }
    XCTAssertEqual(seen, (0..<25).map { String(format: "ed-%02d", $0) })
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery(algorithm: "secp256k1-ECDSA")) }, 5)
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery()) }, 30)
    XCTAssertEqual(try store.listKeys(KeyQuery(currentState: .retired)).map(\.id), ["ed-03"])
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery(currentState: .active)) }, 29)
    XCTAssertEqual(try store.listKeys(KeyQuery(usage: .encryption)).count, 0)
    XCTAssertThrowsError(try store.listKeys(KeyQuery(limit: 0)))
  }

  // MARK: Transactions

  func checkTransactionCommitsEverythingOrNothing() throws {
    let (store, _) = try makeStore()
    struct Boom: Error {}
    XCTAssertThrowsError(
      try store.transaction { tx in
        try tx.insertKey(self.key("a"), firstVersion: self.version("a"))
        try tx.appendAudit(actor: "t", action: "key.generate", keyID: "a", details: "{}")
        throw Boom()
      }
    ) { XCTAssertTrue($0 is Boom) }
    XCTAssertNil(try store.getKey(id: "a"))
    XCTAssertEqual(try store.transaction { try $0.auditHead() }.seq, 0)

    // A failing statement rolls back what came before it in the same transaction.
    try insert(store, "b")
    XCTAssertThrowsError(
      try store.transaction { tx in
        try tx.insertKey(self.key("c"), firstVersion: self.version("c"))
        try tx.insertKey(self.key("b"), firstVersion: self.version("b"))
      })
    XCTAssertNil(try store.getKey(id: "c"))

    try store.transaction { tx in
      try tx.insertKey(self.key("d"), firstVersion: self.version("d"))
      try tx.appendAudit(actor: "t", action: "key.generate", keyID: "d", details: "{}")
    }
    XCTAssertNotNil(try store.getKey(id: "d"))
    XCTAssertEqual(try store.transaction { try $0.auditHead() }.seq, 1)
  }

  func checkNestedTransactionsAndEscapedHandlesAreRefused() throws {
    let (store, _) = try makeStore()
    XCTAssertThrowsError(try store.transaction { _ in try store.transaction { _ in 1 } }) {
      XCTAssertEqual($0 as? StoreError, .nestedTransaction)
    }
    var escaped: KeyStoreTransaction?
    try store.transaction { escaped = $0 }
    XCTAssertThrowsError(try escaped?.getKey(id: "x")) { XCTAssertEqual($0 as? StoreError, .transactionFinished) }
    store.close()
    XCTAssertThrowsError(try store.getKey(id: "x")) { XCTAssertEqual($0 as? StoreError, .closed) }
  }

  func checkConcurrentWritersFromThreadsAndConnections() throws {
    let (store, url) = try makeStore()
    let second = try open(url)
    let stores = [store, second]
    let failures = LockedCounter()
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for i in 0..<20 {
        do {
          try stores[worker % 2].transaction { tx in
            let id = "w\(worker)-\(i)"
            try tx.insertKey(
              KeyRecord(id: id, algorithm: "Ed25519", usage: .apiAuth, createdAt: 0),
              firstVersion: KeyVersionRecord(keyID: id, version: 1, createdAt: 0, publicKey: [1], sealedPrivateKey: nil)
            )
            try tx.appendAudit(actor: "worker\(worker)", action: "key.generate", keyID: id, details: "{}")
          }
        } catch {
          failures.add()
        }
      }
    }
    XCTAssertEqual(failures.value, 0)
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery()) }, 160)
    let verification = try second.verifyAuditChain()
    XCTAssertTrue(verification.isIntact, verification.problem ?? "")
    XCTAssertEqual(verification.entryCount, 160)
  }

  // MARK: Migration state

  func hybrid(_ id: String) -> (KeyRecord, KeyVersionRecord) {
    (key(id, algorithm: "MLDSA65-Ed25519-SHA512"), version(id))
  }

  func attestations(_ old: String, _ new: String) -> [ContinuityAttestation] {
    [
      ContinuityAttestation(
        oldKeyID: old, newKeyID: new, direction: .oldSignsNew, signerVersion: 1, message: [1], signature: [2],
        createdAt: Self.t0),
      ContinuityAttestation(
        oldKeyID: old, newKeyID: new, direction: .newSignsOld, signerVersion: 1, message: [3], signature: [4],
        createdAt: Self.t0),
    ]
  }

  func checkMigrationClaimsResumeAndCompleteOnce() throws {
    let (store, _) = try makeStore()
    try insert(store, "classic")
    XCTAssertThrowsError(try store.claimMigration(classicalKeyID: "ghost", claimant: "w", at: Self.t0)) {
      XCTAssertEqual($0 as? StoreError, .keyNotFound("ghost"))
    }
    XCTAssertEqual(
      try store.claimMigration(classicalKeyID: "classic", claimant: "w1", at: Self.t0), .claimed(attempt: 1))
    // w1 dies; the next run takes the key again.
    XCTAssertEqual(
      try store.claimMigration(classicalKeyID: "classic", claimant: "w2", at: Self.t0), .claimed(attempt: 2))
    try store.transaction {
      try $0.recordMigrationFailure(classicalKeyID: "classic", reason: "HSM offline", at: Self.t0)
    }
    XCTAssertEqual(try store.transaction { try $0.migration(classicalKeyID: "classic") }?.state, .failed)
    XCTAssertEqual(try store.migrationSummary(), MigrationSummary(failed: 1))
    XCTAssertEqual(
      try store.claimMigration(classicalKeyID: "classic", claimant: "w3", at: Self.t0), .claimed(attempt: 3))

    let (hybridKey, hybridVersion) = hybrid("hybrid-1")
    let completed = try store.transaction {
      try $0.completeMigration(
        classicalKeyID: "classic", hybridKey: hybridKey, hybridVersion: hybridVersion,
        attestations: self.attestations("classic", "hybrid-1"), at: Self.t0 + 5)
    }
    XCTAssertTrue(completed)
    let record = try XCTUnwrap(try store.transaction { try $0.migration(classicalKeyID: "classic") })
    XCTAssertEqual(record.state, .completed)
    XCTAssertEqual(record.hybridKeyID, "hybrid-1")
    XCTAssertEqual(record.claimedBy, "w3")
    XCTAssertEqual(record.attempts, 3)
    XCTAssertNil(record.failureReason)
    XCTAssertEqual(try store.getKey(id: "classic")?.record.migratedTo, "hybrid-1")
    XCTAssertEqual(try store.getKey(id: "hybrid-1")?.record.migratedFrom, "classic")
    XCTAssertEqual(
      try store.transaction { try $0.attestations(oldKeyID: "classic", newKeyID: "hybrid-1") },
      attestations("classic", "hybrid-1").sorted { $0.direction.rawValue < $1.direction.rawValue })
    XCTAssertEqual(try store.listKeys(KeyQuery(migrated: false)).map(\.id), ["hybrid-1"])
    XCTAssertEqual(try store.listKeys(KeyQuery(migrated: true)).map(\.id), ["classic"])

    // Done is done: no new claim, and a late second worker writes nothing.
    XCTAssertEqual(
      try store.claimMigration(classicalKeyID: "classic", claimant: "w4", at: Self.t0),
      .alreadyCompleted(hybridKeyID: "hybrid-1"))
    let (lateKey, lateVersion) = hybrid("hybrid-2")
    let late = try store.transaction {
      try $0.completeMigration(
        classicalKeyID: "classic", hybridKey: lateKey, hybridVersion: lateVersion, attestations: [], at: Self.t0)
    }
    XCTAssertFalse(late)
    XCTAssertNil(try store.getKey(id: "hybrid-2"))
    try store.transaction { try $0.recordMigrationFailure(classicalKeyID: "classic", reason: "late", at: Self.t0) }
    XCTAssertEqual(try store.migrationSummary(), MigrationSummary(completed: 1))
    XCTAssertEqual(
      try store.transaction { try $0.listMigrations(state: .completed, afterID: nil, limit: 10) }.map(\.classicalKeyID),
      ["classic"])
  }

  func checkUniqueConstraintsGiveOneHybridKeyPerClassicalKey() throws {
    let (store, _) = try makeStore()
    try insert(store, "classic")
    let (hybridKey, hybridVersion) = hybrid("hybrid-1")
    XCTAssertThrowsError(
      try store.transaction {
        try $0.completeMigration(
          classicalKeyID: "classic", hybridKey: hybridKey, hybridVersion: hybridVersion, attestations: [],
          at: Self.t0)
      }
    ) { XCTAssertEqual($0 as? StoreError, .migrationNotClaimed("classic")) }
    _ = try store.claimMigration(classicalKeyID: "classic", claimant: "w", at: Self.t0)
    XCTAssertTrue(
      try store.transaction {
        try $0.completeMigration(
          classicalKeyID: "classic", hybridKey: hybridKey, hybridVersion: hybridVersion, attestations: [],
          at: Self.t0)
      })
    try insert(store, "hybrid-2", algorithm: "MLDSA65-Ed25519-SHA512")

    // Whatever a buggy caller writes, the schema keeps one hybrid key per classical key.
    let attacks: [(String, [SQLValue])] = [
      (
        "INSERT INTO key_migrations (classical_key_id, state, hybrid_key_id, claimed_by, attempts, claimed_at, updated_at) VALUES (?, 'completed', ?, 'x', 1, 0, 0)",
        [.text("classic"), .text("hybrid-2")]
      ),
      ("UPDATE keys SET migrated_from = ? WHERE id = ?", [.text("classic"), .text("hybrid-2")]),
      ("UPDATE keys SET migrated_to = ? WHERE id = ? AND migrated_to IS NULL", [.text("hybrid-1"), .text("hybrid-2")]),
      (
        "UPDATE key_migrations SET hybrid_key_id = NULL WHERE classical_key_id = ?", [.text("classic")]
      ),
    ]
    for (sql, values) in attacks {
      XCTAssertThrowsError(try store.unsafeExecute(sql, values), sql) {
        guard case .constraintViolation = $0 as? StoreError else { return XCTFail("\(sql): \($0)") }
      }
    }
    XCTAssertEqual(try store.listKeys(KeyQuery(algorithm: "MLDSA65-Ed25519-SHA512")).count, 2)
    XCTAssertEqual(try store.getKey(id: "classic")?.record.migratedTo, "hybrid-1")
  }

  // MARK: Sealed key rows

  func checkSealedKeysPageAndReplaceOnlyWhenUnchanged() throws {
    let (store, _) = try makeStore()
    for i in 0..<7 { try store.insertKey(key("s\(i)"), firstVersion: version("s\(i)", sealed: [UInt8(i)])) }
    try store.insertKey(key("public"), firstVersion: version("public", sealed: nil))
    try store.transaction { try $0.addKeyVersion(self.version("s3", 2, sealed: [33])) }
    var rows: [SealedKeyRow] = []
    var position: (keyID: String, version: Int)?
    while true {
      let page = try store.transaction { try $0.sealedPrivateKeys(after: position, limit: 3) }
      guard let last = page.last else { break }
      rows += page
      position = (last.keyID, last.version)
    }
    XCTAssertEqual(
      rows.map { "\($0.keyID)/\($0.version)" }, ["s0/1", "s1/1", "s2/1", "s3/1", "s3/2", "s4/1", "s5/1", "s6/1"])
    XCTAssertEqual(rows[4].sealedPrivateKey, [33])
    XCTAssertEqual(rows[0].algorithm, "Ed25519")
    XCTAssertTrue(
      try store.transaction { try $0.replaceSealedPrivateKey(id: "s0", version: 1, expected: [0], with: [9]) })
    XCTAssertFalse(
      try store.transaction { try $0.replaceSealedPrivateKey(id: "s0", version: 1, expected: [0], with: [8]) })
    XCTAssertEqual(try store.getKey(id: "s0")?.current.sealedPrivateKey, [9])
  }

  // MARK: Audit log

  func checkAuditEntriesChainAndVerify() throws {
    let (store, _) = try makeStore()
    XCTAssertEqual(
      try store.verifyAuditChain(),
      AuditVerification(
        isIntact: true, entryCount: 0, headHash: AuditChain.genesisHash, firstBadSeq: nil, problem: nil))
    try appendEntries(store, count: 5)
    try store.appendAudit(actor: "tester", action: "master-key.rotate")
    let entries = try store.transaction { try $0.auditEntries(afterSeq: 0, limit: 100) }
    XCTAssertEqual(entries.map(\.seq), [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(entries[0].previousHash, AuditChain.genesisHash)
    for (previous, entry) in zip(entries, entries.dropFirst()) { XCTAssertEqual(entry.previousHash, previous.hash) }
    XCTAssertEqual(entries[5].keyID, nil)
    XCTAssertEqual(entries[2].details, "{\"n\":3}")
    XCTAssertEqual(try store.transaction { try $0.auditEntries(keyID: "k2", limit: 10) }.map(\.seq), [2])
    let verification = try store.verifyAuditChain(pageSize: 2)
    XCTAssertTrue(verification.isIntact)
    XCTAssertEqual(verification.entryCount, 6)
    XCTAssertEqual(verification.headHash, entries[5].hash)
    XCTAssertThrowsError(try store.appendAudit(actor: "t", action: "x", details: "not json"))
    XCTAssertThrowsError(try store.appendAudit(actor: "", action: "x"))
  }

  func checkAuditLogRefusesUpdateAndDelete() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 2)
    XCTAssertThrowsError(try store.unsafeExecute("UPDATE audit_log SET actor = ? WHERE seq = 1", [.text("mallory")]))
    XCTAssertThrowsError(try store.unsafeExecute("DELETE FROM audit_log WHERE seq = 2", []))
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
  }

  func checkAuditDetectsAnEditedRow() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 6)
    try dropAuditTriggers(store)
    XCTAssertEqual(
      try store.unsafeExecute("UPDATE audit_log SET details = ? WHERE seq = 3", [.text("{\"n\":333}")]), 1)
    let verification = try store.verifyAuditChain()
    XCTAssertFalse(verification.isIntact)
    XCTAssertEqual(verification.firstBadSeq, 3)
    XCTAssertEqual(verification.entryCount, 2)
  }

  func checkAuditDetectsAnEditedRowWithARecomputedHash() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 4)
    try dropAuditTriggers(store)
    let entry = try XCTUnwrap(try store.transaction { try $0.auditEntries(afterSeq: 1, limit: 1) }.first)
    let forged = AuditChain.entryHash(
      seq: entry.seq, recordedAt: entry.recordedAt, actor: "mallory", action: entry.action, keyID: entry.keyID,
      details: entry.details, previousHash: entry.previousHash)
    XCTAssertEqual(
      try store.unsafeExecute(
        "UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 2", [.text("mallory"), .blob(forged)]), 1
    )
    let verification = try store.verifyAuditChain()
    XCTAssertFalse(verification.isIntact)
    XCTAssertEqual(verification.firstBadSeq, 3)
  }

  func checkAuditDetectsADeletedRow() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 6)
    try dropAuditTriggers(store)
    XCTAssertEqual(try store.unsafeExecute("DELETE FROM audit_log WHERE seq = 4", []), 1)
    let verification = try store.verifyAuditChain()
    XCTAssertFalse(verification.isIntact)
    XCTAssertEqual(verification.firstBadSeq, 4)
  }

  func checkAuditDetectsDeletedNewestRows() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 6)
    try dropAuditTriggers(store)
    XCTAssertEqual(try store.unsafeExecute("DELETE FROM audit_log WHERE seq >= 5", []), 2)
    let verification = try store.verifyAuditChain()
    XCTAssertFalse(verification.isIntact)
    XCTAssertEqual(verification.firstBadSeq, 5)
    XCTAssertEqual(verification.entryCount, 4)
  }

  func checkAuditDetectsReorderedRows() throws {
    let (store, _) = try makeStore()
    try appendEntries(store, count: 6)
    try dropAuditTriggers(store)
    // Swap entries 2 and 3.
    _ = try store.unsafeExecute("UPDATE audit_log SET seq = 1000 WHERE seq = 2", [])
    _ = try store.unsafeExecute("UPDATE audit_log SET seq = 2 WHERE seq = 3", [])
    _ = try store.unsafeExecute("UPDATE audit_log SET seq = 3 WHERE seq = 1000", [])
    let verification = try store.verifyAuditChain()
    XCTAssertFalse(verification.isIntact)
    XCTAssertEqual(verification.firstBadSeq, 2)
  }
}

extension SQLKeyStore {
  /// Row count of a fixed table, for tests.
  func unsafeCountRows(_ table: String) throws -> Int {
    Int(try unsafeQuery("SELECT COUNT(*) FROM \(table)").first?.int(0) ?? -1)
  }
}

/// A thread-safe counter for concurrency tests.
final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
