import QRXPrimitives

// DHKEM(Group, KDF) (draft-ietf-hpke-hpke, Section 4.1) over P-256, P-384, P-521, X25519 and X448,
// each with its own HKDF. Private keys are the raw scalar (big-endian for the NIST curves, the
// 32/56-byte string for X25519/X448); public keys and encapsulated keys the uncompressed SEC1
// point or the u-coordinate.

/// A Diffie-Hellman based HPKE KEM (KEM ids 0x0010, 0x0011, 0x0012, 0x0020, 0x0021).
public struct DHKEM: HPKEKEM {
  public let kemID: UInt16
  let group: DHGroupComponent
  /// The KEM's own KDF (not the ciphersuite's).
  let kdf: HPKEKDF

  public var name: String { "DHKEM(\(group.name), \(kdf))" }
  /// `Nsecret`: the output length of the KDF's hash.
  public var sharedSecretByteCount: Int { kdf.Nh }
  public var seedByteCount: Int? { group.scalarByteCount }
  public var encapsulatedKeyByteCount: Int { group.elementByteCount }
  public var publicKeyByteCount: Int { group.elementByteCount }
  public var privateKeyByteCount: Int { group.scalarByteCount }

  var labeled: LabeledKDF { LabeledKDF(kdf: kdf, suiteID: LabeledKDF.kemSuiteID(kemID)) }

  /// DeriveKeyPair(ikm) (draft-ietf-hpke-hpke, Section 7.1.3), two-stage: for X25519/X448
  /// sk = LabeledExpand(dkp_prk, "sk", "", Nsk); for the NIST curves rejection sampling over
  /// LabeledExpand(dkp_prk, "candidate", I2OSP(counter, 1), Nsk) with the first byte masked.
  public func deriveKeyPair(ikm: [UInt8]) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let sk = try deriveSecretKey(ikm: ikm)
    return (sk, try group.publicElement(sk))
  }

  /// The private half of DeriveKeyPair(ikm).
  func deriveSecretKey(ikm: [UInt8]) throws -> SecretBytes {
    let Nsk = group.scalarByteCount
    let dkpPRK = try labeled.labeledExtract(salt: [], label: "dkp_prk", ikm: [.secret(SecretCopy.of(ikm))])
    guard let order = group.order else {
      return Self.clamped(try labeled.labeledExpand(prk: dkpPRK, label: "sk", info: [], length: Nsk))
    }
    // bitmask: 0xFF for P-256 and P-384, 0x01 for P-521 (whose order has 521 bits).
    let bitmask: UInt8 = Nsk == 66 ? 0x01 : 0xFF
    for counter in 0...255 {
      let candidate = try labeled.labeledExpand(
        prk: dkpPRK, label: "candidate", info: [.bytes([UInt8(counter)])], length: Nsk)
      let sk = candidate.withUnsafeBytes { bytes in
        SecretBytes(count: Nsk) { out in
          out.copyMemory(from: bytes)
          out[0] &= bitmask
        }
      }
      // The rejection loop of the standard: only the accept/reject outcome is branched on.
      if sk.withUnsafeBytes({ ScalarRange.isNonZeroAndBelow($0, order) }) { return sk }
    }
    throw HybridKEMError.deriveKeyPairFailure
  }

  /// An X25519 or X448 private key clamped as decodeScalar25519 / decodeScalar448 do (RFC 7748,
  /// Section 5), which SerializePrivateKey requires (draft-ietf-hpke-hpke, Section 7.1.2).
  static func clamped(_ k: SecretBytes) -> SecretBytes {
    k.withUnsafeBytes { bytes in
      SecretBytes(count: bytes.count) { out in
        out.copyMemory(from: bytes)
        if out.count == 32 {
          out[0] &= 248
          out[31] &= 127
          out[31] |= 64
        } else if out.count == 56 {
          out[0] &= 252
          out[55] |= 128
        }
      }
    }
  }

  /// GenerateKeyPair() as DeriveKeyPair(random(Nsk)), which draft-ietf-hpke-hpke Section 4 allows.
  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    var ikm = random.bytes(count: group.scalarByteCount)
    defer { SecretBytes.wipe(&ikm) }
    return try deriveKeyPair(ikm: ikm)
  }

  /// The key pair whose private key is `seed`, taken as a serialized private key (checked: a
  /// scalar of the curve, or any 32/56-byte string for X25519/X448).
  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    (seed, try publicKey(fromPrivateKey: seed))
  }

  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try checkPrivateKey(privateKey)
    return try group.publicElement(privateKey)
  }

  /// DeserializePrivateKey's checks: `Nsk` bytes, and a scalar in [1, n-1] for the NIST curves.
  func checkPrivateKey(_ privateKey: SecretBytes) throws {
    try KEMCheck.privateKey(privateKey, count: group.scalarByteCount, name)
    if let order = group.order, !privateKey.withUnsafeBytes({ ScalarRange.isNonZeroAndBelow($0, order) }) {
      throw HybridKEMError.invalidPrivateKey("\(name) private key is not a scalar in [1, n-1]")
    }
  }

  /// ExtractAndExpand(dh, kem_context) (draft-ietf-hpke-hpke, Section 4.1), two-stage.
  func extractAndExpand(dh: SecretBytes, kemContext: [UInt8]) throws -> SecretBytes {
    let eaePRK = try labeled.labeledExtract(salt: [], label: "eae_prk", ikm: [.secret(dh)])
    return try labeled.labeledExpand(
      prk: eaePRK, label: "shared_secret", info: [.bytes(kemContext)], length: sharedSecretByteCount)
  }

  /// Encap(pkR) (draft-ietf-hpke-hpke, Section 4.1).
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    try KEMCheck.publicKey(publicKey, count: publicKeyByteCount, name)
    // skE, pkE = GenerateKeyPair() = DeriveKeyPair(random(Nsk)); pkE comes with the DH.
    var ikm = random.bytes(count: group.scalarByteCount)
    defer { SecretBytes.wipe(&ikm) }
    let skE = try deriveSecretKey(ikm: ikm)
    let (dh, enc) = try group.agree(skE, publicKey)
    return (try extractAndExpand(dh: dh, kemContext: enc + publicKey), enc)
  }

  /// Decap(enc, skR) (draft-ietf-hpke-hpke, Section 4.1).
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    try KEMCheck.ciphertext(ciphertext, count: encapsulatedKeyByteCount, name)
    try checkPrivateKey(privateKey)
    let (dh, pkRm) = try group.agree(privateKey, ciphertext)
    return try extractAndExpand(dh: dh, kemContext: ciphertext + pkRm)
  }
}
