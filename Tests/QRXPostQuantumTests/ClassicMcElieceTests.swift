import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

// Behaviour beyond the known answers: round trips, implicit rejection, key import, malformed input.
final class ClassicMcElieceTests: XCTestCase {
  private static let seed: [UInt8] = Array(0..<32)

  func testRoundTripWithRandomKeys() throws {
    let privateKey = ClassicMcEliece348864.PrivateKey()
    let publicKey = try privateKey.publicKey
    for _ in 0..<3 {
      let (secret, ciphertext) = publicKey.encapsulate()
      XCTAssertEqual(ciphertext.count, 96)
      XCTAssertTrue(try privateKey.decapsulate(ciphertext).constantTimeEquals(secret))
    }
  }

  func testRoundTripSemiSystematic() throws {
    let privateKey = try ClassicMcEliece348864f.PrivateKey(seedRepresentation: Self.seed)
    let (secret, ciphertext) = try privateKey.publicKey.encapsulate()
    XCTAssertTrue(try privateKey.decapsulate(ciphertext).constantTimeEquals(secret))
  }

  func testSeedDeterminesTheKeyPair() throws {
    let a = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    let b = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    XCTAssertTrue(a.rawRepresentation.constantTimeEquals(b.rawRepresentation))
    XCTAssertEqual(try a.publicKey, try b.publicKey)
    // The stored δ is the one of the attempt that succeeded; it regenerates the same pair.
    let c = try ClassicMcEliece348864.PrivateKey(seedRepresentation: a.seedRepresentation.copyBytes())
    XCTAssertTrue(c.rawRepresentation.constantTimeEquals(a.rawRepresentation))
  }

  func testImplicitRejectionGivesTheHashOfSAndC() throws {
    let privateKey = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    let (secret, ciphertext) = try privateKey.publicKey.encapsulate()
    var corrupted = ciphertext
    corrupted[5] ^= 0x10
    let rejected = try privateKey.decapsulate(corrupted)
    XCTAssertFalse(rejected.constantTimeEquals(secret))
    XCTAssertTrue(try privateKey.decapsulate(corrupted).constantTimeEquals(rejected), "rejection is deterministic")
    // Specification, Decap: K = SHAKE256(0 ‖ s ‖ C) with s the last n/8 bytes of the private key.
    let sk = privateKey.rawRepresentation.copyBytes()
    let s = sk[(sk.count - 3488 / 8)...]
    let expected = SHAKE256.hash([0] + s + corrupted, outputLength: 32)
    XCTAssertEqual(rejected.copyBytes(), expected)
  }

  func testEveryCorruptedBitIsRejected() throws {
    let privateKey = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    let (secret, ciphertext) = try privateKey.publicKey.encapsulate()
    for bit in stride(from: 0, to: ciphertext.count * 8, by: 37) {
      var corrupted = ciphertext
      corrupted[bit / 8] ^= 1 << UInt8(bit % 8)
      XCTAssertFalse(try privateKey.decapsulate(corrupted).constantTimeEquals(secret), "bit \(bit)")
    }
  }

  func testPrivateKeyImportDecapsulatesAndRegeneratesThePublicKey() throws {
    let original = try ClassicMcEliece348864f.PrivateKey(seedRepresentation: Self.seed)
    let imported = try ClassicMcEliece348864f.PrivateKey(rawRepresentation: original.rawRepresentation.copyBytes())
    XCTAssertEqual(try imported.publicKey, try original.publicKey)
    let (secret, ciphertext) = try original.publicKey.encapsulate()
    XCTAssertTrue(try imported.decapsulate(ciphertext).constantTimeEquals(secret))
  }

  func testPrivateKeyInconsistentWithItsSeedIsRefused() throws {
    let original = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    var bytes = original.rawRepresentation.copyBytes()
    bytes[bytes.count - 1] ^= 1  // a bit of s
    let imported = try ClassicMcEliece348864.PrivateKey(rawRepresentation: bytes)
    XCTAssertThrowsError(try imported.publicKey)
  }

  func testWrongLengthsAreRefused() throws {
    XCTAssertThrowsError(try ClassicMcEliece348864.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 261_119)))
    XCTAssertThrowsError(try ClassicMcEliece348864.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 6491)))
    XCTAssertThrowsError(try ClassicMcEliece348864.PrivateKey(seedRepresentation: [UInt8](repeating: 0, count: 31)))
    let privateKey = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed)
    for count in [0, 95, 97] {
      XCTAssertThrowsError(try privateKey.decapsulate([UInt8](repeating: 0, count: count))) { error in
        XCTAssertEqual(
          error as? CryptoError,
          .invalidLength(what: "Classic-McEliece-348864 ciphertext", expected: "96", actual: count))
      }
    }
  }

  func testMalformedPrivateKeyFieldsAreRefused() throws {
    var bytes = try ClassicMcEliece348864.PrivateKey(seedRepresentation: Self.seed).rawRepresentation.copyBytes()
    bytes[41] |= 0x80  // g₀ beyond 12 bits
    XCTAssertThrowsError(try ClassicMcEliece348864.PrivateKey(rawRepresentation: bytes))
    bytes[41] &= 0x0F
    bytes[36] = 1  // c must be 2^32 − 1 for a systematic set
    XCTAssertThrowsError(try ClassicMcEliece348864.PrivateKey(rawRepresentation: bytes))
    var semi = try ClassicMcEliece348864f.PrivateKey(seedRepresentation: Self.seed).rawRepresentation.copyBytes()
    semi[32] ^= 0x01  // c no longer has 32 bits set
    XCTAssertThrowsError(try ClassicMcEliece348864f.PrivateKey(rawRepresentation: semi))
  }

  func testPaddingBitsOf6960119AreRefused() throws {
    // k = 5413: each 677-byte row has 3 padding bits; m·t = 1547: the 194-byte ciphertext has 5.
    var publicKey = [UInt8](repeating: 0, count: ClassicMcEliece6960119.publicKeyByteCount)
    XCTAssertNoThrow(try ClassicMcEliece6960119.PublicKey(rawRepresentation: publicKey))
    publicKey[677 * 10 + 676] = 0x20
    XCTAssertThrowsError(try ClassicMcEliece6960119.PublicKey(rawRepresentation: publicKey))

    let privateKey = try ClassicMcEliece6960119.PrivateKey(seedRepresentation: Self.seed)
    let (secret, ciphertext) = try privateKey.publicKey.encapsulate()
    XCTAssertEqual(ciphertext.count, 194)
    XCTAssertEqual(ciphertext[193] >> 3, 0)
    XCTAssertTrue(try privateKey.decapsulate(ciphertext).constantTimeEquals(secret))
    var padded = ciphertext
    padded[193] |= 0x80
    XCTAssertThrowsError(try privateKey.decapsulate(padded))
  }
}
