import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXStore

/// `qrx keys`, `qrx migrate` and `qrx audit` through the built binary.
class KeysCommandChecks: XCTestCase {
  func freshURL() throws -> String { throw XCTSkip("abstract suite") }

  let masterKey = Hex.encode(SystemRandom().bytes(count: 32))

  /// Runs `qrx arguments` with the master key in the environment. With `killWhen`, kills it with
  /// SIGKILL once that progress reaches `threshold` (see ``ProgressKill``). Returns the exit status
  /// (nil if killed) and stdout.
  @discardableResult
  func qrx(
    _ arguments: [String], killWhen progress: (() throws -> Int)? = nil, threshold: Int = .max, lag: UInt32 = 0,
    expect: Int32? = 0, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> (status: Int32?, out: String)
  {
    let process = Process()
    process.executableURL = QRXBinary.url
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["QRX_MASTER_KEY"] = masterKey
    environment["QRX_MASTER_KEY_FILE"] = nil
    environment["QRX_DB"] = nil
    process.environment = environment
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-out-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: folder.path + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: folder.path + ".err", contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: folder.path + ".out")
      try? FileManager.default.removeItem(atPath: folder.path + ".err")
    }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path + ".out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path + ".err"))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let outcome = try ProgressKill.run(
      process, killWhen: progress ?? { 0 }, reaches: progress == nil ? .max : threshold, afterMicroseconds: lag,
      pollMicroseconds: 1000)
    try out.close()
    try err.close()
    let text = String(decoding: FileManager.default.contents(atPath: folder.path + ".out") ?? Data(), as: UTF8.self)
    let errors = String(decoding: FileManager.default.contents(atPath: folder.path + ".err") ?? Data(), as: UTF8.self)
    let status: Int32
    switch outcome {
    case .killed: return (nil, text)
    case .crashed(let signal):
      XCTFail("qrx \(arguments.joined(separator: " ")) died of signal \(signal): \(errors)", file: file, line: line)
      throw CLITestError.crashed(signal)
    case .exited(let code): status = code
    }
    if let expect {
      XCTAssertEqual(status, expect, "qrx \(arguments.joined(separator: " ")): \(errors)", file: file, line: line)
    }
    return (status, text)
  }

  enum CLITestError: Error {
    case crashed(Int32)
  }

  func jsonObject(_ text: String) throws -> [String: Any] {
    try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
  }

  func checkFiveClassicalKeysMigrateEndToEnd() throws {
    let db = try freshURL()
    let ids = try qrx(["keys", "generate", "--alg", "Ed25519", "--count", "5", "--db", db]).out
      .split(separator: "\n").map(String.init)
    XCTAssertEqual(ids.count, 5)
    let report = try jsonObject(try qrx(["migrate", "--all", "--json", "--db", db]).out)
    let successes = try XCTUnwrap(report["successful_migrations"] as? [[String: String]])
    XCTAssertEqual(successes.count, 5)
    XCTAssertEqual((report["failed_migrations"] as? [Any])?.count, 0)
    XCTAssertEqual(Set(successes.compactMap { $0["key_id"] }), Set(ids))
    for success in successes {
      let hybrid = try XCTUnwrap(success["hybrid_key_id"])
      let result = try jsonObject(try qrx(["keys", "test", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(result["key_id"] as? String, hybrid)
      XCTAssertEqual(result["signature_valid"] as? Bool, true)
      XCTAssertEqual(result["quantum_component_valid"] as? Bool, true)
      let shown = try jsonObject(try qrx(["keys", "show", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(shown["continuity_valid"] as? Bool, true)
      XCTAssertEqual(shown["migrated_from"] as? String, success["key_id"])
    }
    let status = try jsonObject(try qrx(["migrate", "status", "--json", "--db", db]).out)
    XCTAssertEqual(status["completed"] as? Int, 5)
    XCTAssertEqual(status["not_migrated"] as? Int, 0)
    try qrx(["audit", "verify", "--db", db])
  }

  /// `qrx migrate --slh-dsa`: withdrawal keys of Ed25519 and secp256k1-ECDSA end in SLH-DSA
  /// composites (docs/KEYS.md), and `keys test` finds both parts valid.
  func checkSLHDSAMigrationOfWithdrawalKeys() throws {
    let db = try freshURL()
    let expected = [
      "Ed25519": "QRX-SLHDSA-SHA2-128s-Ed25519-SHA512",
      "secp256k1-ECDSA": "QRX-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512",
    ]
    var classicalByID: [String: String] = [:]
    for algorithm in expected.keys.sorted() {
      let id = try qrx(["keys", "generate", "--alg", algorithm, "--usage", "withdrawal-signing", "--db", db]).out
        .trimmingCharacters(in: .whitespacesAndNewlines)
      classicalByID[id] = algorithm
    }
    let report = try jsonObject(try qrx(["migrate", "--all", "--slh-dsa", "--json", "--db", db]).out)
    XCTAssertEqual((report["failed_migrations"] as? [Any])?.count, 0, "\(report)")
    let successes = try XCTUnwrap(report["successful_migrations"] as? [[String: String]])
    XCTAssertEqual(Set(successes.compactMap { $0["key_id"] }), Set(classicalByID.keys))
    for success in successes {
      let classical = try XCTUnwrap(classicalByID[success["key_id"] ?? ""])
      let hybrid = try XCTUnwrap(success["hybrid_key_id"])
      let shown = try jsonObject(try qrx(["keys", "show", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(shown["algorithm"] as? String, expected[classical])
      XCTAssertEqual(shown["usage"] as? String, "withdrawal-signing")
      XCTAssertEqual(shown["continuity_valid"] as? Bool, true)
      let result = try jsonObject(try qrx(["keys", "test", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(result["signature_valid"] as? Bool, true, classical)
      XCTAssertEqual(result["quantum_component_valid"] as? Bool, true, classical)
    }
  }

  func checkSignAndVerifyThroughTheStore() throws {
    let db = try freshURL()
    let folder = try temporaryDirectory(self)
    let id = try qrx(["keys", "generate", "--alg", "MLDSA65-Ed25519-SHA512", "--db", db]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let message = folder.appendingPathComponent("m").path
    let other = folder.appendingPathComponent("m2").path
    let signature = folder.appendingPathComponent("sig").path
    try Data("withdraw 1 BTC".utf8).write(to: URL(fileURLWithPath: message))
    try Data("withdraw 9 BTC".utf8).write(to: URL(fileURLWithPath: other))
    try qrx(["keys", "sign", id, "--in", message, "--out", signature, "--db", db])
    try qrx(["keys", "verify", "--in", message, "--sig", signature, "--db", db])
    try qrx(["keys", "verify", "--in", other, "--sig", signature, "--db", db], expect: 1)
    try qrx(["keys", "rotate", id, "--db", db])
    // Signed by version 1, now rotated: still valid.
    try qrx(["keys", "verify", "--in", message, "--sig", signature, "--db", db])
  }

  /// Kills `qrx migrate --all` with SIGKILL mid-way several times, then runs it to the end: every
  /// classical key ends with exactly one hybrid key. Kills are placed by committed progress (a
  /// random share of the keys still to migrate, at least three batches before the end, then a
  /// jitter of up to 5 ms so they also fall inside a batch), never by the clock alone, so they land
  /// mid-migration on any machine.
  func checkAKilledMigrationResumesWithExactlyOneHybridKeyPerClassicalKey(keys: Int = 2000, kills: Int = 3) throws {
    let db = try freshURL()
    try qrx(["keys", "generate", "--alg", "Ed25519", "--count", String(keys), "--db", db])
    // Progress is read outside a transaction, so the watcher never waits for the migration's lock.
    let watcher = try SQLKeyStore(location: StoreLocation(url: db))
    defer { watcher.close() }
    let completed = {
      Int(try watcher.unsafeQuery("SELECT COUNT(*) FROM key_migrations WHERE state = 'completed'").first?.int(0) ?? 0)
    }
    var killedMidway = 0
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<kills {
      let done = try completed()
      // At most a third of what is left, and never within 300 keys (three batches) of the end.
      let threshold = done + Int.random(in: 1...max(1, min((keys - done) / 3, keys - done - 300)), using: &rng)
      let lag = UInt32.random(in: 0...5_000, using: &rng)
      let run = try qrx(
        ["migrate", "--all", "--json", "--batch", "100", "--db", db], killWhen: completed, threshold: threshold,
        lag: lag, expect: nil)
      if run.status == nil, try completed() < keys { killedMidway += 1 }
    }
    XCTAssertGreaterThanOrEqual(killedMidway, kills - 1, "kills must land mid-migration")
    let last = try jsonObject(try qrx(["migrate", "--all", "--json", "--db", db]).out)
    XCTAssertEqual((last["failed_migrations"] as? [Any])?.count, 0)

    let store = try Store.open(url: db)
    defer { store.close() }
    let classical = try store.listKeys(KeyQuery(algorithm: "Ed25519", limit: 10_000))
    let hybrids = try store.listKeys(KeyQuery(algorithm: "MLDSA65-Ed25519-SHA512", limit: 10_000))
    XCTAssertEqual(classical.count, keys)
    XCTAssertEqual(hybrids.count, keys, "exactly one hybrid key per classical key")
    XCTAssertEqual(Set(classical.compactMap(\.migratedTo)), Set(hybrids.map(\.id)))
    XCTAssertEqual(Set(hybrids.compactMap(\.migratedFrom)), Set(classical.map(\.id)))
    XCTAssertEqual(try store.migrationSummary(), MigrationSummary(claimed: 0, completed: keys, failed: 0))
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
    FileHandle.standardError.write(Data("crash test: \(killedMidway) kills mid-migration of \(keys) keys\n".utf8))
  }
}

final class SQLiteKeysCommandTests: KeysCommandChecks {
  override func freshURL() throws -> String { try TestDatabases.sqliteURL(for: self) }

  func testFiveClassicalKeysMigrateEndToEnd() throws { try checkFiveClassicalKeysMigrateEndToEnd() }
  func testSignAndVerifyThroughTheStore() throws { try checkSignAndVerifyThroughTheStore() }
  func testSLHDSAMigrationOfWithdrawalKeys() throws { try checkSLHDSAMigrationOfWithdrawalKeys() }
  func testAKilledMigrationResumesWithExactlyOneHybridKeyPerClassicalKey() throws {
    try checkAKilledMigrationResumesWithExactlyOneHybridKeyPerClassicalKey()
  }

  /// `qrx audit verify` on a log whose rows were edited, deleted or reordered behind the store's
  /// back (with sqlite3, after dropping the append-only triggers): exit 1 each time.
  func testAuditVerifyDetectsAnEditedDeletedOrReorderedRow() throws {
    let tampering = [
      "edited": "UPDATE audit_log SET details = '{\"n\":1}' WHERE seq = 2;",
      "deleted": "DELETE FROM audit_log WHERE seq = 2;",
      "reordered":
        "UPDATE audit_log SET seq = 1000 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; "
        + "UPDATE audit_log SET seq = 3 WHERE seq = 1000;",
    ]
    for (name, sql) in tampering.sorted(by: { $0.key < $1.key }) {
      let db = try freshURL()
      try qrx(["keys", "generate", "--alg", "Ed25519", "--count", "4", "--db", db])
      try qrx(["audit", "verify", "--db", db])
      let path = String(db.dropFirst("sqlite:".count))
      let sqlite = Process()
      sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
      sqlite.arguments = [path, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql]
      try sqlite.run()
      sqlite.waitUntilExit()
      XCTAssertEqual(sqlite.terminationStatus, 0, name)
      let result = try qrx(["audit", "verify", "--json", "--db", db], expect: 1)
      let object = try jsonObject(result.out)
      XCTAssertEqual(object["intact"] as? Bool, false, name)
      XCTAssertEqual(object["first_bad_seq"] as? Int, 2, name)
    }
  }
}

final class PostgresKeysCommandTests: KeysCommandChecks {
  override func freshURL() throws -> String { try TestDatabases.postgresURL(for: self) }

  func testFiveClassicalKeysMigrateEndToEnd() throws { try checkFiveClassicalKeysMigrateEndToEnd() }
  func testAKilledMigrationResumesWithExactlyOneHybridKeyPerClassicalKey() throws {
    try checkAKilledMigrationResumesWithExactlyOneHybridKeyPerClassicalKey()
  }
}
