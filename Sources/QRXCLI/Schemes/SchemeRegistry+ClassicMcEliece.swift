import Foundation
import QRXPostQuantum
import QRXPrimitives

// The Classic McEliece schemes of the command line: all ten round-4 sets. Private keys cross the
// boundary in the NIST encoding δ ‖ c ‖ g ‖ α ‖ s (the seed alone would need a full key generation
// per use); `--seed` is δ. `pubkey` regenerates the public key from δ, as slow as `keygen`, and
// fails on a private key that δ does not generate.
extension SchemeRegistry {
  static var mcelieceSchemes: [any KEMScheme] {
    [
      McElieceKEMScheme<ClassicMcEliece348864>(), McElieceKEMScheme<ClassicMcEliece348864f>(),
      McElieceKEMScheme<ClassicMcEliece460896>(), McElieceKEMScheme<ClassicMcEliece460896f>(),
      McElieceKEMScheme<ClassicMcEliece6688128>(), McElieceKEMScheme<ClassicMcEliece6688128f>(),
      McElieceKEMScheme<ClassicMcEliece6960119>(), McElieceKEMScheme<ClassicMcEliece6960119f>(),
      McElieceKEMScheme<ClassicMcEliece8192128>(), McElieceKEMScheme<ClassicMcEliece8192128f>(),
    ]
  }
}

/// One Classic McEliece parameter set as a command-line KEM.
struct McElieceKEMScheme<P: McElieceParameterSet>: KEMScheme {
  var name: String { P.name }
  var seedByteCount: Int? { P.seedByteCount }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    let privateKey = try McElieceKeyGenerationProgress.run(name: P.name) { progress in
      try P.PrivateKey(seed: seed ?? SystemRandom().secretBytes(count: P.seedByteCount), progress: progress)
    }
    return (privateKey.rawRepresentation, try privateKey.publicKey.rawRepresentation)
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    let key = try privateKey.withUnsafeBytes { try P.PrivateKey(rawRepresentation: $0) }
    return try key.publicKey.rawRepresentation
  }

  func encapsulate(publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    try P.PublicKey(rawRepresentation: publicKey).encapsulate()
  }

  func decapsulate(privateKey: SecretBytes, ciphertext: [UInt8]) throws -> SecretBytes {
    let key = try privateKey.withUnsafeBytes { try P.PrivateKey(rawRepresentation: $0) }
    return try key.decapsulate(ciphertext)
  }
}

/// A progress line on standard error while a key is generated, when standard error is a terminal.
enum McElieceKeyGenerationProgress {
  static func run<R>(name: String, _ body: ((Int, Double) -> Void) throws -> R) rethrows -> R {
    guard Console.standardErrorIsTerminal else { return try body { _, _ in } }
    var lastShown = -1
    let result = try body { attempt, fraction in
      let percent = Int(fraction * 100)
      guard percent != lastShown else { return }
      lastShown = percent
      let retry = attempt > 1 ? ", attempt \(attempt)" : ""
      FileHandle.standardError.write(Data("\r\(name): generating key\(retry), \(percent)%   ".utf8))
    }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    return result
  }
}
