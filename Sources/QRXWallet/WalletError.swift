/// Why a wallet operation refused its input. The texts never contain keys, seeds or mnemonics.
public enum WalletError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A seed outside BIP-32's 128 to 512 bits.
  case invalidSeedLength(Int)
  /// A derivation path that does not parse (`m/44'/60'/0'/0/0`), with the reason.
  case invalidPath(String)
  /// A hardened child was asked of a public key, or a non-hardened child of a hardened-only scheme.
  case hardenedDerivationRequired(index: UInt32)
  /// A hardened child cannot be derived from a public key (BIP-32, CKDpub).
  case hardenedChildOfPublicKey(index: UInt32)
  /// Derivation gave an invalid key (`I_L` ≥ n or a zero key, probability below 2⁻¹²⁷): BIP-32 says
  /// to use the next index.
  case invalidChildKey(index: UInt32)
  /// The master key is invalid for this seed (BIP-32: "the master key is invalid").
  case invalidMasterKey
  /// The tree is deeper than 255 levels (the depth is one byte).
  case depthOverflow
  /// A serialized extended key was refused, with the reason (BIP-32, "Serialization format").
  case invalidExtendedKey(String)
  /// An account index at or above 2³¹ (accounts use hardened indexes).
  case invalidAccountIndex(UInt64)
  /// An address that does not parse or does not match.
  case invalidAddress(String)
  /// An account whose keys cannot form the composite signature key (named in the text).
  case compositeUnavailable(String)

  /// What was wrong with the input.
  public var description: String {
    switch self {
    case .invalidSeedLength(let count): return "seed must be 16 to 64 bytes, got \(count)"
    case .invalidPath(let why): return "invalid derivation path: \(why)"
    case .hardenedDerivationRequired(let index):
      return "index \(index) is not hardened, and this scheme derives hardened children only"
    case .hardenedChildOfPublicKey(let index):
      return "hardened child \(index - 0x8000_0000)' cannot be derived from a public key"
    case .invalidChildKey(let index): return "child \(index) is an invalid key; use the next index"
    case .invalidMasterKey: return "the seed gives an invalid master key"
    case .depthOverflow: return "derivation deeper than 255 levels"
    case .invalidExtendedKey(let why): return "invalid extended key: \(why)"
    case .invalidAccountIndex(let index): return "account index \(index) must be below 2^31"
    case .invalidAddress(let why): return "invalid address: \(why)"
    case .compositeUnavailable(let why): return "no composite key: \(why)"
    }
  }
}
