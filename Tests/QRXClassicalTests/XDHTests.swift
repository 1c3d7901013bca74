import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

final class XDHTests: XCTestCase {
  /// Wycheproof `x25519_test.json`. Decision for the 254 `acceptable` cases (docs/SECURITY-CLASSICAL.md):
  /// an all-zero shared secret is refused with `invalidSharedSecret`; every other acceptable
  /// case (twist points, non-canonical u, special and small public keys) is computed exactly as
  /// RFC 7748 says, so the expected secret must come out.
  func testX25519Wycheproof() throws {
    var tally = SuiteTally("wycheproof x25519")
    for test in try wycheproofCases("x25519_test.json") {
      let expected = test.bytes("shared")
      let expectRefusal = expected.allSatisfy { $0 == 0 }
      do {
        let key = try X25519.PrivateKey(rawRepresentation: SecretBytes(test.bytes("private")))
        let peer = try X25519.PublicKey(rawRepresentation: test.bytes("public"))
        let secret = try key.sharedSecretFromKeyAgreement(with: peer)
        tally.check(!expectRefusal && secret.copyBytes() == expected, "\(test.label): wrong secret")
      } catch ClassicalError.invalidSharedSecret {
        tally.check(expectRefusal, "\(test.label): refused a non-zero secret")
      } catch {
        tally.check(false, "\(test.label): \(error)")
      }
    }
    tally.report()
  }

  /// RFC 7748 Section 5.2 vectors (cryptography-vectors `rfc7748.txt`) for X25519 and X448.
  func testRFC7748() throws {
    for (curve, path) in [("X25519", "X25519/rfc7748.txt"), ("X448", "X448/rfc7748.txt")] {
      var tally = SuiteTally("RFC 7748 \(curve)")
      for record in try rspRecords(try Vectors.pypi("cryptography_vectors/asymmetric/" + path)) {
        guard let k = record["INPUT_SCALAR"], let u = record["INPUT_U"], let out = record["OUTPUT_U"] else { continue }
        let secret: [UInt8]
        if curve == "X25519" {
          let key = try X25519.PrivateKey(rawRepresentation: SecretBytes(hexBytes(k)))
          secret = try key.sharedSecretFromKeyAgreement(with: X25519.PublicKey(rawRepresentation: hexBytes(u)))
            .copyBytes()
        } else {
          let key = try X448.PrivateKey(rawRepresentation: SecretBytes(hexBytes(k)))
          secret = try key.sharedSecretFromKeyAgreement(with: X448.PublicKey(rawRepresentation: hexBytes(u)))
            .copyBytes()
        }
        tally.check(secret == hexBytes(out), "COUNT \(record["COUNT"] ?? "?")")
      }
      tally.report()
    }
  }

  /// RFC 7748 Section 6.1 and 6.2: Alice's and Bob's keys and the shared secret.
  func testRFC7748DiffieHellman() throws {
    let alice = try X25519.PrivateKey(
      rawRepresentation: SecretBytes(hexBytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")))
    let bob = try X25519.PrivateKey(
      rawRepresentation: SecretBytes(hexBytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")))
    XCTAssertEqual(
      alice.publicKey.rawRepresentation, hexBytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
    XCTAssertEqual(
      bob.publicKey.rawRepresentation, hexBytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
    let shared = hexBytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    XCTAssertEqual(try alice.sharedSecretFromKeyAgreement(with: bob.publicKey).copyBytes(), shared)
    XCTAssertEqual(try bob.sharedSecretFromKeyAgreement(with: alice.publicKey).copyBytes(), shared)

    let alice448 = try X448.PrivateKey(
      rawRepresentation: SecretBytes(
        hexBytes(
          "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b"
        )))
    let bob448 = try X448.PrivateKey(
      rawRepresentation: SecretBytes(
        hexBytes(
          "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d"
        )))
    XCTAssertEqual(
      alice448.publicKey.rawRepresentation,
      hexBytes(
        "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"
      ))
    XCTAssertEqual(
      bob448.publicKey.rawRepresentation,
      hexBytes(
        "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"
      ))
    let shared448 = hexBytes(
      "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"
    )
    XCTAssertEqual(try alice448.sharedSecretFromKeyAgreement(with: bob448.publicKey).copyBytes(), shared448)
  }

  func testLowOrderPointIsRefused() throws {
    let key = try X25519.PrivateKey()
    let zero = try X25519.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
    XCTAssertThrowsError(try key.sharedSecretFromKeyAgreement(with: zero)) {
      XCTAssertEqual($0 as? ClassicalError, .invalidSharedSecret)
    }
  }

  func testMalformedKeysThrowTypedErrors() {
    XCTAssertThrowsError(try X25519.PublicKey(rawRepresentation: [1, 2, 3])) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try X448.PrivateKey(rawRepresentation: SecretBytes(zeroes: 32))) {
      guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
    }
  }
}
