import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import QRXWallet
import XCTest

/// EIP-55 with the examples published in the EIP (transcribed), Ethereum addresses of known keys,
/// and Base58 with examples from Bitcoin Core's base58_encode_decode.json (transcribed).
final class EthereumAndBase58Tests: XCTestCase {
  /// EIP-55, "Test Cases": all caps, all lower, and mixed.
  static let eip55Examples = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
  ]

  func testEIP55Examples() throws {
    for address in Self.eip55Examples {
      XCTAssertTrue(EthereumAddress.isValidChecksum(address), address)
      XCTAssertEqual(
        try EthereumAddress.checksummed(address.lowercased().replacingOccurrences(of: "0X", with: "0x")), address)
      XCTAssertEqual(try EthereumAddress.checksummed("0x" + address.dropFirst(2).uppercased()), address)
    }
  }

  func testEIP55RefusesAChangedCaseAndMalformedText() {
    // Flip the case of one letter in each mixed-case example: the checksum must fail.
    for address in Self.eip55Examples[4...] {
      var characters = Array(address)
      let i = characters.indices.dropFirst(2).first { characters[$0].isLetter }!
      characters[i] = Character(characters[i].isUppercase ? characters[i].lowercased() : characters[i].uppercased())
      XCTAssertFalse(EthereumAddress.isValidChecksum(String(characters)), String(characters))
    }
    for bad in [
      "", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
      "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    ] {
      XCTAssertFalse(EthereumAddress.isValidChecksum(bad), bad)
      XCTAssertThrowsError(try EthereumAddress.checksummed(bad), bad)
    }
  }

  /// Addresses of well-known keys: the scalar 1, and the example key of "Mastering Ethereum", chapter 4.
  func testAddressesOfKnownKeys() throws {
    let one = try Secp256k1.publicKey(for: SecretBytes(hexBytes(String(repeating: "0", count: 63) + "1")))
    XCTAssertEqual(EthereumAddress.address(for: one), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
    let book = try Secp256k1.publicKey(
      for: SecretBytes(hexBytes("f8f8a2f43c8376ccb0871305060d7b27b0554d2cc72bccf41b2705608452f315")))
    XCTAssertEqual(EthereumAddress.address(for: book), "0x001d3F1ef827552Ae1114027BD3ECF1f086bA0F9")
  }

  /// Bitcoin Core, src/test/data/base58_encode_decode.json.
  static let base58Examples: [(String, String)] = [
    ("", ""), ("61", "2g"), ("626262", "a3gV"), ("636363", "aPEr"),
    ("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
    ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
    ("516b6fcd0f", "ABnLTmg"), ("bf4f89001e670274dd", "3SEo3LWLoPntC"), ("572e4794", "3EFU7m"),
    ("ecac89cad93923c02321", "EJDM8drfXA6uyA"), ("10c8511e", "Rt5zm"), ("00000000000000000000", "1111111111"),
  ]

  func testBase58Examples() throws {
    for (hex, text) in Self.base58Examples {
      XCTAssertEqual(Base58.encode(hexBytes(hex)), text, hex)
      XCTAssertEqual(try Base58.decode(text), hexBytes(hex), text)
    }
  }

  func testBase58RefusesCharactersOutsideTheAlphabet() {
    for (text, position) in [("0", 0), ("a3gO", 3), ("I", 0), ("2gl", 2), ("a3g V", 3), ("a3gV\u{e9}", 4)] {
      XCTAssertThrowsError(try Base58.decode(text), text) {
        XCTAssertEqual($0 as? Base58.Error, .invalidCharacter(position: position), text)
      }
    }
    XCTAssertThrowsError(try Base58.decode(String(repeating: "2", count: Base58.maximumLength + 1)))
    XCTAssertThrowsError(try Base58.decodeChecked("2g")) { XCTAssertEqual($0 as? Base58.Error, .tooShort) }
  }

  func testBase58CheckRoundTripAndChecksum() throws {
    let payload: [UInt8] = [0, 1, 2, 3, 250, 251]
    let text = Base58.encodeChecked(payload)
    XCTAssertEqual(try Base58.decodeChecked(text), payload)
    var corrupted = Array(text)
    corrupted[corrupted.count - 1] = corrupted.last == "2" ? "3" : "2"
    XCTAssertThrowsError(try Base58.decodeChecked(String(corrupted))) {
      XCTAssertEqual($0 as? Base58.Error, .invalidChecksum)
    }
  }
}
