import QRXPostQuantum
import QRXPrimitives

/// A key the fallback signer can try: anything that signs under a registry name.
public protocol FallbackSigningKey: Sendable {
  /// The algorithm's wire name, as the registry and policy know it.
  var algorithmName: String { get }
  /// A signature of `message` with `context`; throws when the key cannot sign.
  func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8]
}

extension CompositeSignature.PrivateKey: FallbackSigningKey {
  /// The composite's wire name.
  public var algorithmName: String { algorithm.name }
  /// Composite-ML-DSA.Sign.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context)
  }
}

extension HybridKey: FallbackSigningKey {
  /// The composite's wire name.
  public var algorithmName: String { algorithm.name }
  /// The raw composite signature.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context).rawRepresentation
  }
}

extension MLDSA44.PrivateKey: FallbackSigningKey {
  /// `ML-DSA-44`.
  public var algorithmName: String { MLDSA44.name }
  /// ML-DSA.Sign (FIPS 204, Algorithm 2), hedged.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context)
  }
}

extension MLDSA65.PrivateKey: FallbackSigningKey {
  /// `ML-DSA-65`.
  public var algorithmName: String { MLDSA65.name }
  /// ML-DSA.Sign (FIPS 204, Algorithm 2), hedged.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context)
  }
}

extension MLDSA87.PrivateKey: FallbackSigningKey {
  /// `ML-DSA-87`.
  public var algorithmName: String { MLDSA87.name }
  /// ML-DSA.Sign (FIPS 204, Algorithm 2), hedged.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context)
  }
}

extension SLHDSAPrivateKey: FallbackSigningKey {
  /// The parameter set's name (`SLH-DSA-SHA2-128s` …).
  public var algorithmName: String { Set.parameters.name }
  /// slh_sign (FIPS 205, Algorithm 22), hedged.
  public func fallbackSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8] {
    try signature(for: message, context: context)
  }
}

/// A signature made by the fallback signer, with the algorithm that made it.
public struct FallbackSignature: Sendable, Hashable {
  /// The wire name of the algorithm that signed.
  public let algorithm: String
  /// The signature in that algorithm's encoding.
  public let signature: [UInt8]
  /// Algorithms tried before it and why each was passed over, in order.
  public let skipped: [Skip]

  /// One passed-over algorithm.
  public struct Skip: Sendable, Hashable {
    /// Its wire name.
    public let algorithm: String
    /// Why: refused by policy, or the key failed to sign.
    public let reason: String
  }
}

/// The original plan's `QuantumAlgorithmFallbackService`: signs with the first key of an ordered
/// chain (for example ML-DSA-65 → Falcon-512 → SLH-DSA) that the policy approves for transaction
/// signing and that signs without error, and reports which one signed. A verifier still checks
/// the signature under the reported algorithm and its own policy; nothing here weakens that.
public struct FallbackSigner: Sendable {
  /// The keys in order of preference.
  public let chain: [any FallbackSigningKey]
  /// The policy each algorithm must pass.
  public let policy: AlgorithmPolicy

  /// A signer over `chain` under `policy`.
  public init(chain: [any FallbackSigningKey], policy: AlgorithmPolicy) {
    self.chain = chain
    self.policy = policy
  }

  /// Signs `message` with the first usable key; throws ``CompositeError/allAlgorithmsFailed(_:)``
  /// with every reason when none can.
  public func sign(_ message: [UInt8], context: [UInt8] = []) throws -> FallbackSignature {
    var skipped: [FallbackSignature.Skip] = []
    for key in chain {
      let name = key.algorithmName
      if let reason = policy.rejection(of: name, for: .transactionSigning) {
        skipped.append(.init(algorithm: name, reason: reason))
        continue
      }
      do {
        let signature = try key.fallbackSignature(for: message, context: context)
        return FallbackSignature(algorithm: name, signature: signature, skipped: skipped)
      } catch {
        skipped.append(.init(algorithm: name, reason: "signing failed: \(error)"))
      }
    }
    throw CompositeError.allAlgorithmsFailed(skipped.map { "\($0.algorithm): \($0.reason)" })
  }
}
