import CLibCrypto

// Authenticated encryption with associated data through libcrypto's EVP_CIPHER:
// AES-GCM (NIST SP 800-38D) with 128-, 192- or 256-bit keys and ChaCha20-Poly1305 (RFC 8439).
// Both use 16-byte tags; sealed output is ciphertext ‖ tag.

/// An AEAD algorithm from libcrypto.
public enum AEADAlgorithm: String, Sendable, CaseIterable {
  case aes128GCM = "AES-128-GCM"
  case aes256GCM = "AES-256-GCM"
  case chaCha20Poly1305 = "ChaCha20-Poly1305"

  /// Key size in bytes.
  public var keyByteCount: Int {
    switch self {
    case .aes128GCM: return 16
    case .aes256GCM, .chaCha20Poly1305: return 32
    }
  }

  /// Nonce size in bytes (96 bits for all three).
  public var nonceByteCount: Int { 12 }

  /// Tag size in bytes.
  public var tagByteCount: Int { 16 }
}

/// AEAD sealing and opening with a 16-byte tag appended to the ciphertext.
public enum AEAD {
  /// AES-GCM with a key of 16, 24 or 32 bytes and a nonce of 1 ... 128 bytes (12 is the norm;
  /// libcrypto refuses longer nonces, and so does QRX).
  public static func sealAESGCM(
    _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try seal(cipher: aesGCMCipher(keySize: key.count), plaintext, key: key, nonce: nonce, aad: aad, isGCM: true)
  }

  /// Opens AES-GCM `ciphertextAndTag`; a wrong tag is ``CryptoError/authenticationFailure``.
  public static func openAESGCM(
    _ ciphertextAndTag: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try open(cipher: aesGCMCipher(keySize: key.count), ciphertextAndTag, key: key, nonce: nonce, aad: aad, isGCM: true)
  }

  /// ChaCha20-Poly1305 (RFC 8439) with a 32-byte key and a 12-byte nonce.
  public static func sealChaChaPoly(
    _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try checkChaCha(key: key, nonce: nonce)
    return try seal(cipher: fetchedCiphers.chaCha20Poly1305, plaintext, key: key, nonce: nonce, aad: aad, isGCM: false)
  }

  /// Opens ChaCha20-Poly1305 `ciphertextAndTag`; a wrong tag is ``CryptoError/authenticationFailure``.
  public static func openChaChaPoly(
    _ ciphertextAndTag: [UInt8], key: [UInt8], nonce: [UInt8], authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try checkChaCha(key: key, nonce: nonce)
    return try open(
      cipher: fetchedCiphers.chaCha20Poly1305, ciphertextAndTag, key: key, nonce: nonce, aad: aad, isGCM: false)
  }

  /// Seals under `algorithm`, checking the key and nonce sizes it requires.
  public static func seal(
    _ algorithm: AEADAlgorithm, _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8],
    authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try checkSizes(algorithm, key: key, nonce: nonce)
    switch algorithm {
    case .aes128GCM, .aes256GCM: return try sealAESGCM(plaintext, key: key, nonce: nonce, authenticating: aad)
    case .chaCha20Poly1305: return try sealChaChaPoly(plaintext, key: key, nonce: nonce, authenticating: aad)
    }
  }

  /// Opens under `algorithm`, checking the key and nonce sizes it requires.
  public static func open(
    _ algorithm: AEADAlgorithm, _ ciphertextAndTag: [UInt8], key: [UInt8], nonce: [UInt8],
    authenticating aad: [UInt8] = []
  ) throws -> [UInt8] {
    try checkSizes(algorithm, key: key, nonce: nonce)
    switch algorithm {
    case .aes128GCM, .aes256GCM:
      return try openAESGCM(ciphertextAndTag, key: key, nonce: nonce, authenticating: aad)
    case .chaCha20Poly1305:
      return try openChaChaPoly(ciphertextAndTag, key: key, nonce: nonce, authenticating: aad)
    }
  }

  static let tagByteCount = 16
  /// The longest AES-GCM nonce libcrypto accepts.
  public static let maximumNonceByteCount = 128

  private static func checkSizes(_ algorithm: AEADAlgorithm, key: [UInt8], nonce: [UInt8]) throws {
    guard key.count == algorithm.keyByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(algorithm.keyByteCount)", actual: key.count)
    }
    guard nonce.count == algorithm.nonceByteCount else {
      throw CryptoError.invalidNonceSize(expected: "\(algorithm.nonceByteCount)", actual: nonce.count)
    }
  }

  private static func checkChaCha(key: [UInt8], nonce: [UInt8]) throws {
    guard key.count == 32 else { throw CryptoError.invalidKeySize(expected: "32", actual: key.count) }
    guard nonce.count == 12 else { throw CryptoError.invalidNonceSize(expected: "12", actual: nonce.count) }
  }

  private static func aesGCMCipher(keySize: Int) throws -> OpaquePointer {
    switch keySize {
    case 16: return fetchedCiphers.aes128GCM
    case 24: return fetchedCiphers.aes192GCM
    case 32: return fetchedCiphers.aes256GCM
    default: throw CryptoError.invalidKeySize(expected: "16, 24 or 32", actual: keySize)
    }
  }

  private static func prepare(
    _ context: OpaquePointer, cipher: OpaquePointer, key: [UInt8], nonce: [UInt8], aad: [UInt8],
    encrypt: Int32, isGCM: Bool
  ) throws {
    // A zero-length GCM nonce is insecure and refused (SP 800-38D, Section 5.2.1.1); libcrypto's
    // GCM takes at most 128 bytes.
    guard !nonce.isEmpty, nonce.count <= maximumNonceByteCount else {
      throw CryptoError.invalidNonceSize(expected: "1 ... \(maximumNonceByteCount)", actual: nonce.count)
    }
    guard EVP_CipherInit_ex(context, cipher, nil, nil, nil, encrypt) == 1,
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_IVLEN, Int32(nonce.count), nil) == 1,
      EVP_CipherInit_ex(context, nil, nil, key, nonce, encrypt) == 1
    else { throw CryptoError.libraryFailure("EVP_CipherInit_ex") }
    if !aad.isEmpty {
      var outLength: Int32 = 0
      guard EVP_CipherUpdate(context, nil, &outLength, aad, Int32(aad.count)) == 1 else {
        throw CryptoError.libraryFailure("EVP_CipherUpdate (associated data)")
      }
    }
  }

  private static func seal(
    cipher: OpaquePointer, _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8], isGCM: Bool
  ) throws -> [UInt8] {
    guard plaintext.count <= Int(Int32.max) - 64, aad.count <= Int(Int32.max) else {
      throw CryptoError.invalidParameter("AEAD input larger than 2 GiB")
    }
    guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.libraryFailure("EVP_CIPHER_CTX_new") }
    defer { EVP_CIPHER_CTX_free(context) }
    try prepare(context, cipher: cipher, key: key, nonce: nonce, aad: aad, encrypt: 1, isGCM: isGCM)
    var output = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
    let status: Bool = output.withUnsafeMutableBufferPointer { out in
      var length: Int32 = 0
      if !plaintext.isEmpty {
        guard EVP_CipherUpdate(context, out.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1 else {
          return false
        }
      }
      var finalLength: Int32 = 0
      guard EVP_CipherFinal_ex(context, out.baseAddress! + Int(length), &finalLength) == 1 else { return false }
      return EVP_CIPHER_CTX_ctrl(
        context, EVP_CTRL_AEAD_GET_TAG, Int32(tagByteCount), out.baseAddress! + plaintext.count) == 1
    }
    guard status else { throw CryptoError.libraryFailure("AEAD seal") }
    return output
  }

  private static func open(
    cipher: OpaquePointer, _ ciphertextAndTag: [UInt8], key: [UInt8], nonce: [UInt8], aad: [UInt8], isGCM: Bool
  ) throws -> [UInt8] {
    guard ciphertextAndTag.count >= tagByteCount else {
      throw CryptoError.invalidLength(what: "sealed data", expected: "at least 16", actual: ciphertextAndTag.count)
    }
    guard ciphertextAndTag.count <= Int(Int32.max), aad.count <= Int(Int32.max) else {
      throw CryptoError.invalidParameter("AEAD input larger than 2 GiB")
    }
    guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.libraryFailure("EVP_CIPHER_CTX_new") }
    defer { EVP_CIPHER_CTX_free(context) }
    try prepare(context, cipher: cipher, key: key, nonce: nonce, aad: aad, encrypt: 0, isGCM: isGCM)
    let ciphertextCount = ciphertextAndTag.count - tagByteCount
    var tag = Array(ciphertextAndTag[ciphertextCount...])
    var output = [UInt8](repeating: 0, count: ciphertextCount)
    let authentic: Bool = output.withUnsafeMutableBufferPointer { out in
      ciphertextAndTag.withUnsafeBufferPointer { input in
        var length: Int32 = 0
        if ciphertextCount > 0 {
          guard EVP_CipherUpdate(context, out.baseAddress, &length, input.baseAddress, Int32(ciphertextCount)) == 1
          else { return false }
        }
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tagByteCount), &tag) == 1 else {
          return false
        }
        var scratch = [UInt8](repeating: 0, count: 16)
        var finalLength: Int32 = 0
        return EVP_CipherFinal_ex(context, &scratch, &finalLength) == 1
      }
    }
    guard authentic else {
      // Release nothing unauthenticated.
      output.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
      throw CryptoError.authenticationFailure
    }
    return output
  }
}

/// The AEAD implementations, fetched from the default provider once and never freed (OpenSSL 3
/// otherwise looks them up on every call).
private struct FetchedCiphers: @unchecked Sendable {
  let aes128GCM, aes192GCM, aes256GCM, chaCha20Poly1305: OpaquePointer

  init() {
    func fetch(_ name: String) -> OpaquePointer {
      guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else { fatalError("libcrypto has no \(name)") }
      return cipher
    }
    aes128GCM = fetch("AES-128-GCM")
    aes192GCM = fetch("AES-192-GCM")
    aes256GCM = fetch("AES-256-GCM")
    chaCha20Poly1305 = fetch("ChaCha20-Poly1305")
  }
}

private let fetchedCiphers = FetchedCiphers()
