import QRXPrimitives

// The `.qrx` encrypted file, version 1 (docs/FORMATS.md, "Hybrid KEMs and HPKE"): an HPKE base-mode
// envelope. All integers are big-endian.
//
//   header  = "QRXE" ‖ version (1 byte, 0x01) ‖ kem_id (2) ‖ kdf_id (2) ‖ aead_id (2)
//             ‖ len(aad) (2) ‖ aad ‖ len(enc) (2) ‖ enc
//   body    = chunk_0 ‖ chunk_1 ‖ … ‖ chunk_last
//
// The whole header is HPKE's `info`, so every header byte is bound into the key schedule. The
// plaintext is cut into 64 KiB chunks (one empty chunk for an empty file), sealed in order by one
// HPKE context (the sequence number orders them); each chunk's associated data is one byte, 0x01
// for the last chunk and 0x00 otherwise, so that dropping trailing chunks is detected. Every
// sealed chunk but the last is exactly 65552 bytes.

/// Errors of the `.qrx` file format.
public enum EncryptedFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Not a `.qrx` file, or a malformed one.
  case malformed(String)
  /// A format version this build does not read.
  case unsupportedVersion(UInt8)
  /// The header's KEM is not the key's: the file is refused, never decrypted under another suite.
  case kemMismatch(header: UInt16, key: UInt16)
  /// A chunk failed to authenticate: wrong key, or altered, reordered or truncated data.
  case authenticationFailure

  public var description: String {
    switch self {
    case .malformed(let why): return "not a valid .qrx file: \(why)"
    case .unsupportedVersion(let v): return "unsupported .qrx version \(v)"
    case .kemMismatch(let header, let key):
      return "the file was encrypted to KEM \(hex16(header)), but the key is for KEM \(hex16(key))"
    case .authenticationFailure: return "decryption failed: wrong key, or the file was altered or truncated"
    }
  }
}

/// `0x` and four hex digits.
fileprivate func hex16(_ x: UInt16) -> String {
  let digits = Array("0123456789abcdef")
  return "0x" + String((0..<4).map { digits[Int((x >> (12 - 4 * UInt16($0))) & 0xF)] })
}

/// Encryption of whole files to a KEM public key with HPKE base mode, in the `.qrx` format.
public enum EncryptedFile {
  /// The four magic bytes.
  public static let magic: [UInt8] = Array("QRXE".utf8)
  /// The format version written.
  public static let version: UInt8 = 1
  /// Plaintext bytes per chunk.
  public static let chunkByteCount = 65536
  /// The longest associated data the header carries.
  public static let maximumAADByteCount = 16384
  /// The default KDF: SHAKE256, one SHA-3 family with the post-quantum KEMs.
  public static let defaultKDF = HPKEKDF.shake256
  /// The default AEAD: AES-256-GCM.
  public static let defaultAEAD = HPKEAEAD.aes256GCM

  /// A parsed header.
  public struct Header: Sendable, Equatable {
    /// `kem_id`.
    public let kemID: UInt16
    /// The key schedule's KDF.
    public let kdf: HPKEKDF
    /// The AEAD of the chunks.
    public let aead: HPKEAEAD
    /// The caller's associated data, authenticated, not encrypted.
    public let aad: [UInt8]
    /// The KEM's encapsulated key.
    public let encapsulatedKey: [UInt8]

    /// The header's bytes, which are also HPKE's `info`.
    public var encoded: [UInt8] {
      magic + [version] + be16(kemID) + be16(kdf.rawValue) + be16(aead.rawValue) + be16(UInt16(aad.count)) + aad
        + be16(UInt16(encapsulatedKey.count)) + encapsulatedKey
    }

    /// Parses the header at the start of `file`; returns it and its length.
    public static func parse(_ file: [UInt8]) throws -> (header: Header, length: Int) {
      var cursor = 0
      func take(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard count <= file.count - cursor else { throw EncryptedFileError.malformed("truncated \(what)") }
        defer { cursor += count }
        return file[cursor..<(cursor + count)]
      }
      func u16(_ what: String) throws -> UInt16 {
        let b = try take(2, what)
        return UInt16(b[b.startIndex]) << 8 | UInt16(b[b.startIndex + 1])
      }
      guard Array(try take(4, "magic")) == magic else { throw EncryptedFileError.malformed("no QRXE magic") }
      let v = try take(1, "version").first ?? 0
      guard v == version else { throw EncryptedFileError.unsupportedVersion(v) }
      let kemID = try u16("kem_id")
      let kdfID = try u16("kdf_id")
      let aeadID = try u16("aead_id")
      guard let kdf = HPKEKDF(rawValue: kdfID) else {
        throw EncryptedFileError.malformed("unknown KDF \(hex16(kdfID))")
      }
      guard let aead = HPKEAEAD(rawValue: aeadID), aead != .exportOnly else {
        throw EncryptedFileError.malformed("unknown or export-only AEAD \(hex16(aeadID))")
      }
      let aadCount = Int(try u16("aad length"))
      guard aadCount <= maximumAADByteCount else { throw EncryptedFileError.malformed("associated data too long") }
      let aad = Array(try take(aadCount, "associated data"))
      let enc = Array(try take(Int(try u16("enc length")), "encapsulated key"))
      return (Header(kemID: kemID, kdf: kdf, aead: aead, aad: aad, encapsulatedKey: enc), cursor)
    }

    private func be16(_ x: UInt16) -> [UInt8] { [UInt8(x >> 8), UInt8(x & 0xFF)] }
  }

  /// Encrypts `plaintext` to `publicKey` of `kem`, binding `aad`.
  public static func encrypt(
    _ plaintext: [UInt8], to publicKey: [UInt8], kem: any HPKEKEM, aad: [UInt8] = [], kdf: HPKEKDF = defaultKDF,
    aead: HPKEAEAD = defaultAEAD, using random: any RandomSource = SystemRandom()
  ) throws -> [UInt8] {
    guard aad.count <= maximumAADByteCount else {
      throw HPKEError.inputTooLong(what: "associated data", maximum: maximumAADByteCount, actual: aad.count)
    }
    guard aead != .exportOnly else { throw HPKEError.exportOnlyContext }
    let (sharedSecret, enc) = try kem.encapsulate(to: publicKey, using: random)
    let header = Header(kemID: kem.kemID, kdf: kdf, aead: aead, aad: aad, encapsulatedKey: enc)
    let info = header.encoded
    var context = HPKESenderContext(
      state: try HPKECiphersuite.keySchedule(
        kemID: kem.kemID, kdf: kdf, aead: aead, sharedSecret: sharedSecret, info: info))
    var out = info
    out.reserveCapacity(info.count + plaintext.count + (plaintext.count / chunkByteCount + 1) * aead.Nt)
    var start = 0
    repeat {
      let end = min(start + chunkByteCount, plaintext.count)
      let isLast = end == plaintext.count
      out += try context.seal(Array(plaintext[start..<end]), authenticating: [isLast ? 1 : 0])
      start = end
    } while start < plaintext.count
    return out
  }

  /// Decrypts a `.qrx` file with `privateKey` of `kem`. The KEM comes from the key: a header naming
  /// another KEM is refused with ``EncryptedFileError/kemMismatch(header:key:)``.
  public static func decrypt(_ file: [UInt8], privateKey: SecretBytes, kem: any HPKEKEM) throws -> [UInt8] {
    let (header, headerLength) = try Header.parse(file)
    guard header.kemID == kem.kemID else { throw EncryptedFileError.kemMismatch(header: header.kemID, key: kem.kemID) }
    guard header.encapsulatedKey.count == kem.encapsulatedKeyByteCount else {
      throw EncryptedFileError.malformed("encapsulated key of \(header.encapsulatedKey.count) bytes")
    }
    let tag = header.aead.Nt
    let body = file[headerLength...]
    guard body.count >= tag else { throw EncryptedFileError.malformed("no sealed chunk") }
    let sharedSecret = try kem.decapsulate(header.encapsulatedKey, privateKey: privateKey)
    var context = HPKERecipientContext(
      state: try HPKECiphersuite.keySchedule(
        kemID: kem.kemID, kdf: header.kdf, aead: header.aead, sharedSecret: sharedSecret,
        info: Array(file[0..<headerLength])))
    let sealedChunk = chunkByteCount + tag
    var plaintext: [UInt8] = []
    plaintext.reserveCapacity(body.count)
    var start = body.startIndex
    while start < body.endIndex {
      let end = min(start + sealedChunk, body.endIndex)
      let isLast = end == body.endIndex
      guard end - start >= tag else { throw EncryptedFileError.malformed("short final chunk") }
      do {
        plaintext += try context.open(Array(body[start..<end]), authenticating: [isLast ? 1 : 0])
      } catch HPKEError.openFailure {
        SecretBytes.wipe(&plaintext)
        throw EncryptedFileError.authenticationFailure
      }
      start = end
    }
    return plaintext
  }
}
