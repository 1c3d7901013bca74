/// Errors of the text codecs: what was wrong, and where.
public enum EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A character outside the codec's alphabet, at `position` (0-based).
  case invalidCharacter(position: Int)
  /// The input length is impossible for the codec.
  case invalidLength(Int)
  /// Trailing bits that a canonical encoder would have left zero.
  case nonCanonical
  /// Bech32m: no `1` separator, or an empty human-readable part.
  case missingSeparator
  /// Bech32m: the human-readable part is empty or has a character outside 33 ... 126.
  case invalidHumanReadablePart
  /// Bech32m: upper and lower case mixed.
  case mixedCase
  /// Bech32m: the string is longer than the limit.
  case tooLong(Int)
  /// Bech32m: the checksum is wrong (or it is a Bech32, not Bech32m, checksum).
  case invalidChecksum
  /// Bech32m: the human-readable part is not the expected one.
  case unexpectedHumanReadablePart(String)
  /// Bech32m: a data value was not a 5-bit group.
  case invalidFiveBitValue

  public var description: String {
    switch self {
    case .invalidCharacter(let position): return "invalid character at position \(position)"
    case .invalidLength(let length): return "invalid length \(length)"
    case .nonCanonical: return "non-canonical encoding (non-zero padding bits)"
    case .missingSeparator: return "missing separator '1'"
    case .invalidHumanReadablePart: return "invalid human-readable part"
    case .mixedCase: return "mixed upper and lower case"
    case .tooLong(let length): return "too long (\(length) characters)"
    case .invalidChecksum: return "invalid checksum"
    case .unexpectedHumanReadablePart(let hrp): return "unexpected human-readable part '\(hrp)'"
    case .invalidFiveBitValue: return "data value out of the 5-bit range"
    }
  }
}

/// Strict hexadecimal: an even number of `0-9a-fA-F` characters, nothing else (no prefix, no spaces).
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  /// Lowercase hex of `bytes`.
  public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of `text`, or a typed error naming the first bad character.
  public static func decode(_ text: String) throws -> [UInt8] {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { throw EncodingError.invalidLength(utf8.count) }
    var out = [UInt8]()
    out.reserveCapacity(utf8.count / 2)
    var i = 0
    while i < utf8.count {
      guard let high = value(utf8[i]) else { throw EncodingError.invalidCharacter(position: i) }
      guard let low = value(utf8[i + 1]) else { throw EncodingError.invalidCharacter(position: i + 1) }
      out.append(high << 4 | low)
      i += 2
    }
    return out
  }

  private static func value(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
