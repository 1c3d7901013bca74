import Foundation
import QRXPrimitives
import QRXTestSupport
import QRXWallet
import XCTest

/// BIP-39 against trezor/python-mnemonic's official vectors (passphrase "TREZOR").
final class BIP39Tests: XCTestCase {
  private func englishVectors() throws -> [[String]] {
    let json = try Vectors.json(Vectors.shared("bip39/vectors.json"))
    guard let english = (json as? [String: Any])?["english"] as? [[String]] else {
      throw VectorError.malformed("bip39 english")
    }
    return english
  }

  func testEmbeddedWordListIsTheStandardOne() throws {
    let text = try String(contentsOf: Vectors.shared("bip39/english.txt"), encoding: .utf8)
    XCTAssertEqual(BIP39.englishWords, text.split(whereSeparator: \.isNewline).map(String.init))
    XCTAssertEqual(BIP39.englishWords.count, 2048)
  }

  func testAllEnglishVectors() throws {
    let vectors = try englishVectors()
    XCTAssertEqual(vectors.count, 24)
    for vector in vectors {
      let entropy = hexBytes(vector[0])
      XCTAssertEqual(try BIP39.mnemonic(entropy: entropy), vector[1])
      XCTAssertEqual(try BIP39.entropy(mnemonic: vector[1]), entropy)
      XCTAssertEqual(try BIP39.seed(mnemonic: vector[1], passphrase: "TREZOR").copyBytes(), hexBytes(vector[2]))
    }
  }

  func testRefusalsAreSpecific() throws {
    let valid = try englishVectors()[0][1]
    var words = valid.split(separator: " ").map(String.init)
    XCTAssertThrowsError(try BIP39.entropy(mnemonic: words.dropLast().joined(separator: " "))) {
      XCTAssertEqual($0 as? BIP39.Error, .invalidWordCount(11))
    }
    words[3] = "notaword"
    XCTAssertThrowsError(try BIP39.entropy(mnemonic: words.joined(separator: " "))) {
      XCTAssertEqual($0 as? BIP39.Error, .unknownWord(position: 4))
    }
    // "abandon" × 12 has a wrong checksum (the valid 12-word all-zero mnemonic ends in "about").
    XCTAssertThrowsError(try BIP39.entropy(mnemonic: Array(repeating: "abandon", count: 12).joined(separator: " "))) {
      XCTAssertEqual($0 as? BIP39.Error, .invalidChecksum)
    }
    XCTAssertThrowsError(try BIP39.seed(mnemonic: "abandon abandon", passphrase: ""))
    XCTAssertThrowsError(try BIP39.mnemonic(entropy: [0, 1, 2])) {
      XCTAssertEqual($0 as? BIP39.Error, .invalidEntropyLength(3))
    }
  }

  func testWhitespaceIsNormalisedAndUppercaseRefused() throws {
    let vector = try englishVectors()[1]
    let spaced = "  " + vector[1].replacingOccurrences(of: " ", with: "\u{3000}") + "\n"
    XCTAssertEqual(try BIP39.entropy(mnemonic: spaced), hexBytes(vector[0]))
    XCTAssertEqual(
      try BIP39.seed(mnemonic: spaced, passphrase: "TREZOR").copyBytes(), hexBytes(vector[2]))
    // Uppercase words would validate case-insensitively yet give another seed: refused instead.
    XCTAssertThrowsError(try BIP39.seed(mnemonic: vector[1].uppercased(), passphrase: "TREZOR")) {
      XCTAssertEqual($0 as? BIP39.Error, .unknownWord(position: 1))
    }
  }

  func testGeneratedMnemonicsAreValid() throws {
    for count in [12, 15, 18, 21, 24] {
      let mnemonic = try BIP39.generateMnemonic(wordCount: count)
      XCTAssertEqual(mnemonic.split(separator: " ").count, count)
      XCTAssertTrue(BIP39.isValid(mnemonic: mnemonic))
    }
  }
}
