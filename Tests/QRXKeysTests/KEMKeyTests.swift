import Foundation
import QRXHybrid
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXKeys
@testable import QRXStore

/// Key-encapsulation keys in the key manager (X25519, X-Wing) and the migration of X25519
/// encryption keys to X-Wing keys that keep the X25519 key.
final class KEMKeyTests: XCTestCase {
  // RFC 7748, Section 6.1: Alice's private and public key.
  let rfc7748Private = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
  let rfc7748Public = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"

  func testImportedX25519KeyHasTheRFC7748PublicKeyAndDefaultsToEncryption() async throws {
    let (manager, _, _) = try makeManager(self)
    XCTAssertEqual(KeyManager.defaultUsage(forAlgorithm: "X25519"), .encryption)
    XCTAssertEqual(KeyManager.defaultUsage(forAlgorithm: "x-wing"), .encryption)
    XCTAssertEqual(KeyManager.defaultUsage(forAlgorithm: "Ed25519"), .transactionSigning)
    let key = try await manager.importKey(
      algorithm: "X25519", privateKey: SecretBytes(hexBytes(rfc7748Private)), usage: .encryption)
    XCTAssertEqual(hexString(key.current.publicKey), rfc7748Public)
    XCTAssertFalse(key.isHybrid)
  }

  func testKEMKeysRoundTripAndCannotSign() async throws {
    let (manager, _, _) = try makeManager(self)
    let xwing = try await manager.generate(algorithm: "X-Wing", usage: .encryption)[0]
    let x25519 = try await manager.generate(algorithm: "X25519", usage: .storage)[0]
    XCTAssertEqual(xwing.current.publicKey.count, 1216)
    XCTAssertTrue(xwing.isHybrid)

    let hybridResult = try await manager.test(id: xwing.record.id)
    XCTAssertEqual(hybridResult.decapsulationValid, true)
    XCTAssertEqual(hybridResult.quantumComponentValid, true)
    XCTAssertFalse(hybridResult.signatureValid)
    XCTAssertTrue(hybridResult.passed)
    let classicalResult = try await manager.test(id: x25519.record.id)
    XCTAssertEqual(classicalResult.decapsulationValid, true)
    XCTAssertNil(classicalResult.quantumComponentValid)

    // A standard X-Wing encapsulation to the stored public key opens through the key manager.
    let (sent, ciphertext) = try ConcreteHybridKEM.xWing.encapsulate(to: xwing.current.publicKey)
    let received = try await manager.decapsulate(ciphertext, keyID: xwing.record.id, version: 1)
    XCTAssertEqual(received.copyBytes(), sent.copyBytes())

    do {
      _ = try await manager.sign([1, 2, 3], keyID: xwing.record.id)
      XCTFail("a KEM key signed")
    } catch let error as KeyManagerError {
      guard case .cannotSign = error else { return XCTFail("\(error)") }
    }
  }

  func testUsageMustFitTheAlgorithm() async throws {
    let (manager, _, _) = try makeManager(self)
    for (algorithm, usage) in [
      ("X-Wing", KeyUsage.transactionSigning), ("X25519", .withdrawalSigning), ("Ed25519", .encryption),
    ] {
      do {
        _ = try await manager.generate(algorithm: algorithm, usage: usage)
        XCTFail("\(algorithm) with \(usage) accepted")
      } catch let error as KeyManagerError {
        XCTAssertEqual(error, .usageMismatch(algorithm: algorithm, usage: usage.rawValue))
      }
    }
  }

  func testAnX25519KeyMigratesToAnXWingKeyThatKeepsIt() async throws {
    let (manager, store, _) = try makeManager(self)
    let old = try await manager.importKey(
      algorithm: "X25519", privateKey: SecretBytes(hexBytes(rfc7748Private)), usage: .encryption, label: "vault")
    let service = KeyMigrationService(keys: manager)
    let report = try await service.migrateAll()
    XCTAssertEqual(report.failedMigrations.count, 0)
    XCTAssertEqual(report.successfulMigrations.count, 1)
    let newID = try XCTUnwrap(report.successfulMigrations.first?.hybridKeyID)
    let new = try await manager.key(id: newID)
    XCTAssertEqual(new.record.algorithm, "X-Wing")
    XCTAssertEqual(new.record.usage, .encryption)
    XCTAssertEqual(new.record.label, "vault")
    XCTAssertEqual(new.record.migratedFrom, old.record.id)
    // X-Wing's public key is ek_M (1184 bytes) ‖ pk_X: the kept key is RFC 7748's Alice.
    XCTAssertEqual(new.current.publicKey.count, 1216)
    XCTAssertEqual(hexString(Array(new.current.publicKey.suffix(32))), rfc7748Public)
    // Stored expanded: ML-KEM-768 seed d ‖ z (64 bytes) ‖ the kept X25519 scalar.
    let sealed = try XCTUnwrap(try store.getKey(id: newID)?.current.sealedPrivateKey)
    let stored = try manager.sealer.unseal(sealed, keyID: newID, version: 1, algorithm: "X-Wing").copyBytes()
    XCTAssertEqual(stored.count, 96)
    XCTAssertEqual(hexString(Array(stored[64...])), rfc7748Private)

    // Any X-Wing sender can encapsulate to it; the key manager opens it, with both halves.
    let (sent, ciphertext) = try ConcreteHybridKEM.xWing.encapsulate(to: new.current.publicKey)
    let received = try await manager.decapsulate(ciphertext, keyID: newID, version: 1)
    XCTAssertEqual(received.copyBytes(), sent.copyBytes())
    let result = try await manager.test(id: newID)
    XCTAssertEqual(result.decapsulationValid, true)
    XCTAssertEqual(result.quantumComponentValid, true)

    XCTAssertTrue(try service.verifyContinuity(classicalKeyID: old.record.id))
    let attestations = try store.transaction { try $0.attestations(oldKeyID: old.record.id, newKeyID: newID) }
    XCTAssertEqual(Set(attestations.map(\.direction)), [.oldSignsNew, .newSignsOld])
    XCTAssertEqual(attestations.map(\.signature.count), [32, 32])

    // A second run leaves it alone.
    let again = try await service.migrateAll()
    XCTAssertEqual(again.successfulMigrations.count + again.failedMigrations.count, 0)

    // New data goes to the hybrid key; the old key only opens what was sealed to it before.
    do {
      _ = try await manager.encapsulate(toKeyID: old.record.id)
      XCTFail("a migrated X25519 key still took new encryptions")
    } catch let error as KeyManagerError {
      guard case .unsupportedOperation(let reason) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(reason.contains(newID), reason)
    }
    let (secret, sealedToNew, version) = try await manager.encapsulate(toKeyID: newID)
    XCTAssertEqual(version, 1)
    let opened = try await manager.decapsulate(sealedToNew, keyID: newID, version: 1)
    XCTAssertEqual(opened.copyBytes(), secret.copyBytes())
  }

  func testImportRefusesAMismatchedUsage() async throws {
    let (manager, _, _) = try makeManager(self)
    do {
      _ = try await manager.importKey(
        algorithm: "X25519", privateKey: SecretBytes(hexBytes(rfc7748Private)), usage: .transactionSigning)
      XCTFail("an X25519 signing key was imported")
    } catch let error as KeyManagerError {
      XCTAssertEqual(error, .usageMismatch(algorithm: "X25519", usage: "transaction-signing"))
    }
  }

  func testEncapsulationRotatesAKEMKeyWhenItsPolicyIsDue() async throws {
    let (manager, _, _) = try makeManager(self)
    let key = try await manager.generate(
      algorithm: "X-Wing", usage: .encryption, rotationPolicy: RotationPolicy(maxUses: 1))[0]
    let (secret, ciphertext, first) = try await manager.encapsulate(toKeyID: key.record.id)
    XCTAssertEqual(first, 1)
    _ = try await manager.decapsulate(ciphertext, keyID: key.record.id, version: 1)
    // Version 1 has been used once: the next encapsulation goes to a fresh version 2 ...
    let (_, _, second) = try await manager.encapsulate(toKeyID: key.record.id)
    XCTAssertEqual(second, 2)
    // ... and version 1, now rotated, still opens what was sealed to it.
    let again = try await manager.decapsulate(ciphertext, keyID: key.record.id, version: 1)
    XCTAssertEqual(again.copyBytes(), secret.copyBytes())
  }

  func testATamperedOrForgedKEMAttestationFailsTheContinuityCheck() async throws {
    let (manager, store, _) = try makeManager(self)
    let old = try await manager.generate(algorithm: "X25519", usage: .encryption)[0]
    let service = KeyMigrationService(keys: manager)
    let migrated = try await service.migrateAll()
    let newID = try XCTUnwrap(migrated.successfulMigrations.first?.hybridKeyID)
    XCTAssertTrue(try service.verifyContinuity(classicalKeyID: old.record.id))
    let sql = try XCTUnwrap(store as? SQLKeyStore)
    let stored = try store.transaction { try $0.attestations(oldKeyID: old.record.id, newKeyID: newID) }
    for direction in AttestationDirection.allCases {
      let original = try XCTUnwrap(stored.first { $0.direction == direction })
      // A tag anyone could make from public data alone: HMAC under a key that is not the signer's.
      let forged = KeyMigrationService.possessionTag(
        privateKey: SecretBytes(original.message.prefix(32)), statement: original.message)
      var flipped = original.signature
      flipped[0] ^= 1
      for replacement in [forged, flipped] {
        _ = try sql.unsafeQuery(
          "UPDATE continuity_attestations SET signature = ? WHERE direction = ?",
          [.blob(replacement), .text(direction.rawValue)])
        XCTAssertFalse(try service.verifyContinuity(classicalKeyID: old.record.id), direction.rawValue)
      }
      _ = try sql.unsafeQuery(
        "UPDATE continuity_attestations SET signature = ? WHERE direction = ?",
        [.blob(original.signature), .text(direction.rawValue)])
      // An altered statement (the tag stays the one made over the original) fails too.
      var message = original.message
      message[message.count - 1] ^= 1
      _ = try sql.unsafeQuery(
        "UPDATE continuity_attestations SET message = ? WHERE direction = ?",
        [.blob(message), .text(direction.rawValue)])
      XCTAssertFalse(try service.verifyContinuity(classicalKeyID: old.record.id), direction.rawValue)
      _ = try sql.unsafeQuery(
        "UPDATE continuity_attestations SET message = ? WHERE direction = ?",
        [.blob(original.message), .text(direction.rawValue)])
      XCTAssertTrue(try service.verifyContinuity(classicalKeyID: old.record.id))
    }
    // Each check unsealed private keys, so each is in the audit log, and the chain holds.
    let checks = try store.transaction { try $0.auditEntries(afterSeq: 0, limit: 1000) }
      .filter { $0.action == "key.continuity.verify" }
    // Per direction: forged, flipped, altered statement, restored; plus the first check.
    XCTAssertEqual(checks.count, 1 + 2 * 4)
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
  }

  func testXWingKeysAreNotMigratedAgainAndSignatureKeysWithEncryptionUsageFailClearly() async throws {
    let (manager, store, _) = try makeManager(self)
    _ = try await manager.generate(algorithm: "X-Wing", usage: .encryption)
    // A signature key with usage encryption, as an older store might hold (the key manager now
    // refuses to create one).
    let stray = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth)[0]
    _ = try (store as? SQLKeyStore)?.unsafeQuery(
      "UPDATE keys SET usage = 'encryption' WHERE id = ?", [.text(stray.record.id)])
    let report = try await KeyMigrationService(keys: manager).migrateAll()
    XCTAssertEqual(report.successfulMigrations.count, 0)
    XCTAssertEqual(report.failedMigrations.map(\.keyID), [stray.record.id])
    XCTAssertTrue(report.failedMigrations[0].reason.contains("X-Wing"), report.failedMigrations[0].reason)
  }
}
