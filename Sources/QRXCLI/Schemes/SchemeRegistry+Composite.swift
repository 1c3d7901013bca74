import QRXHybrid
import QRXPrimitives

// Composite signatures in the command line (draft-ietf-lamps-pq-composite-sigs-19 and QRX
// combinations), named by the draft without `id-` (`MLDSA65-Ed25519-SHA512`). Keys are the
// draft's raw concatenations; `--seed` (32 bytes) derives a key pair as docs/FORMATS.md says
// (not for RSA combinations); `--context` is the composite ctx (at most 255 bytes).
extension SchemeRegistry {
  static var compositeSignatureSchemes: [any SignatureScheme] {
    CompositeSignatureAlgorithm.all.map { CompositeSignatureScheme(algorithm: $0) }
  }
}

/// One composite algorithm as a ``SignatureScheme``.
struct CompositeSignatureScheme: SignatureScheme {
  let algorithm: CompositeSignatureAlgorithm

  var name: String { algorithm.name }
  var seedByteCount: Int? { algorithm.traditional.supportsSeededKeyGeneration ? 32 : nil }
  var supportedSignatureOptions: Set<String> { ["context", "deterministic"] }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let key = try input {
      if let seed {
        guard seed.count == 32 else { throw CLIError.input("\(name) --seed must be 32 bytes, got \(seed.count)") }
        return try CompositeSignature.PrivateKey(algorithm: algorithm, seed: seed)
      }
      return try CompositeSignature.PrivateKey(algorithm: algorithm)
    }
    return try input { (try key.rawRepresentation, try key.publicKey.rawRepresentation) }
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try input {
      try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: privateKey).publicKey.rawRepresentation
    }
  }

  func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8] {
    try checkOptions(options)
    return try input {
      try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: privateKey)
        .signature(for: message, context: options.context, deterministic: options.deterministic)
    }
  }

  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions) throws -> Bool {
    try checkOptions(options)
    let key = try input { try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: publicKey) }
    return key.isValidSignature(signature, for: message, context: options.context)
  }

  private func checkOptions(_ options: SignatureOptions) throws {
    guard options.context.count <= 255 else {
      throw CLIError.usage("\(name) --context must be at most 255 bytes, got \(options.context.count)")
    }
    guard options.prehash == nil else { throw CLIError.usage("\(name) has its own pre-hash; --prehash is not allowed") }
  }

  /// Runs `body`, turning a library error about the input into bad input (exit 2).
  private func input<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError.input("\(name): \(error)")
    }
  }
}
