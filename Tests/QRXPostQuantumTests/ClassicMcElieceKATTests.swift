import Foundation
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

// Known answers for all ten Classic McEliece sets: the first entry of the NIST KAT file, made with
// the NIST AES-256-CTR DRBG, hashed as liboqs does (`single` in liboqs/kem-kats.json; the vectors
// README says what is hashed), and its ciphertext decapsulated back to the same secret.
final class ClassicMcElieceKATTests: XCTestCase {
  private func expectedSingleHash(_ name: String) throws -> String {
    let url = try Vectors.shared("liboqs/kem-kats.json")
    let json = try XCTUnwrap(Vectors.json(url) as? [String: Any])
    let entry = try XCTUnwrap(json[name] as? [String: String], "\(name) missing from kem-kats.json")
    return try XCTUnwrap(entry["single"])
  }

  private func checkFirstKnownAnswer<P: McElieceParameterSet>(_: P.Type) throws {
    let expected = try expectedSingleHash(P.name)
    let master = NISTKATRandom(entropy: Array(0..<48))
    let seed = master.bytes(count: 48)
    let drbg = NISTKATRandom(entropy: seed)
    // The reference keygen draws δ with one randombytes(32) call.
    let delta = drbg.bytes(count: 32)
    let privateKey = try P.PrivateKey(seedRepresentation: delta)
    let publicKey = try privateKey.publicKey
    let (secret, ciphertext) = publicKey.encapsulateForTesting(randomSource: drbg)

    func line(_ name: String, _ bytes: [UInt8]) -> String { "\(name) = \(Hex.encode(bytes).uppercased())\n" }
    var transcript = "count = 0\n"
    transcript += line("seed", seed)
    transcript += line("pk", publicKey.rawRepresentation)
    transcript += line("sk", privateKey.rawRepresentation.copyBytes())
    transcript += line("ct", ciphertext)
    transcript += line("ss", secret.copyBytes())
    let digest = Hex.encode(SHA256.hash(Array(transcript.utf8)))
    XCTAssertEqual(digest, expected.lowercased(), "\(P.name): KAT transcript hash differs")

    XCTAssertEqual(ciphertext.count, P.ciphertextByteCount)
    XCTAssertEqual(publicKey.rawRepresentation.count, P.publicKeyByteCount)
    XCTAssertEqual(privateKey.rawRepresentation.count, P.privateKeyByteCount)
    let recovered = try privateKey.decapsulate(ciphertext)
    XCTAssertTrue(recovered.constantTimeEquals(secret), "\(P.name): decapsulation differs from encapsulation")
  }

  func testKnownAnswer348864() throws { try checkFirstKnownAnswer(ClassicMcEliece348864.self) }
  func testKnownAnswer348864f() throws { try checkFirstKnownAnswer(ClassicMcEliece348864f.self) }
  func testKnownAnswer460896() throws { try checkFirstKnownAnswer(ClassicMcEliece460896.self) }
  func testKnownAnswer460896f() throws { try checkFirstKnownAnswer(ClassicMcEliece460896f.self) }
  func testKnownAnswer6688128() throws { try checkFirstKnownAnswer(ClassicMcEliece6688128.self) }
  func testKnownAnswer6688128f() throws { try checkFirstKnownAnswer(ClassicMcEliece6688128f.self) }
  func testKnownAnswer6960119() throws { try checkFirstKnownAnswer(ClassicMcEliece6960119.self) }
  func testKnownAnswer6960119f() throws { try checkFirstKnownAnswer(ClassicMcEliece6960119f.self) }
  func testKnownAnswer8192128() throws { try checkFirstKnownAnswer(ClassicMcEliece8192128.self) }
  func testKnownAnswer8192128f() throws { try checkFirstKnownAnswer(ClassicMcEliece8192128f.self) }
}
