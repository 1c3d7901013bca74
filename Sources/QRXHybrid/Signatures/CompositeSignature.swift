import QRXPrimitives

/// Composite signatures (draft-ietf-lamps-pq-composite-sigs-19): both components sign
/// M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M), the post-quantum one with ctx = Label; the
/// signature is their concatenation and verifies only when both halves do.
public enum CompositeSignature {
  /// A composite private key, bound to its algorithm: its components sign for no other.
  public struct PrivateKey: Sendable, CustomStringConvertible {
    /// The algorithm this key belongs to.
    public let algorithm: CompositeSignatureAlgorithm
    let postQuantumSeed: SecretBytes
    let postQuantum: PostQuantumSigningKey
    let traditional: TraditionalSigningKey

    /// A fresh key pair (Section 4.1, KeyGen) from the system's randomness.
    public init(algorithm: CompositeSignatureAlgorithm) throws {
      let seed = SystemRandom().secretBytes(count: algorithm.postQuantum.keyGenerationSeedByteCount)
      let pq = try PostQuantumSigningKey(algorithm.postQuantum, keyGenerationSeed: seed)
      try self.init(
        algorithm: algorithm, postQuantum: pq, traditional: TraditionalSigningKey(generating: algorithm.traditional))
    }

    /// The key pair derived from a 32-byte `seed` (QRX seeded key generation, docs/FORMATS.md):
    /// SHAKE256("QRX composite keygen" ‖ Label ‖ seed) gives the post-quantum seed, then the
    /// traditional seed or scalar. RSA components cannot be derived and throw.
    public init(algorithm: CompositeSignatureAlgorithm, seed: SecretBytes) throws {
      guard seed.count == 32 else {
        throw CompositeError.invalidPrivateKey(algorithm: algorithm.name, reason: "seed must be 32 bytes")
      }
      guard algorithm.traditional.supportsSeededKeyGeneration else {
        throw CompositeError.unsupported("\(algorithm.name) keys cannot be derived from a seed (RSA)")
      }
      var stream = SHAKE256()
      stream.absorb(Array("QRX composite keygen".utf8))
      stream.absorb(algorithm.labelBytes)
      seed.withUnsafeBytes { stream.absorb($0) }
      defer { stream.erase() }
      var pqSeed = stream.squeeze(count: algorithm.postQuantum.keyGenerationSeedByteCount)
      defer { SecretBytes.wipe(&pqSeed) }
      let pq = try PostQuantumSigningKey(algorithm.postQuantum, keyGenerationSeed: SecretBytes(pqSeed))
      let trad = try TraditionalSigningKey(algorithm.traditional, seedStream: &stream)
      try self.init(algorithm: algorithm, postQuantum: pq, traditional: trad)
    }

    private init(
      algorithm: CompositeSignatureAlgorithm, postQuantum: PostQuantumSigningKey, traditional: TraditionalSigningKey
    ) throws {
      self.algorithm = algorithm
      self.postQuantum = postQuantum
      self.traditional = traditional
      // The stored form of the post-quantum key: ξ for ML-DSA, the 4n-byte key for SLH-DSA.
      switch postQuantum {
      case .mldsa44(let key): postQuantumSeed = try Self.seed(key.seedRepresentation, algorithm)
      case .mldsa65(let key): postQuantumSeed = try Self.seed(key.seedRepresentation, algorithm)
      case .mldsa87(let key): postQuantumSeed = try Self.seed(key.seedRepresentation, algorithm)
      case .slhdsaSHA2_128s(let key): postQuantumSeed = key.rawRepresentation
      }
    }

    private static func seed(_ seed: SecretBytes?, _ algorithm: CompositeSignatureAlgorithm) throws -> SecretBytes {
      guard let seed else {
        throw CompositeError.invalidPrivateKey(algorithm: algorithm.name, reason: "ML-DSA key has no seed")
      }
      return seed
    }

    /// The key from the draft's private key encoding (Section 5.2): the post-quantum private key
    /// (ML-DSA: the 32-byte seed ξ) followed by the traditional private key.
    public init(algorithm: CompositeSignatureAlgorithm, rawRepresentation bytes: SecretBytes) throws {
      let split = algorithm.postQuantum.privateKeyByteCount
      guard bytes.count > split else {
        throw CompositeError.invalidPrivateKey(
          algorithm: algorithm.name, reason: "expected more than \(split) bytes, got \(bytes.count)")
      }
      let pqBytes = bytes.withUnsafeBytes { SecretBytes($0[0..<split]) }
      let tradBytes = bytes.withUnsafeBytes { SecretBytes($0[split...]) }
      do {
        let pq = try PostQuantumSigningKey(algorithm.postQuantum, privateKey: pqBytes)
        let trad = try TraditionalSigningKey(algorithm.traditional, draftRepresentation: tradBytes)
        try self.init(algorithm: algorithm, postQuantum: pq, traditional: trad)
      } catch let error as CompositeError {
        throw error
      } catch {
        throw CompositeError.invalidPrivateKey(algorithm: algorithm.name, reason: "\(error)")
      }
    }

    /// The draft's private key encoding: post-quantum private key ‖ traditional private key.
    public var rawRepresentation: SecretBytes {
      get throws {
        let trad = try traditional.draftRepresentation
        return SecretBytes(count: postQuantumSeed.count + trad.count) { out in
          postQuantumSeed.withUnsafeBytes { out.copyMemory(from: $0) }
          trad.withUnsafeBytes {
            UnsafeMutableRawBufferPointer(rebasing: out[postQuantumSeed.count...]).copyMemory(from: $0)
          }
        }
      }
    }

    /// The matching public key.
    public var publicKey: PublicKey {
      PublicKey(algorithm: algorithm, postQuantum: postQuantum.publicKey, traditional: traditional.publicKey)
    }

    /// Composite-ML-DSA.Sign (Section 4.2): the concatenation of the post-quantum signature of M'
    /// with ctx = Label and the traditional signature of M'. `context` is at most 255 bytes.
    /// `deterministic` makes ML-DSA/SLH-DSA and BIP-340 deterministic (ECDSA on NIST curves and
    /// RSA-PSS stay randomized).
    public func signature(
      for message: [UInt8], context: [UInt8] = [], deterministic: Bool = false
    ) throws
      -> [UInt8]
    {
      let mPrime = try algorithm.messageRepresentative(for: message, context: context)
      let pqSignature: [UInt8]
      let tradSignature: [UInt8]
      do {
        pqSignature = try postQuantum.signature(
          for: mPrime, context: algorithm.labelBytes, deterministic: deterministic)
      } catch {
        throw CompositeError.signingFailed(algorithm.postQuantum.rawValue)
      }
      do {
        tradSignature = try traditional.signature(for: mPrime, deterministic: deterministic)
      } catch {
        throw CompositeError.signingFailed(algorithm.traditional.rawValue)
      }
      return pqSignature + tradSignature
    }

    /// A description naming the algorithm and nothing secret.
    public var description: String { "CompositeSignature.PrivateKey(\(algorithm.name), redacted)" }
  }

  /// A composite public key, bound to its algorithm.
  public struct PublicKey: Sendable, CustomStringConvertible {
    /// The algorithm this key belongs to.
    public let algorithm: CompositeSignatureAlgorithm
    let postQuantum: PostQuantumVerifyingKey
    let traditional: TraditionalVerifyingKey

    init(
      algorithm: CompositeSignatureAlgorithm, postQuantum: PostQuantumVerifyingKey, traditional: TraditionalVerifyingKey
    ) {
      self.algorithm = algorithm
      self.postQuantum = postQuantum
      self.traditional = traditional
    }

    /// The key from the draft's public key encoding (Section 5.1): post-quantum public key ‖
    /// traditional public key.
    public init(algorithm: CompositeSignatureAlgorithm, rawRepresentation bytes: [UInt8]) throws {
      let split = algorithm.postQuantum.publicKeyByteCount
      guard bytes.count > split else {
        throw CompositeError.invalidPublicKey(
          algorithm: algorithm.name, reason: "expected more than \(split) bytes, got \(bytes.count)")
      }
      self.algorithm = algorithm
      do {
        postQuantum = try PostQuantumVerifyingKey(algorithm.postQuantum, rawRepresentation: Array(bytes[..<split]))
        traditional = try TraditionalVerifyingKey(algorithm.traditional, draftRepresentation: Array(bytes[split...]))
      } catch let error as CompositeError {
        throw error
      } catch {
        throw CompositeError.invalidPublicKey(algorithm: algorithm.name, reason: "\(error)")
      }
    }

    /// The draft's public key encoding.
    public var rawRepresentation: [UInt8] {
      get throws { postQuantum.rawRepresentation + (try traditional.draftRepresentation) }
    }

    /// Composite-ML-DSA.Verify (Section 4.3): splits the signature after the fixed-length
    /// post-quantum part and requires both halves to verify over M'. Never throws: malformed
    /// signatures and over-long contexts are simply invalid.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8] = []) -> Bool {
      let split = algorithm.postQuantum.signatureByteCount
      guard signature.count > split, signature.count <= algorithm.maximumSignatureByteCount,
        let mPrime = try? algorithm.messageRepresentative(for: message, context: context)
      else { return false }
      let pqValid = postQuantum.isValidSignature(
        Array(signature[..<split]), for: mPrime, context: algorithm.labelBytes)
      let tradValid = traditional.isValidSignature(Array(signature[split...]), for: mPrime)
      return pqValid && tradValid
    }

    /// A description naming the algorithm.
    public var description: String { "CompositeSignature.PublicKey(\(algorithm.name))" }
  }
}
