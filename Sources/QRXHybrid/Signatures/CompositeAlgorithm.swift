import QRXPrimitives

/// The pre-hash PH of a composite algorithm (draft-ietf-lamps-pq-composite-sigs-19, Section 7).
public enum CompositePreHash: String, Sendable, CaseIterable {
  /// SHA-256, 32 bytes.
  case sha256 = "SHA256"
  /// SHA-512, 64 bytes.
  case sha512 = "SHA512"
  /// SHAKE256 with 64 bytes of output.
  case shake256 = "SHAKE256"

  /// PH(M).
  public func hash(_ message: [UInt8]) -> [UInt8] {
    switch self {
    case .sha256: return SHA2.hash(.sha256, message)
    case .sha512: return SHA2.hash(.sha512, message)
    case .shake256: return SHAKE256.hash(message, outputLength: 64)
    }
  }
}

/// One composite signature algorithm: an ML-DSA (or other post-quantum) component, a traditional
/// component, a label that binds them, and a pre-hash. The 18 of
/// draft-ietf-lamps-pq-composite-sigs-19 (Section 7) keep its names, labels and OIDs; the QRX
/// combinations use the same construction with `QRX-` labels and no OID.
public struct CompositeSignatureAlgorithm: Sendable, Hashable, CustomStringConvertible {
  /// The name on the wire: the draft's name without `id-` (`MLDSA65-Ed25519-SHA512`).
  public let name: String
  /// The label (domain separator) as ASCII; it is also the ML-DSA / SLH-DSA context string
  /// (Falcon has none: there it is bound only through M').
  public let label: String
  /// The OID in dotted form; nil for QRX combinations, which have none.
  public let oid: String?
  /// The post-quantum component.
  public let postQuantum: PostQuantumSignatureComponent
  /// The traditional component.
  public let traditional: TraditionalSignatureComponent
  /// The pre-hash applied to the message.
  public let preHash: CompositePreHash

  /// The revision of the draft this construction follows.
  public static let draftRevision = "draft-ietf-lamps-pq-composite-sigs-19"

  /// `Prefix`: the ASCII bytes of "CompositeAlgorithmSignatures2025" (Section 2.2).
  public static let prefix: [UInt8] = Array("CompositeAlgorithmSignatures2025".utf8)

  /// The label's bytes.
  public var labelBytes: [UInt8] { Array(label.utf8) }

  /// Whether this is one of the draft's 18 algorithms (otherwise a QRX combination).
  public var isDraftAlgorithm: Bool { oid != nil }

  /// The NIST category of the composite: that of its post-quantum component.
  public var category: Int { postQuantum.category }

  /// Bytes of a composite public key when fixed (nil when the RSA key's DER length varies).
  public var publicKeyByteCount: Int? {
    traditional.publicKeyByteCount.map { postQuantum.publicKeyByteCount + $0 }
  }

  /// The longest composite signature, in bytes.
  public var maximumSignatureByteCount: Int {
    postQuantum.signatureByteCount + traditional.maximumSignatureByteCount
  }

  /// Splits a composite signature into its post-quantum and traditional halves. With a
  /// fixed-length post-quantum half (ML-DSA, SLH-DSA) the split is after it, as in the draft
  /// (Section 4.3); with Falcon's variable-length half the traditional half is the fixed-length
  /// tail (64 bytes for Ed25519 and secp256k1 `r‖s`). Throws on any length no split can serve.
  public func splitSignature(
    _ signature: [UInt8]
  ) throws
    -> (postQuantum: ArraySlice<UInt8>, traditional: ArraySlice<UInt8>)
  {
    if postQuantum.hasFixedSignatureLength {
      let split = postQuantum.signatureByteCount
      guard signature.count > split, signature.count <= maximumSignatureByteCount else {
        throw CompositeError.invalidSignature(
          algorithm: name,
          reason: "expected \(split + 1) to \(maximumSignatureByteCount) bytes, got \(signature.count)")
      }
      return (signature[..<split], signature[split...])
    }
    guard let tail = traditional.fixedSignatureByteCount else {
      // The table never pairs a variable-length post-quantum half with one (checked by tests).
      throw CompositeError.invalidSignature(algorithm: name, reason: "no unambiguous split")
    }
    let shortest = postQuantum.minimumSignatureByteCount + tail
    let longest = postQuantum.signatureByteCount + tail
    guard signature.count >= shortest, signature.count <= longest else {
      throw CompositeError.invalidSignature(
        algorithm: name, reason: "expected \(shortest) to \(longest) bytes, got \(signature.count)")
    }
    let split = signature.count - tail
    return (signature[..<split], signature[split...])
  }

  /// The name.
  public var description: String { name }

  /// The message representative M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M) (Section 4.2, step 2).
  public func messageRepresentative(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    guard context.count <= 255 else { throw CompositeError.contextTooLong(context.count) }
    let digest = preHash.hash(message)
    var mPrime: [UInt8] = []
    mPrime.reserveCapacity(Self.prefix.count + label.utf8.count + 1 + context.count + digest.count)
    mPrime += Self.prefix
    mPrime += labelBytes
    mPrime.append(UInt8(context.count))
    mPrime += context
    mPrime += digest
    return mPrime
  }
}

extension CompositeSignatureAlgorithm {
  private init(
    _ name: String, label: String, oid: String?, _ postQuantum: PostQuantumSignatureComponent,
    _ traditional: TraditionalSignatureComponent, _ preHash: CompositePreHash
  ) {
    self.name = name
    self.label = label
    self.oid = oid
    self.postQuantum = postQuantum
    self.traditional = traditional
    self.preHash = preHash
  }

  /// The 18 algorithms of draft-ietf-lamps-pq-composite-sigs-19, Section 7, in its order.
  public static let draftAlgorithms: [CompositeSignatureAlgorithm] = [
    .init(
      "MLDSA44-RSA2048-PSS-SHA256", label: "COMPSIG-MLDSA44-RSA2048-PSS-SHA256", oid: "1.3.6.1.5.5.7.6.37",
      .mldsa44, .rsa2048PSS, .sha256),
    .init(
      "MLDSA44-RSA2048-PKCS15-SHA256", label: "COMPSIG-MLDSA44-RSA2048-PKCS15-SHA256", oid: "1.3.6.1.5.5.7.6.38",
      .mldsa44, .rsa2048PKCS15, .sha256),
    .init(
      "MLDSA44-Ed25519-SHA512", label: "COMPSIG-MLDSA44-Ed25519-SHA512", oid: "1.3.6.1.5.5.7.6.39",
      .mldsa44, .ed25519, .sha512),
    .init(
      "MLDSA44-ECDSA-P256-SHA256", label: "COMPSIG-MLDSA44-ECDSA-P256-SHA256", oid: "1.3.6.1.5.5.7.6.40",
      .mldsa44, .ecdsaP256, .sha256),
    .init(
      "MLDSA65-RSA3072-PSS-SHA512", label: "COMPSIG-MLDSA65-RSA3072-PSS-SHA512", oid: "1.3.6.1.5.5.7.6.41",
      .mldsa65, .rsa3072PSS, .sha512),
    .init(
      "MLDSA65-RSA3072-PKCS15-SHA512", label: "COMPSIG-MLDSA65-RSA3072-PKCS15-SHA512", oid: "1.3.6.1.5.5.7.6.42",
      .mldsa65, .rsa3072PKCS15, .sha512),
    .init(
      "MLDSA65-RSA4096-PSS-SHA512", label: "COMPSIG-MLDSA65-RSA4096-PSS-SHA512", oid: "1.3.6.1.5.5.7.6.43",
      .mldsa65, .rsa4096PSS, .sha512),
    .init(
      "MLDSA65-RSA4096-PKCS15-SHA512", label: "COMPSIG-MLDSA65-RSA4096-PKCS15-SHA512", oid: "1.3.6.1.5.5.7.6.44",
      .mldsa65, .rsa4096PKCS15, .sha512),
    .init(
      "MLDSA65-ECDSA-P256-SHA512", label: "COMPSIG-MLDSA65-ECDSA-P256-SHA512", oid: "1.3.6.1.5.5.7.6.45",
      .mldsa65, .ecdsaP256, .sha512),
    .init(
      "MLDSA65-ECDSA-P384-SHA512", label: "COMPSIG-MLDSA65-ECDSA-P384-SHA512", oid: "1.3.6.1.5.5.7.6.46",
      .mldsa65, .ecdsaP384, .sha512),
    .init(
      "MLDSA65-ECDSA-brainpoolP256r1-SHA512", label: "COMPSIG-MLDSA65-ECDSA-BP256-SHA512",
      oid: "1.3.6.1.5.5.7.6.47", .mldsa65, .ecdsaBrainpoolP256r1, .sha512),
    .init(
      "MLDSA65-Ed25519-SHA512", label: "COMPSIG-MLDSA65-Ed25519-SHA512", oid: "1.3.6.1.5.5.7.6.48",
      .mldsa65, .ed25519, .sha512),
    .init(
      "MLDSA87-ECDSA-P384-SHA512", label: "COMPSIG-MLDSA87-ECDSA-P384-SHA512", oid: "1.3.6.1.5.5.7.6.49",
      .mldsa87, .ecdsaP384, .sha512),
    .init(
      "MLDSA87-ECDSA-brainpoolP384r1-SHA512", label: "COMPSIG-MLDSA87-ECDSA-BP384-SHA512",
      oid: "1.3.6.1.5.5.7.6.50", .mldsa87, .ecdsaBrainpoolP384r1, .sha512),
    .init(
      "MLDSA87-Ed448-SHAKE256", label: "COMPSIG-MLDSA87-Ed448-SHAKE256", oid: "1.3.6.1.5.5.7.6.51",
      .mldsa87, .ed448, .shake256),
    .init(
      "MLDSA87-RSA3072-PSS-SHA512", label: "COMPSIG-MLDSA87-RSA3072-PSS-SHA512", oid: "1.3.6.1.5.5.7.6.52",
      .mldsa87, .rsa3072PSS, .sha512),
    .init(
      "MLDSA87-RSA4096-PSS-SHA512", label: "COMPSIG-MLDSA87-RSA4096-PSS-SHA512", oid: "1.3.6.1.5.5.7.6.53",
      .mldsa87, .rsa4096PSS, .sha512),
    .init(
      "MLDSA87-ECDSA-P521-SHA512", label: "COMPSIG-MLDSA87-ECDSA-P521-SHA512", oid: "1.3.6.1.5.5.7.6.54",
      .mldsa87, .ecdsaP521, .sha512),
  ]

  /// QRX combinations: the draft's construction with QRX's own labels and no OID. Falcon takes no
  /// context, so in the Falcon combinations the label is bound only through M' (docs/FORMATS.md).
  /// The ML-DSA-87 and SLH-DSA pairings with Ed25519, P-256 and secp256k1 exist so that every
  /// classical key of the exchange has a composite to migrate to (docs/KEYS.md).
  public static let qrxAlgorithms: [CompositeSignatureAlgorithm] = [
    .init(
      "QRX-MLDSA65-secp256k1-ECDSA-SHA512", label: "QRX-COMPSIG-MLDSA65-secp256k1-ECDSA-SHA512", oid: nil,
      .mldsa65, .secp256k1ECDSA, .sha512),
    .init(
      "QRX-MLDSA87-secp256k1-ECDSA-SHA512", label: "QRX-COMPSIG-MLDSA87-secp256k1-ECDSA-SHA512", oid: nil,
      .mldsa87, .secp256k1ECDSA, .sha512),
    .init(
      "QRX-MLDSA65-secp256k1-Schnorr-SHA512", label: "QRX-COMPSIG-MLDSA65-secp256k1-Schnorr-SHA512", oid: nil,
      .mldsa65, .secp256k1Schnorr, .sha512),
    .init(
      "QRX-MLDSA87-secp256k1-Schnorr-SHA512", label: "QRX-COMPSIG-MLDSA87-secp256k1-Schnorr-SHA512", oid: nil,
      .mldsa87, .secp256k1Schnorr, .sha512),
    .init(
      "QRX-MLDSA87-Ed25519-SHA512", label: "QRX-COMPSIG-MLDSA87-Ed25519-SHA512", oid: nil,
      .mldsa87, .ed25519, .sha512),
    .init(
      "QRX-MLDSA87-ECDSA-P256-SHA512", label: "QRX-COMPSIG-MLDSA87-ECDSA-P256-SHA512", oid: nil,
      .mldsa87, .ecdsaP256, .sha512),
    .init(
      "QRX-SLHDSA-SHA2-128s-Ed25519-SHA512", label: "QRX-COMPSIG-SLHDSA-SHA2-128s-Ed25519-SHA512", oid: nil,
      .slhdsaSHA2_128s, .ed25519, .sha512),
    .init(
      "QRX-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512", label: "QRX-COMPSIG-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512",
      oid: nil, .slhdsaSHA2_128s, .secp256k1ECDSA, .sha512),
    .init(
      "QRX-Falcon512-Ed25519-SHA512", label: "QRX-COMPSIG-Falcon512-Ed25519-SHA512", oid: nil,
      .falcon512, .ed25519, .sha512),
    .init(
      "QRX-Falcon512-secp256k1-ECDSA-SHA512", label: "QRX-COMPSIG-Falcon512-secp256k1-ECDSA-SHA512", oid: nil,
      .falcon512, .secp256k1ECDSA, .sha512),
  ]

  /// Every composite signature algorithm, draft first.
  public static let all: [CompositeSignatureAlgorithm] = draftAlgorithms + qrxAlgorithms

  /// The algorithm named `name` (case-insensitive; a leading `id-` is accepted).
  public static func named(_ name: String) -> CompositeSignatureAlgorithm? {
    var wanted = name.lowercased()
    if wanted.hasPrefix("id-") { wanted.removeFirst(3) }
    return all.first { $0.name.lowercased() == wanted }
  }

  /// The algorithm with OID `oid` (dotted).
  public static func withOID(_ oid: String) -> CompositeSignatureAlgorithm? {
    all.first { $0.oid == oid }
  }
}
