import QRXPostQuantum
import QRXPrimitives

// The Falcon benchmarks of `qrx bench`: keygen, sign and verify for Falcon-512 and Falcon-1024
// (a 32-byte message, fresh randomness for each signature as in production).
extension BenchCatalog {
  static var falconCases: [BenchCase] {
    falconCases(Falcon512.self, keygenRuns: 20) + falconCases(Falcon1024.self, keygenRuns: 8)
  }

  private static func falconCases<P: FalconParameters>(_: P.Type, keygenRuns: Int) -> [BenchCase] {
    let message = [UInt8](repeating: 0x5A, count: 32)
    return [
      BenchCase(alg: P.name, op: "keygen", fixedIterations: keygenRuns) {
        { benchConsume(FalconPrivateKey<P>()) }
      },
      BenchCase(alg: P.name, op: "sign") {
        let key = FalconPrivateKey<P>()
        return { benchConsume(key.signature(for: message)) }
      },
      BenchCase(alg: P.name, op: "verify") {
        let key = FalconPrivateKey<P>()
        let signature = key.signature(for: message)
        let publicKey = key.publicKey
        return { benchConsume(publicKey.isValidSignature(signature, for: message)) }
      },
    ]
  }
}
