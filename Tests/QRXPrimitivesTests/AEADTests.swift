import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// Wycheproof AES-GCM and ChaCha20-Poly1305.
final class AEADTests: XCTestCase {
  private struct Wycheproof: Decodable {
    struct Group: Decodable {
      let ivSize, keySize, tagSize: Int
      let tests: [Test]
    }
    struct Test: Decodable {
      let tcId: Int
      let key, iv, aad, msg, ct, tag, result: String
    }
    let testGroups: [Group]
  }

  private func run(
    _ file: String, seal: ([UInt8], [UInt8], [UInt8], [UInt8]) throws -> [UInt8],
    open: ([UInt8], [UInt8], [UInt8], [UInt8]) throws -> [UInt8]
  ) throws {
    let vectors = try Vectors.decode(Wycheproof.self, from: Vectors.shared("wycheproof/\(file)"))
    var checked = (valid: 0, invalid: 0, refusedLongNonce: 0)
    for group in vectors.testGroups {
      // Every group uses 128-bit tags, the only size QRX accepts; check so a new file cannot slip by.
      XCTAssertEqual(group.tagSize, 128)
      for test in group.tests {
        let key = hexBytes(test.key)
        let iv = hexBytes(test.iv)
        let aad = hexBytes(test.aad)
        let sealed = hexBytes(test.ct) + hexBytes(test.tag)
        if iv.count > AEAD.maximumNonceByteCount {
          // Documented limitation (docs/SECURITY.md): nonces over 128 bytes are refused, as libcrypto does.
          XCTAssertThrowsError(try open(sealed, key, iv, aad)) {
            XCTAssertEqual($0 as? CryptoError, .invalidNonceSize(expected: "1 ... 128", actual: iv.count))
          }
          checked.refusedLongNonce += 1
        } else if test.result == "valid" {
          XCTAssertEqual(try open(sealed, key, iv, aad), hexBytes(test.msg), "tcId \(test.tcId) open")
          XCTAssertEqual(try seal(hexBytes(test.msg), key, iv, aad), sealed, "tcId \(test.tcId) seal")
          checked.valid += 1
        } else {
          XCTAssertThrowsError(try open(sealed, key, iv, aad), "tcId \(test.tcId) must be refused")
          checked.invalid += 1
        }
      }
    }
    XCTAssertGreaterThan(checked.valid, 200)
    XCTAssertGreaterThan(checked.invalid, 50)
    XCTAssertLessThanOrEqual(checked.refusedLongNonce, 3)
  }

  func testAESGCMWycheproof() throws {
    try run(
      "aes_gcm_test.json",
      seal: { try AEAD.sealAESGCM($0, key: $1, nonce: $2, authenticating: $3) },
      open: { try AEAD.openAESGCM($0, key: $1, nonce: $2, authenticating: $3) })
  }

  func testChaChaPolyWycheproof() throws {
    try run(
      "chacha20_poly1305_test.json",
      seal: { try AEAD.sealChaChaPoly($0, key: $1, nonce: $2, authenticating: $3) },
      open: { try AEAD.openChaChaPoly($0, key: $1, nonce: $2, authenticating: $3) })
  }

  func testWrongTagIsATypedError() throws {
    let key = [UInt8](repeating: 7, count: 32)
    let nonce = [UInt8](repeating: 1, count: 12)
    for algorithm in AEADAlgorithm.allCases {
      let k = Array(key.prefix(algorithm.keyByteCount))
      var sealed = try AEAD.seal(algorithm, Array("attack at dawn".utf8), key: k, nonce: nonce, authenticating: [9])
      XCTAssertEqual(
        try AEAD.open(algorithm, sealed, key: k, nonce: nonce, authenticating: [9]), Array("attack at dawn".utf8))
      XCTAssertThrowsError(try AEAD.open(algorithm, sealed, key: k, nonce: nonce, authenticating: [8])) {
        XCTAssertEqual($0 as? CryptoError, .authenticationFailure)
      }
      sealed[sealed.count - 1] ^= 0x80
      XCTAssertThrowsError(try AEAD.open(algorithm, sealed, key: k, nonce: nonce, authenticating: [9])) {
        XCTAssertEqual($0 as? CryptoError, .authenticationFailure)
      }
    }
  }

  func testBadSizesAreTypedErrors() {
    XCTAssertThrowsError(
      try AEAD.seal(.aes256GCM, [1], key: [UInt8](repeating: 0, count: 31), nonce: [UInt8](repeating: 0, count: 12))
    ) {
      XCTAssertEqual($0 as? CryptoError, .invalidKeySize(expected: "32", actual: 31))
    }
    XCTAssertThrowsError(try AEAD.seal(.chaCha20Poly1305, [1], key: [UInt8](repeating: 0, count: 32), nonce: [0])) {
      XCTAssertEqual($0 as? CryptoError, .invalidNonceSize(expected: "12", actual: 1))
    }
    XCTAssertThrowsError(try AEAD.openAESGCM([1, 2, 3], key: [UInt8](repeating: 0, count: 16), nonce: [0, 0])) {
      XCTAssertEqual($0 as? CryptoError, .invalidLength(what: "sealed data", expected: "at least 16", actual: 3))
    }
  }
}
