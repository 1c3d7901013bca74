import QRXClassical
import QRXPrimitives

// BIP-32 hierarchical deterministic keys for secp256k1: master key generation, CKDpriv, CKDpub,
// N(), key identifiers and the 78-byte serialization in Base58Check (`xprv`, `xpub`).
// The curve arithmetic goes through libsecp256k1 (QRXClassical); this file only arranges bytes.

/// HMAC-SHA512 halves `I_L ‖ I_R` as BIP-32 and SLIP-10 use them; every copy is wiped.
enum HMACSHA512 {
  /// `I = HMAC-SHA512(key, data)`, split into `I_L` and `I_R` (32 bytes each).
  static func split(
    key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer
  ) -> (
    left: SecretBytes, right: SecretBytes
  ) {
    var i = HMAC.authenticationCode(.sha512, key: key, message: data)
    defer { SecretBytes.wipe(&i) }
    return (SecretBytes(i[0..<32]), SecretBytes(i[32..<64]))
  }

  /// `I = HMAC-SHA512(key, data)`.
  static func split(key: UnsafeRawBufferPointer, data: [UInt8]) -> (left: SecretBytes, right: SecretBytes) {
    data.withUnsafeBytes { split(key: key, data: $0) }
  }

  /// The SLIP-10 / BIP-32 master node: `I = HMAC-SHA512(curveKey, seed)`.
  static func master(curveKey: String, seed: SecretBytes) -> (left: SecretBytes, right: SecretBytes) {
    Array(curveKey.utf8).withUnsafeBytes { key in seed.withUnsafeBytes { split(key: key, data: $0) } }
  }

  /// `I = HMAC-SHA512(key, data)` for a public or constant key.
  static func split(key: [UInt8], data: [UInt8]) -> (left: SecretBytes, right: SecretBytes) {
    key.withUnsafeBytes { split(key: $0, data: data) }
  }

  /// `I = HMAC-SHA512(key, data)` for a secret key (a chain code).
  static func split(key: SecretBytes, data: [UInt8]) -> (left: SecretBytes, right: SecretBytes) {
    key.withUnsafeBytes { split(key: $0, data: data) }
  }
}

/// ser32(i): the 32-bit index, big-endian (BIP-32, "Conventions").
@inline(__always)
func ser32(_ i: UInt32) -> [UInt8] {
  [
    UInt8(truncatingIfNeeded: i >> 24), UInt8(truncatingIfNeeded: i >> 16), UInt8(truncatingIfNeeded: i >> 8),
    UInt8(truncatingIfNeeded: i),
  ]
}

/// The version bytes of BIP-32's serialization.
public enum BIP32Network: Sendable, Equatable {
  /// Bitcoin mainnet: `xprv` (0x0488ADE4), `xpub` (0x0488B21E).
  case mainnet
  /// Bitcoin testnet: `tprv` (0x04358394), `tpub` (0x043587CF).
  case testnet

  var privateVersion: UInt32 { self == .mainnet ? 0x0488_ADE4 : 0x0435_8394 }
  var publicVersion: UInt32 { self == .mainnet ? 0x0488_B21E : 0x0435_87CF }
}

/// The fields of a 78-byte serialized extended key (BIP-32, "Serialization format").
struct SerializedExtendedKey {
  static let byteCount = 78

  let network: BIP32Network
  let isPrivate: Bool
  let depth: UInt8
  let parentFingerprint: [UInt8]
  let childNumber: UInt32
  let chainCode: SecretBytes
  /// 33 bytes: `0x00 ‖ ser256(k)` or `serP(K)`.
  let keyData: SecretBytes

  /// Builds the 78 bytes (wiped by the caller) and returns their Base58Check text as ASCII.
  func encodedCharacters() -> [UInt8] {
    let version = isPrivate ? network.privateVersion : network.publicVersion
    var bytes = ser32(version) + [depth] + parentFingerprint + ser32(childNumber)
    bytes += chainCode.copyBytes()
    bytes += keyData.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    return Base58.encodedCheckedCharacters(bytes)
  }

  /// Parses and checks everything the format allows checking without the curve: the checksum, the
  /// length, a known version, and depth 0 only with a zero parent fingerprint and child number 0.
  /// The key data's prefix must match the version: `0x00` for private, `0x02`/`0x03` for public.
  init(parsing text: String) throws {
    var bytes: [UInt8]
    do {
      bytes = try Base58.decodeChecked(text)
    } catch let error as Base58.Error {
      throw WalletError.invalidExtendedKey(error.description)
    }
    defer { SecretBytes.wipe(&bytes) }
    guard bytes.count == Self.byteCount else {
      throw WalletError.invalidExtendedKey("must hold 78 bytes, holds \(bytes.count)")
    }
    let version = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
    switch version {
    case BIP32Network.mainnet.privateVersion: (network, isPrivate) = (.mainnet, true)
    case BIP32Network.mainnet.publicVersion: (network, isPrivate) = (.mainnet, false)
    case BIP32Network.testnet.privateVersion: (network, isPrivate) = (.testnet, true)
    case BIP32Network.testnet.publicVersion: (network, isPrivate) = (.testnet, false)
    default: throw WalletError.invalidExtendedKey("unknown version bytes")
    }
    depth = bytes[4]
    parentFingerprint = Array(bytes[5..<9])
    childNumber = UInt32(bytes[9]) << 24 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 8 | UInt32(bytes[12])
    if depth == 0 {
      guard parentFingerprint == [0, 0, 0, 0] else {
        throw WalletError.invalidExtendedKey("depth 0 with a non-zero parent fingerprint")
      }
      guard childNumber == 0 else { throw WalletError.invalidExtendedKey("depth 0 with a non-zero child number") }
    }
    chainCode = SecretBytes(bytes[13..<45])
    let prefix = bytes[45]
    if isPrivate {
      guard prefix == 0x00 else {
        throw WalletError.invalidExtendedKey(
          prefix == 0x02 || prefix == 0x03
            ? "private version with public key data" : "private key data must start with 0x00")
      }
    } else {
      guard prefix == 0x02 || prefix == 0x03 else {
        throw WalletError.invalidExtendedKey(
          prefix == 0x00 ? "public version with private key data" : "public key data must start with 0x02 or 0x03")
      }
    }
    keyData = SecretBytes(bytes[45..<78])
  }

  init(
    network: BIP32Network, isPrivate: Bool, depth: UInt8, parentFingerprint: [UInt8], childNumber: UInt32,
    chainCode: SecretBytes, keyData: SecretBytes
  ) {
    self.network = network
    self.isPrivate = isPrivate
    self.depth = depth
    self.parentFingerprint = parentFingerprint
    self.childNumber = childNumber
    self.chainCode = chainCode
    self.keyData = keyData
  }
}

/// A BIP-32 extended private key `(k, c)` for secp256k1 with its place in the tree.
public struct ExtendedPrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// The private scalar `k`, 32 bytes big-endian, in [1, n-1].
  public let privateKey: SecretBytes
  /// The chain code `c` (32 bytes): with an extended public key it reveals every non-hardened child.
  public let chainCode: SecretBytes
  /// The public point `K = point(k)`.
  public let publicKey: Secp256k1.Point
  /// Levels below the master key (0 for the master).
  public let depth: UInt8
  /// The first four bytes of the parent's identifier (zero for the master).
  public let parentFingerprint: [UInt8]
  /// The index this key was derived with (0 for the master).
  public let childNumber: UInt32
  /// The version bytes used when serializing.
  public let network: BIP32Network

  init(
    privateKey: SecretBytes, chainCode: SecretBytes, depth: UInt8, parentFingerprint: [UInt8], childNumber: UInt32,
    network: BIP32Network
  ) throws {
    self.privateKey = privateKey
    self.chainCode = chainCode
    publicKey = try Secp256k1.publicKey(for: privateKey)
    self.depth = depth
    self.parentFingerprint = parentFingerprint
    self.childNumber = childNumber
    self.network = network
  }

  /// The master key of `seed` (16 to 64 bytes): `I = HMAC-SHA512("Bitcoin seed", S)`, `k = I_L`,
  /// `c = I_R` (BIP-32, "Master key generation"). Throws if `I_L` is 0 or ≥ n.
  public init(seed: SecretBytes, network: BIP32Network = .mainnet) throws {
    guard (16...64).contains(seed.count) else { throw WalletError.invalidSeedLength(seed.count) }
    let (iL, iR) = HMACSHA512.master(curveKey: "Bitcoin seed", seed: seed)
    guard Secp256k1.isValidPrivateKey(iL) else { throw WalletError.invalidMasterKey }
    try self.init(
      privateKey: iL, chainCode: iR, depth: 0, parentFingerprint: [0, 0, 0, 0], childNumber: 0, network: network)
  }

  /// Parses an `xprv` (or `tprv`) key with every check of BIP-32's serialization format: checksum,
  /// length, version, depth-0 consistency, the `0x00` prefix, and `k` in [1, n-1].
  public init(serialized text: String) throws {
    let fields = try SerializedExtendedKey(parsing: text)
    guard fields.isPrivate else { throw WalletError.invalidExtendedKey("an extended public key, not a private one") }
    var keyData = fields.keyData.copyBytes()
    defer { SecretBytes.wipe(&keyData) }
    let k = SecretBytes(keyData[1...])
    guard Secp256k1.isValidPrivateKey(k) else { throw WalletError.invalidExtendedKey("private key not in [1, n-1]") }
    try self.init(
      privateKey: k, chainCode: fields.chainCode, depth: fields.depth, parentFingerprint: fields.parentFingerprint,
      childNumber: fields.childNumber, network: fields.network)
  }

  /// The Base58Check `xprv` text as ASCII bytes, held as a secret (it contains `k`).
  public var serialized: SecretBytes {
    var keyData = [0] + privateKey.copyBytes()
    defer { SecretBytes.wipe(&keyData) }
    var text = SerializedExtendedKey(
      network: network, isPrivate: true, depth: depth, parentFingerprint: parentFingerprint,
      childNumber: childNumber, chainCode: chainCode, keyData: SecretBytes(keyData)
    ).encodedCharacters()
    defer { SecretBytes.wipe(&text) }
    return SecretBytes(text)
  }

  /// The key identifier HASH160(serP(K)) (BIP-32, "Key identifiers").
  public var identifier: [UInt8] { HASH160.hash(publicKey.compressedRepresentation) }

  /// The first 4 bytes of the identifier.
  public var fingerprint: [UInt8] { Array(identifier.prefix(4)) }

  /// N((k, c)) = (point(k), c): the extended public key (BIP-32, "Private parent key → public child key").
  public var extendedPublicKey: ExtendedPublicKey {
    ExtendedPublicKey(
      publicKey: publicKey, chainCode: chainCode.copyBytes(), depth: depth, parentFingerprint: parentFingerprint,
      childNumber: childNumber, network: network)
  }

  /// CKDpriv((k_par, c_par), i) (BIP-32, "Private parent key → private child key"). Throws
  /// ``WalletError/invalidChildKey(index:)`` when `I_L` ≥ n or `k_i` = 0; BIP-32 then uses `i + 1`.
  public func derivedChild(_ i: UInt32) throws -> ExtendedPrivateKey {
    guard depth < UInt8.max else { throw WalletError.depthOverflow }
    let (kI, cI) = try Self.childKey(k: privateKey, c: chainCode, point: publicKey, i)
    return try ExtendedPrivateKey(
      privateKey: kI, chainCode: cI, depth: depth + 1, parentFingerprint: fingerprint, childNumber: i,
      network: network)
  }

  /// CKDpriv's arithmetic: `I = HMAC-SHA512(c_par, data)`, `k_i = parse256(I_L) + k_par (mod n)`,
  /// `c_i = I_R`. `point` is `point(k_par)` when known; a non-hardened `i` needs it and computes it if not.
  static func childKey(
    k: SecretBytes, c: SecretBytes, point: Secp256k1.Point?, _ i: UInt32
  ) throws -> (k: SecretBytes, c: SecretBytes) {
    var data: [UInt8]
    if DerivationPath.isHardened(i) {
      data = [0] + k.copyBytes() + ser32(i)  // 0x00 ‖ ser256(k_par) ‖ ser32(i)
    } else {
      let kPar = try point ?? Secp256k1.publicKey(for: k)
      data = kPar.compressedRepresentation + ser32(i)  // serP(point(k_par)) ‖ ser32(i)
    }
    defer { SecretBytes.wipe(&data) }
    let (iL, iR) = HMACSHA512.split(key: c, data: data)
    do {
      return (try Secp256k1.tweakAdd(privateKey: k, tweak: iL), iR)  // parse256(I_L) + k_par (mod n)
    } catch {
      throw WalletError.invalidChildKey(index: i)
    }
  }

  /// The key at `path` below this one (the path's levels applied in order). Intermediate levels
  /// compute `point(k)` only when a non-hardened child needs it; the result is the same as applying
  /// ``derivedChild(_:)`` level by level.
  public func derived(_ path: DerivationPath) throws -> ExtendedPrivateKey {
    guard let last = path.indexes.last else { return self }
    guard Int(depth) + path.indexes.count <= Int(UInt8.max) else { throw WalletError.depthOverflow }
    var k = privateKey
    var c = chainCode
    var point: Secp256k1.Point? = publicKey
    for i in path.indexes.dropLast() {
      (k, c) = try Self.childKey(k: k, c: c, point: point, i)
      point = nil
    }
    let parentPoint = try point ?? Secp256k1.publicKey(for: k)
    let parent = Array(HASH160.hash(parentPoint.compressedRepresentation).prefix(4))
    let (kI, cI) = try Self.childKey(k: k, c: c, point: parentPoint, last)
    return try ExtendedPrivateKey(
      privateKey: kI, chainCode: cI, depth: depth + UInt8(path.indexes.count), parentFingerprint: parent,
      childNumber: last, network: network)
  }

  /// Redacted: never prints key material.
  public var description: String { "ExtendedPrivateKey(depth: \(depth), child: \(childNumber), redacted)" }
  /// Redacted: never prints key material.
  public var debugDescription: String { description }
  /// No children: debuggers and `dump` see nothing secret.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A BIP-32 extended public key `(K, c)` for secp256k1 with its place in the tree.
public struct ExtendedPublicKey: Sendable, CustomStringConvertible {
  /// The public point `K`.
  public let publicKey: Secp256k1.Point
  /// The chain code `c` (32 bytes).
  public let chainCode: [UInt8]
  /// Levels below the master key (0 for the master).
  public let depth: UInt8
  /// The first four bytes of the parent's identifier (zero for the master).
  public let parentFingerprint: [UInt8]
  /// The index this key was derived with (0 for the master).
  public let childNumber: UInt32
  /// The version bytes used when serializing.
  public let network: BIP32Network

  init(
    publicKey: Secp256k1.Point, chainCode: [UInt8], depth: UInt8, parentFingerprint: [UInt8], childNumber: UInt32,
    network: BIP32Network
  ) {
    self.publicKey = publicKey
    self.chainCode = chainCode
    self.depth = depth
    self.parentFingerprint = parentFingerprint
    self.childNumber = childNumber
    self.network = network
  }

  /// Parses an `xpub` (or `tpub`) key with every check of BIP-32's serialization format: checksum,
  /// length, version, depth-0 consistency, the `0x02`/`0x03` prefix, and a point on the curve.
  public init(serialized text: String) throws {
    let fields = try SerializedExtendedKey(parsing: text)
    guard !fields.isPrivate else {
      throw WalletError.invalidExtendedKey("an extended private key, not a public one")
    }
    let point: Secp256k1.Point
    do {
      point = try Secp256k1.Point(rawRepresentation: fields.keyData.copyBytes())
    } catch {
      throw WalletError.invalidExtendedKey("public key is not a point on secp256k1")
    }
    self.init(
      publicKey: point, chainCode: fields.chainCode.copyBytes(), depth: fields.depth,
      parentFingerprint: fields.parentFingerprint, childNumber: fields.childNumber, network: fields.network)
  }

  /// The Base58Check `xpub` text.
  public var serialized: String {
    let characters = SerializedExtendedKey(
      network: network, isPrivate: false, depth: depth, parentFingerprint: parentFingerprint,
      childNumber: childNumber, chainCode: SecretBytes(chainCode),
      keyData: SecretBytes(publicKey.compressedRepresentation)
    ).encodedCharacters()
    return String(decoding: characters, as: UTF8.self)
  }

  /// The key identifier HASH160(serP(K)) (BIP-32, "Key identifiers").
  public var identifier: [UInt8] { HASH160.hash(publicKey.compressedRepresentation) }

  /// The first 4 bytes of the identifier.
  public var fingerprint: [UInt8] { Array(identifier.prefix(4)) }

  /// CKDpub((K_par, c_par), i) (BIP-32, "Public parent key → public child key"): non-hardened `i`
  /// only. Throws ``WalletError/invalidChildKey(index:)`` when `I_L` ≥ n or `K_i` is the point at infinity.
  public func derivedChild(_ i: UInt32) throws -> ExtendedPublicKey {
    guard !DerivationPath.isHardened(i) else { throw WalletError.hardenedChildOfPublicKey(index: i) }
    guard depth < UInt8.max else { throw WalletError.depthOverflow }
    let (iL, iR) = HMACSHA512.split(key: chainCode, data: publicKey.compressedRepresentation + ser32(i))
    var tweak = iL.copyBytes()
    defer { SecretBytes.wipe(&tweak) }
    let kI: Secp256k1.Point
    do {
      kI = try publicKey.addingTweak(tweak)  // point(parse256(I_L)) + K_par
    } catch {
      throw WalletError.invalidChildKey(index: i)
    }
    return ExtendedPublicKey(
      publicKey: kI, chainCode: iR.copyBytes(), depth: depth + 1, parentFingerprint: fingerprint, childNumber: i,
      network: network)
  }

  /// The key at `path` below this one; every level must be non-hardened.
  public func derived(_ path: DerivationPath) throws -> ExtendedPublicKey {
    var key = self
    for i in path.indexes { key = try key.derivedChild(i) }
    return key
  }

  /// The `xpub` text.
  public var description: String { serialized }
}
