import QRXClassical
import QRXPostQuantum
import QRXPrimitives

/// The classical half of a hybrid account.
public enum ClassicalAccountAlgorithm: String, Sendable, CaseIterable {
  /// secp256k1 by BIP-32 at `m/44'/COIN'/0'/0/INDEX` (Ethereum's layout): the default.
  case secp256k1 = "secp256k1"
  /// Ed25519 by SLIP-10 at `m/44'/COIN'/INDEX'/0'` (every level hardened).
  case ed25519 = "Ed25519"

  /// The composite signature algorithm that pairs this key with ML-DSA-65: QRX's own
  /// `QRX-MLDSA65-secp256k1-ECDSA-SHA512`, or draft-ietf-lamps-pq-composite-sigs' `MLDSA65-Ed25519-SHA512`.
  public var compositeAlgorithm: String {
    switch self {
    case .secp256k1: return "QRX-MLDSA65-secp256k1-ECDSA-SHA512"
    case .ed25519: return "MLDSA65-Ed25519-SHA512"
    }
  }

  /// Where account `index` of `coin` lives in this algorithm's tree.
  public func accountPath(coin: UInt32, index: UInt32) throws -> DerivationPath {
    guard coin < DerivationPath.hardenedOffset else { throw WalletError.invalidPath("coin type must be below 2^31") }
    guard index < DerivationPath.hardenedOffset else { throw WalletError.invalidAccountIndex(UInt64(index)) }
    let h = DerivationPath.hardenedOffset
    switch self {
    case .secp256k1: return try DerivationPath(indexes: [44 | h, coin | h, 0 | h, 0, index])
    case .ed25519: return try DerivationPath(indexes: [44 | h, coin | h, index | h, 0 | h])
    }
  }
}

/// A classical account key.
public enum ClassicalAccountKey: Sendable {
  /// A secp256k1 key (signs as `secp256k1-ECDSA`).
  case secp256k1(Secp256k1.ECDSA.PrivateKey)
  /// An Ed25519 key.
  case ed25519(Ed25519.PrivateKey)

  /// The public key in its raw encoding: 33-byte compressed point, or Ed25519's 32 bytes.
  public var publicKey: [UInt8] {
    switch self {
    case .secp256k1(let key): return key.publicKey.rawRepresentation
    case .ed25519(let key): return key.publicKey.rawRepresentation
    }
  }
}

/// One account of a hybrid wallet: a classical key and an ML-DSA-65 key from the same seed, and the
/// hybrid address that binds them.
public struct HybridAccount: Sendable {
  /// The account index (below 2³¹).
  public let index: UInt32
  /// The SLIP-44 coin type of the paths.
  public let coin: UInt32
  /// The classical key.
  public let classicalKey: ClassicalAccountKey
  /// The classical key's path.
  public let classicalPath: DerivationPath
  /// The ML-DSA-65 key, whose seed `ξ` is the SLIP-10 node at ``postQuantumPath``.
  public let postQuantumKey: MLDSA65.PrivateKey
  /// `m/44'/COIN'/0'/0'/INDEX'`.
  public let postQuantumPath: DerivationPath
  /// The composite signature algorithm of the pair.
  public let compositeAlgorithm: String
  /// The hybrid address over the composite algorithm and both public keys.
  public let hybridAddress: HybridAddress

  /// The EIP-55 Ethereum address of a secp256k1 account; nil for Ed25519.
  public var ethereumAddress: String? {
    guard case .secp256k1(let key) = classicalKey else { return nil }
    return EthereumAddress.address(for: key.publicKey.point)
  }
}

/// A hierarchical deterministic wallet whose one BIP-39 seed gives classical (BIP-32, SLIP-10) and
/// post-quantum (SLIP-10 extension) keys for every account.
public struct HDWallet: Sendable, CustomStringConvertible {
  let seed: SecretBytes

  /// The wallet of a BIP-39 seed (16 to 64 bytes; BIP-39 gives 64).
  public init(seed: SecretBytes) throws {
    guard (16...64).contains(seed.count) else { throw WalletError.invalidSeedLength(seed.count) }
    self.seed = seed
  }

  /// The wallet of a BIP-39 mnemonic and passphrase; the mnemonic's words and checksum are checked.
  public init(mnemonic: String, passphrase: String = "") throws {
    try self.init(seed: BIP39.seed(mnemonic: mnemonic, passphrase: passphrase))
  }

  /// The BIP-32 master key of the seed.
  public var masterKey: ExtendedPrivateKey { get throws { try ExtendedPrivateKey(seed: seed) } }

  /// Account `index` of `coin` (SLIP-44; 60 is Ether): the classical key (secp256k1 unless asked
  /// otherwise), the ML-DSA-65 key at `m/44'/COIN'/0'/0'/INDEX'`, and their hybrid address.
  public func generateAccount(
    _ index: UInt32, coin: UInt32 = 60, classical: ClassicalAccountAlgorithm = .secp256k1
  ) throws -> HybridAccount {
    let classicalPath = try classical.accountPath(coin: coin, index: index)
    let classicalKey: ClassicalAccountKey
    switch classical {
    case .secp256k1:
      let node = try ExtendedPrivateKey(seed: seed).derived(classicalPath)
      classicalKey = .secp256k1(try Secp256k1.ECDSA.PrivateKey(rawRepresentation: node.privateKey))
    case .ed25519:
      classicalKey = .ed25519(try SLIP10Ed25519Key(seed: seed).derived(classicalPath).privateKey)
    }
    let postQuantumPath = try PostQuantumDerivation.accountPath(coin: coin, index: index)
    let postQuantumKey = try PostQuantumDerivation.mldsa65Key(from: seed, path: postQuantumPath)
    let address = try HybridAddress(
      compositeAlgorithm: classical.compositeAlgorithm,
      postQuantumPublicKey: postQuantumKey.publicKey.rawRepresentation, classicalPublicKey: classicalKey.publicKey)
    return HybridAccount(
      index: index, coin: coin, classicalKey: classicalKey, classicalPath: classicalPath,
      postQuantumKey: postQuantumKey, postQuantumPath: postQuantumPath,
      compositeAlgorithm: classical.compositeAlgorithm, hybridAddress: address)
  }

  /// Redacted: never prints the seed.
  public var description: String { "HDWallet(redacted)" }
}
