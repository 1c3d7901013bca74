import QRXPrimitives

// The public API of Classic McEliece, in the shape of swift-crypto: one namespace per parameter
// set (`ClassicMcEliece348864` … `ClassicMcEliece8192128f`), each with `PrivateKey` and `PublicKey`.
//
// The private key is kept in the NIST encoding δ ‖ c ‖ g ‖ α ‖ s (round-4 specification,
// "Key generation"), not as the bare seed δ: the control bits of α and the string s are what
// decapsulation needs, and regenerating them from δ would cost a full key generation (Gaussian
// elimination on an m·t × n matrix) on every load. The public key is not part of it; `publicKey`
// regenerates it from δ when the key was loaded rather than generated, and checks that the stored
// encoding is the one δ determines.

/// A Classic McEliece public key: the matrix T of H = [I | T], m·t rows of k bits.
public struct McEliecePublicKey<P: McElieceParameterSet>: Sendable, Equatable {
  /// The NIST encoding (`P.publicKeyByteCount` bytes; up to 1.36 MB).
  public let rawRepresentation: [UInt8]

  /// Checks the length and that the padding bits of every row are zero.
  public init<Bytes: Collection>(rawRepresentation bytes: Bytes) throws where Bytes.Element == UInt8 {
    guard bytes.count == P.publicKeyByteCount else {
      throw CryptoError.invalidLength(
        what: "\(P.name) public key", expected: "\(P.publicKeyByteCount)", actual: bytes.count)
    }
    let raw = Array(bytes)
    if P.k % 8 != 0 {
      let rowBytes = P.publicKeyRowByteCount
      var padding: UInt8 = 0
      for i in 0..<P.mt { padding |= raw[i * rowBytes + rowBytes - 1] >> UInt8(P.k % 8) }
      guard padding == 0 else {
        throw CryptoError.invalidParameter("\(P.name) public key has nonzero padding bits")
      }
    }
    rawRepresentation = raw
  }

  init(validated raw: [UInt8]) { rawRepresentation = raw }

  /// Encapsulates a fresh shared secret to this key: (K, C) with K 32 bytes.
  public func encapsulate() -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    encapsulateForTesting(randomSource: SystemRandom())
  }

  /// Encapsulation drawing FixedWeight's randomness from `randomSource` in the reference
  /// implementation's order, for known-answer tests only: a predictable source makes K predictable.
  public func encapsulateForTesting(randomSource: some RandomSource) -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    rawRepresentation.withUnsafeBytes { pk in
      McElieceEncapsulateOperation(publicKey: pk, random: randomSource).specialized(for: P.self)
    }
  }
}

/// A Classic McEliece private key, held in the NIST encoding δ ‖ c ‖ g ‖ α ‖ s.
public struct McEliecePrivateKey<P: McElieceParameterSet>: Sendable {
  private let storage: SecretBytes
  private let decodingKey: McElieceDecodingKey
  private let generatedPublicKey: McEliecePublicKey<P>?

  /// A new random key pair (δ from the system generator).
  public init() {
    let seed = SystemRandom().secretBytes(count: 32)
    self.init(generatingFrom: seed, progress: { _, _ in })
  }

  /// The key pair SeededKeyGen(δ) determines, for a 32-byte δ (the reference's `randombytes` draw).
  public init<Bytes: Collection>(seedRepresentation seed: Bytes) throws where Bytes.Element == UInt8 {
    guard seed.count == 32 else {
      throw CryptoError.invalidLength(what: "\(P.name) seed δ", expected: "32", actual: seed.count)
    }
    self.init(generatingFrom: SecretBytes(seed), progress: { _, _ in })
  }

  /// As ``init(seedRepresentation:)``, calling `progress(attempt, fractionDone)` as the Gaussian
  /// elimination advances; a new attempt of SeededKeyGen follows a rejected g, ordering or matrix.
  public init(seed: SecretBytes, progress: (_ attempt: Int, _ fractionDone: Double) -> Void) throws {
    guard seed.count == 32 else {
      throw CryptoError.invalidLength(what: "\(P.name) seed δ", expected: "32", actual: seed.count)
    }
    self.init(generatingFrom: seed, progress: progress)
  }

  private init(generatingFrom seed: SecretBytes, progress: (Int, Double) -> Void) {
    let (sk, pk) = seed.withUnsafeBytes { mcelieceGenerate(P.self, seed: $0, progress: progress) }
    storage = sk
    decodingKey = sk.withUnsafeBytes { McElieceDecodingKeyOperation(privateKey: $0).specialized(for: P.self) }
    generatedPublicKey = McEliecePublicKey(validated: pk)
  }

  /// Loads the NIST encoding. Checks the length, that every coefficient of g fits in m bits and
  /// the pivot word c (2^32 − 1 for the systematic sets, 32 bits set among 64 for the `f` sets);
  /// consistency with δ is checked by ``publicKey``.
  public init<Bytes: Collection>(rawRepresentation bytes: Bytes) throws where Bytes.Element == UInt8 {
    guard bytes.count == P.privateKeyByteCount else {
      throw CryptoError.invalidLength(
        what: "\(P.name) private key", expected: "\(P.privateKeyByteCount)", actual: bytes.count)
    }
    let sk = SecretBytes(bytes)
    try sk.withUnsafeBytes { raw in
      var pivots: UInt64 = 0
      for i in 0..<8 { pivots |= UInt64(raw[32 + i]) << UInt64(8 * i) }
      let expected = P.isSemiSystematic ? pivots.nonzeroBitCount == 32 : pivots == 0xFFFF_FFFF
      guard expected else { throw CryptoError.invalidParameter("\(P.name) private key has a malformed pivot word c") }
      var high: UInt16 = 0
      for i in 0..<P.t { high |= (UInt16(raw[40 + 2 * i]) | (UInt16(raw[41 + 2 * i]) << 8)) & ~McElieceGF<P>.mask }
      guard high == 0 else {
        throw CryptoError.invalidParameter("\(P.name) private key has a coefficient of g outside GF(2^\(P.m))")
      }
    }
    storage = sk
    decodingKey = sk.withUnsafeBytes { McElieceDecodingKeyOperation(privateKey: $0).specialized(for: P.self) }
    generatedPublicKey = nil
  }

  /// The NIST encoding δ ‖ c ‖ g ‖ α ‖ s (`P.privateKeyByteCount` bytes).
  public var rawRepresentation: SecretBytes { storage }

  /// δ as stored in the private key: the seed of the SeededKeyGen attempt that succeeded, which is
  /// the seed given to ``init(seedRepresentation:)`` unless that attempt was rejected and retried.
  /// Either regenerates this key pair.
  public var seedRepresentation: SecretBytes {
    storage.withUnsafeBytes { SecretBytes(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
  }

  /// The public key. For a key loaded with ``init(rawRepresentation:)`` this regenerates the key
  /// pair from δ (as slow as key generation) and throws if the stored encoding is not the one δ gives.
  public var publicKey: McEliecePublicKey<P> {
    get throws {
      if let generatedPublicKey { return generatedPublicKey }
      let (sk, pk) = storage.withUnsafeBytes {
        mcelieceGenerate(P.self, seed: UnsafeRawBufferPointer(rebasing: $0[0..<32]), progress: { _, _ in })
      }
      guard sk.constantTimeEquals(storage) else {
        throw CryptoError.invalidParameter("\(P.name) private key is not the one its seed δ generates")
      }
      return McEliecePublicKey(validated: pk)
    }
  }

  /// Decapsulates `ciphertext` (`P.ciphertextByteCount` bytes). A ciphertext that does not decode
  /// gives a different, deterministic secret (implicit rejection); a wrong length, or nonzero padding
  /// bits in the last byte, throws.
  public func decapsulate<Bytes: Collection>(_ ciphertext: Bytes) throws -> SecretBytes where Bytes.Element == UInt8 {
    guard ciphertext.count == P.ciphertextByteCount else {
      throw CryptoError.invalidLength(
        what: "\(P.name) ciphertext", expected: "\(P.ciphertextByteCount)", actual: ciphertext.count)
    }
    let c = Array(ciphertext)
    if P.mt % 8 != 0, c[c.count - 1] >> UInt8(P.mt % 8) != 0 {
      throw CryptoError.invalidParameter("\(P.name) ciphertext has nonzero padding bits")
    }
    return storage.withUnsafeBytes { sk in
      c.withUnsafeBytes {
        McElieceDecapsulateOperation(key: decodingKey, privateKey: sk, ciphertext: $0).specialized(for: P.self)
      }
    }
  }
}
