import QRXClassical
import QRXPrimitives

/// Ethereum account addresses: the last 20 bytes of Keccak-256 of the 64-byte uncompressed public
/// key (Ethereum yellow paper, Appendix F), written with EIP-55's mixed-case checksum.
public enum EthereumAddress {
  /// The checksummed address (`0x` and 40 hex digits) of a secp256k1 public key.
  public static func address(for publicKey: Secp256k1.Point) -> String {
    let xy = publicKey.uncompressedRepresentation.dropFirst()  // drop the SEC1 0x04 prefix
    let a = Keccak256.hash(xy).suffix(20)
    return checksummed(lowercaseHex: Hex.encode(Array(a)))
  }

  /// EIP-55: hex letter `i` of the lowercase address is capitalised when nibble `i` of
  /// Keccak-256(the lowercase hex, as ASCII) is 8 or more.
  static func checksummed(lowercaseHex: String) -> String {
    let characters = Array(lowercaseHex.utf8)
    let hash = Keccak256.hash(characters)
    var out = Array("0x".utf8)
    for (i, c) in characters.enumerated() {
      let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f
      out.append(c >= UInt8(ascii: "a") && nibble >= 8 ? c - 32 : c)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The EIP-55 form of `address` (`0x` and 40 hex digits in any case). Throws on any other shape.
  public static func checksummed(_ address: String) throws -> String {
    try checksummed(lowercaseHex: lowercaseDigits(address))
  }

  /// Whether `address` is in EIP-55 form: `0x`, 40 hex digits, and exactly the checksum's capitals.
  /// All-lowercase or all-uppercase addresses carry no checksum and are not in EIP-55 form.
  public static func isValidChecksum(_ address: String) -> Bool {
    guard let digits = try? lowercaseDigits(address) else { return false }
    return checksummed(lowercaseHex: digits) == address
  }

  private static func lowercaseDigits(_ address: String) throws -> String {
    let bytes = Array(address.utf8)
    guard bytes.count == 42, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") else {
      throw WalletError.invalidAddress("an Ethereum address is 0x and 40 hex digits")
    }
    let digits = bytes[2...].map { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F")) ? $0 + 32 : $0 }
    guard
      digits.allSatisfy({
        ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
      })
    else { throw WalletError.invalidAddress("an Ethereum address is 0x and 40 hex digits") }
    return String(decoding: digits, as: UTF8.self)
  }
}
