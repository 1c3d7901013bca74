import QRXPrimitives

// The SLH-DSA key API (FIPS 205, Section 10): key generation, pure signing with a context string,
// HashSLH-DSA pre-hash signing, verification. The private key is FIPS 205's 4n-byte encoding
// SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root, kept in zeroed-on-release storage.

/// A pre-hash function of HashSLH-DSA (FIPS 205, Section 10.2.2), with its DER-encoded OID.
public enum SLHDSAPreHash: String, Sendable, CaseIterable {
  /// SHA-224.
  case sha224
  /// SHA-256.
  case sha256
  /// SHA-384.
  case sha384
  /// SHA-512.
  case sha512
  /// SHA3-224.
  case sha3_224 = "sha3-224"
  /// SHA3-256.
  case sha3_256 = "sha3-256"
  /// SHA3-384.
  case sha3_384 = "sha3-384"
  /// SHA3-512.
  case sha3_512 = "sha3-512"
  /// SHAKE128 with 256 bits of output.
  case shake128
  /// SHAKE256 with 512 bits of output.
  case shake256

  /// The last arc of the OID 2.16.840.1.101.3.4.2.x (NIST hash algorithms).
  var oidArc: UInt8 {
    switch self {
    case .sha256: return 1
    case .sha384: return 2
    case .sha512: return 3
    case .sha224: return 4
    case .sha3_224: return 7
    case .sha3_256: return 8
    case .sha3_384: return 9
    case .sha3_512: return 10
    case .shake128: return 11
    case .shake256: return 12
    }
  }

  /// The DER encoding of the OID (FIPS 205, Algorithm 23 lines 6 to 26).
  var oid: [UInt8] { [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oidArc] }

  /// PH(M) (FIPS 205, Algorithm 23).
  func digest(_ message: [UInt8]) -> [UInt8] {
    switch self {
    case .sha224: return SHA2.hash(.sha224, message)
    case .sha256: return SHA2.hash(.sha256, message)
    case .sha384: return SHA2.hash(.sha384, message)
    case .sha512: return SHA2.hash(.sha512, message)
    case .sha3_224: return SHA3_224.hash(message)
    case .sha3_256: return SHA3_256.hash(message)
    case .sha3_384: return SHA3_384.hash(message)
    case .sha3_512: return SHA3_512.hash(message)
    case .shake128: return SHAKE128.hash(message, outputLength: 32)
    case .shake256: return SHAKE256.hash(message, outputLength: 64)
    }
  }
}

/// How SLH-DSA builds M' from the message (FIPS 205, Algorithms 22 to 25).
enum SLHDSAMessageEncoding {
  /// M' = toByte(0, 1) ‖ toByte(|ctx|, 1) ‖ ctx ‖ M (FIPS 205, Algorithm 22 line 8), or with
  /// `preHash`, M' = toByte(1, 1) ‖ toByte(|ctx|, 1) ‖ ctx ‖ OID ‖ PH(M) (Algorithm 23 line 28).
  /// Nil when the context is longer than 255 bytes.
  static func encode(_ message: [UInt8], context: [UInt8], preHash: SLHDSAPreHash?) -> [UInt8]? {
    guard context.count <= 255 else { return nil }
    var encoded: [UInt8] = []
    if let preHash {
      let oid = preHash.oid
      let digest = preHash.digest(message)
      encoded.reserveCapacity(2 + context.count + oid.count + digest.count)
      encoded.append(1)
      encoded.append(UInt8(context.count))
      encoded += context
      encoded += oid
      encoded += digest
    } else {
      encoded.reserveCapacity(2 + context.count + message.count)
      encoded.append(0)
      encoded.append(UInt8(context.count))
      encoded += context
      encoded += message
    }
    return encoded
  }
}

/// An SLH-DSA private key of the parameter set `Set` (FIPS 205): SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root.
public struct SLHDSAPrivateKey<Set: SLHDSAParameterSet>: Sendable {
  /// The 4n-byte encoding.
  let key: SecretBytes

  /// A new key from the system's random generator (FIPS 205, Algorithm 21).
  public init() {
    self.init(using: SystemRandom())
  }

  /// A new key with seeds drawn from `random` (FIPS 205, Algorithm 21).
  public init(using random: some RandomSource) {
    let seeds = random.secretBytes(count: Set.parameters.seedByteCount)
    self.init(validatedSeeds: seeds)
  }

  /// The key generated from the three seeds SK.seed ‖ SK.prf ‖ PK.seed (3n bytes) by
  /// slh_keygen_internal (FIPS 205, Algorithm 18).
  public init(seedRepresentation seeds: SecretBytes) throws {
    let p = Set.parameters
    guard seeds.count == p.seedByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(p.seedByteCount) (\(p.name) seeds)", actual: seeds.count)
    }
    self.init(validatedSeeds: seeds)
  }

  /// The key generated from the three seeds SK.seed ‖ SK.prf ‖ PK.seed (3n bytes) by
  /// slh_keygen_internal (FIPS 205, Algorithm 18). The caller wipes its own copy of `seeds`.
  public init(seedRepresentation seeds: [UInt8]) throws {
    try self.init(seedRepresentation: SecretBytes(seeds))
  }

  private init(validatedSeeds seeds: SecretBytes) {
    let p = Set.parameters
    key = SecretBytes(count: p.privateKeyByteCount) { sk in
      seeds.withUnsafeBytes { SLHDSAInternal.keygen(p, seeds: $0, sk: sk) }
    }
  }

  /// The key in FIPS 205's 4n-byte encoding SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root.
  ///
  /// The encoding is taken as it is: PK.root is not recomputed (that costs a key generation), so
  /// a corrupted PK.root gives signatures that do not verify, never a weaker key.
  public init(rawRepresentation: SecretBytes) throws {
    let p = Set.parameters
    guard rawRepresentation.count == p.privateKeyByteCount else {
      throw CryptoError.invalidKeySize(
        expected: "\(p.privateKeyByteCount) (\(p.name) private key)", actual: rawRepresentation.count)
    }
    key = SecretBytes(count: p.privateKeyByteCount) { out in
      rawRepresentation.withUnsafeBytes { out.copyMemory(from: $0) }
    }
  }

  /// The key in FIPS 205's 4n-byte encoding. The caller wipes its own copy of `rawRepresentation`.
  public init(rawRepresentation: [UInt8]) throws {
    try self.init(rawRepresentation: SecretBytes(rawRepresentation))
  }

  /// FIPS 205's 4n-byte encoding SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root.
  public var rawRepresentation: SecretBytes { key }

  /// The matching public key PK.seed ‖ PK.root.
  public var publicKey: SLHDSAPublicKey<Set> {
    let n = Set.parameters.n
    let bytes = key.withUnsafeBytes { Array($0[(2 * n)..<(4 * n)]) }
    return SLHDSAPublicKey(validatedBytes: bytes)
  }

  /// A hedged signature of `message` with `context` (FIPS 205, Algorithm 22): opt_rand comes from
  /// the system's random generator. Throws if the context is longer than 255 bytes.
  public func signature(for message: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
    try signature(for: message, context: context, randomSource: SystemRandom())
  }

  /// A hedged signature of `message` with `context` (FIPS 205, Algorithm 22), opt_rand drawn from `randomSource`.
  public func signature(
    for message: [UInt8], context: [UInt8] = [], randomSource: some RandomSource
  ) throws -> [UInt8] {
    try sign(encoded(message, context: context, preHash: nil), addrnd: randomSource.bytes(count: Set.parameters.n))
  }

  /// The deterministic signature of `message` with `context` (FIPS 205, Algorithm 22 with
  /// opt_rand = PK.seed).
  public func deterministicSignature(for message: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
    try sign(encoded(message, context: context, preHash: nil), addrnd: nil)
  }

  /// A hedged HashSLH-DSA signature of PH(`message`) with `context` (FIPS 205, Algorithm 23).
  public func signature(
    forPrehashOf message: [UInt8], using preHash: SLHDSAPreHash, context: [UInt8] = []
  ) throws -> [UInt8] {
    try sign(
      encoded(message, context: context, preHash: preHash), addrnd: SystemRandom().bytes(count: Set.parameters.n))
  }

  /// The deterministic HashSLH-DSA signature of PH(`message`) with `context` (FIPS 205,
  /// Algorithm 23 with opt_rand = PK.seed).
  public func deterministicSignature(
    forPrehashOf message: [UInt8], using preHash: SLHDSAPreHash, context: [UInt8] = []
  ) throws -> [UInt8] {
    try sign(encoded(message, context: context, preHash: preHash), addrnd: nil)
  }

  /// slh_sign_internal (FIPS 205, Algorithm 19) on `message` as M' itself, with `additionalRandomness`
  /// as opt_rand (nil: PK.seed, the deterministic variant). For known-answer tests only: it skips
  /// the domain separation of M' that Algorithms 22 and 23 add.
  public func testingOnlyInternalSignature(message: [UInt8], additionalRandomness: [UInt8]?) throws -> [UInt8] {
    if let additionalRandomness, additionalRandomness.count != Set.parameters.n {
      throw CryptoError.invalidLength(
        what: "SLH-DSA additional randomness", expected: "\(Set.parameters.n)", actual: additionalRandomness.count)
    }
    return sign(message, addrnd: additionalRandomness)
  }

  private func encoded(_ message: [UInt8], context: [UInt8], preHash: SLHDSAPreHash?) throws -> [UInt8] {
    guard let encoded = SLHDSAMessageEncoding.encode(message, context: context, preHash: preHash) else {
      throw CryptoError.invalidLength(what: "SLH-DSA context", expected: "at most 255", actual: context.count)
    }
    return encoded
  }

  /// slh_sign_internal (FIPS 205, Algorithm 19) on M'; opt_rand = `addrnd`, or PK.seed when nil.
  private func sign(_ mPrime: [UInt8], addrnd: [UInt8]?) -> [UInt8] {
    let p = Set.parameters
    return key.withUnsafeBytes { sk in
      mPrime.withUnsafeBytes { m in
        if let addrnd {
          return addrnd.withUnsafeBytes { SLHDSAInternal.sign(p, message: m, sk: sk, addrnd: $0) }
        }
        let pkSeed = UnsafeRawBufferPointer(rebasing: sk[(2 * p.n)..<(3 * p.n)])
        return SLHDSAInternal.sign(p, message: m, sk: sk, addrnd: pkSeed)
      }
    }
  }
}

/// An SLH-DSA public key of the parameter set `Set` (FIPS 205): PK.seed ‖ PK.root.
public struct SLHDSAPublicKey<Set: SLHDSAParameterSet>: Sendable, Equatable {
  /// The 2n-byte encoding.
  public let rawRepresentation: [UInt8]

  /// A public key from its 2n-byte encoding PK.seed ‖ PK.root; any other length throws.
  public init(rawRepresentation: [UInt8]) throws {
    let p = Set.parameters
    guard rawRepresentation.count == p.publicKeyByteCount else {
      throw CryptoError.invalidKeySize(
        expected: "\(p.publicKeyByteCount) (\(p.name) public key)", actual: rawRepresentation.count)
    }
    self.rawRepresentation = rawRepresentation
  }

  init(validatedBytes: [UInt8]) {
    rawRepresentation = validatedBytes
  }

  /// Whether `signature` is a valid signature of `message` with `context` (FIPS 205, Algorithm 24).
  /// A malformed signature or a context longer than 255 bytes is simply invalid.
  public func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8] = []) -> Bool {
    guard let mPrime = SLHDSAMessageEncoding.encode(message, context: context, preHash: nil) else { return false }
    return verify(signature, mPrime)
  }

  /// Whether `signature` is a valid HashSLH-DSA signature of PH(`message`) with `context`
  /// (FIPS 205, Algorithm 25).
  public func isValidSignature(
    _ signature: [UInt8], forPrehashOf message: [UInt8], using preHash: SLHDSAPreHash, context: [UInt8] = []
  ) -> Bool {
    guard let mPrime = SLHDSAMessageEncoding.encode(message, context: context, preHash: preHash) else {
      return false
    }
    return verify(signature, mPrime)
  }

  /// slh_verify_internal (FIPS 205, Algorithm 20) on `message` as M' itself. For known-answer
  /// tests only: it skips the domain separation of M' that Algorithms 24 and 25 add.
  public func testingOnlyIsValidInternalSignature(_ signature: [UInt8], message: [UInt8]) -> Bool {
    verify(signature, message)
  }

  private func verify(_ signature: [UInt8], _ mPrime: [UInt8]) -> Bool {
    let p = Set.parameters
    guard signature.count == p.signatureByteCount else { return false }
    return rawRepresentation.withUnsafeBytes { pk in
      signature.withUnsafeBytes { sig in
        mPrime.withUnsafeBytes { m in SLHDSAInternal.verify(p, message: m, signature: sig, pk: pk) }
      }
    }
  }
}
