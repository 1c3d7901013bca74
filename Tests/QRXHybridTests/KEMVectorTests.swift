import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// A random source that replays the given bytes, then zeros (documented where a test relies on it).
final class FixedRandom: RandomSource {
  private let bytes: [UInt8]
  private var offset = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  func fill(_ buffer: UnsafeMutableRawBufferPointer) {
    for i in 0..<buffer.count {
      buffer[i] = offset < bytes.count ? bytes[offset] : 0
      offset += 1
    }
  }
}

/// X-Wing (draft-connolly-cfrg-xwing-kem) on its 3 official vectors.
final class KEMXWingTests: XCTestCase {
  struct Vector: Decodable {
    let seed: String
    let sk: String
    let pk: String
    let eseed: String
    let ct: String
    let ss: String
  }

  func testOfficialVectors() throws {
    let vectors = try Vectors.decode([Vector].self, from: Vectors.shared("xwing/test-vectors.json"))
    XCTAssertEqual(vectors.count, 3)
    let kem = ConcreteHybridKEM.xWing
    for (i, v) in vectors.enumerated() {
      let (sk, pk) = try kem.generateKeyPair(seed: SecretBytes(hexBytes(v.seed)))
      XCTAssertEqual(hexString(sk.copyBytes()), v.sk, "sk \(i)")
      XCTAssertEqual(hexString(pk), v.pk, "pk \(i)")
      XCTAssertEqual(hexString(try kem.publicKey(fromPrivateKey: SecretBytes(hexBytes(v.sk)))), v.pk, "pk(sk) \(i)")
      // eseed is exactly the 64 bytes Encapsulate draws: ML-KEM's m, then the X25519 ephemeral key.
      let (ss, ct) = try kem.encapsulate(to: hexBytes(v.pk), using: FixedRandom(hexBytes(v.eseed)))
      XCTAssertEqual(hexString(ct), v.ct, "ct \(i)")
      XCTAssertEqual(hexString(ss.copyBytes()), v.ss, "encaps ss \(i)")
      let ss2 = try kem.decapsulate(hexBytes(v.ct), privateKey: SecretBytes(hexBytes(v.sk)))
      XCTAssertEqual(hexString(ss2.copyBytes()), v.ss, "decaps ss \(i)")
    }
  }

  /// The expanded private-key form (d ‖ z ‖ sk_X) on the official vectors: the expansion of each
  /// seed gives the vector's public key and decapsulates the vector's ciphertext to its secret, and
  /// a key built by *keeping* that X25519 scalar and that ML-KEM seed is the same key.
  func testExpandedFormOnTheOfficialVectors() throws {
    let vectors = try Vectors.decode([Vector].self, from: Vectors.shared("xwing/test-vectors.json"))
    let kem = ExpandedHybridKEM.xWing
    XCTAssertEqual(kem.privateKeyByteCount, 96)
    for (i, v) in vectors.enumerated() {
      let expanded = try kem.expandedPrivateKey(fromSeed: SecretBytes(hexBytes(v.seed)))
      XCTAssertEqual(hexString(try kem.publicKey(fromPrivateKey: expanded)), v.pk, "pk \(i)")
      let ss = try kem.decapsulate(hexBytes(v.ct), privateKey: expanded)
      XCTAssertEqual(hexString(ss.copyBytes()), v.ss, "decaps ss \(i)")
      let bytes = expanded.copyBytes()
      let kept = try kem.keyPair(
        keepingGroupScalar: SecretBytes(bytes[64...]), using: FixedRandom(Array(bytes[..<64])))
      XCTAssertEqual(hexString(kept.publicKey), v.pk, "kept pk \(i)")
      XCTAssertEqual(try kem.postQuantumComponentRoundTrip(privateKey: expanded, publicKey: hexBytes(v.pk)), true)
    }
  }

  /// Keeping RFC 7748's Alice key (Section 6.1): the public key ends with Alice's public key, a
  /// standard X-Wing encapsulation opens, and another ML-KEM seed fails the post-quantum check.
  func testKeepingAnX25519KeyKeepsItsPublicKey() throws {
    let alice = SecretBytes(hexBytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
    let kem = ExpandedHybridKEM.xWing
    let (sk, pk) = try kem.keyPair(keepingGroupScalar: alice)
    XCTAssertEqual(
      hexString(Array(pk.suffix(32))), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    let (ss, ct) = try ConcreteHybridKEM.xWing.encapsulate(to: pk)
    XCTAssertEqual(try kem.decapsulate(ct, privateKey: sk).copyBytes(), ss.copyBytes())
    var other = sk.copyBytes()
    other[0] ^= 1
    XCTAssertEqual(try kem.postQuantumComponentRoundTrip(privateKey: SecretBytes(other), publicKey: pk), false)
    XCTAssertThrowsError(try kem.keyPair(keepingGroupScalar: SecretBytes(zeroes: 31))) {
      XCTAssertTrue($0 is HybridKEMError)
    }
    XCTAssertThrowsError(try kem.decapsulate(ct, privateKey: SecretBytes(zeroes: 95))) {
      XCTAssertTrue($0 is HybridKEMError)
    }
  }

  func testTamperedCiphertextGivesAnotherSecret() throws {
    let kem = ConcreteHybridKEM.xWing
    let (sk, pk) = try kem.generateKeyPair()
    let (ss, ct) = try kem.encapsulate(to: pk)
    for index in [0, 1087, 1088, 1119] {
      var altered = ct
      altered[index] ^= 0x01
      let other = try? kem.decapsulate(altered, privateKey: sk)
      XCTAssertNotEqual(other?.copyBytes(), ss.copyBytes(), "byte \(index)")
    }
  }

  func testWrongLengthsAreTypedErrors() throws {
    let kem = ConcreteHybridKEM.xWing
    let (sk, pk) = try kem.generateKeyPair()
    XCTAssertThrowsError(try kem.encapsulate(to: Array(pk.dropLast()))) { XCTAssertTrue($0 is HybridKEMError) }
    XCTAssertThrowsError(try kem.decapsulate([UInt8](repeating: 0, count: 1119), privateKey: sk)) {
      XCTAssertTrue($0 is HybridKEMError)
    }
    XCTAssertThrowsError(try kem.decapsulate([UInt8](repeating: 0, count: 1120), privateKey: SecretBytes(zeroes: 31))) {
      XCTAssertTrue($0 is HybridKEMError)
    }
    XCTAssertThrowsError(try kem.generateKeyPair(seed: SecretBytes(zeroes: 64))) { XCTAssertTrue($0 is HybridKEMError) }
  }
}

/// Composite ML-KEM (draft-ietf-lamps-pq-composite-kem) on the 14 cases of its repository.
final class KEMCompositeTests: XCTestCase {
  struct File: Decodable {
    struct Case: Decodable {
      let tcId: String
      let ek: String
      let dk: String
      let c: String
      let k: String
    }
    let tests: [Case]
  }

  static func load() throws -> [File.Case] {
    try Vectors.decode(File.self, from: Vectors.shared("composite-kem/testvectors.json")).tests
  }

  func b64(_ s: String) throws -> [UInt8] { try XCTUnwrap(Data(base64Encoded: s)).map { $0 } }

  func testAllCasesDecapsulateToK() throws {
    let cases = try Self.load()
    XCTAssertEqual(cases.count, 14)
    var checked = 0
    for t in cases {
      let dk = SecretBytes(try b64(t.dk))
      let ek = try b64(t.ek)
      let c = try b64(t.c)
      let k = try b64(t.k)
      switch t.tcId {
      case "id-alg-ml-kem-768", "id-alg-ml-kem-1024":
        let mlkem = t.tcId.hasSuffix("768") ? HPKEMLKEM.mlkem768 : HPKEMLKEM.mlkem1024
        XCTAssertEqual(try mlkem.publicKey(fromPrivateKey: dk), ek, t.tcId)
        XCTAssertEqual(try mlkem.decapsulate(c, privateKey: dk).copyBytes(), k, t.tcId)
      default:
        let kem = try XCTUnwrap(CompositeMLKEM.named(t.tcId), t.tcId)
        XCTAssertEqual(hexString(try kem.publicKey(fromPrivateKey: dk)), hexString(ek), "pk(sk) \(t.tcId)")
        XCTAssertEqual(hexString(try kem.decapsulate(c, privateKey: dk).copyBytes()), hexString(k), t.tcId)
      }
      checked += 1
    }
    XCTAssertEqual(checked, 14)
  }

  func testEveryCompositeRoundTripsWithTheVectorKeys() throws {
    for t in try Self.load() where !t.tcId.hasPrefix("id-alg-") {
      let kem = try XCTUnwrap(CompositeMLKEM.named(t.tcId))
      let (ss, ct) = try kem.encapsulate(to: try b64(t.ek))
      XCTAssertEqual(ct.count, try b64(t.c).count, t.tcId)
      XCTAssertEqual(
        try kem.decapsulate(ct, privateKey: SecretBytes(try b64(t.dk))).copyBytes(), ss.copyBytes(), t.tcId)
    }
  }

  func testFreshKeysRoundTrip() throws {
    for kem in CompositeMLKEM.all where !kem.name.contains("RSA4096") {
      let (sk, pk) = try kem.generateKeyPair()
      XCTAssertEqual(try kem.publicKey(fromPrivateKey: sk), pk, kem.name)
      let (ss, ct) = try kem.encapsulate(to: pk)
      XCTAssertEqual(try kem.decapsulate(ct, privateKey: sk).copyBytes(), ss.copyBytes(), kem.name)
    }
  }

  /// The composite X25519 combination uses X-Wing's combiner and label: given the same ML-KEM seed
  /// and X25519 key, both give the same secret.
  func testCompositeX25519AgreesWithXWingCombiner() throws {
    let xwing = ConcreteHybridKEM.xWing
    let seed = SecretBytes([UInt8](repeating: 0x42, count: 32))
    let expanded = try xwing.expandKey(seed)
    let composite = try XCTUnwrap(CompositeMLKEM.named("MLKEM768-X25519-SHA3-256"))
    let compositeKey = composite.serializePrivateKey(expanded.pqSeed, expanded.groupScalar)
    let (ss, ct) = try xwing.encapsulate(to: try xwing.publicKey(of: expanded))
    XCTAssertEqual(try composite.decapsulate(ct, privateKey: compositeKey).copyBytes(), ss.copyBytes())
  }

  func testMalformedInputsAreTypedErrors() throws {
    let cases = try Self.load()
    for t in cases where !t.tcId.hasPrefix("id-alg-") {
      let kem = try XCTUnwrap(CompositeMLKEM.named(t.tcId))
      let dk = try b64(t.dk)
      let c = try b64(t.c)
      let ek = try b64(t.ek)
      // Truncated private keys, ciphertexts and public keys.
      for cut in [1, 10, dk.count - 64, dk.count - 1] where cut < dk.count {
        XCTAssertThrowsError(try kem.decapsulate(c, privateKey: SecretBytes(dk.prefix(dk.count - cut))), t.tcId)
      }
      XCTAssertThrowsError(try kem.decapsulate(Array(c.dropLast()), privateKey: SecretBytes(dk)), t.tcId)
      XCTAssertThrowsError(try kem.encapsulate(to: Array(ek.prefix(1184))), t.tcId)
      XCTAssertThrowsError(try kem.encapsulate(to: Array(ek.dropLast())), t.tcId)
      // A corrupted DER byte in the traditional private key (X25519/X448 keys are raw strings,
      // every one of which is a key).
      if !t.tcId.contains("X25519"), !t.tcId.contains("X448") {
        var bad = dk
        bad[64] ^= 0xFF
        XCTAssertThrowsError(try kem.decapsulate(c, privateKey: SecretBytes(bad)), t.tcId)
      }
    }
  }
}

/// The 13 draft-ietf-hpke-pq vectors end to end: DeriveKeyPair(ikmR), Encap from ikmE, Decap of
/// `enc`, then every encryption and export through the recipient context.
final class HPKEEndToEndTests: XCTestCase {
  func testAllVectorsEndToEnd() throws {
    var checked = 0
    for v in try HPKEVector.load() {
      let kem = try XCTUnwrap(HPKEKEMs.kem(id: v.kem_id), v.label)
      let kdf = try XCTUnwrap(HPKEKDF(rawValue: v.kdf_id))
      let aead = try XCTUnwrap(HPKEAEAD(rawValue: v.aead_id))
      let (skRm, pkRm) = try kem.deriveKeyPair(ikm: hexBytes(v.ikmR))
      // X25519/X448 private keys are serialized clamped (draft-ietf-hpke-hpke, Section 7.1.2); the
      // vectors give X448's clamped and X25519's not. Clamping changes no key (RFC 7748,
      // decodeScalar), so both sides are compared clamped.
      XCTAssertEqual(
        hexString(Self.clampedIfMontgomery(skRm.copyBytes(), v.kem_id)),
        hexString(Self.clampedIfMontgomery(hexBytes(v.skRm), v.kem_id)), "skRm, \(v.label)")
      XCTAssertEqual(hexString(pkRm), v.pkRm, "pkRm, \(v.label)")
      XCTAssertEqual(hexString(try kem.publicKey(fromPrivateKey: skRm)), v.pkRm, "pk(skRm), \(v.label)")
      // ikmE is the encapsulation randomness (for a DHKEM, the ikm of the ephemeral DeriveKeyPair).
      // MLKEM768-P256 draws 128 bytes for its scalar where the vector's ikmE carries 96: the
      // zero padding past ikmE is read only on a rejection, which this vector does not hit.
      let (ssE, enc) = try kem.encapsulate(to: hexBytes(v.pkRm), using: FixedRandom(hexBytes(v.ikmE)))
      XCTAssertEqual(hexString(enc), v.enc, "enc, \(v.label)")
      XCTAssertEqual(hexString(ssE.copyBytes()), v.shared_secret, "Encap shared_secret, \(v.label)")
      let ss = try kem.decapsulate(hexBytes(v.enc), privateKey: skRm)
      XCTAssertEqual(hexString(ss.copyBytes()), v.shared_secret, "Decap shared_secret, \(v.label)")

      let suite = HPKECiphersuite(kem: kem, kdf: kdf, aead: aead)
      var recipient = try suite.setupBaseRecipient(
        encapsulatedKey: hexBytes(v.enc), privateKey: skRm, info: hexBytes(v.info))
      for e in v.encryptions {
        XCTAssertEqual(
          hexString(try recipient.open(hexBytes(e.ct), authenticating: hexBytes(e.aad))), e.pt, v.label)
      }
      for x in v.exports {
        XCTAssertEqual(
          hexString(try recipient.export(context: hexBytes(x.exporter_context), length: x.L).copyBytes()),
          x.exported_value, v.label)
      }
      checked += 1
    }
    XCTAssertEqual(checked, 13)
  }

  /// decodeScalar25519 / decodeScalar448 clamping (RFC 7748, Section 5) for KEM ids 0x0020, 0x0021.
  static func clampedIfMontgomery(_ k: [UInt8], _ kemID: UInt16) -> [UInt8] {
    var k = k
    if kemID == 0x0020, k.count == 32 {
      k[0] &= 0xF8
      k[31] = (k[31] & 0x7F) | 0x40
    } else if kemID == 0x0021, k.count == 56 {
      k[0] &= 0xFC
      k[55] |= 0x80
    }
    return k
  }

  func testSealOpenRoundTripForEverySuite() throws {
    for kem in HPKEKEMs.all {
      let (sk, pk) = try kem.generateKeyPair()
      for kdf in HPKEKDF.allCases {
        for aead in [HPKEAEAD.aes128GCM, .aes256GCM, .chaCha20Poly1305] {
          let suite = HPKECiphersuite(kem: kem, kdf: kdf, aead: aead)
          let (enc, ct) = try suite.seal(to: pk, info: [1, 2], authenticating: [3], plaintext: [4, 5, 6])
          XCTAssertEqual(enc.count, kem.Nenc, kem.name)
          XCTAssertEqual(
            try suite.open(enc, privateKey: sk, info: [1, 2], authenticating: [3], ciphertext: ct), [4, 5, 6])
          XCTAssertThrowsError(try suite.open(enc, privateKey: sk, info: [1], authenticating: [3], ciphertext: ct))
        }
      }
    }
  }
}
