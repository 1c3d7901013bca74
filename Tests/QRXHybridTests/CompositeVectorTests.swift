import Foundation
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// One case of the draft repository's `testvectors.json`.
struct CompositeVectorCase: Decodable {
  let tcId: String
  let pk: String
  let sk: String
  let sk_pkcs8: String
  let s: String
  let sWithContext: String
}

/// The whole file: the message `m`, the context `ctx`, the cases.
struct CompositeVectorFile: Decodable {
  let m: String
  let ctx: String
  let tests: [CompositeVectorCase]
}

/// Standard base64 (the draft's vector files use it, not base64url).
func base64(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
  guard let data = Data(base64Encoded: text) else {
    XCTFail("bad base64 in vector", file: file, line: line)
    return []
  }
  return Array(data)
}

/// The official composite signature vectors (draft-ietf-lamps-pq-composite-sigs repository).
enum CompositeVectors {
  static func load() throws -> CompositeVectorFile {
    try Vectors.decode(CompositeVectorFile.self, from: Vectors.shared("composite-sigs/testvectors.json"))
  }
}

final class CompositeVectorTests: XCTestCase {
  /// All 21 cases: the 18 composites verify `s` (empty context) and `sWithContext` over `m`, with
  /// keys imported from `pk`/`sk`; the three pure ML-DSA cases verify as FIPS 204 signatures.
  func testEveryCaseVerifiesWithAndWithoutContext() throws {
    let file = try CompositeVectors.load()
    let m = base64(file.m)
    let ctx = base64(file.ctx)
    XCTAssertEqual(file.tests.count, 21)
    var composites = 0
    for test in file.tests {
      let pk = base64(test.pk)
      let sk = base64(test.sk)
      let s = base64(test.s)
      let sWithContext = base64(test.sWithContext)
      if test.tcId.hasPrefix("id-ML-DSA-") {
        let valid = try pureMLDSAVerify(test.tcId, pk: pk, sk: sk, m: m, ctx: ctx, s: s, sWithContext: sWithContext)
        XCTAssertTrue(valid, test.tcId)
        continue
      }
      guard let algorithm = CompositeSignatureAlgorithm.named(test.tcId) else {
        XCTFail("no algorithm for \(test.tcId)")
        continue
      }
      composites += 1
      let publicKey = try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: pk)
      XCTAssertEqual(try publicKey.rawRepresentation, pk, "\(test.tcId) public key round trip")
      XCTAssertTrue(publicKey.isValidSignature(s, for: m), "\(test.tcId) s")
      XCTAssertTrue(publicKey.isValidSignature(sWithContext, for: m, context: ctx), "\(test.tcId) sWithContext")
      // The context is bound: each signature fails under the other context.
      XCTAssertFalse(publicKey.isValidSignature(s, for: m, context: ctx), "\(test.tcId) s with ctx")
      XCTAssertFalse(publicKey.isValidSignature(sWithContext, for: m), "\(test.tcId) sWithContext without ctx")

      let privateKey = try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: SecretBytes(sk))
      XCTAssertEqual(try privateKey.publicKey.rawRepresentation, pk, "\(test.tcId) public key from sk")
      XCTAssertEqual(try privateKey.rawRepresentation.copyBytes(), sk, "\(test.tcId) private key round trip")
      let fresh = try privateKey.signature(for: m, context: ctx)
      XCTAssertTrue(publicKey.isValidSignature(fresh, for: m, context: ctx), "\(test.tcId) fresh signature")
    }
    XCTAssertEqual(composites, 18)
  }

  /// The pure ML-DSA cases: FIPS 204 ML-DSA.Verify with the empty context and with `ctx`.
  private func pureMLDSAVerify(
    _ id: String, pk: [UInt8], sk: [UInt8], m: [UInt8], ctx: [UInt8], s: [UInt8], sWithContext: [UInt8]
  ) throws -> Bool {
    switch id {
    case "id-ML-DSA-44":
      let key = try MLDSA44.PublicKey(rawRepresentation: pk)
      XCTAssertEqual(try MLDSA44.PrivateKey(seedRepresentation: sk).publicKey.rawRepresentation, pk)
      return key.isValidSignature(s, for: m) && key.isValidSignature(sWithContext, for: m, context: ctx)
    case "id-ML-DSA-65":
      let key = try MLDSA65.PublicKey(rawRepresentation: pk)
      XCTAssertEqual(try MLDSA65.PrivateKey(seedRepresentation: sk).publicKey.rawRepresentation, pk)
      return key.isValidSignature(s, for: m) && key.isValidSignature(sWithContext, for: m, context: ctx)
    case "id-ML-DSA-87":
      let key = try MLDSA87.PublicKey(rawRepresentation: pk)
      XCTAssertEqual(try MLDSA87.PrivateKey(seedRepresentation: sk).publicKey.rawRepresentation, pk)
      return key.isValidSignature(s, for: m) && key.isValidSignature(sWithContext, for: m, context: ctx)
    default:
      XCTFail("unknown pure case \(id)")
      return false
    }
  }

  /// Stripping: the ML-DSA half alone is no ML-DSA signature of `m` with the empty context (nor
  /// of M' with the empty context), and the traditional half alone does not verify over `m`.
  func testStrippedHalvesDoNotVerifyAlone() throws {
    let file = try CompositeVectors.load()
    let m = base64(file.m)
    for test in file.tests where !test.tcId.hasPrefix("id-ML-DSA-") {
      let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named(test.tcId))
      let publicKey = try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: base64(test.pk))
      let s = base64(test.s)
      let split = algorithm.postQuantum.signatureByteCount
      let pqHalf = Array(s[..<split])
      let tradHalf = Array(s[split...])
      let mPrime = try algorithm.messageRepresentative(for: m, context: [])
      // Sanity: each half does verify in its composite role, so the negatives below mean something.
      XCTAssertTrue(publicKey.postQuantum.isValidSignature(pqHalf, for: mPrime, context: algorithm.labelBytes))
      XCTAssertTrue(publicKey.traditional.isValidSignature(tradHalf, for: mPrime))
      XCTAssertFalse(publicKey.postQuantum.isValidSignature(pqHalf, for: m, context: []), "\(test.tcId) PQ over M")
      XCTAssertFalse(publicKey.postQuantum.isValidSignature(pqHalf, for: mPrime, context: []), "\(test.tcId) PQ ctx")
      XCTAssertFalse(publicKey.traditional.isValidSignature(tradHalf, for: m), "\(test.tcId) traditional over M")
      // A composite signature missing either half is invalid.
      XCTAssertFalse(publicKey.isValidSignature(pqHalf, for: m), "\(test.tcId) PQ half only")
      XCTAssertFalse(publicKey.isValidSignature(tradHalf, for: m), "\(test.tcId) traditional half only")
    }
  }

  /// Mixing: halves of two composite signatures made by different keys of the same algorithm do
  /// not verify together under either public key.
  func testHalvesFromDifferentKeysDoNotVerifyTogether() throws {
    let file = try CompositeVectors.load()
    let m = base64(file.m)
    for test in file.tests where !test.tcId.hasPrefix("id-ML-DSA-") {
      let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named(test.tcId))
      if algorithm.traditional.isRSA { continue }  // RSA key generation is slow; the ECC cases cover the rule.
      let vectorKey = try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: base64(test.pk))
      let otherKey = try CompositeSignature.PrivateKey(algorithm: algorithm)
      let s1 = base64(test.s)
      let s2 = try otherKey.signature(for: m)
      XCTAssertTrue(otherKey.publicKey.isValidSignature(s2, for: m))
      let split = algorithm.postQuantum.signatureByteCount
      let mixedA = Array(s1[..<split]) + Array(s2[split...])
      let mixedB = Array(s2[..<split]) + Array(s1[split...])
      for mixed in [mixedA, mixedB] {
        XCTAssertFalse(vectorKey.isValidSignature(mixed, for: m), test.tcId)
        XCTAssertFalse(otherKey.publicKey.isValidSignature(mixed, for: m), test.tcId)
      }
    }
  }

  /// A signature made under one composite label does not verify under another algorithm with
  /// the same components' sizes (the label binds the algorithm).
  func testLabelBindsTheAlgorithm() throws {
    let a = try XCTUnwrap(CompositeSignatureAlgorithm.named("MLDSA65-Ed25519-SHA512"))
    let key = try CompositeSignature.PrivateKey(algorithm: a, seed: SecretBytes(zeroes: 32))
    let message = Array("transfer 1 BTC".utf8)
    let signature = try key.signature(for: message)
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message + [0]))
    var flipped = signature
    flipped[flipped.count - 1] ^= 1
    XCTAssertFalse(key.publicKey.isValidSignature(flipped, for: message))
    flipped = signature
    flipped[0] ^= 1
    XCTAssertFalse(key.publicKey.isValidSignature(flipped, for: message))
  }

  /// Every draft label and OID is distinct, and the labels are the draft's table (spot checks of
  /// the entries that changed between revisions).
  func testLabelsAndOIDsAreDistinct() {
    let all = CompositeSignatureAlgorithm.all
    XCTAssertEqual(Set(all.map(\.label)).count, all.count)
    XCTAssertEqual(Set(all.compactMap(\.oid)).count, 18)
    XCTAssertEqual(
      CompositeSignatureAlgorithm.named("id-MLDSA65-ECDSA-P256-SHA512")?.label, "COMPSIG-MLDSA65-ECDSA-P256-SHA512")
    XCTAssertEqual(CompositeSignatureAlgorithm.withOID("1.3.6.1.5.5.7.6.51")?.name, "MLDSA87-Ed448-SHAKE256")
  }
}
