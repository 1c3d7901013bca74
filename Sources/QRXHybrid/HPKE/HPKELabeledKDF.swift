import QRXPrimitives

// The labeled KDF calls of HPKE (draft-ietf-hpke-hpke, Section 4): LabeledExtract and
// LabeledExpand over the two-stage HKDFs, LabeledDerive over the one-stage XOFs. Every input that
// may be secret is assembled in `SecretBytes` and every temporary copy is wiped.

/// One piece of a KDF input: public bytes or secret bytes.
enum KDFInput {
  case bytes([UInt8])
  case secret(SecretBytes)

  var count: Int {
    switch self {
    case .bytes(let b): return b.count
    case .secret(let s): return s.count
    }
  }

  /// `I2OSP(n, 2)`; `n` must fit in two bytes.
  static func uint16(_ n: Int, what: String) throws -> KDFInput {
    guard n >= 0, n <= 0xFFFF else { throw HPKEError.inputTooLong(what: what, maximum: 0xFFFF, actual: n) }
    return .bytes([UInt8(n >> 8), UInt8(n & 0xFF)])
  }

  /// `lengthPrefixed(x)` = `I2OSP(len(x), 2) ‖ x` (draft-ietf-hpke-hpke, Section 3).
  static func lengthPrefixed(_ x: KDFInput, what: String) throws -> [KDFInput] {
    [try uint16(x.count, what: what), x]
  }

  /// The concatenation of `parts` in zeroed-on-release storage.
  static func concatenate(_ parts: [KDFInput]) -> SecretBytes {
    let total = parts.reduce(0) { $0 + $1.count }
    return SecretBytes(count: total) { out in
      var offset = 0
      for part in parts {
        switch part {
        case .bytes(let b):
          b.withUnsafeBytes { src in
            if src.count > 0 {
              out.baseAddress!.advanced(by: offset).copyMemory(from: src.baseAddress!, byteCount: src.count)
            }
          }
        case .secret(let s):
          s.withUnsafeBytes { src in
            if src.count > 0 {
              out.baseAddress!.advanced(by: offset).copyMemory(from: src.baseAddress!, byteCount: src.count)
            }
          }
        }
        offset += part.count
      }
    }
  }
}

/// The labeled KDF functions under one `suite_id` (`"KEM" ‖ kem_id` inside a KEM, `"HPKE" ‖
/// kem_id ‖ kdf_id ‖ aead_id` in the rest of HPKE).
struct LabeledKDF: Sendable {
  let kdf: HPKEKDF
  let suiteID: [UInt8]

  /// The version label of draft-ietf-hpke-hpke, Section 4.
  static let versionLabel: [UInt8] = Array("HPKE-v1".utf8)

  /// `suite_id` of a KEM: `concat("KEM", I2OSP(kem_id, 2))` (draft-ietf-hpke-hpke, Section 4.1).
  static func kemSuiteID(_ kemID: UInt16) -> [UInt8] {
    Array("KEM".utf8) + [UInt8(kemID >> 8), UInt8(kemID & 0xFF)]
  }

  /// `suite_id` of the key schedule (draft-ietf-hpke-hpke, Section 5.1).
  static func hpkeSuiteID(kemID: UInt16, kdf: HPKEKDF, aead: HPKEAEAD) -> [UInt8] {
    Array("HPKE".utf8) + [
      UInt8(kemID >> 8), UInt8(kemID & 0xFF), UInt8(kdf.rawValue >> 8), UInt8(kdf.rawValue & 0xFF),
      UInt8(aead.rawValue >> 8), UInt8(aead.rawValue & 0xFF),
    ]
  }

  /// LabeledExtract(salt, label, ikm) (draft-ietf-hpke-hpke, Section 4): Extract(salt, "HPKE-v1" ‖ suite_id ‖ label ‖ ikm).
  func labeledExtract(salt: [KDFInput], label: String, ikm: [KDFInput]) throws -> SecretBytes {
    guard let hash = kdf.hkdfHash else { throw HPKEError.invalidSuite("\(kdf) has no Extract") }
    var saltBytes = KDFInput.concatenate(salt).copyBytes()
    defer { SecretBytes.wipe(&saltBytes) }
    var labeledIKM = KDFInput.concatenate(
      [.bytes(Self.versionLabel), .bytes(suiteID), .bytes(Array(label.utf8))] + ikm
    ).copyBytes()
    defer { SecretBytes.wipe(&labeledIKM) }
    var prk = try HKDF.extract(hash, salt: saltBytes, inputKeyMaterial: labeledIKM)
    defer { SecretBytes.wipe(&prk) }
    return SecretCopy.of(prk)
  }

  /// LabeledExpand(prk, label, info, L) (draft-ietf-hpke-hpke, Section 4): Expand(prk, I2OSP(L, 2) ‖ "HPKE-v1" ‖ suite_id ‖ label ‖ info, L).
  func labeledExpand(prk: SecretBytes, label: String, info: [KDFInput], length L: Int) throws -> SecretBytes {
    guard let hash = kdf.hkdfHash else { throw HPKEError.invalidSuite("\(kdf) has no Expand") }
    guard L <= 255 * kdf.Nh else { throw HPKEError.inputTooLong(what: "output", maximum: 255 * kdf.Nh, actual: L) }
    let labeledInfo = KDFInput.concatenate(
      [try .uint16(L, what: "output"), .bytes(Self.versionLabel), .bytes(suiteID), .bytes(Array(label.utf8))] + info)
    var infoBytes = labeledInfo.copyBytes()
    defer { SecretBytes.wipe(&infoBytes) }
    var prkBytes = prk.copyBytes()
    defer { SecretBytes.wipe(&prkBytes) }
    if L == 0 { return SecretBytes(zeroes: 0) }
    var okm = try HKDF.expand(hash, pseudorandomKey: prkBytes, info: infoBytes, length: L)
    defer { SecretBytes.wipe(&okm) }
    return SecretCopy.of(okm)
  }

  /// LabeledDerive(ikm, label, context, L) (draft-ietf-hpke-hpke, Section 4):
  /// Derive(ikm ‖ "HPKE-v1" ‖ suite_id ‖ lengthPrefixed(label) ‖ I2OSP(L, 2) ‖ context, L).
  func labeledDerive(ikm: [KDFInput], label: String, context: [KDFInput], length L: Int) throws -> SecretBytes {
    guard kdf.isOneStage else { throw HPKEError.invalidSuite("\(kdf) has no one-stage Derive") }
    let labeledIKM = KDFInput.concatenate(
      ikm + [.bytes(Self.versionLabel), .bytes(suiteID)]
        + (try KDFInput.lengthPrefixed(.bytes(Array(label.utf8)), what: "label"))
        + [try .uint16(L, what: "output")] + context)
    return Self.derive(kdf, labeledIKM, length: L)
  }

  /// Derive(ikm, L) of the one-stage KDFs (draft-ietf-hpke-pq, Section 5): SHAKE(M = ikm, d = 8L)
  /// or TurboSHAKE(M = ikm, D = 0x1F, L).
  static func derive(_ kdf: HPKEKDF, _ ikm: SecretBytes, length L: Int) -> SecretBytes {
    var sponge: KeccakSponge
    switch kdf {
    case .shake128: sponge = KeccakSponge(rate: SHAKE128.rate, domain: 0x1F)
    case .shake256: sponge = KeccakSponge(rate: SHAKE256.rate, domain: 0x1F)
    case .turboSHAKE128: sponge = TurboSHAKE.turboSHAKE128(domain: 0x1F)
    case .turboSHAKE256: sponge = TurboSHAKE.turboSHAKE256(domain: 0x1F)
    case .hkdfSHA256, .hkdfSHA384, .hkdfSHA512: preconditionFailure("HKDF is two-stage")
    }
    ikm.withUnsafeBytes { sponge.absorb($0) }
    let output = SecretBytes(count: L) { sponge.squeeze(into: $0) }
    sponge.erase()
    return output
  }
}
