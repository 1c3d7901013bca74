import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

/// n/2 for secp256k1 (SEC 2, Section 2.4.1): `s` above it is "high".
private let halfOrder = hexBytes("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0")
private let order = hexBytes("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")

/// Big-endian `a > b` for unsigned integers, leading zeros ignored (test-side, independent of the code under test).
private func greater(_ a: [UInt8], _ b: [UInt8]) -> Bool {
  let a = Array(a.drop(while: { $0 == 0 }))
  let b = Array(b.drop(while: { $0 == 0 }))
  if a.count != b.count { return a.count > b.count }
  return a.lexicographicallyPrecedes(b) == false && a != b
}

/// `s` of a DER `SEQUENCE { r INTEGER, s INTEGER }` with short lengths, or nil if it is not that shape.
private func derS(_ signature: [UInt8]) -> [UInt8]? {
  guard signature.count >= 8, signature[0] == 0x30, signature[2] == 0x02 else { return nil }
  let rLength = Int(signature[3])
  let sTag = 4 + rLength
  guard sTag + 2 <= signature.count, signature[sTag] == 0x02 else { return nil }
  let sLength = Int(signature[sTag + 1])
  guard sTag + 2 + sLength <= signature.count else { return nil }
  return Array(signature[(sTag + 2)..<(sTag + 2 + sLength)])
}

final class Secp256k1Tests: XCTestCase {
  private func publicKey(_ test: WycheproofCase) -> [UInt8] {
    hexBytes((test.group["publicKey"] as? [String: Any])?["uncompressed"] as? String ?? "")
  }

  /// Wycheproof `ecdsa_secp256k1_sha256_test.json` (DER). QRX policy: high-S is rejected, so the
  /// cases Wycheproof marks valid with `s > n/2` must verify false (docs/SECURITY-CLASSICAL.md).
  func testECDSAWycheproofDER() throws {
    var tally = SuiteTally("wycheproof ecdsa_secp256k1_sha256 (DER)")
    var highS = 0
    for test in try wycheproofCases("ecdsa_secp256k1_sha256_test.json") {
      let signature = test.bytes("sig")
      var expected = test.isValid
      if expected, let s = derS(signature), greater(s, halfOrder) {
        expected = false
        highS += 1
      }
      let key = try Secp256k1.ECDSA.PublicKey(rawRepresentation: publicKey(test))
      let ok = key.isValidDERSignature(signature, for: test.bytes("msg"))
      tally.check(ok == expected, "\(test.label): got \(ok)")
    }
    print("VECTORS wycheproof ecdsa_secp256k1_sha256 (DER): \(highS) valid high-S cases rejected by policy")
    tally.report()
  }

  /// Wycheproof `ecdsa_secp256k1_sha256_p1363_test.json` (64-byte r‖s), same high-S policy.
  func testECDSAWycheproofP1363() throws {
    var tally = SuiteTally("wycheproof ecdsa_secp256k1_sha256_p1363")
    var highS = 0
    for test in try wycheproofCases("ecdsa_secp256k1_sha256_p1363_test.json") {
      let signature = test.bytes("sig")
      var expected = test.isValid
      if expected, signature.count == 64, greater(Array(signature[32...]), halfOrder) {
        expected = false
        highS += 1
      }
      let key = try Secp256k1.ECDSA.PublicKey(rawRepresentation: publicKey(test))
      let ok = key.isValidSignature(signature, for: test.bytes("msg"))
      tally.check(ok == expected, "\(test.label): got \(ok)")
    }
    print("VECTORS wycheproof ecdsa_secp256k1_sha256_p1363: \(highS) valid high-S cases rejected by policy")
    tally.report()
  }

  /// Wycheproof `ecdsa_secp256k1_sha256_bitcoin_test.json`: Bitcoin's rules, which are QRX's, so
  /// the expected results are taken as they are.
  func testECDSAWycheproofBitcoin() throws {
    var tally = SuiteTally("wycheproof ecdsa_secp256k1_sha256_bitcoin")
    for test in try wycheproofCases("ecdsa_secp256k1_sha256_bitcoin_test.json") {
      let key = try Secp256k1.ECDSA.PublicKey(rawRepresentation: publicKey(test))
      let ok = key.isValidDERSignature(test.bytes("sig"), for: test.bytes("msg"))
      tally.check(ok == test.isValid, "\(test.label): got \(ok)")
    }
    tally.report()
  }

  /// Wycheproof `ecdh_secp256k1_test.json`. Decision for the 230 `acceptable` cases
  /// (docs/SECURITY-CLASSICAL.md): a compressed point is accepted (the issue requires compressed
  /// keys); everything else acceptable (BER lengths, explicit or unused curve parameters) is
  /// refused, because only canonical named-curve SubjectPublicKeyInfo DER is accepted.
  func testECDHWycheproof() throws {
    var tally = SuiteTally("wycheproof ecdh_secp256k1")
    for test in try wycheproofCases("ecdh_secp256k1_test.json") {
      let expectSuccess = test.isValid || (test.isAcceptable && test.flags.contains("CompressedPublic"))
      var scalar = Array(test.bytes("private").drop(while: { $0 == 0 }))
      do {
        guard scalar.count <= 32 else { throw ClassicalError.invalidPrivateKey("longer than 32 bytes") }
        scalar = [UInt8](repeating: 0, count: 32 - scalar.count) + scalar
        let key = try Secp256k1.KeyAgreement.PrivateKey(rawRepresentation: SecretBytes(scalar))
        let peer = try Secp256k1.KeyAgreement.PublicKey(derRepresentation: test.bytes("public"))
        let secret = try key.sharedSecretFromKeyAgreement(with: peer).copyBytes()
        tally.check(expectSuccess && secret == test.bytes("shared"), "\(test.label): unexpected success or secret")
      } catch {
        tally.check(!expectSuccess, "\(test.label): \(error)")
      }
    }
    tally.report()
  }

  /// BIP-340's test vectors (transcribed in BIP340Vectors.swift): key generation, signing with the
  /// given aux_rand, and verification.
  func testBIP340Vectors() throws {
    var tally = SuiteTally("BIP-340 test-vectors.csv")
    for vector in bip340Vectors {
      let message = hexBytes(vector.message)
      let signature = hexBytes(vector.signature)
      if !vector.secretKey.isEmpty {
        let key = try Secp256k1.Schnorr.PrivateKey(rawRepresentation: SecretBytes(hexBytes(vector.secretKey)))
        let made = try key.signature(for: message, auxiliaryRandomness: SecretBytes(hexBytes(vector.auxRand)))
        tally.check(
          key.publicKey.rawRepresentation == hexBytes(vector.publicKey) && made == signature,
          "vector \(vector.index) signing")
      }
      let ok =
        (try? Secp256k1.Schnorr.PublicKey(rawRepresentation: hexBytes(vector.publicKey)))?
        .isValidSignature(signature, for: message) ?? false
      tally.check(ok == vector.valid, "vector \(vector.index) verification: \(vector.comment)")
    }
    tally.report()
  }

  func testScalarZeroAndOrderAreRefused() {
    for bad in [[UInt8](repeating: 0, count: 32), order, [UInt8](repeating: 0xFF, count: 32), [1]] {
      XCTAssertThrowsError(try Secp256k1.ECDSA.PrivateKey(rawRepresentation: SecretBytes(bad))) {
        guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
      }
      XCTAssertThrowsError(try Secp256k1.Schnorr.PrivateKey(rawRepresentation: SecretBytes(bad)))
      XCTAssertThrowsError(try Secp256k1.KeyAgreement.PrivateKey(rawRepresentation: SecretBytes(bad)))
    }
    var nMinusOne = order
    nMinusOne[31] -= 1
    XCTAssertNoThrow(try Secp256k1.ECDSA.PrivateKey(rawRepresentation: SecretBytes(nMinusOne)))
  }

  /// RFC 6979 nonces make signing deterministic, and the signature is low-S in both encodings.
  func testECDSASigningIsDeterministicLowSAndVerifies() throws {
    let key = try Secp256k1.ECDSA.PrivateKey()
    for length in [0, 1, 32, 1000] {
      let message = [UInt8](repeating: 0x5A, count: length)
      let signature = try key.signature(for: message)
      XCTAssertEqual(signature.count, 64)
      XCTAssertFalse(greater(Array(signature[32...]), halfOrder), "high-S produced")
      XCTAssertEqual(try key.signature(for: message), signature)
      XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
      XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message + [1]))
      let der = try key.derSignature(for: message)
      XCTAssertTrue(key.publicKey.isValidDERSignature(der, for: message))
      XCTAssertEqual(try ECDSASignatureCodec.raw(fromDER: der, scalarByteCount: 32), signature)
    }
  }

  /// The SEC 2 generator is the public key of scalar 1; both point encodings are accepted, compressed written.
  func testPublicKeyEncodings() throws {
    var one = [UInt8](repeating: 0, count: 32)
    one[31] = 1
    let key = try Secp256k1.ECDSA.PrivateKey(rawRepresentation: SecretBytes(one))
    let gx = "79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"
    let gy = "483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8"
    XCTAssertEqual(key.publicKey.rawRepresentation, hexBytes("02" + gx))
    XCTAssertEqual(key.publicKey.point.uncompressedRepresentation, hexBytes("04" + gx + gy))
    let fromUncompressed = try Secp256k1.ECDSA.PublicKey(rawRepresentation: hexBytes("04" + gx + gy))
    XCTAssertEqual(fromUncompressed.rawRepresentation, hexBytes("02" + gx))
    // Hybrid encoding (06/07), wrong lengths and off-curve points are typed errors.
    for bad in [hexBytes("06" + gx + gy), hexBytes("02" + gx).dropLast().map { $0 }, hexBytes("04" + gx + gx), []] {
      XCTAssertThrowsError(try Secp256k1.ECDSA.PublicKey(rawRepresentation: bad)) {
        guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
      }
    }
  }

  func testSchnorrRoundTripAndMalformedSignatures() throws {
    let key = try Secp256k1.Schnorr.PrivateKey()
    let message = Array("order 42".utf8)
    let signature = try key.signature(for: message)
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: []))
    XCTAssertFalse(key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
    XCTAssertFalse(key.publicKey.isValidSignature([UInt8](repeating: 0xFF, count: 64), for: message))
  }

  func testECDHAgreesBothWays() throws {
    let a = try Secp256k1.KeyAgreement.PrivateKey()
    let b = try Secp256k1.KeyAgreement.PrivateKey()
    let ab = try a.sharedSecretFromKeyAgreement(with: b.publicKey)
    let ba = try b.sharedSecretFromKeyAgreement(with: a.publicKey)
    XCTAssertTrue(ab.constantTimeEquals(ba))
    XCTAssertEqual(ab.count, 32)
  }
}
