import Foundation
import QRXPostQuantum
import QRXPrimitives
import XCTest

@testable import QRXHybrid

/// A key that always fails: the failure injection of the fallback tests.
private struct BrokenKey: FallbackSigningKey {
  let algorithmName: String
  struct Failure: Error {}
  func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] { throw Failure() }
}

final class FallbackTests: XCTestCase {
  private let message = Array("withdraw 5 ETH".utf8)
  private let permissive = AlgorithmPolicy(minimumCategory: 1, allowsExperimental: true)

  func testPrimarySignsWhenItCan() throws {
    let primary = try MLDSA65.PrivateKey(seedRepresentation: [UInt8](repeating: 1, count: 32))
    let signer = FallbackSigner(chain: [primary, SLHDSA_SHA2_128s.PrivateKey()], policy: permissive)
    let result = try signer.sign(message)
    XCTAssertEqual(result.algorithm, "ML-DSA-65")
    XCTAssertTrue(result.skipped.isEmpty)
    XCTAssertTrue(primary.publicKey.isValidSignature(result.signature, for: message))
  }

  func testInjectedFailureFallsBackAndReportsWhichSigned() throws {
    let secondary = try CompositeSignature.PrivateKey(
      algorithm: XCTUnwrap(CompositeSignatureAlgorithm.named("MLDSA87-ECDSA-P384-SHA512")))
    let signer = FallbackSigner(chain: [BrokenKey(algorithmName: "ML-DSA-65"), secondary], policy: permissive)
    let result = try signer.sign(message, context: [9])
    XCTAssertEqual(result.algorithm, "MLDSA87-ECDSA-P384-SHA512")
    XCTAssertEqual(result.skipped.map(\.algorithm), ["ML-DSA-65"])
    XCTAssertTrue(result.skipped[0].reason.hasPrefix("signing failed"))
    XCTAssertTrue(secondary.publicKey.isValidSignature(result.signature, for: message, context: [9]))
  }

  func testAlgorithmDisabledByPolicyIsSkipped() throws {
    var policy = permissive
    policy.disabled = ["ML-DSA-65"]
    let primary = try MLDSA65.PrivateKey(seedRepresentation: [UInt8](repeating: 1, count: 32))
    let secondary = try MLDSA87.PrivateKey(seedRepresentation: [UInt8](repeating: 2, count: 32))
    let result = try FallbackSigner(chain: [primary, secondary], policy: policy).sign(message)
    XCTAssertEqual(result.algorithm, "ML-DSA-87")
    XCTAssertEqual(result.skipped.first?.reason, "ML-DSA-65 is disabled by policy")
  }

  func testEveryFailureIsReportedWhenNothingCanSign() {
    let signer = FallbackSigner(
      chain: [BrokenKey(algorithmName: "ML-DSA-65"), BrokenKey(algorithmName: "Ed25519")], policy: permissive)
    XCTAssertThrowsError(try signer.sign(message)) { error in
      guard case .allAlgorithmsFailed(let reasons) = error as? CompositeError else { return XCTFail("\(error)") }
      XCTAssertEqual(reasons.count, 2)
      XCTAssertTrue(reasons[1].contains("classical-only"))
    }
  }

  func testHybridKeyRoundTripsAndBothHalvesMustVerify() throws {
    let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named("MLDSA65-Ed25519-SHA512"))
    let key = try HybridKey(
      privateKey: CompositeSignature.PrivateKey(algorithm: algorithm, seed: SecretBytes(zeroes: 32)),
      createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    XCTAssertEqual(key.metadata.draftRevision, "draft-ietf-lamps-pq-composite-sigs-19")
    XCTAssertEqual(key.metadata.classicalAlgorithm, "Ed25519")
    let signature = try key.signature(for: message)
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
    // JSON envelopes round-trip.
    let restored = try HybridKey(jsonEnvelope: key.jsonEnvelope())
    XCTAssertEqual(restored.metadata, key.metadata)
    let publicKey = try HybridPublicKey(jsonEnvelope: key.publicKey.jsonEnvelope())
    let decoded = try HybridSignature(jsonEnvelope: signature.jsonEnvelope())
    XCTAssertEqual(decoded, signature)
    XCTAssertTrue(publicKey.isValidSignature(decoded, for: message))
    // PEM round-trips through the composite OID.
    let pem = try KeyEncoding.decodePEM(key.pemRepresentation())
    XCTAssertEqual(pem.algorithm, algorithm.name)
    XCTAssertEqual(pem.key.copyBytes(), try key.privateKey.rawRepresentation.copyBytes())
    // Both must verify: a swapped classical half or another key ID is rejected.
    let other = try HybridKey(algorithm: algorithm)
    let otherSignature = try other.signature(for: message)
    let mixed = try HybridSignature(
      algorithm: algorithm, keyID: key.metadata.keyID,
      rawRepresentation: signature.postQuantumSignature + otherSignature.classicalSignature)
    XCTAssertFalse(key.publicKey.isValidSignature(mixed, for: message))
    XCTAssertFalse(other.publicKey.isValidSignature(signature, for: message))
    // Rotation policy.
    XCTAssertTrue(
      key.metadata.rotation.isRotationDue(
        createdAt: key.metadata.createdAt, now: Date(timeIntervalSince1970: 1_800_000_000 + 91 * 86_400)))
    XCTAssertFalse(
      key.metadata.rotation.isExpired(
        createdAt: key.metadata.createdAt, now: Date(timeIntervalSince1970: 1_800_000_000 + 91 * 86_400)))
  }

  func testTamperedEnvelopesAreRejected() throws {
    let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named("MLDSA65-Ed25519-SHA512"))
    let key = try HybridKey(algorithm: algorithm)
    var json = String(decoding: try key.publicKey.jsonEnvelope(), as: UTF8.self)
    json = json.replacingOccurrences(of: key.metadata.keyID, with: String(repeating: "0", count: 32))
    XCTAssertThrowsError(try HybridPublicKey(jsonEnvelope: Array(json.utf8)))
    XCTAssertThrowsError(try HybridSignature(jsonEnvelope: Array("{}".utf8)))
  }
}
