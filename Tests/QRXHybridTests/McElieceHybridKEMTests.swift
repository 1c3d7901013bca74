import QRXClassical
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// QRX-McEliece6688128f-X25519-SHA3-256 (docs/HYBRID-KEM.md). No independent vectors exist for this
/// QRX combination: the components are proven by their own suites (Classic McEliece KATs, Wycheproof
/// X25519), the combiner and seed expansion are recomputed here from the documented formulas, and the
/// regression vector was generated once by this code (say so: it only catches changes).
final class McElieceHybridKEMTests: XCTestCase {
  private let kem = McElieceHybridKEM.mceliece6688128fX25519
  private static let label = Array("QRX-KEM-McEliece6688128f-X25519-SHA3-256".utf8)
  private static let mcSK = 13932
  private static let mcPK = 1_044_992
  private static let mcCT = 208

  /// The one key pair of these tests (key generation takes about a second): seed 00..1f.
  private static let keyPair = Result {
    try McElieceHybridKEM.mceliece6688128fX25519.generateKeyPair(seed: SecretBytes(Array(0..<32)))
  }

  /// The deterministic randomness of the regression encapsulation: NIST's DRBG on entropy 00..2f.
  private func regressionRandom() -> NISTKATRandom { NISTKATRandom(entropy: Array(0..<48)) }

  func testNamesAndSizes() throws {
    XCTAssertEqual(kem.name, "QRX-McEliece6688128f-X25519-SHA3-256")
    XCTAssertEqual(kem.label, Self.label)
    XCTAssertEqual(kem.seedByteCount, 32)
    XCTAssertEqual(kem.publicKeyByteCount, Self.mcPK + 32)
    XCTAssertEqual(kem.privateKeyByteCount, Self.mcSK + 32)
    XCTAssertEqual(kem.ciphertextByteCount, Self.mcCT + 32)
    let row = try XCTUnwrap(AlgorithmRegistry.descriptor(named: kem.name))
    XCTAssertEqual(row.kind, .kem)
    XCTAssertEqual(row.isHybrid, true)
    XCTAssertEqual(row.category, 5)
    XCTAssertEqual(row.publicKeyBytes, kem.publicKeyByteCount)
    XCTAssertEqual(row.privateKeyBytes, kem.privateKeyByteCount)
    XCTAssertEqual(row.ciphertextBytes, kem.ciphertextByteCount)
  }

  func testRoundTripAndKeyLayout() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    XCTAssertEqual(privateKey.count, kem.privateKeyByteCount)
    XCTAssertEqual(publicKey.count, kem.publicKeyByteCount)
    for _ in 0..<3 {
      let (secret, ciphertext) = try kem.encapsulate(to: publicKey)
      XCTAssertEqual(ciphertext.count, kem.ciphertextByteCount)
      XCTAssertEqual(secret.count, 32)
      XCTAssertTrue(try kem.decapsulate(ciphertext, privateKey: privateKey).constantTimeEquals(secret))
    }
    // The documented seed expansion: SHAKE256(seed ‖ Label, 64) = δ ‖ sk_X; pk_X = X25519(sk_X, 9).
    var shake = SHAKE256()
    shake.absorb(Array(0..<32) as [UInt8])
    shake.absorb(Self.label)
    let expanded = shake.squeeze(count: 64)
    let sk = privateKey.copyBytes()
    XCTAssertEqual(Array(sk[0..<32]), Array(expanded[0..<32]), "sk_M starts with δ")
    XCTAssertEqual(Array(sk[Self.mcSK...]), Array(expanded[32..<64]), "sk_X")
    let x25519 = try X25519.PrivateKey(rawRepresentation: SecretBytes(Array(expanded[32..<64])))
    XCTAssertEqual(Array(publicKey[Self.mcPK...]), x25519.publicKey.rawRepresentation)
    // The McEliece half is the key pair SeededKeyGen(δ) gives: its public key checks against sk_M.
    let mceliece = try ClassicMcEliece6688128f.PrivateKey(rawRepresentation: sk[0..<Self.mcSK])
    let (mcSecret, mcCiphertext) = try ClassicMcEliece6688128f.PublicKey(
      rawRepresentation: publicKey[0..<Self.mcPK]
    ).encapsulate()
    XCTAssertTrue(try mceliece.decapsulate(mcCiphertext).constantTimeEquals(mcSecret))
  }

  func testPublicKeyFromPrivateKeyRegeneratesBothHalves() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    XCTAssertEqual(try kem.publicKey(fromPrivateKey: privateKey), publicKey)
  }

  func testCombinerIsSHA3OverTheDocumentedConcatenation() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    let (secret, ciphertext) = try kem.encapsulate(to: publicKey, using: regressionRandom())
    let sk = privateKey.copyBytes()
    let ctM = Array(ciphertext[0..<Self.mcCT])
    let ctX = Array(ciphertext[Self.mcCT...])
    let pkX = Array(publicKey[Self.mcPK...])
    // Each component alone, through its own module.
    let ssM = try ClassicMcEliece6688128f.PrivateKey(rawRepresentation: sk[0..<Self.mcSK]).decapsulate(ctM)
    let ssX = try X25519.PrivateKey(rawRepresentation: SecretBytes(Array(sk[Self.mcSK...])))
      .sharedSecretFromKeyAgreement(with: try X25519.PublicKey(rawRepresentation: ctX))
    let expected = SHA3_256.hash(ssM.copyBytes() + ssX.copyBytes() + ctX + pkX + Self.label)
    XCTAssertEqual(secret.copyBytes(), expected)
    XCTAssertEqual(try kem.decapsulate(ciphertext, privateKey: privateKey).copyBytes(), expected)
  }

  func testTamperedCiphertextGivesADifferentSecret() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    let (secret, ciphertext) = try kem.encapsulate(to: publicKey)
    for index in [0, Self.mcCT / 2, Self.mcCT - 1, Self.mcCT, Self.mcCT + 17, ciphertext.count - 1] {
      var tampered = ciphertext
      tampered[index] ^= 0x01
      do {
        let other = try kem.decapsulate(tampered, privateKey: privateKey)
        XCTAssertFalse(other.constantTimeEquals(secret), "byte \(index)")
      } catch let error as HybridKEMError {
        // Only the X25519 half may be refused outright (a point X25519 rejects).
        XCTAssertGreaterThanOrEqual(index, Self.mcCT, "McEliece uses implicit rejection: \(error)")
      }
    }
    // McEliece's implicit rejection is deterministic: the same tampered ciphertext, the same secret.
    var tampered = ciphertext
    tampered[3] ^= 0x80
    XCTAssertTrue(
      try kem.decapsulate(tampered, privateKey: privateKey).constantTimeEquals(
        try kem.decapsulate(tampered, privateKey: privateKey)))
    // A low-order X25519 point (all zero) is refused with a typed error, not combined.
    var lowOrder = ciphertext
    for i in Self.mcCT..<lowOrder.count { lowOrder[i] = 0 }
    XCTAssertThrowsError(try kem.decapsulate(lowOrder, privateKey: privateKey)) {
      XCTAssertTrue($0 is HybridKEMError, "\($0)")
    }
  }

  func testWrongLengthsAndMalformedKeysAreTypedErrors() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    let (_, ciphertext) = try kem.encapsulate(to: publicKey)
    func expect(_ kind: String, _ body: () throws -> Void) {
      XCTAssertThrowsError(try body()) { error in
        guard let error = error as? HybridKEMError else { return XCTFail("untyped error \(error)") }
        switch (kind, error) {
        case ("pk", .invalidPublicKey), ("sk", .invalidPrivateKey), ("ct", .invalidCiphertext),
          ("seed", .invalidSeed):
          break
        default: XCTFail("expected \(kind), got \(error)")
        }
      }
    }
    expect("pk") { _ = try kem.encapsulate(to: Array(publicKey.dropLast())) }
    expect("pk") { _ = try kem.encapsulate(to: publicKey + [0]) }
    expect("pk") { _ = try kem.encapsulate(to: []) }
    expect("ct") { _ = try kem.decapsulate(Array(ciphertext.dropLast()), privateKey: privateKey) }
    expect("ct") { _ = try kem.decapsulate(ciphertext + [0], privateKey: privateKey) }
    expect("ct") { _ = try kem.decapsulate([], privateKey: privateKey) }
    let sk = privateKey.copyBytes()
    expect("sk") { _ = try kem.decapsulate(ciphertext, privateKey: SecretBytes(Array(sk.dropLast()))) }
    expect("sk") { _ = try kem.decapsulate(ciphertext, privateKey: SecretBytes(sk + [0])) }
    expect("sk") { _ = try kem.publicKey(fromPrivateKey: SecretBytes(zeroes: 5)) }
    // A McEliece private key whose pivot word c (bytes 32..<40) is not 32 bits set among 64.
    var badPivots = sk
    for i in 32..<40 { badPivots[i] = 0xFF }
    expect("sk") { _ = try kem.decapsulate(ciphertext, privateKey: SecretBytes(badPivots)) }
    // A coefficient of g outside GF(2^13).
    var badG = sk
    badG[41] = 0xFF
    expect("sk") { _ = try kem.decapsulate(ciphertext, privateKey: SecretBytes(badG)) }
    expect("seed") { _ = try kem.generateKeyPair(seed: SecretBytes(zeroes: 31)) }
    expect("seed") { _ = try kem.generateKeyPair(seed: SecretBytes(zeroes: 33)) }
  }

  /// The regression vector of docs/FORMATS.md (self-generated by this code, not an independent answer):
  /// seed 00..1f; encapsulation randomness from NISTKATRandom(entropy 00..2f).
  func testRegressionVector() throws {
    let (privateKey, publicKey) = try Self.keyPair.get()
    XCTAssertEqual(
      hexString(SHA2.hash(.sha256, privateKey.copyBytes())),
      "SK")
    XCTAssertEqual(
      hexString(SHA2.hash(.sha256, publicKey)),
      "PK")
    let (secret, ciphertext) = try kem.encapsulate(to: publicKey, using: regressionRandom())
    XCTAssertEqual(hexString(ciphertext), "CT")
    XCTAssertEqual(hexString(secret.copyBytes()), "SS")
    XCTAssertEqual(try kem.decapsulate(ciphertext, privateKey: privateKey).copyBytes(), secret.copyBytes())
  }
}
