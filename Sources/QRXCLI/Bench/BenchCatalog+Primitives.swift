import QRXPrimitives

// Foundation benchmarks: hashing 1 KiB and sealing 1 KiB, to compare with
// `openssl speed -evp sha3-256 -bytes 1024` and friends.
extension BenchCatalog {
  static var primitivesCases: [BenchCase] {
    let kib = [UInt8](repeating: 0xA5, count: 1024)
    return [
      BenchCase(alg: "SHA-256", op: "hash-1KiB") { { benchConsume(SHA256.hash(kib)) } },
      BenchCase(alg: "SHA3-256", op: "hash-1KiB") { { benchConsume(SHA3_256.hash(kib)) } },
      BenchCase(alg: "SHAKE-256", op: "hash-1KiB") { { benchConsume(SHAKE256.hash(kib, outputLength: 32)) } },
      BenchCase(alg: "AES-256-GCM", op: "seal-1KiB") {
        let key = SystemRandom().bytes(count: 32)
        let nonce = [UInt8](repeating: 0, count: 12)
        return { benchConsume(try? AEAD.sealAESGCM(kib, key: key, nonce: nonce)) }
      },
    ]
  }
}
