import QRXHybrid
import QRXPrimitives

// The hybrid KEMs of the command line: X-Wing, the concrete hybrids MLKEM768-P256 and
// MLKEM1024-P384 (draft-ietf-hpke-pq), and the composite ML-KEM algorithms of
// draft-ietf-lamps-pq-composite-kem by their draft names without `id-`, and the QRX combination
// QRX-McEliece6688128f-X25519-SHA3-256 (its `--seed` is 32 bytes, expanded into δ and the X25519
// key; `pubkey` regenerates the McEliece half from δ, as slow as `keygen`).

/// A QRXHybrid KEM as the command line sees it.
struct HybridKEMScheme: KEMScheme {
  let kem: any KeyEncapsulationMechanism
  /// The name on the command line when it is not the KEM's own (DHKEM(X25519, …) is `X25519`).
  var listedName: String? = nil

  var name: String { listedName ?? kem.name }
  var seedByteCount: Int? { kem.seedByteCount }

  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    if let seed { return try kem.generateKeyPair(seed: seed) }
    return try kem.generateKeyPair()
  }

  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try kem.publicKey(fromPrivateKey: privateKey)
  }

  func encapsulate(publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    try kem.encapsulate(to: publicKey)
  }

  func decapsulate(privateKey: SecretBytes, ciphertext: [UInt8]) throws -> SecretBytes {
    try kem.decapsulate(ciphertext, privateKey: privateKey)
  }
}

extension SchemeRegistry {
  static var hybridKEMSchemes: [any KEMScheme] {
    var kems: [any KeyEncapsulationMechanism] = ConcreteHybridKEM.all + CompositeMLKEM.all
    kems += McElieceHybridKEM.all
    return kems.map { HybridKEMScheme(kem: $0) }
  }
}
