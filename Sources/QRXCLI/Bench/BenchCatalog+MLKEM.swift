import QRXPostQuantum
import QRXPrimitives

// `qrx bench` for ML-KEM. `keygen` is a random key generation including the pairwise consistency
// check (which the C reference does not run); `encaps` starts from the public key's bytes (parse,
// modulus check, H(ek), expanding Â, encapsulate), like `crypto_kem_enc` from `pk`; `decaps` uses
// a loaded private key, whose Â is already expanded; `decaps-from-expanded` starts from the
// expanded key's bytes (the Section 7.3 checks, expanding Â, decapsulate), a superset of the work
// `crypto_kem_dec` does from `sk`.
extension BenchCatalog {
  static var mlkemCases: [BenchCase] {
    mlkemCases(MLKEM512.PrivateKey.self, MLKEM512.PublicKey.self, name: MLKEM512.name)
      + mlkemCases(MLKEM768.PrivateKey.self, MLKEM768.PublicKey.self, name: MLKEM768.name)
      + mlkemCases(MLKEM1024.PrivateKey.self, MLKEM1024.PublicKey.self, name: MLKEM1024.name)
  }

  private static func mlkemCases<PrivateKey: MLKEMCommandLinePrivateKey, PublicKey: MLKEMCommandLinePublicKey>(
    _: PrivateKey.Type, _: PublicKey.Type, name: String
  ) -> [BenchCase] {
    [
      BenchCase(alg: name, op: "keygen") {
        let random = SystemRandom()
        return { benchConsume(try? PrivateKey(seedRepresentation: random.secretBytes(count: 64))) }
      },
      BenchCase(alg: name, op: "encaps") {
        let publicKey = try PrivateKey(seedRepresentation: SystemRandom().secretBytes(count: 64)).publicKeyBytes
        return { benchConsume(try? PublicKey(rawRepresentation: publicKey).encapsulate()) }
      },
      BenchCase(alg: name, op: "decaps") {
        let key = try PrivateKey(seedRepresentation: SystemRandom().secretBytes(count: 64))
        let (_, ciphertext) = try PublicKey(rawRepresentation: key.publicKeyBytes).encapsulate()
        return { benchConsume(try? key.decapsulate(ciphertext)) }
      },
      BenchCase(alg: name, op: "decaps-from-expanded") {
        let key = try PrivateKey(seedRepresentation: SystemRandom().secretBytes(count: 64))
        let expanded = key.expandedRepresentation
        let (_, ciphertext) = try PublicKey(rawRepresentation: key.publicKeyBytes).encapsulate()
        return { benchConsume(try? PrivateKey(expandedRepresentation: expanded).decapsulate(ciphertext)) }
      },
    ]
  }
}
