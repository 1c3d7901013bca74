import Foundation
import QRXPrimitives
import QRXStore
import QRXTestSupport
import XCTest

@testable import QRXKeys

/// A key manager over a fresh SQLite store with a random master key.
func makeManager(
  _ test: XCTestCase, clock: @escaping @Sendable () -> UnixMilliseconds = StoreClock.now
) throws
  -> (KeyManager, any KeyStore, String)
{
  let url = try TestDatabases.sqliteURL(for: test)
  let store = try Store.open(url: url)
  test.addTeardownBlock { store.close() }
  let manager = KeyManager(
    store: store, sealer: try KeySealer(masterKey: MasterKey.generate()), actor: "tester", clock: clock)
  return (manager, store, url)
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var now: UnixMilliseconds = 1_700_000_000_000
  func read() -> UnixMilliseconds { lock.withLock { now } }
  func advance(seconds: Int64) { lock.withLock { now += seconds * 1000 } }
}

/// The official composite vectors (draft-ietf-lamps-pq-composite-sigs repository, testvectors.json).
struct CompositeVectorFile: Decodable {
  struct Case: Decodable {
    let tcId: String
    let pk: String
    let sk: String
    let s: String
  }
  let m: String
  let tests: [Case]
}

func standardBase64(_ text: String) throws -> [UInt8] {
  guard let data = Data(base64Encoded: text) else { throw VectorError.missing("base64") }
  return Array(data)
}

final class KeyManagerTests: XCTestCase {
  // RFC 8032, Section 7.1, TEST 1.
  let rfc8032Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
  let rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

  func testImportedEd25519KeyHasTheRFC8032PublicKeyAndLeavesNoTraceOfTheSeed() async throws {
    let (manager, store, url) = try makeManager(self)
    let key = try await manager.importKey(
      algorithm: "Ed25519", privateKey: SecretBytes(hexBytes(rfc8032Secret)), usage: .apiAuth, label: "rfc8032")
    XCTAssertEqual(key.current.publicKey, hexBytes(rfc8032Public))
    XCTAssertNil(key.current.sealedPrivateKey, "KeyInfo never carries the sealed key")
    store.close()
    let path = String(url.dropFirst("sqlite:".count))
    for file in [path, path + "-wal"] {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      XCTAssertNil(data.range(of: Data(hexBytes(rfc8032Secret))), "seed found in \(file)")
    }
  }

  func testImportRefusesAMalformedPrivateKey() async throws {
    let (manager, _, _) = try makeManager(self)
    do {
      _ = try await manager.importKey(algorithm: "Ed25519", privateKey: SecretBytes([1, 2, 3]), usage: .apiAuth)
      XCTFail("a 3-byte Ed25519 key was accepted")
    } catch let error as KeyManagerError {
      XCTAssertEqual(error, .invalidPrivateKey(algorithm: "Ed25519"))
    }
  }

  func testUnknownAlgorithmIsATypedError() async throws {
    let (manager, _, _) = try makeManager(self)
    do {
      _ = try await manager.generate(algorithm: "DSA-1024", usage: .apiAuth)
      XCTFail("accepted")
    } catch let error as KeyManagerError {
      XCTAssertEqual(error, .unsupportedAlgorithm("DSA-1024"))
    }
  }

  func testClassicalAndHybridKeysSignAndVerify() async throws {
    let (manager, _, _) = try makeManager(self)
    for name in ["Ed25519", "secp256k1-ECDSA", "ECDSA-P256", "MLDSA65-Ed25519-SHA512", "MLDSA87-ECDSA-P384-SHA512"] {
      let key = try await manager.generate(algorithm: name, usage: .transactionSigning)[0]
      XCTAssertEqual(key.isHybrid, name.hasPrefix("MLDSA"), name)
      XCTAssertTrue(key.record.id.hasPrefix(key.isHybrid ? "hybrid-" : "key-"), key.record.id)
      let message = Array("transfer 10 BTC".utf8)
      let signature = try await manager.sign(message, keyID: key.record.id)
      XCTAssertEqual(signature.algorithm, name)
      let valid = try await manager.verify(message, signature: signature)
      XCTAssertTrue(valid, name)
      let wrongMessage = try await manager.verify(Array("transfer 11 BTC".utf8), signature: signature)
      XCTAssertFalse(wrongMessage, name)
      let roundTrip = try KeySignature(jsonRepresentation: signature.jsonRepresentation)
      XCTAssertEqual(roundTrip, signature)
    }
  }

  func testKeyTestReportsBothPartsOfAHybridKeyAndNoQuantumPartForAClassicalOne() async throws {
    let (manager, _, _) = try makeManager(self)
    let hybrid = try await manager.generate(algorithm: "MLDSA65-Ed25519-SHA512", usage: .transactionSigning)[0]
    let hybridResult = try await manager.test(id: hybrid.record.id)
    XCTAssertEqual(hybridResult.signatureValid, true)
    XCTAssertEqual(hybridResult.quantumComponentValid, true)
    let classical = try await manager.generate(algorithm: "Ed25519", usage: .transactionSigning)[0]
    let classicalResult = try await manager.test(id: classical.record.id)
    XCTAssertEqual(classicalResult.signatureValid, true)
    XCTAssertNil(classicalResult.quantumComponentValid)
  }

  func testCompositeVectorKeyImportsAndItsSignatureVerifiesOnlyWithBothHalves() async throws {
    let file = try Vectors.decode(CompositeVectorFile.self, from: Vectors.shared("composite-sigs/testvectors.json"))
    guard let vector = file.tests.first(where: { $0.tcId == "id-MLDSA65-Ed25519-SHA512" }) else {
      return XCTFail("no id-MLDSA65-Ed25519-SHA512 case in the vectors")
    }
    let (manager, _, _) = try makeManager(self)
    let key = try await manager.importKey(
      algorithm: "MLDSA65-Ed25519-SHA512", privateKey: SecretBytes(try standardBase64(vector.sk)), usage: .apiAuth)
    XCTAssertEqual(key.current.publicKey, try standardBase64(vector.pk))
    let m = try standardBase64(file.m)
    let s = try standardBase64(vector.s)
    let envelope = KeySignature(keyID: key.record.id, keyVersion: 1, algorithm: "MLDSA65-Ed25519-SHA512", signature: s)
    let service = HybridSignatureService(keys: manager)
    let valid = try await service.verify(m, signature: envelope)
    XCTAssertTrue(valid)
    let algorithm = try XCTUnwrap(ManagedAlgorithm.named("MLDSA65-Ed25519-SHA512"))
    XCTAssertEqual(
      algorithm.verifyPostQuantumComponent(publicKey: key.current.publicKey, message: m, signature: s), true)

    // Altered classical half (last byte): the whole fails, the post-quantum half alone still holds.
    var badClassical = s
    badClassical[badClassical.count - 1] ^= 1
    let classicalBroken = try await service.verify(
      m,
      signature: KeySignature(
        keyID: key.record.id, keyVersion: 1, algorithm: envelope.algorithm, signature: badClassical))
    XCTAssertFalse(classicalBroken)
    XCTAssertEqual(
      algorithm.verifyPostQuantumComponent(publicKey: key.current.publicKey, message: m, signature: badClassical), true)
    // Altered post-quantum half (first byte): both checks fail.
    var badQuantum = s
    badQuantum[0] ^= 1
    let quantumBroken = try await service.verify(
      m,
      signature: KeySignature(keyID: key.record.id, keyVersion: 1, algorithm: envelope.algorithm, signature: badQuantum)
    )
    XCTAssertFalse(quantumBroken)
    XCTAssertEqual(
      algorithm.verifyPostQuantumComponent(publicKey: key.current.publicKey, message: m, signature: badQuantum), false)
    // Stripped to the post-quantum half: not a hybrid signature.
    let stripped = Array(s[..<3309])
    let strippedValid = try await service.verify(
      m,
      signature: KeySignature(keyID: key.record.id, keyVersion: 1, algorithm: envelope.algorithm, signature: stripped))
    XCTAssertFalse(strippedValid)
  }

  func testHybridServiceRefusesClassicalKeysAndSignatures() async throws {
    let (manager, _, _) = try makeManager(self)
    let classical = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth)[0]
    let service = HybridSignatureService(keys: manager)
    do {
      _ = try await service.sign([1, 2, 3], keyID: classical.record.id)
      XCTFail("a classical key signed as hybrid")
    } catch let error as KeyManagerError {
      XCTAssertEqual(error, .notHybrid(classical.record.id))
    }
    let classicalSignature = try await manager.sign([1, 2, 3], keyID: classical.record.id)
    let accepted = try await service.verify([1, 2, 3], signature: classicalSignature)
    XCTAssertFalse(accepted, "a classical signature passed the hybrid verifier")
    let hybrid = try await manager.generate(algorithm: "MLDSA65-Ed25519-SHA512", usage: .apiAuth)[0]
    let signature = try await service.sign([1, 2, 3], keyID: hybrid.record.id)
    let valid = try await service.verify([1, 2, 3], signature: signature)
    XCTAssertTrue(valid)
  }

  func testRotationSignsWithTheNewestAndVerifiesOldVersionsUntilRetired() async throws {
    let (manager, _, _) = try makeManager(self)
    let key = try await manager.generate(algorithm: "MLDSA65-Ed25519-SHA512", usage: .transactionSigning)[0]
    let id = key.record.id
    let first = try await manager.sign([7], keyID: id)
    let rotated = try await manager.rotate(id: id)
    XCTAssertEqual(rotated.versions.map(\.state), [.rotated, .active])
    XCTAssertNotEqual(rotated.versions[0].publicKey, rotated.versions[1].publicKey)
    let second = try await manager.sign([7], keyID: id)
    XCTAssertEqual(second.keyVersion, 2)
    let firstStillValid = try await manager.verify([7], signature: first)
    XCTAssertTrue(firstStillValid, "a rotated version still verifies")
    // Version 1's signature does not pass as version 2's.
    let misattributed = try await manager.verify(
      [7], signature: KeySignature(keyID: id, keyVersion: 2, algorithm: first.algorithm, signature: first.signature))
    XCTAssertFalse(misattributed)
    try await manager.setState(id: id, version: 1, to: .retired)
    let afterRetire = try await manager.verify([7], signature: first)
    XCTAssertFalse(afterRetire, "a retired version no longer verifies")
    try await manager.setState(id: id, version: 1, to: .destroyed)
    let stored = try XCTUnwrap(try manager.store.getKey(id: id))
    XCTAssertNil(stored.versions[0].sealedPrivateKey)
  }

  func testRotationPolicyRotatesAfterMaxUsesAndAfterMaxAge() async throws {
    let clock = TestClock()
    let (manager, _, _) = try makeManager(self, clock: { clock.read() })
    let byUses = try await manager.generate(
      algorithm: "Ed25519", usage: .apiAuth, rotationPolicy: RotationPolicy(maxUses: 2))[0]
    let versions = try await (0..<5).asyncMap { _ in try await manager.sign([1], keyID: byUses.record.id).keyVersion }
    XCTAssertEqual(versions, [1, 1, 2, 2, 3])
    let byAge = try await manager.generate(
      algorithm: "Ed25519", usage: .apiAuth, rotationPolicy: RotationPolicy(maxAgeSeconds: 3600))[0]
    let due = try await manager.keysDueForRotation()
    XCTAssertFalse(due.contains(byAge.record.id))
    clock.advance(seconds: 3600)
    let dueLater = try await manager.keysDueForRotation()
    XCTAssertTrue(dueLater.contains(byAge.record.id))
    let signature = try await manager.sign([1], keyID: byAge.record.id)
    XCTAssertEqual(signature.keyVersion, 2)
  }

  func testATamperedSealedKeyOrAWrongMasterKeyIsATypedErrorNeverASignature() async throws {
    let (manager, store, _) = try makeManager(self)
    let key = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth)[0]
    let other = KeyManager(store: store, sealer: try KeySealer(masterKey: MasterKey.generate()), actor: "intruder")
    do {
      _ = try await other.sign([1], keyID: key.record.id)
      XCTFail("signed under the wrong master key")
    } catch let error as KeyCustodyError {
      XCTAssertEqual(error, .wrongMasterKey)
    }
  }

  func testEveryKeyOperationIsAuditedAndTheChainHolds() async throws {
    let (manager, store, _) = try makeManager(self)
    let key = try await manager.generate(algorithm: "Ed25519", usage: .apiAuth, count: 3)[0]
    _ = try await manager.sign([1], keyID: key.record.id)
    try await manager.rotate(id: key.record.id)
    _ = try await manager.test(id: key.record.id)
    let entries = try store.transaction { try $0.auditEntries(keyID: key.record.id, limit: 100) }
    XCTAssertEqual(entries.map(\.action), ["key.generate", "key.sign", "key.rotate", "key.sign", "key.test"])
    XCTAssertTrue(entries.allSatisfy { $0.actor == "tester" })
    XCTAssertTrue(try store.verifyAuditChain().isIntact)
  }

  func testMalformedSignatureEnvelopesAreTypedErrors() {
    for bytes: [UInt8] in [
      [], Array("{".utf8), Array("[]".utf8), Array("{\"key_id\":\"a\"}".utf8),
      Array("{\"key_id\":\"a\",\"key_version\":0,\"algorithm\":\"Ed25519\",\"signature\":\"AA\"}".utf8),
      Array("{\"key_id\":\"a\",\"key_version\":1,\"algorithm\":\"Ed25519\",\"signature\":\"*\"}".utf8),
      [UInt8](repeating: 0x20, count: KeySignature.maximumEncodedByteCount + 1),
    ] {
      XCTAssertThrowsError(try KeySignature(jsonRepresentation: bytes)) { error in
        XCTAssertTrue(error is KeyManagerError, "\(error)")
      }
    }
  }
}

extension Sequence {
  func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
    var out: [T] = []
    for element in self { out.append(try await transform(element)) }
    return out
  }
}
