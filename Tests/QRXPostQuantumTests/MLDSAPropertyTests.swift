import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// Properties of ML-DSA that the vector suites do not pin down: the branch-free rounding against
/// the standard's literal definitions, the NTT against schoolbook multiplication, every signing
/// interface round-tripping, and malformed keys and signatures failing cleanly.
final class MLDSAPropertyTests: XCTestCase {
  private let q: Int32 = 8_380_417

  /// x mod± α: the representative in (−α/2, α/2] (FIPS 204, Section 2.3).
  private func centeredMod(_ x: Int32, _ alpha: Int32) -> Int32 {
    var r = x % alpha
    if r < 0 { r += alpha }
    if r > alpha / 2 { r -= alpha }
    return r
  }

  /// Decompose (FIPS 204, Algorithm 36) as written.
  private func specDecompose(_ r: Int32, gamma2: Int32) -> (Int32, Int32) {
    let rPlus = r % q
    var r0 = centeredMod(rPlus, 2 * gamma2)
    var r1: Int32
    if rPlus - r0 == q - 1 {
      r1 = 0
      r0 -= 1
    } else {
      r1 = (rPlus - r0) / (2 * gamma2)
    }
    return (r1, r0)
  }

  func testDecomposeMatchesTheStandardForEveryCoefficient() {
    for r in 0..<q {
      let (a1, a0) = MLDSARounding.decompose(MLDSA44Parameters.self, r)
      let (b1, b0) = specDecompose(r, gamma2: (q - 1) / 88)
      if a1 != b1 || a0 != b0 { return XCTFail("Decompose γ2 = (q−1)/88 differs at r = \(r)") }
      let (c1, c0) = MLDSARounding.decompose(MLDSA65Parameters.self, r)
      let (d1, d0) = specDecompose(r, gamma2: (q - 1) / 32)
      if c1 != d1 || c0 != d0 { return XCTFail("Decompose γ2 = (q−1)/32 differs at r = \(r)") }
    }
  }

  func testPower2RoundMatchesTheStandardForEveryCoefficient() {
    for r in 0..<q {
      let (r1, r0) = MLDSARounding.power2Round(r)
      let expected0 = centeredMod(r, 1 << 13)
      if r0 != expected0 || r1 != (r - expected0) >> 13 { return XCTFail("Power2Round differs at r = \(r)") }
    }
  }

  func testUseHintRecoversHighBitsOfTheSum() {
    // UseHint(MakeHint(z, r), r) = HighBits(r + z) for |z| ≤ γ2 (FIPS 204, Section 7.4).
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200_000 {
      let r = Int32.random(in: 0..<q, using: &generator)
      let z = Int32.random(in: -((q - 1) / 32)...((q - 1) / 32), using: &generator)
      let sum = ((r + z) % q + q) % q
      let hint: Int32 = specDecompose(r, gamma2: (q - 1) / 32).0 != specDecompose(sum, gamma2: (q - 1) / 32).0 ? 1 : 0
      XCTAssertEqual(
        MLDSARounding.useHint(MLDSA65Parameters.self, hint, r), specDecompose(sum, gamma2: (q - 1) / 32).0)
    }
  }

  func testNTTMultiplicationMatchesSchoolbookMultiplication() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let a = (0..<256).map { _ in Int32.random(in: 0..<q, using: &generator) }
      let b = (0..<256).map { _ in Int32.random(in: -(1 << 19)...(1 << 19), using: &generator) }
      // Schoolbook product in Z_q[X]/(X^256 + 1).
      var expected = [Int64](repeating: 0, count: 256)
      for i in 0..<256 {
        for j in 0..<256 {
          let product = Int64(a[i]) * Int64(b[j]) % Int64(q)
          if i + j < 256 { expected[i + j] += product } else { expected[i + j - 256] -= product }
        }
      }
      let want = expected.map { Int32((($0 % Int64(q)) + Int64(q)) % Int64(q)) }
      var aHat = a
      var bHat = b
      var product = [Int32](repeating: 0, count: 256)
      aHat.withUnsafeMutableBufferPointer { mldsaNTT($0.baseAddress!) }
      bHat.withUnsafeMutableBufferPointer { mldsaNTT($0.baseAddress!) }
      product.withUnsafeMutableBufferPointer { out in
        aHat.withUnsafeBufferPointer { x in
          bHat.withUnsafeBufferPointer { y in MLDSAPoly.multiply(out.baseAddress!, x.baseAddress!, y.baseAddress!) }
        }
        mldsaInverseNTT(out.baseAddress!)
        MLDSAPoly.freeze(out.baseAddress!)
      }
      XCTAssertEqual(product, want)
    }
  }

  func testEveryInterfaceRoundTrips() throws {
    for (_, type) in mldsaSets { try roundTrips(type) }
  }

  private func roundTrips<K: TestMLDSAPrivateKey>(_: K.Type) throws {
    let key = try K(seedRepresentation: [UInt8](repeating: 0x42, count: 32))
    let publicKey = key.publicKey
    let message = Array("transfer 100 BTC to cold storage".utf8)
    let context = Array("QRX".utf8)

    let hedged1 = try key.signature(for: message, context: context)
    let hedged2 = try key.signature(for: message, context: context)
    XCTAssertNotEqual(hedged1, hedged2, "hedged signatures use fresh randomness")
    XCTAssertTrue(publicKey.isValidSignature(hedged1, for: message, context: context))
    XCTAssertTrue(publicKey.isValidSignature(hedged2, for: message, context: context))
    XCTAssertFalse(publicKey.isValidSignature(hedged1, for: message, context: []))
    XCTAssertFalse(publicKey.isValidSignature(hedged1, for: message + [0], context: context))

    let deterministic = try key.deterministicSignature(for: message, context: context)
    XCTAssertEqual(deterministic, try key.deterministicSignature(for: message, context: context))
    XCTAssertEqual(
      deterministic, try key.testingOnlySignature(for: message, context: context, rnd: [UInt8](repeating: 0, count: 32))
    )

    for preHash in MLDSAPreHash.allCases where preHash != .sha512_224 && preHash != .sha512_256 {
      let signature = try key.signature(for: message, context: context, preHash: preHash, deterministic: false)
      XCTAssertTrue(
        publicKey.isValidSignature(signature, for: message, context: context, preHash: preHash), "\(preHash)")
      XCTAssertFalse(
        publicKey.isValidSignature(signature, for: message, context: context), "HashML-DSA is not pure ML-DSA")
      let other: MLDSAPreHash = preHash == .sha256 ? .sha512 : .sha256
      XCTAssertFalse(publicKey.isValidSignature(signature, for: message, context: context, preHash: other))
    }
    XCTAssertThrowsError(try key.signature(for: message, context: context, preHash: .sha512_224, deterministic: false))
    XCTAssertThrowsError(
      try key.testingOnlySignature(
        forDigest: [1, 2, 3], preHash: .sha256, context: [], rnd: [UInt8](repeating: 0, count: 32)),
      "a digest of the wrong length")

    let mu = try publicKey.mu(for: message, context: context)
    let fromMu = try key.signature(forMu: mu, deterministic: true)
    XCTAssertEqual(fromMu, deterministic, "signing μ computed elsewhere equals signing the message")
    XCTAssertTrue(publicKey.isValidSignature(fromMu, forMu: mu))
    XCTAssertThrowsError(try key.signature(forMu: Array(mu.dropLast()), deterministic: true))
    XCTAssertFalse(publicKey.isValidSignature(fromMu, forMu: Array(mu.dropLast())))

    let imported = try K(expandedRepresentation: key.expandedRepresentation.copyBytes())
    XCTAssertNil(imported.seedRepresentation)
    XCTAssertEqual(key.seedRepresentation?.copyBytes(), [UInt8](repeating: 0x42, count: 32))
    XCTAssertEqual(imported.publicKey.rawRepresentation, publicKey.rawRepresentation)
    XCTAssertEqual(try imported.deterministicSignature(for: message, context: context), deterministic)
    let reparsed = try K.PublicKeyType(rawRepresentation: publicKey.rawRepresentation)
    XCTAssertTrue(reparsed.isValidSignature(deterministic, for: message, context: context))
  }

  func testContextLongerThan255BytesIsRejected() throws {
    let key = try MLDSA65.PrivateKey(seedRepresentation: [UInt8](repeating: 1, count: 32))
    let long = [UInt8](repeating: 0x41, count: 256)
    XCTAssertThrowsError(try key.signature(for: [1], context: long)) { error in
      XCTAssertEqual(error as? CryptoError, .invalidLength(what: "context", expected: "at most 255", actual: 256))
    }
    let signature = try key.signature(for: [1], context: Array(long.prefix(255)))
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: [1], context: Array(long.prefix(255))))
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: [1], context: long))
  }

  func testWrongLengthKeysThrowTypedErrors() {
    for count in [0, 31, 33, 64] {
      XCTAssertThrowsError(try MLDSA65.PrivateKey(seedRepresentation: [UInt8](repeating: 0, count: count))) {
        XCTAssertEqual($0 as? CryptoError, .invalidKeySize(expected: "32", actual: count))
      }
    }
    for count in [0, 4031, 4033] {
      XCTAssertThrowsError(try MLDSA65.PrivateKey(expandedRepresentation: [UInt8](repeating: 0, count: count))) {
        XCTAssertEqual($0 as? CryptoError, .invalidKeySize(expected: "4032", actual: count))
      }
    }
    for count in [0, 1951, 1953] {
      XCTAssertThrowsError(try MLDSA65.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: count))) {
        XCTAssertEqual($0 as? CryptoError, .invalidKeySize(expected: "1952", actual: count))
      }
    }
  }

  func testInconsistentOrOutOfRangeExpandedKeysAreRejected() throws {
    let key = try MLDSA44.PrivateKey(seedRepresentation: [UInt8](repeating: 9, count: 32))
    let expanded = key.expandedRepresentation.copyBytes()
    // Offsets (FIPS 204, Algorithm 24, ML-DSA-44): ρ 0, K 32, tr 64, s1 128, s2 512, t0 896.
    var badTr = expanded
    badTr[70] ^= 1
    var badT0 = expanded
    badT0[2000] ^= 1
    var badS1 = expanded
    badS1[128] |= 0x07  // a 3-bit value of 7 > 2η = 4
    var badS2 = expanded
    badS2[600] |= 0xE0
    for (bytes, what) in [(badTr, "tr"), (badT0, "t0"), (badS1, "s1"), (badS2, "s2")] {
      XCTAssertThrowsError(try MLDSA44.PrivateKey(expandedRepresentation: bytes), what) {
        guard case .invalidParameter = $0 as? CryptoError else { return XCTFail("\(what): \($0)") }
      }
    }
    // A changed K is undetectable by design (it only feeds ρ''); the key still signs validly.
    var otherK = expanded
    otherK[40] ^= 1
    let signer = try MLDSA44.PrivateKey(expandedRepresentation: otherK)
    let signature = try signer.signature(for: [7])
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: [7]))
  }

  func testMalformedSignaturesAreRejectedWithoutTrapping() throws {
    let key = try MLDSA87.PrivateKey(seedRepresentation: [UInt8](repeating: 3, count: 32))
    let publicKey = key.publicKey
    let message: [UInt8] = [1, 2, 3]
    let signature = try key.signature(for: message)
    XCTAssertTrue(publicKey.isValidSignature(signature, for: message))
    for count in [0, 1, signature.count - 1, signature.count + 1] {
      XCTAssertFalse(publicKey.isValidSignature([UInt8](repeating: 0xFF, count: count), for: message))
    }
    // Every byte of the hint section set to each extreme: malformed or wrong, never a trap.
    let hintStart = signature.count - (75 + 8)
    for index in hintStart..<signature.count {
      for value: UInt8 in [0x00, 0xFF, 0x4B, 0x4C] {
        var tampered = signature
        tampered[index] = value
        if tampered != signature { XCTAssertFalse(publicKey.isValidSignature(tampered, for: message)) }
      }
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let random = (0..<signature.count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      XCTAssertFalse(publicKey.isValidSignature(random, for: message))
      let randomKey = (0..<MLDSA87.expandedPrivateKeyByteCount).map { _ in UInt8.random(in: 0...255, using: &generator)
      }
      XCTAssertThrowsError(try MLDSA87.PrivateKey(expandedRepresentation: randomKey))
    }
  }

  func testPrivateKeysDoNotPrintSecrets() throws {
    let key = try MLDSA65.PrivateKey(seedRepresentation: [UInt8](repeating: 0xAB, count: 32))
    for text in [String(describing: key), String(reflecting: key), "\(key)"] {
      XCTAssertFalse(text.lowercased().contains("abab"), text)
      XCTAssertFalse(text.contains("171, 171"), text)
    }
    var dumped = ""
    dump(key, to: &dumped)
    XCTAssertFalse(dumped.contains("171"), dumped)
  }
}
