import CLibCrypto
import QRXPrimitives

// The libcrypto plumbing every OpenSSL-backed algorithm shares: an owned EVP_PKEY, one-shot
// sign/verify/derive, and strict DER/PEM codecs. Failures clear libcrypto's error queue so a
// rejected input leaves nothing behind for the next caller on the thread.

/// An owned `EVP_PKEY`. libcrypto keys are safe to share between threads for signing, verifying
/// and deriving (each operation makes its own context), hence `@unchecked Sendable`.
final class EVPKey: @unchecked Sendable {
  let pointer: OpaquePointer

  init(owning pointer: OpaquePointer) { self.pointer = pointer }

  deinit { EVP_PKEY_free(pointer) }

  /// Size of the largest signature (or shared secret) libcrypto can produce with this key.
  var maximumOutputSize: Int { Int(EVP_PKEY_get_size(pointer)) }

  /// Modulus or group size in bits.
  var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

  /// Whether the key is of libcrypto type `name` (`RSA`, `EC`, `ED25519`).
  func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }
}

// Note: `SecretBytes.init(count:initializer:)` must never be given a throwing initializer here: its
// error path frees the storage that its `deinit` then frees again. Outcomes are recorded inside
// and thrown after construction.
enum OpenSSL {
  /// A C string with static storage. libcrypto keeps some `const char *` arguments past the call
  /// (`OSSL_PARAM_BLD_push_*` keep the key names, `EVP_PKEY_CTX_new_from_name` the key type), and
  /// a Swift `String` passed as `const char *` is only valid during the call.
  static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
  }

  /// A ``ClassicalError/libraryFailure(_:)`` naming `call`, after clearing the error queue.
  static func failure(_ call: String) -> ClassicalError {
    ERR_clear_error()
    return .libraryFailure(call)
  }

  /// Runs `body` with a pointer to `bytes` that is never nil, even for an empty array (libcrypto
  /// rejects some NULL inputs even with a zero length).
  @inline(__always)
  static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { return try body(base, buffer.count) }
      return try withUnsafePointer(to: UInt8(0)) { try body($0, 0) }
    }
  }

  /// Runs `body` with the bytes of a secret as a typed pointer (never nil).
  @inline(__always)
  static func withSecret<R>(_ secret: SecretBytes, _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
    try secret.withUnsafeBytes { raw in
      if let base = raw.baseAddress { return try body(base.assumingMemoryBound(to: UInt8.self), raw.count) }
      return try withUnsafePointer(to: UInt8(0)) { try body($0, 0) }
    }
  }

  // MARK: - Pooled operations (contexts initialized once per key)

  /// One-shot `EVP_DigestSign` (EdDSA) with a context from `pool`.
  static func sign(_ pool: ContextPool, maximumLength: Int, message: [UInt8]) throws -> [UInt8] {
    var signature = [UInt8](repeating: 0, count: maximumLength)
    var length = maximumLength
    let ok = try pool.withContext { context in
      let status = withBytes(message) { m, mLength in
        signature.withUnsafeMutableBufferPointer { EVP_DigestSign(context, $0.baseAddress, &length, m, mLength) }
      }
      return (status == 1, status == 1)
    }
    guard ok, length <= maximumLength else { throw failure("EVP_DigestSign") }
    signature.removeLast(maximumLength - length)
    return signature
  }

  /// One-shot `EVP_DigestVerify` (EdDSA) with a context from `pool`; every error is `false`.
  static func verify(_ pool: ContextPool, signature: [UInt8], message: [UInt8]) -> Bool {
    let valid = try? pool.withContext { context in
      let status = withBytes(signature) { s, sLength in
        withBytes(message) { m, mLength in EVP_DigestVerify(context, s, sLength, m, mLength) }
      }
      // 0 is a clean "invalid"; a negative status is an error, after which the context is dropped.
      return (status == 1, status >= 0)
    }
    return valid ?? false
  }

  /// `EVP_PKEY_sign` of a message digest with a sign-initialized context from `pool`.
  static func signDigest(_ pool: ContextPool, maximumLength: Int, digest: [UInt8]) throws -> [UInt8] {
    var signature = [UInt8](repeating: 0, count: maximumLength)
    var length = maximumLength
    let ok = try pool.withContext { context in
      let status = EVP_PKEY_sign(context, &signature, &length, digest, digest.count)
      return (status == 1, status == 1)
    }
    guard ok, length <= maximumLength else { throw failure("EVP_PKEY_sign") }
    signature.removeLast(maximumLength - length)
    return signature
  }

  /// `EVP_PKEY_verify` of a message digest with a verify-initialized context from `pool`;
  /// every error is `false`.
  static func verifyDigest(_ pool: ContextPool, signature: [UInt8], digest: [UInt8]) -> Bool {
    let valid = try? pool.withContext { context in
      let status = withBytes(signature) { s, sLength in EVP_PKEY_verify(context, s, sLength, digest, digest.count) }
      return (status == 1, status >= 0)
    }
    return valid ?? false
  }

  /// `EVP_PKEY_derive` with a derive-initialized context from `pool` and `peer`; the output goes
  /// straight into zeroed-on-release storage.
  static func derive(_ pool: ContextPool, peer: EVPKey, length: Int) throws -> SecretBytes {
    var produced = length
    var status: Int32 = 0
    var peerAccepted = true
    let secret = try pool.withContext { context -> (SecretBytes, Bool) in
      guard EVP_PKEY_derive_set_peer(context, peer.pointer) == 1 else {
        peerAccepted = false
        return (SecretBytes(count: 0) { _ in }, false)
      }
      // SecretBytes' initializer must not throw: record the outcome, throw after.
      let secret = SecretBytes(count: length) { buffer in
        status = EVP_PKEY_derive(context, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), &produced)
      }
      return (secret, status == 1)
    }
    guard peerAccepted else { throw ClassicalError.invalidPublicKey("rejected as a key agreement peer") }
    // X25519/X448 refuse an all-zero result (RFC 7748, Section 6.1); EC refuses infinity.
    guard status == 1 else { throw ClassicalError.invalidSharedSecret }
    guard produced == length else { throw failure("EVP_PKEY_derive") }
    return secret
  }

  // MARK: - Raw keys (EdDSA, XDH)

  /// The raw public key of an EdDSA or XDH key.
  static func rawPublicKey(_ key: EVPKey, count: Int) throws -> [UInt8] {
    var length = count
    var out = [UInt8](repeating: 0, count: count)
    guard
      out.withUnsafeMutableBufferPointer({ EVP_PKEY_get_raw_public_key(key.pointer, $0.baseAddress, &length) })
        == 1, length == count
    else { throw failure("EVP_PKEY_get_raw_public_key") }
    return out
  }

  // MARK: - DER

  /// SubjectPublicKeyInfo DER of `key`.
  static func subjectPublicKeyInfo(_ key: EVPKey) throws -> [UInt8] {
    let length = Int(i2d_PUBKEY(key.pointer, nil))
    guard length > 0 else { throw failure("i2d_PUBKEY") }
    var out = [UInt8](repeating: 0, count: length)
    let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor = buffer.baseAddress
      return i2d_PUBKEY(key.pointer, &cursor)
    }
    guard Int(written) == length else { throw failure("i2d_PUBKEY") }
    return out
  }

  /// Decodes a SubjectPublicKeyInfo, strictly: the whole input is one DER structure that
  /// re-encodes to the same bytes (no BER, no trailing data, no explicit curve parameters).
  static func decodeSubjectPublicKeyInfo(_ der: [UInt8]) throws -> EVPKey {
    let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var cursor: UnsafePointer<UInt8>? = base
      guard let key = d2i_PUBKEY(nil, &cursor, buffer.count) else { return nil }
      guard let end = cursor, end - base == buffer.count else {
        EVP_PKEY_free(key)
        return nil
      }
      return key
    }
    guard let parsed else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("not a DER SubjectPublicKeyInfo")
    }
    let key = EVPKey(owning: parsed)
    guard (try? subjectPublicKeyInfo(key)) == der else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("SubjectPublicKeyInfo is not in canonical DER form")
    }
    return key
  }

  /// PKCS#8 PrivateKeyInfo DER of `key`, in zeroed-on-release storage.
  static func privateKeyInfo(_ key: EVPKey) throws -> SecretBytes {
    guard let info = EVP_PKEY2PKCS8(key.pointer) else { throw failure("EVP_PKEY2PKCS8") }
    defer { PKCS8_PRIV_KEY_INFO_free(info) }
    let length = Int(i2d_PKCS8_PRIV_KEY_INFO(info, nil))
    guard length > 0 else { throw failure("i2d_PKCS8_PRIV_KEY_INFO") }
    var written: Int32 = 0
    let der = SecretBytes(count: length) { buffer in
      var cursor = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
      written = i2d_PKCS8_PRIV_KEY_INFO(info, &cursor)
    }
    guard Int(written) == length else { throw failure("i2d_PKCS8_PRIV_KEY_INFO") }
    return der
  }

  /// Decodes a PKCS#8 PrivateKeyInfo (unencrypted), strictly: one canonical DER structure.
  static func decodePrivateKeyInfo(_ der: SecretBytes) throws -> EVPKey {
    let key: OpaquePointer? = withSecret(der) { base, count in
      var cursor: UnsafePointer<UInt8>? = base
      guard count > 0, let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, count) else { return nil }
      defer { PKCS8_PRIV_KEY_INFO_free(info) }
      guard let end = cursor, end - base == count, Int(i2d_PKCS8_PRIV_KEY_INFO(info, nil)) == count else {
        return nil
      }
      return EVP_PKCS82PKEY(info)
    }
    guard let key else {
      ERR_clear_error()
      throw ClassicalError.invalidPrivateKey("not a canonical DER PKCS#8 PrivateKeyInfo")
    }
    let owned = EVPKey(owning: key)
    // Canonical form: re-encoding gives the same bytes (checked in constant time; it is secret).
    let again = try privateKeyInfo(owned)
    guard again.constantTimeEquals(der) else {
      throw ClassicalError.invalidPrivateKey("PKCS#8 PrivateKeyInfo is not in canonical DER form")
    }
    return owned
  }

  // MARK: - PEM (RFC 7468)

  /// `der` wrapped as PEM text with `label` (`PUBLIC KEY`, `PRIVATE KEY`), in zeroed-on-release storage.
  static func pem(label: String, der: SecretBytes) throws -> SecretBytes {
    guard let bio = BIO_new(BIO_s_secmem()) else { throw failure("BIO_new") }
    defer { BIO_free(bio) }
    let written = withSecret(der) { base, count in PEM_write_bio(bio, label, "", base, count) }
    guard written > 0 else { throw failure("PEM_write_bio") }
    var data: UnsafeMutableRawPointer? = nil
    let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
    guard length > 0, let data else { throw failure("BIO_get_mem_data") }
    return SecretBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: length)) }
  }

  /// The DER inside PEM text, which must carry exactly `label`.
  static func der(fromPEM text: SecretBytes, label: String) throws -> SecretBytes {
    try withSecret(text) { base, count in
      guard count > 0, count < 1 << 24, let bio = BIO_new_mem_buf(base, Int32(count)) else {
        throw ClassicalError.invalidInput("empty or oversized PEM")
      }
      defer { BIO_free(bio) }
      var name: UnsafeMutablePointer<CChar>? = nil
      var header: UnsafeMutablePointer<CChar>? = nil
      var data: UnsafeMutablePointer<UInt8>? = nil
      var length = 0
      let ok = PEM_read_bio_ex(bio, &name, &header, &data, &length, UInt32(PEM_FLAG_SECURE | PEM_FLAG_EAY_COMPATIBLE))
      defer {
        CRYPTO_free(name, "QRXClassical", 0)
        CRYPTO_free(header, "QRXClassical", 0)
        CRYPTO_secure_clear_free(data, length, "QRXClassical", 0)
      }
      guard ok == 1, let name, let data, length > 0 else {
        ERR_clear_error()
        throw ClassicalError.invalidInput("not PEM")
      }
      guard String(cString: name) == label else { throw ClassicalError.invalidInput("PEM label is not \(label)") }
      return SecretBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: length)) }
    }
  }
}
