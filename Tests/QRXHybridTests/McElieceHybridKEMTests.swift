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
      "aba468af4d37ca80ccaf72132914dcd18fff3a9fd29e82fad3af4a81fc35d264")
    XCTAssertEqual(
      hexString(SHA2.hash(.sha256, publicKey)),
      "f7ebe1776a52cf4824e0cf70d3ff506c8c778ae83b804c6f5502e809eb6536de")
    let (secret, ciphertext) = try kem.encapsulate(to: publicKey, using: regressionRandom())
    XCTAssertEqual(
      hexString(ciphertext),
      "a5ad5339e80ed9418b6bde8a08cf9614915174591de654b59e9eaff58cc2078f0b526c880bb14a76b2af5e79affa8dd7"
        + "f99f9828ca960b0b305ab2ebc67fe8bdf3edea962bb0bd3a1f14a4944dca812693f4ba925e1362a130112499f3e0a931"
        + "111fb24dc000e01a169e86389aa3fadde76e3f1d223a06c8abbfc46858acd4a1f0c33089ac081889d1944359cdf4d38b"
        + "f4b9b1990ab22c65789053b588d31d4b5430f086aa5b47261539c1f052edbd7000fc1c0c1d8c53082a75b954dac3e61f"
        + "19f2b3dfec3a760270a7d2b39f39be16abab9feda44097067439e1a89d3794e980a2c498f2d13bc1c7d96512d4376415")
    XCTAssertEqual(hexString(secret.copyBytes()), "b0fbb441d02bb9d3d792d21c4636a6350b9744a0fda940ea2a3eb3d1b74d0e93")
    XCTAssertEqual(try kem.decapsulate(ciphertext, privateKey: privateKey).copyBytes(), secret.copyBytes())
  }
}
