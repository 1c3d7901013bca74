import QRXClassical
import QRXPrimitives

// SLIP-10 derivation for schemes whose every 32-byte string is a private key, so children are
// hardened only and `I_L` is taken as it is: Ed25519 (SLIP-10, "ed25519 seed") and the SLIP-10
// extension for post-quantum seeds ("ML-DSA-65 seed", ...). secp256k1 under SLIP-10 is BIP-32
// itself (`ExtendedPrivateKey`).

/// A node `(k, c)` of a hardened-only SLIP-10 tree.
struct HardenedNode: Sendable {
  /// The node's 32-byte key `k = I_L`.
  let key: SecretBytes
  /// The chain code `c = I_R`.
  let chainCode: SecretBytes
  /// Levels below the master node.
  let depth: Int
  /// The index this node was derived with (0 for the master).
  let childNumber: UInt32

  /// SLIP-10 master key generation: `I = HMAC-SHA512(Key = curveKey, Data = S)`; `k = I_L`, `c = I_R`.
  init(curveKey: String, seed: SecretBytes) throws {
    guard (16...64).contains(seed.count) else { throw WalletError.invalidSeedLength(seed.count) }
    (key, chainCode) = HMACSHA512.master(curveKey: curveKey, seed: seed)
    depth = 0
    childNumber = 0
  }

  private init(key: SecretBytes, chainCode: SecretBytes, depth: Int, childNumber: UInt32) {
    self.key = key
    self.chainCode = chainCode
    self.depth = depth
    self.childNumber = childNumber
  }

  /// SLIP-10 CKDpriv for a hardened `i`: `I = HMAC-SHA512(Key = c_par, Data = 0x00 ‖ k_par ‖ ser32(i))`.
  func derivedChild(_ i: UInt32) throws -> HardenedNode {
    guard DerivationPath.isHardened(i) else { throw WalletError.hardenedDerivationRequired(index: i) }
    guard depth < DerivationPath.maximumDepth else { throw WalletError.depthOverflow }
    var data = [0] + key.copyBytes() + ser32(i)
    defer { SecretBytes.wipe(&data) }
    let (iL, iR) = HMACSHA512.split(key: chainCode, data: data)
    return HardenedNode(key: iL, chainCode: iR, depth: depth + 1, childNumber: i)
  }

  /// The node at `path` below this one; every level must be hardened.
  func derived(_ path: DerivationPath) throws -> HardenedNode {
    guard path.isFullyHardened else {
      throw WalletError.hardenedDerivationRequired(index: path.indexes.first { !DerivationPath.isHardened($0) } ?? 0)
    }
    var node = self
    for i in path.indexes { node = try node.derivedChild(i) }
    return node
  }
}

/// An Ed25519 key of a SLIP-10 tree (hardened children only): the 32-byte node key is the RFC 8032 seed.
public struct SLIP10Ed25519Key: Sendable {
  /// SLIP-10's master key string for Ed25519.
  public static let curveKey = "ed25519 seed"

  let node: HardenedNode
  /// The Ed25519 private key whose seed is the node's key `k`.
  public let privateKey: Ed25519.PrivateKey
  /// The first four bytes of HASH160 of the parent's public key (zero for the master), as SLIP-10 lists it.
  public let parentFingerprint: [UInt8]

  private init(node: HardenedNode, parentFingerprint: [UInt8]) throws {
    self.node = node
    privateKey = try Ed25519.PrivateKey(rawRepresentation: node.key)
    self.parentFingerprint = parentFingerprint
  }

  /// The master key of `seed` (SLIP-10, "Master key generation", curve ed25519).
  public init(seed: SecretBytes) throws {
    try self.init(node: HardenedNode(curveKey: Self.curveKey, seed: seed), parentFingerprint: [0, 0, 0, 0])
  }

  /// The chain code `c`.
  public var chainCode: SecretBytes { node.chainCode }
  /// Levels below the master key.
  public var depth: Int { node.depth }
  /// The index this key was derived with (0 for the master).
  public var childNumber: UInt32 { node.childNumber }

  /// SLIP-10's 33-byte public key form: `0x00 ‖ A`.
  public var publicKey: [UInt8] { [0] + privateKey.publicKey.rawRepresentation }

  /// The first four bytes of HASH160(`0x00 ‖ A`).
  public var fingerprint: [UInt8] { Array(HASH160.hash(publicKey).prefix(4)) }

  /// The hardened child `i` (SLIP-10, "Private parent key → private child key").
  public func derivedChild(_ i: UInt32) throws -> SLIP10Ed25519Key {
    try SLIP10Ed25519Key(node: node.derivedChild(i), parentFingerprint: fingerprint)
  }

  /// The key at `path` below this one; every level must be hardened.
  public func derived(_ path: DerivationPath) throws -> SLIP10Ed25519Key {
    guard path.isFullyHardened else {
      throw WalletError.hardenedDerivationRequired(index: path.indexes.first { !DerivationPath.isHardened($0) } ?? 0)
    }
    var key = self
    for i in path.indexes { key = try key.derivedChild(i) }
    return key
  }
}
