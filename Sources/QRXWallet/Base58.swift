import QRXPrimitives

/// Base58 with Bitcoin's alphabet, and Base58Check (payload ‖ first four bytes of SHA-256(SHA-256(payload))),
/// as BIP-32 serialises extended keys. Strict: any character outside the alphabet, a wrong checksum or
/// an over-long input is a typed error.
public enum Base58 {
  /// Why a Base58 string was refused.
  public enum Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
    /// The character at `position` (0-based) is not in Bitcoin's Base58 alphabet.
    case invalidCharacter(position: Int)
    /// The text is longer than `maximumLength` characters.
    case tooLong(Int)
    /// The decoded bytes are shorter than the four checksum bytes.
    case tooShort
    /// The checksum does not match the payload.
    case invalidChecksum

    /// What was wrong with the text.
    public var description: String {
      switch self {
      case .invalidCharacter(let position): return "character \(position + 1) is not a Base58 character"
      case .tooLong(let count): return "Base58 text of \(count) characters is longer than allowed"
      case .tooShort: return "Base58Check text is too short to hold a checksum"
      case .invalidChecksum: return "Base58Check checksum does not match"
      }
    }
  }

  /// The longest text ``decode(_:)`` accepts (an extended key is 111 characters): bounds the quadratic work.
  public static let maximumLength = 1024

  private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

  private static let digitOf: [Int8] = {
    var table = [Int8](repeating: -1, count: 256)
    for (digit, character) in alphabet.enumerated() { table[Int(character)] = Int8(digit) }
    return table
  }()

  /// The Base58 text of `bytes`: each leading zero byte becomes '1', the rest is the big-endian number in base 58.
  public static func encode(_ bytes: [UInt8]) -> String {
    var text = encodedCharacters(bytes)
    defer { SecretBytes.wipe(&text) }
    return String(decoding: text, as: UTF8.self)
  }

  /// The Base58 characters of `bytes` as ASCII; the working buffer is wiped, so secret payloads
  /// (extended private keys) leave no copy behind but the one returned.
  static func encodedCharacters(_ bytes: [UInt8]) -> [UInt8] {
    let zeros = bytes.prefix(while: { $0 == 0 }).count
    // Base-58 digits, least significant first; log(256)/log(58) < 1.37.
    var digits = [UInt8](repeating: 0, count: bytes.count * 137 / 100 + 1)
    defer { SecretBytes.wipe(&digits) }
    var used = 0
    for byte in bytes[zeros...] {
      var carry = Int(byte)
      var i = 0
      while i < used || carry != 0 {
        carry += 256 * Int(digits[i])
        digits[i] = UInt8(carry % 58)
        carry /= 58
        i += 1
      }
      used = i
    }
    var text = [UInt8](repeating: alphabet[0], count: zeros)
    text.reserveCapacity(zeros + used)
    for i in stride(from: used - 1, through: 0, by: -1) { text.append(alphabet[Int(digits[i])]) }
    return text
  }

  /// The bytes of Base58 `text`: each leading '1' is a zero byte.
  public static func decode(_ text: String) throws -> [UInt8] {
    let characters = Array(text.utf8)
    guard characters.count <= maximumLength else { throw Error.tooLong(characters.count) }
    let ones = characters.prefix(while: { $0 == alphabet[0] }).count
    // Bytes, least significant first; log(58)/log(256) < 0.74.
    var bytes = [UInt8](repeating: 0, count: characters.count * 74 / 100 + 1)
    defer { SecretBytes.wipe(&bytes) }
    var used = 0
    for (position, character) in characters.enumerated() {
      let digit = digitOf[Int(character)]
      guard digit >= 0 else { throw Error.invalidCharacter(position: position) }
      guard position >= ones else { continue }
      var carry = Int(digit)
      var i = 0
      while i < used || carry != 0 {
        carry += 58 * Int(bytes[i])
        bytes[i] = UInt8(carry & 0xff)
        carry >>= 8
        i += 1
      }
      used = i
    }
    return [UInt8](repeating: 0, count: ones) + bytes[0..<used].reversed()
  }

  /// Base58Check text of `payload`: Base58(payload ‖ SHA-256(SHA-256(payload))[0..<4]).
  public static func encodeChecked(_ payload: [UInt8]) -> String {
    var text = encodedCheckedCharacters(payload)
    defer { SecretBytes.wipe(&text) }
    return String(decoding: text, as: UTF8.self)
  }

  /// Base58Check characters of `payload` as ASCII, the working copies wiped.
  static func encodedCheckedCharacters(_ payload: [UInt8]) -> [UInt8] {
    var full = payload + SHA256.hash(SHA256.hash(payload)).prefix(4)
    defer { SecretBytes.wipe(&full) }
    return encodedCharacters(full)
  }

  /// The payload of Base58Check `text`, its checksum verified.
  public static func decodeChecked(_ text: String) throws -> [UInt8] {
    var bytes = try decode(text)
    defer { SecretBytes.wipe(&bytes) }
    guard bytes.count >= 4 else { throw Error.tooShort }
    let payload = Array(bytes.dropLast(4))
    let checksum = Array(SHA256.hash(SHA256.hash(payload)).prefix(4))
    guard checksum == Array(bytes.suffix(4)) else { throw Error.invalidChecksum }
    return payload
  }
}
