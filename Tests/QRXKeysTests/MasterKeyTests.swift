import Foundation
import QRXPrimitives
import QRXStore
import QRXTestSupport
import XCTest

@testable import QRXKeys

final class MasterKeyTests: XCTestCase {
  let hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-keys-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  func write(_ text: String, to url: URL, mode: Int) throws {
    try Data(text.utf8).write(to: url)
    XCTAssertEqual(chmod(url.path, mode_t(mode)), 0)
  }

  func identifier(_ key: MasterKey) throws -> [UInt8] { try KeySealer(masterKey: key).masterKeyIdentifier }

  func testTheEnvironmentVariableGivesTheKey() throws {
    let fromEnvironment = try MasterKey.load(environment: ["QRX_MASTER_KEY": hex], defaultKeyFile: nil)
    XCTAssertEqual(try identifier(fromEnvironment), try identifier(MasterKey(bytes: Array(0..<32))))
    let upper = try MasterKey.load(environment: ["QRX_MASTER_KEY": hex.uppercased() + "\n"], defaultKeyFile: nil)
    XCTAssertEqual(try identifier(upper), try identifier(fromEnvironment))
  }

  func testMalformedKeyTextIsRefused() {
    let bad = [
      String(hex.dropLast()), hex + "0", String(hex.dropLast()) + "g", "0x" + String(hex.dropFirst(2)),
      hex.replacingOccurrences(of: "0a", with: "0 "), "",
    ]
    for text in bad where !text.isEmpty {
      XCTAssertThrowsError(try MasterKey(hex: text, source: "test"), text) {
        XCTAssertEqual($0 as? KeyCustodyError, .malformedMasterKey(source: "test"))
      }
    }
    XCTAssertThrowsError(try MasterKey(hex: "", source: "test"))
  }

  func testBothSourcesAtOnceOrNoneAreRefused() {
    XCTAssertThrowsError(
      try MasterKey.load(environment: ["QRX_MASTER_KEY": hex, "QRX_MASTER_KEY_FILE": "/x"], defaultKeyFile: nil)
    ) { XCTAssertEqual($0 as? KeyCustodyError, .ambiguousMasterKeySource) }
    XCTAssertThrowsError(try MasterKey.load(environment: [:], defaultKeyFile: nil)) {
      XCTAssertEqual($0 as? KeyCustodyError, .masterKeyMissing)
    }
  }

  func testAKeyFileMustBeReadableByItsOwnerOnly() throws {
    let file = try folder().appendingPathComponent("master.key")
    try write(hex + "\n", to: file, mode: 0o600)
    let key = try MasterKey.load(environment: ["QRX_MASTER_KEY_FILE": file.path], defaultKeyFile: nil)
    XCTAssertEqual(try identifier(key), try identifier(MasterKey(bytes: Array(0..<32))))
    XCTAssertNoThrow(
      try {
        try self.write(self.hex, to: file, mode: 0o400); _ = try MasterKey.readKeyFile(file.path)
      }())
    for mode in [0o640, 0o644, 0o604, 0o660, 0o700] {
      XCTAssertEqual(chmod(file.path, mode_t(mode)), 0)
      XCTAssertThrowsError(try MasterKey.readKeyFile(file.path), "mode \(String(mode, radix: 8))") {
        XCTAssertEqual($0 as? KeyCustodyError, .insecureKeyFile(path: file.path, mode: "0" + String(mode, radix: 8)))
      }
    }
  }

  func testAKeyFileThatIsALinkOrMissingOrMalformedIsRefused() throws {
    let dir = try folder()
    let file = dir.appendingPathComponent("master.key")
    try write(hex, to: file, mode: 0o600)
    let link = dir.appendingPathComponent("link.key")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
    XCTAssertThrowsError(try MasterKey.readKeyFile(link.path)) {
      guard case .untrustedKeyFile = $0 as? KeyCustodyError else { return XCTFail("\($0)") }
    }
    XCTAssertThrowsError(try MasterKey.readKeyFile(dir.appendingPathComponent("absent").path)) {
      guard case .keyFileUnavailable = $0 as? KeyCustodyError else { return XCTFail("\($0)") }
    }
    try write(String(repeating: "a", count: 300), to: file, mode: 0o600)
    XCTAssertThrowsError(try MasterKey.readKeyFile(file.path)) {
      XCTAssertEqual($0 as? KeyCustodyError, .malformedMasterKey(source: file.path))
    }
  }

  func testTheEmbeddedDefaultIsCreatedOnFirstRunWithAWarning() throws {
    let path = try folder().appendingPathComponent("qrx.db.master-key").path
    var warnings: [String] = []
    let first = try MasterKey.load(environment: [:], defaultKeyFile: path) { warnings.append($0) }
    XCTAssertEqual(warnings.count, 1)
    XCTAssertTrue(warnings[0].contains(path))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)).count, 65)
    let second = try MasterKey.load(environment: [:], defaultKeyFile: path) { warnings.append($0) }
    XCTAssertEqual(warnings.count, 1, "no warning once the file exists")
    XCTAssertEqual(try identifier(first), try identifier(second))
    XCTAssertNoThrow(try MasterKey.readKeyFile(path))
  }

  /// Processes opening a new store at the same moment: one key file wins, every caller gets that
  /// key (none reads a half-written file), only one warns, and no temporary file is left behind.
  func testConcurrentFirstRunsAgreeOnOneKey() throws {
    let dir = try folder()
    for round in 0..<20 {
      let path = dir.appendingPathComponent("store\(round).master-key").path
      let outcomes = Outcomes()
      DispatchQueue.concurrentPerform(iterations: 8) { _ in
        outcomes.append(
          Result {
            let key = try MasterKey.load(environment: [:], defaultKeyFile: path) { _ in outcomes.warned() }
            return try KeySealer(masterKey: key).masterKeyIdentifier
          })
      }
      let identifiers = try outcomes.results.map { try $0.get() }
      XCTAssertEqual(identifiers.count, 8)
      XCTAssertEqual(Set(identifiers).count, 1, "round \(round): every caller has the same key")
      XCTAssertEqual(try identifier(MasterKey.readKeyFile(path)), identifiers[0])
      XCTAssertEqual(outcomes.warnings, 1, "round \(round)")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    XCTAssertEqual(names.count, 20, "\(names)")
    XCTAssertTrue(names.allSatisfy { $0.hasSuffix(".master-key") }, "\(names)")
  }

  func testTheDefaultKeyFileExistsForSQLiteOnly() throws {
    let database = try folder().appendingPathComponent("qrx.db").path
    var warnings = 0
    _ = try MasterKey.load(for: .sqlite(path: database), environment: [:]) { _ in warnings += 1 }
    XCTAssertEqual(warnings, 1)
    XCTAssertTrue(FileManager.default.fileExists(atPath: database + ".master-key"))
    XCTAssertThrowsError(try MasterKey.load(for: .postgres(url: "postgres://h/db"), environment: [:])) {
      XCTAssertEqual($0 as? KeyCustodyError, .masterKeyMissing)
    }
    XCTAssertNoThrow(try MasterKey.load(for: .postgres(url: "postgres://h/db"), environment: ["QRX_MASTER_KEY": hex]))
  }

  func testTheKeyNeverAppearsInADescription() throws {
    let key = try MasterKey(hex: hex, source: "test")
    XCTAssertFalse(String(describing: key).contains("0a0b0c"))
    XCTAssertFalse(String(reflecting: key).contains("0a0b0c"))
  }
}

/// Results gathered from concurrent callers.
private final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Result<[UInt8], any Error>] = []
  private var warningCount = 0

  func append(_ result: Result<[UInt8], any Error>) { lock.withLock { values.append(result) } }
  func warned() { lock.withLock { warningCount += 1 } }
  var results: [Result<[UInt8], any Error>] { lock.withLock { values } }
  var warnings: Int { lock.withLock { warningCount } }
}
