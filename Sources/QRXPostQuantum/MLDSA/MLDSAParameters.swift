// ML-DSA parameter sets (FIPS 204, Section 4, Table 1) and the sizes that follow from them
// (Table 2). The generic core is written against `MLDSAParameterSet`; every caller names a concrete
// set, so the optimizer specializes the core per set and the parameters become constants.

/// One ML-DSA parameter set: the values of FIPS 204, Table 1.
protocol MLDSAParameterSet: Sendable {
  /// The wire name (`ML-DSA-65`).
  static var name: String { get }
  /// Rows of the matrix A.
  static var k: Int { get }
  /// Columns of the matrix A.
  static var l: Int { get }
  /// η: the bound of the private vectors' coefficients.
  static var eta: Int32 { get }
  /// τ: the number of ±1 coefficients of the challenge polynomial c.
  static var tau: Int { get }
  /// log2(γ1): γ1 is the bound of the masking vector y.
  static var gamma1Bits: Int { get }
  /// γ2: the low-order rounding range.
  static var gamma2: Int32 { get }
  /// ω: the most 1s a hint may hold.
  static var omega: Int { get }
  /// λ: the collision strength of c̃, in bits; c̃ has λ/4 bytes.
  static var lambda: Int { get }
}

extension MLDSAParameterSet {
  /// β = τ·η.
  @inline(__always) static var beta: Int32 { Int32(tau) &* eta }
  /// γ1 = 2^gamma1Bits.
  @inline(__always) static var gamma1: Int32 { 1 &<< Int32(gamma1Bits) }
  /// Bits per coefficient of s1 and s2 in the private key: bitlen(2η).
  @inline(__always) static var etaBits: Int { eta == 2 ? 3 : 4 }
  /// Bits per coefficient of z in the signature: 1 + bitlen(γ1 − 1).
  @inline(__always) static var zBits: Int { gamma1Bits &+ 1 }
  /// (q − 1) / (2γ2): the number of high-bits values (44 or 16).
  @inline(__always) static var highBitsModulus: Int32 { (mldsaQ &- 1) / (2 &* gamma2) }
  /// Bits per coefficient of w1 in w1Encode: bitlen((q − 1)/(2γ2) − 1).
  @inline(__always) static var w1Bits: Int { gamma2 == 95_232 ? 6 : 4 }
  /// Bytes of c̃: λ/4.
  @inline(__always) static var challengeByteCount: Int { lambda / 4 }

  /// Bytes of an encoded public key: 32 + 32·k·(bitlen(q − 1) − d) (FIPS 204, Table 2).
  @inline(__always) static var publicKeyByteCount: Int { 32 &+ 320 &* k }
  /// Bytes of an encoded private key: 128 + 32·((k + l)·bitlen(2η) + d·k) (FIPS 204, Table 2).
  @inline(__always) static var privateKeyByteCount: Int { 128 &+ 32 &* ((k &+ l) &* etaBits &+ 13 &* k) }
  /// Bytes of an encoded signature: λ/4 + 32·l·(1 + bitlen(γ1 − 1)) + ω + k (FIPS 204, Table 2).
  @inline(__always) static var signatureByteCount: Int {
    challengeByteCount &+ 32 &* l &* zBits &+ omega &+ k
  }
}

/// ML-DSA-44: security category 2.
enum MLDSA44Parameters: MLDSAParameterSet {
  static var name: String { "ML-DSA-44" }
  static var k: Int { 4 }
  static var l: Int { 4 }
  static var eta: Int32 { 2 }
  static var tau: Int { 39 }
  static var gamma1Bits: Int { 17 }
  static var gamma2: Int32 { 95_232 }  // (q − 1)/88
  static var omega: Int { 80 }
  static var lambda: Int { 128 }
}

/// ML-DSA-65: security category 3.
enum MLDSA65Parameters: MLDSAParameterSet {
  static var name: String { "ML-DSA-65" }
  static var k: Int { 6 }
  static var l: Int { 5 }
  static var eta: Int32 { 4 }
  static var tau: Int { 49 }
  static var gamma1Bits: Int { 19 }
  static var gamma2: Int32 { 261_888 }  // (q − 1)/32
  static var omega: Int { 55 }
  static var lambda: Int { 192 }
}

/// ML-DSA-87: security category 5.
enum MLDSA87Parameters: MLDSAParameterSet {
  static var name: String { "ML-DSA-87" }
  static var k: Int { 8 }
  static var l: Int { 7 }
  static var eta: Int32 { 2 }
  static var tau: Int { 60 }
  static var gamma1Bits: Int { 19 }
  static var gamma2: Int32 { 261_888 }  // (q − 1)/32
  static var omega: Int { 75 }
  static var lambda: Int { 256 }
}
