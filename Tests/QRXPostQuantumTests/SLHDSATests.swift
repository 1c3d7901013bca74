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

/// Round trips, the external interface's message encoding, and malformed input, for every set.
final class SLHDSABehaviourTests: XCTestCase {
  /// A sign/verify round trip per parameter set: deterministic pure signing with a context and
  /// hedged HashSLH-DSA signing; each signature verifies only for its message, context and mode.
  func testRoundTripEveryParameterSet() throws {
    try roundTrip(SLHDSA_SHA2_128s.self)
    try roundTrip(SLHDSA_SHAKE_128s.self)
    try roundTrip(SLHDSA_SHA2_128f.self)
    try roundTrip(SLHDSA_SHAKE_128f.self)
    try roundTrip(SLHDSA_SHA2_192s.self)
    try roundTrip(SLHDSA_SHAKE_192s.self)
    try roundTrip(SLHDSA_SHA2_192f.self)
    try roundTrip(SLHDSA_SHAKE_192f.self)
    try roundTrip(SLHDSA_SHA2_256s.self)
    try roundTrip(SLHDSA_SHAKE_256s.self)
    try roundTrip(SLHDSA_SHA2_256f.self)
    try roundTrip(SLHDSA_SHAKE_256f.self)
  }

  private func roundTrip<P: SLHDSAParameterSet>(_: P.Type) throws {
    let p = P.parameters
    let key = P.PrivateKey(using: SLHDSATestRandom("round trip \(p.name)"))
    let publicKey = key.publicKey
    XCTAssertEqual(key.rawRepresentation.count, 4 * p.n)
    XCTAssertEqual(publicKey.rawRepresentation.count, 2 * p.n)
    XCTAssertEqual(Array(key.rawRepresentation.copyBytes()[(2 * p.n)...]), publicKey.rawRepresentation)

    let message = Array("transfer 12.5 BTC to cold storage".utf8)
    let context = Array("QRX test".utf8)
    let signature = try key.deterministicSignature(for: message, context: context)
    XCTAssertEqual(signature.count, p.signatureByteCount, p.name)
    XCTAssertTrue(publicKey.isValidSignature(signature, for: message, context: context), p.name)
    XCTAssertFalse(publicKey.isValidSignature(signature, for: message + [0], context: context), p.name)
    XCTAssertFalse(publicKey.isValidSignature(signature, for: message), "\(p.name): context is bound")
    XCTAssertFalse(
      publicKey.isValidSignature(signature, forPrehashOf: message, using: .sha256, context: context),
      "\(p.name): a pure signature is not a pre-hash signature")

    let hedged = try key.signature(forPrehashOf: message, using: .shake256, context: context)
    XCTAssertTrue(publicKey.isValidSignature(hedged, forPrehashOf: message, using: .shake256, context: context))
    XCTAssertFalse(publicKey.isValidSignature(hedged, forPrehashOf: message, using: .sha512, context: context))
    XCTAssertFalse(publicKey.isValidSignature(hedged, for: message, context: context))

    // A key reloaded from its 4n-byte encoding is the same key.
    let reloaded = try P.PrivateKey(rawRepresentation: key.rawRepresentation)
    XCTAssertEqual(reloaded.publicKey, publicKey)
  }

  /// FIPS 205, Algorithm 22: the deterministic signature is slh_sign_internal on
  /// M' = 0 ‖ |ctx| ‖ ctx ‖ M with opt_rand = PK.seed (M' built here, from the standard).
  func testPureSigningEncodesMessageAsInFIPS205() throws {
    try pureEncoding(SLHDSA_SHA2_128f.self)
    try pureEncoding(SLHDSA_SHAKE_128f.self)
  }

  private func pureEncoding<P: SLHDSAParameterSet>(_: P.Type) throws {
    let key = P.PrivateKey(using: SLHDSATestRandom("pure encoding"))
    let message: [UInt8] = [0x51, 0x52, 0x58]
    let context: [UInt8] = [0xC0, 0xFF, 0xEE]
    let mPrime: [UInt8] = [0x00, 0x03] + context + message
    let expected = try key.testingOnlyInternalSignature(message: mPrime, additionalRandomness: nil)
    XCTAssertEqual(try key.deterministicSignature(for: message, context: context), expected)
    XCTAssertTrue(key.publicKey.testingOnlyIsValidInternalSignature(expected, message: mPrime))
  }

  /// FIPS 205, Algorithm 23: M' = 1 ‖ |ctx| ‖ ctx ‖ OID ‖ PH(M), with the DER OIDs of the NIST hash
  /// algorithms (2.16.840.1.101.3.4.2.x) written out here from the standard.
  func testPreHashSigningEncodesMessageAsInFIPS205() throws {
    let key = SLHDSA_SHA2_128f.PrivateKey(using: SLHDSATestRandom("pre-hash encoding"))
    let message = Array("order 42".utf8)
    let context: [UInt8] = [0x01]
    let oidPrefix: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02]
    let cases: [(SLHDSAPreHash, UInt8, [UInt8])] = [
      (.sha256, 0x01, SHA2.hash(.sha256, message)),
      (.sha384, 0x02, SHA2.hash(.sha384, message)),
      (.sha512, 0x03, SHA2.hash(.sha512, message)),
      (.sha224, 0x04, SHA2.hash(.sha224, message)),
      (.sha3_224, 0x07, SHA3_224.hash(message)),
      (.sha3_256, 0x08, SHA3_256.hash(message)),
      (.sha3_384, 0x09, SHA3_384.hash(message)),
      (.sha3_512, 0x0A, SHA3_512.hash(message)),
      (.shake128, 0x0B, SHAKE128.hash(message, outputLength: 32)),
      (.shake256, 0x0C, SHAKE256.hash(message, outputLength: 64)),
    ]
    XCTAssertEqual(cases.count, SLHDSAPreHash.allCases.count)
    for (preHash, arc, digest) in cases {
      let mPrime: [UInt8] = [0x01, UInt8(context.count)] + context + oidPrefix + [arc] + digest
      let expected = try key.testingOnlyInternalSignature(message: mPrime, additionalRandomness: nil)
      let signature = try key.deterministicSignature(forPrehashOf: message, using: preHash, context: context)
      XCTAssert(signature == expected, "\(preHash)")
      XCTAssertTrue(key.publicKey.isValidSignature(signature, forPrehashOf: message, using: preHash, context: context))
    }
  }

  /// Deterministic signing repeats itself; hedged signing does not.
  func testDeterministicAndHedgedSigning() throws {
    let key = SLHDSA_SHAKE_128f.PrivateKey(using: SLHDSATestRandom("determinism"))
    let message: [UInt8] = [1, 2, 3]
    XCTAssertEqual(try key.deterministicSignature(for: message), try key.deterministicSignature(for: message))
    let first = try key.signature(for: message, randomSource: SLHDSATestRandom("hedge 1"))
    let second = try key.signature(for: message, randomSource: SLHDSATestRandom("hedge 2"))
    XCTAssertNotEqual(first, second)
    XCTAssertTrue(key.publicKey.isValidSignature(first, for: message))
    XCTAssertTrue(key.publicKey.isValidSignature(second, for: message))
  }

  /// Keys of the wrong length throw typed errors; they never trap.
  func testMalformedKeysThrowTypedErrors() {
    for length in [0, 1, 31, 33, 64, 96] {
      XCTAssertThrowsError(try SLHDSA_SHA2_128s.PublicKey(rawRepresentation: [UInt8](repeating: 7, count: length))) {
        XCTAssertTrue($0 is CryptoError, "\(length)")
      }
    }
    for length in [0, 48, 63, 65, 128] {
      XCTAssertThrowsError(try SLHDSA_SHAKE_128f.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: length))) {
        XCTAssertTrue($0 is CryptoError, "\(length)")
      }
    }
    for length in [0, 32, 47, 49, 64] {
      XCTAssertThrowsError(try SLHDSA_SHA2_128f.PrivateKey(seedRepresentation: [UInt8](repeating: 7, count: length))) {
        XCTAssertTrue($0 is CryptoError, "\(length)")
      }
    }
    XCTAssertNoThrow(try SLHDSA_SHA2_256f.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 64)))
  }

  /// Signatures of any wrong length, garbage of the right length, and over-long contexts are
  /// rejected without a crash; signing with an over-long context throws.
  func testMalformedSignaturesAreInvalid() throws {
    let key = SLHDSA_SHA2_128f.PrivateKey(using: SLHDSATestRandom("malformed"))
    let publicKey = key.publicKey
    let message: [UInt8] = [9]
    let signature = try key.deterministicSignature(for: message)
    XCTAssertTrue(publicKey.isValidSignature(signature, for: message))
    for bad in [[], Array(signature.dropLast()), signature + [0], Array(signature[..<16])] {
      XCTAssertFalse(publicKey.isValidSignature(bad, for: message))
      XCTAssertFalse(publicKey.testingOnlyIsValidInternalSignature(bad, message: message))
    }
    let garbage = SLHDSATestRandom("garbage").bytes(count: signature.count)
    XCTAssertFalse(publicKey.isValidSignature(garbage, for: message))
    for position in [0, 16, 17088 / 2, 17087] {
      var flipped = signature
      flipped[position] ^= 0x01
      XCTAssertFalse(publicKey.isValidSignature(flipped, for: message), "bit flip at \(position)")
    }
    let longContext = [UInt8](repeating: 0, count: 256)
    XCTAssertThrowsError(try key.deterministicSignature(for: message, context: longContext)) {
      XCTAssertTrue($0 is CryptoError)
    }
    XCTAssertFalse(publicKey.isValidSignature(signature, for: message, context: longContext))
    XCTAssertThrowsError(try key.testingOnlyInternalSignature(message: message, additionalRandomness: [1, 2, 3]))
  }

  /// The parameter table (FIPS 205, Table 2): signature and key sizes.
  func testParameterSizesMatchFIPS205Table2() {
    let expected: [String: (pk: Int, sig: Int)] = [
      "SLH-DSA-SHA2-128s": (32, 7856), "SLH-DSA-SHAKE-128s": (32, 7856),
      "SLH-DSA-SHA2-128f": (32, 17088), "SLH-DSA-SHAKE-128f": (32, 17088),
      "SLH-DSA-SHA2-192s": (48, 16224), "SLH-DSA-SHAKE-192s": (48, 16224),
      "SLH-DSA-SHA2-192f": (48, 35664), "SLH-DSA-SHAKE-192f": (48, 35664),
      "SLH-DSA-SHA2-256s": (64, 29792), "SLH-DSA-SHAKE-256s": (64, 29792),
      "SLH-DSA-SHA2-256f": (64, 49856), "SLH-DSA-SHAKE-256f": (64, 49856),
    ]
    XCTAssertEqual(SLHDSAParameters.all.count, 12)
    for p in SLHDSAParameters.all {
      XCTAssertEqual(p.publicKeyByteCount, expected[p.name]?.pk, p.name)
      XCTAssertEqual(p.signatureByteCount, expected[p.name]?.sig, p.name)
      XCTAssertEqual(SLHDSAParameters.named(p.name), p)
    }
  }
}
