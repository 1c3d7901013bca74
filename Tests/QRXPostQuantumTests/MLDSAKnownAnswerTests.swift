import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// The deterministic, pure-interface known answers of cryptography-vectors
/// (`asymmetric/MLDSA/kat_MLDSA_{44,65,87}_det_pure.rsp`): key generation from ξ, then a
/// deterministic signature of `msg` with context `ctx`; `sm` is the signature followed by `msg`.
final class MLDSAKnownAnswerTests: XCTestCase {
  func testDeterministicPureKnownAnswers44() throws { try run(MLDSA44.PrivateKey.self, "44", signatureBytes: 2420) }
  func testDeterministicPureKnownAnswers65() throws { try run(MLDSA65.PrivateKey.self, "65", signatureBytes: 3309) }
  func testDeterministicPureKnownAnswers87() throws { try run(MLDSA87.PrivateKey.self, "87", signatureBytes: 4627) }

  private func run<K: TestMLDSAPrivateKey>(_: K.Type, _ set: String, signatureBytes: Int) throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/MLDSA/kat_MLDSA_\(set)_det_pure.rsp")
    let records = try readCountedRecords(url)
    XCTAssertEqual(records.count, 100, "ML-DSA-\(set): expected 100 known answers")
    var passed = 0
    for record in records {
      let count = record["count"] ?? "?"
      guard let xi = record["xi"], let pk = record["pk"], let sk = record["sk"], let msg = record["msg"],
        let ctx = record["ctx"], let sm = record["sm"]
      else {
        XCTFail("ML-DSA-\(set) count \(count): missing field")
        continue
      }
      let key = try K(seedRepresentation: hexBytes(xi))
      XCTAssertTrue(key.publicKey.rawRepresentation == hexBytes(pk), "ML-DSA-\(set) count \(count): pk")
      XCTAssertTrue(key.expandedRepresentation.copyBytes() == hexBytes(sk), "ML-DSA-\(set) count \(count): sk")
      let message = hexBytes(msg)
      let expected = Array(hexBytes(sm).prefix(signatureBytes))
      let signature = try key.deterministicSignature(for: message, context: hexBytes(ctx))
      XCTAssertTrue(signature == expected, "ML-DSA-\(set) count \(count): signature")
      XCTAssertTrue(
        key.publicKey.isValidSignature(expected, for: message, context: hexBytes(ctx)),
        "ML-DSA-\(set) count \(count): verify")
      if signature == expected { passed += 1 }
    }
    print("ML-DSA-\(set) det_pure KAT: \(passed)/\(records.count) signatures match")
  }
}
