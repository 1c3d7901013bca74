import Foundation
import QRXTestSupport
import XCTest

/// `qrx keygen/encaps/decaps` for the hybrid KEMs and `qrx encrypt/decrypt`, through the binary.
final class HybridKEMCommandTests: XCTestCase {
  func testKeygenEncapsDecapsAgreeForHybridKEMs() throws {
    let dir = try temporaryDirectory(self)
    for alg in ["X-Wing", "MLKEM768-P256", "MLKEM768-X25519-SHA3-256", "MLKEM768-ECDH-P384-SHA3-256"] {
      try checkKeygenEncapsDecapsAgree(alg, secretByteCount: 32, in: dir)
    }
  }

  func testXWingSeededKeygenMatchesTheOfficialVector() throws {
    let v = try XCTUnwrap(
      (try Vectors.json(Vectors.shared("xwing/test-vectors.json")) as? [[String: String]])?.first)
    let dir = try temporaryDirectory(self)
    let sk = dir.appendingPathComponent("sk").path
    let pk = dir.appendingPathComponent("pk").path
    let run = try QRXBinary.run(["keygen", "--alg", "X-Wing", "--seed", v["seed"]!, "--out", sk, "--pub", pk])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(hexString(Array(try Data(contentsOf: URL(fileURLWithPath: pk)))), v["pk"])
  }

  func testEncryptDecryptRoundTripWithAAD() throws {
    let dir = try temporaryDirectory(self)
    let sk = dir.appendingPathComponent("sk.json").path
    let pk = dir.appendingPathComponent("pk.json").path
    let plain = dir.appendingPathComponent("plain.bin")
    let sealed = dir.appendingPathComponent("plain.qrx").path
    let back = dir.appendingPathComponent("back.bin").path
    let message = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    try message.write(to: plain)
    XCTAssertEqual(
      try QRXBinary.run(["keygen", "--alg", "X-Wing", "--out", sk, "--pub", pk, "--format", "json"]).status, 0)
    let enc = try QRXBinary.run([
      "encrypt", "--pub", pk, "--alg", "X-Wing", "--aad", "c0ffee", "--in", plain.path, "--out", sealed,
    ])
    XCTAssertEqual(enc.status, 0, enc.stderr)
    let dec = try QRXBinary.run(["decrypt", "--key", sk, "--in", sealed, "--out", back])
    XCTAssertEqual(dec.status, 0, dec.stderr)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: back)), message)
  }

  func testDecryptRefusesAnotherKEMsFileAndAlteredFiles() throws {
    let dir = try temporaryDirectory(self)
    let xsk = dir.appendingPathComponent("x.sk").path
    let xpk = dir.appendingPathComponent("x.pk").path
    let psk = dir.appendingPathComponent("p.sk").path
    let ppk = dir.appendingPathComponent("p.pk").path
    let plain = dir.appendingPathComponent("plain.txt")
    let sealed = dir.appendingPathComponent("plain.qrx")
    let out = dir.appendingPathComponent("out").path
    try Data("attack at dawn".utf8).write(to: plain)
    XCTAssertEqual(try QRXBinary.run(["keygen", "--alg", "X-Wing", "--out", xsk, "--pub", xpk]).status, 0)
    XCTAssertEqual(try QRXBinary.run(["keygen", "--alg", "MLKEM768-P256", "--out", psk, "--pub", ppk]).status, 0)
    XCTAssertEqual(
      try QRXBinary.run(["encrypt", "--pub", xpk, "--alg", "X-Wing", "--in", plain.path, "--out", sealed.path]).status,
      0)
    // The algorithm comes from the key: an MLKEM768-P256 key refuses an X-Wing file.
    let mismatch = try QRXBinary.run([
      "decrypt", "--key", psk, "--alg", "MLKEM768-P256", "--in", sealed.path, "--out", out,
    ])
    XCTAssertEqual(mismatch.status, 2)
    XCTAssertTrue(mismatch.stderr.contains("KEM"), mismatch.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    // A raw key needs --alg.
    XCTAssertEqual(try QRXBinary.run(["decrypt", "--key", xsk, "--in", sealed.path, "--out", out]).status, 2)
    // One flipped bit in the body: a negative answer, exit 1, nothing written.
    var bytes = try Data(contentsOf: sealed)
    bytes[bytes.count - 1] ^= 1
    try bytes.write(to: sealed)
    let altered = try QRXBinary.run(["decrypt", "--key", xsk, "--alg", "X-Wing", "--in", sealed.path, "--out", out])
    XCTAssertEqual(altered.status, 1, altered.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
  }
}

/// `qrx keygen/pubkey/encaps/decaps` for the classical key agreements: their DHKEM under the plain
/// names (X25519, X448, ECDH-P256/P384/P521).
final class ClassicalKEMCommandTests: XCTestCase {
  func testX25519KeygenFromTheRFC7748KeyGivesItsPublicKey() throws {
    // RFC 7748, Section 6.1 (Alice) and Section 6.2 (Alice, X448).
    let cases = [
      (
        "X25519", "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
      ),
      (
        "X448",
        "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
        "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"
      ),
    ]
    let dir = try temporaryDirectory(self)
    for (alg, secret, expected) in cases {
      let sk = dir.appendingPathComponent("\(alg).sk").path
      let pk = dir.appendingPathComponent("\(alg).pk").path
      let run = try QRXBinary.run(["keygen", "--alg", alg, "--seed", secret, "--out", sk, "--pub", pk])
      XCTAssertEqual(run.status, 0, run.stderr)
      XCTAssertEqual(hexString(Array(try Data(contentsOf: URL(fileURLWithPath: pk)))), expected, alg)
    }
  }

  func testClassicalKEMsEncapsDecapsAgree() throws {
    let dir = try temporaryDirectory(self)
    let secretLengths = ["X25519": 32, "X448": 64, "ECDH-P256": 32, "ECDH-P384": 48, "ECDH-P521": 64]
    for (alg, length) in secretLengths.sorted(by: { $0.key < $1.key }) {
      try checkKeygenEncapsDecapsAgree(alg, secretByteCount: length, in: dir)
    }
  }

  /// A key made by `qrx keygen --alg X25519` (or ECDH-P256) encrypts and decrypts a file.
  func testAClassicalKEMKeyFileEncryptsAndDecrypts() throws {
    let dir = try temporaryDirectory(self)
    let plain = dir.appendingPathComponent("plain")
    try Data("quarterly reserves".utf8).write(to: plain)
    for alg in ["X25519", "ECDH-P256"] {
      let sk = dir.appendingPathComponent("\(alg).sk").path
      let pk = dir.appendingPathComponent("\(alg).pk").path
      let sealed = dir.appendingPathComponent("\(alg).qrx").path
      let back = dir.appendingPathComponent("\(alg).back").path
      XCTAssertEqual(
        try QRXBinary.run(["keygen", "--alg", alg, "--out", sk, "--pub", pk, "--format", "json"]).status, 0, alg)
      let enc = try QRXBinary.run(["encrypt", "--pub", pk, "--alg", alg, "--in", plain.path, "--out", sealed])
      XCTAssertEqual(enc.status, 0, enc.stderr)
      let dec = try QRXBinary.run(["decrypt", "--key", sk, "--in", sealed, "--out", back])
      XCTAssertEqual(dec.status, 0, dec.stderr)
      XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: back)), try Data(contentsOf: plain), alg)
    }
  }
}

/// `qrx keygen --alg ALG` (JSON key files), `encaps`, `decaps` in `dir`: both sides get the same
/// secret of `secretByteCount` bytes.
func checkKeygenEncapsDecapsAgree(
  _ alg: String, secretByteCount: Int, in dir: URL, file: StaticString = #filePath, line: UInt = #line
) throws {
  let sk = dir.appendingPathComponent("\(alg).sk").path
  let pk = dir.appendingPathComponent("\(alg).pk").path
  let ct = dir.appendingPathComponent("\(alg).ct").path
  let ss1 = dir.appendingPathComponent("\(alg).ss1").path
  let ss2 = dir.appendingPathComponent("\(alg).ss2").path
  let keygen = try QRXBinary.run(["keygen", "--alg", alg, "--out", sk, "--pub", pk, "--format", "json"])
  XCTAssertEqual(keygen.status, 0, "\(alg): \(keygen.stderr)", file: file, line: line)
  let encaps = try QRXBinary.run(["encaps", "--pub", pk, "--out", ct, "--secret", ss1])
  XCTAssertEqual(encaps.status, 0, "\(alg): \(encaps.stderr)", file: file, line: line)
  let decaps = try QRXBinary.run(["decaps", "--key", sk, "--in", ct, "--secret", ss2])
  XCTAssertEqual(decaps.status, 0, "\(alg): \(decaps.stderr)", file: file, line: line)
  let sent = try Data(contentsOf: URL(fileURLWithPath: ss1))
  XCTAssertEqual(sent.count, secretByteCount, alg, file: file, line: line)
  XCTAssertEqual(sent, try Data(contentsOf: URL(fileURLWithPath: ss2)), alg, file: file, line: line)
}
