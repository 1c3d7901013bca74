import Foundation
import QRXClassical
import QRXPrimitives

// Classical benchmarks: keygen, sign and verify for every signature scheme, keygen and agree for
// every key agreement. Compare with `openssl speed ed25519 ed448 ecdsap256 rsa4096` in the same run.
extension BenchCatalog {
  static var classicalCases: [BenchCase] {
    var cases: [BenchCase] = []
    cases += signatureCases(Ed25519.self)
    cases += signatureCases(Ed448.self)
    cases += signatureCases(Secp256k1.ECDSA.self)
    cases += signatureCases(Secp256k1.Schnorr.self)
    cases += signatureCases(ECDSA<P256>.self)
    cases += signatureCases(ECDSA<P384>.self)
    cases += signatureCases(ECDSA<P521>.self)
    cases += signatureCases(ECDSA<BrainpoolP256r1>.self)
    cases += signatureCases(ECDSA<BrainpoolP384r1>.self)
    cases += rsaCases(RSA2048.self, keygenIterations: 10)
    cases += rsaCases(RSA3072.self, keygenIterations: 4)
    cases += rsaCases(RSA4096.self, keygenIterations: 2)
    cases += agreementCases(X25519.self)
    cases += agreementCases(X448.self)
    cases += agreementCases(Secp256k1.KeyAgreement.self)
    cases += agreementCases(ECDH<P256>.self)
    cases += agreementCases(ECDH<P384>.self)
    cases += agreementCases(ECDH<P521>.self)
    cases += agreementCases(ECDH<BrainpoolP256r1>.self)
    cases += agreementCases(ECDH<BrainpoolP384r1>.self)
    return cases
  }

  /// The 32-byte message every signature benchmark signs (a digest-sized transaction hash).
  private static let message = [UInt8](repeating: 0x42, count: 32)

  private static func signatureCases<A: ClassicalSignatureAlgorithm>(
    _ algorithm: A.Type, keygen: Bool = true, keygenIterations: Int? = nil,
    makeKey: @escaping @Sendable () throws -> A.PrivateKey = { try A.PrivateKey() }
  ) -> [BenchCase] {
    var cases: [BenchCase] = []
    if keygen {
      cases.append(
        BenchCase(alg: A.name, op: "keygen", fixedIterations: keygenIterations) {
          { benchConsume(try? A.PrivateKey()) }
        })
    }
    cases.append(
      BenchCase(alg: A.name, op: "sign") {
        let key = try makeKey()
        return { benchConsume(try? key.signature(for: message)) }
      })
    cases.append(
      BenchCase(alg: A.name, op: "verify") {
        let key = try makeKey()
        let signature = try key.signature(for: message)
        let publicKey = key.publicKey
        return { benchConsume(publicKey.isValidSignature(signature, for: message)) }
      })
    return cases
  }

  /// RSA: key generation once per modulus size (it does not depend on the padding); signing and
  /// verifying for every padding with one key per size, generated once per run.
  private static func rsaCases<Size: RSAModulusSize>(_ size: Size.Type, keygenIterations: Int) -> [BenchCase] {
    func cases<P: RSASignaturePadding>(_ padding: P.Type, keygen: Bool) -> [BenchCase] {
      signatureCases(
        RSASignature<Size, P>.self, keygen: keygen, keygenIterations: keygen ? keygenIterations : nil,
        makeKey: { try RSASignature<Size, P>.PrivateKey(rawRepresentation: RSABenchKeys.shared.key(bits: Size.bits)) })
    }
    return cases(PSSSHA256.self, keygen: true) + cases(PSSSHA384.self, keygen: false)
      + cases(PSSSHA512.self, keygen: false) + cases(PKCS1SHA256.self, keygen: false)
      + cases(PKCS1SHA384.self, keygen: false) + cases(PKCS1SHA512.self, keygen: false)
  }

  private static func agreementCases<A: ClassicalKeyAgreement>(_ algorithm: A.Type) -> [BenchCase] {
    [
      BenchCase(alg: A.name, op: "keygen") { { benchConsume(try? A.PrivateKey()) } },
      BenchCase(alg: A.name, op: "agree") {
        let key = try A.PrivateKey()
        let peer = try A.PrivateKey().publicKey
        return { benchConsume(try? key.sharedSecretFromKeyAgreement(with: peer)) }
      },
    ]
  }
}

/// One RSA key per modulus size for the benchmarks, generated on first use (key generation takes
/// seconds at 4096 bits; the padding benchmarks share it).
final class RSABenchKeys: @unchecked Sendable {
  static let shared = RSABenchKeys()
  private let lock = NSLock()
  private var keys: [Int: SecretBytes] = [:]

  /// The PKCS#8 DER of the shared `bits`-bit key.
  func key(bits: Int) throws -> SecretBytes {
    lock.lock()
    defer { lock.unlock() }
    if let key = keys[bits] { return key }
    let key: SecretBytes
    switch bits {
    case 2048: key = try RSASignature<RSA2048, PSSSHA256>.PrivateKey().rawRepresentation
    case 3072: key = try RSASignature<RSA3072, PSSSHA256>.PrivateKey().rawRepresentation
    default: key = try RSASignature<RSA4096, PSSSHA256>.PrivateKey().rawRepresentation
    }
    keys[bits] = key
    return key
  }
}
