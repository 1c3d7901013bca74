import QRXClassical
import QRXPostQuantum
import QRXPrimitives

// The concrete components: ML-KEM from QRXPostQuantum, X25519/X448, ECDH and RSA-OAEP from
// QRXClassical. Group constants from draft-irtf-cfrg-concrete-hybrid-kems (Section 3.1), orders and
// OIDs from SP 800-186, SEC 2 and RFC 5639 (checked against `openssl ecparam`).

extension MLKEMComponent {
  /// ML-KEM-512.
  static let mlkem512 = MLKEMComponent(
    name: "ML-KEM-512", publicKeyByteCount: MLKEM512.publicKeyByteCount,
    ciphertextByteCount: MLKEM512.ciphertextByteCount,
    encapsulationKey: { try MLKEM512.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, random in try MLKEM512.PublicKey(rawRepresentation: ek).encapsulate(using: random) },
    decapsulate: { seed, c in try MLKEM512.PrivateKey(seedRepresentation: seed).decapsulate(c) })

  /// ML-KEM-768.
  static let mlkem768 = MLKEMComponent(
    name: "ML-KEM-768", publicKeyByteCount: MLKEM768.publicKeyByteCount,
    ciphertextByteCount: MLKEM768.ciphertextByteCount,
    encapsulationKey: { try MLKEM768.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, random in try MLKEM768.PublicKey(rawRepresentation: ek).encapsulate(using: random) },
    decapsulate: { seed, c in try MLKEM768.PrivateKey(seedRepresentation: seed).decapsulate(c) })

  /// ML-KEM-1024.
  static let mlkem1024 = MLKEMComponent(
    name: "ML-KEM-1024", publicKeyByteCount: MLKEM1024.publicKeyByteCount,
    ciphertextByteCount: MLKEM1024.ciphertextByteCount,
    encapsulationKey: { try MLKEM1024.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, random in try MLKEM1024.PublicKey(rawRepresentation: ek).encapsulate(using: random) },
    decapsulate: { seed, c in try MLKEM1024.PrivateKey(seedRepresentation: seed).decapsulate(c) })
}

extension DHGroupComponent {
  /// A group over one of QRXClassical's key agreements. Elements must be exactly `Nelem` bytes,
  /// and for the Weierstrass curves uncompressed (leading 0x04).
  static func classical<KA: ClassicalKeyAgreement>(
    _ algorithm: KA.Type, name: String, elementByteCount: Int, scalarByteCount: Int, seedByteCount: Int,
    order: [UInt8]?, firstByteMask: UInt8 = 0xFF, curveOID: String?
  ) -> DHGroupComponent {
    let uncompressed = order != nil
    return DHGroupComponent(
      name: name, elementByteCount: elementByteCount, scalarByteCount: scalarByteCount, seedByteCount: seedByteCount,
      sharedSecretByteCount: KA.sharedSecretByteCount, order: order, firstByteMask: firstByteMask,
      curveOID: curveOID,
      publicElement: { x in
        do {
          return try KA.PrivateKey(rawRepresentation: x).publicKey.rawRepresentation
        } catch {
          throw HybridKEMError.invalidPrivateKey("\(name) private key rejected")
        }
      },
      agree: { x, p in
        guard p.count == elementByteCount, !uncompressed || p.first == 0x04 else {
          throw HybridKEMError.invalidCiphertext("\(name) element must be \(elementByteCount) bytes, uncompressed")
        }
        let peer: KA.PublicKey
        do {
          peer = try KA.PublicKey(rawRepresentation: p)
        } catch {
          throw HybridKEMError.invalidCiphertext("\(name) element is not a valid point")
        }
        let privateKey: KA.PrivateKey
        do {
          privateKey = try KA.PrivateKey(rawRepresentation: x)
        } catch {
          throw HybridKEMError.invalidPrivateKey("\(name) private key rejected")
        }
        do {
          return (
            try privateKey.sharedSecretFromKeyAgreement(with: peer), privateKey.publicKey.rawRepresentation
          )
        } catch {
          throw HybridKEMError.componentFailure("\(name) key agreement rejected the element")
        }
      })
  }

  /// X25519 (RFC 7748): RandomScalar is the identity on 32 bytes.
  static let x25519 = classical(
    X25519.self, name: "X25519", elementByteCount: 32, scalarByteCount: 32, seedByteCount: 32, order: nil,
    curveOID: nil)

  /// X448 (RFC 7748).
  static let x448 = classical(
    X448.self, name: "X448", elementByteCount: 56, scalarByteCount: 56, seedByteCount: 56, order: nil,
    curveOID: nil)

  /// P-256: Nseed 128 (four 32-byte candidates).
  static let p256 = classical(
    ECDH<P256>.self, name: "P-256", elementByteCount: 65, scalarByteCount: 32, seedByteCount: 128,
    order: bytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
    curveOID: "1.2.840.10045.3.1.7")

  /// P-384: Nseed 48 (one candidate; a rejection has probability below 2^-192).
  static let p384 = classical(
    ECDH<P384>.self, name: "P-384", elementByteCount: 97, scalarByteCount: 48, seedByteCount: 48,
    order: bytes(
      "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
    curveOID: "1.3.132.0.34")

  /// P-521: 66-byte scalars with the first byte masked to 0x01; two candidates.
  static let p521 = classical(
    ECDH<P521>.self, name: "P-521", elementByteCount: 133, scalarByteCount: 66, seedByteCount: 132,
    order: bytes(
      "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"),
    firstByteMask: 0x01, curveOID: "1.3.132.0.35")

  /// brainpoolP256r1 (RFC 5639): about a third of 32-byte strings exceed the order, so 64
  /// candidates are drawn (failure below 2^-99).
  static let brainpoolP256r1 = classical(
    ECDH<BrainpoolP256r1>.self, name: "brainpoolP256r1", elementByteCount: 65, scalarByteCount: 32,
    seedByteCount: 32 * 64, order: bytes("a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"),
    curveOID: "1.3.36.3.3.2.8.1.1.7")

  /// brainpoolP384r1 (RFC 5639), 64 candidates.
  static let brainpoolP384r1 = classical(
    ECDH<BrainpoolP384r1>.self, name: "brainpoolP384r1", elementByteCount: 97, scalarByteCount: 48,
    seedByteCount: 48 * 64,
    order: bytes(
      "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565"),
    curveOID: "1.3.36.3.3.2.8.1.1.11")

  /// Bytes of a hex constant in this file.
  private static func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
  }
}

extension RSAOAEPComponent {
  /// RSA-OAEP over QRXClassical, converting between its PKCS#8 / SPKI keys and PKCS#1.
  static func classical<Size: RSAModulusSize>(_ size: Size.Type) -> RSAOAEPComponent {
    @Sendable func privateKey(_ pkcs1: SecretBytes) throws -> RSAOAEP<Size>.PrivateKey {
      do {
        return try RSAOAEP<Size>.PrivateKey(rawRepresentation: RSAKeyEncoding.privateKeyInfo(fromRSAPrivateKey: pkcs1))
      } catch {
        throw HybridKEMError.invalidPrivateKey("RSA-\(Size.bits) private key rejected")
      }
    }
    return RSAOAEPComponent(
      bits: Size.bits,
      generate: {
        let key = try RSAOAEP<Size>.PrivateKey()
        return (
          try RSAKeyEncoding.rsaPrivateKey(fromPrivateKeyInfo: try key.rawRepresentation),
          try RSAKeyEncoding.rsaPublicKey(fromSubjectPublicKeyInfo: key.publicKey.rawRepresentation)
        )
      },
      publicKey: { pkcs1 in
        try RSAKeyEncoding.rsaPublicKey(fromSubjectPublicKeyInfo: try privateKey(pkcs1).publicKey.rawRepresentation)
      },
      encrypt: { pkcs1, message in
        let key: RSAOAEP<Size>.PublicKey
        do {
          key = try RSAOAEP<Size>.PublicKey(
            rawRepresentation: RSAKeyEncoding.subjectPublicKeyInfo(fromRSAPublicKey: pkcs1))
        } catch {
          throw HybridKEMError.invalidPublicKey("RSA-\(Size.bits) public key rejected")
        }
        var m = message.copyBytes()
        defer { SecretBytes.wipe(&m) }
        return try key.encrypt(m)
      },
      decrypt: { pkcs1, ciphertext in
        let key = try privateKey(pkcs1)
        let secret: SecretBytes
        do {
          secret = try key.decrypt(ciphertext)
        } catch {
          throw HybridKEMError.componentFailure("RSA-OAEP decryption failed")
        }
        // The composite sends a 256-bit secret (Section 6.1); anything else is a decryption failure.
        guard secret.count == 32 else { throw HybridKEMError.componentFailure("RSA-OAEP decryption failed") }
        return (secret, try RSAKeyEncoding.rsaPublicKey(fromSubjectPublicKeyInfo: key.publicKey.rawRepresentation))
      })
  }
}

extension McElieceComponent {
  /// A Classic McEliece parameter set of QRXPostQuantum; its errors become ``HybridKEMError``s
  /// that name the input, never a value.
  static func classic<P: McElieceParameterSet>(_: P.Type) -> McElieceComponent {
    @Sendable func privateKey(_ raw: SecretBytes) throws -> P.PrivateKey {
      do {
        return try raw.withUnsafeBytes { try P.PrivateKey(rawRepresentation: $0) }
      } catch {
        throw HybridKEMError.invalidPrivateKey("\(P.name) private key rejected")
      }
    }
    return McElieceComponent(
      name: P.name, publicKeyByteCount: P.publicKeyByteCount, privateKeyByteCount: P.privateKeyByteCount,
      ciphertextByteCount: P.ciphertextByteCount,
      generate: { delta in
        let key = try P.PrivateKey(seed: delta, progress: { _, _ in })
        return (key.rawRepresentation, try key.publicKey.rawRepresentation)
      },
      publicKey: { raw in
        do {
          return try privateKey(raw).publicKey.rawRepresentation
        } catch let error as HybridKEMError {
          throw error
        } catch {
          throw HybridKEMError.invalidPrivateKey("\(P.name) private key is not the one its seed δ generates")
        }
      },
      encapsulate: { raw, random in
        let publicKey: P.PublicKey
        do {
          publicKey = try P.PublicKey(rawRepresentation: raw)
        } catch {
          throw HybridKEMError.invalidPublicKey("\(P.name) public key rejected")
        }
        // The KEM interface injects the randomness; with a system source this is plain Encap.
        return publicKey.encapsulateForTesting(randomSource: random)
      },
      decapsulate: { raw, c in
        let key = try privateKey(raw)
        do {
          return try key.decapsulate(c)
        } catch {
          throw HybridKEMError.invalidCiphertext("\(P.name) ciphertext rejected")
        }
      })
  }

  /// Classic-McEliece-6688128f.
  static let mceliece6688128f = classic(ClassicMcEliece6688128f.self)
}
