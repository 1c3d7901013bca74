import Foundation
import QRXCLI
import QRXPrimitives
import QRXTestSupport
import XCTest

/// The ML-KEM `KEMScheme`s the `qrx` commands use: seeds and expanded keys, Wycheproof key
/// generation answers, and exit code 2 for every malformed input, including every CCTV key whose
/// coefficient is not reduced (what `qrx encaps` must refuse).
final class MLKEMSchemeTests: XCTestCase {
  struct KeyGenerationFile: Decodable {
    struct Group: Decodable { let tests: [Case] }
    struct Case: Decodable {
      let seed: String
      let ek: String
      let dk: String
    }
    let testGroups: [Group]
  }

  private let names = ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"]

  private func scheme(_ name: String) throws -> any KEMScheme {
    try XCTUnwrap(SchemeRegistry.scheme(named: name) as? any KEMScheme, "\(name) is not registered as a KEM")
  }

  /// The first Wycheproof key generation case of the set: (seed, ek, dk).
  private func knownKey(_ name: String) throws -> (seed: [UInt8], ek: [UInt8], dk: [UInt8]) {
    let bits = name.dropFirst("ML-KEM-".count)
    let url = try Vectors.shared("wycheproof/mlkem_\(bits)_keygen_seed_test.json")
    let file = try Vectors.decode(KeyGenerationFile.self, from: url)
    let test = try XCTUnwrap(file.testGroups.first?.tests.first)
    return (hexBytes(test.seed), hexBytes(test.ek), hexBytes(test.dk))
  }

  private func expectExit2(_ label: String, _ body: () throws -> Void) {
    XCTAssertThrowsError(try body(), label) { error in
      XCTAssertEqual((error as? CLIError)?.exitCode, 2, "\(label): \(error)")
    }
  }

  func testSchemesAreRegisteredWithSeedLength() throws {
    for name in names {
      XCTAssertEqual(try scheme(name).seedByteCount, 64, name)
      XCTAssertTrue(SchemeRegistry.allNames.contains(name), name)
    }
    XCTAssertNotNil(SchemeRegistry.scheme(named: "ml-kem-768"), "names are case-insensitive")
  }

  func testSeededKeyGenerationMatchesWycheproof() throws {
    for name in names {
      let kem = try scheme(name)
      let known = try knownKey(name)
      let (privateKey, publicKey) = try kem.generateKey(seed: SecretBytes(known.seed))
      XCTAssertEqual(privateKey.copyBytes(), known.seed, "\(name): the stored form is the seed d ‖ z")
      XCTAssertEqual(publicKey, known.ek, name)
      XCTAssertEqual(try kem.expandedPrivateKey(privateKey).copyBytes(), known.dk, "\(name): --expanded")
      XCTAssertEqual(try kem.publicKey(fromPrivateKey: privateKey), known.ek, "\(name): pubkey from seed")
      XCTAssertEqual(
        try kem.publicKey(fromPrivateKey: SecretBytes(known.dk)), known.ek, "\(name): pubkey from expanded")
    }
  }

  func testEitherPrivateKeyFormDecapsulates() throws {
    for name in names {
      let kem = try scheme(name)
      let (privateKey, publicKey) = try kem.generateKey(seed: nil)
      XCTAssertEqual(privateKey.count, 64)
      let (secret, ciphertext) = try kem.encapsulate(publicKey: publicKey)
      let expanded = try kem.expandedPrivateKey(privateKey)
      XCTAssertEqual(
        try kem.decapsulate(privateKey: privateKey, ciphertext: ciphertext).copyBytes(), secret.copyBytes())
      XCTAssertEqual(try kem.decapsulate(privateKey: expanded, ciphertext: ciphertext).copyBytes(), secret.copyBytes())
    }
  }

  func testUnreducedPublicKeysExitWith2() throws {
    for name in names {
      let kem = try scheme(name)
      let lines = try Vectors.gunzipLines(Vectors.shared("cctv/ml-kem/modulus/\(name).txt.gz"))
      var refused = 0
      for (index, line) in lines.enumerated() {
        do {
          _ = try kem.encapsulate(publicKey: hexBytes(line))
          XCTFail("\(name) CCTV modulus line \(index + 1) accepted")
        } catch let error as CLIError {
          XCTAssertEqual(error.exitCode, 2)
          if error.exitCode == 2 { refused += 1 }
        }
      }
      print("[vectors] \(name) CCTV modulus through KEMScheme.encapsulate: \(refused)/\(lines.count) refused (exit 2)")
      XCTAssertGreaterThan(lines.count, 0)
      XCTAssertEqual(refused, lines.count)
    }
  }

  func testMalformedInputsExitWith2() throws {
    for name in names {
      let kem = try scheme(name)
      let known = try knownKey(name)
      let (_, ciphertext) = try kem.encapsulate(publicKey: known.ek)
      let seed = SecretBytes(known.seed)
      for delta in [-1, 1] {
        expectExit2("\(name) seed \(delta)") {
          _ = try kem.generateKey(seed: SecretBytes(zeroes: 64 + delta))
        }
        expectExit2("\(name) private key \(64 + delta) bytes") {
          _ = try kem.publicKey(fromPrivateKey: SecretBytes(zeroes: 64 + delta))
        }
        expectExit2("\(name) expanded key \(delta)") {
          _ = try kem.decapsulate(privateKey: SecretBytes(zeroes: known.dk.count + delta), ciphertext: ciphertext)
        }
        expectExit2("\(name) public key \(delta)") {
          _ = try kem.encapsulate(publicKey: [UInt8](repeating: 0, count: known.ek.count + delta))
        }
        expectExit2("\(name) ciphertext \(delta)") {
          _ = try kem.decapsulate(privateKey: seed, ciphertext: [UInt8](repeating: 0, count: ciphertext.count + delta))
        }
      }
      expectExit2("\(name) empty ciphertext") { _ = try kem.decapsulate(privateKey: seed, ciphertext: []) }
      expectExit2("\(name) empty public key") { _ = try kem.encapsulate(publicKey: []) }
      var corrupted = known.dk
      corrupted[corrupted.count - 40] ^= 1  // inside the stored H(ek)
      expectExit2("\(name) expanded key with a wrong hash") {
        _ = try kem.decapsulate(privateKey: SecretBytes(corrupted), ciphertext: ciphertext)
      }
    }
  }
}
