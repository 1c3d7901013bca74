import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXCLI

/// Key-file format detection: a raw key is random bytes, so one raw key in 256 starts with `{`
/// and must still be read as raw (a `make test` run once failed on such an ML-KEM public key).
final class KeyFileTests: XCTestCase {
  private func write(_ bytes: [UInt8], in dir: URL, name: String) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func testRawKeysStartingWithABraceStayRaw() throws {
    let dir = try temporaryDirectory(self)
    for length in [32, 57, 1184, 2400] {
      var bytes = SystemRandom().bytes(count: length)
      bytes[0] = UInt8(ascii: "{")
      bytes[length / 2] = 0xA5  // not ASCII text, whatever the rest holds
      let path = try write(bytes, in: dir, name: "raw\(length)")
      let loaded = try KeyFile.read(path, expectPrivate: false)
      XCTAssertNil(loaded.algorithm, "length \(length)")
      XCTAssertEqual(loaded.bytes.copyBytes(), bytes, "length \(length)")
    }
  }

  func testJSONEnvelopesAreStillRecognised() throws {
    let dir = try temporaryDirectory(self)
    let key: [UInt8] = Array(repeating: 0x7B, count: 32)
    let encoded = try KeyFile.encode(key, algorithm: "Ed25519", isPrivate: false, format: .json)
    let loaded = try KeyFile.read(try write(encoded, in: dir, name: "pk.json"), expectPrivate: false)
    XCTAssertEqual(loaded.algorithm, "Ed25519")
    XCTAssertEqual(loaded.bytes.copyBytes(), key)
    // Pretty-printed by hand, with tabs and CRLF line ends.
    let pretty =
      "{\r\n\t\"alg\": \"Ed25519\",\r\n\t\"type\": \"public-key\",\r\n\t\"key\": \"\(Base64URL.encode(key))\"\r\n}\r\n"
    XCTAssertEqual(
      try KeyFile.read(try write(Array(pretty.utf8), in: dir, name: "pretty.json"), expectPrivate: false).algorithm,
      "Ed25519")
    // Broken JSON text is a bad JSON file, not a raw key.
    let truncated = try write(Array(encoded.dropLast(10)), in: dir, name: "truncated.json")
    XCTAssertThrowsError(try KeyFile.read(truncated, expectPrivate: false)) { error in
      XCTAssertTrue("\(error)".contains("not a QRX JSON key file"), "\(error)")
    }
  }

  func testIsJSONTextLooksAtEveryByte() {
    let cases: [(String, [UInt8], Bool)] = [
      ("empty", [], false),
      ("brace only", Array("{".utf8), true),
      ("object", Array("{\"a\": 1}\n".utf8), true),
      ("no brace", Array("[1]".utf8), false),
      ("NUL at the end", Array("{\"a\": 1}".utf8) + [0], false),
      ("high byte in the middle", Array("{\"a\":".utf8) + [0xC3] + Array(" 1}".utf8), false),
      ("DEL", Array("{".utf8) + [0x7F], false),
    ]
    for (name, bytes, expected) in cases {
      XCTAssertEqual(bytes.withUnsafeBytes(KeyFile.isJSONText), expected, name)
    }
  }
}
