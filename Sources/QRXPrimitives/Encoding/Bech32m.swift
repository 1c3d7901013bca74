/// Bech32m (BIP-350): a human-readable part, the separator `1`, 5-bit data and a 6-character
/// checksum with the constant 0x2bc830a3. Used for QRX hybrid addresses.
public enum Bech32m {
  private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
  private static let checksumConstant: UInt32 = 0x2bc8_30a3
  /// BIP-173's overall length limit; callers may allow more for long payloads.
  public static let standardLengthLimit = 90

  /// The BCH checksum generator (BIP-173 `bech32_polymod`).
  static func polymod(_ values: [UInt8]) -> UInt32 {
    let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
    var checksum: UInt32 = 1
    for value in values {
      let top = checksum >> 25
      checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
      for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { checksum ^= generator[i] }
    }
    return checksum
  }

  static func expandHumanReadablePart(_ hrp: [UInt8]) -> [UInt8] {
    hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
  }

  /// Encodes 5-bit `data` under `hrp` (lowercased). `data` values must be below 32.
  public static func encode(hrp: String, data: [UInt8], lengthLimit: Int = standardLengthLimit) throws -> String {
    let hrpBytes = Array(hrp.lowercased().utf8)
    guard !hrpBytes.isEmpty, hrpBytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else {
      throw EncodingError.invalidHumanReadablePart
    }
    guard data.allSatisfy({ $0 < 32 }) else { throw EncodingError.invalidFiveBitValue }
    let total = hrpBytes.count + 1 + data.count + 6
    guard total <= lengthLimit else { throw EncodingError.tooLong(total) }
    let mod = polymod(expandHumanReadablePart(hrpBytes) + data + [0, 0, 0, 0, 0, 0]) ^ checksumConstant
    let checksum = (0..<6).map { UInt8((mod >> UInt32(5 * (5 - $0))) & 31) }
    return String(decoding: hrpBytes + [UInt8(ascii: "1")] + (data + checksum).map { charset[Int($0)] }, as: UTF8.self)
  }

  /// Decodes `text` into its human-readable part (lowercase) and 5-bit data, checking everything BIP-350 asks.
  public static func decode(
    _ text: String, lengthLimit: Int = standardLengthLimit
  ) throws -> (hrp: String, data: [UInt8]) {
    let bytes = Array(text.utf8)
    guard bytes.count <= lengthLimit else { throw EncodingError.tooLong(bytes.count) }
    for (position, c) in bytes.enumerated() where c < 33 || c > 126 {
      throw EncodingError.invalidCharacter(position: position)
    }
    let hasLower = bytes.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    let hasUpper = bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    guard !(hasLower && hasUpper) else { throw EncodingError.mixedCase }
    let lower = bytes.map { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) ? $0 + 32 : $0 }
    guard let separator = lower.lastIndex(of: UInt8(ascii: "1")) else { throw EncodingError.missingSeparator }
    guard separator >= 1 else { throw EncodingError.invalidHumanReadablePart }
    guard lower.count - separator - 1 >= 6 else { throw EncodingError.invalidLength(lower.count - separator - 1) }
    var data: [UInt8] = []
    for position in (separator + 1)..<lower.count {
      guard let value = charset.firstIndex(of: lower[position]) else {
        throw EncodingError.invalidCharacter(position: position)
      }
      data.append(UInt8(value))
    }
    let hrp = Array(lower[0..<separator])
    guard polymod(expandHumanReadablePart(hrp) + data) == checksumConstant else { throw EncodingError.invalidChecksum }
    return (String(decoding: hrp, as: UTF8.self), Array(data.dropLast(6)))
  }

  /// Regroups bits (BIP-173 `convertbits`): 8 → 5 with padding, 5 → 8 strictly (padding must be
  /// fewer than `from` bits and zero).
  public static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) throws -> [UInt8] {
    var accumulator: UInt32 = 0
    var bits = 0
    var out: [UInt8] = []
    let maxValue: UInt32 = (1 << UInt32(to)) - 1
    for (position, value) in data.enumerated() {
      guard UInt32(value) >> UInt32(from) == 0 else { throw EncodingError.invalidCharacter(position: position) }
      accumulator = (accumulator << UInt32(from) | UInt32(value)) & 0xFFFF_FFF
      bits += from
      while bits >= to {
        bits -= to
        out.append(UInt8((accumulator >> UInt32(bits)) & maxValue))
      }
    }
    if pad {
      if bits > 0 { out.append(UInt8((accumulator << UInt32(to - bits)) & maxValue)) }
    } else if bits >= from || (accumulator << UInt32(to - bits)) & maxValue != 0 {
      throw EncodingError.nonCanonical
    }
    return out
  }

  /// Encodes `bytes` (8-bit) under `hrp`.
  public static func encode(hrp: String, bytes: [UInt8], lengthLimit: Int = standardLengthLimit) throws -> String {
    try encode(hrp: hrp, data: convertBits(bytes, from: 8, to: 5, pad: true), lengthLimit: lengthLimit)
  }

  /// Decodes `text`, requires the human-readable part `expectedHRP`, and returns the 8-bit payload.
  public static func decodeBytes(
    _ text: String, expectedHRP: String, lengthLimit: Int = standardLengthLimit
  ) throws -> [UInt8] {
    let (hrp, data) = try decode(text, lengthLimit: lengthLimit)
    guard hrp == expectedHRP.lowercased() else { throw EncodingError.unexpectedHumanReadablePart(hrp) }
    return try convertBits(data, from: 5, to: 8, pad: false)
  }
}
