import QRXPrimitives

// The little DER the composite KEMs need (X.690): the ECPrivateKey of RFC 5915 and the PKCS#1 /
// PKCS#8 / SubjectPublicKeyInfo wrappers of RSA keys. Reading is bounded by the input and every
// malformed input is a typed error; nothing here traps on outside bytes.

enum KEMDER {
  static let sequence: UInt8 = 0x30
  static let integer: UInt8 = 0x02
  static let bitString: UInt8 = 0x03
  static let octetString: UInt8 = 0x04
  static let null: UInt8 = 0x05
  static let objectIdentifier: UInt8 = 0x06

  /// One TLV read from a buffer: its tag, where its content lies, and where the next TLV starts.
  struct Element {
    let tag: UInt8
    let content: Range<Int>
    let end: Int
  }

  /// Reads the TLV at `offset` of `der`, definite lengths only, minimal length encoding.
  static func read(_ der: UnsafeRawBufferPointer, at offset: Int, what: String) throws -> Element {
    func fail(_ why: String) -> HybridKEMError { .invalidPrivateKey("\(what): \(why)") }
    guard offset + 2 <= der.count else { throw fail("truncated DER") }
    let tag = der[offset]
    let first = der[offset + 1]
    var cursor = offset + 2
    var length = 0
    if first < 0x80 {
      length = Int(first)
    } else {
      let count = Int(first & 0x7F)
      guard count >= 1, count <= 3, cursor + count <= der.count else { throw fail("bad DER length") }
      for _ in 0..<count {
        length = length << 8 | Int(der[cursor])
        cursor += 1
      }
      guard length >= 0x80, length >> (8 * (count - 1)) != 0 else { throw fail("non-minimal DER length") }
    }
    guard length <= der.count - cursor else { throw fail("DER length past the end") }
    return Element(tag: tag, content: cursor..<(cursor + length), end: cursor + length)
  }

  /// The header (tag and length) of a TLV with `length` content bytes.
  static func header(_ tag: UInt8, length: Int) -> [UInt8] {
    precondition(length >= 0 && length < 1 << 24, "DER length out of range")
    if length < 0x80 { return [tag, UInt8(length)] }
    if length < 0x100 { return [tag, 0x81, UInt8(length)] }
    if length < 0x10000 { return [tag, 0x82, UInt8(length >> 8), UInt8(length & 0xFF)] }
    return [tag, 0x83, UInt8(length >> 16), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
  }

  /// A TLV with public content.
  static func encode(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { header(tag, length: content.count) + content }

  /// ECPrivateKey (RFC 5915, Section 3) without the optional publicKey: version 1, the scalar as
  /// an OCTET STRING of exactly `Nscalar` bytes, and the curve OID in `[0]`.
  static func ecPrivateKey(scalar: SecretBytes, curveOID: [UInt8]) -> SecretBytes {
    let oid = encode(objectIdentifier, curveOID)
    let parameters = encode(0xA0, oid)
    let version: [UInt8] = [integer, 1, 1]
    let scalarHeader = header(octetString, length: scalar.count)
    let bodyLength = version.count + scalarHeader.count + scalar.count + parameters.count
    let outer = header(sequence, length: bodyLength)
    return SecretBytes(count: outer.count + bodyLength) { out in
      var i = 0
      for byte in outer + version + scalarHeader {
        out[i] = byte
        i += 1
      }
      scalar.withUnsafeBytes { s in
        for byte in s {
          out[i] = byte
          i += 1
        }
      }
      for byte in parameters {
        out[i] = byte
        i += 1
      }
    }
  }

  /// The scalar of an ECPrivateKey (RFC 5915), checked: version 1, an OCTET STRING of exactly
  /// `scalarByteCount` bytes, and the curve OID when `[0]` is present. A `[1]` publicKey, if
  /// present, is returned for the caller to check against the scalar.
  static func ecPrivateKeyScalar(
    _ der: SecretBytes, curveOID: [UInt8], scalarByteCount: Int, what: String
  ) throws
    -> (scalar: SecretBytes, publicKey: [UInt8]?)
  {
    try der.withUnsafeBytes { d in
      func fail(_ why: String) -> HybridKEMError { .invalidPrivateKey("\(what): \(why)") }
      let outer = try read(d, at: 0, what: what)
      guard outer.tag == sequence, outer.end == d.count else { throw fail("not one DER SEQUENCE") }
      let inner = UnsafeRawBufferPointer(rebasing: d[outer.content])
      let version = try read(inner, at: 0, what: what)
      guard version.tag == integer, version.content.count == 1, inner[version.content.lowerBound] == 1 else {
        throw fail("ECPrivateKey version must be 1")
      }
      let key = try read(inner, at: version.end, what: what)
      guard key.tag == octetString, key.content.count == scalarByteCount else {
        throw fail("ECPrivateKey scalar must be \(scalarByteCount) bytes")
      }
      var cursor = key.end
      var publicKey: [UInt8]? = nil
      if cursor < inner.count {
        let element = try read(inner, at: cursor, what: what)
        if element.tag == 0xA0 {
          let oid = try read(UnsafeRawBufferPointer(rebasing: inner[element.content]), at: 0, what: what)
          let base = element.content.lowerBound
          let oidBytes = Array(inner[(base + oid.content.lowerBound)..<(base + oid.content.upperBound)])
          guard oid.tag == objectIdentifier, oid.end == element.content.count, oidBytes == curveOID else {
            throw fail("ECPrivateKey names another curve")
          }
          cursor = element.end
        }
      }
      if cursor < inner.count {
        let element = try read(inner, at: cursor, what: what)
        guard element.tag == 0xA1 else { throw fail("unexpected field in ECPrivateKey") }
        let bits = try read(UnsafeRawBufferPointer(rebasing: inner[element.content]), at: 0, what: what)
        let base = element.content.lowerBound
        guard bits.tag == bitString, bits.end == element.content.count, bits.content.count >= 2,
          inner[base + bits.content.lowerBound] == 0
        else { throw fail("malformed ECPrivateKey publicKey") }
        publicKey = Array(inner[(base + bits.content.lowerBound + 1)..<(base + bits.content.upperBound)])
        cursor = element.end
      }
      guard cursor == inner.count else { throw fail("trailing data in ECPrivateKey") }
      return (SecretCopy.of(inner, key.content), publicKey)
    }
  }

  /// AlgorithmIdentifier { rsaEncryption, NULL } (RFC 8017, Appendix A.1).
  static let rsaAlgorithmIdentifier: [UInt8] = encode(
    sequence, encode(objectIdentifier, [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]) + [null, 0])

  /// SubjectPublicKeyInfo (RFC 5280) around a PKCS#1 RSAPublicKey.
  static func rsaSubjectPublicKeyInfo(_ rsaPublicKey: [UInt8]) -> [UInt8] {
    encode(sequence, rsaAlgorithmIdentifier + encode(bitString, [0] + rsaPublicKey))
  }

  /// The PKCS#1 RSAPublicKey inside an rsaEncryption SubjectPublicKeyInfo.
  static func rsaPublicKey(fromSubjectPublicKeyInfo spki: [UInt8]) throws -> [UInt8] {
    try spki.withUnsafeBytes { d in
      func fail(_ why: String) -> HybridKEMError { .invalidPublicKey("RSA public key: \(why)") }
      let outer = try read(d, at: 0, what: "RSA public key")
      guard outer.tag == sequence, outer.end == d.count else { throw fail("not one DER SEQUENCE") }
      let inner = UnsafeRawBufferPointer(rebasing: d[outer.content])
      let algorithm = try read(inner, at: 0, what: "RSA public key")
      guard Array(inner[0..<algorithm.end]) == rsaAlgorithmIdentifier else { throw fail("not rsaEncryption") }
      let bits = try read(inner, at: algorithm.end, what: "RSA public key")
      let base = outer.content.lowerBound
      guard bits.tag == bitString, bits.end == inner.count, bits.content.count >= 2,
        d[base + bits.content.lowerBound] == 0
      else { throw fail("malformed BIT STRING") }
      return Array(d[(base + bits.content.lowerBound + 1)..<(base + bits.content.upperBound)])
    }
  }

  /// PrivateKeyInfo (PKCS#8, RFC 5208) around a PKCS#1 RSAPrivateKey.
  static func rsaPrivateKeyInfo(_ rsaPrivateKey: SecretBytes) -> SecretBytes {
    let octetHeader = header(octetString, length: rsaPrivateKey.count)
    let prefix = [integer, 1, 0] + rsaAlgorithmIdentifier + octetHeader
    let outer = header(sequence, length: prefix.count + rsaPrivateKey.count)
    return SecretBytes(count: outer.count + prefix.count + rsaPrivateKey.count) { out in
      let head = outer + prefix
      for (i, byte) in head.enumerated() { out[i] = byte }
      rsaPrivateKey.withUnsafeBytes { key in
        UnsafeMutableRawBufferPointer(rebasing: out[head.count...]).copyMemory(from: key)
      }
    }
  }

  /// The PKCS#1 RSAPrivateKey inside an rsaEncryption PrivateKeyInfo (version 0, no attributes).
  static func rsaPrivateKey(fromPrivateKeyInfo pkcs8: SecretBytes) throws -> SecretBytes {
    try pkcs8.withUnsafeBytes { d in
      func fail(_ why: String) -> HybridKEMError { .invalidPrivateKey("RSA private key: \(why)") }
      let outer = try read(d, at: 0, what: "RSA private key")
      guard outer.tag == sequence, outer.end == d.count else { throw fail("not one DER SEQUENCE") }
      let inner = UnsafeRawBufferPointer(rebasing: d[outer.content])
      let version = try read(inner, at: 0, what: "RSA private key")
      guard version.tag == integer, version.content.count == 1, inner[version.content.lowerBound] == 0 else {
        throw fail("PrivateKeyInfo version must be 0")
      }
      let algorithm = try read(inner, at: version.end, what: "RSA private key")
      guard Array(inner[version.end..<algorithm.end]) == rsaAlgorithmIdentifier else { throw fail("not rsaEncryption") }
      let key = try read(inner, at: algorithm.end, what: "RSA private key")
      guard key.tag == octetString else { throw fail("malformed OCTET STRING") }
      let base = outer.content.lowerBound
      return SecretCopy.of(d, (base + key.content.lowerBound)..<(base + key.content.upperBound))
    }
  }

  /// Checks that `der` is exactly one DER SEQUENCE (the outer shape of RSAPublicKey and RSAPrivateKey).
  static func isSingleSequence(_ der: UnsafeRawBufferPointer) -> Bool {
    guard let element = try? read(der, at: 0, what: "key") else { return false }
    return element.tag == sequence && element.end == der.count
  }
}
