import QRXHybrid
import QRXPrimitives

// The hybrid KEM benchmarks of `qrx bench`: encaps and decaps of X-Wing, the concrete hybrids and
// the composite KEMs, next to their parts alone through the same seed-form interface (ML-KEM-768
// and ML-KEM-1024 as HPKE KEMs, DHKEM(X25519) and DHKEM(P-256)), so the hybrid overhead is visible;
// and one HPKE seal of 1 KiB under X-Wing. The McEliece hybrid has keygen (one iteration a run: about
// a second), encaps and decaps over one key pair from a fixed seed; compare with the
// Classic-McEliece-6688128f rows (decaps-from-raw parses the private key per call, as the hybrid does).
extension BenchCatalog {
  static var hybridKEMCases: [BenchCase] {
    var kems: [any KeyEncapsulationMechanism] = [
      HPKEMLKEM.mlkem768, HPKEMLKEM.mlkem1024, DHKEM.x25519, DHKEM.p256,
    ]
    kems += ConcreteHybridKEM.all
    kems += CompositeMLKEM.all.filter {
      [
        "MLKEM768-X25519-SHA3-256", "MLKEM768-ECDH-P256-SHA3-256", "MLKEM768-RSA3072-SHA3-256",
        "MLKEM1024-ECDH-P384-SHA3-256",
      ].contains($0.name)
    }
    var cases: [BenchCase] = []
    for kem in kems {
      // ML-KEM through the HPKE interface (seed-form keys) is named apart from the ML-KEM family's rows.
      let alg = kem is HPKEMLKEM ? "\(kem.name) (seed, HPKE)" : kem.name
      cases.append(
        BenchCase(alg: alg, op: "encaps") {
          let (_, publicKey) = try kem.generateKeyPair()
          return { benchConsume(try? kem.encapsulate(to: publicKey)) }
        })
      cases.append(
        BenchCase(alg: alg, op: "decaps") {
          let (privateKey, publicKey) = try kem.generateKeyPair()
          let (_, ciphertext) = try kem.encapsulate(to: publicKey)
          return { benchConsume(try? kem.decapsulate(ciphertext, privateKey: privateKey)) }
        })
    }
    cases += mcelieceHybridCases
    cases.append(
      BenchCase(alg: "HPKE(X-Wing, SHAKE256, AES-256-GCM)", op: "seal-1KiB") {
        let suite = HPKECiphersuite(kem: ConcreteHybridKEM.xWing, kdf: .shake256, aead: .aes256GCM)
        let (_, publicKey) = try ConcreteHybridKEM.xWing.generateKeyPair()
        let message = [UInt8](repeating: 0xA5, count: 1024)
        return { benchConsume(try? suite.seal(to: publicKey, plaintext: message)) }
      })
    return cases
  }

  /// keygen, encaps and decaps of each McEliece hybrid.
  private static var mcelieceHybridCases: [BenchCase] {
    McElieceHybridKEM.all.flatMap { kem -> [BenchCase] in
      let seed = SecretBytes([UInt8](repeating: 7, count: 32))
      return [
        BenchCase(alg: kem.name, op: "keygen", fixedIterations: 1) {
          { benchConsume(try? kem.generateKeyPair()) }
        },
        BenchCase(alg: kem.name, op: "encaps") {
          let (_, publicKey) = try kem.generateKeyPair(seed: seed)
          return { benchConsume(try? kem.encapsulate(to: publicKey)) }
        },
        BenchCase(alg: kem.name, op: "decaps") {
          let (privateKey, publicKey) = try kem.generateKeyPair(seed: seed)
          let (_, ciphertext) = try kem.encapsulate(to: publicKey)
          return { benchConsume(try? kem.decapsulate(ciphertext, privateKey: privateKey)) }
        },
      ]
    }
  }
}
