// The three ML-KEM parameter sets (FIPS 203, Section 8, Table 2) and the sizes they imply
// (Table 3). The generic core (`MLKEMCore`) is written once against this protocol and
// specialized for each set by the compiler.

/// An ML-KEM parameter set (FIPS 203, Section 8).
protocol MLKEMParameterSet: Sendable {
  /// The wire name (`ML-KEM-768`).
  static var name: String { get }
  /// k: the rank of the module (number of polynomials in a vector).
  static var k: Int { get }
  /// η₁: the CBD width of s, e (key generation) and y (encryption).
  static var eta1: Int { get }
  /// d_u: bits per coefficient of the compressed u.
  static var du: Int { get }
  /// d_v: bits per coefficient of the compressed v.
  static var dv: Int { get }
}

extension MLKEMParameterSet {
  /// η₂: the CBD width of e₁ and e₂; 2 in every set.
  @inline(__always) static var eta2: Int { 2 }
  /// Bytes of an encapsulation key: 384k + 32 (FIPS 203, Table 3).
  @inline(__always) static var encapsulationKeyByteCount: Int { 384 &* k &+ 32 }
  /// Bytes of a decapsulation key: 768k + 96 (FIPS 203, Table 3).
  @inline(__always) static var decapsulationKeyByteCount: Int { 768 &* k &+ 96 }
  /// Bytes of a ciphertext: 32(d_u·k + d_v) (FIPS 203, Table 3).
  @inline(__always) static var ciphertextByteCount: Int { 32 &* (du &* k &+ dv) }
}

/// ML-KEM-512: k = 2, η₁ = 3, d_u = 10, d_v = 4 (security category 1).
enum MLKEM512Parameters: MLKEMParameterSet {
  static var name: String { "ML-KEM-512" }
  @inline(__always) static var k: Int { 2 }
  @inline(__always) static var eta1: Int { 3 }
  @inline(__always) static var du: Int { 10 }
  @inline(__always) static var dv: Int { 4 }
}

/// ML-KEM-768: k = 3, η₁ = 2, d_u = 10, d_v = 4 (security category 3).
enum MLKEM768Parameters: MLKEMParameterSet {
  static var name: String { "ML-KEM-768" }
  @inline(__always) static var k: Int { 3 }
  @inline(__always) static var eta1: Int { 2 }
  @inline(__always) static var du: Int { 10 }
  @inline(__always) static var dv: Int { 4 }
}

/// ML-KEM-1024: k = 4, η₁ = 2, d_u = 11, d_v = 5 (security category 5).
enum MLKEM1024Parameters: MLKEMParameterSet {
  static var name: String { "ML-KEM-1024" }
  @inline(__always) static var k: Int { 4 }
  @inline(__always) static var eta1: Int { 2 }
  @inline(__always) static var du: Int { 11 }
  @inline(__always) static var dv: Int { 5 }
}
