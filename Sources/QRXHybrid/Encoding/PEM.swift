import Foundation
import QRXPrimitives

/// PEM armour (RFC 7468, Section 3, strict form): `-----BEGIN LABEL-----`, base64 in lines of 64,
/// `-----END LABEL-----`.
public enum PEM {
  /// The armoured text of `der` under `label`, as UTF-8 bytes.
  public static func encode(label: String, der: [UInt8]) -> [UInt8] {
    let body = Data(der).base64EncodedString()
    var text = "-----BEGIN \(label)-----\n"
    var index = body.startIndex
    while index < body.endIndex {
      let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
      text += body[index..<end] + "\n"
      index = end
    }
    text += "-----END \(label)-----\n"
    return Array(text.utf8)
  }

  /// The armoured text of a secret `der`, in zeroed-on-release storage.
  public static func encode(label: String, der: SecretBytes) -> SecretBytes {
    var bytes = der.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    var text = encode(label: label, der: bytes)
    defer { SecretBytes.wipe(&text) }
    return SecretBytes(text)
  }

  /// The label and DER bytes of the first PEM block in `text`. Text before the block is allowed
  /// (RFC 7468 explanatory text); the END label must match; the base64 must decode.
  public static func decode(_ text: [UInt8]) throws -> (label: String, der: [UInt8]) {
    guard let string = String(bytes: text, encoding: .utf8) else { throw DERError.invalidPEM("not UTF-8 text") }
    let lines = string.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
      throw DERError.invalidPEM("no BEGIN line")
    }
    let label = String(lines[begin].dropFirst(11).dropLast(5))
    let endLine = "-----END \(label)-----"
    guard let end = lines[(begin + 1)...].firstIndex(of: endLine) else {
      throw DERError.invalidPEM("no matching END line")
    }
    let body = lines[(begin + 1)..<end].joined()
    guard body.count <= 1 << 24, let data = Data(base64Encoded: body) else {
      throw DERError.invalidPEM("body is not base64")
    }
    return (label, Array(data))
  }

  /// Whether `bytes` looks like PEM text (starts with `-----BEGIN`, after optional whitespace).
  public static func isPEM(_ bytes: [UInt8]) -> Bool {
    let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    return trimmed.starts(with: Array("-----BEGIN".utf8))
  }
}
