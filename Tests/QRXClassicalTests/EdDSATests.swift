import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

final class EdDSATests: XCTestCase {
  /// Wycheproof `ed25519_test.json`: every case is valid or invalid (none acceptable).
  func testEd25519Wycheproof() throws {
    var tally = SuiteTally("wycheproof ed25519")
    for test in try wycheproofCases("ed25519_test.json") {
      let pk = hexBytes((test.group["publicKey"] as? [String: Any])?["pk"] as? String ?? "")
      let ok: Bool
      if let key = try? Ed25519.PublicKey(rawRepresentation: pk) {
        ok = key.isValidSignature(test.bytes("sig"), for: test.bytes("msg"))
      } else {
        ok = false
      }
      tally.check(ok == test.isValid, "\(test.label): got \(ok)")
    }
    tally.report()
  }

  /// RFC 8032 Section 7.1 and the 1024-line Ed25519 set of cryptography-vectors (`sign.input`:
  /// `sk‖pk:pk:msg:sig‖msg:`): key from seed, deterministic signature, verification.
  func testEd25519SignInput() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/Ed25519/sign.input")
    let text = try String(contentsOf: url, encoding: .utf8)
    var tally = SuiteTally("RFC 8032 Ed25519 sign.input")
    for (index, line) in text.split(separator: "\n").enumerated() {
      let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 4 else { continue }
      let secret = hexBytes(fields[0])
      let pk = hexBytes(fields[1])
      let message = hexBytes(fields[2])
      let signature = Array(hexBytes(fields[3]).prefix(64))
      let key = try Ed25519.PrivateKey(rawRepresentation: SecretBytes(secret.prefix(32)))
      let made = try key.signature(for: message)
      tally.check(
        key.publicKey.rawRepresentation == pk && made == signature
          && key.publicKey.isValidSignature(signature, for: message),
        "line \(index + 1)")
    }
    XCTAssertEqual(tally.total, 1024)
    tally.report()
  }

  /// RFC 8032 Section 7.4 Ed448 vectors (cryptography-vectors `rfc8032.txt`). Vectors with a
  /// context are Ed448 with a non-empty context, which libcrypto 3.0 cannot compute: they are
  /// checked to be rejected by the empty-context verifier, and counted separately.
  func testEd448RFC8032() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/Ed448/rfc8032.txt")
    var tally = SuiteTally("RFC 8032 Ed448")
    var withContext = 0
    for record in try rspRecords(url) {
      guard let secret = record["SECRET"], let signatureHex = record["SIGNATURE"] else { continue }
      let key = try Ed448.PrivateKey(rawRepresentation: SecretBytes(hexBytes(secret)))
      let message = hexBytes(record["MESSAGE"] ?? "")
      let signature = hexBytes(signatureHex)
      if record["CONTEXT"] != nil {
        withContext += 1
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message), "context vector must not verify")
        continue
      }
      let made = try key.signature(for: message)
      tally.check(
        key.publicKey.rawRepresentation == hexBytes(record["PUBLIC"] ?? "") && made == signature
          && key.publicKey.isValidSignature(signature, for: message),
        "COUNT \(record["COUNT"] ?? "?")")
    }
    print("VECTORS RFC 8032 Ed448: \(withContext) vector(s) with a context not computable by libcrypto 3.0")
    tally.report()
  }

  func testMalformedKeysThrowTypedErrors() {
    XCTAssertThrowsError(try Ed25519.PrivateKey(rawRepresentation: SecretBytes(zeroes: 31))) {
      guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33))) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try Ed448.PublicKey(rawRepresentation: [])) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try Ed25519.PublicKey(derRepresentation: [0x30, 0x03, 0x02, 0x01])) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
  }

  func testWrongOrMalformedSignatureIsFalse() throws {
    let key = try Ed25519.PrivateKey()
    let message = Array("transfer 10 BTC".utf8)
    var signature = try key.signature(for: message)
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message + [0]))
    XCTAssertFalse(key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
    XCTAssertFalse(key.publicKey.isValidSignature([], for: message))
    signature[10] ^= 1
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message))
  }

  func testSubjectPublicKeyInfoRoundTrip() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/Ed25519/ed25519-pub.der")
    let der = [UInt8](try Data(contentsOf: url))
    let key = try Ed25519.PublicKey(derRepresentation: der)
    XCTAssertEqual(try key.derRepresentation, der)
    // A BIT STRING with non-zero unused bits is not canonical DER.
    let bad = try Vectors.pypi("cryptography_vectors/asymmetric/Ed25519/ed25519-pub-non-zero-unused-bits.der")
    XCTAssertThrowsError(try Ed25519.PublicKey(derRepresentation: [UInt8](try Data(contentsOf: bad))))
  }

  func testEd448RoundTrip() throws {
    let key = try Ed448.PrivateKey()
    let signature = try key.signature(for: [1, 2, 3])
    XCTAssertEqual(signature.count, 114)
    let again = try Ed448.PrivateKey(rawRepresentation: key.rawRepresentation)
    XCTAssertEqual(again.publicKey.rawRepresentation, key.publicKey.rawRepresentation)
    XCTAssertTrue(again.publicKey.isValidSignature(signature, for: [1, 2, 3]))
    XCTAssertFalse(again.publicKey.isValidSignature(signature, for: [1, 2]))
  }
}
