import QRXPrimitives

// ML-KEM as an HPKE KEM (draft-ietf-hpke-pq, Section 3): the private key is the 64-byte seed d ‖ z,
// DeriveKeyPair expands ikm with SHAKE256.LabeledDerive, Encap and Decap are ML-KEM.Encaps and
// ML-KEM.Decaps.

/// ML-KEM-512, ML-KEM-768 or ML-KEM-1024 for HPKE (KEM ids 0x0040, 0x0041, 0x0042).
public struct HPKEMLKEM: HPKEKEM {
  public let kemID: UInt16
  let mlkem: MLKEMComponent

  public var name: String { mlkem.name }
  public var sharedSecretByteCount: Int { 32 }
  public var seedByteCount: Int? { MLKEMComponent.seedByteCount }
  public var encapsulatedKeyByteCount: Int { mlkem.ciphertextByteCount }
  public var publicKeyByteCount: Int { mlkem.publicKeyByteCount }
  public var privateKeyByteCount: Int { MLKEMComponent.seedByteCount }

  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try generateKeyPair(seed: random.secretBytes(count: MLKEMComponent.seedByteCount))
  }

  /// GenerateKeyPair with a given seed `d ‖ z` (the private key itself).
  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try KEMCheck.seed(seed, count: MLKEMComponent.seedByteCount, name)
    return (seed, try mlkem.encapsulationKey(seed))
  }

  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try KEMCheck.privateKey(privateKey, count: MLKEMComponent.seedByteCount, name)
    return try mlkem.encapsulationKey(privateKey)
  }

  /// DeriveKeyPair(ikm) (draft-ietf-hpke-pq, Section 3): dk = SHAKE256.LabeledDerive(ikm, "DeriveKeyPair", "", 64).
  public func deriveKeyPair(ikm: [UInt8]) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let kdf = LabeledKDF(kdf: .shake256, suiteID: LabeledKDF.kemSuiteID(kemID))
    let dk = try kdf.labeledDerive(
      ikm: [.secret(SecretCopy.of(ikm))], label: "DeriveKeyPair", context: [], length: MLKEMComponent.seedByteCount)
    return try generateKeyPair(seed: dk)
  }

  /// Encap(pkR) = ML-KEM.Encaps(ek) (FIPS 203, Algorithm 20); a failed key check throws.
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    try KEMCheck.publicKey(publicKey, count: publicKeyByteCount, name)
    return try mlkem.encapsulate(publicKey, random)
  }

  /// Decap(enc, skR) = ML-KEM.Decaps(dk, c) (FIPS 203, Algorithm 21) with dk expanded from the seed.
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    try KEMCheck.ciphertext(ciphertext, count: encapsulatedKeyByteCount, name)
    try KEMCheck.privateKey(privateKey, count: MLKEMComponent.seedByteCount, name)
    return try mlkem.decapsulate(privateKey, ciphertext)
  }
}
