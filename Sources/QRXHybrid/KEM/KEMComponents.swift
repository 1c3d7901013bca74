import QRXPrimitives

// The component algorithms that the hybrid KEMs combine, each reduced to the few operations the
// combiners need. Concrete instances (over QRXPostQuantum's ML-KEM and QRXClassical's X25519,
// X448, ECDH and RSA-OAEP) are in KEMComponents+Instances.swift.

/// ML-KEM (FIPS 203) with its private key as the 64-byte seed `d ‖ z`.
struct MLKEMComponent: Sendable {
  /// `ML-KEM-768`, `ML-KEM-1024`.
  let name: String
  /// Bytes of an encapsulation key `ek`.
  let publicKeyByteCount: Int
  /// Bytes of a ciphertext `c`.
  let ciphertextByteCount: Int
  /// Bytes of the seed `d ‖ z`.
  static let seedByteCount = 64

  /// `ek` of ML-KEM.KeyGen_internal(d, z) (FIPS 203, Algorithm 16).
  let encapsulationKey: @Sendable (_ seed: SecretBytes) throws -> [UInt8]
  /// ML-KEM.Encaps(ek) (FIPS 203, Algorithm 20), `m` drawn from the source: (K, c).
  let encapsulate: @Sendable (_ ek: [UInt8], _ random: any RandomSource) throws -> (SecretBytes, [UInt8])
  /// ML-KEM.Decaps(dk, c) (FIPS 203, Algorithm 21) with dk from KeyGen_internal(d, z).
  let decapsulate: @Sendable (_ seed: SecretBytes, _ c: [UInt8]) throws -> SecretBytes
}

/// A Diffie-Hellman group (a "nominal group" of draft-irtf-cfrg-hybrid-kems): X25519, X448 or an
/// elliptic curve with uncompressed SEC1 elements and big-endian scalars.
struct DHGroupComponent: Sendable {
  /// `X25519`, `P-256`.
  let name: String
  /// `Nelem`: bytes of an encoded element (public key, ciphertext).
  let elementByteCount: Int
  /// `Nscalar`: bytes of a scalar (private key).
  let scalarByteCount: Int
  /// `Nseed`: bytes RandomScalar draws from (draft-irtf-cfrg-concrete-hybrid-kems, Section 3.1).
  let seedByteCount: Int
  /// `Nss`: bytes of ElementToSharedSecret.
  let sharedSecretByteCount: Int
  /// The group order, big-endian, for the rejection sampling of RandomScalar; nil when every
  /// string of `Nscalar` bytes is a scalar (X25519, X448).
  let order: [UInt8]?
  /// Mask on the first byte of each RandomScalar window before the range check: 0xFF, except
  /// 0x01 for P-521 (whose order has 521 bits, as in DHKEM's DeriveKeyPair).
  let firstByteMask: UInt8
  /// The OID of the curve for ECPrivateKey (RFC 5915) encodings; nil for X25519 and X448.
  let curveOID: String?

  /// Exp(g, x): the encoded public element of scalar `x`. A scalar out of range throws.
  let publicElement: @Sendable (_ x: SecretBytes) throws -> [UInt8]
  /// (ElementToSharedSecret(Exp(p, x)), Exp(g, x)): the shared secret and the public element of
  /// `x`, from one import of the private scalar. Throws for a malformed `p` and for an all-zero
  /// or identity result.
  let agree: @Sendable (_ x: SecretBytes, _ p: [UInt8]) throws -> (SecretBytes, [UInt8])

  /// RandomScalar(seed) (draft-irtf-cfrg-concrete-hybrid-kems, Section 3.1): the first
  /// `Nscalar`-byte window of `seed` that is a valid scalar (0 < k < order), by rejection sampling.
  func randomScalar(seed: SecretBytes) throws -> SecretBytes {
    guard seed.count >= scalarByteCount else {
      throw HybridKEMError.invalidSeed("\(name) RandomScalar needs at least \(scalarByteCount) bytes")
    }
    guard let order else {
      return seed.withUnsafeBytes { SecretCopy.of($0, 0..<scalarByteCount) }
    }
    let mask = firstByteMask
    return try seed.withUnsafeBytes { s in
      var start = 0
      while start + scalarByteCount <= s.count {
        let candidate = SecretBytes(count: scalarByteCount) { out in
          out.copyMemory(from: UnsafeRawBufferPointer(rebasing: s[start..<(start + scalarByteCount)]))
          out[0] &= mask
        }
        // The rejection loop of the standard: only the accept/reject outcome is branched on.
        if candidate.withUnsafeBytes({ ScalarRange.isNonZeroAndBelow($0, order) }) { return candidate }
        start += scalarByteCount
      }
      throw HybridKEMError.deriveKeyPairFailure
    }
  }
}

/// Constant-time range checks on big-endian scalars.
enum ScalarRange {
  /// Whether `0 < x < n` for big-endian `x` and `n` of the same length: one pass over every byte,
  /// no branch on the values.
  static func isNonZeroAndBelow(_ x: UnsafeRawBufferPointer, _ n: [UInt8]) -> Bool {
    precondition(x.count == n.count, "scalar and order lengths differ")
    var borrow: UInt32 = 0
    var any: UInt8 = 0
    var i = x.count
    while i > 0 {
      i -= 1
      let difference = UInt32(x[i]) &- UInt32(n[i]) &- borrow
      borrow = (difference >> 31) & 1
      any |= x[i]
    }
    // borrow == 1 exactly when x < n.
    return (borrow & UInt32(1 &- ConstantTime.isZero(any))) == 1
  }
}

/// RSAES-OAEP (RFC 8017, Section 7.1) with SHA-256, MGF1-SHA-256 and an empty label, promoted to a
/// KEM by encrypting a random 32-byte secret (draft-ietf-lamps-pq-composite-kem, Section 2.1). Keys
/// are PKCS#1 DER: RSAPublicKey and RSAPrivateKey (RFC 8017, Appendix A.1).
struct RSAOAEPComponent: Sendable {
  /// Modulus size in bits.
  let bits: Int
  /// A fresh key pair: (RSAPrivateKey DER, RSAPublicKey DER).
  let generate: @Sendable () throws -> (SecretBytes, [UInt8])
  /// The RSAPublicKey DER of an RSAPrivateKey DER; a malformed or wrong-size key throws.
  let publicKey: @Sendable (_ privateKey: SecretBytes) throws -> [UInt8]
  /// RSAES-OAEP-ENCRYPT(pk, message) (RFC 8017, Section 7.1.1).
  let encrypt: @Sendable (_ publicKey: [UInt8], _ message: SecretBytes) throws -> [UInt8]
  /// (RSAES-OAEP-DECRYPT(sk, ciphertext) (RFC 8017, Section 7.1.2), the RSAPublicKey of sk), from
  /// one import of the private key; every decryption failure throws alike.
  let decrypt: @Sendable (_ privateKey: SecretBytes, _ ciphertext: [UInt8]) throws -> (SecretBytes, [UInt8])

  /// `k`: bytes of the modulus and of a ciphertext.
  var ciphertextByteCount: Int { bits / 8 }
}

/// Classic McEliece (round-4 submission) with its private key in the NIST encoding
/// δ ‖ c ‖ g ‖ α ‖ s (not a seed: regenerating c, α and s from δ is a full key generation).
struct McElieceComponent: Sendable {
  /// `Classic-McEliece-6688128f`.
  let name: String
  /// Bytes of a public key T.
  let publicKeyByteCount: Int
  /// Bytes of the NIST private key.
  let privateKeyByteCount: Int
  /// Bytes of a ciphertext C.
  let ciphertextByteCount: Int

  /// SeededKeyGen(δ) (round-4 specification, "Key generation"; 32-byte δ): (NIST private key, T).
  let generate: @Sendable (_ delta: SecretBytes) throws -> (SecretBytes, [UInt8])
  /// T of a NIST private key, regenerated from its δ (as slow as key generation) and checked.
  let publicKey: @Sendable (_ privateKey: SecretBytes) throws -> [UInt8]
  /// Encap(T) (round-4 specification, "Encapsulation"), e drawn from the source: (K, C).
  let encapsulate: @Sendable (_ publicKey: [UInt8], _ random: any RandomSource) throws -> (SecretBytes, [UInt8])
  /// Decap(C, Γ) (round-4 specification, "Decapsulation"), with implicit rejection: K.
  let decapsulate: @Sendable (_ privateKey: SecretBytes, _ c: [UInt8]) throws -> SecretBytes
}
