import Foundation
import QRXPrimitives
import QRXStore
import QRXTestSupport
import XCTest

@testable import QRXKeys

/// Rewrapping every sealed key under a new master key, on both backends.
class MasterKeyRotationChecks: XCTestCase {
  func freshURL() throws -> String { throw XCTSkip("abstract suite") }

  let oldSealer = try! KeySealer(masterKey: MasterKey(bytes: [UInt8](repeating: 0x11, count: 32)))
  let newSealer = try! KeySealer(masterKey: MasterKey(bytes: [UInt8](repeating: 0x22, count: 32)))

  func privateKey(_ i: Int) -> SecretBytes { SecretBytes(SHA256.hash(Array("key \(i)".utf8))) }

  /// 12 keys, key 4 with a second version, one public-only key.
  func populatedStore() throws -> any KeyStore {
    let store = try Store.open(url: try freshURL())
    addTeardownBlock { store.close() }
    for i in 0..<12 {
      let id = "key-\(i)"
      let sealed = try oldSealer.seal(privateKey(i), keyID: id, version: 1, algorithm: "Ed25519")
      try store.insertKey(
        KeyRecord(id: id, algorithm: "Ed25519", usage: .transactionSigning, createdAt: 1),
        firstVersion: KeyVersionRecord(keyID: id, version: 1, createdAt: 1, publicKey: [1], sealedPrivateKey: sealed))
    }
    let second = try oldSealer.seal(privateKey(100), keyID: "key-4", version: 2, algorithm: "Ed25519")
    try store.transaction {
      try $0.addKeyVersion(
        KeyVersionRecord(keyID: "key-4", version: 2, createdAt: 2, publicKey: [2], sealedPrivateKey: second))
    }
    try store.insertKey(
      KeyRecord(id: "public-only", algorithm: "Ed25519", usage: .apiAuth, createdAt: 1),
      firstVersion: KeyVersionRecord(
        keyID: "public-only", version: 1, createdAt: 1, publicKey: [3], sealedPrivateKey: nil))
    return store
  }

  func sealed(_ store: any KeyStore, _ id: String, _ version: Int = 1) throws -> [UInt8] {
    try XCTUnwrap(try store.transaction { try $0.getKeyVersion(id: id, version: version) }?.sealedPrivateKey)
  }

  func checkRotationRewrapsEveryKeyAndRecordsIt() throws {
    let store = try populatedStore()
    XCTAssertEqual(try oldSealer.rewrapAll(in: store, to: newSealer, actor: "ops"), 13)
    for i in 0..<12 {
      let bytes = try sealed(store, "key-\(i)")
      XCTAssertTrue(
        try newSealer.unseal(bytes, keyID: "key-\(i)", version: 1, algorithm: "Ed25519").constantTimeEquals(
          privateKey(i)))
      XCTAssertThrowsError(try oldSealer.unseal(bytes, keyID: "key-\(i)", version: 1, algorithm: "Ed25519")) {
        XCTAssertEqual($0 as? KeyCustodyError, .wrongMasterKey)
      }
    }
    XCTAssertTrue(
      try newSealer.unseal(sealed(store, "key-4", 2), keyID: "key-4", version: 2, algorithm: "Ed25519")
        .constantTimeEquals(privateKey(100)))
    let entries = try store.transaction { try $0.auditEntries(afterSeq: 0, limit: 10) }
    XCTAssertEqual(entries.map(\.action), ["master-key.rotate"])
    XCTAssertTrue(entries[0].details.contains("\"rewrapped\":13"))
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
    // Running it again finds nothing left under the old key.
    XCTAssertEqual(try oldSealer.rewrapAll(in: store, to: newSealer, actor: "ops"), 0)
  }

  func checkRotationIsAllOrNothing() throws {
    let store = try populatedStore()
    // One key sealed under a third master key: the rotation cannot open it and must change nothing.
    let stranger = try KeySealer(masterKey: MasterKey(bytes: [UInt8](repeating: 0x33, count: 32)))
    let odd = try stranger.seal(privateKey(9), keyID: "key-9", version: 1, algorithm: "Ed25519")
    let before9 = try sealed(store, "key-9")
    XCTAssertTrue(
      try store.transaction { try $0.replaceSealedPrivateKey(id: "key-9", version: 1, expected: before9, with: odd) })
    let before = try (0..<12).map { try sealed(store, "key-\($0)") }
    XCTAssertThrowsError(try oldSealer.rewrapAll(in: store, to: newSealer, actor: "ops")) {
      XCTAssertEqual($0 as? KeyCustodyError, .wrongMasterKey)
    }
    XCTAssertEqual(try (0..<12).map { try sealed(store, "key-\($0)") }, before)
    XCTAssertEqual(try store.transaction { try $0.auditHead() }.seq, 0)
  }
}

final class SQLiteMasterKeyRotationTests: MasterKeyRotationChecks {
  override func freshURL() throws -> String { try TestDatabases.sqliteURL(for: self) }
  func testRotationRewrapsEveryKeyAndRecordsIt() throws { try checkRotationRewrapsEveryKeyAndRecordsIt() }
  func testRotationIsAllOrNothing() throws { try checkRotationIsAllOrNothing() }
}

final class PostgresMasterKeyRotationTests: MasterKeyRotationChecks {
  override func freshURL() throws -> String { try TestDatabases.postgresURL(for: self) }
  func testRotationRewrapsEveryKeyAndRecordsIt() throws { try checkRotationRewrapsEveryKeyAndRecordsIt() }
  func testRotationIsAllOrNothing() throws { try checkRotationIsAllOrNothing() }
}
