import Foundation
import QRXPrimitives
import QRXStore
import QRXTestSupport
import XCTest

@testable import QRXKeys

final class KeyMigrationTests: XCTestCase {
  /// The original plan's test: five classical keys, migrate all, five successes, no failure, and
  /// every hybrid key valid in both parts.
  func testFiveClassicalKeysMigrateAndEveryHybridKeyIsValidInBothParts() async throws {
    let (manager, store, _) = try makeManager(self)
    let classical = try await manager.generate(algorithm: "Ed25519", usage: .transactionSigning, count: 5)
    let service = KeyMigrationService(keys: manager)
    let report = try await service.migrateAll()
    XCTAssertEqual(report.successfulMigrations.count, 5)
    XCTAssertEqual(report.failedMigrations.count, 0)
    XCTAssertEqual(Set(report.successfulMigrations.map(\.keyID)), Set(classical.map(\.record.id)))
    for (oldID, newID) in report.successfulMigrations {
      XCTAssertTrue(newID.hasPrefix("hybrid-"))
      let old = try await manager.key(id: oldID)
      let new = try await manager.key(id: newID)
      XCTAssertEqual(old.record.migratedTo, newID)
      XCTAssertEqual(new.record.migratedFrom, oldID)
      XCTAssertEqual(new.record.algorithm, "MLDSA65-Ed25519-SHA512")
      XCTAssertEqual(new.record.usage, .transactionSigning)
      // The classical key is kept: the composite public key ends with the Ed25519 public key.
      XCTAssertEqual(Array(new.current.publicKey.suffix(32)), old.current.publicKey)
      let result = try await manager.test(id: newID)
      XCTAssertTrue(result.signatureValid)
      XCTAssertEqual(result.quantumComponentValid, true)
      XCTAssertTrue(try service.verifyContinuity(classicalKeyID: oldID))
      let attestations = try store.transaction { try $0.attestations(oldKeyID: oldID, newKeyID: newID) }
      XCTAssertEqual(Set(attestations.map(\.direction)), [.oldSignsNew, .newSignsOld])
    }
    XCTAssertEqual(try store.migrationSummary(), MigrationSummary(claimed: 0, completed: 5, failed: 0))
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
  }

  func testASecondRunCreatesNothingAndReportsTheKeysAsAlreadyMigrated() async throws {
    let (manager, store, _) = try makeManager(self)
    let keys = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth, count: 3)
    let service = KeyMigrationService(keys: manager)
    _ = try await service.migrateAll()
    let again = try await service.migrateAll()
    XCTAssertEqual(again.successfulMigrations.count, 0)
    XCTAssertEqual(again.failedMigrations.count, 0)
    let explicit = try await service.migrate(ids: keys.map(\.record.id))
    XCTAssertEqual(explicit.alreadyMigrated, 3)
    XCTAssertEqual(try store.listKeys(KeyQuery(algorithm: "MLDSA65-Ed25519-SHA512")).count, 3)
  }

  func testAnInterruptedClaimIsTakenOverAndCompletedOnce() async throws {
    let (manager, store, _) = try makeManager(self)
    let key = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth)[0]
    // A run that claimed the key and died before completing it.
    _ = try store.claimMigration(classicalKeyID: key.record.id, claimant: "dead:1", at: 1)
    let outcome = try await KeyMigrationService(keys: manager).migrateKey(id: key.record.id)
    guard case .migrated = outcome else { return XCTFail("\(outcome)") }
    let record = try XCTUnwrap(try store.transaction { try $0.migration(classicalKeyID: key.record.id) })
    XCTAssertEqual(record.state, .completed)
    XCTAssertEqual(record.attempts, 2)
  }

  func testPolicyPicksThePostQuantumAlgorithmByUsage() async throws {
    let (manager, _, _) = try makeManager(self)
    let signing = try await manager.generate(algorithm: "secp256k1-ECDSA", usage: .transactionSigning)[0]
    let withdrawal = try await manager.generate(algorithm: "secp256k1-ECDSA", usage: .withdrawalSigning)[0]
    let schnorr = try await manager.generate(algorithm: "secp256k1-Schnorr", usage: .apiAuth)[0]
    let service = KeyMigrationService(keys: manager)
    let report = try await service.migrateAll()
    XCTAssertEqual(report.failedMigrations.count, 0, "\(report.failedMigrations)")
    let algorithms = try await report.successfulMigrations.asyncMap { pair in
      (pair.keyID, try await manager.key(id: pair.hybridKeyID).record.algorithm)
    }
    let byID = Dictionary(uniqueKeysWithValues: algorithms)
    XCTAssertEqual(byID[signing.record.id], "QRX-MLDSA65-secp256k1-ECDSA-SHA512")
    XCTAssertEqual(byID[withdrawal.record.id], "QRX-MLDSA87-secp256k1-ECDSA-SHA512")
    XCTAssertEqual(byID[schnorr.record.id], "QRX-MLDSA65-secp256k1-Schnorr-SHA512")
    for (_, hybridID) in report.successfulMigrations {
      let result = try await manager.test(id: hybridID)
      XCTAssertTrue(result.signatureValid && result.quantumComponentValid == true)
    }
  }

  func testKeysWithoutACompositeFailWithAReasonAndAreLeftForTheNextRun() async throws {
    let (manager, store, _) = try makeManager(self)
    // No composite of the draft or of QRX joins ML-DSA-87 and Ed25519; NIST-curve keys would need
    // an ECPrivateKey re-encoding this build does not do.
    let withdrawal = try await manager.generate(algorithm: "Ed25519", usage: .withdrawalSigning)[0]
    let p256 = try await manager.generate(algorithm: "ECDSA-P256", usage: .apiAuth)[0]
    let hybrid = try await manager.generate(algorithm: "MLDSA65-Ed25519-SHA512", usage: .apiAuth)[0]
    let report = try await KeyMigrationService(keys: manager).migrateAll()
    XCTAssertEqual(report.successfulMigrations.count, 0)
    XCTAssertEqual(Set(report.failedMigrations.map(\.keyID)), [withdrawal.record.id, p256.record.id])
    XCTAssertFalse(report.failedMigrations.map(\.keyID).contains(hybrid.record.id), "hybrid keys are not migrated")
    XCTAssertEqual(try store.migrationSummary().failed, 2)
    XCTAssertNil(try store.getKey(id: withdrawal.record.id)?.record.migratedTo)
  }

  func testTheReportJSONHasTheIssuesFields() throws {
    let report = MigrationReport(
      successfulMigrations: [("key-a", "hybrid-b")], failedMigrations: [("key-c", "why")], alreadyMigrated: 1,
      timestamp: 0)
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
    XCTAssertEqual(object["timestamp"] as? String, "1970-01-01T00:00:00.000Z")
    XCTAssertEqual((object["successful_migrations"] as? [[String: String]])?.first?["hybrid_key_id"], "hybrid-b")
    XCTAssertEqual((object["failed_migrations"] as? [[String: String]])?.first?["reason"], "why")
  }

  func testTheContinuityStatementEncodingIsPinned() {
    // Built by hand from the documented layout (docs/KEYS.md), not by the code under test.
    let statement = KeyMigrationService.continuityStatement(
      direction: .oldSignsNew, old: ("a", 1, "E", [0xAA]), new: ("h", 1, "H", [0xBB, 0xCC]))
    var expected = Array("QRX-CONTINUITY-v1".utf8)
    expected += [0, 0, 0, 13] + Array("old-signs-new".utf8)
    expected += [0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0, 0, 0, 1, 0x45, 0, 0, 0, 1, 0xAA]
    expected += [0, 0, 0, 1, 0x68, 0, 0, 0, 1, 0, 0, 0, 1, 0x48, 0, 0, 0, 2, 0xBB, 0xCC]
    XCTAssertEqual(statement, expected)
  }
}
