import QRXPrimitives
import QRXTestSupport
import XCTest

/// Hex, base64url and Bech32m (BIP-350 test vectors, transcribed from the BIP).
final class EncodingTests: XCTestCase {
  func testHexRoundTripAndStrictness() throws {
    XCTAssertEqual(Hex.encode([0x00, 0xAB, 0xFF]), "00abff")
    XCTAssertEqual(try Hex.decode("00abFF"), [0x00, 0xAB, 0xFF])
    XCTAssertEqual(try Hex.decode(""), [])
    XCTAssertThrowsError(try Hex.decode("abc")) { XCTAssertEqual($0 as? EncodingError, .invalidLength(3)) }
    XCTAssertThrowsError(try Hex.decode("0g")) { XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 1)) }
    XCTAssertThrowsError(try Hex.decode("0x00")) {
      XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 1))
    }
    XCTAssertThrowsError(try Hex.decode(" 0")) { XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 0)) }
    XCTAssertThrowsError(try Hex.decode("éé")) { XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 0)) }
  }

  /// RFC 4648, Section 10 test vectors, in the url alphabet without padding.
  func testBase64URLRFC4648Vectors() throws {
    let cases = [
      ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
      ("foobar", "Zm9vYmFy"),
    ]
    for (plain, encoded) in cases {
      XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded)
      XCTAssertEqual(try Base64URL.decode(encoded), Array(plain.utf8))
    }
    XCTAssertEqual(Base64URL.encode([0xFB, 0xFF]), "-_8")
    XCTAssertEqual(try Base64URL.decode("-_8"), [0xFB, 0xFF])
  }

  func testBase64URLRejectsNonCanonicalInput() {
    XCTAssertThrowsError(try Base64URL.decode("Zg==")) {
      XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 2))
    }
    XCTAssertThrowsError(try Base64URL.decode("+/8")) {
      XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 0))
    }
    XCTAssertThrowsError(try Base64URL.decode("Z")) { XCTAssertEqual($0 as? EncodingError, .invalidLength(1)) }
    // "Zh" carries non-zero bits past the single byte it encodes.
    XCTAssertThrowsError(try Base64URL.decode("Zh")) { XCTAssertEqual($0 as? EncodingError, .nonCanonical) }
    XCTAssertThrowsError(try Base64URL.decode("Zm 9")) {
      XCTAssertEqual($0 as? EncodingError, .invalidCharacter(position: 2))
    }
  }

  /// BIP-350 "Test vectors for Bech32m": valid strings.
  func testBech32mValidStrings() throws {
    let valid = [
      "A1LQFN3A",
      "a1lqfn3a",
      "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
      "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
      "11" + String(repeating: "l", count: 82) + "ludsr8",
      "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
      "?1v759aa",
    ]
    XCTAssertEqual(valid[4].count, 90)
    for string in valid {
      let (hrp, data) = try Bech32m.decode(string)
      // Re-encoding gives the lowercase form back.
      XCTAssertEqual(try Bech32m.encode(hrp: hrp, data: data), string.lowercased(), string)
    }
  }

  /// BIP-350 "Test vectors for Bech32m": invalid strings, each with the BIP's reason.
  func testBech32mInvalidStrings() {
    let invalid: [(String, String)] = [
      ("\u{20}1xj0phk", "HRP character out of range"),
      ("\u{7F}1g6xzxy", "HRP character out of range"),
      ("\u{80}1vctc34", "HRP character out of range"),
      (
        "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
        "overall max length exceeded"
      ),
      ("qyrz8wqd2c9m", "No separator character"),
      ("1qyrz8wqd2c9m", "Empty HRP"),
      ("y1b0jsk6g", "Invalid data character"),
      ("lt1igcx5c0", "Invalid data character"),
      ("in1muywd", "Too short checksum"),
      ("mm1crxm3i", "Invalid character in checksum"),
      ("au1s5cgom", "Invalid character in checksum"),
      ("M1VUXWEZ", "checksum calculated with uppercase form of HRP"),
      ("16plkw9", "Empty HRP"),
      ("1p2gdwpf", "Empty HRP"),
    ]
    for (string, reason) in invalid {
      XCTAssertThrowsError(try Bech32m.decode(string), reason)
    }
  }

  /// A Bech32 (BIP-173) string has the other checksum constant and is refused by Bech32m.
  func testBech32ChecksumIsNotBech32m() {
    XCTAssertThrowsError(try Bech32m.decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw")) {
      XCTAssertEqual($0 as? EncodingError, .invalidChecksum)
    }
  }

  func testBech32mMixedCaseAndBytes() throws {
    XCTAssertThrowsError(try Bech32m.decode("A1lqfn3a")) { XCTAssertEqual($0 as? EncodingError, .mixedCase) }
    let payload: [UInt8] = Array(0..<40)
    let text = try Bech32m.encode(hrp: "qrx", bytes: payload)
    XCTAssertEqual(try Bech32m.decodeBytes(text, expectedHRP: "qrx"), payload)
    XCTAssertThrowsError(try Bech32m.decodeBytes(text, expectedHRP: "bc")) {
      XCTAssertEqual($0 as? EncodingError, .unexpectedHumanReadablePart("qrx"))
    }
    // Flipping one data character breaks the checksum.
    var chars = Array(text)
    chars[10] = chars[10] == "q" ? "p" : "q"
    XCTAssertThrowsError(try Bech32m.decode(String(chars))) { XCTAssertEqual($0 as? EncodingError, .invalidChecksum) }
  }
}
