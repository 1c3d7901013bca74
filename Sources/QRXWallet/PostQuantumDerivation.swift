import QRXPostQuantum
import QRXPrimitives

/// Post-quantum keys from the same BIP-39 seed, by the SLIP-10 extension proposal for ML-DSA:
/// master `I = HMAC-SHA512(Key = "ML-DSA-65 seed", Data = S)` (likewise for ML-DSA-44 and -87),
/// hardened children only, `I = HMAC-SHA512(c_par, 0x00 ‖ k_par ‖ ser32(i))`, and the final node's
/// 32-byte key `I_L` is ML-DSA's seed `ξ` (FIPS 204, Algorithm 6, ML-DSA.KeyGen_internal).
/// Falcon-512 the same way under `"Falcon-512 seed"`, its 32-byte key feeding Falcon's deterministic
/// key generation (SHAKE-256 of the seed drives the sampling of f and g).
public enum PostQuantumDerivation {
  /// A post-quantum signature scheme that can be derived from a seed.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// ML-DSA-44 (FIPS 204).
    case mldsa44 = "ML-DSA-44"
    /// ML-DSA-65 (FIPS 204): the wallet's default.
    case mldsa65 = "ML-DSA-65"
    /// ML-DSA-87 (FIPS 204).
    case mldsa87 = "ML-DSA-87"
    /// Falcon-512 (round-3 specification), keys by ``Falcon512/PrivateKey/init(seedRepresentation:)``.
    case falcon512 = "Falcon-512"

    /// The HMAC key of the master node: the algorithm's name followed by " seed".
    public var curveKey: String { rawValue + " seed" }
  }

  /// `m/44'/COIN'/0'/0'/INDEX'`: where post-quantum accounts live, every level hardened.
  public static func accountPath(coin: UInt32, index: UInt32) throws -> DerivationPath {
    guard coin < DerivationPath.hardenedOffset else { throw WalletError.invalidPath("coin type must be below 2^31") }
    guard index < DerivationPath.hardenedOffset else { throw WalletError.invalidAccountIndex(UInt64(index)) }
    let h = DerivationPath.hardenedOffset
    return try DerivationPath(indexes: [44 | h, coin | h, 0 | h, 0 | h, index | h])
  }

  /// The 32-byte key of the node at `path` (every level hardened) in `algorithm`'s tree of `seed`:
  /// ML-DSA's `ξ`.
  public static func seed(_ algorithm: Algorithm, from seed: SecretBytes, path: DerivationPath) throws -> SecretBytes {
    try HardenedNode(curveKey: algorithm.curveKey, seed: seed).derived(path).key
  }

  /// The ML-DSA-44 key whose `ξ` is the node at `path`.
  public static func mldsa44Key(from seed: SecretBytes, path: DerivationPath) throws -> MLDSA44.PrivateKey {
    try MLDSA44.PrivateKey(seedRepresentation: Self.seed(.mldsa44, from: seed, path: path))
  }

  /// The ML-DSA-65 key whose `ξ` is the node at `path`.
  public static func mldsa65Key(from seed: SecretBytes, path: DerivationPath) throws -> MLDSA65.PrivateKey {
    try MLDSA65.PrivateKey(seedRepresentation: Self.seed(.mldsa65, from: seed, path: path))
  }

  /// The Falcon-512 key generated deterministically from the 32-byte key of the node at `path`.
  public static func falcon512Key(from seed: SecretBytes, path: DerivationPath) throws -> Falcon512.PrivateKey {
    try Falcon512.PrivateKey(seedRepresentation: Self.seed(.falcon512, from: seed, path: path))
  }

  /// The ML-DSA-87 key whose `ξ` is the node at `path`.
  public static func mldsa87Key(from seed: SecretBytes, path: DerivationPath) throws -> MLDSA87.PrivateKey {
    try MLDSA87.PrivateKey(seedRepresentation: Self.seed(.mldsa87, from: seed, path: path))
  }
}
