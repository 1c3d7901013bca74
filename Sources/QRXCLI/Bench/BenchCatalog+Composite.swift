import QRXClassical
import QRXHybrid
import QRXPostQuantum
import QRXPrimitives

// Composite signature benchmarks: sign and verify for every composite, so that set beside the
// classical cases (BenchCatalog+Classical) and the ML-DSA cases (BenchCatalog+MLDSA) the cost of
// the hybrid over its classical part alone is visible. RSA composites generate keys once, in prepare.
extension BenchCatalog {
  static var compositeCases: [BenchCase] {
    CompositeSignatureAlgorithm.all.flatMap { algorithm -> [BenchCase] in
      let message = [UInt8](repeating: 0x42, count: 32)
      return [
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
