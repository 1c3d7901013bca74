import QRXHybrid
import QRXPrimitives

// Composite signatures by wallet accounts: the account's ML-DSA-65 seed ξ and classical key form
// the composite private key of draft-ietf-lamps-pq-composite-sigs (Section 5.2 encoding: ξ ‖ the
// traditional key, a 32-byte scalar for secp256k1 or the Ed25519 seed), so the composite public key
// pk_PQ ‖ pk_T is exactly what the hybrid address binds.

extension HybridAccount {
  /// The composite signature algorithm (`QRX-MLDSA65-secp256k1-ECDSA-SHA512` or `MLDSA65-Ed25519-SHA512`).
  public var compositeSignatureAlgorithm: CompositeSignatureAlgorithm {
    get throws {
      guard let algorithm = CompositeSignatureAlgorithm.named(compositeAlgorithm) else {
        throw WalletError.compositeUnavailable("unknown composite algorithm \(compositeAlgorithm)")
      }
      return algorithm
    }
  }

  /// The account's composite private key, built from its two derived keys.
  public var compositePrivateKey: CompositeSignature.PrivateKey {
    get throws {
      guard let xi = postQuantumKey.seedRepresentation else {
        throw WalletError.compositeUnavailable("the ML-DSA-65 key has no seed")
      }
      let classical: SecretBytes
      switch classicalKey {
      case .secp256k1(let key): classical = key.rawRepresentation
      case .ed25519(let key): classical = key.rawRepresentation
      }
      let encoded = SecretBytes(count: xi.count + classical.count) { out in
        xi.withUnsafeBytes { out.copyMemory(from: $0) }
        classical.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[xi.count...]).copyMemory(from: $0) }
      }
      return try CompositeSignature.PrivateKey(algorithm: compositeSignatureAlgorithm, rawRepresentation: encoded)
    }
  }

  /// The composite public key `pk_PQ ‖ pk_T`, the draft's encoding.
  public var compositePublicKey: [UInt8] {
    postQuantumKey.publicKey.rawRepresentation + classicalKey.publicKey
  }

  /// The composite signature of `transaction` (its canonical signed bytes) under this account's key:
  /// both halves sign M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(transaction). Each call rebuilds the
  /// composite key (one ML-DSA key expansion); to sign many, keep ``compositePrivateKey``.
  public func sign(_ transaction: [UInt8], context: [UInt8] = []) throws -> [UInt8] {
    try compositePrivateKey.signature(for: transaction, context: context)
  }
}

extension HDWallet {
  /// `sign(transaction, account)`: the composite signature of `transaction` by `account` of this wallet.
  public func sign(_ transaction: [UInt8], account: HybridAccount, context: [UInt8] = []) throws -> [UInt8] {
    try account.sign(transaction, context: context)
  }
}

extension HybridAddress {
  /// Whether `signature` is a valid composite signature of `message` under `compositePublicKey`
  /// (`pk_PQ ‖ pk_T` of `compositeAlgorithm`), and that key is the one this address names. Both
  /// halves must verify; a malformed key or an unknown algorithm is `false`.
  public func isValidSignature(
    _ signature: [UInt8], for message: [UInt8], compositeAlgorithm: String, compositePublicKey: [UInt8],
    context: [UInt8] = []
  ) -> Bool {
    guard let algorithm = CompositeSignatureAlgorithm.named(compositeAlgorithm),
      let publicKey = try? CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: compositePublicKey)
    else { return false }
    let split = algorithm.postQuantum.publicKeyByteCount
    guard compositePublicKey.count > split,
      isAddress(
        ofCompositeAlgorithm: compositeAlgorithm, postQuantumPublicKey: Array(compositePublicKey[..<split]),
        classicalPublicKey: Array(compositePublicKey[split...]))
    else { return false }
    return publicKey.isValidSignature(signature, for: message, context: context)
  }
}
