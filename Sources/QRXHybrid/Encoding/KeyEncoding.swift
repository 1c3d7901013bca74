import QRXClassical
import QRXPostQuantum
import QRXPrimitives

/// SubjectPublicKeyInfo (RFC 5280) and OneAsymmetricKey / PKCS#8 (RFC 5958) for every algorithm
/// QRX gives an OID: ML-DSA (RFC 9881), ML-KEM (RFC 9935), SLH-DSA (RFC 9909), Ed25519/Ed448
/// (RFC 8410) and the 18 composites (draft-ietf-lamps-pq-composite-sigs-19, Section 5).
/// Private keys cross this API in the command line's stored form: ML-DSA ξ (or the expanded key
/// when that is all a file holds), ML-KEM d‖z (or expanded), SLH-DSA's 4n bytes, Ed seeds, the
/// composite's raw concatenation.
public enum KeyEncoding {
  /// Algorithm wire names and their OIDs (NIST CSOR arcs for ML-DSA/ML-KEM/SLH-DSA).
  public static let standaloneOIDs: [(name: String, oid: String)] = [
    ("ML-DSA-44", "2.16.840.1.101.3.4.3.17"), ("ML-DSA-65", "2.16.840.1.101.3.4.3.18"),
    ("ML-DSA-87", "2.16.840.1.101.3.4.3.19"),
    ("SLH-DSA-SHA2-128s", "2.16.840.1.101.3.4.3.20"), ("SLH-DSA-SHA2-128f", "2.16.840.1.101.3.4.3.21"),
    ("SLH-DSA-SHA2-192s", "2.16.840.1.101.3.4.3.22"), ("SLH-DSA-SHA2-192f", "2.16.840.1.101.3.4.3.23"),
    ("SLH-DSA-SHA2-256s", "2.16.840.1.101.3.4.3.24"), ("SLH-DSA-SHA2-256f", "2.16.840.1.101.3.4.3.25"),
    ("SLH-DSA-SHAKE-128s", "2.16.840.1.101.3.4.3.26"), ("SLH-DSA-SHAKE-128f", "2.16.840.1.101.3.4.3.27"),
    ("SLH-DSA-SHAKE-192s", "2.16.840.1.101.3.4.3.28"), ("SLH-DSA-SHAKE-192f", "2.16.840.1.101.3.4.3.29"),
    ("SLH-DSA-SHAKE-256s", "2.16.840.1.101.3.4.3.30"), ("SLH-DSA-SHAKE-256f", "2.16.840.1.101.3.4.3.31"),
    ("ML-KEM-512", "2.16.840.1.101.3.4.4.1"), ("ML-KEM-768", "2.16.840.1.101.3.4.4.2"),
    ("ML-KEM-1024", "2.16.840.1.101.3.4.4.3"),
    ("Ed25519", "1.3.101.112"), ("Ed448", "1.3.101.113"),
  ]

  /// The OID of the algorithm named `name` (case-insensitive), standalone or composite.
  public static func oid(forAlgorithm name: String) -> String? {
    if let entry = standaloneOIDs.first(where: { $0.name.lowercased() == name.lowercased() }) { return entry.oid }
    return CompositeSignatureAlgorithm.named(name)?.oid
  }

  /// The algorithm name for `oid`.
  public static func algorithm(forOID oid: String) -> String? {
    if let entry = standaloneOIDs.first(where: { $0.oid == oid }) { return entry.name }
    return CompositeSignatureAlgorithm.withOID(oid)?.name
  }

  // MARK: Public keys

  /// The SubjectPublicKeyInfo DER of `publicKey` (the algorithm's raw encoding).
  public static func subjectPublicKeyInfo(algorithm: String, publicKey: [UInt8]) throws -> [UInt8] {
    guard let oid = oid(forAlgorithm: algorithm) else { throw DERError.unsupportedAlgorithm("\(algorithm) has no OID") }
    return DER.sequence([DER.algorithmIdentifier(oid), DER.bitString(publicKey)])
  }

  /// The algorithm and raw public key of a SubjectPublicKeyInfo DER.
  public static func decodeSubjectPublicKeyInfo(_ der: [UInt8]) throws -> (algorithm: String, publicKey: [UInt8]) {
    var reader = DERReader(der)
    var spki = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    let oid = try DER.readAlgorithmIdentifier(&spki)
    let key = Array(try DER.bitStringBytes(spki.read(DERTag.bitString)))
    try spki.finish()
    guard let algorithm = algorithm(forOID: oid) else { throw DERError.unsupportedAlgorithm(oid) }
    return (algorithm, key)
  }

  // MARK: Private keys

  /// The OneAsymmetricKey (version 0, no attributes) DER of a private key in stored form.
  /// ML-DSA and ML-KEM keys are written in the `seed` CHOICE when the stored form is the seed,
  /// `expandedKey` otherwise (RFC 9881, Section 6; RFC 9935, Section 6).
  public static func privateKeyInfo(algorithm: String, privateKey: SecretBytes) throws -> SecretBytes {
    guard let oid = oid(forAlgorithm: algorithm) else { throw DERError.unsupportedAlgorithm("\(algorithm) has no OID") }
    var key = privateKey.copyBytes()
    defer { SecretBytes.wipe(&key) }
    var inner: [UInt8]
    switch family(of: algorithm) {
    case .mldsa:
      inner = key.count == 32 ? DER.element(DERTag.contextPrimitive(0), key) : DER.octetString(key)
    case .mlkem:
      inner = key.count == 64 ? DER.element(DERTag.contextPrimitive(0), key) : DER.octetString(key)
    case .eddsa:
      inner = DER.octetString(key)  // CurvePrivateKey (RFC 8410, Section 7)
    case .slhdsa, .composite:
      inner = key  // the raw key is the privateKey OCTET STRING's content
    }
    defer { SecretBytes.wipe(&inner) }
    var out = DER.sequence([DER.integer(0), DER.algorithmIdentifier(oid), DER.octetString(inner)])
    defer { SecretBytes.wipe(&out) }
    return SecretBytes(out)
  }

  /// The algorithm and stored-form private key of a OneAsymmetricKey DER (version 0 or 1;
  /// attributes ignored; a public key, when present, must match). ML-DSA and ML-KEM accept the
  /// three CHOICEs and check that seed and expanded key agree.
  public static func decodePrivateKeyInfo(_ der: SecretBytes) throws -> (algorithm: String, privateKey: SecretBytes) {
    var bytes = der.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    var reader = DERReader(bytes)
    var info = DERReader(try reader.read(DERTag.sequence))
    try reader.finish()
    let version = try info.readSmallInteger()
    guard version == 0 || version == 1 else { throw DERError.invalidContent("OneAsymmetricKey version \(version)") }
    let oid = try DER.readAlgorithmIdentifier(&info)
    guard let algorithm = algorithm(forOID: oid) else { throw DERError.unsupportedAlgorithm(oid) }
    var inner = Array(try info.read(DERTag.octetString))
    defer { SecretBytes.wipe(&inner) }
    if info.nextTag == DERTag.contextConstructed(0) { _ = try info.read(DERTag.contextConstructed(0)) }
    var embeddedPublicKey: [UInt8]? = nil
    if version == 1, info.nextTag == DERTag.contextPrimitive(1) {
      embeddedPublicKey = Array(try DER.bitStringBytes(info.read(DERTag.contextPrimitive(1))))
    }
    try info.finish()
    let key = try storedPrivateKey(algorithm: algorithm, inner: inner)
    if let embeddedPublicKey {
      guard try publicKey(algorithm: algorithm, privateKey: key) == embeddedPublicKey else {
        throw DERError.invalidContent("public key does not match the private key")
      }
    }
    return (algorithm, key)
  }

  private enum Family { case mldsa, mlkem, slhdsa, eddsa, composite }

  private static func family(of algorithm: String) -> Family {
    if algorithm.hasPrefix("ML-DSA") { return .mldsa }
    if algorithm.hasPrefix("ML-KEM") { return .mlkem }
    if algorithm.hasPrefix("SLH-DSA") { return .slhdsa }
    if algorithm.hasPrefix("Ed") { return .eddsa }
    return .composite
  }

  /// The stored form from the privateKey OCTET STRING's content.
  private static func storedPrivateKey(algorithm: String, inner: [UInt8]) throws -> SecretBytes {
    switch family(of: algorithm) {
    case .mldsa, .mlkem:
      return try seedOrExpanded(algorithm: algorithm, inner: inner)
    case .eddsa:
      var reader = DERReader(inner)
      let seed = try reader.read(DERTag.octetString)
      try reader.finish()
      let expected = algorithm == "Ed25519" ? 32 : 57
      guard seed.count == expected else { throw DERError.invalidContent("\(algorithm) key must be \(expected) bytes") }
      return SecretBytes(seed)
    case .slhdsa:
      guard let parameters = SLHDSAParameters.named(algorithm), inner.count == parameters.privateKeyByteCount else {
        throw DERError.invalidContent("\(algorithm) private key has the wrong length")
      }
      return SecretBytes(inner)
    case .composite:
      guard let composite = CompositeSignatureAlgorithm.named(algorithm) else {
        throw DERError.unsupportedAlgorithm(algorithm)
      }
      let key = SecretBytes(inner)
      _ = try CompositeSignature.PrivateKey(algorithm: composite, rawRepresentation: key)  // validates
      return key
    }
  }

  /// RFC 9881 / RFC 9935 private key CHOICE: seed [0], expandedKey OCTET STRING, or both SEQUENCE.
  private static func seedOrExpanded(algorithm: String, inner: [UInt8]) throws -> SecretBytes {
    let seedLength = family(of: algorithm) == .mldsa ? 32 : 64
    var reader = DERReader(inner)
    let (tag, content) = try reader.readAny()
    try reader.finish()
    switch tag {
    case DERTag.contextPrimitive(0):
      guard content.count == seedLength else { throw DERError.invalidContent("seed must be \(seedLength) bytes") }
      let seed = SecretBytes(content)
      _ = try StandaloneKeys.expanded(algorithm: algorithm, privateKey: seed)  // validates
      return seed
    case DERTag.octetString:
      let expanded = SecretBytes(content)
      _ = try StandaloneKeys.expanded(algorithm: algorithm, privateKey: expanded)  // validates
      return expanded
    case DERTag.sequence:
      var both = DERReader(content)
      let seedBytes = try both.read(DERTag.octetString)
      let expandedBytes = try both.read(DERTag.octetString)
      try both.finish()
      guard seedBytes.count == seedLength else { throw DERError.invalidContent("seed must be \(seedLength) bytes") }
      let seed = SecretBytes(seedBytes)
      let derived = try StandaloneKeys.expanded(algorithm: algorithm, privateKey: seed)
      guard derived.constantTimeEquals(SecretBytes(expandedBytes)) else {
        throw DERError.invalidContent("seed and expanded key do not match")
      }
      return seed
    default:
      throw DERError.unexpectedTag(expected: DERTag.contextPrimitive(0), actual: tag)
    }
  }

  /// The raw public key of a private key in stored form.
  public static func publicKey(algorithm: String, privateKey: SecretBytes) throws -> [UInt8] {
    if let composite = CompositeSignatureAlgorithm.named(algorithm) {
      return try CompositeSignature.PrivateKey(algorithm: composite, rawRepresentation: privateKey).publicKey
        .rawRepresentation
    }
    return try StandaloneKeys.publicKey(algorithm: algorithm, privateKey: privateKey)
  }

  // MARK: PEM

  /// `PUBLIC KEY` PEM of a raw public key.
  public static func publicKeyPEM(algorithm: String, publicKey: [UInt8]) throws -> [UInt8] {
    PEM.encode(label: "PUBLIC KEY", der: try subjectPublicKeyInfo(algorithm: algorithm, publicKey: publicKey))
  }

  /// `PRIVATE KEY` PEM of a stored-form private key.
  public static func privateKeyPEM(algorithm: String, privateKey: SecretBytes) throws -> SecretBytes {
    PEM.encode(label: "PRIVATE KEY", der: try privateKeyInfo(algorithm: algorithm, privateKey: privateKey))
  }

  /// A PEM `PUBLIC KEY` or `PRIVATE KEY`: the algorithm from its OID and the key (private keys in
  /// stored form, in secret storage; public keys as raw bytes in the same wrapper).
  public static func decodePEM(_ text: SecretBytes) throws -> (algorithm: String, isPrivate: Bool, key: SecretBytes) {
    var bytes = text.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    let decoded = try PEM.decode(bytes)
    var der = decoded.der
    defer { SecretBytes.wipe(&der) }
    switch decoded.label {
    case "PUBLIC KEY":
      let (algorithm, key) = try decodeSubjectPublicKeyInfo(der)
      return (algorithm, false, SecretBytes(key))
    case "PRIVATE KEY":
      let (algorithm, key) = try decodePrivateKeyInfo(SecretBytes(der))
      return (algorithm, true, key)
    default:
      throw DERError.invalidPEM("unsupported label \(decoded.label)")
    }
  }
}

/// Key derivations for the standalone post-quantum algorithms, by name.
enum StandaloneKeys {
  /// The expanded private key of a stored-form key (seed or expanded, told apart by length);
  /// throws when an expanded key is inconsistent.
  static func expanded(algorithm: String, privateKey: SecretBytes) throws -> SecretBytes {
    switch (algorithm, privateKey.count) {
    case ("ML-DSA-44", 32): return try MLDSA44.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    case ("ML-DSA-65", 32): return try MLDSA65.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    case ("ML-DSA-87", 32): return try MLDSA87.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    case ("ML-DSA-44", _): return try MLDSA44.PrivateKey(expandedRepresentation: privateKey).expandedRepresentation
    case ("ML-DSA-65", _): return try MLDSA65.PrivateKey(expandedRepresentation: privateKey).expandedRepresentation
    case ("ML-DSA-87", _): return try MLDSA87.PrivateKey(expandedRepresentation: privateKey).expandedRepresentation
    case ("ML-KEM-512", 64): return try MLKEM512.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    case ("ML-KEM-768", 64): return try MLKEM768.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    case ("ML-KEM-1024", 64): return try MLKEM1024.PrivateKey(seedRepresentation: privateKey).expandedRepresentation
    // An expanded key alone cannot show a corrupted s (RFC 9935, Appendix C.4, example 2): a
    // pair-wise consistency test (SP 800-227, Section 3.3) encapsulates to ek and decapsulates.
    case ("ML-KEM-512", _):
      let key = try MLKEM512.PrivateKey(expandedRepresentation: privateKey)
      try pairwiseCheck(key.publicKey.encapsulate(), key.decapsulate)
      return key.expandedRepresentation
    case ("ML-KEM-768", _):
      let key = try MLKEM768.PrivateKey(expandedRepresentation: privateKey)
      try pairwiseCheck(key.publicKey.encapsulate(), key.decapsulate)
      return key.expandedRepresentation
    case ("ML-KEM-1024", _):
      let key = try MLKEM1024.PrivateKey(expandedRepresentation: privateKey)
      try pairwiseCheck(key.publicKey.encapsulate(), key.decapsulate)
      return key.expandedRepresentation
    default: throw DERError.unsupportedAlgorithm(algorithm)
    }
  }

  /// Throws unless decapsulating the ciphertext of `encapsulation` gives its shared secret.
  private static func pairwiseCheck(
    _ encapsulation: (sharedSecret: SecretBytes, ciphertext: [UInt8]), _ decapsulate: ([UInt8]) throws -> SecretBytes
  ) throws {
    guard try decapsulate(encapsulation.ciphertext).constantTimeEquals(encapsulation.sharedSecret) else {
      throw DERError.invalidContent("expanded ML-KEM key fails the pair-wise consistency test")
    }
  }

  /// The raw public key of a stored-form private key.
  static func publicKey(algorithm: String, privateKey: SecretBytes) throws -> [UInt8] {
    let seed = privateKey.count == 32 || privateKey.count == 64
    switch algorithm {
    case "ML-DSA-44":
      return seed
        ? try MLDSA44.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLDSA44.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "ML-DSA-65":
      return seed
        ? try MLDSA65.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLDSA65.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "ML-DSA-87":
      return seed
        ? try MLDSA87.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLDSA87.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "ML-KEM-512":
      return seed
        ? try MLKEM512.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLKEM512.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "ML-KEM-768":
      return seed
        ? try MLKEM768.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLKEM768.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "ML-KEM-1024":
      return seed
        ? try MLKEM1024.PrivateKey(seedRepresentation: privateKey).publicKey.rawRepresentation
        : try MLKEM1024.PrivateKey(expandedRepresentation: privateKey).publicKey.rawRepresentation
    case "Ed25519": return try Ed25519.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation
    case "Ed448": return try Ed448.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation
    default:
      if let parameters = SLHDSAParameters.named(algorithm), privateKey.count == parameters.privateKeyByteCount {
        let n = parameters.n
        return privateKey.withUnsafeBytes { Array($0[(2 * n)..<(4 * n)]) }
      }
      throw DERError.unsupportedAlgorithm("no public key derivation for \(algorithm)")
    }
  }
}
