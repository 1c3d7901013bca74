import QRXClassical
import QRXHybrid
import QRXPostQuantum
import QRXPrimitives

// Composite signature benchmarks: sign and verify for every composite, so that set beside the
// classical cases (BenchCatalog+Classical) and the ML-DSA cases (BenchCatalog+MLDSA) the cost of
// the hybrid over its classical part alone is visible. RSA composites generate keys once, in prepare.
// The Falcon composites also time key generation (seeded, as `qrx keygen --seed` does), beside
// Falcon-512's own keygen case.
extension BenchCatalog {
  static var compositeCases: [BenchCase] {
    CompositeSignatureAlgorithm.all.flatMap { algorithm -> [BenchCase] in
      let message = [UInt8](repeating: 0x42, count: 32)
      let keygen: [BenchCase] =
        algorithm.postQuantum == .falcon512
        ? [
          BenchCase(alg: algorithm.name, op: "keygen", fixedIterations: 20) {
            let seed = SecretBytes([UInt8](repeating: 0x42, count: 32))
            return { benchConsume(try? CompositeSignature.PrivateKey(algorithm: algorithm, seed: seed)) }
          }
        ] : []
      return keygen + [
        BenchCase(alg: algorithm.name, op: "sign") {
          let key = try CompositeSignature.PrivateKey(algorithm: algorithm)
          return { benchConsume(try? key.signature(for: message)) }
        },
        BenchCase(alg: algorithm.name, op: "verify") {
          let key = try CompositeSignature.PrivateKey(algorithm: algorithm)
          let publicKey = key.publicKey
          let signature = try key.signature(for: message)
          return { benchConsume(publicKey.isValidSignature(signature, for: message)) }
        },
      ]
    }
  }
}
