/// Errors of the hybrid signature layer. Messages describe the input, never a secret.
public enum CompositeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A private key had the wrong length or a component did not decode.
  case invalidPrivateKey(algorithm: String, reason: String)
  /// A public key had the wrong length or a component did not decode.
  case invalidPublicKey(algorithm: String, reason: String)
  /// The context string was longer than 255 bytes.
  case contextTooLong(Int)
  /// No algorithm of that name, OID or label is known.
  case unknownAlgorithm(String)
  /// An operation the algorithm cannot do (for example seeded key generation with RSA).
  case unsupported(String)
  /// A component refused to sign; the text names the component, not the key.
  case signingFailed(String)
  /// The policy does not allow the algorithm for the purpose.
  case notApproved(algorithm: String, purpose: String)
  /// Every algorithm of a fallback chain failed; the texts say why, in order.
  case allAlgorithmsFailed([String])

  /// What was wrong.
  public var description: String {
    switch self {
    case .invalidPrivateKey(let algorithm, let reason): return "invalid \(algorithm) private key: \(reason)"
    case .invalidPublicKey(let algorithm, let reason): return "invalid \(algorithm) public key: \(reason)"
    case .contextTooLong(let count): return "context must be at most 255 bytes, got \(count)"
    case .unknownAlgorithm(let name): return "unknown algorithm \(name)"
    case .unsupported(let what): return "unsupported: \(what)"
    case .signingFailed(let component): return "\(component) signing failed"
    case .notApproved(let algorithm, let purpose): return "\(algorithm) is not approved for \(purpose)"
    case .allAlgorithmsFailed(let reasons): return "every algorithm failed: " + reasons.joined(separator: "; ")
    }
  }
}
