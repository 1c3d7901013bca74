// SLH-DSA parameter sets (FIPS 205, Section 11, Table 2) and one namespace per set.
//
// All twelve sets share one generic implementation; a namespace such as `SLHDSA_SHA2_128s` only
// names its parameters, and `SLHDSA_SHA2_128s.PrivateKey` is `SLHDSAPrivateKey<SLHDSA_SHA2_128s>`.

/// The hash family that instantiates SLH-DSA's functions (FIPS 205, Sections 11.1 and 11.2).
public enum SLHDSAHashFamily: Sendable {
  /// SHAKE256 throughout (FIPS 205, Section 11.1).
  case shake
  /// SHA-256, and SHA-512 for security categories 3 and 5 (FIPS 205, Section 11.2).
  case sha2
}

/// The numbers that define one SLH-DSA parameter set (FIPS 205, Table 2).
public struct SLHDSAParameters: Sendable, Equatable {
  /// The wire name, as FIPS 205 spells it (`SLH-DSA-SHA2-128s`).
  public let name: String
  /// Which hash family instantiates the functions.
  public let family: SLHDSAHashFamily
  /// Security parameter: the byte length of hashes, seeds and WOTS+ chain values.
  public let n: Int
  /// Total height of the hypertree.
  public let h: Int
  /// Number of hypertree layers.
  public let d: Int
  /// Height of each XMSS tree, h / d.
  public let hPrime: Int
  /// Height of each FORS tree.
  public let a: Int
  /// Number of FORS trees.
  public let k: Int
  /// Byte length of the message digest H_msg.
  public let m: Int

  /// log2 of the Winternitz parameter (always 4 in FIPS 205).
  public var lgw: Int { 4 }
  /// The Winternitz parameter w = 2^lg_w.
  public var w: Int { 16 }
  /// len1 = 8n / lg_w (FIPS 205, Equation 5.2).
  public var len1: Int { 2 * n }
  /// len2 = 3 for every FIPS 205 set (FIPS 205, Algorithm 1 with lg_w = 4).
  public var len2: Int { 3 }
  /// len = len1 + len2: the number of WOTS+ chains.
  public var len: Int { len1 + len2 }
  /// Public key size in bytes: PK.seed ‖ PK.root.
  public var publicKeyByteCount: Int { 2 * n }
  /// Private key size in bytes: SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root.
  public var privateKeyByteCount: Int { 4 * n }
  /// Seed size for key generation: SK.seed ‖ SK.prf ‖ PK.seed.
  public var seedByteCount: Int { 3 * n }
  /// Size of a FORS signature: k (a + 1) n.
  public var forsSignatureByteCount: Int { k * (a + 1) * n }
  /// Size of one XMSS signature: (h' + len) n.
  public var xmssSignatureByteCount: Int { (hPrime + len) * n }
  /// Signature size in bytes: (1 + k(1 + a) + h + d · len) n (FIPS 205, Table 2).
  public var signatureByteCount: Int { (1 + k * (1 + a) + h + d * len) * n }

  init(_ name: String, _ family: SLHDSAHashFamily, n: Int, h: Int, d: Int, hPrime: Int, a: Int, k: Int, m: Int) {
    self.name = name
    self.family = family
    self.n = n
    self.h = h
    self.d = d
    self.hPrime = hPrime
    self.a = a
    self.k = k
    self.m = m
  }

  /// The twelve parameter sets of FIPS 205, Table 2, in the standard's order.
  public static let all: [SLHDSAParameters] = [
    SLHDSA_SHA2_128s.parameters, SLHDSA_SHAKE_128s.parameters, SLHDSA_SHA2_128f.parameters,
    SLHDSA_SHAKE_128f.parameters, SLHDSA_SHA2_192s.parameters, SLHDSA_SHAKE_192s.parameters,
    SLHDSA_SHA2_192f.parameters, SLHDSA_SHAKE_192f.parameters, SLHDSA_SHA2_256s.parameters,
    SLHDSA_SHAKE_256s.parameters, SLHDSA_SHA2_256f.parameters, SLHDSA_SHAKE_256f.parameters,
  ]

  /// The set whose wire name is `name` (case-sensitive), if any.
  public static func named(_ name: String) -> SLHDSAParameters? {
    all.first { $0.name == name }
  }
}

/// One SLH-DSA parameter set, as a type: the namespace of its keys.
public protocol SLHDSAParameterSet: Sendable {
  /// The set's numbers.
  static var parameters: SLHDSAParameters { get }
}

extension SLHDSAParameterSet {
  /// A private key of this set.
  public typealias PrivateKey = SLHDSAPrivateKey<Self>
  /// A public key of this set.
  public typealias PublicKey = SLHDSAPublicKey<Self>
}

/// SLH-DSA-SHA2-128s (FIPS 205, Table 2).
public enum SLHDSA_SHA2_128s: SLHDSAParameterSet {
  /// n = 16, h = 63, d = 7, h' = 9, a = 12, k = 14, m = 30.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-128s", .sha2, n: 16, h: 63, d: 7, hPrime: 9, a: 12, k: 14, m: 30)
}

/// SLH-DSA-SHAKE-128s (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_128s: SLHDSAParameterSet {
  /// n = 16, h = 63, d = 7, h' = 9, a = 12, k = 14, m = 30.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-128s", .shake, n: 16, h: 63, d: 7, hPrime: 9, a: 12, k: 14, m: 30)
}

/// SLH-DSA-SHA2-128f (FIPS 205, Table 2).
public enum SLHDSA_SHA2_128f: SLHDSAParameterSet {
  /// n = 16, h = 66, d = 22, h' = 3, a = 6, k = 33, m = 34.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-128f", .sha2, n: 16, h: 66, d: 22, hPrime: 3, a: 6, k: 33, m: 34)
}

/// SLH-DSA-SHAKE-128f (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_128f: SLHDSAParameterSet {
  /// n = 16, h = 66, d = 22, h' = 3, a = 6, k = 33, m = 34.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-128f", .shake, n: 16, h: 66, d: 22, hPrime: 3, a: 6, k: 33, m: 34)
}

/// SLH-DSA-SHA2-192s (FIPS 205, Table 2).
public enum SLHDSA_SHA2_192s: SLHDSAParameterSet {
  /// n = 24, h = 63, d = 7, h' = 9, a = 14, k = 17, m = 39.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-192s", .sha2, n: 24, h: 63, d: 7, hPrime: 9, a: 14, k: 17, m: 39)
}

/// SLH-DSA-SHAKE-192s (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_192s: SLHDSAParameterSet {
  /// n = 24, h = 63, d = 7, h' = 9, a = 14, k = 17, m = 39.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-192s", .shake, n: 24, h: 63, d: 7, hPrime: 9, a: 14, k: 17, m: 39)
}

/// SLH-DSA-SHA2-192f (FIPS 205, Table 2).
public enum SLHDSA_SHA2_192f: SLHDSAParameterSet {
  /// n = 24, h = 66, d = 22, h' = 3, a = 8, k = 33, m = 42.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-192f", .sha2, n: 24, h: 66, d: 22, hPrime: 3, a: 8, k: 33, m: 42)
}

/// SLH-DSA-SHAKE-192f (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_192f: SLHDSAParameterSet {
  /// n = 24, h = 66, d = 22, h' = 3, a = 8, k = 33, m = 42.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-192f", .shake, n: 24, h: 66, d: 22, hPrime: 3, a: 8, k: 33, m: 42)
}

/// SLH-DSA-SHA2-256s (FIPS 205, Table 2).
public enum SLHDSA_SHA2_256s: SLHDSAParameterSet {
  /// n = 32, h = 64, d = 8, h' = 8, a = 14, k = 22, m = 47.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-256s", .sha2, n: 32, h: 64, d: 8, hPrime: 8, a: 14, k: 22, m: 47)
}

/// SLH-DSA-SHAKE-256s (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_256s: SLHDSAParameterSet {
  /// n = 32, h = 64, d = 8, h' = 8, a = 14, k = 22, m = 47.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-256s", .shake, n: 32, h: 64, d: 8, hPrime: 8, a: 14, k: 22, m: 47)
}

/// SLH-DSA-SHA2-256f (FIPS 205, Table 2).
public enum SLHDSA_SHA2_256f: SLHDSAParameterSet {
  /// n = 32, h = 68, d = 17, h' = 4, a = 9, k = 35, m = 49.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHA2-256f", .sha2, n: 32, h: 68, d: 17, hPrime: 4, a: 9, k: 35, m: 49)
}

/// SLH-DSA-SHAKE-256f (FIPS 205, Table 2).
public enum SLHDSA_SHAKE_256f: SLHDSAParameterSet {
  /// n = 32, h = 68, d = 17, h' = 4, a = 9, k = 35, m = 49.
  public static let parameters = SLHDSAParameters(
    "SLH-DSA-SHAKE-256f", .shake, n: 32, h: 68, d: 17, hPrime: 4, a: 9, k: 35, m: 49)
}
