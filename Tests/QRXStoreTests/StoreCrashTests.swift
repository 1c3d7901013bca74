import Foundation
import QRXTestSupport
import XCTest

@testable import QRXStore

/// Crash and resume at the store level: a stand-in migration process (QRXStoreCrashWriter) is
/// killed with SIGKILL at fixed moments and run again until it finishes; every classical key must
/// end with exactly one hybrid key, every migration completed, and the audit chain intact with one
/// entry per migration. The kill moments are fixed so runs are repeatable; the outcome must not
/// depend on where they land.
class StoreCrashChecks: XCTestCase {
  func freshURL() throws -> String { throw XCTSkip("abstract suite") }

  static let keyCount = 400
  static let killDelaysMilliseconds = [120, 300, 60, 500, 200, 900]

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

  /// Runs the writer; kills it after `killAfter` milliseconds if given. Returns whether it was killed.
  func runWriter(_ writer: URL, _ url: String, killAfter: Int?) throws -> Bool {
    let process = Process()
    process.executableURL = writer
    process.arguments = [url, String(Self.keyCount)]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    if let killAfter {
      usleep(useconds_t(killAfter * 1000))
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    if process.terminationReason == .uncaughtSignal {
      XCTAssertEqual(process.terminationStatus, SIGKILL)
      return true
    }
    XCTAssertEqual(process.terminationStatus, 0, message)
    return false
  }

  func checkAKilledMigrationResumesWithOneHybridKeyPerClassicalKey() throws {
    let writer = try writerURL()
    let url = try freshURL()
    var killedMidway = 0
    for delay in Self.killDelaysMilliseconds {
      if try runWriter(writer, url, killAfter: delay) {
        let store = try SQLKeyStore(location: StoreLocation(url: url))
        let done = try store.migrationSummary().completed
        store.close()
        if done < Self.keyCount { killedMidway += 1 }
      }
    }
    XCTAssertGreaterThan(killedMidway, 0, "no kill landed before the end: the test proved nothing")
    XCTAssertFalse(try runWriter(writer, url, killAfter: nil))

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
