/// Why ML-KEM refused an input. Messages describe the input, never secret values.
public enum MLKEMError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A key, seed, message or ciphertext had the wrong length for the parameter set.
  case invalidLength(what: String, expected: Int, actual: Int)
  /// An encapsulation key failed the modulus check of FIPS 203, Section 7.2 (a coefficient ≥ q).
  case encapsulationKeyNotReduced
  /// A decapsulation key failed the hash check of FIPS 203, Section 7.3 (stored H(ek) ≠ H(ek)).
  case decapsulationKeyHashMismatch
  /// The encapsulation key inside a decapsulation key failed the modulus check.
  case decapsulationKeyNotReduced
  /// A freshly generated key pair did not decapsulate its own encapsulation: a fault.
  case pairwiseConsistencyFailure

  /// What was wrong, without secret values.
  public var description: String {
    switch self {
    case .invalidLength(let what, let expected, let actual):
      return "invalid \(what) length: expected \(expected) bytes, got \(actual)"
    case .encapsulationKeyNotReduced:
      return "invalid ML-KEM encapsulation key: a coefficient is not reduced modulo q (FIPS 203, 7.2)"
    case .decapsulationKeyHashMismatch:
      return "invalid ML-KEM decapsulation key: the stored hash does not match its encapsulation key (FIPS 203, 7.3)"
    case .decapsulationKeyNotReduced:
      return "invalid ML-KEM decapsulation key: its encapsulation key is not reduced modulo q (FIPS 203, 7.3)"
    case .pairwiseConsistencyFailure:
      return "ML-KEM key generation failed its pairwise consistency check"
    }
  }
}
