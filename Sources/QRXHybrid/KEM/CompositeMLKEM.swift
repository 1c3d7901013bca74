import QRXPrimitives

// Composite ML-KEM (draft-ietf-lamps-pq-composite-kem): ML-KEM-768/1024 with RSA-OAEP, ECDH, X25519
// or X448, combined by
//
//   ss = SHA3-256(mlkemSS ‖ tradSS ‖ tradCT ‖ tradPK ‖ Label)          (Section 3.4)
//
// Public key mlkemPK ‖ tradPK, private key mlkemSeed ‖ tradSK, ciphertext mlkemCT ‖ tradCT
// (Section 4), with the component encodings of Section 4: RSA keys as PKCS#1 DER, EC public keys
// and ciphertexts as uncompressed points, EC private keys as ECPrivateKey without publicKey,
// X25519/X448 raw. Classic-McEliece-6688128f + X25519 uses the same combiner with a QRX- label
// (McElieceHybridKEM.swift).

/// The traditional half of a composite KEM.
enum CompositeTraditional: Sendable {
  /// ECDH or X25519/X448 promoted to a KEM (Section 2.2).
  case dh(DHGroupComponent)
  /// RSA-OAEP promoted to a KEM (Section 2.1).
  case rsa(RSAOAEPComponent)
}

/// A composite ML-KEM algorithm of draft-ietf-lamps-pq-composite-kem.
public struct CompositeMLKEM: KeyEncapsulationMechanism {
  /// The draft name without `id-` (`MLKEM768-X25519-SHA3-256`).
  public let name: String
  /// The OID, dotted (`1.3.6.1.5.5.7.6.58`).
  public let oid: String
  /// The KEM combiner label.
  let label: [UInt8]
  let pq: MLKEMComponent
  let traditional: CompositeTraditional

  public var sharedSecretByteCount: Int { 32 }
  /// Composite key generation takes no seed: both components are generated fresh (Section 3.1).
  public var seedByteCount: Int? { nil }

  // MARK: Key generation (Section 3.1)

  /// Composite-ML-KEM.KeyGen(): a fresh ML-KEM seed and a fresh traditional key.
  public func generateKeyPair(using random: any RandomSource) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let mlkemSeed = random.secretBytes(count: MLKEMComponent.seedByteCount)
    let mlkemPK = try pq.encapsulationKey(mlkemSeed)
    let tradSK: SecretBytes
    let tradPK: [UInt8]
    switch traditional {
    case .dh(let group):
      let scalar = try group.randomScalar(seed: random.secretBytes(count: group.seedByteCount))
      tradPK = try group.publicElement(scalar)
      tradSK = encodePrivateScalar(scalar, group)
    case .rsa(let rsa):
      (tradSK, tradPK) = try rsa.generate()
    }
    return (serializePrivateKey(mlkemSeed, tradSK), mlkemPK + tradPK)
  }

  public func generateKeyPair(seed: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    throw HybridKEMError.unavailable("\(name) has no seeded key generation: both components are generated fresh")
  }

  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    let (mlkemSeed, tradSK) = try deserializePrivateKey(privateKey)
    return try pq.encapsulationKey(mlkemSeed) + traditionalPublicKey(tradSK)
  }

  // MARK: Encapsulation and decapsulation (Sections 3.2, 3.3)

  /// Composite-ML-KEM.Encaps(pk) (Section 3.2).
  public func encapsulate(
    to publicKey: [UInt8], using random: any RandomSource
  ) throws
    -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  {
    let (mlkemPK, tradPK) = try deserializePublicKey(publicKey)
    let (mlkemSS, mlkemCT) = try pq.encapsulate(mlkemPK, random)
    let tradSS: SecretBytes
    let tradCT: [UInt8]
    switch traditional {
    case .dh(let group):
      // DHKEM.Encaps(pkR) (Section 2.2): an ephemeral key pair, ct = pkE, ss = DH(skE, pkR).
      let skE = try group.randomScalar(seed: random.secretBytes(count: group.seedByteCount))
      (tradSS, tradCT) = try group.agree(skE, tradPK)
    case .rsa(let rsa):
      // RSAOAEPKEM.Encaps(pkR) (Section 2.1): a random 256-bit secret, OAEP-encrypted.
      tradSS = random.secretBytes(count: 32)
      tradCT = try rsa.encrypt(tradPK, tradSS)
    }
    return (kemCombiner(mlkemSS, tradSS, tradCT, tradPK), mlkemCT + tradCT)
  }

  /// Composite-ML-KEM.Decaps(sk, ct) (Section 3.3); tradPK is recomputed from tradSK (Section 10.4).
  public func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    let (mlkemSeed, tradSK) = try deserializePrivateKey(privateKey)
    let (mlkemCT, tradCT) = try deserializeCiphertext(ciphertext)
    let mlkemSS = try pq.decapsulate(mlkemSeed, mlkemCT)
    // Each traditional private key is imported once, giving both tradSS and tradPK.
    let (tradSS, tradPK): (SecretBytes, [UInt8])
    switch traditional {
    case .dh(let group):
      (tradSS, tradPK) = try group.agree(try decodePrivateScalar(tradSK, group), tradCT)
    case .rsa(let rsa):
      (tradSS, tradPK) = try rsa.decrypt(tradSK, tradCT)
    }
    return kemCombiner(mlkemSS, tradSS, tradCT, tradPK)
  }

  /// KemCombiner(mlkemSS, tradSS, tradCT, tradPK, Label) (Section 3.4).
  func kemCombiner(_ mlkemSS: SecretBytes, _ tradSS: SecretBytes, _ tradCT: [UInt8], _ tradPK: [UInt8]) -> SecretBytes {
    KEMCombiner.sha3_256(pqSS: mlkemSS, tradSS: tradSS, tradCT: tradCT, tradPK: tradPK, label: label)
  }

  // MARK: Serialization (Section 4)

  /// DeserializePublicKey (Section 4.1), with the traditional key's length checked where it is fixed.
  func deserializePublicKey(_ bytes: [UInt8]) throws -> (mlkemPK: [UInt8], tradPK: [UInt8]) {
    guard bytes.count > pq.publicKeyByteCount else {
      throw HybridKEMError.invalidPublicKey("\(name) public key too short: \(bytes.count) bytes")
    }
    let tradPK = Array(bytes[pq.publicKeyByteCount...])
    switch traditional {
    case .dh(let group):
      try KEMCheck.publicKey(tradPK, count: group.elementByteCount, "\(name) \(group.name)")
    case .rsa:
      var reader = DERReader(tradPK)
      guard (try? reader.read(DERTag.sequence)) != nil, (try? reader.finish()) != nil else {
        throw HybridKEMError.invalidPublicKey("\(name) RSA public key is not an RSAPublicKey")
      }
    }
    return (Array(bytes[0..<pq.publicKeyByteCount]), tradPK)
  }

  /// DeserializePrivateKey (Section 4.2): the 64-byte ML-KEM seed, then the traditional key.
  func deserializePrivateKey(_ bytes: SecretBytes) throws -> (mlkemSeed: SecretBytes, tradSK: SecretBytes) {
    let seedCount = MLKEMComponent.seedByteCount
    guard bytes.count > seedCount else {
      throw HybridKEMError.invalidPrivateKey("\(name) private key too short: \(bytes.count) bytes")
    }
    return bytes.withUnsafeBytes { (SecretCopy.of($0, 0..<seedCount), SecretCopy.of($0, seedCount..<$0.count)) }
  }

  /// SerializePrivateKey (Section 4.2): mlkemSeed ‖ tradSK.
  func serializePrivateKey(_ mlkemSeed: SecretBytes, _ tradSK: SecretBytes) -> SecretBytes {
    SecretBytes(count: mlkemSeed.count + tradSK.count) { out in
      mlkemSeed.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: out[0..<mlkemSeed.count]).copyMemory(from: $0)
      }
      tradSK.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[mlkemSeed.count...]).copyMemory(from: $0) }
    }
  }

  /// DeserializeCiphertext (Section 4.3), with the traditional ciphertext's length checked.
  func deserializeCiphertext(_ bytes: [UInt8]) throws -> (mlkemCT: [UInt8], tradCT: [UInt8]) {
    let tradCount: Int
    switch traditional {
    case .dh(let group): tradCount = group.elementByteCount
    case .rsa(let rsa): tradCount = rsa.ciphertextByteCount
    }
    try KEMCheck.ciphertext(bytes, count: pq.ciphertextByteCount + tradCount, name)
    return (Array(bytes[0..<pq.ciphertextByteCount]), Array(bytes[pq.ciphertextByteCount...]))
  }

  /// The encoded traditional public key of a traditional private key.
  func traditionalPublicKey(_ tradSK: SecretBytes) throws -> [UInt8] {
    switch traditional {
    case .dh(let group): return try group.publicElement(try decodePrivateScalar(tradSK, group))
    case .rsa(let rsa): return try rsa.publicKey(tradSK)
    }
  }

  /// The traditional private key's encoding: ECPrivateKey for curves with an OID, raw otherwise.
  func encodePrivateScalar(_ scalar: SecretBytes, _ group: DHGroupComponent) -> SecretBytes {
    guard let oid = group.curveOID else { return scalar }
    return ECPrivateKeyEncoding.ecPrivateKey(scalar: scalar, curveOID: oid)
  }

  /// The scalar of a traditional private key, checked; an embedded public key must match it.
  func decodePrivateScalar(_ tradSK: SecretBytes, _ group: DHGroupComponent) throws -> SecretBytes {
    guard let oid = group.curveOID else {
      try KEMCheck.privateKey(tradSK, count: group.scalarByteCount, "\(name) \(group.name)")
      return tradSK
    }
    let scalar: SecretBytes
    let embedded: [UInt8]?
    do {
      scalar = try ECPrivateKeyEncoding.scalar(
        fromECPrivateKey: tradSK, curveOID: oid, scalarByteCount: group.scalarByteCount)
      embedded = try ECPrivateKeyEncoding.publicPoint(fromECPrivateKey: tradSK)
    } catch let error as DERError {
      throw HybridKEMError.invalidPrivateKey("\(name) \(group.name) private key: \(error)")
    }
    if let order = group.order, !scalar.withUnsafeBytes({ ScalarRange.isNonZeroAndBelow($0, order) }) {
      throw HybridKEMError.invalidPrivateKey("\(name) \(group.name) private key is not a scalar in [1, n-1]")
    }
    if let embedded, embedded != (try group.publicElement(scalar)) {
      throw HybridKEMError.invalidPrivateKey("\(name) \(group.name) private key does not match its public key")
    }
    return scalar
  }
}
