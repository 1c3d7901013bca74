import QRXPrimitives

// The one SHA3-256 combiner of QRX's hybrid KEMs (DESIGN.md, decision 4). X-Wing and the concrete
// hybrids (draft-irtf-cfrg-hybrid-kems, C2PRI combiner), the composite ML-KEM algorithms
// (draft-ietf-lamps-pq-composite-kem, Section 3.4) and the QRX McEliece hybrid all hash the same
// five fields in the same order:
//
//   ss = SHA3-256(ss_PQ ‖ ss_T ‖ ct_T ‖ pk_T ‖ Label)

/// The SHA3-256 KEM combiner shared by every hybrid KEM of QRX.
enum KEMCombiner {
  /// KemCombiner(mlkemSS, tradSS, tradCT, tradPK, Label) (draft-ietf-lamps-pq-composite-kem, Section 3.4).
  static func sha3_256(
    pqSS: SecretBytes, tradSS: SecretBytes, tradCT: [UInt8], tradPK: [UInt8], label: [UInt8]
  ) -> SecretBytes {
    var sponge = SHA3_256.makeSponge()
    pqSS.withUnsafeBytes { sponge.absorb($0) }
    tradSS.withUnsafeBytes { sponge.absorb($0) }
    sponge.absorb(tradCT)
    sponge.absorb(tradPK)
    sponge.absorb(label)
    let ss = SecretBytes(count: 32) { sponge.squeeze(into: $0) }
    sponge.erase()
    return ss
  }
}
