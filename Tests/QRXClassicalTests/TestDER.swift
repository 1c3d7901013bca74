// A minimal DER writer for building keys and signatures from vector fields (n, e, d, ...; r, s),
// written here so that the expected encodings never come from the code under test.

enum TestDER {
  static func length(_ count: Int) -> [UInt8] {
    if count < 0x80 { return [UInt8(count)] }
    var bytes: [UInt8] = []
    var value = count
    while value > 0 {
      bytes.insert(UInt8(value & 0xFF), at: 0)
      value >>= 8
    }
    return [0x80 | UInt8(bytes.count)] + bytes
  }

  static func tlv(_ tag: UInt8, _ body: [UInt8]) -> [UInt8] { [tag] + length(body.count) + body }

  /// A non-negative INTEGER from big-endian magnitude bytes.
  static func integer(_ magnitude: [UInt8]) -> [UInt8] {
    var body = Array(magnitude.drop(while: { $0 == 0 }))
    if body.isEmpty { body = [0] }
    if body[0] & 0x80 != 0 { body.insert(0, at: 0) }
    return tlv(0x02, body)
  }

  static func sequence(_ items: [[UInt8]]) -> [UInt8] { tlv(0x30, items.flatMap { $0 }) }

  /// AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters.
  static let rsaEncryption: [UInt8] = sequence([
    [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01], [0x05, 0x00],
  ])

  /// SubjectPublicKeyInfo for an RSA public key (RFC 8017, Appendix A.1.1; RFC 5280).
  static func rsaPublicKey(n: [UInt8], e: [UInt8]) -> [UInt8] {
    let key = sequence([integer(n), integer(e)])
    return sequence([rsaEncryption, tlv(0x03, [0] + key)])
  }

  /// PKCS#8 PrivateKeyInfo for an RSA private key (RFC 8017, Appendix A.1.2; RFC 5208).
  static func rsaPrivateKey(_ components: [[UInt8]]) -> [UInt8] {
    let key = sequence([integer([0])] + components.map(integer))
    return sequence([integer([0]), rsaEncryption, tlv(0x04, key)])
  }

  /// ECDSA-Sig-Value (SEC1, Appendix C.8).
  static func ecdsaSignature(r: [UInt8], s: [UInt8]) -> [UInt8] { sequence([integer(r), integer(s)]) }
}
