// QRXClassical: thin, safe Swift over OpenSSL 3 libcrypto and libsecp256k1. Nothing classical is
// re-implemented here: every operation is a library call, wrapped with typed errors.
//
// Goals, in order: security (secrets in zeroed storage, strict decoders that never trap),
// correctness (proved on Wycheproof, RFC 8032, RFC 7748 and BIP-340 vectors), then speed (no
// work per call that can be done once per key).
//
// Families:
// - `Ed25519`, `Ed448` (RFC 8032) and `X25519`, `X448` (RFC 7748) through libcrypto;
// - `Secp256k1.ECDSA`, `Secp256k1.Schnorr` (BIP-340), `Secp256k1.KeyAgreement` through libsecp256k1;
// - `ECDSA<Curve>` and `ECDH<Curve>` on P-256, P-384, P-521, brainpoolP256r1, brainpoolP384r1;
// - `RSASignature<Size, Padding>` (RSASSA-PSS, RSASSA-PKCS1-v1_5) and `RSAOAEP<Size>` (RFC 8017).
//
// All of them conform to one protocol family (`ClassicalSignatureAlgorithm`,
// `ClassicalKeyAgreement`) that the hybrid layer builds on.
