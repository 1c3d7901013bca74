import QRXPrimitives

// The KDF and AEAD identifiers of HPKE (draft-ietf-hpke-hpke, Section 7.2 and 7.3) and the
// single-stage Keccak KDFs of draft-ietf-hpke-pq (Section 5), with their constants.

/// An HPKE key derivation function: two-stage HKDF (Extract, Expand) or a one-stage XOF (Derive).
public enum HPKEKDF: UInt16, Sendable, CaseIterable, CustomStringConvertible {
  /// HKDF-SHA256 (RFC 5869), two-stage.
  case hkdfSHA256 = 0x0001
  /// HKDF-SHA384 (RFC 5869), two-stage.
  case hkdfSHA384 = 0x0002
  /// HKDF-SHA512 (RFC 5869), two-stage.
  case hkdfSHA512 = 0x0003
  /// SHAKE128 (FIPS 202), one-stage (draft-ietf-hpke-pq).
  case shake128 = 0x0010
  /// SHAKE256 (FIPS 202), one-stage (draft-ietf-hpke-pq).
  case shake256 = 0x0011
  /// TurboSHAKE128 (RFC 9861, D = 0x1F), one-stage (draft-ietf-hpke-pq).
  case turboSHAKE128 = 0x0012
  /// TurboSHAKE256 (RFC 9861, D = 0x1F), one-stage (draft-ietf-hpke-pq).
  case turboSHAKE256 = 0x0013

  /// `Nh`: the output size of Extract for HKDF, the security strength in bytes for the XOFs.
  public var Nh: Int {
    switch self {
    case .hkdfSHA256, .shake128, .turboSHAKE128: return 32
    case .hkdfSHA384: return 48
    case .hkdfSHA512, .shake256, .turboSHAKE256: return 64
    }
  }

  /// Whether the KDF is one-stage (`Derive`) rather than two-stage (`Extract`, `Expand`).
  public var isOneStage: Bool {
    switch self {
    case .hkdfSHA256, .hkdfSHA384, .hkdfSHA512: return false
    case .shake128, .shake256, .turboSHAKE128, .turboSHAKE256: return true
    }
  }

  /// The SHA-2 function under HKDF; nil for the one-stage KDFs.
  var hkdfHash: SHA2Variant? {
    switch self {
    case .hkdfSHA256: return .sha256
    case .hkdfSHA384: return .sha384
    case .hkdfSHA512: return .sha512
    default: return nil
    }
  }

  /// The registry name (`HKDF-SHA256`, `SHAKE256`, `TurboSHAKE128`).
  public var description: String {
    switch self {
    case .hkdfSHA256: return "HKDF-SHA256"
    case .hkdfSHA384: return "HKDF-SHA384"
    case .hkdfSHA512: return "HKDF-SHA512"
    case .shake128: return "SHAKE128"
    case .shake256: return "SHAKE256"
    case .turboSHAKE128: return "TurboSHAKE128"
    case .turboSHAKE256: return "TurboSHAKE256"
    }
  }
}

/// An HPKE AEAD, or the export-only marker `0xFFFF` (draft-ietf-hpke-hpke, Section 7.3).
public enum HPKEAEAD: UInt16, Sendable, CaseIterable, CustomStringConvertible {
  /// AES-128-GCM.
  case aes128GCM = 0x0001
  /// AES-256-GCM.
  case aes256GCM = 0x0002
  /// ChaCha20-Poly1305 (RFC 8439).
  case chaCha20Poly1305 = 0x0003
  /// Export-only: the context derives secrets but cannot seal or open.
  case exportOnly = 0xFFFF

  /// `Nk`: key size in bytes (0 for export-only).
  public var Nk: Int {
    switch self {
    case .aes128GCM: return 16
    case .aes256GCM, .chaCha20Poly1305: return 32
    case .exportOnly: return 0
    }
  }

  /// `Nn`: nonce size in bytes (0 for export-only).
  public var Nn: Int { self == .exportOnly ? 0 : 12 }

  /// `Nt`: tag size in bytes (0 for export-only).
  public var Nt: Int { self == .exportOnly ? 0 : 16 }

  /// The primitives layer's AEAD; nil for export-only.
  var algorithm: AEADAlgorithm? {
    switch self {
    case .aes128GCM: return .aes128GCM
    case .aes256GCM: return .aes256GCM
    case .chaCha20Poly1305: return .chaCha20Poly1305
    case .exportOnly: return nil
    }
  }

  /// The registry name.
  public var description: String {
    switch self {
    case .aes128GCM: return "AES-128-GCM"
    case .aes256GCM: return "AES-256-GCM"
    case .chaCha20Poly1305: return "ChaCha20Poly1305"
    case .exportOnly: return "Export-only"
    }
  }
}

/// Errors of HPKE. Messages describe the input, never secret values.
public enum HPKEError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The sequence number would overflow: the context may not seal or open again.
  case messageLimitReached
  /// The ciphertext, its tag, the associated data or the key is wrong.
  case openFailure
  /// The context was set up with the export-only AEAD.
  case exportOnlyContext
  /// An input exceeds what the KDF or the encoding accepts.
  case inputTooLong(what: String, maximum: Int, actual: Int)
  /// An algorithm identifier QRX does not implement.
  case unsupportedAlgorithm(String)
  /// A suite whose parts do not fit together.
  case invalidSuite(String)

  public var description: String {
    switch self {
    case .messageLimitReached: return "HPKE message limit reached: the sequence number would overflow"
    case .openFailure: return "HPKE open failed: the ciphertext, tag, associated data or key is wrong"
    case .exportOnlyContext: return "HPKE context is export-only: it cannot seal or open"
    case .inputTooLong(let what, let maximum, let actual):
      return "HPKE \(what) too long: at most \(maximum) bytes, got \(actual)"
    case .unsupportedAlgorithm(let what): return "unsupported HPKE algorithm: \(what)"
    case .invalidSuite(let why): return "invalid HPKE suite: \(why)"
    }
  }
}
