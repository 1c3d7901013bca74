import QRXClassical
import QRXPrimitives

// The classical signature schemes of the command line: Ed25519, Ed448, secp256k1 ECDSA and BIP-340
// Schnorr, ECDSA on the NIST and Brainpool curves, and RSA (PSS and PKCS#1 v1.5) at 2048, 3072 and
// 4096 bits. X25519 and X448 are listed as KEMs (their DHKEM) in SchemeRegistry+ClassicalKEM.swift.
extension SchemeRegistry {
  static var classicalSignatureSchemes: [any SignatureScheme] {
    [
      ClassicalSignatureScheme<Ed25519>(deterministicByNature: true),
      ClassicalSignatureScheme<Ed448>(deterministicByNature: true),
      ClassicalSignatureScheme<Secp256k1.ECDSA>(deterministicByNature: true),
      ClassicalSignatureScheme<Secp256k1.Schnorr>(deterministicSigner: { key, message in
        // BIP-340 allows an all-zero `a` when randomness is unwanted ("Default Signing", note on a).
        try key.signature(for: message, auxiliaryRandomness: SecretBytes(zeroes: 32))
      }),
      ClassicalSignatureScheme<ECDSA<P256>>(),
      ClassicalSignatureScheme<ECDSA<P384>>(),
      ClassicalSignatureScheme<ECDSA<P521>>(),
      ClassicalSignatureScheme<ECDSA<BrainpoolP256r1>>(),
      ClassicalSignatureScheme<ECDSA<BrainpoolP384r1>>(),
    ] + rsaSchemes(RSA4096.self) + rsaSchemes(RSA3072.self) + rsaSchemes(RSA2048.self)
  }

  private static func rsaSchemes<Size: RSAModulusSize>(_ size: Size.Type) -> [any SignatureScheme] {
    [
      ClassicalSignatureScheme<RSASignature<Size, PSSSHA256>>(),
      ClassicalSignatureScheme<RSASignature<Size, PSSSHA384>>(),
      ClassicalSignatureScheme<RSASignature<Size, PSSSHA512>>(),
      ClassicalSignatureScheme<RSASignature<Size, PKCS1SHA256>>(deterministicByNature: true),
      ClassicalSignatureScheme<RSASignature<Size, PKCS1SHA384>>(deterministicByNature: true),
      ClassicalSignatureScheme<RSASignature<Size, PKCS1SHA512>>(deterministicByNature: true),
    ]
  }
}

/// Any ``ClassicalSignatureAlgorithm`` as a ``SignatureScheme``: private keys in their stored form
/// (seed, scalar or PKCS#8 DER), public keys and signatures in the algorithm's raw encoding.
struct ClassicalSignatureScheme<Algorithm: ClassicalSignatureAlgorithm>: SignatureScheme {
  /// Signs deterministically, for `--deterministic`, when the algorithm is randomized but has a
  /// deterministic variant.
  let deterministicSigner: (@Sendable (Algorithm.PrivateKey, [UInt8]) throws -> [UInt8])?
  /// The algorithm's signatures are deterministic already, so `--deterministic` changes nothing.
  let deterministicByNature: Bool

  init(deterministicByNature: Bool = false) {
    self.deterministicByNature = deterministicByNature
    deterministicSigner = nil
  }

  init(deterministicSigner: @escaping @Sendable (Algorithm.PrivateKey, [UInt8]) throws -> [UInt8]) {
    deterministicByNature = false
    self.deterministicSigner = deterministicSigner
  }

  var name: String { Algorithm.name }
  var seedByteCount: Int? { Algorithm.seedByteCount }

  var supportedSignatureOptions: Set<String> {
    deterministicByNature || deterministicSigner != nil ? ["deterministic"] : []
  }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let key: Algorithm.PrivateKey
    if let seed {
      guard let count = Algorithm.seedByteCount else { throw CLIError.usage("\(name) takes no --seed") }
      guard seed.count == count else {
        throw CLIError.usage("\(name) --seed must be \(count) bytes (\(2 * count) hex digits), got \(seed.count)")
      }
      key = try input { try Algorithm.PrivateKey(rawRepresentation: seed) }
    } else {
      key = try input { try Algorithm.PrivateKey() }
    }
    return (key.rawRepresentation, key.publicKey.rawRepresentation)
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try input { try Algorithm.PrivateKey(rawRepresentation: privateKey) }.publicKey.rawRepresentation
  }

  func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8] {
    try check(options)
    let key = try input { try Algorithm.PrivateKey(rawRepresentation: privateKey) }
    if options.deterministic, let deterministicSigner {
      return try input { try deterministicSigner(key, message) }
    }
    return try input { try key.signature(for: message) }
  }

  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions) throws -> Bool {
    try check(options)
    let key = try input { try Algorithm.PublicKey(rawRepresentation: publicKey) }
    return key.isValidSignature(signature, for: message)
  }

  /// Refuses options the algorithm does not have, rather than ignoring them.
  private func check(_ options: SignatureOptions) throws {
    guard options.context.isEmpty else { throw CLIError.usage("\(name) takes no --context") }
    guard options.prehash == nil else { throw CLIError.usage("\(name) takes no pre-hash option") }
    if options.deterministic && !supportedSignatureOptions.contains("deterministic") {
      throw CLIError.usage("\(name) has no deterministic signing")
    }
  }

  /// Runs `body`, turning the library's typed errors into bad-input errors (exit 2).
  private func input<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as ClassicalError {
      throw CLIError.input("\(name): \(error)")
    }
  }
}
