import Foundation
import QRXTestSupport
import XCTest

@testable import QRXStore

/// Crash and resume at the store level: a stand-in migration process (QRXStoreCrashWriter) is
/// killed with SIGKILL and run again until it finishes; every classical key must end with exactly
/// one hybrid key, every migration completed, and the audit chain intact with one entry per
/// migration. The kills are placed by the writer's committed progress (keys seeded plus
/// migrations completed), at fixed fractions of the work left, so every kill lands mid-work on
/// any machine and runs are repeatable; the outcome must not depend on where they land.
class StoreCrashChecks: XCTestCase {
  func freshURL() throws -> String { throw XCTSkip("abstract suite") }

  static let keyCount = 400
  /// Where each kill goes, as a fraction of the work still to do (seeding, then migrating).
  static let killFractions = [0.1, 0.3, 0.05, 0.4, 0.2, 0.3]
  /// A short wait after the threshold, different per kill, so kills fall inside transactions too.
  static let killLagsMicroseconds: [UInt32] = [0, 700, 1500, 300, 3000, 100]

  func writerURL() throws -> URL {
    // The test bundle and the package's executables share the build folder.
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let writer = folder.appendingPathComponent("QRXStoreCrashWriter")
    guard FileManager.default.isExecutableFile(atPath: writer.path) else {
      XCTFail("QRXStoreCrashWriter not built next to the tests (\(writer.path))")
      throw StoreError.connectionFailed("no crash writer")
    }
    return writer
  }

  /// The writer's committed work: classical keys seeded plus migrations completed (0 … 2n). A
  /// plain read outside a transaction: it never waits for the writer's lock (SQLite WAL readers
  /// see the last commit), so the watcher cannot stall while the writer races to the end.
  func progress(_ store: SQLKeyStore) throws -> Int {
    let sql =
      "SELECT (SELECT COUNT(*) FROM keys WHERE algorithm = 'Ed25519') "
      + "+ (SELECT COUNT(*) FROM key_migrations WHERE state = 'completed')"
    return Int(try store.unsafeQuery(sql).first?.int(0) ?? 0)
  }

  /// Runs the writer; with a threshold, kills it once `progress` reaches it. Returns whether it
  /// was killed.
  func runWriter(
    _ writer: URL, _ url: String, watching store: SQLKeyStore, killAt threshold: Int?, lag: UInt32 = 0
  )
    throws -> Bool
  {
    let process = Process()
    process.executableURL = writer
    process.arguments = [url, String(Self.keyCount)]
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-crash-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errors = try FileHandle(forWritingTo: errorFile)
    process.standardError = errors
    let outcome = try ProgressKill.run(
      process, killWhen: { try progress(store) }, reaches: threshold ?? Int.max, afterMicroseconds: lag,
      pollMicroseconds: 500)
    try errors.close()
    let message = String(decoding: FileManager.default.contents(atPath: errorFile.path) ?? Data(), as: UTF8.self)
    switch outcome {
    case .killed:
      XCTAssertEqual(process.terminationStatus, SIGKILL)
      return true
    case .exited(let status):
      XCTAssertEqual(status, 0, message)
      return false
    case .crashed(let signal):
      XCTFail("the crash writer died of signal \(signal): \(message)")
      return false
    }
  }

  func checkAKilledMigrationResumesWithOneHybridKeyPerClassicalKey() throws {
    let writer = try writerURL()
    let url = try freshURL()
    // Opening creates the schema, so the writer and this watcher never race to create it.
    let watcher = try SQLKeyStore(location: StoreLocation(url: url))
    let total = 2 * Self.keyCount
    var killedMidway = 0
    for (fraction, lag) in zip(Self.killFractions, Self.killLagsMicroseconds) {
      let done = try progress(watcher)
      let threshold = done + max(1, Int(Double(total - done) * fraction))
      if try runWriter(writer, url, watching: watcher, killAt: threshold, lag: lag),
        try progress(watcher) < total
      {
        killedMidway += 1
      }
    }
    // Each threshold leaves most of the work undone, so every kill should land mid-work; allow a
    // slow poll to miss one or two, never all.
    XCTAssertGreaterThanOrEqual(killedMidway, Self.killFractions.count / 2, "kills must land before the end")
    FileHandle.standardError.write(
      Data("store crash test: \(killedMidway) kills mid-work on \(watcher.backendName)\n".utf8))
    XCTAssertFalse(try runWriter(writer, url, watching: watcher, killAt: nil))
    watcher.close()

    let store = try SQLKeyStore(location: StoreLocation(url: url))
    defer { store.close() }
    let n = Self.keyCount
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery(algorithm: "Ed25519")) }, n)
    XCTAssertEqual(try store.transaction { try $0.countKeys(KeyQuery(algorithm: "MLDSA65-Ed25519-SHA512")) }, n)
    XCTAssertEqual(try store.migrationSummary(), MigrationSummary(completed: n))

    var classicalKeys: [KeyRecord] = []
    var query = KeyQuery(algorithm: "Ed25519", limit: 1000)
    while true {
      let page = try store.listKeys(query)
      guard let last = page.last else { break }
      classicalKeys += page
      query.afterID = last.id
    }
    XCTAssertEqual(classicalKeys.count, n)
    var auditedHybrids: [String: String] = [:]
    for entry in try store.transaction({ try $0.auditEntries(afterSeq: 0, limit: 10_000) }) {
      XCTAssertEqual(entry.action, "key.migrate")
      if let keyID = entry.keyID {
        XCTAssertNil(auditedHybrids[keyID], "two audit entries for \(keyID)")
        auditedHybrids[keyID] = entry.details
      }
    }
    XCTAssertEqual(auditedHybrids.count, n)
    for classical in classicalKeys {
      let hybridID = try XCTUnwrap(classical.migratedTo, classical.id)
      XCTAssertEqual(try store.getKey(id: hybridID)?.record.migratedFrom, classical.id)
      let migration = try store.transaction { try $0.migration(classicalKeyID: classical.id) }
      XCTAssertEqual(migration?.hybridKeyID, hybridID)
      XCTAssertEqual(try store.transaction { try $0.attestations(oldKeyID: classical.id, newKeyID: hybridID) }.count, 2)
      XCTAssertEqual(auditedHybrids[classical.id], "{\"hybrid\":\"\(hybridID)\"}")
    }
    let verification = try store.verifyAuditChain()
    XCTAssertTrue(verification.isIntact, verification.problem ?? "")
    XCTAssertEqual(verification.entryCount, Int64(n))
    if store.backendName == "sqlite" {
      XCTAssertEqual(try store.unsafeQuery("PRAGMA integrity_check").first?.text(0), "ok")
    }
  }
}

final class SQLiteCrashTests: StoreCrashChecks {
  override func freshURL() throws -> String { try TestDatabases.sqliteURL(for: self) }
  func testAKilledMigrationResumesWithOneHybridKeyPerClassicalKey() throws {
    try checkAKilledMigrationResumesWithOneHybridKeyPerClassicalKey()
  }
}

final class PostgresCrashTests: StoreCrashChecks {
  override func freshURL() throws -> String { try TestDatabases.postgresURL(for: self) }
  func testAKilledMigrationResumesWithOneHybridKeyPerClassicalKey() throws {
    try checkAKilledMigrationResumesWithOneHybridKeyPerClassicalKey()
  }
}
