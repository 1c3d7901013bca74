import CLibCrypto
import QRXPrimitives

// ECDSA and ECDH on the NIST curves P-256, P-384, P-521 (FIPS 186-5, SP 800-186) and on
// brainpoolP256r1, brainpoolP384r1 (RFC 5639), through libcrypto. All five have cofactor 1.
// Private keys are big-endian scalars of the curve's order length; public keys SEC1 points,
// written uncompressed, read compressed or uncompressed.

/// A short Weierstrass curve libcrypto implements.
public protocol WeierstrassCurve: Sendable {
  /// The suffix of wire names (`P256`, `brainpoolP256r1`).
  static var name: String { get }
  /// libcrypto's group name.
  static var groupName: String { get }
  /// libcrypto's NID.
  static var nid: Int32 { get }
  /// Bytes in a scalar (the order's length) and in a field element.
  static var scalarByteCount: Int { get }
  /// The ECDSA hash that goes with the curve's strength.
  static var hash: SHA2Variant { get }
}

/// NIST P-256 (secp256r1), ECDSA with SHA-256.
public enum P256: WeierstrassCurve {
  /// The name used on the wire.
  public static let name = "P256"
  /// libcrypto's group name.
  public static let groupName = "P-256"
  /// libcrypto's NID.
  public static let nid = NID_X9_62_prime256v1
  /// Bytes in a scalar and in a field element.
  public static let scalarByteCount = 32
  /// The message hash.
  public static let hash = SHA2Variant.sha256
}

/// NIST P-384 (secp384r1), ECDSA with SHA-384.
public enum P384: WeierstrassCurve {
  /// The name used on the wire.
  public static let name = "P384"
  /// libcrypto's group name.
  public static let groupName = "P-384"
  /// libcrypto's NID.
  public static let nid = NID_secp384r1
  /// Bytes in a scalar and in a field element.
  public static let scalarByteCount = 48
  /// The message hash.
  public static let hash = SHA2Variant.sha384
}

/// NIST P-521 (secp521r1), ECDSA with SHA-512.
public enum P521: WeierstrassCurve {
  /// The name used on the wire.
  public static let name = "P521"
  /// libcrypto's group name.
  public static let groupName = "P-521"
  /// libcrypto's NID.
  public static let nid = NID_secp521r1
  /// Bytes in a scalar and in a field element.
  public static let scalarByteCount = 66
  /// The message hash.
  public static let hash = SHA2Variant.sha512
}

/// brainpoolP256r1 (RFC 5639), ECDSA with SHA-256.
public enum BrainpoolP256r1: WeierstrassCurve {
  /// The name used on the wire.
  public static let name = "brainpoolP256r1"
  /// libcrypto's group name.
  public static let groupName = "brainpoolP256r1"
  /// libcrypto's NID.
  public static let nid = NID_brainpoolP256r1
  /// Bytes in a scalar and in a field element.
  public static let scalarByteCount = 32
  /// The message hash.
  public static let hash = SHA2Variant.sha256
}

/// brainpoolP384r1 (RFC 5639), ECDSA with SHA-384.
public enum BrainpoolP384r1: WeierstrassCurve {
  /// The name used on the wire.
  public static let name = "brainpoolP384r1"
  /// libcrypto's group name.
  public static let groupName = "brainpoolP384r1"
  /// libcrypto's NID.
  public static let nid = NID_brainpoolP384r1
  /// Bytes in a scalar and in a field element.
  public static let scalarByteCount = 48
  /// The message hash.
  public static let hash = SHA2Variant.sha384
}

extension SHA2Variant {
  /// libcrypto's digest for this hash (for context settings).
  var messageDigest: OpaquePointer? {
    switch self {
    case .sha224: return EVP_sha224()
    case .sha256: return EVP_sha256()
    case .sha384: return EVP_sha384()
    case .sha512: return EVP_sha512()
    }
  }
}

/// Message hashing for the sign-a-digest paths, with digests fetched from the provider once
/// (`EVP_Digest` with `EVP_sha256()` would fetch on every call, which costs as much as the hash).
enum MessageDigests {
  /// A fetched `EVP_MD`, kept for the life of the process.
  final class Fetched: @unchecked Sendable {
    let pointer: OpaquePointer?
    init(_ name: String) { pointer = EVP_MD_fetch(nil, name, nil) }
  }

  static let sha256 = Fetched("SHA2-256")
  static let sha384 = Fetched("SHA2-384")
  static let sha512 = Fetched("SHA2-512")

  /// `variant`(`message`).
  static func hash(_ variant: SHA2Variant, _ message: [UInt8]) -> [UInt8] {
    let fetched: OpaquePointer?
    switch variant {
    case .sha256: fetched = sha256.pointer
    case .sha384: fetched = sha384.pointer
    case .sha512: fetched = sha512.pointer
    case .sha224: fetched = nil
    }
    guard let md = fetched else { return SHA2.hash(variant, message) }
    var out = [UInt8](repeating: 0, count: variant.outputByteCount)
    var length: UInt32 = 0
    let ok = OpenSSL.withBytes(message) { m, mLength in EVP_Digest(m, mLength, &out, &length, md, nil) }
    guard ok == 1, Int(length) == out.count else { return SHA2.hash(variant, message) }
    return out
  }
}

/// EC key construction shared by ECDSA and ECDH.
enum ECKeys {
  /// `EVP_PKEY_PUBLIC_KEY` and `EVP_PKEY_KEYPAIR` (evp.h composes them from macros Swift cannot import).
  static let selectPublicKey: Int32 = 0x86
  static let selectKeyPair: Int32 = 0x87

  /// An owned `EC_GROUP`.
  final class Group {
    let pointer: OpaquePointer
    init<Curve: WeierstrassCurve>(_ curve: Curve.Type) throws {
      guard let group = EC_GROUP_new_by_curve_name(Curve.nid) else {
        throw OpenSSL.failure("EC_GROUP_new_by_curve_name")
      }
      pointer = group
    }
    deinit { EC_GROUP_free(pointer) }

    /// The order `n`, big-endian, `count` bytes.
    func order(count: Int) throws -> [UInt8] {
      guard let n = EC_GROUP_get0_order(pointer) else { throw OpenSSL.failure("EC_GROUP_get0_order") }
      var out = [UInt8](repeating: 0, count: count)
      guard BN_bn2binpad(n, &out, Int32(count)) == Int32(count) else { throw OpenSSL.failure("BN_bn2binpad") }
      return out
    }

    /// SEC1 uncompressed encoding of `point`.
    func uncompressed(_ point: OpaquePointer, count: Int) throws -> [UInt8] {
      var out = [UInt8](repeating: 0, count: 1 + 2 * count)
      guard EC_POINT_point2oct(pointer, point, POINT_CONVERSION_UNCOMPRESSED, &out, out.count, nil) == out.count
      else { throw OpenSSL.failure("EC_POINT_point2oct") }
      return out
    }
  }

  /// 1 when `0 < d < n` (big-endian, equal lengths), computed without a data-dependent branch.
  static func scalarInRange(_ d: UnsafePointer<UInt8>, _ n: [UInt8]) -> UInt8 {
    var borrow: UInt32 = 0
    var any: UInt8 = 0
    for i in stride(from: n.count - 1, through: 0, by: -1) {
      let difference = UInt32(d[i]) &- UInt32(n[i]) &- borrow
      borrow = (difference >> 8) & 1
      any |= d[i]
    }
    // d - n borrows exactly when d < n.
    return UInt8(truncatingIfNeeded: borrow) & (1 ^ ConstantTime.isZero(any))
  }

  /// The key pair for scalar `d`: range-checked, `Q = d·G` by libcrypto's constant-time ladder.
  static func privateKey<Curve: WeierstrassCurve>(_ curve: Curve.Type, d: SecretBytes) throws -> (EVPKey, [UInt8]) {
    let size = Curve.scalarByteCount
    guard d.count == size else {
      throw ClassicalError.invalidPrivateKey("\(Curve.name) scalar must be \(size) bytes, got \(d.count)")
    }
    let group = try Group(curve)
    let n = try group.order(count: size)
    guard OpenSSL.withSecret(d, { pointer, _ in scalarInRange(pointer, n) }) == 1 else {
      throw ClassicalError.invalidPrivateKey("\(Curve.name) scalar is zero or not below n")
    }
    guard let scalar = BN_secure_new() else { throw OpenSSL.failure("BN_secure_new") }
    defer { BN_clear_free(scalar) }
    BN_set_flags(scalar, BN_FLG_CONSTTIME)
    guard OpenSSL.withSecret(d, { BN_bin2bn($0, Int32($1), scalar) }) != nil else { throw OpenSSL.failure("BN_bin2bn") }
    guard let q = EC_POINT_new(group.pointer) else { throw OpenSSL.failure("EC_POINT_new") }
    defer { EC_POINT_free(q) }
    guard EC_POINT_mul(group.pointer, q, scalar, nil, nil, nil) == 1 else { throw OpenSSL.failure("EC_POINT_mul") }
    let publicBytes = try group.uncompressed(q, count: size)
    let key = try fromData(Curve.groupName, privateScalar: scalar, publicPoint: publicBytes)
    return (key, publicBytes)
  }

  /// The public key for a SEC1 point: decoded, checked on the curve and not at infinity.
  /// Returns the key and the uncompressed encoding.
  static func publicKey<Curve: WeierstrassCurve>(_ curve: Curve.Type, point bytes: [UInt8]) throws -> (EVPKey, [UInt8])
  {
    let size = Curve.scalarByteCount
    let shapeOK =
      (bytes.count == 1 + 2 * size && bytes[0] == 0x04)
      || (bytes.count == 1 + size && (bytes[0] == 0x02 || bytes[0] == 0x03))
    guard shapeOK else {
      throw ClassicalError.invalidPublicKey("\(Curve.name) key must be a SEC1 point (compressed or uncompressed)")
    }
    let group = try Group(curve)
    guard let q = EC_POINT_new(group.pointer) else { throw OpenSSL.failure("EC_POINT_new") }
    defer { EC_POINT_free(q) }
    guard EC_POINT_oct2point(group.pointer, q, bytes, bytes.count, nil) == 1,
      EC_POINT_is_at_infinity(group.pointer, q) == 0
    else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("\(Curve.name) point is not on the curve")
    }
    let uncompressed = try group.uncompressed(q, count: size)
    return (try fromData(Curve.groupName, privateScalar: nil, publicPoint: uncompressed), uncompressed)
  }

  /// `EVP_PKEY_fromdata` for a named-curve EC key. The builder keeps pointers to the strings and
  /// bytes pushed, so they stay alive until `OSSL_PARAM_BLD_to_param` has copied them.
  static func fromData(_ groupName: String, privateScalar: OpaquePointer?, publicPoint: [UInt8]) throws -> EVPKey {
    guard let builder = OSSL_PARAM_BLD_new() else { throw OpenSSL.failure("OSSL_PARAM_BLD_new") }
    defer { OSSL_PARAM_BLD_free(builder) }
    let built: OpaquePointer? = groupName.withCString { group in
      publicPoint.withUnsafeBytes { point -> OpaquePointer? in
        guard OSSL_PARAM_BLD_push_utf8_string(builder, OpenSSL.cString("group"), group, 0) == 1,
          OSSL_PARAM_BLD_push_octet_string(builder, OpenSSL.cString("pub"), point.baseAddress, point.count) == 1,
          privateScalar.map({ OSSL_PARAM_BLD_push_BN(builder, OpenSSL.cString("priv"), $0) == 1 }) ?? true
        else { return nil }
        return OSSL_PARAM_BLD_to_param(builder).map(OpaquePointer.init)
      }
    }
    guard let built else { throw OpenSSL.failure("OSSL_PARAM_BLD") }
    let params = UnsafeMutablePointer<OSSL_PARAM>(built)
    defer { OSSL_PARAM_free(params) }
    guard let context = EVP_PKEY_CTX_new_from_name(nil, OpenSSL.cString("EC"), nil) else {
      throw OpenSSL.failure("EVP_PKEY_CTX_new")
    }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer? = nil
    let selection = privateScalar == nil ? selectPublicKey : selectKeyPair
    guard EVP_PKEY_fromdata_init(context) == 1, EVP_PKEY_fromdata(context, &key, selection, params) == 1, let key
    else { throw OpenSSL.failure("EVP_PKEY_fromdata") }
    return EVPKey(owning: key)
  }

  /// A fresh scalar in [1, n-1] from the system's randomness (rejection sampling, FIPS 186-5, A.2.2).
  static func randomScalar<Curve: WeierstrassCurve>(_ curve: Curve.Type) throws -> SecretBytes {
    let n = try Group(curve).order(count: Curve.scalarByteCount)
    // P-521's order has 521 bits: mask the top byte so rejection stays rare.
    let topMask: UInt8 = n[0] == 0x01 ? 0x01 : 0xFF
    while true {
      let candidate = SecretBytes(count: Curve.scalarByteCount) { buffer in
        SystemRandom().fill(buffer)
        buffer[0] &= topMask
      }
      if OpenSSL.withSecret(candidate, { pointer, _ in scalarInRange(pointer, n) }) == 1 { return candidate }
    }
  }

  /// The SEC1 point inside a SubjectPublicKeyInfo with the named-curve OID, strictly decoded.
  static func pointFromSubjectPublicKeyInfo<Curve: WeierstrassCurve>(
    _ curve: Curve.Type, _ der: [UInt8]
  ) throws
    -> [UInt8]
  {
    let key = try OpenSSL.decodeSubjectPublicKeyInfo(der)
    guard key.isA("EC") else { throw ClassicalError.invalidPublicKey("not an EC key") }
    var name = [CChar](repeating: 0, count: 64)
    var nameLength = 0
    guard EVP_PKEY_get_utf8_string_param(key.pointer, "group", &name, name.count, &nameLength) == 1,
      EC_curve_nist2nid(name) == Curve.nid || OBJ_sn2nid(name) == Curve.nid
    else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("not a \(Curve.name) key")
    }
    var encoding = [CChar](repeating: 0, count: 32)
    var encodingLength = 0
    guard EVP_PKEY_get_utf8_string_param(key.pointer, "encoding", &encoding, encoding.count, &encodingLength) == 1,
      encoding.prefix(encodingLength).map({ UInt8(bitPattern: $0) }).elementsEqual("named_curve".utf8)
    else {
      ERR_clear_error()
      throw ClassicalError.invalidPublicKey("explicit curve parameters are not accepted")
    }
    var length = 0
    var point = [UInt8](repeating: 0, count: 1 + 2 * Curve.scalarByteCount)
    guard EVP_PKEY_get_octet_string_param(key.pointer, "encoded-pub-key", &point, point.count, &length) == 1 else {
      throw OpenSSL.failure("EVP_PKEY_get_octet_string_param")
    }
    return Array(point.prefix(length))
  }
}

/// SEC1 `ECPrivateKey` (RFC 5915, Section 3) for the composite drafts: version 1, the scalar as an
/// OCTET STRING of the order's length, and the named-curve OID in `[0]`. An optional `[1]` public
/// key is accepted on input only if it is the key's own point.
enum SEC1PrivateKey {
  /// The DER of the named-curve OID of `Curve`.
  static func curveOID<Curve: WeierstrassCurve>(_ curve: Curve.Type) throws -> [UInt8] {
    guard let object = OBJ_nid2obj(Curve.nid) else { throw OpenSSL.failure("OBJ_nid2obj") }
    let length = Int(i2d_ASN1_OBJECT(object, nil))
    guard length > 0, length < 128 else { throw OpenSSL.failure("i2d_ASN1_OBJECT") }
    var out = [UInt8](repeating: 0, count: length)
    _ = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor = buffer.baseAddress
      return i2d_ASN1_OBJECT(object, &cursor)
    }
    return out
  }

  /// `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters }`.
  static func encode<Curve: WeierstrassCurve>(_ curve: Curve.Type, d: SecretBytes) throws -> SecretBytes {
    let oid = try curveOID(curve)
    let n = Curve.scalarByteCount
    let bodyLength = 3 + 2 + n + 2 + oid.count
    precondition(bodyLength < 128, "ECPrivateKey for these curves has a short-form length")
    return d.withUnsafeBytes { scalar in
      SecretBytes(count: 2 + bodyLength) { out in
        var i = 0
        func put(_ bytes: [UInt8]) {
          for byte in bytes {
            out[i] = byte
            i += 1
          }
        }
        put([0x30, UInt8(bodyLength), 0x02, 0x01, 0x01, 0x04, UInt8(n)])
        for byte in scalar {
          out[i] = byte
          i += 1
        }
        put([0xA0, UInt8(oid.count)])
        put(oid)
      }
    }
  }

  /// Reads one DER TLV with `tag` at `offset` (short or one/two-byte long length); returns the
  /// body's range and the offset after it, or nil.
  static func element(_ bytes: UnsafeRawBufferPointer, _ offset: Int, tag: UInt8) -> (Range<Int>, Int)? {
    guard offset + 2 <= bytes.count, bytes[offset] == tag else { return nil }
    var length = Int(bytes[offset + 1])
    var start = offset + 2
    if length == 0x81 {
      guard start < bytes.count, bytes[start] >= 0x80 else { return nil }
      length = Int(bytes[start])
      start += 1
    } else if length == 0x82 {
      guard start + 1 < bytes.count, bytes[start] != 0 else { return nil }
      length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
      guard length >= 0x100 else { return nil }
      start += 2
    } else if length >= 0x80 {
      return nil
    }
    guard length <= bytes.count - start else { return nil }
    return (start..<(start + length), start + length)
  }

  /// The scalar `d` and the optional public point of an `ECPrivateKey` for `Curve`.
  static func decode<Curve: WeierstrassCurve>(
    _ curve: Curve.Type, _ der: SecretBytes
  ) throws -> (
    SecretBytes, [UInt8]?
  ) {
    let oid = try curveOID(curve)
    let n = Curve.scalarByteCount
    let parsed: (SecretBytes, [UInt8]?)? = der.withUnsafeBytes { bytes in
      guard let (sequence, end) = element(bytes, 0, tag: 0x30), end == bytes.count,
        let (version, afterVersion) = element(bytes, sequence.lowerBound, tag: 0x02),
        version.count == 1, bytes[version.lowerBound] == 1,
        let (scalar, afterScalar) = element(bytes, afterVersion, tag: 0x04), scalar.count == n,
        let (parameters, afterParameters) = element(bytes, afterScalar, tag: 0xA0),
        bytes[parameters].elementsEqual(oid)
      else { return nil }
      var point: [UInt8]? = nil
      if afterParameters < end {
        guard let (publicKey, afterPublicKey) = element(bytes, afterParameters, tag: 0xA1),
          afterPublicKey == end,
          let (bitString, afterBitString) = element(bytes, publicKey.lowerBound, tag: 0x03),
          afterBitString == publicKey.upperBound, bitString.count >= 2, bytes[bitString.lowerBound] == 0
        else { return nil }
        point = Array(bytes[(bitString.lowerBound + 1)..<bitString.upperBound])
      }
      let d = SecretBytes(count: n) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[scalar])) }
      return (d, point)
    }
    guard let parsed else { throw ClassicalError.invalidPrivateKey("not a DER ECPrivateKey for \(Curve.name)") }
    return parsed
  }
}

/// ECDSA on `Curve` (FIPS 186-5, Section 6) with the curve's hash. Signatures are DER
/// `ECDSA-Sig-Value` (RFC 5480, as X.509 and the composite drafts use them); ``ECDSASignatureCodec``
/// converts to and from fixed-length `r‖s`. Nonces come from libcrypto's DRBG.
public enum ECDSA<Curve: WeierstrassCurve>: ClassicalSignatureAlgorithm {
  /// The name used on the wire.
  public static var name: String { "ECDSA-" + Curve.name }
  /// Length of the private seed or scalar, in bytes.
  public static var seedByteCount: Int? { Curve.scalarByteCount }

  /// A private scalar `d`.
  public struct PrivateKey: ClassicalSigningKey {
    let key: EVPKey
    let d: SecretBytes
    let signer: ContextPool
    /// The public point `Q`.
    public let publicKey: PublicKey

    /// A fresh key from the system's randomness.
    public init() throws { try self.init(rawRepresentation: ECKeys.randomScalar(Curve.self)) }

    /// The key with big-endian scalar `d` in [1, n-1].
    public init(rawRepresentation d: SecretBytes) throws {
      let (key, q) = try ECKeys.privateKey(Curve.self, d: d)
      self.key = key
      self.d = d
      signer = ContextPool.keyContexts(key) {
        EVP_PKEY_sign_init($0) == 1 && EVP_PKEY_CTX_set_signature_md($0, Curve.hash.messageDigest) == 1
      }
      publicKey = try PublicKey(rawRepresentation: q)
    }

    /// Decodes a SEC1 `ECPrivateKey` (RFC 5915) with the named-curve OID, as the composite drafts
    /// carry it; an included public key must be the scalar's own.
    public init(sec1DERRepresentation der: SecretBytes) throws {
      let (d, point) = try SEC1PrivateKey.decode(Curve.self, der)
      try self.init(rawRepresentation: d)
      if let point, (try? PublicKey(rawRepresentation: point))?.rawRepresentation != publicKey.rawRepresentation {
        throw ClassicalError.invalidPrivateKey("ECPrivateKey carries a public key that is not its own")
      }
    }

    /// The big-endian scalar `d`.
    public var rawRepresentation: SecretBytes { d }

    /// The SEC1 `ECPrivateKey` DER (RFC 5915): version, scalar and named-curve OID.
    public var sec1DERRepresentation: SecretBytes { get throws { try SEC1PrivateKey.encode(Curve.self, d: d) } }

    /// The DER signature of `message` (FIPS 186-5, Section 6.4.1).
    public func signature(for message: [UInt8]) throws -> [UInt8] {
      try OpenSSL.signDigest(
        signer, maximumLength: key.maximumOutputSize, digest: MessageDigests.hash(Curve.hash, message))
    }
  }

  /// A public point `Q`.
  public struct PublicKey: ClassicalVerifyingKey {
    let key: EVPKey
    let verifier: ContextPool
    /// The uncompressed SEC1 point.
    public let rawRepresentation: [UInt8]

    /// Decodes a SEC1 point (uncompressed or compressed), checked on the curve.
    public init(rawRepresentation bytes: [UInt8]) throws {
      let (key, q) = try ECKeys.publicKey(Curve.self, point: bytes)
      self.key = key
      rawRepresentation = q
      verifier = ContextPool.keyContexts(key) {
        EVP_PKEY_verify_init($0) == 1 && EVP_PKEY_CTX_set_signature_md($0, Curve.hash.messageDigest) == 1
      }
    }

    /// Decodes a canonical named-curve SubjectPublicKeyInfo (RFC 5480).
    public init(derRepresentation der: [UInt8]) throws {
      try self.init(rawRepresentation: ECKeys.pointFromSubjectPublicKeyInfo(Curve.self, der))
    }

    /// The SubjectPublicKeyInfo DER (RFC 5480).
    public var derRepresentation: [UInt8] { get throws { try OpenSSL.subjectPublicKeyInfo(key) } }

    /// Whether the DER signature is valid for `message` (FIPS 186-5, Section 6.4.2). libcrypto
    /// accepts only DER that re-encodes to the same bytes.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
      guard !signature.isEmpty, signature.count <= 2 * Curve.scalarByteCount + 16 else { return false }
      return OpenSSL.verifyDigest(verifier, signature: signature, digest: MessageDigests.hash(Curve.hash, message))
    }
  }
}

/// ECDH on `Curve` (SP 800-56A, Section 5.7.1.2): the shared secret is the x coordinate of `d·Q`.
public enum ECDH<Curve: WeierstrassCurve>: ClassicalKeyAgreement {
  /// The name used on the wire.
  public static var name: String { "ECDH-" + Curve.name }
  /// Length of the shared secret, in bytes.
  public static var sharedSecretByteCount: Int { Curve.scalarByteCount }

  /// A private scalar `d`.
  public struct PrivateKey: ClassicalAgreementPrivateKey {
    let key: EVPKey
    let d: SecretBytes
    let agreement: ContextPool
    /// The public point `Q`.
    public let publicKey: PublicKey

    /// A fresh key from the system's randomness.
    public init() throws { try self.init(rawRepresentation: ECKeys.randomScalar(Curve.self)) }

    /// The key with big-endian scalar `d` in [1, n-1].
    public init(rawRepresentation d: SecretBytes) throws {
      let (key, q) = try ECKeys.privateKey(Curve.self, d: d)
      self.key = key
      self.d = d
      agreement = ContextPool.keyContexts(key) { EVP_PKEY_derive_init($0) == 1 }
      publicKey = try PublicKey(rawRepresentation: q)
    }

    /// Decodes a SEC1 `ECPrivateKey` (RFC 5915) with the named-curve OID; an included public key
    /// must be the scalar's own.
    public init(sec1DERRepresentation der: SecretBytes) throws {
      let (d, point) = try SEC1PrivateKey.decode(Curve.self, der)
      try self.init(rawRepresentation: d)
      if let point, (try? PublicKey(rawRepresentation: point))?.rawRepresentation != publicKey.rawRepresentation {
        throw ClassicalError.invalidPrivateKey("ECPrivateKey carries a public key that is not its own")
      }
    }

    /// The big-endian scalar `d`.
    public var rawRepresentation: SecretBytes { d }

    /// The SEC1 `ECPrivateKey` DER (RFC 5915): version, scalar and named-curve OID.
    public var sec1DERRepresentation: SecretBytes { get throws { try SEC1PrivateKey.encode(Curve.self, d: d) } }

    /// The x coordinate of `d·Q`, `Curve.scalarByteCount` bytes.
    public func sharedSecretFromKeyAgreement(with peer: PublicKey) throws -> SecretBytes {
      try OpenSSL.derive(agreement, peer: peer.key, length: Curve.scalarByteCount)
    }
  }

  /// A public point `Q`.
  public struct PublicKey: ClassicalAgreementPublicKey {
    let key: EVPKey
    /// The uncompressed SEC1 point.
    public let rawRepresentation: [UInt8]

    /// Decodes a SEC1 point (uncompressed or compressed), checked on the curve (SP 800-56A, 5.6.2.3.3).
    public init(rawRepresentation bytes: [UInt8]) throws {
      (key, rawRepresentation) = try ECKeys.publicKey(Curve.self, point: bytes)
    }

    /// Decodes a canonical named-curve SubjectPublicKeyInfo (RFC 5480).
    public init(derRepresentation der: [UInt8]) throws {
      try self.init(rawRepresentation: ECKeys.pointFromSubjectPublicKeyInfo(Curve.self, der))
    }
  }
}

/// Conversions between DER `ECDSA-Sig-Value` and fixed-length `r‖s` (IEEE P1363).
public enum ECDSASignatureCodec {
  /// `r‖s`, each `scalarByteCount` bytes, from a strict DER signature.
  public static func raw(fromDER der: [UInt8], scalarByteCount: Int) throws -> [UInt8] {
    let signature: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var cursor: UnsafePointer<UInt8>? = base
      guard let parsed = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else { return nil }
      guard let end = cursor, end - base == buffer.count, Int(i2d_ECDSA_SIG(parsed, nil)) == buffer.count else {
        ECDSA_SIG_free(parsed)
        return nil
      }
      return parsed
    }
    guard let signature else {
      ERR_clear_error()
      throw ClassicalError.invalidSignatureEncoding("not a DER ECDSA-Sig-Value")
    }
    defer { ECDSA_SIG_free(signature) }
    var out = [UInt8](repeating: 0, count: 2 * scalarByteCount)
    let ok = out.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let base = buffer.baseAddress, let r = ECDSA_SIG_get0_r(signature), let s = ECDSA_SIG_get0_s(signature),
        BN_is_negative(r) == 0, BN_is_negative(s) == 0
      else { return false }
      return BN_bn2binpad(r, base, Int32(scalarByteCount)) == Int32(scalarByteCount)
        && BN_bn2binpad(s, base + scalarByteCount, Int32(scalarByteCount)) == Int32(scalarByteCount)
    }
    guard ok else {
      ERR_clear_error()
      throw ClassicalError.invalidSignatureEncoding("r or s does not fit \(scalarByteCount) bytes")
    }
    return out
  }

  /// The DER signature for `r‖s` (two equal halves).
  public static func der(fromRaw raw: [UInt8]) throws -> [UInt8] {
    guard !raw.isEmpty, raw.count % 2 == 0, raw.count <= 132 else {
      throw ClassicalError.invalidSignatureEncoding("r‖s must have two equal halves")
    }
    let half = raw.count / 2
    guard let signature = ECDSA_SIG_new() else { throw OpenSSL.failure("ECDSA_SIG_new") }
    defer { ECDSA_SIG_free(signature) }
    let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(half), nil) }
    let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress.map { $0 + half }, Int32(half), nil) }
    guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
      BN_free(r)
      BN_free(s)
      throw OpenSSL.failure("ECDSA_SIG_set0")
    }
    let length = Int(i2d_ECDSA_SIG(signature, nil))
    guard length > 0 else { throw OpenSSL.failure("i2d_ECDSA_SIG") }
    var out = [UInt8](repeating: 0, count: length)
    _ = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor = buffer.baseAddress
      return i2d_ECDSA_SIG(signature, &cursor)
    }
    return out
  }
}
