import QRXPostQuantum
import QRXPrimitives

// The Falcon schemes of the command line: `Falcon-512` and `Falcon-1024`. The stored private key
// is the NIST private-key encoding (`0x50 + logn || f || g || F`, 1281 / 2305 bytes); `--seed`
// takes 32 bytes (deterministic key generation, see `FalconPrivateKey.init(seedRepresentation:)`).
// Signatures are detached: `0x30 + logn || nonce (40 bytes) || compressed s2`.
extension SchemeRegistry {
  static var falconSchemes: [any SignatureScheme] { [FalconScheme<Falcon512>(), FalconScheme<Falcon1024>()] }
}

/// A Falcon parameter set as the command line sees it.
struct FalconScheme<P: FalconParameters>: SignatureScheme {
  var name: String { P.name }
  var seedByteCount: Int? { 32 }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let key: FalconPrivateKey<P>
    if let seed {
      key = try inputErrors { try FalconPrivateKey<P>(seedRepresentation: seed) }
    } else {
      key = FalconPrivateKey<P>()
    }
    return (key.rawRepresentation, key.publicKey.rawRepresentation)
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try decodePrivateKey(privateKey).publicKey.rawRepresentation
  }

  func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8] {
    try decodePrivateKey(privateKey).signature(for: message)
  }

  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions) throws -> Bool {
    let key = try inputErrors { try FalconPublicKey<P>(rawRepresentation: publicKey) }
    return key.isValidSignature(signature, for: message)
  }

  private func decodePrivateKey(_ privateKey: SecretBytes) throws -> FalconPrivateKey<P> {
    var bytes = privateKey.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    return try inputErrors { try FalconPrivateKey<P>(rawRepresentation: bytes) }
  }

  /// Decoding failures are bad input (exit 2); their messages never carry key material.
  private func inputErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CryptoError { throw CLIError.input(error.description) }
  }
}
