import QRXPrimitives
import QRXStore

/// Seals private keys for storage: AES-256-GCM under a key-encryption key (KEK) derived from the
/// master key, with the key's id, version and algorithm bound in as associated data, so a sealed
/// key moved to another row, version or algorithm fails to open.
///
/// Derivations (HKDF-SHA256, RFC 5869; IKM = the 32-byte master key, salt = `"QRX-KEYSEALER-v1"`):
/// - KEK = HKDF(info = `"AES-256-GCM key-encryption key"`, L = 32)
/// - master key identifier = HKDF(info = `"master key identifier"`, L = 8), stored in every sealed
///   key so a wrong master key is told apart from tampering without trying to decrypt.
///
/// Sealed format, version 1 (docs/STORAGE.md):
///
///     0x01 ‖ master key identifier (8) ‖ nonce (12, random) ‖ AES-256-GCM ciphertext ‖ tag (16)
///
/// Associated data: `"QRX-SEALED-KEY-v1"` ‖ the 21 header bytes ‖ str(key id) ‖ version (4, big
/// endian) ‖ str(algorithm), with str(x) = 4-byte big-endian length ‖ UTF-8 bytes.
///
/// Random 96-bit nonces under one KEK stay within NIST SP 800-38D's bound (2^32 seals) for any
/// realistic key count; rotating the master key starts a fresh KEK.
public struct KeySealer: Sendable {
  private let kek: SecretBytes
  /// The 8-byte identifier of the master key (not secret), as stored in sealed keys.
  public let masterKeyIdentifier: [UInt8]

  /// The format version written by this build.
  public static let formatVersion: UInt8 = 1
  /// Version byte, master key identifier and nonce.
  public static let headerByteCount = 1 + identifierByteCount + nonceByteCount
  /// Bytes a sealed key adds to its private key.
  public static let overheadByteCount = headerByteCount + tagByteCount
  /// The longest private key sealed (Classic McEliece's NIST private keys are the largest, ~14 KB).
  public static let maximumPrivateKeyByteCount = 64 * 1024

  static let identifierByteCount = 8
  static let nonceByteCount = 12
  static let tagByteCount = 16
  private static let salt = Array("QRX-KEYSEALER-v1".utf8)
  private static let kekInfo = Array("AES-256-GCM key-encryption key".utf8)
  private static let identifierInfo = Array("master key identifier".utf8)
  private static let aadDomain = Array("QRX-SEALED-KEY-v1".utf8)

  /// A sealer for `masterKey`.
  public init(masterKey: MasterKey) throws {
    var ikm = masterKey.secret.copyBytes()
    defer { SecretBytes.wipe(&ikm) }
    var kekBytes = try HKDF.deriveKey(.sha256, inputKeyMaterial: ikm, salt: Self.salt, info: Self.kekInfo, length: 32)
    defer { SecretBytes.wipe(&kekBytes) }
    kek = SecretBytes(kekBytes)
    masterKeyIdentifier = try HKDF.deriveKey(
      .sha256, inputKeyMaterial: ikm, salt: Self.salt, info: Self.identifierInfo, length: Self.identifierByteCount)
  }

  /// Seals `privateKey` of key `keyID`, `version`, `algorithm`.
  public func seal(
    _ privateKey: SecretBytes, keyID: String, version: Int, algorithm: String,
    random: RandomSource = SystemRandom()
  ) throws -> [UInt8] {
    guard privateKey.count <= Self.maximumPrivateKeyByteCount else {
      throw CryptoError.invalidLength(
        what: "private key", expected: "at most \(Self.maximumPrivateKeyByteCount)", actual: privateKey.count)
    }
    let header = [Self.formatVersion] + masterKeyIdentifier + random.bytes(count: Self.nonceByteCount)
    let nonce = Array(header[(1 + Self.identifierByteCount)...])
    let aad = try Self.associatedData(header: header, keyID: keyID, version: version, algorithm: algorithm)
    var key = kek.copyBytes()
    defer { SecretBytes.wipe(&key) }
    var plaintext = privateKey.copyBytes()
    defer { SecretBytes.wipe(&plaintext) }
    return header + (try AEAD.sealAESGCM(plaintext, key: key, nonce: nonce, authenticating: aad))
  }

  /// Opens a sealed key of key `keyID`, `version`, `algorithm`. A wrong master key, an altered
  /// byte or another key's binding is a ``KeyCustodyError``, never a wrong key.
  public func unseal(_ sealed: [UInt8], keyID: String, version: Int, algorithm: String) throws -> SecretBytes {
    guard sealed.count >= Self.overheadByteCount,
      sealed.count <= Self.overheadByteCount + Self.maximumPrivateKeyByteCount
    else { throw KeyCustodyError.malformedSealedKey(length: sealed.count) }
    guard sealed[0] == Self.formatVersion else { throw KeyCustodyError.unsupportedSealedFormat(version: sealed[0]) }
    guard isSealedUnderThisMasterKey(sealed) else { throw KeyCustodyError.wrongMasterKey }
    let header = Array(sealed[0..<Self.headerByteCount])
    let nonce = Array(header[(1 + Self.identifierByteCount)...])
    let aad = try Self.associatedData(header: header, keyID: keyID, version: version, algorithm: algorithm)
    var key = kek.copyBytes()
    defer { SecretBytes.wipe(&key) }
    var plaintext: [UInt8]
    do {
      plaintext = try AEAD.openAESGCM(
        Array(sealed[Self.headerByteCount...]), key: key, nonce: nonce, authenticating: aad)
    } catch CryptoError.authenticationFailure {
      throw KeyCustodyError.sealedKeyTampered
    }
    defer { SecretBytes.wipe(&plaintext) }
    // Copied with one memcpy: SecretBytes' generic collection initializer is slow.
    return plaintext.withUnsafeBytes { source in
      SecretBytes(count: source.count) { $0.copyMemory(from: source) }
    }
  }

  /// Whether `sealed` names this sealer's master key (format 1 only).
  public func isSealedUnderThisMasterKey(_ sealed: [UInt8]) -> Bool {
    guard sealed.count >= Self.headerByteCount, sealed[0] == Self.formatVersion else { return false }
    return ConstantTime.equals(Array(sealed[1...Self.identifierByteCount]), masterKeyIdentifier)
  }

  static func associatedData(header: [UInt8], keyID: String, version: Int, algorithm: String) throws -> [UInt8] {
    guard version >= 1, version <= Int(UInt32.max) else {
      throw CryptoError.invalidParameter("key version out of range")
    }
    let id = Array(keyID.utf8)
    let alg = Array(algorithm.utf8)
    guard id.count <= 1024, alg.count <= 1024 else {
      throw CryptoError.invalidParameter("key id or algorithm too long")
    }
    var out = aadDomain + header
    appendUInt32(UInt32(id.count), to: &out)
    out += id
    appendUInt32(UInt32(version), to: &out)
    appendUInt32(UInt32(alg.count), to: &out)
    out += alg
    return out
  }

  private static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
    out += [
      UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
      UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
    ]
  }

  /// Rewraps every sealed private key in `store` from this sealer's master key to `newSealer`'s,
  /// in one transaction with an audit entry: all keys move, or (on any error) none. Keys already
  /// under the new master key are left as they are. Returns how many were rewrapped.
  public func rewrapAll(
    in store: any KeyStore, to newSealer: KeySealer, actor: String, random: RandomSource = SystemRandom()
  ) throws -> Int {
    try store.transaction { transaction in
      var rewrapped = 0
      var position: (keyID: String, version: Int)? = nil
      while true {
        let page = try transaction.sealedPrivateKeys(after: position, limit: 500)
        guard let last = page.last else { break }
        for row in page where !newSealer.isSealedUnderThisMasterKey(row.sealedPrivateKey) {
          let privateKey = try unseal(
            row.sealedPrivateKey, keyID: row.keyID, version: row.version, algorithm: row.algorithm)
          let resealed = try newSealer.seal(
            privateKey, keyID: row.keyID, version: row.version, algorithm: row.algorithm, random: random)
          guard
            try transaction.replaceSealedPrivateKey(
              id: row.keyID, version: row.version, expected: row.sealedPrivateKey, with: resealed)
          else { throw StoreError.busy("key \(row.keyID) version \(row.version) changed during the rewrap") }
          rewrapped += 1
        }
        position = (last.keyID, last.version)
      }
      try transaction.appendAudit(
        actor: actor, action: "master-key.rotate", keyID: nil,
        details:
          "{\"from\":\"\(Hex.encode(masterKeyIdentifier))\",\"to\":\"\(Hex.encode(newSealer.masterKeyIdentifier))\",\"rewrapped\":\(rewrapped)}"
      )
      return rewrapped
    }
  }
}
