import CLibCrypto

// SHA-2 (FIPS 180-4), HMAC (RFC 2104), HKDF (RFC 5869) and PBKDF2 (RFC 8018) through OpenSSL 3
// libcrypto, which runs SHA-2 with the processor's SHA extensions where it has them.

/// The SHA-2 functions QRX uses.
public enum SHA2Variant: String, Sendable, CaseIterable {
  case sha224 = "SHA-224"
  case sha256 = "SHA-256"
  case sha384 = "SHA-384"
  case sha512 = "SHA-512"

  /// Output size in bytes.
  public var outputByteCount: Int {
    switch self {
    case .sha224: return 28
    case .sha256: return 32
    case .sha384: return 48
    case .sha512: return 64
    }
  }

  /// libcrypto's name for it, for EVP_MAC and EVP_KDF parameters.
  var openSSLName: String {
    switch self {
    case .sha224: return "SHA224"
    case .sha256: return "SHA256"
    case .sha384: return "SHA384"
    case .sha512: return "SHA512"
    }
  }

  /// libcrypto's message digest, fetched once: in OpenSSL 3 the legacy `EVP_sha256()` pointers make
  /// every call look the implementation up again, which costs more than hashing a short input.
  var evpMD: OpaquePointer {
    switch self {
    case .sha224: return fetchedDigests.sha224
    case .sha256: return fetchedDigests.sha256
    case .sha384: return fetchedDigests.sha384
    case .sha512: return fetchedDigests.sha512
    }
  }
}

/// The SHA-2 implementations, fetched from the default provider once and never freed.
private struct FetchedDigests: @unchecked Sendable {
  let sha224, sha256, sha384, sha512: OpaquePointer

  init() {
    func fetch(_ name: String) -> OpaquePointer {
      guard let md = EVP_MD_fetch(nil, name, nil) else { fatalError("libcrypto has no \(name)") }
      return md
    }
    sha224 = fetch("SHA2-224")
    sha256 = fetch("SHA2-256")
    sha384 = fetch("SHA2-384")
    sha512 = fetch("SHA2-512")
  }
}

private let fetchedDigests = FetchedDigests()

/// One-shot SHA-2 hashing.
public enum SHA2 {
  /// The digest of `data` under `variant`.
  public static func hash(_ variant: SHA2Variant, _ data: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: variant.outputByteCount) { out, count in
      var length: UInt32 = 0
      let ok = EVP_Digest(data.baseAddress, data.count, out.baseAddress, &length, variant.evpMD, nil)
      precondition(ok == 1 && Int(length) == variant.outputByteCount, "EVP_Digest failed")
      count = Int(length)
    }
  }

  /// The digest of `data` under `variant`.
  public static func hash<Bytes: Sequence>(_ variant: SHA2Variant, _ data: Bytes) -> [UInt8]
  where Bytes.Element == UInt8 {
    if let digest = data.withContiguousStorageIfAvailable({ hash(variant, UnsafeRawBufferPointer($0)) }) {
      return digest
    }
    return Array(data).withUnsafeBytes { hash(variant, $0) }
  }
}

/// SHA-256 in one call.
public enum SHA256 {
  /// SHA-256(`data`).
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    SHA2.hash(.sha256, data)
  }
}

/// SHA-384 in one call.
public enum SHA384 {
  /// SHA-384(`data`).
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    SHA2.hash(.sha384, data)
  }
}

/// SHA-512 in one call.
public enum SHA512 {
  /// SHA-512(`data`).
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    SHA2.hash(.sha512, data)
  }
}

/// Incremental SHA-2 over libcrypto's EVP_MD_CTX, for streams and files.
public final class SHA2Hasher {
  private let context: OpaquePointer
  /// The function this hasher computes.
  public let variant: SHA2Variant
  private var finished = false

  /// A hasher for `variant`.
  public init(_ variant: SHA2Variant) {
    guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new: out of memory") }
    self.context = context
    self.variant = variant
    precondition(EVP_DigestInit_ex(context, variant.evpMD, nil) == 1, "EVP_DigestInit_ex failed")
  }

  deinit { EVP_MD_CTX_free(context) }

  /// Adds `data` to the hash.
  public func update(_ data: UnsafeRawBufferPointer) {
    precondition(!finished, "SHA2Hasher used after finalize()")
    guard data.count > 0 else { return }
    precondition(EVP_DigestUpdate(context, data.baseAddress, data.count) == 1, "EVP_DigestUpdate failed")
  }

  /// Adds `data` to the hash.
  public func update(_ data: [UInt8]) { data.withUnsafeBytes { update($0) } }

  /// The digest of everything added; the hasher cannot be used again.
  public func finalize() -> [UInt8] {
    precondition(!finished, "SHA2Hasher finalized twice")
    finished = true
    return [UInt8](unsafeUninitializedCapacity: variant.outputByteCount) { out, count in
      var length: UInt32 = 0
      precondition(EVP_DigestFinal_ex(context, out.baseAddress, &length) == 1, "EVP_DigestFinal_ex failed")
      count = Int(length)
    }
  }
}

/// HMAC (RFC 2104) over SHA-2.
public enum HMAC {
  /// HMAC-`variant`(`key`, `message`).
  public static func authenticationCode(
    _ variant: SHA2Variant, key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer
  ) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: variant.outputByteCount) { out, count in
      var length: UInt32 = 0
      // libcrypto needs a non-null key pointer even for an empty key.
      var empty: UInt8 = 0
      let keyPointer = key.baseAddress ?? withUnsafePointer(to: &empty) { UnsafeRawPointer($0) }
      let result = CLibCrypto.HMAC(
        variant.evpMD, keyPointer, Int32(key.count),
        message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
        out.baseAddress, &length)
      precondition(result != nil, "HMAC failed")
      count = Int(length)
    }
  }

  /// HMAC-`variant`(`key`, `message`).
  public static func authenticationCode(_ variant: SHA2Variant, key: [UInt8], message: [UInt8]) -> [UInt8] {
    key.withUnsafeBytes { k in message.withUnsafeBytes { m in authenticationCode(variant, key: k, message: m) } }
  }

  /// Checks `code` against HMAC-`variant`(`key`, `message`) in constant time.
  public static func isValidAuthenticationCode(
    _ code: [UInt8], _ variant: SHA2Variant, key: [UInt8], message: [UInt8]
  ) -> Bool {
    ConstantTime.equals(code, authenticationCode(variant, key: key, message: message))
  }
}

/// HKDF (RFC 5869) over SHA-2, through libcrypto's EVP_KDF "HKDF".
public enum HKDF {
  /// HKDF-Extract(`salt`, `inputKeyMaterial`) (RFC 5869, Section 2.2): the pseudorandom key.
  public static func extract(_ variant: SHA2Variant, salt: [UInt8], inputKeyMaterial: [UInt8]) throws -> [UInt8] {
    try derive(
      variant, mode: "EXTRACT_ONLY", key: inputKeyMaterial, salt: salt, info: nil,
      length: variant.outputByteCount)
  }

  /// HKDF-Expand(`pseudorandomKey`, `info`, `length`) (RFC 5869, Section 2.3).
  /// `length` may be 1 ... 255 · HashLen; the key must be at least HashLen bytes.
  public static func expand(
    _ variant: SHA2Variant, pseudorandomKey: [UInt8], info: [UInt8], length: Int
  ) throws -> [UInt8] {
    guard pseudorandomKey.count >= variant.outputByteCount else {
      throw CryptoError.invalidLength(
        what: "HKDF pseudorandom key", expected: "at least \(variant.outputByteCount)",
        actual: pseudorandomKey.count)
    }
    return try derive(variant, mode: "EXPAND_ONLY", key: pseudorandomKey, salt: nil, info: info, length: length)
  }

  /// HKDF(`salt`, `inputKeyMaterial`, `info`, `length`): extract then expand (RFC 5869, Section 2).
  public static func deriveKey(
    _ variant: SHA2Variant, inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], length: Int
  ) throws -> [UInt8] {
    try derive(
      variant, mode: "EXTRACT_AND_EXPAND", key: inputKeyMaterial, salt: salt, info: info, length: length)
  }

  private static func derive(
    _ variant: SHA2Variant, mode: String, key: [UInt8], salt: [UInt8]?, info: [UInt8]?, length: Int
  ) throws -> [UInt8] {
    let maximum = 255 * variant.outputByteCount
    guard length >= 1, length <= maximum else {
      throw CryptoError.invalidParameter("HKDF output length must be 1 ... \(maximum) bytes, got \(length)")
    }
    guard let kdf = fetchedHKDF.kdf else { throw CryptoError.libraryFailure("EVP_KDF_fetch (HKDF)") }
    guard let context = EVP_KDF_CTX_new(kdf) else { throw CryptoError.libraryFailure("EVP_KDF_CTX_new") }
    defer { EVP_KDF_CTX_free(context) }
    var output = [UInt8](repeating: 0, count: length)
    let params = OSSLParameters()
    params.addString(OSSL_KDF_PARAM_DIGEST, variant.openSSLName)
    params.addString(OSSL_KDF_PARAM_MODE, mode)
    params.addOctets(OSSL_KDF_PARAM_KEY, key)
    if let salt { params.addOctets(OSSL_KDF_PARAM_SALT, salt) }
    if let info { params.addOctets(OSSL_KDF_PARAM_INFO, info) }
    let status = params.withParameters { list in
      output.withUnsafeMutableBufferPointer { EVP_KDF_derive(context, $0.baseAddress, length, list) }
    }
    guard status == 1 else { throw CryptoError.libraryFailure("EVP_KDF_derive (HKDF)") }
    return output
  }
}

/// libcrypto's HKDF implementation, fetched once (a fetch costs more than a short derivation).
private struct FetchedHKDF: @unchecked Sendable {
  let kdf: OpaquePointer? = EVP_KDF_fetch(nil, "HKDF", nil)
}

private let fetchedHKDF = FetchedHKDF()

/// PBKDF2 (RFC 8018, Section 5.2) with HMAC-SHA-2, through libcrypto.
public enum PBKDF2 {
  /// PBKDF2-HMAC-`variant`(`password`, `salt`, `iterations`, `length`).
  public static func deriveKey(
    _ variant: SHA2Variant, password: [UInt8], salt: [UInt8], iterations: Int, length: Int
  ) throws -> [UInt8] {
    guard iterations >= 1, iterations <= Int(Int32.max) else {
      throw CryptoError.invalidParameter("PBKDF2 iterations must be at least 1")
    }
    guard length >= 1, length <= Int(Int32.max) else {
      throw CryptoError.invalidParameter("PBKDF2 output length must be positive")
    }
    var output = [UInt8](repeating: 0, count: length)
    let ok = password.withUnsafeBufferPointer { p in
      salt.withUnsafeBufferPointer { s in
        output.withUnsafeMutableBufferPointer { o in
          PKCS5_PBKDF2_HMAC(
            UnsafeRawPointer(p.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
            Int32(p.count), s.baseAddress ?? UnsafePointer(bitPattern: 1)!, Int32(s.count), Int32(iterations),
            variant.evpMD, Int32(length), o.baseAddress)
        }
      }
    }
    guard ok == 1 else { throw CryptoError.libraryFailure("PKCS5_PBKDF2_HMAC") }
    return output
  }
}
