import QRXPrimitives

// Hybrid Public Key Encryption, base mode (RFC 9180 as revised by draft-ietf-hpke-hpke, Section
// 5.1.1 and 6), over any `HPKEKEM`, the HKDF and Keccak KDFs, and the AEADs of `HPKEAEAD`.

/// An HPKE ciphersuite (KEM, KDF, AEAD) and the base-mode operations over it.
///
/// ```swift
/// let suite = HPKECiphersuite(kem: XWing(), kdf: .shake256, aead: .chaCha20Poly1305)
/// let (enc, ct) = try suite.seal(to: publicKey, info: info, plaintext: message)
/// let message2 = try suite.open(enc, privateKey: privateKey, info: info, ciphertext: ct)
/// ```
public struct HPKECiphersuite: Sendable {
  /// The KEM.
  public let kem: any HPKEKEM
  /// The KDF of the key schedule (a DHKEM uses its own KDF inside the KEM).
  public let kdf: HPKEKDF
  /// The AEAD.
  public let aead: HPKEAEAD

  /// The suite of `kem`, `kdf` and `aead`.
  public init(kem: any HPKEKEM, kdf: HPKEKDF, aead: HPKEAEAD) {
    self.kem = kem
    self.kdf = kdf
    self.aead = aead
  }

  /// `suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2))`.
  public var suiteID: [UInt8] { LabeledKDF.hpkeSuiteID(kemID: kem.kemID, kdf: kdf, aead: aead) }

  func keySchedule(sharedSecret: SecretBytes, info: [UInt8]) throws -> HPKEContextState {
    try Self.keySchedule(kemID: kem.kemID, kdf: kdf, aead: aead, sharedSecret: sharedSecret, info: info)
  }

  /// The base-mode key schedule of suite (`kemID`, `kdf`, `aead`) from a known shared secret;
  /// separate from any KEM so that tests can check the schedule alone.
  static func keySchedule(
    kemID: UInt16, kdf: HPKEKDF, aead: HPKEAEAD, sharedSecret: SecretBytes, info: [UInt8]
  ) throws -> HPKEContextState {
    let labeled = LabeledKDF(kdf: kdf, suiteID: LabeledKDF.hpkeSuiteID(kemID: kemID, kdf: kdf, aead: aead))
    let schedule = try HPKEKeySchedule(kdf: labeled, aead: aead, sharedSecret: sharedSecret, info: info)
    return HPKEContextState(schedule: schedule, kdf: labeled, aead: aead)
  }

  /// SetupBaseS(pkR, info) (draft-ietf-hpke-hpke, Section 5.1.1): the encapsulated key and the sender context.
  public func setupBaseSender(
    publicKey pkR: [UInt8], info: [UInt8] = [], using random: any RandomSource = SystemRandom()
  ) throws -> (encapsulatedKey: [UInt8], context: HPKESenderContext) {
    let (sharedSecret, enc) = try kem.encapsulate(to: pkR, using: random)
    let state = try keySchedule(sharedSecret: sharedSecret, info: info)
    return (enc, HPKESenderContext(state: state))
  }

  /// SetupBaseR(enc, skR, info) (draft-ietf-hpke-hpke, Section 5.1.1): the recipient context.
  public func setupBaseRecipient(
    encapsulatedKey enc: [UInt8], privateKey skR: SecretBytes, info: [UInt8] = []
  ) throws -> HPKERecipientContext {
    let sharedSecret = try kem.decapsulate(enc, privateKey: skR)
    return HPKERecipientContext(state: try keySchedule(sharedSecret: sharedSecret, info: info))
  }

  /// SealBase(pkR, info, aad, pt) (draft-ietf-hpke-hpke, Section 6.1): one message to `pkR`.
  public func seal(
    to pkR: [UInt8], info: [UInt8] = [], authenticating aad: [UInt8] = [], plaintext: [UInt8],
    using random: any RandomSource = SystemRandom()
  ) throws -> (encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
    var (enc, context) = try setupBaseSender(publicKey: pkR, info: info, using: random)
    return (enc, try context.seal(plaintext, authenticating: aad))
  }

  /// OpenBase(enc, skR, info, aad, ct) (draft-ietf-hpke-hpke, Section 6.1).
  public func open(
    _ enc: [UInt8], privateKey skR: SecretBytes, info: [UInt8] = [], authenticating aad: [UInt8] = [],
    ciphertext: [UInt8]
  ) throws -> [UInt8] {
    var context = try setupBaseRecipient(encapsulatedKey: enc, privateKey: skR, info: info)
    return try context.open(ciphertext, authenticating: aad)
  }
}
