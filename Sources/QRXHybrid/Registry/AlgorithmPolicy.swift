/// What a key or algorithm is used for.
public enum AlgorithmPurpose: String, Sendable, Codable, CaseIterable {
  /// Signing transactions, orders and transfers.
  case transactionSigning = "transaction-signing"
  /// Encapsulating keys for transport or HPKE.
  case keyEncapsulation = "key-encapsulation"
  /// Sealing data at rest (envelope encryption under a KEM).
  case storage
}

/// Which algorithms may be used for what: per purpose an allow-list, a minimum NIST category,
/// whether classical-only algorithms are allowed, and whether experimental ones are. Replaces
/// the original plan's hard-coded "approved" match; the registry supplies the facts.
public struct AlgorithmPolicy: Sendable, Codable, Hashable {
  /// Per purpose, the names allowed (empty: every algorithm of the right kind that passes the other rules).
  public var allowed: [AlgorithmPurpose: [String]]
  /// The lowest NIST category accepted for any purpose.
  public var minimumCategory: Int
  /// Whether algorithms with no post-quantum component may be used.
  public var allowsClassicalOnly: Bool
  /// Whether algorithms with registry status `experimental` may be used.
  public var allowsExperimental: Bool
  /// Names disabled outright (an incident response switch, checked before anything else).
  public var disabled: Set<String>

  /// A policy with the given rules.
  public init(
    allowed: [AlgorithmPurpose: [String]] = [:], minimumCategory: Int = 3, allowsClassicalOnly: Bool = false,
    allowsExperimental: Bool = false, disabled: Set<String> = []
  ) {
    self.allowed = allowed
    self.minimumCategory = minimumCategory
    self.allowsClassicalOnly = allowsClassicalOnly
    self.allowsExperimental = allowsExperimental
    self.disabled = disabled
  }

  /// QRX's default for the exchange: hybrid or post-quantum, category 3 or higher, no
  /// classical-only, no experimental; transaction signing by ML-DSA-65/87 composites and ML-DSA;
  /// key encapsulation and storage by X-Wing and ML-KEM-768/1024.
  public static let exchangeDefault = AlgorithmPolicy(
    allowed: [
      .transactionSigning: [
        "MLDSA65-Ed25519-SHA512", "MLDSA65-ECDSA-P256-SHA512", "MLDSA65-ECDSA-P384-SHA512",
        "MLDSA87-ECDSA-P384-SHA512", "MLDSA87-Ed448-SHAKE256", "ML-DSA-65", "ML-DSA-87",
      ],
      .keyEncapsulation: ["X-Wing", "ML-KEM-768", "ML-KEM-1024"],
      .storage: ["X-Wing", "ML-KEM-1024"],
    ])

  /// Whether `name` may be used for `purpose`: known to the registry, of the purpose's kind (a
  /// KEM is never approved for signing, nor a signature for encapsulation), not disabled, not
  /// deprecated, experimental only if allowed, classical-only only if allowed, at least the
  /// minimum category unless classical-only is allowed, and on the purpose's list if it has one.
  public func isApproved(_ name: String, for purpose: AlgorithmPurpose) -> Bool {
    rejection(of: name, for: purpose) == nil
  }

  /// Why `name` is not approved for `purpose`, or nil when it is.
  public func rejection(of name: String, for purpose: AlgorithmPurpose) -> String? {
    guard let descriptor = AlgorithmRegistry.descriptor(named: name) else { return "\(name) is not a known algorithm" }
    let wantedKind: AlgorithmKind = purpose == .transactionSigning ? .signature : .kem
    guard descriptor.kind == wantedKind else {
      return "\(descriptor.name) is a \(descriptor.kind.rawValue), not usable for \(purpose.rawValue)"
    }
    if disabled.contains(where: { $0.lowercased() == descriptor.name.lowercased() }) {
      return "\(descriptor.name) is disabled by policy"
    }
    switch descriptor.status {
    case .approved: break
    case .deprecated: return "\(descriptor.name) is deprecated"
    case .experimental where !allowsExperimental: return "\(descriptor.name) is experimental"
    case .experimental: break
    }
    if !descriptor.isPostQuantum {
      guard allowsClassicalOnly else { return "\(descriptor.name) is classical-only" }
    } else if descriptor.category < minimumCategory {
      return "\(descriptor.name) is category \(descriptor.category), below the minimum \(minimumCategory)"
    }
    if let list = allowed[purpose], !list.isEmpty,
      !list.contains(where: { $0.lowercased() == descriptor.name.lowercased() })
    {
      return "\(descriptor.name) is not on the \(purpose.rawValue) list"
    }
    return nil
  }
}
