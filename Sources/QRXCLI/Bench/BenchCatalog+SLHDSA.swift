import QRXPostQuantum
import QRXPrimitives

// The SLH-DSA benchmarks of `qrx bench`: keygen, sign (hedged, 32-byte message, empty context) and
// verify for all twelve parameter sets. The "s" sets sign in about a second, so they run a fixed
// few iterations instead of calibrating; compare with PQClean's SPHINCS+ "simple" sets.
extension BenchCatalog {
  static var slhdsaCases: [BenchCase] {
    slhdsaCases(SLHDSA_SHA2_128s.self) + slhdsaCases(SLHDSA_SHAKE_128s.self)
      + slhdsaCases(SLHDSA_SHA2_128f.self) + slhdsaCases(SLHDSA_SHAKE_128f.self)
      + slhdsaCases(SLHDSA_SHA2_192s.self) + slhdsaCases(SLHDSA_SHAKE_192s.self)
      + slhdsaCases(SLHDSA_SHA2_192f.self) + slhdsaCases(SLHDSA_SHAKE_192f.self)
      + slhdsaCases(SLHDSA_SHA2_256s.self) + slhdsaCases(SLHDSA_SHAKE_256s.self)
      + slhdsaCases(SLHDSA_SHA2_256f.self) + slhdsaCases(SLHDSA_SHAKE_256f.self)
  }

  private static func slhdsaCases<P: SLHDSAParameterSet>(_: P.Type) -> [BenchCase] {
    let name = P.parameters.name
    let small = P.parameters.d < 10  // the "s" sets: 2^9 or 2^8 leaves per XMSS tree
    let message = [UInt8](repeating: 0x5A, count: 32)
    return [
      BenchCase(alg: name, op: "keygen", fixedIterations: small ? 3 : nil) {
        { benchConsume(P.PrivateKey().publicKey) }
      },
      BenchCase(alg: name, op: "sign", fixedIterations: small ? 1 : 5) {
        let key = P.PrivateKey()
        return { benchConsume(try? key.signature(for: message)) }
      },
      BenchCase(alg: name, op: "verify") {
        let key = P.PrivateKey()
        let publicKey = key.publicKey
        let signature = try key.signature(for: message)
        return { benchConsume(publicKey.isValidSignature(signature, for: message)) }
      },
    ]
  }
}
