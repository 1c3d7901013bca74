import QRXPrimitives

// Conversions between the classical library's key forms (PKCS#8 and SPKI for RSA, bare scalars for
// EC) and the forms the composite draft puts inside its keys (RSAPrivateKey/RSAPublicKey of
// RFC 8017 Appendix A.1, ECPrivateKey of RFC 5915). Secret intermediates are wiped.

/// RSA key forms (RFC 8017, Appendix A.1; RFC 5958; RFC 5280).
enum RSAKeyEncoding {
  static let rsaEncryption = "1.2.840.113549.1.1.1"

  /// AlgorithmIdentifier rsaEncryption with NULL parameters (RFC 3279, Section 2.3.1).
  static var algorithmIdentifier: [UInt8] {
    DER.sequence([DER.objectIdentifier(rsaEncryption), [DERTag.null, 0]])
  }

  /// PrivateKeyInfo (RFC 5958) around an RSAPrivateKey, after checking it is one DER SEQUENCE.
  static func privateKeyInfo(fromRSAPrivateKey key: SecretBytes) throws -> SecretBytes {
    var bytes = key.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    var reader = DERReader(bytes)
    var inner = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    guard try inner.readSmallInteger() == 0 else { throw DERError.invalidContent("RSAPrivateKey version must be 0") }
    var wrapped = DER.sequence([DER.integer(0), algorithmIdentifier, DER.octetString(bytes)])
    defer { SecretBytes.wipe(&wrapped) }
    return SecretBytes(wrapped)
  }

  /// The RSAPrivateKey inside a PrivateKeyInfo with algorithm rsaEncryption.
  static func rsaPrivateKey(fromPrivateKeyInfo info: SecretBytes) throws -> SecretBytes {
    var bytes = info.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    var reader = DERReader(bytes)
    var inner = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    _ = try inner.readSmallInteger()
    let oid = try DER.readAlgorithmIdentifier(&inner, allowNullParameters: true)
    guard oid == rsaEncryption else { throw DERError.unsupportedAlgorithm(oid) }
    let key = try inner.read(DERTag.octetString)
    return SecretBytes(key)
  }

  /// SubjectPublicKeyInfo (RFC 5280) around an RSAPublicKey, after checking it is one SEQUENCE.
  static func subjectPublicKeyInfo(fromRSAPublicKey key: [UInt8]) throws -> [UInt8] {
    var reader = DERReader(key)
    _ = try reader.read(DERTag.sequence)
    try reader.finish()
    return DER.sequence([algorithmIdentifier, DER.bitString(key)])
  }

  /// The RSAPublicKey inside a SubjectPublicKeyInfo with algorithm rsaEncryption.
  static func rsaPublicKey(fromSubjectPublicKeyInfo spki: [UInt8]) throws -> [UInt8] {
    var reader = DERReader(spki)
    var inner = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    let oid = try DER.readAlgorithmIdentifier(&inner, allowNullParameters: true)
    guard oid == rsaEncryption else { throw DERError.unsupportedAlgorithm(oid) }
    let key = try DER.bitStringBytes(inner.read(DERTag.bitString))
    try inner.finish()
    return Array(key)
  }
}

/// ECPrivateKey (RFC 5915, Section 3).
enum ECPrivateKeyEncoding {
  /// ECPrivateKey { version 1, privateKey d, [0] namedCurve } (no public key), as in the draft's vectors.
  /// Only the scalar is secret: every header is built from lengths alone and the scalar goes from
  /// `d` straight into the result, so no array that outlives this call ever holds it.
  static func ecPrivateKey(scalar d: SecretBytes, curveOID: String) -> SecretBytes {
    func header(_ tag: UInt8, length: Int) -> [UInt8] {
      Array(DER.element(tag, repeatElement(UInt8(0), count: length)).dropLast(length))
    }
    let version = DER.integer(1)
    let octetHeader = header(DERTag.octetString, length: d.count)
    let parameters = DER.element(DERTag.contextConstructed(0), DER.objectIdentifier(curveOID))
    let contentLength = version.count + octetHeader.count + d.count + parameters.count
    let prefix = header(DERTag.sequence, length: contentLength) + version + octetHeader
    return SecretBytes(count: prefix.count + d.count + parameters.count) { out in
      prefix.withUnsafeBytes { out.copyMemory(from: $0) }
      d.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[prefix.count..<(prefix.count + d.count)]).copyMemory(from: $0)
      }
      parameters.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[(prefix.count + d.count)...]).copyMemory(from: $0)
      }
    }
  }

  /// The parsed fields of an ECPrivateKey; parameters, when present, must name `curveOID`.
  private static func fields(
    _ key: SecretBytes, curveOID: String?
  ) throws -> (
    d: SecretBytes, publicPoint: [UInt8]?
  ) {
    var bytes = key.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    var reader = DERReader(bytes)
    var inner = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    guard try inner.readSmallInteger() == 1 else { throw DERError.invalidContent("ECPrivateKey version must be 1") }
    let d = SecretBytes(try inner.read(DERTag.octetString))
    if inner.nextTag == DERTag.contextConstructed(0) {
      var parameters = DERReader(try inner.read(DERTag.contextConstructed(0)))
      let oid = try parameters.readObjectIdentifier()
      try parameters.finish()
      if let curveOID, oid != curveOID { throw DERError.unsupportedAlgorithm("curve \(oid)") }
    }
    var point: [UInt8]? = nil
    if inner.nextTag == DERTag.contextConstructed(1) {
      var publicKey = DERReader(try inner.read(DERTag.contextConstructed(1)))
      point = Array(try DER.bitStringBytes(publicKey.read(DERTag.bitString)))
      try publicKey.finish()
    }
    try inner.finish()
    return (d, point)
  }

  /// The scalar `d` of an ECPrivateKey, which must be exactly `scalarByteCount` bytes (RFC 5915).
  static func scalar(fromECPrivateKey key: SecretBytes, curveOID: String, scalarByteCount: Int) throws -> SecretBytes {
    let d = try fields(key, curveOID: curveOID).d
    guard d.count == scalarByteCount else {
      throw DERError.invalidContent("ECPrivateKey scalar must be \(scalarByteCount) bytes, got \(d.count)")
    }
    return d
  }

  /// The optional public point of an ECPrivateKey.
  static func publicPoint(fromECPrivateKey key: SecretBytes) throws -> [UInt8]? {
    try fields(key, curveOID: nil).publicPoint
  }
}
