import QRXHybrid

// The classical key agreements on the command line, each as its DHKEM (RFC 9180, Section 4.1):
// X25519 and X448 (`--seed` is the RFC 7748 private key itself), ECDH-P256/P384/P521 (`--seed` is
// the big-endian scalar). `keygen`, `pubkey`, and `encaps`/`decaps` as DHKEM(X25519, HKDF-SHA256),
// DHKEM(X448, HKDF-SHA512), DHKEM(P-256, HKDF-SHA256), DHKEM(P-384, HKDF-SHA384) and DHKEM(P-521,
// HKDF-SHA512): the KEMs that `qrx encrypt` and the key manager's X25519 encryption keys use. Key
// files carry the plain names. secp256k1-ECDH has no DHKEM and stays a library function.

extension SchemeRegistry {
  static var classicalKEMSchemes: [any KEMScheme] {
    [
      HybridKEMScheme(kem: DHKEM.x25519, listedName: "X25519"), HybridKEMScheme(kem: DHKEM.x448, listedName: "X448"),
      HybridKEMScheme(kem: DHKEM.p256, listedName: "ECDH-P256"),
      HybridKEMScheme(kem: DHKEM.p384, listedName: "ECDH-P384"),
      HybridKEMScheme(kem: DHKEM.p521, listedName: "ECDH-P521"),
    ]
  }
}
