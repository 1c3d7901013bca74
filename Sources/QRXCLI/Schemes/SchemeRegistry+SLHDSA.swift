import QRXPostQuantum
import QRXPrimitives

// The SLH-DSA schemes of the command line (FIPS 205): all twelve parameter sets. Private keys are
// FIPS 205's 4n-byte encoding SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root; `--seed` takes the 3n bytes
// SK.seed ‖ SK.prf ‖ PK.seed of slh_keygen_internal.
extension SchemeRegistry {
  static var slhdsaSchemes: [any SignatureScheme] {
    [
      SLHDSAScheme<SLHDSA_SHA2_128s>(), SLHDSAScheme<SLHDSA_SHAKE_128s>(),
      SLHDSAScheme<SLHDSA_SHA2_128f>(), SLHDSAScheme<SLHDSA_SHAKE_128f>(),
      SLHDSAScheme<SLHDSA_SHA2_192s>(), SLHDSAScheme<SLHDSA_SHAKE_192s>(),
      SLHDSAScheme<SLHDSA_SHA2_192f>(), SLHDSAScheme<SLHDSA_SHAKE_192f>(),
      SLHDSAScheme<SLHDSA_SHA2_256s>(), SLHDSAScheme<SLHDSA_SHAKE_256s>(),
      SLHDSAScheme<SLHDSA_SHA2_256f>(), SLHDSAScheme<SLHDSA_SHAKE_256f>(),
    ]
  }
}

/// One SLH-DSA parameter set as a command-line signature scheme.
public struct SLHDSAScheme<Parameters: SLHDSAParameterSet>: SignatureScheme {
  /// The scheme of the parameter set `Parameters`.
  public init() {}

  /// The wire name (`SLH-DSA-SHA2-128s`).
  public var name: String { Parameters.parameters.name }

  /// 3n bytes: SK.seed ‖ SK.prf ‖ PK.seed.
  public var seedByteCount: Int? { Parameters.parameters.seedByteCount }

  /// `--context`, `--deterministic` and `--prehash` (HashSLH-DSA).
  public var supportedSignatureOptions: Set<String> { ["context", "deterministic", "prehash"] }

  public func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    do {
      let key = try seed.map { try Parameters.PrivateKey(seedRepresentation: $0) } ?? Parameters.PrivateKey()
      return (key.rawRepresentation, key.publicKey.rawRepresentation)
    } catch let error as CryptoError {
      throw CLIError.input("\(name) seed: \(error)")
    }
  }

  public func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try privateKeyValue(privateKey).publicKey.rawRepresentation
  }

  public func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8] {
    let key = try privateKeyValue(privateKey)
    guard options.context.count <= 255 else {
      throw CLIError.input("\(name) context must be at most 255 bytes, got \(options.context.count)")
    }
    if let preHash = try preHash(options) {
      return options.deterministic
        ? try key.deterministicSignature(forPrehashOf: message, using: preHash, context: options.context)
        : try key.signature(forPrehashOf: message, using: preHash, context: options.context)
    }
    return options.deterministic
      ? try key.deterministicSignature(for: message, context: options.context)
      : try key.signature(for: message, context: options.context)
  }

  public func verify(
    publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions
  ) throws
    -> Bool
  {
    let key: SLHDSAPublicKey<Parameters>
    do {
      key = try Parameters.PublicKey(rawRepresentation: publicKey)
    } catch let error as CryptoError {
      throw CLIError.input("\(name) public key: \(error)")
    }
    if let preHash = try preHash(options) {
      return key.isValidSignature(signature, forPrehashOf: message, using: preHash, context: options.context)
    }
    return key.isValidSignature(signature, for: message, context: options.context)
  }

  private func privateKeyValue(_ privateKey: SecretBytes) throws -> SLHDSAPrivateKey<Parameters> {
    do {
      return try Parameters.PrivateKey(rawRepresentation: privateKey)
    } catch let error as CryptoError {
      throw CLIError.input("\(name) private key: \(error)")
    }
  }

  private func preHash(_ options: SignatureOptions) throws -> SLHDSAPreHash? {
    guard let name = options.prehash else { return nil }
    guard let preHash = SLHDSAPreHash(rawValue: name.lowercased()) else {
      let known = SLHDSAPreHash.allCases.map(\.rawValue).joined(separator: ", ")
      throw CLIError.usage("unknown pre-hash '\(name)' for \(self.name); one of: \(known)")
    }
    return preHash
  }
}
