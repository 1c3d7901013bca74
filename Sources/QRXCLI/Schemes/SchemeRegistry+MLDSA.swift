import QRXPostQuantum
import QRXPrimitives

// The ML-DSA schemes of the command line (FIPS 204). Private keys are stored as the 32-byte seed ξ;
// the expanded NIST encoding is accepted too, told apart by its length and checked on import.
// `--prehash` selects HashML-DSA.
extension SchemeRegistry {
  static var mldsaSchemes: [any SignatureScheme] {
    [
      MLDSASignatureScheme<MLDSA44.PrivateKey>(
        name: MLDSA44.name, expandedByteCount: MLDSA44.expandedPrivateKeyByteCount),
      MLDSASignatureScheme<MLDSA65.PrivateKey>(
        name: MLDSA65.name, expandedByteCount: MLDSA65.expandedPrivateKeyByteCount),
      MLDSASignatureScheme<MLDSA87.PrivateKey>(
        name: MLDSA87.name, expandedByteCount: MLDSA87.expandedPrivateKeyByteCount),
    ]
  }
}

/// What the command line needs of an ML-DSA private key type.
protocol MLDSACommandLineKey: Sendable {
  associatedtype Public: MLDSACommandLinePublicKey
  init(seedRepresentation: SecretBytes) throws
  init(expandedRepresentation: SecretBytes) throws
  var seedRepresentation: SecretBytes? { get }
  var expandedRepresentation: SecretBytes { get }
  var publicKey: Public { get }
  func signature(for message: [UInt8], context: [UInt8], deterministic: Bool) throws -> [UInt8]
  func signature(
    for message: [UInt8], context: [UInt8], preHash: MLDSAPreHash, deterministic: Bool
  ) throws
    -> [UInt8]
}

/// What the command line needs of an ML-DSA public key type.
protocol MLDSACommandLinePublicKey: Sendable {
  init(rawRepresentation: [UInt8]) throws
  var rawRepresentation: [UInt8] { get }
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8]) -> Bool
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8], preHash: MLDSAPreHash) -> Bool
}

extension MLDSA44.PrivateKey: MLDSACommandLineKey {}
extension MLDSA65.PrivateKey: MLDSACommandLineKey {}
extension MLDSA87.PrivateKey: MLDSACommandLineKey {}
extension MLDSA44.PublicKey: MLDSACommandLinePublicKey {}
extension MLDSA65.PublicKey: MLDSACommandLinePublicKey {}
extension MLDSA87.PublicKey: MLDSACommandLinePublicKey {}

/// One ML-DSA parameter set as a ``SignatureScheme``.
struct MLDSASignatureScheme<Key: MLDSACommandLineKey>: SignatureScheme {
  let name: String
  /// Bytes of the expanded NIST private key, to tell it from a 32-byte seed.
  let expandedByteCount: Int

  var seedByteCount: Int? { 32 }
  var supportedSignatureOptions: Set<String> { ["context", "deterministic", "prehash"] }

  /// The `--prehash` values and the HashML-DSA functions they select.
  static var preHashes: [String: MLDSAPreHash] {
    ["sha256": .sha256, "sha512": .sha512, "shake128": .shake128, "shake256": .shake256]
  }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let xi = seed ?? SystemRandom().secretBytes(count: 32)
    guard xi.count == 32 else { throw CLIError.input("\(name) --seed must be 32 bytes (ξ), got \(xi.count)") }
    let key = try cryptoInput { try Key(seedRepresentation: xi) }
    return (xi, key.publicKey.rawRepresentation)
  }

  /// The private key in either accepted form: ξ (32 bytes) or the expanded NIST encoding.
  func loadPrivateKey(_ privateKey: SecretBytes) throws -> Key {
    switch privateKey.count {
    case 32: return try cryptoInput { try Key(seedRepresentation: privateKey) }
    case expandedByteCount: return try cryptoInput { try Key(expandedRepresentation: privateKey) }
    default:
      throw CLIError.input(
        "\(name) private key must be 32 bytes (seed) or \(expandedByteCount) bytes (expanded), got \(privateKey.count)")
    }
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try loadPrivateKey(privateKey).publicKey.rawRepresentation
  }

  func expandedPrivateKey(_ privateKey: SecretBytes) throws -> SecretBytes {
    try loadPrivateKey(privateKey).expandedRepresentation
  }

  func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8] {
    try checkContext(options.context)
    let key = try loadPrivateKey(privateKey)
    if let preHash = try preHash(options) {
      return try cryptoInput {
        try key.signature(
          for: message, context: options.context, preHash: preHash, deterministic: options.deterministic)
      }
    }
    return try cryptoInput {
      try key.signature(for: message, context: options.context, deterministic: options.deterministic)
    }
  }

  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions) throws -> Bool {
    try checkContext(options.context)
    let key = try cryptoInput { try Key.Public(rawRepresentation: publicKey) }
    if let preHash = try preHash(options) {
      return key.isValidSignature(signature, for: message, context: options.context, preHash: preHash)
    }
    return key.isValidSignature(signature, for: message, context: options.context)
  }

  private func checkContext(_ context: [UInt8]) throws {
    guard context.count <= 255 else {
      throw CLIError.usage("\(name) --context must be at most 255 bytes, got \(context.count)")
    }
  }

  private func preHash(_ options: SignatureOptions) throws -> MLDSAPreHash? {
    guard let value = options.prehash else { return nil }
    guard let preHash = Self.preHashes[value.lowercased()] else {
      throw CLIError.usage("--prehash must be one of sha256, sha512, shake128, shake256; got \(value)")
    }
    return preHash
  }

  /// Runs `body`, turning a library error about the input into bad input (exit 2).
  private func cryptoInput<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as CryptoError {
      throw CLIError.input("\(name): \(error)")
    }
  }
}
