import QRXPrimitives

// The concrete hybrid KEMs of draft-irtf-cfrg-concrete-hybrid-kems (the "CG" construction of
// draft-irtf-cfrg-hybrid-kems): ML-KEM plus a Diffie-Hellman group, a 32-byte seed as the private
// key, SHAKE256 as the PRG and SHA3-256 as the combiner:
//
//   ss = SHA3-256(ss_PQ ‖ ss_T ‖ ct_T ‖ ek_T ‖ Label)
//
// MLKEM768-X25519 is X-Wing (draft-connolly-cfrg-xwing-kem) byte for byte. Their HPKE identifiers
// and DeriveKeyPair come from draft-ietf-hpke-pq, Section 4.

/// A concrete ML-KEM + group hybrid KEM: X-Wing, MLKEM768-P256 or MLKEM1024-P384.
public struct ConcreteHybridKEM: HPKEKEM {
  public let name: String
  public let kemID: UInt16
  let pq: MLKEMComponent
  let group: DHGroupComponent
  /// The combiner label.
  let label: [UInt8]

  /// Bytes of the private key (the seed).
  static let privateSeedByteCount = 32

  public var sharedSecretByteCount: Int { 32 }
  public var seedByteCount: Int? { Self.privateSeedByteCount }
  public var encapsulatedKeyByteCount: Int { pq.ciphertextByteCount + group.elementByteCount }
  public var publicKeyByteCount: Int { pq.publicKeyByteCount + group.elementByteCount }
  public var privateKeyByteCount: Int { Self.privateSeedByteCount }

  /// The expanded key: the ML-KEM seed and dk_T secret, ek_T public. ek_PQ is computed only
  /// when asked for (``publicKey(of:)``): decapsulation does not need it, and ML-KEM's KeyGen
  /// is the costliest step of the expansion.
  struct ExpandedKey {
    let pqSeed: SecretBytes
    let groupScalar: SecretBytes
    let groupElement: [UInt8]
  }

  /// ek = ek_PQ ‖ ek_T.
  func publicKey(of key: ExpandedKey) throws -> [UInt8] {
    try pq.encapsulationKey(key.pqSeed) + key.groupElement
  }

  /// expandKey(seed) (draft-irtf-cfrg-hybrid-kems, CG construction; X-Wing's
  /// expandDecapsulationKey): SHAKE256(seed, 64 + Group.Nseed) split into the ML-KEM seed and
  /// the group's RandomScalar seed.
  func expandKey(_ seed: SecretBytes) throws -> ExpandedKey {
    let (pqSeed, dkT) = try expandSeeds(seed)
    return ExpandedKey(pqSeed: pqSeed, groupScalar: dkT, groupElement: try group.publicElement(dkT))
  }

  /// The secret half of expandKey: the ML-KEM seed and dk_T.
  func expandSeeds(_ seed: SecretBytes) throws -> (pqSeed: SecretBytes, groupScalar: SecretBytes) {
    try KEMCheck.privateKey(seed, count: Self.privateSeedByteCount, name)
    let total = MLKEMComponent.seedByteCount + group.seedByteCount
    let seedFull = SecretBytes(count: total) { out in
      var shake = SHAKE256()
      seed.withUnsafeBytes { shake.absorb($0) }
      shake.squeeze(into: out)
      shake.erase()
    }
    let (pqSeed, groupSeed) = seedFull.withUnsafeBytes {
      (SecretCopy.of($0, 0..<MLKEMComponent.seedByteCount), SecretCopy.of($0, MLKEMComponent.seedByteCount..<total))
    }
    return (pqSeed, try group.randomScalar(seed: groupSeed))
  }

  /// The combiner: SHA3-256(ss_PQ ‖ ss_T ‖ ct_T ‖ ek_T ‖ Label).
  func combine(ssPQ: SecretBytes, ssT: SecretBytes, ctT: [UInt8], ekT: [UInt8]) -> SecretBytes {
    KEMCombiner.sha3_256(pqSS: ssPQ, tradSS: ssT, tradCT: ctT, tradPK: ekT, label: label)
  }

  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try generateKeyPair(seed: random.secretBytes(count: Self.privateSeedByteCount))
  }

  /// GenerateKeyPair with a given 32-byte seed: the seed is the private key.
  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try KEMCheck.seed(seed, count: Self.privateSeedByteCount, name)
    return (seed, try publicKey(of: try expandKey(seed)))
  }

  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try publicKey(of: try expandKey(privateKey))
  }

  /// DeriveKeyPair(ikm) (draft-ietf-hpke-pq, Section 4): seed = SHAKE256.LabeledDerive(ikm,
  /// "DeriveKeyPair", "", 32) under suite_id "KEM" ‖ kem_id.
  public func deriveKeyPair(ikm: [UInt8]) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let kdf = LabeledKDF(kdf: .shake256, suiteID: LabeledKDF.kemSuiteID(kemID))
    let seed = try kdf.labeledDerive(
      ikm: [.secret(SecretCopy.of(ikm))], label: "DeriveKeyPair", context: [], length: Self.privateSeedByteCount)
    return try generateKeyPair(seed: seed)
  }

  /// Encaps(ek) (draft-irtf-cfrg-hybrid-kems, CG construction; X-Wing Encapsulate): draws ML-KEM's
  /// 32-byte `m`, then `Group.Nseed` bytes for the ephemeral scalar.
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    try KEMCheck.publicKey(publicKey, count: publicKeyByteCount, name)
    let ekPQ = Array(publicKey[0..<pq.publicKeyByteCount])
    let ekT = Array(publicKey[pq.publicKeyByteCount...])
    let (ssPQ, ctPQ) = try pq.encapsulate(ekPQ, random)
    let skE = try group.randomScalar(seed: random.secretBytes(count: group.seedByteCount))
    let (ssT, ctT) = try group.agree(skE, ekT)
    return (combine(ssPQ: ssPQ, ssT: ssT, ctT: ctT, ekT: ekT), ctPQ + ctT)
  }

  /// Decaps(seed, ct) (draft-irtf-cfrg-hybrid-kems, CG construction; X-Wing Decapsulate).
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    try KEMCheck.ciphertext(ciphertext, count: encapsulatedKeyByteCount, name)
    let ctPQ = Array(ciphertext[0..<pq.ciphertextByteCount])
    let ctT = Array(ciphertext[pq.ciphertextByteCount...])
    let (pqSeed, dkT) = try expandSeeds(privateKey)
    let ssPQ = try pq.decapsulate(pqSeed, ctPQ)
    let (ssT, ekT) = try group.agree(dkT, ctT)
    return combine(ssPQ: ssPQ, ssT: ssT, ctT: ctT, ekT: ekT)
  }
}
