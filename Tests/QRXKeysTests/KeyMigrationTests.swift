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
    // Under an SLH-DSA policy only Ed25519 and secp256k1-ECDSA withdrawal keys have a composite.
    let ed448 = try await manager.generate(algorithm: "Ed448", usage: .withdrawalSigning)[0]
    let p256 = try await manager.generate(algorithm: "ECDSA-P256", usage: .withdrawalSigning)[0]
    let hybrid = try await manager.generate(algorithm: "MLDSA65-Ed25519-SHA512", usage: .apiAuth)[0]
    let service = KeyMigrationService(keys: manager, policy: MigrationPolicy(withdrawalUsesSLHDSA: true))
    let report = try await service.migrateAll()
    XCTAssertEqual(report.successfulMigrations.count, 0)
    let reasons = Dictionary(uniqueKeysWithValues: report.failedMigrations.map { ($0.keyID, $0.reason) })
    XCTAssertEqual(
      reasons,
      [
        ed448.record.id: Self.noSLHDSA("Ed448"),
        p256.record.id: Self.noSLHDSA("ECDSA-P256"),
      ])
    XCTAssertNil(reasons[hybrid.record.id], "hybrid keys are not migrated")
    XCTAssertEqual(try store.migrationSummary().failed, 2)
    XCTAssertNil(try store.getKey(id: ed448.record.id)?.record.migratedTo)
    // Left for the next run, which reports them again.
    let again = try await service.migrateAll()
    XCTAssertEqual(Set(again.failedMigrations.map(\.keyID)), [ed448.record.id, p256.record.id])
  }

  /// The reason an SLH-DSA policy gives for a withdrawal key of `algorithm` (docs/KEYS.md).
  private static func noSLHDSA(_ algorithm: String) -> String {
    "no composite pairs \(algorithm) with SLH-DSA-SHA2-128s (the policy asks for SLH-DSA-SHA2-128s; no fallback "
      + "to ML-DSA)"
  }

  /// docs/KEYS.md, "What each classical key migrates to": the composite for a signing key and a
  /// withdrawal key under the default policy, then under the SLH-DSA policy; nil where the key
  /// fails (SLH-DSA has no composite with that classical algorithm). Written out, not computed.
  private static let migrationTable:
    [(classical: String, signing: String, withdrawal: String, slhSigning: String, slhWithdrawal: String?)] = [
      (
        "Ed25519", "MLDSA65-Ed25519-SHA512", "QRX-MLDSA87-Ed25519-SHA512", "MLDSA65-Ed25519-SHA512",
        "QRX-SLHDSA-SHA2-128s-Ed25519-SHA512"
      ),
      ("Ed448", "MLDSA87-Ed448-SHAKE256", "MLDSA87-Ed448-SHAKE256", "MLDSA87-Ed448-SHAKE256", nil),
      (
        "ECDSA-P256", "MLDSA65-ECDSA-P256-SHA512", "QRX-MLDSA87-ECDSA-P256-SHA512", "MLDSA65-ECDSA-P256-SHA512",
        nil
      ),
      (
        "ECDSA-P384", "MLDSA65-ECDSA-P384-SHA512", "MLDSA87-ECDSA-P384-SHA512", "MLDSA65-ECDSA-P384-SHA512", nil
      ),
      (
        "ECDSA-P521", "MLDSA87-ECDSA-P521-SHA512", "MLDSA87-ECDSA-P521-SHA512", "MLDSA87-ECDSA-P521-SHA512", nil
      ),
      (
        "secp256k1-ECDSA", "QRX-MLDSA65-secp256k1-ECDSA-SHA512", "QRX-MLDSA87-secp256k1-ECDSA-SHA512",
        "QRX-MLDSA65-secp256k1-ECDSA-SHA512", "QRX-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512"
      ),
      (
        "secp256k1-Schnorr", "QRX-MLDSA65-secp256k1-Schnorr-SHA512", "QRX-MLDSA87-secp256k1-Schnorr-SHA512",
        "QRX-MLDSA65-secp256k1-Schnorr-SHA512", nil
      ),
    ]

  func testTheMigrationTableCoversEveryClassicalAlgorithm() {
    XCTAssertEqual(
      Set(Self.migrationTable.map(\.classical)),
      ["Ed25519", "Ed448", "ECDSA-P256", "ECDSA-P384", "ECDSA-P521", "secp256k1-ECDSA", "secp256k1-Schnorr"])
    XCTAssertEqual(
      Set(ManagedAlgorithm.all.filter { !$0.isHybrid && !$0.isKEM }.map(\.name)),
      Set(Self.migrationTable.map(\.classical)),
      "a classical signature algorithm the key manager holds is missing from the table (KEMKeyTests cover X25519)")
  }

  func testEveryClassicalKeyMigratesByTheDefaultPolicy() async throws {
    try await checkMigrationTable(slhDSA: false)
  }

  func testEveryClassicalKeyMigratesByTheSLHDSAPolicyOrFailsWithTheReason() async throws {
    try await checkMigrationTable(slhDSA: true)
  }

  /// Generates a signing key and a withdrawal key of every classical algorithm, migrates them all,
  /// and holds each outcome against ``migrationTable``.
  private func checkMigrationTable(slhDSA: Bool) async throws {
    let (manager, store, _) = try makeManager(self)
    var cases: [(keyID: String, classical: String, expected: String?)] = []
    for row in Self.migrationTable {
      let signing = try await manager.generate(algorithm: row.classical, usage: .transactionSigning)[0]
      let withdrawal = try await manager.generate(algorithm: row.classical, usage: .withdrawalSigning)[0]
      cases.append((signing.record.id, row.classical, slhDSA ? row.slhSigning : row.signing))
      cases.append((withdrawal.record.id, row.classical, slhDSA ? row.slhWithdrawal : row.withdrawal))
    }
    let service = KeyMigrationService(keys: manager, policy: MigrationPolicy(withdrawalUsesSLHDSA: slhDSA))
    let report = try await service.migrateAll()
    let hybrids = Dictionary(uniqueKeysWithValues: report.successfulMigrations.map { ($0.keyID, $0.hybridKeyID) })
    let failures = Dictionary(uniqueKeysWithValues: report.failedMigrations.map { ($0.keyID, $0.reason) })
    XCTAssertEqual(hybrids.count + failures.count, cases.count)
    for (keyID, classical, expected) in cases {
      let old = try await manager.key(id: keyID)
      let what = "\(classical) \(old.record.usage.rawValue)\(slhDSA ? " (SLH-DSA policy)" : "")"
      guard let expected else {
        XCTAssertEqual(failures[keyID], Self.noSLHDSA(classical), what)
        XCTAssertNil(hybrids[keyID], what)
        XCTAssertNil(old.record.migratedTo, what)
        continue
      }
      guard let hybridID = hybrids[keyID] else {
        XCTFail("\(what): \(failures[keyID] ?? "not reported")")
        continue
      }
      let new = try await manager.key(id: hybridID)
      XCTAssertEqual(new.record.algorithm, expected, what)
      XCTAssertEqual(new.record.usage, old.record.usage, what)
      // The classical key is kept: the composite public key is the post-quantum key (FIPS 204 and
      // 205 sizes) followed by the old key's public key, byte for byte (Section 5.1).
      let postQuantumBytes =
        expected.contains("MLDSA65") ? 1952 : expected.contains("MLDSA87") ? 2592 : expected.contains("SLHDSA") ? 32 : 0
      XCTAssertEqual(new.current.publicKey.count, postQuantumBytes + old.current.publicKey.count, what)
      XCTAssertEqual(Array(new.current.publicKey.suffix(old.current.publicKey.count)), old.current.publicKey, what)
      let result = try await manager.test(id: hybridID)
      XCTAssertTrue(result.signatureValid, what)
      XCTAssertEqual(result.quantumComponentValid, true, what)
      XCTAssertTrue(try service.verifyContinuity(classicalKeyID: keyID), what)
      let metadata = try XCTUnwrap(
        JSONSerialization.jsonObject(with: Data(new.record.metadata.utf8)) as? [String: Any], what)
      XCTAssertEqual(
        metadata["composite_draft"] as? String,
        expected.hasPrefix("QRX-")
          ? "QRX composite: construction of draft-ietf-lamps-pq-composite-sigs-19, QRX label, no OID"
          : "draft-ietf-lamps-pq-composite-sigs-19", what)
    }
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
  }

  /// The policy's ML-DSA first; without a composite, the next stronger ML-DSA; never a weaker one,
  /// and never ML-DSA in place of another algorithm.
  func testTheFallbackOnlyEverGoesToAStrongerMLDSA() throws {
    func target(_ classical: String, _ postQuantum: String) throws -> String {
      let algorithm = try XCTUnwrap(ManagedAlgorithm.named(classical))
      return try ManagedAlgorithm.migrationComposite(keeping: algorithm, preferring: postQuantum).name
    }
    XCTAssertEqual(try target("ECDSA-P256", "ML-DSA-44"), "MLDSA44-ECDSA-P256-SHA256")
    XCTAssertEqual(try target("ECDSA-P384", "ML-DSA-44"), "MLDSA65-ECDSA-P384-SHA512")
    XCTAssertEqual(try target("ECDSA-P521", "ML-DSA-44"), "MLDSA87-ECDSA-P521-SHA512")
    XCTAssertEqual(try target("Ed448", "ML-DSA-65"), "MLDSA87-Ed448-SHAKE256")
    XCTAssertEqual(try target("Ed25519", "ML-DSA-87"), "QRX-MLDSA87-Ed25519-SHA512")
    XCTAssertEqual(try target("secp256k1-Schnorr", "ML-DSA-44"), "QRX-MLDSA65-secp256k1-Schnorr-SHA512")
    XCTAssertThrowsError(try target("Ed448", "SLH-DSA-SHA2-128s")) {
      XCTAssertEqual("\($0)", Self.noSLHDSA("Ed448"))
    }
    XCTAssertThrowsError(try target("ECDSA-P384", "Falcon-512")) {
      XCTAssertEqual(
        "\($0)", "no composite pairs ECDSA-P384 with Falcon-512 (the policy asks for Falcon-512; no fallback to ML-DSA)"
      )
    }
    XCTAssertThrowsError(try target("MLDSA65-Ed25519-SHA512", "ML-DSA-65"), "a hybrid key is no classical key")
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
