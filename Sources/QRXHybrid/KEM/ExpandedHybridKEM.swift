import QRXPrimitives

// X-Wing and the other concrete hybrid KEMs keep a 32-byte seed as the private key and expand it
// (SHAKE256) into the ML-KEM seed d ‖ z and the group's scalar on every use. This file is the same
// KEM with the private key stored one step later: d ‖ z ‖ scalar (X-Wing: 64 + 32 = 96 bytes), the
// SHAKE256 output inside expandDecapsulationKey (draft-connolly-cfrg-xwing-kem, Section 5.2), from
// which it derives (sk_M, sk_X, pk_M, pk_X). Public keys, ciphertexts and shared secrets are
// unchanged, so any X-Wing peer encapsulates to such a key; the 96-byte private form itself is QRX's
// own (X-Wing's portable private key is the 32-byte seed) and is never exported.
//
// The expanded form is what lets a migration keep an existing X25519 key: no 32-byte seed expands
// to a chosen X25519 scalar, but d ‖ z ‖ sk_X can hold any.

/// A concrete hybrid KEM (``ConcreteHybridKEM``) whose private key is stored expanded:
/// ML-KEM seed `d ‖ z` (64 bytes) followed by the group's private scalar.
public struct ExpandedHybridKEM: KeyEncapsulationMechanism {
  /// The KEM whose public keys and ciphertexts these are.
  public let base: ConcreteHybridKEM

  /// The expanded form of `base`.
  public init(_ base: ConcreteHybridKEM) { self.base = base }

  /// X-Wing with expanded private keys.
  public static let xWing = ExpandedHybridKEM(.xWing)

  /// The base KEM's wire name: these are keys of that KEM (`X-Wing`).
  public var name: String { base.name }
  public var sharedSecretByteCount: Int { base.sharedSecretByteCount }
  /// The expanded private key is its own seed.
  public var seedByteCount: Int? { privateKeyByteCount }
  /// Bytes of an expanded private key: 64 + the group's scalar length (X-Wing: 96).
  public var privateKeyByteCount: Int { MLKEMComponent.seedByteCount + base.group.scalarByteCount }
  /// Bytes of a public key (the base KEM's).
  public var publicKeyByteCount: Int { base.publicKeyByteCount }
  /// Bytes of a ciphertext (the base KEM's).
  public var ciphertextByteCount: Int { base.encapsulatedKeyByteCount }

  /// Splits an expanded private key into the ML-KEM seed and the group scalar; a wrong length
  /// throws (a scalar out of the group's range throws later, in publicElement or agree).
  func split(_ privateKey: SecretBytes) throws -> (pqSeed: SecretBytes, groupScalar: SecretBytes) {
    try KEMCheck.privateKey(privateKey, count: privateKeyByteCount, name + " (expanded)")
    let pqSeed = privateKey.withUnsafeBytes { SecretCopy.of($0, 0..<MLKEMComponent.seedByteCount) }
    let scalar = privateKey.withUnsafeBytes { SecretCopy.of($0, MLKEMComponent.seedByteCount..<privateKeyByteCount) }
    return (pqSeed, scalar)
  }

  /// A fresh expanded key: 64 random bytes of ML-KEM seed and a random group scalar.
  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let scalar = try base.group.randomScalar(seed: random.secretBytes(count: base.group.seedByteCount))
    return try keyPair(keepingGroupScalar: scalar, using: random)
  }

  /// The key pair of an expanded private key (checked, not transformed).
  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    (seed, try publicKey(fromPrivateKey: seed))
  }

  /// A key pair that keeps `scalar` as its group (classical) private key, for example an existing
  /// X25519 key, and adds a fresh ML-KEM key (`d ‖ z` drawn from `random`). The public key's group
  /// element is then the existing key's public key.
  public func keyPair(
    keepingGroupScalar scalar: SecretBytes, using random: any RandomSource = SystemRandom()
  ) throws
    -> (privateKey: SecretBytes, publicKey: [UInt8])
  {
    guard scalar.count == base.group.scalarByteCount else {
      throw HybridKEMError.invalidPrivateKey("a \(base.group.name) private key has \(base.group.scalarByteCount) bytes")
    }
    let pqSeed = random.secretBytes(count: MLKEMComponent.seedByteCount)
    let expanded = SecretBytes(count: privateKeyByteCount) { out in
      pqSeed.withUnsafeBytes { out.copyMemory(from: $0) }
      scalar.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[MLKEMComponent.seedByteCount...]).copyMemory(from: $0)
      }
    }
    return (expanded, try publicKey(fromPrivateKey: expanded))
  }

  /// The expanded form of a 32-byte seed of the base KEM (its expandDecapsulationKey): both
  /// private keys decapsulate the same ciphertexts.
  public func expandedPrivateKey(fromSeed seed: SecretBytes) throws -> SecretBytes {
    let (pqSeed, scalar) = try base.expandSeeds(seed)
    return SecretBytes(count: privateKeyByteCount) { out in
      pqSeed.withUnsafeBytes { out.copyMemory(from: $0) }
      scalar.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[MLKEMComponent.seedByteCount...]).copyMemory(from: $0)
      }
    }
  }

  /// ek = ek_PQ ‖ Exp(g, scalar).
  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    let (pqSeed, scalar) = try split(privateKey)
    return try base.pq.encapsulationKey(pqSeed) + base.group.publicElement(scalar)
  }

  /// The base KEM's Encaps: identical ciphertexts and shared secrets.
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    try base.encapsulate(to: publicKey, using: random)
  }

  /// The base KEM's Decaps with the expansion step skipped.
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    try KEMCheck.ciphertext(ciphertext, count: base.encapsulatedKeyByteCount, name)
    let (pqSeed, scalar) = try split(privateKey)
    let ctPQ = Array(ciphertext[0..<base.pq.ciphertextByteCount])
    let ctT = Array(ciphertext[base.pq.ciphertextByteCount...])
    let ssPQ = try base.pq.decapsulate(pqSeed, ctPQ)
    let (ssT, ekT) = try base.group.agree(scalar, ctT)
    return base.combine(ssPQ: ssPQ, ssT: ssT, ctT: ctT, ekT: ekT)
  }

  /// Whether the post-quantum half alone works: an ML-KEM encapsulation to the `ek_PQ` of
  /// `publicKey` decapsulates, under the ML-KEM key of `privateKey`, to the same secret.
  public func postQuantumComponentRoundTrip(privateKey: SecretBytes, publicKey: [UInt8]) throws -> Bool {
    let (pqSeed, _) = try split(privateKey)
    try KEMCheck.publicKey(publicKey, count: publicKeyByteCount, name)
    let ekPQ = Array(publicKey[0..<base.pq.publicKeyByteCount])
    let (sent, ct) = try base.pq.encapsulate(ekPQ, SystemRandom())
    let received = try base.pq.decapsulate(pqSeed, ct)
    return sent.constantTimeEquals(received)
  }
}
