import QRXClassical
import QRXPrimitives

// Every hybrid KEM and HPKE KEM of QRX by name and identifier: the command line, the file format
// and the tests read these tables.

extension ConcreteHybridKEM {
  /// X-Wing (draft-connolly-cfrg-xwing-kem) = MLKEM768-X25519, HPKE KEM 0x647a.
  public static let xWing = ConcreteHybridKEM(
    name: "X-Wing", kemID: 0x647a, pq: .mlkem768, group: .x25519, label: [0x5C, 0x2E, 0x2F, 0x2F, 0x5E, 0x5C])
  /// MLKEM768-P256 (draft-irtf-cfrg-concrete-hybrid-kems), HPKE KEM 0x0050.
  public static let mlkem768P256 = ConcreteHybridKEM(
    name: "MLKEM768-P256", kemID: 0x0050, pq: .mlkem768, group: .p256, label: Array("MLKEM768-P256".utf8))
  /// MLKEM1024-P384 (draft-irtf-cfrg-concrete-hybrid-kems), HPKE KEM 0x0051.
  public static let mlkem1024P384 = ConcreteHybridKEM(
    name: "MLKEM1024-P384", kemID: 0x0051, pq: .mlkem1024, group: .p384, label: Array("MLKEM1024-P384".utf8))

  /// The three, in display order.
  public static let all: [ConcreteHybridKEM] = [xWing, mlkem768P256, mlkem1024P384]
}

extension HPKEMLKEM {
  /// ML-KEM-512, HPKE KEM 0x0040.
  public static let mlkem512 = HPKEMLKEM(kemID: 0x0040, mlkem: .mlkem512)
  /// ML-KEM-768, HPKE KEM 0x0041.
  public static let mlkem768 = HPKEMLKEM(kemID: 0x0041, mlkem: .mlkem768)
  /// ML-KEM-1024, HPKE KEM 0x0042.
  public static let mlkem1024 = HPKEMLKEM(kemID: 0x0042, mlkem: .mlkem1024)
}

extension DHKEM {
  /// DHKEM(P-256, HKDF-SHA256), 0x0010.
  public static let p256 = DHKEM(kemID: 0x0010, group: .p256, kdf: .hkdfSHA256)
  /// DHKEM(P-384, HKDF-SHA384), 0x0011.
  public static let p384 = DHKEM(kemID: 0x0011, group: .p384, kdf: .hkdfSHA384)
  /// DHKEM(P-521, HKDF-SHA512), 0x0012.
  public static let p521 = DHKEM(kemID: 0x0012, group: .p521, kdf: .hkdfSHA512)
  /// DHKEM(X25519, HKDF-SHA256), 0x0020.
  public static let x25519 = DHKEM(kemID: 0x0020, group: .x25519, kdf: .hkdfSHA256)
  /// DHKEM(X448, HKDF-SHA512), 0x0021.
  public static let x448 = DHKEM(kemID: 0x0021, group: .x448, kdf: .hkdfSHA512)
}

extension CompositeMLKEM {
  /// The composite ML-KEM algorithms of draft-ietf-lamps-pq-composite-kem (Section 6), all of
  /// whose components QRX provides.
  public static let all: [CompositeMLKEM] = [
    CompositeMLKEM(
      name: "MLKEM768-RSA2048-SHA3-256", oid: "1.3.6.1.5.5.7.6.55", label: Array("MLKEM768-RSAOAEP2048".utf8),
      pq: .mlkem768, traditional: .rsa(.classical(RSA2048.self))),
    CompositeMLKEM(
      name: "MLKEM768-RSA3072-SHA3-256", oid: "1.3.6.1.5.5.7.6.56", label: Array("MLKEM768-RSAOAEP3072".utf8),
      pq: .mlkem768, traditional: .rsa(.classical(RSA3072.self))),
    CompositeMLKEM(
      name: "MLKEM768-RSA4096-SHA3-256", oid: "1.3.6.1.5.5.7.6.57", label: Array("MLKEM768-RSAOAEP4096".utf8),
      pq: .mlkem768, traditional: .rsa(.classical(RSA4096.self))),
    CompositeMLKEM(
      name: "MLKEM768-X25519-SHA3-256", oid: "1.3.6.1.5.5.7.6.58", label: [0x5C, 0x2E, 0x2F, 0x2F, 0x5E, 0x5C],
      pq: .mlkem768, traditional: .dh(.x25519)),
    CompositeMLKEM(
      name: "MLKEM768-ECDH-P256-SHA3-256", oid: "1.3.6.1.5.5.7.6.59", label: Array("MLKEM768-P256".utf8),
      pq: .mlkem768, traditional: .dh(.p256)),
    CompositeMLKEM(
      name: "MLKEM768-ECDH-P384-SHA3-256", oid: "1.3.6.1.5.5.7.6.60", label: Array("MLKEM768-P384".utf8),
      pq: .mlkem768, traditional: .dh(.p384)),
    CompositeMLKEM(
      name: "MLKEM768-ECDH-brainpoolP256r1-SHA3-256", oid: "1.3.6.1.5.5.7.6.61",
      label: Array("MLKEM768-BP256".utf8), pq: .mlkem768, traditional: .dh(.brainpoolP256r1)),
    CompositeMLKEM(
      name: "MLKEM1024-RSA3072-SHA3-256", oid: "1.3.6.1.5.5.7.6.62", label: Array("MLKEM1024-RSAOAEP3072".utf8),
      pq: .mlkem1024, traditional: .rsa(.classical(RSA3072.self))),
    CompositeMLKEM(
      name: "MLKEM1024-ECDH-P384-SHA3-256", oid: "1.3.6.1.5.5.7.6.63", label: Array("MLKEM1024-P384".utf8),
      pq: .mlkem1024, traditional: .dh(.p384)),
    CompositeMLKEM(
      name: "MLKEM1024-ECDH-brainpoolP384r1-SHA3-256", oid: "1.3.6.1.5.5.7.6.64",
      label: Array("MLKEM1024-BP384".utf8), pq: .mlkem1024, traditional: .dh(.brainpoolP384r1)),
    CompositeMLKEM(
      name: "MLKEM1024-X448-SHA3-256", oid: "1.3.6.1.5.5.7.6.65", label: Array("MLKEM1024-X448".utf8),
      pq: .mlkem1024, traditional: .dh(.x448)),
    CompositeMLKEM(
      name: "MLKEM1024-ECDH-P521-SHA3-256", oid: "1.3.6.1.5.5.7.6.66", label: Array("MLKEM1024-P521".utf8),
      pq: .mlkem1024, traditional: .dh(.p521)),
  ]

  /// The composite named `name` (case-insensitive, with or without `id-`).
  public static func named(_ name: String) -> CompositeMLKEM? {
    var wanted = name.lowercased()
    if wanted.hasPrefix("id-") { wanted.removeFirst(3) }
    return all.first { $0.name.lowercased() == wanted }
  }
}

extension McElieceHybridKEM {
  /// Classic-McEliece-6688128f + X25519 with the composite-KEM combiner and a QRX- label (issue 9).
  public static let mceliece6688128fX25519 = McElieceHybridKEM(
    name: "QRX-McEliece6688128f-X25519-SHA3-256", label: Array("QRX-KEM-McEliece6688128f-X25519-SHA3-256".utf8),
    pq: .mceliece6688128f, group: .x25519)

  /// Every McEliece hybrid, in display order.
  public static let all: [McElieceHybridKEM] = [mceliece6688128fX25519]
}

/// The HPKE KEMs QRX implements, by name and by `kem_id`.
public enum HPKEKEMs {
  /// Every HPKE KEM, in display order.
  public static let all: [any HPKEKEM] = [
    ConcreteHybridKEM.xWing, ConcreteHybridKEM.mlkem768P256, ConcreteHybridKEM.mlkem1024P384,
    HPKEMLKEM.mlkem512, HPKEMLKEM.mlkem768, HPKEMLKEM.mlkem1024,
    DHKEM.p256, DHKEM.p384, DHKEM.p521, DHKEM.x25519, DHKEM.x448,
  ]

  /// The KEM with identifier `kemID`.
  public static func kem(id kemID: UInt16) -> (any HPKEKEM)? { all.first { $0.kemID == kemID } }

  /// The KEM named `name` (case-insensitive): `X-Wing`, `MLKEM768-P256`, `ML-KEM-768`, `DHKEM(X25519, HKDF-SHA256)`.
  public static func kem(named name: String) -> (any HPKEKEM)? {
    all.first { $0.name.lowercased() == name.lowercased() }
  }
}
