import CLibCrypto
import QRXPrimitives

// RSA (RFC 8017) through libcrypto: RSASSA-PSS, RSASSA-PKCS1-v1_5 and RSAES-OAEP, with 2048-,
// 3072- and 4096-bit moduli. Private keys are PKCS#8 DER, public keys SubjectPublicKeyInfo DER
// (rsaEncryption), both also as PEM. Imported keys must have exactly the set's modulus size.

/// An RSA modulus size.
public protocol RSAModulusSize: Sendable {
  /// Bits in the modulus `n`.
  static var bits: Int { get }
}

/// 2048-bit moduli.
public enum RSA2048: RSAModulusSize { public static let bits = 2048 }
/// 3072-bit moduli.
public enum RSA3072: RSAModulusSize { public static let bits = 3072 }
/// 4096-bit moduli.
public enum RSA4096: RSAModulusSize { public static let bits = 4096 }

/// An RSA signature padding with its hash.
public protocol RSASignaturePadding: Sendable {
  /// The suffix of the wire name (`PSS`, `PSS-SHA512`, `PKCS1-SHA256`).
  static var name: String { get }
  /// The message hash (and, for PSS, the MGF1 hash).
  static var hash: SHA2Variant { get }
  /// The PSS salt length `sLen`, or nil for PKCS#1 v1.5.
  static var pssSaltLength: Int? { get }
}

/// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (RFC 8017, Section 8.1).
public enum PSSSHA256: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PSS"
  /// The message hash.
  public static let hash = SHA2Variant.sha256
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = 32
}

/// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt (RFC 8017, Section 8.1).
public enum PSSSHA512: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PSS-SHA512"
  /// The message hash.
  public static let hash = SHA2Variant.sha512
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = 64
}

/// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt (RFC 8017, Section 8.1); the RSA-4096
/// half of the composite ML-DSA signatures.
public enum PSSSHA384: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PSS-SHA384"
  /// The message hash.
  public static let hash = SHA2Variant.sha384
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = 48
}

/// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, Section 8.2).
public enum PKCS1SHA256: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PKCS1-SHA256"
  /// The message hash.
  public static let hash = SHA2Variant.sha256
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = nil
}

/// RSASSA-PKCS1-v1_5 with SHA-384 (RFC 8017, Section 8.2).
public enum PKCS1SHA384: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PKCS1-SHA384"
  /// The message hash.
  public static let hash = SHA2Variant.sha384
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = nil
}

/// RSASSA-PKCS1-v1_5 with SHA-512 (RFC 8017, Section 8.2).
public enum PKCS1SHA512: RSASignaturePadding {
  /// The name used on the wire.
  public static let name = "PKCS1-SHA512"
  /// The message hash.
  public static let hash = SHA2Variant.sha512
  /// The PSS salt length, or nil for PKCS#1 v1.5.
  public static let pssSaltLength: Int? = nil
}

/// RSA key handling shared by signatures and OAEP.
enum RSAKeys {
  /// A fresh key pair with `bits`-bit modulus and `e = 65537` (libcrypto's FIPS 186-5 generator).
  static func generate(bits: Int) throws -> EVPKey {
    guard let context = EVP_PKEY_CTX_new_from_name(nil, OpenSSL.cString("RSA"), nil) else {
      throw OpenSSL.failure("EVP_PKEY_CTX_new")
    }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer? = nil
    guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1,
      EVP_PKEY_generate(context, &key) == 1, let key
    else { throw OpenSSL.failure("EVP_PKEY_generate") }
    return EVPKey(owning: key)
  }

  /// Checks that `key` is an rsaEncryption key of exactly `bits` bits with an odd `e` ≥ 3.
  static func check(_ key: EVPKey, bits: Int, isPrivate: Bool) throws {
    func reject(_ why: String) -> ClassicalError {
      ERR_clear_error()
      return isPrivate ? .invalidPrivateKey(why) : .invalidPublicKey(why)
    }
    guard EVP_PKEY_get_base_id(key.pointer) == EVP_PKEY_RSA else { throw reject("not an rsaEncryption key") }
    guard key.bits == bits else { throw reject("modulus has \(key.bits) bits, expected \(bits)") }
    var e: OpaquePointer? = nil
    guard EVP_PKEY_get_bn_param(key.pointer, "e", &e) == 1, let e else { throw reject("no public exponent") }
    defer { BN_free(e) }
    guard BN_is_odd(e) == 1, BN_num_bits(e) >= 2 else { throw reject("public exponent must be odd and at least 3") }
    if isPrivate {
      // Pair-wise consistency test (FIPS 140-3 IG 10.3.A; SP 800-56B, Section 6.4.1.1): sign a
      // fixed digest with the private key and verify it with the public half. libcrypto's own
      // EVP_PKEY_pairwise_check also re-tests p and q for primality, which costs hundreds of
      // milliseconds on every import; a private operation that verifies proves n, e, d and the
      // CRT values agree.
      guard pairwiseConsistent(key) else { throw reject("private key is inconsistent") }
    }
  }

  /// The RSA consistency checks of SP 800-56B, Section 6.4.1.2.1, without re-testing p and q for
  /// primality: two primes only, n = p·q, d ≡ dP (mod p−1), d ≡ dQ (mod q−1),
  /// e·dP ≡ 1 (mod p−1), e·dQ ≡ 1 (mod q−1), qInv·q ≡ 1 (mod p). libcrypto's
  /// EVP_PKEY_pairwise_check adds the primality tests, which cost hundreds of milliseconds on every
  /// import; a private operation cannot catch these faults, because libcrypto silently falls back
  /// from CRT to `d` when the CRT result does not verify.
  static func pairwiseConsistent(_ key: EVPKey) -> Bool {
    func parameter(_ name: StaticString) -> OpaquePointer? {
      var value: OpaquePointer? = nil
      guard EVP_PKEY_get_bn_param(key.pointer, OpenSSL.cString(name), &value) == 1 else { return nil }
      return value
    }
    let names: [StaticString] = [
      "n", "e", "d", "rsa-factor1", "rsa-factor2", "rsa-exponent1", "rsa-exponent2", "rsa-coefficient1",
    ]
    let values = names.map(parameter)
    let extraPrime = parameter("rsa-factor3")
    defer {
      values.forEach { BN_clear_free($0) }
      BN_clear_free(extraPrime)
      ERR_clear_error()
    }
    guard extraPrime == nil, let context = BN_CTX_secure_new() else { return false }
    defer { BN_CTX_free(context) }
    let present = values.compactMap { $0 }
    guard present.count == names.count else { return false }
    let (n, e, d, p, q, dP, dQ, qInv) = (
      present[0], present[1], present[2], present[3], present[4], present[5], present[6], present[7]
    )
    guard let t = BN_secure_new(), let pMinus1 = BN_secure_new(), let qMinus1 = BN_secure_new() else {
      return false
    }
    defer {
      BN_clear_free(t)
      BN_clear_free(pMinus1)
      BN_clear_free(qMinus1)
    }
    guard BN_mul(t, p, q, context) == 1, BN_cmp(t, n) == 0,
      BN_copy(pMinus1, p) != nil, BN_sub_word(pMinus1, 1) == 1,
      BN_copy(qMinus1, q) != nil, BN_sub_word(qMinus1, 1) == 1,
      BN_div(nil, t, d, pMinus1, context) == 1, BN_cmp(t, dP) == 0,
      BN_div(nil, t, d, qMinus1, context) == 1, BN_cmp(t, dQ) == 0,
      BN_mod_mul(t, e, dP, pMinus1, context) == 1, BN_is_one(t) == 1,
      BN_mod_mul(t, e, dQ, qMinus1, context) == 1, BN_is_one(t) == 1,
      BN_mod_mul(t, qInv, q, p, context) == 1, BN_is_one(t) == 1
    else { return false }
    return true
  }

  /// The PKCS#8 private key, checked.
  static func privateKey(der: SecretBytes, bits: Int) throws -> EVPKey {
    let key = try OpenSSL.decodePrivateKeyInfo(der)
    try check(key, bits: bits, isPrivate: true)
    return key
  }

  /// The SPKI public key, checked.
  static func publicKey(der: [UInt8], bits: Int) throws -> EVPKey {
    let key = try OpenSSL.decodeSubjectPublicKeyInfo(der)
    try check(key, bits: bits, isPrivate: false)
    return key
  }

  /// The PKCS#1 `RSAPublicKey` DER of `key` (RFC 8017, Appendix A.1.1).
  static func pkcs1PublicKey(_ key: EVPKey) throws -> [UInt8] {
    let length = Int(i2d_PublicKey(key.pointer, nil))
    guard length > 0 else { throw OpenSSL.failure("i2d_PublicKey") }
    var out = [UInt8](repeating: 0, count: length)
    let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor = buffer.baseAddress
      return i2d_PublicKey(key.pointer, &cursor)
    }
    guard Int(written) == length else { throw OpenSSL.failure("i2d_PublicKey") }
    return out
  }

  /// Decodes a PKCS#1 `RSAPublicKey`, strictly (one canonical DER structure), checked.
  static func publicKey(pkcs1 der: [UInt8], bits: Int) throws -> EVPKey {
    let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var cursor: UnsafePointer<UInt8>? = base
      guard let key = d2i_PublicKey(EVP_PKEY_RSA, nil, &cursor, buffer.count) else { return nil }
      guard let end = cursor, end - base == buffer.count else {
        EVP_PKEY_free(key)
        return nil
      }
      return key
    }
    guard let parsed else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("not a DER RSAPublicKey")
    }
    let key = EVPKey(owning: parsed)
    guard (try? pkcs1PublicKey(key)) == der else {
      throw ClassicalError.invalidPublicKey("RSAPublicKey is not in canonical DER form")
    }
    try check(key, bits: bits, isPrivate: false)
    return key
  }

  /// The PKCS#1 `RSAPrivateKey` DER of `key` (RFC 8017, Appendix A.1.2), in zeroed-on-release storage.
  static func pkcs1PrivateKey(_ key: EVPKey) throws -> SecretBytes {
    let length = Int(i2d_PrivateKey(key.pointer, nil))
    guard length > 0 else { throw OpenSSL.failure("i2d_PrivateKey") }
    var written: Int32 = 0
    let der = SecretBytes(count: length) { buffer in
      var cursor = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
      written = i2d_PrivateKey(key.pointer, &cursor)
    }
    guard Int(written) == length else { throw OpenSSL.failure("i2d_PrivateKey") }
    return der
  }

  /// Decodes a PKCS#1 `RSAPrivateKey`, strictly, checked for size and consistency.
  static func privateKey(pkcs1 der: SecretBytes, bits: Int) throws -> EVPKey {
    let parsed: OpaquePointer? = OpenSSL.withSecret(der) { base, count in
      var cursor: UnsafePointer<UInt8>? = base
      guard count > 0, let key = d2i_PrivateKey(EVP_PKEY_RSA, nil, &cursor, count) else { return nil }
      guard let end = cursor, end - base == count else {
        EVP_PKEY_free(key)
        return nil
      }
      return key
    }
    guard let parsed else {
      ERR_clear_error()
      throw ClassicalError.invalidPrivateKey("not a DER RSAPrivateKey")
    }
    let key = EVPKey(owning: parsed)
    guard try pkcs1PrivateKey(key).constantTimeEquals(der) else {
      throw ClassicalError.invalidPrivateKey("RSAPrivateKey is not in canonical DER form")
    }
    try check(key, bits: bits, isPrivate: true)
    return key
  }

  /// The public half of a private key, as its own `EVP_PKEY` (so public objects hold no secret).
  static func publicHalf(of key: EVPKey) throws -> (EVPKey, [UInt8]) {
    let spki = try OpenSSL.subjectPublicKeyInfo(key)
    return (try OpenSSL.decodeSubjectPublicKeyInfo(spki), spki)
  }

  /// Text of a PEM file as secret storage (for private keys read from text).
  static func utf8(_ text: String) -> SecretBytes { SecretBytes(Array(text.utf8)) }
}

/// RSA signatures with modulus `Size` and padding `Padding` (RFC 8017, Section 8).
public enum RSASignature<Size: RSAModulusSize, Padding: RSASignaturePadding>: ClassicalSignatureAlgorithm {
  /// The name used on the wire.
  public static var name: String { "RSA-\(Size.bits)-\(Padding.name)" }
  /// Length of the private seed or scalar, in bytes.
  public static var seedByteCount: Int? { nil }

  /// Sets the digest, padding, MGF1 hash and salt length on a signing or verifying context.
  static func configure(_ context: OpaquePointer) -> Bool {
    guard EVP_PKEY_CTX_set_signature_md(context, Padding.hash.messageDigest) == 1 else { return false }
    guard let salt = Padding.pssSaltLength else {
      return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
    }
    return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1
      && EVP_PKEY_CTX_set_rsa_mgf1_md(context, Padding.hash.messageDigest) == 1
      && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, Int32(salt)) == 1
  }

  /// Pooled `EVP_PKEY_sign` contexts, configured once per key.
  static func signingContexts(_ key: EVPKey) -> ContextPool {
    ContextPool.keyContexts(key) { EVP_PKEY_sign_init($0) == 1 && configure($0) }
  }

  /// Pooled `EVP_PKEY_verify` contexts, configured once per key.
  static func verifyingContexts(_ key: EVPKey) -> ContextPool {
    ContextPool.keyContexts(key) { EVP_PKEY_verify_init($0) == 1 && configure($0) }
  }

  /// An RSA private key.
  public struct PrivateKey: ClassicalSigningKey {
    let key: EVPKey
    let signer: ContextPool
    /// The public key.
    public let publicKey: PublicKey

    /// The PKCS#8 PrivateKeyInfo DER.
    public let rawRepresentation: SecretBytes

    /// A freshly generated key (slow: seconds for 4096 bits).
    public init() throws {
      key = try RSAKeys.generate(bits: Size.bits)
      rawRepresentation = try OpenSSL.privateKeyInfo(key)
      signer = RSASignature.signingContexts(key)
      publicKey = try PublicKey(key)
    }

    /// Decodes a PKCS#8 PrivateKeyInfo DER, checked for size and consistency.
    public init(rawRepresentation der: SecretBytes) throws {
      key = try RSAKeys.privateKey(der: der, bits: Size.bits)
      rawRepresentation = der
      signer = RSASignature.signingContexts(key)
      publicKey = try PublicKey(key)
    }

    /// Decodes a PEM `PRIVATE KEY` (PKCS#8).
    public init(pemRepresentation pem: String) throws {
      try self.init(rawRepresentation: OpenSSL.der(fromPEM: RSAKeys.utf8(pem), label: "PRIVATE KEY"))
    }

    /// Decodes a PKCS#1 `RSAPrivateKey` DER (RFC 8017, Appendix A.1.2), as the composite
    /// signature drafts carry it; checked for size and consistency.
    public init(pkcs1DERRepresentation der: SecretBytes) throws {
      key = try RSAKeys.privateKey(pkcs1: der, bits: Size.bits)
      rawRepresentation = try OpenSSL.privateKeyInfo(key)
      signer = RSASignature.signingContexts(key)
      publicKey = try PublicKey(key)
    }

    /// The PKCS#1 `RSAPrivateKey` DER.
    public var pkcs1DERRepresentation: SecretBytes { get throws { try RSAKeys.pkcs1PrivateKey(key) } }

    /// The PEM `PRIVATE KEY` text, as UTF-8 in zeroed-on-release storage.
    public var pemRepresentation: SecretBytes {
      get throws { try OpenSSL.pem(label: "PRIVATE KEY", der: rawRepresentation) }
    }

    /// The signature of `message` (RFC 8017, Section 8.1.1 / 8.2.1), `Size.bits / 8` bytes.
    public func signature(for message: [UInt8]) throws -> [UInt8] {
      try OpenSSL.signDigest(signer, maximumLength: Size.bits / 8, digest: MessageDigests.hash(Padding.hash, message))
    }
  }

  /// An RSA public key.
  public struct PublicKey: ClassicalVerifyingKey {
    let key: EVPKey
    let verifier: ContextPool
    /// The SubjectPublicKeyInfo DER.
    public let rawRepresentation: [UInt8]

    init(_ privateKey: EVPKey) throws {
      (key, rawRepresentation) = try RSAKeys.publicHalf(of: privateKey)
      verifier = RSASignature.verifyingContexts(key)
    }

    /// Decodes a SubjectPublicKeyInfo DER (rsaEncryption, exactly `Size.bits` bits).
    public init(rawRepresentation der: [UInt8]) throws {
      key = try RSAKeys.publicKey(der: der, bits: Size.bits)
      rawRepresentation = der
      verifier = RSASignature.verifyingContexts(key)
    }

    /// Decodes a PEM `PUBLIC KEY`.
    public init(pemRepresentation pem: String) throws {
      try self.init(
        rawRepresentation: OpenSSL.der(fromPEM: RSAKeys.utf8(pem), label: "PUBLIC KEY").copyBytes())
    }

    /// Decodes a PKCS#1 `RSAPublicKey` DER (RFC 8017, Appendix A.1.1), as the composite
    /// signature drafts carry it.
    public init(pkcs1DERRepresentation der: [UInt8]) throws {
      key = try RSAKeys.publicKey(pkcs1: der, bits: Size.bits)
      rawRepresentation = try OpenSSL.subjectPublicKeyInfo(key)
      verifier = RSASignature.verifyingContexts(key)
    }

    /// The PKCS#1 `RSAPublicKey` DER.
    public var pkcs1DERRepresentation: [UInt8] { get throws { try RSAKeys.pkcs1PublicKey(key) } }

    /// The PEM `PUBLIC KEY` text.
    public var pemRepresentation: String {
      get throws {
        let pem = try OpenSSL.pem(label: "PUBLIC KEY", der: SecretBytes(rawRepresentation))
        return pem.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
      }
    }

    /// Whether `signature` is valid for `message` (RFC 8017, Section 8.1.2 / 8.2.2). The
    /// signature must be exactly `k = Size.bits / 8` bytes long.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
      guard signature.count == Size.bits / 8 else { return false }
      return OpenSSL.verifyDigest(verifier, signature: signature, digest: MessageDigests.hash(Padding.hash, message))
    }
  }
}

/// RSAES-OAEP with SHA-256, MGF1-SHA-256 and an empty label (RFC 8017, Section 7.1).
public enum RSAOAEP<Size: RSAModulusSize> {
  /// The wire name.
  public static var name: String { "RSA-\(Size.bits)-OAEP" }
  /// The longest message: `k - 2·hLen - 2` bytes.
  public static var maximumMessageByteCount: Int { Size.bits / 8 - 2 * 32 - 2 }

  static func configure(_ context: OpaquePointer) -> Bool {
    EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1
      && EVP_PKEY_CTX_set_rsa_oaep_md(context, EVP_sha256()) == 1
      && EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) == 1
  }

  /// An RSA private key for decryption.
  public struct PrivateKey: Sendable {
    let key: EVPKey
    /// The public key.
    public let publicKey: PublicKey

    /// A freshly generated key.
    public init() throws {
      key = try RSAKeys.generate(bits: Size.bits)
      publicKey = try PublicKey(key)
    }

    /// Decodes a PKCS#8 PrivateKeyInfo DER, checked for size and consistency.
    public init(rawRepresentation der: SecretBytes) throws {
      key = try RSAKeys.privateKey(der: der, bits: Size.bits)
      publicKey = try PublicKey(key)
    }

    /// The PKCS#8 PrivateKeyInfo DER.
    public var rawRepresentation: SecretBytes {
      get throws { try OpenSSL.privateKeyInfo(key) }
    }

    /// RSAES-OAEP-DECRYPT (RFC 8017, Section 7.1.2). Every failure is the same
    /// ``ClassicalError/decryptionFailure``.
    public func decrypt(_ ciphertext: [UInt8]) throws -> SecretBytes {
      let k = Size.bits / 8
      guard ciphertext.count == k else { throw ClassicalError.decryptionFailure }
      guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else { throw OpenSSL.failure("EVP_PKEY_CTX_new") }
      defer { EVP_PKEY_CTX_free(context) }
      guard EVP_PKEY_decrypt_init(context) == 1, RSAOAEP.configure(context) else {
        throw OpenSSL.failure("EVP_PKEY_decrypt_init")
      }
      var length = k
      var status: Int32 = 0
      let buffer = SecretBytes(count: k) { out in
        status = EVP_PKEY_decrypt(context, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, ciphertext, k)
      }
      guard status == 1, length <= k else {
        ERR_clear_error()
        throw ClassicalError.decryptionFailure
      }
      return buffer.withUnsafeBytes { all in
        SecretBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[0..<length])) }
      }
    }
  }

  /// An RSA public key for encryption.
  public struct PublicKey: Sendable {
    let key: EVPKey
    /// The SubjectPublicKeyInfo DER.
    public let rawRepresentation: [UInt8]

    init(_ privateKey: EVPKey) throws {
      (key, rawRepresentation) = try RSAKeys.publicHalf(of: privateKey)
    }

    /// Decodes a SubjectPublicKeyInfo DER (rsaEncryption, exactly `Size.bits` bits).
    public init(rawRepresentation der: [UInt8]) throws {
      key = try RSAKeys.publicKey(der: der, bits: Size.bits)
      rawRepresentation = der
    }

    /// RSAES-OAEP-ENCRYPT (RFC 8017, Section 7.1.1) of `message`, at most
    /// ``RSAOAEP/maximumMessageByteCount`` bytes; the seed comes from libcrypto's DRBG.
    public func encrypt(_ message: [UInt8]) throws -> [UInt8] {
      guard message.count <= RSAOAEP.maximumMessageByteCount else {
        throw ClassicalError.invalidInput("OAEP message longer than \(RSAOAEP.maximumMessageByteCount) bytes")
      }
      guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else { throw OpenSSL.failure("EVP_PKEY_CTX_new") }
      defer { EVP_PKEY_CTX_free(context) }
      guard EVP_PKEY_encrypt_init(context) == 1, RSAOAEP.configure(context) else {
        throw OpenSSL.failure("EVP_PKEY_encrypt_init")
      }
      var length = Size.bits / 8
      var out = [UInt8](repeating: 0, count: length)
      let ok = OpenSSL.withBytes(message) { m, mLength in EVP_PKEY_encrypt(context, &out, &length, m, mLength) }
      guard ok == 1, length == out.count else { throw OpenSSL.failure("EVP_PKEY_encrypt") }
      return out
    }
  }
}
