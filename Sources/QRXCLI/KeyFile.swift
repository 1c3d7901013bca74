import Foundation
import QRXHybrid
import QRXPrimitives

/// Key file formats of the command line (`docs/FORMATS.md`):
/// - `raw`: the standard's own bytes, no algorithm (so `--alg` is required when reading);
/// - `json`: `{"alg": …, "type": "private-key" | "public-key", "key": base64url}`;
/// - `pem`: SubjectPublicKeyInfo / PKCS#8 with the algorithm's OID (ML-DSA, ML-KEM, SLH-DSA,
///   Ed25519/Ed448, the draft composites); reading detects the algorithm from the OID.
enum KeyFormat: String, CaseIterable {
  case raw, json, pem

  static func parse(_ text: String?) throws -> KeyFormat {
    guard let text else { return .raw }
    guard let format = KeyFormat(rawValue: text.lowercased()) else {
      throw CLIError.usage("unknown format '\(text)': expected raw, json or pem")
    }
    return format
  }
}

/// A key read from a file: its bytes and, when the file says, its algorithm.
struct LoadedKey {
  let algorithm: String?
  let bytes: SecretBytes
}

enum KeyFile {
  private struct Envelope: Codable {
    let alg: String
    let type: String
    let key: String
  }

  /// Encodes `key` in `format`. `isPrivate` picks the JSON type.
  static func encode(_ key: [UInt8], algorithm: String, isPrivate: Bool, format: KeyFormat) throws -> [UInt8] {
    switch format {
    case .raw:
      return key
    case .json:
      let envelope = Envelope(
        alg: algorithm, type: isPrivate ? "private-key" : "public-key", key: Base64URL.encode(key))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      var data = Array(try encoder.encode(envelope))
      data.append(UInt8(ascii: "\n"))
      return data
    case .pem:
      // SPKI / PKCS#8 with the algorithm's OID (QRXHybrid.KeyEncoding); algorithms without one refuse.
      guard KeyEncoding.oid(forAlgorithm: algorithm) != nil else {
        throw CLIError.usage("\(algorithm) has no OID, so no PEM form: use --format raw or json")
      }
      do {
        if isPrivate {
          return try KeyEncoding.privateKeyPEM(algorithm: algorithm, privateKey: SecretBytes(key)).copyBytes()
        }
        return try KeyEncoding.publicKeyPEM(algorithm: algorithm, publicKey: key)
      } catch {
        throw CLIError.input("\(algorithm): \(error)")
      }
    }
  }

  /// Reads a key file in any supported format; `expectPrivate` checks the JSON type.
  static func read(_ path: String, expectPrivate: Bool) throws -> LoadedKey {
    let secret = try Files.readSecret(path)
    if secret.withUnsafeBytes(isJSONText) {
      let envelope: Envelope
      do {
        envelope = try secret.withUnsafeBytes { try JSONDecoder().decode(Envelope.self, from: Data($0)) }
      } catch {
        throw CLIError.input("\(path): not a QRX JSON key file")
      }
      let wanted = expectPrivate ? "private-key" : "public-key"
      guard envelope.type == wanted else {
        throw CLIError.input("\(path): holds a \(envelope.type), expected a \(wanted)")
      }
      guard var bytes = try? Base64URL.decode(envelope.key) else {
        throw CLIError.input("\(path): key is not valid base64url")
      }
      defer { SecretBytes.wipe(&bytes) }
      return LoadedKey(algorithm: envelope.alg, bytes: SecretBytes(bytes))
    }
    let isPEM = secret.withUnsafeBytes { $0.starts(with: Array("-----BEGIN".utf8)) }
    if isPEM {
      let decoded: (algorithm: String, isPrivate: Bool, key: SecretBytes)
      do {
        decoded = try KeyEncoding.decodePEM(secret)
      } catch {
        throw CLIError.input("\(path): \(error)")
      }
      guard decoded.isPrivate == expectPrivate else {
        throw CLIError.input("\(path): holds a \(decoded.isPrivate ? "private" : "public") key, expected the other")
      }
      return LoadedKey(algorithm: decoded.algorithm, bytes: decoded.key)
    }
    return LoadedKey(algorithm: nil, bytes: secret)
  }

  /// Whether a key file is a JSON envelope rather than raw bytes. A raw key is random and starts
  /// with `{` once in 256 keys, so the test is "starts with `{` and every byte is ASCII text": a
  /// raw key of 32 bytes or more passes it with a chance below 2^-40. The scan does not stop early.
  static func isJSONText(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.first == UInt8(ascii: "{") else { return false }
    var nonText: UInt8 = 0
    for byte in bytes {
      let printable: UInt8 = byte &- 0x20 < 0x5F ? 1 : 0  // 0x20 ... 0x7E
      let whitespace: UInt8 = (byte == 0x09 ? 1 : 0) | (byte == 0x0A ? 1 : 0) | (byte == 0x0D ? 1 : 0)
      nonText |= (printable | whitespace) ^ 1
    }
    return nonText == 0
  }

  /// Picks the algorithm from `--alg` and the file, which must agree when both are given.
  static func resolveAlgorithm(flag: String?, key: LoadedKey, path: String) throws -> String {
    switch (flag, key.algorithm) {
    case (nil, nil):
      throw CLIError.usage("\(path) is a raw key file: --alg is required")
    case (let flag?, nil):
      return flag
    case (nil, let fileAlgorithm?):
      return fileAlgorithm
    case (let flag?, let fileAlgorithm?):
      guard flag.lowercased() == fileAlgorithm.lowercased() else {
        throw CLIError.input("\(path) holds a \(fileAlgorithm) key, but --alg says \(flag)")
      }
      return fileAlgorithm
    }
  }
}
