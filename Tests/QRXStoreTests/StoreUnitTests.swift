import QRXTestSupport
import XCTest

@testable import QRXStore

/// Backend-independent parts of the store.
final class StoreUnitTests: XCTestCase {
  /// Known answers for the documented audit encoding, computed independently (Python hashlib over
  /// the byte layout of docs/STORAGE.md), not by the code under test.
  func testAuditHashMatchesTheDocumentedEncoding() {
    let first = AuditChain.entryHash(
      seq: 1, recordedAt: 1_700_000_000_000, actor: "ops@host", action: "key.generate", keyID: "k-1",
      details: "{\"alg\":\"Ed25519\"}", previousHash: AuditChain.genesisHash)
    XCTAssertEqual(hexString(first), "128122b27b29dc1481008d4aa98cd6cc5b2aa78704466f951021b2e329ad41c6")
    let second = AuditChain.entryHash(
      seq: 2, recordedAt: 1_700_000_000_001, actor: "ops@host", action: "master-key.rotate", keyID: nil,
      details: "{}", previousHash: first)
    XCTAssertEqual(hexString(second), "73c10012c7da620f49ac729bed84f72a5a986008996a996b2477c2e166467639")
  }

  func testAuditEncodingSeparatesAbsentFromEmptyKeyID() {
    let absent = AuditChain.canonicalEncoding(
      seq: 1, recordedAt: 0, actor: "a", action: "b", keyID: nil, details: "{}", previousHash: AuditChain.genesisHash)
    let empty = AuditChain.canonicalEncoding(
      seq: 1, recordedAt: 0, actor: "a", action: "b", keyID: "", details: "{}", previousHash: AuditChain.genesisHash)
    XCTAssertNotEqual(absent, empty)
  }

  func testStoreURLsPickTheBackend() throws {
    XCTAssertEqual(try StoreLocation(url: "sqlite:./qrx.db"), .sqlite(path: "./qrx.db"))
    XCTAssertEqual(try StoreLocation(url: "sqlite:///var/lib/qrx.db"), .sqlite(path: "/var/lib/qrx.db"))
    XCTAssertEqual(try StoreLocation(url: "postgres://u@h/db"), .postgres(url: "postgres://u@h/db"))
    XCTAssertEqual(try StoreLocation(url: "postgresql://h/db"), .postgres(url: "postgresql://h/db"))
    for bad in ["mysql://h/db", "sqlite:", "sqlite::memory:", "sqlite:file:x.db?mode=memory", "qrx.db", ""] {
      XCTAssertThrowsError(try StoreLocation(url: bad), bad) {
        guard case .unsupportedURL = $0 as? StoreError else { return XCTFail("\($0)") }
      }
    }
  }

  func testTheStoreURLComesFromTheOptionThenQRXDBThenTheDefault() {
    XCTAssertEqual(Store.url(option: "sqlite:a.db", environment: ["QRX_DB": "sqlite:b.db"]), "sqlite:a.db")
    XCTAssertEqual(Store.url(option: nil, environment: ["QRX_DB": "sqlite:b.db"]), "sqlite:b.db")
    XCTAssertEqual(Store.url(option: nil, environment: [:]), "sqlite:./qrx.db")
  }

  func testStoreURLDescriptionHidesThePassword() throws {
    let location = try StoreLocation(url: "postgres://qrx:s3cr3t-pw@db.internal:5432/keys?password=other-secret")
    XCTAssertFalse(location.description.contains("s3cr3t-pw"))
    XCTAssertFalse(location.description.contains("other-secret"))
    XCTAssertTrue(location.description.contains("db.internal"))
  }

  func testConnectionErrorsNeverCarryThePassword() {
    let message = PostgresConnection.redacting(
      "postgres://qrx:pa%25ss-w0rd@db:5432/x", in: "invalid percent-encoded token: \"pa%25ss-w0rd\" (pa%ss-w0rd)")
    XCTAssertFalse(message.contains("w0rd"), message)
    XCTAssertThrowsError(try SQLKeyStore(location: .postgres(url: "postgres://qrx:hunter2-secret@127.0.0.1:1/x"))) {
      XCTAssertFalse("\($0)".contains("hunter2-secret"))
    }
  }

  func testPostgresPlaceholdersAreNumberedOutsideQuotes() {
    let (text, count) = PostgresConnection.numberedPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?")
    XCTAssertEqual(text, "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2")
    XCTAssertEqual(count, 2)
  }

  func testKeyStatesOnlyMoveForward() {
    XCTAssertTrue(KeyState.active.canMove(to: .rotated))
    XCTAssertTrue(KeyState.active.canMove(to: .destroyed))
    XCTAssertTrue(KeyState.retired.canMove(to: .retired))
    XCTAssertFalse(KeyState.rotated.canMove(to: .active))
    XCTAssertFalse(KeyState.destroyed.canMove(to: .retired))
  }

  func testSQLiteFileIsPrivateAndWriteAheadLogged() throws {
    let url = try TestDatabases.sqliteURL(for: self)
    let store = try SQLKeyStore(location: StoreLocation(url: url))
    defer { store.close() }
    let path = String(url.dropFirst("sqlite:".count))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    XCTAssertEqual(try store.unsafeQuery("PRAGMA journal_mode").first?.text(0), "wal")
    XCTAssertEqual(try store.unsafeQuery("PRAGMA synchronous").first?.int(0), 2)  // FULL
    XCTAssertEqual(try store.unsafeQuery("PRAGMA foreign_keys").first?.int(0), 1)
    XCTAssertEqual(try store.unsafeQuery("PRAGMA secure_delete").first?.int(0), 1)
  }
}
