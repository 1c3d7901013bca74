import CLibPQ
import Foundation
import XCTest

/// Fresh databases for the store suites, removed when the test ends.
///
/// - SQLite: a file in a new temporary folder.
/// - PostgreSQL: a new schema in the server named by `QRX_TEST_POSTGRES_URL` (set by
///   `scripts/with-postgres`, which `make test` runs), selected through libpq's `options`
///   (`-c search_path=…`). Without the variable the test is skipped with the reason, or fails
///   under `QRX_REQUIRE_VECTORS=1` (set by `make test`), so CI can never skip PostgreSQL quietly.
public enum TestDatabases {
  /// The environment variable naming the throwaway server.
  public static let postgresVariable = "QRX_TEST_POSTGRES_URL"

  /// A `sqlite:` URL of a new database file, deleted with its folder after `test`.
  public static func sqliteURL(for test: XCTestCase) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return "sqlite:" + folder.appendingPathComponent("test.db").path
  }

  /// A `postgres://` URL whose connections use a new, empty schema, dropped after `test`.
  public static func postgresURL(
    for test: XCTestCase, file: StaticString = #filePath, line: UInt = #line
  ) throws
    -> String
  {
    guard let base = ProcessInfo.processInfo.environment[postgresVariable], !base.isEmpty else {
      let message =
        "POSTGRESQL MISSING: \(postgresVariable) is not set (run under scripts/with-postgres, as make test does); "
        + "the PostgreSQL suite did NOT run"
      if ProcessInfo.processInfo.environment["QRX_REQUIRE_VECTORS"] == "1" {
        XCTFail(message, file: file, line: line)
        throw VectorError.missing(postgresVariable)
      }
      FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
      throw XCTSkip(message, file: file, line: line)
    }
    let schema = "qrx_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try administer(base, "CREATE SCHEMA \(schema)")
    test.addTeardownBlock { try? administer(base, "DROP SCHEMA \(schema) CASCADE") }
    let separator = base.contains("?") ? "&" : "?"
    return base + separator + "options=-csearch_path%3D\(schema)"
  }

  /// Runs one statement (fixed text, no values) on the server at `url`.
  static func administer(_ url: String, _ sql: String) throws {
    guard let connection = PQconnectdb(url) else { throw VectorError.malformed("libpq: out of memory") }
    defer { PQfinish(connection) }
    guard PQstatus(connection) == CONNECTION_OK else {
      throw VectorError.malformed(
        "cannot connect to \(postgresVariable): " + String(cString: PQerrorMessage(connection)))
    }
    guard let result = PQexec(connection, sql) else { throw VectorError.malformed("libpq: no result") }
    defer { PQclear(result) }
    guard PQresultStatus(result) == PGRES_COMMAND_OK else {
      throw VectorError.malformed("PostgreSQL: " + String(cString: PQresultErrorMessage(result)))
    }
  }
}
