import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

/// One parameter set behind closures, so vector files can name their set at run time.
struct SLHDSATestSet: Sendable {
  let parameters: SLHDSAParameters
  /// slh_keygen_internal from SK.seed ‖ SK.prf ‖ PK.seed: (sk, pk).
  let keygen: @Sendable ([UInt8]) throws -> (sk: [UInt8], pk: [UInt8])
  /// slh_sign_internal(M, SK, addrnd); nil addrnd is the deterministic variant.
  let signInternal: @Sendable (_ sk: [UInt8], _ message: [UInt8], _ addrnd: [UInt8]?) throws -> [UInt8]
  /// slh_verify_internal(M, SIG, PK).
  let verifyInternal: @Sendable (_ pk: [UInt8], _ message: [UInt8], _ signature: [UInt8]) throws -> Bool

  init<Set: SLHDSAParameterSet>(_: Set.Type) {
    parameters = Set.parameters
    keygen = { seeds in
      let key = try Set.PrivateKey(seedRepresentation: seeds)
      return (key.rawRepresentation.copyBytes(), key.publicKey.rawRepresentation)
    }
    signInternal = { sk, message, addrnd in
      try Set.PrivateKey(rawRepresentation: sk).testingOnlyInternalSignature(
        message: message, additionalRandomness: addrnd)
    }
    verifyInternal = { pk, message, signature in
      try Set.PublicKey(rawRepresentation: pk).testingOnlyIsValidInternalSignature(signature, message: message)
    }
  }

  static let all: [SLHDSATestSet] = [
    SLHDSATestSet(SLHDSA_SHA2_128s.self), SLHDSATestSet(SLHDSA_SHAKE_128s.self),
    SLHDSATestSet(SLHDSA_SHA2_128f.self), SLHDSATestSet(SLHDSA_SHAKE_128f.self),
    SLHDSATestSet(SLHDSA_SHA2_192s.self), SLHDSATestSet(SLHDSA_SHAKE_192s.self),
    SLHDSATestSet(SLHDSA_SHA2_192f.self), SLHDSATestSet(SLHDSA_SHAKE_192f.self),
    SLHDSATestSet(SLHDSA_SHA2_256s.self), SLHDSATestSet(SLHDSA_SHAKE_256s.self),
    SLHDSATestSet(SLHDSA_SHA2_256f.self), SLHDSATestSet(SLHDSA_SHAKE_256f.self),
  ]

  static func named(_ name: String) -> SLHDSATestSet? { all.first { $0.parameters.name == name } }
}

/// A repeatable random source for tests: SHAKE256 of a label, read as a stream.
final class SLHDSATestRandom: RandomSource {
  private var shake = SHAKE256()

  init(_ label: String) { shake.absorb(Array(label.utf8)) }

  func fill(_ buffer: UnsafeMutableRawBufferPointer) { shake.squeeze(into: buffer) }
}

/// ACVP test groups of one SLH-DSA vector file, as JSON objects.
func slhdsaACVPGroups(_ file: String) throws -> [[String: Any]] {
  let url = try Vectors.shared("acvp/slh-dsa/\(file)")
  guard let root = try Vectors.json(url) as? [String: Any], let groups = root["testGroups"] as? [[String: Any]]
  else { throw VectorError.malformed("\(file): no testGroups") }
  return groups
}

final class SLHDSAACVPTests: XCTestCase {
  /// NIST ACVP keyGen: slh_keygen_internal from the three seeds gives the expected sk and pk.
  func testKeyGenerationMatchesACVP() throws {
    var passed = 0
    var total = 0
    for group in try slhdsaACVPGroups("SLH-DSA-keyGen-FIPS205.internalProjection.json") {
      let name = try XCTUnwrap(group["parameterSet"] as? String)
      let set = try XCTUnwrap(SLHDSATestSet.named(name), "unknown parameter set \(name)")
      for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) {
        total += 1
        let tcId = test["tcId"] as? Int ?? -1
        let seeds =
          hexBytes(test["skSeed"] as? String ?? "") + hexBytes(test["skPrf"] as? String ?? "")
          + hexBytes(test["pkSeed"] as? String ?? "")
        let (sk, pk) = try set.keygen(seeds)
        let expectedSK = hexBytes(test["sk"] as? String ?? "")
        let expectedPK = hexBytes(test["pk"] as? String ?? "")
        XCTAssertEqual(hexString(sk), hexString(expectedSK), "\(name) tcId \(tcId): sk")
        XCTAssertEqual(hexString(pk), hexString(expectedPK), "\(name) tcId \(tcId): pk")
        if sk == expectedSK && pk == expectedPK { passed += 1 }
      }
    }
    XCTAssertEqual(total, 40, "the ACVP keyGen file holds 40 cases")
    XCTAssertEqual(passed, total)
    print("SLH-DSA ACVP keyGen: \(passed)/\(total) passed")
  }

  /// NIST ACVP sigVer: slh_verify_internal accepts exactly the cases marked testPassed.
  func testSignatureVerificationMatchesACVP() throws {
    var passed = 0
    var total = 0
    var sets = Set<String>()
    for group in try slhdsaACVPGroups("SLH-DSA-sigVer-FIPS205.internalProjection.json") {
      let name = try XCTUnwrap(group["parameterSet"] as? String)
      let set = try XCTUnwrap(SLHDSATestSet.named(name), "unknown parameter set \(name)")
      sets.insert(name)
      for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) {
        total += 1
        let tcId = test["tcId"] as? Int ?? -1
        let expected = try XCTUnwrap(test["testPassed"] as? Bool)
        let pk = hexBytes(test["pk"] as? String ?? "")
        let message = hexBytes(test["message"] as? String ?? "")
        let signature = hexBytes(test["signature"] as? String ?? "")
        let valid = try set.verifyInternal(pk, message, signature)
        XCTAssertEqual(valid, expected, "\(name) tcId \(tcId): \(test["reason"] as? String ?? "")")
        if valid == expected { passed += 1 }
      }
    }
    XCTAssertEqual(total, 45, "the ACVP sigVer file holds 45 cases")
    XCTAssertEqual(passed, total)
    print("SLH-DSA ACVP sigVer: \(passed)/\(total) passed over \(sets.sorted())")
  }

  /// The valid ACVP sigVer cases carry sk and the additional randomness they were made with:
  /// slh_sign_internal reproduces each signature byte for byte.
  func testSigningReproducesACVPSignatures() throws {
    var passed = 0
    var total = 0
    for group in try slhdsaACVPGroups("SLH-DSA-sigVer-FIPS205.internalProjection.json") {
      let name = try XCTUnwrap(group["parameterSet"] as? String)
      let set = try XCTUnwrap(SLHDSATestSet.named(name))
      for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) where test["testPassed"] as? Bool == true {
        total += 1
        let tcId = test["tcId"] as? Int ?? -1
        let sk = hexBytes(test["sk"] as? String ?? "")
        let message = hexBytes(test["message"] as? String ?? "")
        let addrnd = hexBytes(test["additionalRandomness"] as? String ?? "")
        let expected = hexBytes(test["signature"] as? String ?? "")
        let signature = try set.signInternal(sk, message, addrnd)
        XCTAssertEqual(signature.count, expected.count, "\(name) tcId \(tcId): length")
        XCTAssert(signature == expected, "\(name) tcId \(tcId): signature differs")
        if signature == expected { passed += 1 }
      }
    }
    XCTAssertEqual(total, 15)
    XCTAssertEqual(passed, total)
    print("SLH-DSA ACVP sigVer valid cases re-signed: \(passed)/\(total) identical")
  }

  /// Deterministic signatures made with the ACVP keyGen keys verify, and only for their message.
  func testDeterministicSignaturesFromACVPKeysVerify() throws {
    var passed = 0
    var total = 0
    for group in try slhdsaACVPGroups("SLH-DSA-keyGen-FIPS205.internalProjection.json") {
      let name = try XCTUnwrap(group["parameterSet"] as? String)
      let set = try XCTUnwrap(SLHDSATestSet.named(name))
      for test in try XCTUnwrap(group["tests"] as? [[String: Any]]) {
        total += 1
        let tcId = test["tcId"] as? Int ?? -1
        let sk = hexBytes(test["sk"] as? String ?? "")
        let pk = hexBytes(test["pk"] as? String ?? "")
        let message = Array("ACVP \(name) tcId \(tcId)".utf8)
        let signature = try set.signInternal(sk, message, nil)
        XCTAssertEqual(signature.count, set.parameters.signatureByteCount)
        let valid = try set.verifyInternal(pk, message, signature)
        let wrong = try set.verifyInternal(pk, message + [0], signature)
        XCTAssertTrue(valid, "\(name) tcId \(tcId)")
        XCTAssertFalse(wrong, "\(name) tcId \(tcId): another message")
        if valid && !wrong { passed += 1 }
      }
    }
    XCTAssertEqual(passed, total)
    print("SLH-DSA deterministic signatures with ACVP keys: \(passed)/\(total) verified")
  }
}
