import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// Behaviour that the vector files do not pin down: arithmetic against independent definitions,
/// round trips, key forms, and refusal of malformed input with typed errors.
final class MLKEMPropertyTests: XCTestCase {
  /// Compress_d by multiply-and-shift equals round(2ᵈ · x / q) mod 2ᵈ from exact rationals, for
  /// every x in Z_q and every d the standard uses.
  func testCompressMatchesExactRounding() {
    for d in [1, 4, 5, 10, 11] {
      for x in 0..<3329 {
        // round(2ᵈx/q) = ⌊(2^(d+1)·x + q) / 2q⌋, the tie never occurring because q is odd.
        let expected = ((x << (d + 1)) + 3329) / (2 * 3329) % (1 << d)
        let actual = Int(MLKEMPolynomial.compress(Int16(x), bits: d))
        if actual != expected { return XCTFail("Compress_\(d)(\(x)) = \(actual), expected \(expected)") }
      }
    }
  }

  /// Decompress_d(y) equals round(q · y / 2ᵈ) for every y.
  func testDecompressMatchesExactRounding() {
    for d in [1, 4, 5, 10, 11] {
      for y in 0..<(1 << d) {
        let expected = (2 * 3329 * y + (1 << d)) / (1 << (d + 1))
        XCTAssertEqual(Int(MLKEMPolynomial.decompress(UInt32(y), bits: d)), expected, "d = \(d), y = \(y)")
      }
    }
  }

  /// Montgomery and Barrett reduction agree with `%` over their input ranges (sampled densely).
  func testReductionsAgreeWithModulo() {
    for a in stride(from: -32768, through: 32767, by: 1) {
      let barrett = Int(MLKEMField.barrettReduce(Int16(a)))
      XCTAssertEqual(((barrett - a) % 3329 + 3329) % 3329, 0, "Barrett(\(a)) not congruent")
      XCTAssertLessThanOrEqual(abs(barrett), 1664, "Barrett(\(a)) not centered")
      let canonical = Int(MLKEMField.canonical(Int16(a)))
      XCTAssertEqual(canonical, ((a % 3329) + 3329) % 3329)
    }
    // R⁻¹ mod q, with R = 2¹⁶: 169 (since 65536 · 169 ≡ 1 mod 3329).
    XCTAssertEqual(65536 * 169 % 3329, 1)
    for a in stride(from: -(3329 << 15) + 1, to: 3329 << 15, by: 9973) {
      let reduced = Int(MLKEMField.montgomeryReduce(Int32(a)))
      XCTAssertLessThan(abs(reduced), 3329)
      XCTAssertEqual(((reduced - a * 169) % 3329 + 3329) % 3329, 0, "Montgomery(\(a)) not a · R⁻¹")
    }
  }

  /// NTT-domain multiplication equals schoolbook multiplication in Z_q[X]/(X²⁵⁶ + 1).
  func testNTTMultiplicationMatchesSchoolbook() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let a = (0..<256).map { _ in Int16.random(in: -1664...1664, using: &generator) }
      let b = (0..<256).map { _ in Int16.random(in: 0..<3329, using: &generator) }
      var expected = [Int](repeating: 0, count: 256)
      for i in 0..<256 {
        for j in 0..<256 {
          let product = Int(a[i]) * Int(b[j])
          if i + j < 256 { expected[i + j] += product } else { expected[i + j - 256] -= product }
        }
      }
      expected = expected.map { (($0 % 3329) + 3329) % 3329 }

      var aHat = a
      var bHat = b
      var cache = [Int16](repeating: 0, count: MLKEMPolynomial.multiplyCacheCount)
      var accumulator = [Int32](repeating: 0, count: 256)
      var product = [Int16](repeating: 0, count: 256)
      aHat.withUnsafeMutableBufferPointer { MLKEMPolynomial.ntt($0.baseAddress!) }
      bHat.withUnsafeMutableBufferPointer { MLKEMPolynomial.ntt($0.baseAddress!) }
      cache.withUnsafeMutableBufferPointer { MLKEMPolynomial.makeMultiplyCache($0.baseAddress!, bHat) }
      accumulator.withUnsafeMutableBufferPointer {
        MLKEMPolynomial.multiplyAccumulate($0.baseAddress!, aHat, bHat, cache)
      }
      product.withUnsafeMutableBufferPointer {
        MLKEMPolynomial.reduceAccumulator(accumulator, into: $0.baseAddress!)
        MLKEMPolynomial.inverseNTT($0.baseAddress!)
      }
      XCTAssertEqual(product.map { Int(MLKEMField.canonical($0)) }, expected)
    }
  }

  /// The zeta table starts as FIPS 203, Appendix A lists it: 1, 1729, 2580, 3289, 2642, 630 (plain form).
  func testZetasMatchAppendixA() {
    // Undo the Montgomery factor: multiply by R⁻¹ = 169 mod q.
    let plain = (0..<6).map { (Int(MLKEMTables.zetas[$0]) * 169 % 3329 + 3329) % 3329 }
    XCTAssertEqual(plain, [1, 1729, 2580, 3289, 2642, 630])
    let gammas = (0..<4).map { (Int(MLKEMTables.gammas[$0]) * 169 % 3329 + 3329) % 3329 }
    XCTAssertEqual(gammas, [17, 3312, 2761, 568])
  }

  func testRandomKeysRoundTrip() throws {
    for kem in MLKEMUnderTest.all {
      for _ in 0..<20 {
        let (seed, ek) = try kem.generateRandom()
        XCTAssertEqual(seed.count, 64)
        XCTAssertEqual(ek.count, kem.publicKeyByteCount)
        let (K, c) = try kem.encapsulateRandom(ek)
        XCTAssertEqual(c.count, kem.ciphertextByteCount)
        XCTAssertEqual(try kem.decapsulateWithSeed(seed, c), K, kem.name)
        var tampered = c
        tampered[c.count / 2] ^= 0x01
        XCTAssertNotEqual(try kem.decapsulateWithSeed(seed, tampered), K, "\(kem.name): implicit rejection")
      }
    }
  }

  /// A wrong ciphertext yields K̄ = J(z ‖ c) (FIPS 203, Algorithm 18, line 8).
  func testImplicitRejectionReturnsJOfZAndCiphertext() throws {
    let key = try MLKEM768.PrivateKey()
    var (_, c) = try key.publicKey.encapsulate()
    c[0] ^= 0x80
    let z = Array(try XCTUnwrap(key.seedRepresentation).copyBytes()[32..<64])
    XCTAssertEqual(try key.decapsulate(c).copyBytes(), SHAKE256.hash(z + c, outputLength: 32))
  }

  func testSeedAndExpandedFormsAgree() throws {
    let key = try MLKEM1024.PrivateKey()
    let imported = try MLKEM1024.PrivateKey(expandedRepresentation: key.expandedRepresentation)
    XCTAssertNil(imported.seedRepresentation, "an expanded key does not contain d")
    XCTAssertEqual(imported.publicKey.rawRepresentation, key.publicKey.rawRepresentation)
    XCTAssertEqual(imported.expandedRepresentation.copyBytes(), key.expandedRepresentation.copyBytes())
    let (K, c) = try imported.publicKey.encapsulate()
    XCTAssertEqual(try key.decapsulate(c).copyBytes(), K.copyBytes())
    let reseeded = try MLKEM1024.PrivateKey(seedRepresentation: try XCTUnwrap(key.seedRepresentation))
    XCTAssertEqual(reseeded.expandedRepresentation.copyBytes(), key.expandedRepresentation.copyBytes())
  }

  func testEncapsulationUsesInjectedRandomness() throws {
    let key = try MLKEM512.PrivateKey(using: NISTKATRandom(entropy: Array(0..<48)))
    let again = try MLKEM512.PrivateKey(using: NISTKATRandom(entropy: Array(0..<48)))
    XCTAssertEqual(key.publicKey.rawRepresentation, again.publicKey.rawRepresentation)
    let first = try key.publicKey.encapsulate(using: NISTKATRandom(entropy: Array(1..<49)))
    let second = try key.publicKey.encapsulate(using: NISTKATRandom(entropy: Array(1..<49)))
    XCTAssertEqual(first.ciphertext, second.ciphertext)
  }

  func testWrongLengthsThrowTypedErrors() throws {
    func expectLengthError(_ what: String, _ body: () throws -> Void) {
      XCTAssertThrowsError(try body(), what) { error in
        guard case .invalidLength = error as? MLKEMError else { return XCTFail("\(what): \(error)") }
      }
    }
    for kem in MLKEMUnderTest.all {
      let (seed, ek) = try kem.generateRandom()
      let dk = try kem.generate(Array(seed[0..<32]), Array(seed[32..<64])).dk
      let (_, c) = try kem.encapsulateRandom(ek)
      for delta in [-1, 1] {
        expectLengthError("\(kem.name) seed \(delta)") {
          _ = try kem.publicKeyFromSeed([UInt8](repeating: 7, count: 64 + delta))
        }
        expectLengthError("\(kem.name) ek \(delta)") {
          _ = try kem.encapsulateRandom([UInt8](repeating: 0, count: ek.count + delta))
        }
        expectLengthError("\(kem.name) dk \(delta)") {
          _ = try kem.publicKeyFromExpanded([UInt8](repeating: 0, count: dk.count + delta))
        }
        expectLengthError("\(kem.name) c \(delta)") {
          _ = try kem.decapsulateWithSeed(seed, [UInt8](repeating: 0, count: c.count + delta))
        }
        expectLengthError("\(kem.name) m \(delta)") {
          _ = try kem.encapsulate(ek, [UInt8](repeating: 0, count: 32 + delta))
        }
      }
      expectLengthError("\(kem.name) empty ek") { _ = try kem.encapsulateRandom([]) }
      expectLengthError("\(kem.name) empty c") { _ = try kem.decapsulateWithExpanded(dk, []) }
      expectLengthError("\(kem.name) empty dk") { _ = try kem.decapsulateWithExpanded([], c) }
      expectLengthError("\(kem.name) empty seed") { _ = try kem.decapsulateWithSeed([], c) }
    }
    XCTAssertThrowsError(try MLKEM768.PrivateKey.generateKeyDerandomizedForTesting(d: [1], z: [2]))
  }

  func testCorruptedExpandedKeysAreRefused() throws {
    let key = try MLKEM768.PrivateKey()
    let dk = key.expandedRepresentation.copyBytes()
    var badHash = dk
    badHash[768 * 3 + 40] ^= 1
    XCTAssertThrowsError(try MLKEM768.PrivateKey(expandedRepresentation: badHash)) {
      XCTAssertEqual($0 as? MLKEMError, .decapsulationKeyHashMismatch)
    }
    var badKey = dk
    badKey[384 * 3 + 5] ^= 1
    XCTAssertThrowsError(try MLKEM768.PrivateKey(expandedRepresentation: badKey)) {
      XCTAssertEqual($0 as? MLKEMError, .decapsulationKeyHashMismatch)
    }
  }

  func testDescriptionsDoNotRevealSecrets() throws {
    let key = try MLKEM768.PrivateKey()
    let seedHex = hexString(try XCTUnwrap(key.seedRepresentation).copyBytes())
    let dkHex = hexString(key.expandedRepresentation.copyBytes())
    for text in [String(describing: key), String(reflecting: key), "\(key.expandedRepresentation)"] {
      XCTAssertFalse(text.contains(seedHex.prefix(16)), text)
      XCTAssertFalse(text.contains(dkHex.prefix(16)), text)
    }
    let (secret, _) = try key.publicKey.encapsulate()
    XCTAssertFalse("\(secret)".contains(hexString(secret.copyBytes()).prefix(16)))
  }
}
