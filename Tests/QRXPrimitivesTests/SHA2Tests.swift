import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// SHA-2 (NIST CAVP SHAVS), HMAC (RFC 4231), HKDF (Wycheproof) and PBKDF2-HMAC-SHA512 (BIP-39 seeds).
final class SHA2Tests: XCTestCase {
  private let files: [(SHA2Variant, String)] = [
    (.sha224, "SHA224"), (.sha256, "SHA256"), (.sha384, "SHA384"), (.sha512, "SHA512"),
  ]

  func testShortAndLongMessages() throws {
    for (variant, name) in files {
      for kind in ["ShortMsg", "LongMsg"] {
        let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/SHA2/\(name)\(kind).rsp"))
        var count = 0
        for record in records {
          guard let length = record["Len"].flatMap({ Int($0) }), let msg = record["Msg"], let md = record["MD"]
          else { continue }
          let message = Array(hexBytes(msg).prefix(length / 8))
          XCTAssertEqual(SHA2.hash(variant, message), hexBytes(md), "\(name)\(kind) Len=\(length)")
          count += 1
        }
        XCTAssertGreaterThan(count, 60, "\(name)\(kind)")
      }
    }
  }

  /// SHAVS Monte Carlo: M_i = MD_{i-3} ‖ MD_{i-2} ‖ MD_{i-1}, 1000 hashes per checkpoint.
  func testMonteCarlo() throws {
    for (variant, name) in files {
      let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/SHA2/\(name)Monte.rsp"))
      guard let seedHex = records.first(where: { $0["Seed"] != nil })?["Seed"] else {
        throw VectorError.malformed("no Seed")
      }
      let checkpoints = records.compactMap { $0["MD"] }.map { hexBytes($0) }
      XCTAssertEqual(checkpoints.count, 100)
      var seed = hexBytes(seedHex)
      for (j, expected) in checkpoints.enumerated() {
        var md = [seed, seed, seed]
        for _ in 3..<1003 {
          let next = SHA2.hash(variant, md[0] + md[1] + md[2])
          md = [md[1], md[2], next]
        }
        seed = md[2]
        XCTAssertEqual(seed, expected, "\(name) Monte checkpoint \(j)")
        if seed != expected { break }
      }
    }
  }

  func testIncrementalHasherMatchesVectors() throws {
    let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/SHA2/SHA512LongMsg.rsp"))
    guard let record = records.first(where: { $0["Msg"] != nil }), let len = record["Len"].flatMap({ Int($0) })
    else { throw VectorError.malformed("SHA512LongMsg") }
    let message = Array(hexBytes(record["Msg"]!).prefix(len / 8))
    let hasher = SHA2Hasher(.sha512)
    var offset = 0
    while offset < message.count {
      let end = min(message.count, offset + 37)
      hasher.update(Array(message[offset..<end]))
      offset = end
    }
    XCTAssertEqual(hasher.finalize(), hexBytes(record["MD"]!))
  }

  func testHMACRFC4231() throws {
    for (variant, name) in [
      (SHA2Variant.sha224, "sha224"), (.sha256, "sha256"), (.sha384, "sha384"), (.sha512, "sha512"),
    ] {
      let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/HMAC/rfc-4231-\(name).txt"))
      var count = 0
      for record in records {
        guard let key = record["Key"], let msg = record["Msg"], let md = record["MD"] else { continue }
        let code = HMAC.authenticationCode(variant, key: hexBytes(key), message: hexBytes(msg))
        XCTAssertEqual(code, hexBytes(md), "HMAC-\(name)")
        XCTAssertTrue(HMAC.isValidAuthenticationCode(hexBytes(md), variant, key: hexBytes(key), message: hexBytes(msg)))
        var wrong = hexBytes(md)
        wrong[0] ^= 1
        XCTAssertFalse(HMAC.isValidAuthenticationCode(wrong, variant, key: hexBytes(key), message: hexBytes(msg)))
        count += 1
      }
      XCTAssertGreaterThanOrEqual(count, 6, "HMAC-\(name)")
    }
  }

  private struct WycheproofHKDF: Decodable {
    struct Group: Decodable { let tests: [Test] }
    struct Test: Decodable {
      let tcId: Int
      let ikm, salt, info, okm, result: String
      let size: Int
    }
    let testGroups: [Group]
  }

  private func checkHKDF(_ variant: SHA2Variant, _ file: String) throws {
    let vectors = try Vectors.decode(WycheproofHKDF.self, from: Vectors.shared("wycheproof/\(file)"))
    var valid = 0
    var invalid = 0
    for test in vectors.testGroups.flatMap(\.tests) {
      let result = try? HKDF.deriveKey(
        variant, inputKeyMaterial: hexBytes(test.ikm), salt: hexBytes(test.salt), info: hexBytes(test.info),
        length: test.size)
      if test.result == "valid" {
        XCTAssertEqual(result, hexBytes(test.okm), "tcId \(test.tcId)")
        // Extract then expand gives the same bytes.
        let prk = try HKDF.extract(variant, salt: hexBytes(test.salt), inputKeyMaterial: hexBytes(test.ikm))
        let okm = try HKDF.expand(variant, pseudorandomKey: prk, info: hexBytes(test.info), length: test.size)
        XCTAssertEqual(okm, hexBytes(test.okm), "tcId \(test.tcId) extract+expand")
        valid += 1
      } else {
        XCTAssertNil(result, "tcId \(test.tcId) must be refused")
        invalid += 1
      }
    }
    XCTAssertGreaterThan(valid, 50)
    XCTAssertGreaterThan(invalid, 0)
  }

  func testHKDFSHA256Wycheproof() throws { try checkHKDF(.sha256, "hkdf_sha256_test.json") }
  func testHKDFSHA512Wycheproof() throws { try checkHKDF(.sha512, "hkdf_sha512_test.json") }

  /// BIP-39's seed is PBKDF2-HMAC-SHA512(mnemonic, "mnemonic" ‖ passphrase, 2048, 64): its official
  /// vectors (passphrase "TREZOR") pin our PBKDF2.
  func testPBKDF2SHA512WithBIP39Vectors() throws {
    let json = try Vectors.json(Vectors.shared("bip39/vectors.json"))
    guard let english = (json as? [String: Any])?["english"] as? [[String]] else {
      throw VectorError.malformed("bip39 english")
    }
    XCTAssertGreaterThan(english.count, 20)
    for entry in english {
      let seed = try PBKDF2.deriveKey(
        .sha512, password: Array(entry[1].utf8), salt: Array("mnemonicTREZOR".utf8), iterations: 2048, length: 64)
      XCTAssertEqual(seed, hexBytes(entry[2]), entry[1])
    }
  }

  func testPBKDF2RefusesZeroIterations() {
    XCTAssertThrowsError(try PBKDF2.deriveKey(.sha512, password: [1], salt: [2], iterations: 0, length: 64))
  }
}
