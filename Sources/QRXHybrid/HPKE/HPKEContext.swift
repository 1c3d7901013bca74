import QRXPrimitives

// The HPKE key schedule and encryption contexts (draft-ietf-hpke-hpke, Sections 5.1, 5.2 and 5.3),
// base mode only: psk and psk_id are the empty defaults.

/// The secrets of an HPKE context: `key`, `base_nonce`, `exporter_secret`.
struct HPKEKeySchedule {
  let key: SecretBytes
  let baseNonce: SecretBytes
  let exporterSecret: SecretBytes

  /// `mode_base` (draft-ietf-hpke-hpke, Section 5).
  static let modeBase: UInt8 = 0x00

  /// KeySchedule<ROLE>(mode_base, shared_secret, info, "", "") (draft-ietf-hpke-hpke, Section 5.1),
  /// through CombineSecrets_OneStage or CombineSecrets_TwoStage as the KDF requires.
  init(kdf: LabeledKDF, aead: HPKEAEAD, sharedSecret: SecretBytes, info: [UInt8]) throws {
    let mode = Self.modeBase
    let psk: [UInt8] = []
    let pskID: [UInt8] = []
    let Nk = aead.Nk
    let Nn = aead.Nn
    let Nh = kdf.kdf.Nh
    guard info.count <= 0xFFFF else { throw HPKEError.inputTooLong(what: "info", maximum: 0xFFFF, actual: info.count) }
    if kdf.kdf.isOneStage {
      // CombineSecrets_OneStage.
      let secrets =
        try KDFInput.lengthPrefixed(.bytes(psk), what: "psk")
        + KDFInput.lengthPrefixed(.secret(sharedSecret), what: "shared_secret")
      let context =
        [KDFInput.bytes([mode])] + (try KDFInput.lengthPrefixed(.bytes(pskID), what: "psk_id"))
        + (try KDFInput.lengthPrefixed(.bytes(info), what: "info"))
      let secret = try kdf.labeledDerive(ikm: secrets, label: "secret", context: context, length: Nk + Nn + Nh)
      (key, baseNonce, exporterSecret) = secret.withUnsafeBytes { s in
        (
          SecretCopy.of(s, 0..<Nk), SecretCopy.of(s, Nk..<(Nk + Nn)),
          SecretCopy.of(s, (Nk + Nn)..<(Nk + Nn + Nh))
        )
      }
    } else {
      // CombineSecrets_TwoStage.
      let pskIDHash = try kdf.labeledExtract(salt: [], label: "psk_id_hash", ikm: [.bytes(pskID)])
      let infoHash = try kdf.labeledExtract(salt: [], label: "info_hash", ikm: [.bytes(info)])
      let keyScheduleContext: [KDFInput] = [.bytes([mode]), .secret(pskIDHash), .secret(infoHash)]
      let secret = try kdf.labeledExtract(salt: [.secret(sharedSecret)], label: "secret", ikm: [.bytes(psk)])
      key = try kdf.labeledExpand(prk: secret, label: "key", info: keyScheduleContext, length: Nk)
      baseNonce = try kdf.labeledExpand(prk: secret, label: "base_nonce", info: keyScheduleContext, length: Nn)
      exporterSecret = try kdf.labeledExpand(prk: secret, label: "exp", info: keyScheduleContext, length: Nh)
    }
  }
}

/// The state shared by sender and recipient contexts.
struct HPKEContextState: Sendable {
  let aead: HPKEAEAD
  let kdf: LabeledKDF
  let key: SecretBytes
  let baseNonce: SecretBytes
  let exporterSecret: SecretBytes
  /// `seq`: 64 bits, shorter than the 96-bit nonce, as draft-ietf-hpke-hpke Section 5.2 allows;
  /// it never wraps (see ``incrementSequenceNumber()``).
  var sequenceNumber: UInt64 = 0

  init(schedule: HPKEKeySchedule, kdf: LabeledKDF, aead: HPKEAEAD) {
    self.aead = aead
    self.kdf = kdf
    key = schedule.key
    baseNonce = schedule.baseNonce
    exporterSecret = schedule.exporterSecret
  }

  /// Context.ComputeNonce(seq) (draft-ietf-hpke-hpke, Section 5.2): base_nonce XOR I2OSP(seq, Nn).
  func computeNonce() -> [UInt8] {
    var nonce = baseNonce.copyBytes()
    let Nn = nonce.count
    for i in 0..<8 where Nn - 1 - i >= 0 {
      nonce[Nn - 1 - i] ^= UInt8(truncatingIfNeeded: sequenceNumber >> (8 * UInt64(i)))
    }
    return nonce
  }

  /// Context.IncrementSeq() (draft-ietf-hpke-hpke, Section 5.2), checked before use so that a
  /// context at the limit refuses to seal or open rather than reuse a nonce.
  func checkSequenceNumber() throws {
    guard sequenceNumber < UInt64.max else { throw HPKEError.messageLimitReached }
  }

  mutating func incrementSequenceNumber() {
    sequenceNumber += 1
  }

  /// Context.Export (draft-ietf-hpke-hpke, Section 5.3), one-stage or two-stage.
  func export(exporterContext: [UInt8], length L: Int) throws -> SecretBytes {
    if kdf.kdf.isOneStage {
      return try kdf.labeledDerive(
        ikm: [.secret(exporterSecret)], label: "sec", context: [.bytes(exporterContext)], length: L)
    }
    return try kdf.labeledExpand(prk: exporterSecret, label: "sec", info: [.bytes(exporterContext)], length: L)
  }

  func withKey<R>(_ body: ([UInt8]) throws -> R) throws -> R {
    var keyBytes = key.copyBytes()
    defer { SecretBytes.wipe(&keyBytes) }
    return try body(keyBytes)
  }
}

/// The sender's HPKE context: seals a sequence of messages and exports secrets.
public struct HPKESenderContext: Sendable {
  var state: HPKEContextState

  init(state: HPKEContextState) { self.state = state }

  /// ContextS.Seal(aad, pt) (draft-ietf-hpke-hpke, Section 5.2): the ciphertext with its tag.
  public mutating func seal(_ plaintext: [UInt8], authenticating aad: [UInt8] = []) throws -> [UInt8] {
    guard let algorithm = state.aead.algorithm else { throw HPKEError.exportOnlyContext }
    try state.checkSequenceNumber()
    let nonce = state.computeNonce()
    let ciphertext = try state.withKey {
      try AEAD.seal(algorithm, plaintext, key: $0, nonce: nonce, authenticating: aad)
    }
    state.incrementSequenceNumber()
    return ciphertext
  }

  /// Context.Export(exporter_context, L) (draft-ietf-hpke-hpke, Section 5.3).
  public func export(context exporterContext: [UInt8], length: Int) throws -> SecretBytes {
    try state.export(exporterContext: exporterContext, length: length)
  }
}

/// The recipient's HPKE context: opens a sequence of messages and exports secrets.
public struct HPKERecipientContext: Sendable {
  var state: HPKEContextState

  init(state: HPKEContextState) { self.state = state }

  /// ContextR.Open(aad, ct) (draft-ietf-hpke-hpke, Section 5.2). A wrong ciphertext, tag or
  /// associated data throws ``HPKEError/openFailure`` and leaves the sequence number unchanged.
  public mutating func open(_ ciphertext: [UInt8], authenticating aad: [UInt8] = []) throws -> [UInt8] {
    guard let algorithm = state.aead.algorithm else { throw HPKEError.exportOnlyContext }
    try state.checkSequenceNumber()
    let nonce = state.computeNonce()
    let plaintext: [UInt8]
    do {
      plaintext = try state.withKey {
        try AEAD.open(algorithm, ciphertext, key: $0, nonce: nonce, authenticating: aad)
      }
    } catch CryptoError.authenticationFailure {
      throw HPKEError.openFailure
    } catch CryptoError.invalidLength {
      throw HPKEError.openFailure
    }
    state.incrementSequenceNumber()
    return plaintext
  }

  /// Context.Export(exporter_context, L) (draft-ietf-hpke-hpke, Section 5.3).
  public func export(context exporterContext: [UInt8], length: Int) throws -> SecretBytes {
    try state.export(exporterContext: exporterContext, length: length)
  }
}
