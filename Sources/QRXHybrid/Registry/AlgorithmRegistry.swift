// The one table of every algorithm QRX names on the wire (docs/HYBRID.md). The command line, the
// validator, the API and the docs read it; nothing else hard-codes a list of algorithms.

/// What an algorithm does.
public enum AlgorithmKind: String, Sendable, Codable, CaseIterable {
  /// Signs and verifies.
  case signature
  /// Encapsulates and decapsulates a shared secret.
  case kem
  /// Diffie-Hellman key agreement (a building block of hybrid KEMs, not a KEM itself).
  case keyAgreement = "key-agreement"
}

/// Whether an algorithm may be used.
public enum AlgorithmStatus: String, Sendable, Codable, CaseIterable {
  /// Standardized and recommended.
  case approved
  /// Still verifiable or decryptable, no longer for new keys.
  case deprecated
  /// Implemented but not standardized (QRX combinations, drafts not yet final, round-3 designs).
  case experimental
}

/// One row of the registry.
public struct AlgorithmDescriptor: Sendable, Codable, Hashable {
  /// The name on the wire.
  public let name: String
  /// Signature, KEM or key agreement.
  public let kind: AlgorithmKind
  /// The family (`ML-DSA`, `Composite-ML-DSA`, `Ed25519` …).
  public let family: String
  /// NIST security category 1–5 for post-quantum and hybrid algorithms; 0 for classical-only
  /// algorithms, which give no security against a quantum computer.
  public let category: Int
  /// Bytes of a public key (nil when it varies, as RSA DER does).
  public let publicKeyBytes: Int?
  /// Bytes of the stored private key (nil when it varies).
  public let privateKeyBytes: Int?
  /// Bytes of a signature (the maximum, for variable-length ones); nil for KEMs.
  public let signatureBytes: Int?
  /// Bytes of a ciphertext; nil for signatures.
  public let ciphertextBytes: Int?
  /// The OID in dotted form, when the algorithm has one.
  public let oid: String?
  /// Approved, deprecated or experimental.
  public let status: AlgorithmStatus
  /// Whether some part of the algorithm resists a quantum computer.
  public var isPostQuantum: Bool { category > 0 }
  /// Whether the algorithm combines a classical and a post-quantum component.
  public let isHybrid: Bool
}

/// Every algorithm by its wire name.
public enum AlgorithmRegistry {
  /// All rows, in display order: classical, post-quantum, hybrid; signatures before KEMs.
  public static let all: [AlgorithmDescriptor] =
    classicalSignatures + postQuantumSignatures + compositeSignatures + classicalAgreements + postQuantumKEMs
    + hybridKEMs

  /// The row for `name` (case-insensitive; a leading `id-` is accepted for composites).
  public static func descriptor(named name: String) -> AlgorithmDescriptor? {
    var wanted = name.lowercased()
    if wanted.hasPrefix("id-") { wanted.removeFirst(3) }
    return all.first { $0.name.lowercased() == wanted }
  }

  /// The row whose OID is `oid`.
  public static func descriptor(oid: String) -> AlgorithmDescriptor? { all.first { $0.oid == oid } }

  private static func row(
    _ name: String, _ kind: AlgorithmKind, _ family: String, category: Int, pk: Int?, sk: Int?, sig: Int? = nil,
    ct: Int? = nil, oid: String? = nil, _ status: AlgorithmStatus, hybrid: Bool = false
  ) -> AlgorithmDescriptor {
    AlgorithmDescriptor(
      name: name, kind: kind, family: family, category: category, publicKeyBytes: pk, privateKeyBytes: sk,
      signatureBytes: sig, ciphertextBytes: ct, oid: oid, status: status, isHybrid: hybrid)
  }

  static let classicalSignatures: [AlgorithmDescriptor] = [
    row("Ed25519", .signature, "EdDSA", category: 0, pk: 32, sk: 32, sig: 64, oid: "1.3.101.112", .approved),
    row("Ed448", .signature, "EdDSA", category: 0, pk: 57, sk: 57, sig: 114, oid: "1.3.101.113", .approved),
    row("secp256k1-ECDSA", .signature, "ECDSA", category: 0, pk: 33, sk: 32, sig: 64, .approved),
    row("secp256k1-Schnorr", .signature, "BIP-340", category: 0, pk: 32, sk: 32, sig: 64, .approved),
    row("ECDSA-P256", .signature, "ECDSA", category: 0, pk: 65, sk: 32, sig: 72, .approved),
    row("ECDSA-P384", .signature, "ECDSA", category: 0, pk: 97, sk: 48, sig: 104, .approved),
    row("ECDSA-P521", .signature, "ECDSA", category: 0, pk: 133, sk: 66, sig: 139, .approved),
    row("ECDSA-brainpoolP256r1", .signature, "ECDSA", category: 0, pk: 65, sk: 32, sig: 72, .approved),
    row("ECDSA-brainpoolP384r1", .signature, "ECDSA", category: 0, pk: 97, sk: 48, sig: 104, .approved),
    row("RSA-2048-PSS", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 256, .deprecated),
    row("RSA-3072-PSS", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 384, .approved),
    row("RSA-4096-PSS", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 512, .approved),
    row("RSA-2048-PKCS1-SHA256", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 256, .deprecated),
    row("RSA-3072-PKCS1-SHA256", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 384, .deprecated),
    row("RSA-4096-PKCS1-SHA256", .signature, "RSA", category: 0, pk: nil, sk: nil, sig: 512, .deprecated),
  ]

  static let postQuantumSignatures: [AlgorithmDescriptor] = {
    var rows: [AlgorithmDescriptor] = [
      row(
        "ML-DSA-44", .signature, "ML-DSA", category: 2, pk: 1312, sk: 32, sig: 2420, oid: "2.16.840.1.101.3.4.3.17",
        .approved),
      row(
        "ML-DSA-65", .signature, "ML-DSA", category: 3, pk: 1952, sk: 32, sig: 3309, oid: "2.16.840.1.101.3.4.3.18",
        .approved),
      row(
        "ML-DSA-87", .signature, "ML-DSA", category: 5, pk: 2592, sk: 32, sig: 4627, oid: "2.16.840.1.101.3.4.3.19",
        .approved),
    ]
    // FIPS 205, Table 2: n, category and signature size per set.
    let slh: [(String, Int, Int, Int, String)] = [
      ("SLH-DSA-SHA2-128s", 16, 1, 7856, "20"), ("SLH-DSA-SHA2-128f", 16, 1, 17088, "21"),
      ("SLH-DSA-SHA2-192s", 24, 3, 16224, "22"), ("SLH-DSA-SHA2-192f", 24, 3, 35664, "23"),
      ("SLH-DSA-SHA2-256s", 32, 5, 29792, "24"), ("SLH-DSA-SHA2-256f", 32, 5, 49856, "25"),
      ("SLH-DSA-SHAKE-128s", 16, 1, 7856, "26"), ("SLH-DSA-SHAKE-128f", 16, 1, 17088, "27"),
      ("SLH-DSA-SHAKE-192s", 24, 3, 16224, "28"), ("SLH-DSA-SHAKE-192f", 24, 3, 35664, "29"),
      ("SLH-DSA-SHAKE-256s", 32, 5, 29792, "30"), ("SLH-DSA-SHAKE-256f", 32, 5, 49856, "31"),
    ]
    for (name, n, category, signature, arc) in slh {
      rows.append(
        row(
          name, .signature, "SLH-DSA", category: category, pk: 2 * n, sk: 4 * n, sig: signature,
          oid: "2.16.840.1.101.3.4.3." + arc, .approved))
    }
    // Falcon (round-3 specification; FN-DSA is not final): experimental.
    rows.append(row("Falcon-512", .signature, "Falcon", category: 1, pk: 897, sk: 1281, sig: 752, .experimental))
    rows.append(row("Falcon-1024", .signature, "Falcon", category: 5, pk: 1793, sk: 2305, sig: 1462, .experimental))
    return rows
  }()

  static let compositeSignatures: [AlgorithmDescriptor] = CompositeSignatureAlgorithm.all.map { algorithm in
    let pkBytes = algorithm.publicKeyByteCount
    let skBytes = algorithm.traditional.privateKeyByteCount.map { algorithm.postQuantum.privateKeyByteCount + $0 }
    return row(
      algorithm.name, .signature, algorithm.isDraftAlgorithm ? "Composite-ML-DSA" : "QRX-Composite",
      category: algorithm.category, pk: pkBytes, sk: skBytes, sig: algorithm.maximumSignatureByteCount,
      oid: algorithm.oid, algorithm.isDraftAlgorithm ? .approved : .experimental, hybrid: true)
  }

  static let classicalAgreements: [AlgorithmDescriptor] = [
    row("X25519", .keyAgreement, "ECDH", category: 0, pk: 32, sk: 32, ct: 32, oid: "1.3.101.110", .approved),
    row("X448", .keyAgreement, "ECDH", category: 0, pk: 56, sk: 56, ct: 56, oid: "1.3.101.111", .approved),
    row("ECDH-P256", .keyAgreement, "ECDH", category: 0, pk: 65, sk: 32, ct: 65, .approved),
    row("ECDH-P384", .keyAgreement, "ECDH", category: 0, pk: 97, sk: 48, ct: 97, .approved),
    row("ECDH-P521", .keyAgreement, "ECDH", category: 0, pk: 133, sk: 66, ct: 133, .approved),
    row("secp256k1-ECDH", .keyAgreement, "ECDH", category: 0, pk: 33, sk: 32, ct: 33, .approved),
  ]

  static let postQuantumKEMs: [AlgorithmDescriptor] = [
    row("ML-KEM-512", .kem, "ML-KEM", category: 1, pk: 800, sk: 64, ct: 768, oid: "2.16.840.1.101.3.4.4.1", .approved),
    row(
      "ML-KEM-768", .kem, "ML-KEM", category: 3, pk: 1184, sk: 64, ct: 1088, oid: "2.16.840.1.101.3.4.4.2", .approved),
    row(
      "ML-KEM-1024", .kem, "ML-KEM", category: 5, pk: 1568, sk: 64, ct: 1568, oid: "2.16.840.1.101.3.4.4.3",
      .approved),
    // Classic McEliece (round-4 submission; ISO standardization pending): experimental.
    row("Classic-McEliece-348864", .kem, "Classic-McEliece", category: 1, pk: 261120, sk: 6492, ct: 96, .experimental),
    row("Classic-McEliece-348864f", .kem, "Classic-McEliece", category: 1, pk: 261120, sk: 6492, ct: 96, .experimental),
    row(
      "Classic-McEliece-460896", .kem, "Classic-McEliece", category: 3, pk: 524160, sk: 13608, ct: 156, .experimental),
    row(
      "Classic-McEliece-460896f", .kem, "Classic-McEliece", category: 3, pk: 524160, sk: 13608, ct: 156, .experimental),
    row(
      "Classic-McEliece-6688128", .kem, "Classic-McEliece", category: 5, pk: 1_044_992, sk: 13932, ct: 208,
      .experimental),
    row(
      "Classic-McEliece-6688128f", .kem, "Classic-McEliece", category: 5, pk: 1_044_992, sk: 13932, ct: 208,
      .experimental),
    row(
      "Classic-McEliece-6960119", .kem, "Classic-McEliece", category: 5, pk: 1_047_319, sk: 13948, ct: 194,
      .experimental),
    row(
      "Classic-McEliece-6960119f", .kem, "Classic-McEliece", category: 5, pk: 1_047_319, sk: 13948, ct: 194,
      .experimental),
    row(
      "Classic-McEliece-8192128", .kem, "Classic-McEliece", category: 5, pk: 1_357_824, sk: 14120, ct: 208,
      .experimental),
    row(
      "Classic-McEliece-8192128f", .kem, "Classic-McEliece", category: 5, pk: 1_357_824, sk: 14120, ct: 208,
      .experimental),
  ]

  /// The hybrid KEMs of the HPKE/KEM half of the hybrid layer (names as registered there).
  static let hybridKEMs: [AlgorithmDescriptor] = [
    row("X-Wing", .kem, "X-Wing", category: 3, pk: 1216, sk: 32, ct: 1120, .approved, hybrid: true),
    row("MLKEM768-P256", .kem, "HPKE-PQ", category: 3, pk: 1249, sk: nil, ct: 1153, .experimental, hybrid: true),
    row("MLKEM1024-P384", .kem, "HPKE-PQ", category: 5, pk: 1665, sk: nil, ct: 1665, .experimental, hybrid: true),
    row(
      "MLKEM768-RSA2048-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: nil, sk: nil, ct: 1344,
      oid: "1.3.6.1.5.5.7.6.55", .experimental, hybrid: true),
    row(
      "MLKEM768-RSA3072-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: nil, sk: nil, ct: 1472,
      oid: "1.3.6.1.5.5.7.6.56", .experimental, hybrid: true),
    row(
      "MLKEM768-RSA4096-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: nil, sk: nil, ct: 1600,
      oid: "1.3.6.1.5.5.7.6.57", .experimental, hybrid: true),
    row(
      "MLKEM768-X25519-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: 1216, sk: nil, ct: 1120,
      oid: "1.3.6.1.5.5.7.6.58", .experimental, hybrid: true),
    row(
      "MLKEM768-ECDH-P256-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: 1249, sk: nil, ct: 1153,
      oid: "1.3.6.1.5.5.7.6.59", .experimental, hybrid: true),
    row(
      "MLKEM768-ECDH-P384-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: 1281, sk: nil, ct: 1185,
      oid: "1.3.6.1.5.5.7.6.60", .experimental, hybrid: true),
    row(
      "MLKEM768-ECDH-brainpoolP256r1-SHA3-256", .kem, "Composite-ML-KEM", category: 3, pk: 1249, sk: nil, ct: 1153,
      oid: "1.3.6.1.5.5.7.6.61", .experimental, hybrid: true),
    row(
      "MLKEM1024-RSA3072-SHA3-256", .kem, "Composite-ML-KEM", category: 5, pk: nil, sk: nil, ct: 1952,
      oid: "1.3.6.1.5.5.7.6.62", .experimental, hybrid: true),
    row(
      "MLKEM1024-ECDH-P384-SHA3-256", .kem, "Composite-ML-KEM", category: 5, pk: 1665, sk: nil, ct: 1665,
      oid: "1.3.6.1.5.5.7.6.63", .experimental, hybrid: true),
    row(
      "MLKEM1024-ECDH-brainpoolP384r1-SHA3-256", .kem, "Composite-ML-KEM", category: 5, pk: 1665, sk: nil, ct: 1665,
      oid: "1.3.6.1.5.5.7.6.64", .experimental, hybrid: true),
    row(
      "MLKEM1024-X448-SHA3-256", .kem, "Composite-ML-KEM", category: 5, pk: 1624, sk: nil, ct: 1624,
      oid: "1.3.6.1.5.5.7.6.65", .experimental, hybrid: true),
    row(
      "MLKEM1024-ECDH-P521-SHA3-256", .kem, "Composite-ML-KEM", category: 5, pk: 1701, sk: nil, ct: 1701,
      oid: "1.3.6.1.5.5.7.6.66", .experimental, hybrid: true),
    // QRX combination (issue 9): Classic McEliece's NIST private key ‖ raw X25519 scalar.
    row(
      "QRX-McEliece6688128f-X25519-SHA3-256", .kem, "QRX-Hybrid-KEM", category: 5, pk: 1_045_024, sk: 13964,
      ct: 240, .experimental, hybrid: true),
  ]
}
