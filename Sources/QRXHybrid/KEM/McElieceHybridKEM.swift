import QRXPrimitives

// Classic-McEliece-6688128f + X25519, a QRX combination (DESIGN.md, decision 4; issue 9) with the
// combiner shape of draft-ietf-lamps-pq-composite-kem (Section 3.4) and a QRX- label:
//
//   ss = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ Label)
//
// Public key pk_M ‖ pk_X, private key sk_M (the NIST encoding δ ‖ c ‖ g ‖ α ‖ s) ‖ sk_X (raw X25519
// scalar), ciphertext ct_M ‖ ct_X (ct_X the ephemeral X25519 public key). Seeded key generation
// takes 32 bytes: SHAKE256(seed ‖ Label, 64) = δ ‖ sk_X. See docs/HYBRID-KEM.md and docs/FORMATS.md.

/// A Classic McEliece + Diffie-Hellman hybrid KEM: `QRX-McEliece6688128f-X25519-SHA3-256`.
public struct McElieceHybridKEM: KeyEncapsulationMechanism {
  /// The wire name.
  public let name: String
  /// The combiner label.
  public let label: [UInt8]
  let pq: McElieceComponent
  let group: DHGroupComponent

  /// Bytes of the seed of seeded key generation.
  static let keySeedByteCount = 32

  public var sharedSecretByteCount: Int { 32 }
  /// 32: the seed is expanded into δ and the X25519 private key.
  public var seedByteCount: Int? { Self.keySeedByteCount }
  /// Bytes of a public key: pk_M ‖ pk_X.
  public var publicKeyByteCount: Int { pq.publicKeyByteCount + group.elementByteCount }
  /// Bytes of a private key: sk_M ‖ sk_X.
  public var privateKeyByteCount: Int { pq.privateKeyByteCount + group.scalarByteCount }
  /// Bytes of a ciphertext: ct_M ‖ ct_X.
  public var ciphertextByteCount: Int { pq.ciphertextByteCount + group.elementByteCount }

  // MARK: Key generation

  /// A fresh key pair: a 32-byte seed from `random`, then ``generateKeyPair(seed:)``.
  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try generateKeyPair(seed: random.secretBytes(count: Self.keySeedByteCount))
  }

  /// The key pair of a 32-byte seed: SHAKE256(seed ‖ Label, 32 + Nseed) = δ ‖ RandomScalar seed;
  /// (sk_M, pk_M) = SeededKeyGen(δ), sk_X = RandomScalar(…), pk_X = Exp(g, sk_X).
  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let (delta, skX) = try expandSeed(seed)
    let pkX = try group.publicElement(skX)
    let (skM, pkM) = try pq.generate(delta)
    return (serializePrivateKey(skM, skX), pkM + pkX)
  }

  /// The public key of a private key. Regenerates pk_M from the δ stored in sk_M (as slow as key
  /// generation) and refuses a private key that its δ does not generate.
  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    let (skM, skX) = try deserializePrivateKey(privateKey)
    let pkX = try group.publicElement(skX)
    return try pq.publicKey(skM) + pkX
  }

  /// The key seeds of a 32-byte seed: δ (32 bytes) and sk_X = RandomScalar(the remaining Nseed bytes).
  func expandSeed(_ seed: SecretBytes) throws -> (delta: SecretBytes, groupScalar: SecretBytes) {
    try KEMCheck.seed(seed, count: Self.keySeedByteCount, name)
    let total = 32 + group.seedByteCount
    let seedFull = SecretBytes(count: total) { out in
      var shake = SHAKE256()
      seed.withUnsafeBytes { shake.absorb($0) }
      shake.absorb(label)
      shake.squeeze(into: out)
      shake.erase()
    }
    let (delta, groupSeed) = seedFull.withUnsafeBytes { (SecretCopy.of($0, 0..<32), SecretCopy.of($0, 32..<total)) }
    return (delta, try group.randomScalar(seed: groupSeed))
  }

  // MARK: Encapsulation and decapsulation

  /// Encaps(pk): (ss_M, ct_M) = McEliece.Encap(pk_M); an ephemeral sk_E, ct_X = Exp(g, sk_E),
  /// ss_X = Exp(pk_X, sk_E); ss = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ Label).
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    try KEMCheck.publicKey(publicKey, count: publicKeyByteCount, name)
    let pkM = Array(publicKey[0..<pq.publicKeyByteCount])
    let pkX = Array(publicKey[pq.publicKeyByteCount...])
    let (ssM, ctM) = try pq.encapsulate(pkM, random)
    let skE = try group.randomScalar(seed: random.secretBytes(count: group.seedByteCount))
    let (ssX, ctX) = try group.agree(skE, pkX)
    return (
      KEMCombiner.sha3_256(pqSS: ssM, tradSS: ssX, tradCT: ctX, tradPK: pkX, label: label), ctM + ctX
    )
  }

  /// Decaps(sk, ct): ss_M = McEliece.Decap(ct_M, sk_M) (implicit rejection), ss_X = Exp(ct_X, sk_X),
  /// pk_X = Exp(g, sk_X); ss = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ Label).
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    let (skM, skX) = try deserializePrivateKey(privateKey)
    try KEMCheck.ciphertext(ciphertext, count: ciphertextByteCount, name)
    let ctM = Array(ciphertext[0..<pq.ciphertextByteCount])
    let ctX = Array(ciphertext[pq.ciphertextByteCount...])
    let ssM = try pq.decapsulate(skM, ctM)
    let (ssX, pkX) = try group.agree(skX, ctX)
    return KEMCombiner.sha3_256(pqSS: ssM, tradSS: ssX, tradCT: ctX, tradPK: pkX, label: label)
  }

  // MARK: Serialization

  /// sk_M ‖ sk_X.
  func serializePrivateKey(_ skM: SecretBytes, _ skX: SecretBytes) -> SecretBytes {
    SecretBytes(count: skM.count + skX.count) { out in
      skM.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[0..<skM.count]).copyMemory(from: $0) }
      skX.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[skM.count...]).copyMemory(from: $0) }
    }
  }

  /// (sk_M, sk_X) of a private key of exactly ``privateKeyByteCount`` bytes.
  func deserializePrivateKey(_ bytes: SecretBytes) throws -> (skM: SecretBytes, skX: SecretBytes) {
    try KEMCheck.privateKey(bytes, count: privateKeyByteCount, name)
    let split = pq.privateKeyByteCount
    return bytes.withUnsafeBytes { (SecretCopy.of($0, 0..<split), SecretCopy.of($0, split..<$0.count)) }
  }
}
