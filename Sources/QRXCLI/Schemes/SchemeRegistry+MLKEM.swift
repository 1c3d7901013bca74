import QRXPostQuantum
import QRXPrimitives

// The ML-KEM schemes of the command line (FIPS 203). The stored private key is the 64-byte seed
// d ‖ z; a private key given to `pubkey` or `decaps` may also be the expanded NIST key, told
// apart by length and checked as FIPS 203, Section 7.3 requires. Every malformed input becomes
// `CLIError.input` (exit 2).
extension SchemeRegistry {
  static var mlkemSchemes: [any KEMScheme] {
    [
      MLKEMScheme<MLKEM512.PrivateKey, MLKEM512.PublicKey>(
        name: MLKEM512.name, expandedByteCount: MLKEM512.expandedPrivateKeyByteCount),
      MLKEMScheme<MLKEM768.PrivateKey, MLKEM768.PublicKey>(
        name: MLKEM768.name, expandedByteCount: MLKEM768.expandedPrivateKeyByteCount),
      MLKEMScheme<MLKEM1024.PrivateKey, MLKEM1024.PublicKey>(
        name: MLKEM1024.name, expandedByteCount: MLKEM1024.expandedPrivateKeyByteCount),
    ]
  }
}

/// The private key operations the command line uses, common to the three ML-KEM sets.
protocol MLKEMCommandLinePrivateKey: Sendable {
  init(seedRepresentation: SecretBytes) throws
  init(expandedRepresentation: SecretBytes) throws
  var expandedRepresentation: SecretBytes { get }
  var publicKeyBytes: [UInt8] { get }
  func decapsulate(_ ciphertext: [UInt8]) throws -> SecretBytes
}

/// The public key operations the command line uses, common to the three ML-KEM sets.
protocol MLKEMCommandLinePublicKey: Sendable {
  init(rawRepresentation: [UInt8]) throws
  func encapsulate() throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
}

extension MLKEM512.PrivateKey: MLKEMCommandLinePrivateKey {
  var publicKeyBytes: [UInt8] { publicKey.rawRepresentation }
}
extension MLKEM768.PrivateKey: MLKEMCommandLinePrivateKey {
  var publicKeyBytes: [UInt8] { publicKey.rawRepresentation }
}
extension MLKEM1024.PrivateKey: MLKEMCommandLinePrivateKey {
  var publicKeyBytes: [UInt8] { publicKey.rawRepresentation }
}
extension MLKEM512.PublicKey: MLKEMCommandLinePublicKey {}
extension MLKEM768.PublicKey: MLKEMCommandLinePublicKey {}
extension MLKEM1024.PublicKey: MLKEMCommandLinePublicKey {}

/// One ML-KEM parameter set as a `KEMScheme`.
struct MLKEMScheme<PrivateKey: MLKEMCommandLinePrivateKey, PublicKey: MLKEMCommandLinePublicKey>: KEMScheme {
  /// `ML-KEM-512`, `ML-KEM-768` or `ML-KEM-1024`.
  let name: String
  /// Length of the expanded NIST decapsulation key.
  let expandedByteCount: Int

  /// `--seed` is d ‖ z.
  var seedByteCount: Int? { 64 }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let seed = seed ?? SystemRandom().secretBytes(count: 64)
    guard seed.count == 64 else {
      throw CLIError.input("\(name) --seed must be 64 bytes (d ‖ z), got \(seed.count)")
    }
    let key = try inputErrors { try PrivateKey(seedRepresentation: seed) }
    return (seed, key.publicKeyBytes)
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try load(privateKey).publicKeyBytes
  }

  func expandedPrivateKey(_ privateKey: SecretBytes) throws -> SecretBytes {
    try load(privateKey).expandedRepresentation
  }

  func encapsulate(publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    try inputErrors { try PublicKey(rawRepresentation: publicKey).encapsulate() }
  }

  func decapsulate(privateKey: SecretBytes, ciphertext: [UInt8]) throws -> SecretBytes {
    let key = try load(privateKey)
    return try inputErrors { try key.decapsulate(ciphertext) }
  }

  /// The key from its seed (64 bytes) or its expanded form, told apart by length.
  private func load(_ privateKey: SecretBytes) throws -> PrivateKey {
    switch privateKey.count {
    case 64:
      return try inputErrors { try PrivateKey(seedRepresentation: privateKey) }
    case expandedByteCount:
      return try inputErrors { try PrivateKey(expandedRepresentation: privateKey) }
    default:
      throw CLIError.input(
        "\(name) private key must be 64 bytes (seed d ‖ z) or \(expandedByteCount) bytes (expanded), got \(privateKey.count)"
      )
    }
  }

  /// Runs `body`, turning ML-KEM's typed errors into bad-input errors (exit 2).
  private func inputErrors<R>(_ body: () throws -> R) throws -> R {
    do {
      return try body()
    } catch let error as MLKEMError {
      throw CLIError.input(error.description)
    }
  }
}
