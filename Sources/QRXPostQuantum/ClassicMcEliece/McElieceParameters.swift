// Classic McEliece parameter sets (round-4 specification, "Parameters"): the ten sets
// mceliece348864 ... mceliece8192128f. Each namespace below is also its parameter set, so
// `ClassicMcEliece6688128f.PrivateKey` reads like `MLKEM768.PrivateKey`.

/// A Classic McEliece parameter set: the field GF(2^m), the code length n, the error weight t,
/// the polynomial F(y) of GF((2^m)^t), and whether key generation is semi-systematic (the `f` sets).
public protocol McElieceParameterSet: Sendable {
  /// The wire name, `Classic-McEliece-348864` … `Classic-McEliece-8192128f`.
  static var name: String { get }
  /// m: the field is GF(2^m) (12 or 13).
  static var m: Int { get }
  /// n: the code length.
  static var n: Int { get }
  /// t: the number of errors the code corrects.
  static var t: Int { get }
  /// Whether key generation uses the semi-systematic form with (μ, ν) = (32, 64), as the `f` sets do.
  static var isSemiSystematic: Bool { get }
  /// The lower terms of the monic F(y) = y^t + Σ Fᵢ·yⁱ, as (i, Fᵢ) with Fᵢ in GF(2^m).
  static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { get }
}

extension McElieceParameterSet {
  /// The private key of this parameter set.
  public typealias PrivateKey = McEliecePrivateKey<Self>
  /// The public key of this parameter set.
  public typealias PublicKey = McEliecePublicKey<Self>

  /// m·t: the number of rows of the parity-check matrix.
  static var mt: Int { m * t }
  /// k = n − m·t: the code dimension.
  static var k: Int { n - m * t }
  /// q = 2^m: the field size.
  static var q: Int { 1 << m }
  /// Bytes of one public-key row: k bits, padded to whole bytes.
  static var publicKeyRowByteCount: Int { (k + 7) / 8 }
  /// Bytes of the Beneš-network control bits: (2m − 1)·2^(m−1) bits.
  static var controlBitsByteCount: Int { (2 * m - 1) * (1 << (m - 4)) }

  /// Public-key size in bytes: m·t rows of k bits each (the matrix T of [I | T]).
  public static var publicKeyByteCount: Int { mt * publicKeyRowByteCount }
  /// Private-key size in bytes: δ (32) ‖ c (8) ‖ g (2t) ‖ α as control bits ‖ s (n/8).
  public static var privateKeyByteCount: Int { 40 + 2 * t + controlBitsByteCount + n / 8 }
  /// Ciphertext size in bytes: the syndrome C of m·t bits.
  public static var ciphertextByteCount: Int { (mt + 7) / 8 }
  /// Shared-secret size in bytes.
  public static var sharedSecretByteCount: Int { 32 }
  /// Seed (δ) size in bytes.
  public static var seedByteCount: Int { 32 }
}

/// Classic McEliece mceliece348864: m = 12, n = 3488, t = 64.
public enum ClassicMcEliece348864: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-348864" }
  @inlinable public static var m: Int { 12 }
  @inlinable public static var n: Int { 3488 }
  @inlinable public static var t: Int { 64 }
  @inlinable public static var isSemiSystematic: Bool { false }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(3, 1), (1, 1), (0, 2)] }
}

/// Classic McEliece mceliece348864f: mceliece348864 with semi-systematic key generation.
public enum ClassicMcEliece348864f: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-348864f" }
  @inlinable public static var m: Int { 12 }
  @inlinable public static var n: Int { 3488 }
  @inlinable public static var t: Int { 64 }
  @inlinable public static var isSemiSystematic: Bool { true }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(3, 1), (1, 1), (0, 2)] }
}

/// Classic McEliece mceliece460896: m = 13, n = 4608, t = 96.
public enum ClassicMcEliece460896: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-460896" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 4608 }
  @inlinable public static var t: Int { 96 }
  @inlinable public static var isSemiSystematic: Bool { false }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(10, 1), (9, 1), (6, 1), (0, 1)] }
}

/// Classic McEliece mceliece460896f: mceliece460896 with semi-systematic key generation.
public enum ClassicMcEliece460896f: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-460896f" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 4608 }
  @inlinable public static var t: Int { 96 }
  @inlinable public static var isSemiSystematic: Bool { true }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(10, 1), (9, 1), (6, 1), (0, 1)] }
}

/// Classic McEliece mceliece6688128: m = 13, n = 6688, t = 128.
public enum ClassicMcEliece6688128: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-6688128" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 6688 }
  @inlinable public static var t: Int { 128 }
  @inlinable public static var isSemiSystematic: Bool { false }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(7, 1), (2, 1), (1, 1), (0, 1)] }
}

/// Classic McEliece mceliece6688128f: mceliece6688128 with semi-systematic key generation.
public enum ClassicMcEliece6688128f: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-6688128f" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 6688 }
  @inlinable public static var t: Int { 128 }
  @inlinable public static var isSemiSystematic: Bool { true }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(7, 1), (2, 1), (1, 1), (0, 1)] }
}

/// Classic McEliece mceliece6960119: m = 13, n = 6960, t = 119.
public enum ClassicMcEliece6960119: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-6960119" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 6960 }
  @inlinable public static var t: Int { 119 }
  @inlinable public static var isSemiSystematic: Bool { false }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(8, 1), (0, 1)] }
}

/// Classic McEliece mceliece6960119f: mceliece6960119 with semi-systematic key generation.
public enum ClassicMcEliece6960119f: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-6960119f" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 6960 }
  @inlinable public static var t: Int { 119 }
  @inlinable public static var isSemiSystematic: Bool { true }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(8, 1), (0, 1)] }
}

/// Classic McEliece mceliece8192128: m = 13, n = 8192, t = 128.
public enum ClassicMcEliece8192128: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-8192128" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 8192 }
  @inlinable public static var t: Int { 128 }
  @inlinable public static var isSemiSystematic: Bool { false }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(7, 1), (2, 1), (1, 1), (0, 1)] }
}

/// Classic McEliece mceliece8192128f: mceliece8192128 with semi-systematic key generation.
public enum ClassicMcEliece8192128f: McElieceParameterSet {
  public static var name: String { "Classic-McEliece-8192128f" }
  @inlinable public static var m: Int { 13 }
  @inlinable public static var n: Int { 8192 }
  @inlinable public static var t: Int { 128 }
  @inlinable public static var isSemiSystematic: Bool { true }
  public static var polynomialTerms: [(exponent: Int, coefficient: UInt16)] { [(7, 1), (2, 1), (1, 1), (0, 1)] }
}
