import Foundation
import QRXTestSupport
import XCTest

/// `qrx keygen/encaps/decaps` for the hybrid KEMs and `qrx encrypt/decrypt`, through the binary.
final class HybridKEMCommandTests: XCTestCase {
  func testKeygenEncapsDecapsAgreeForHybridKEMs() throws {
    let dir = try temporaryDirectory(self)
    for alg in ["X-Wing", "MLKEM768-P256", "MLKEM768-X25519-SHA3-256", "MLKEM768-ECDH-P384-SHA3-256"] {
      let sk = dir.appendingPathComponent("\(alg).sk").path
      let pk = dir.appendingPathComponent("\(alg).pk").path
      let ct = dir.appendingPathComponent("\(alg).ct").path
      let ss1 = dir.appendingPathComponent("\(alg).ss1").path
      let ss2 = dir.appendingPathComponent("\(alg).ss2").path
      XCTAssertEqual(
        try QRXBinary.run(["keygen", "--alg", alg, "--out", sk, "--pub", pk, "--format", "json"]).status, 0, alg)
      XCTAssertEqual(try QRXBinary.run(["encaps", "--pub", pk, "--out", ct, "--secret", ss1]).status, 0, alg)
      XCTAssertEqual(try QRXBinary.run(["decaps", "--key", sk, "--in", ct, "--secret", ss2]).status, 0, alg)
      let a = try Data(contentsOf: URL(fileURLWithPath: ss1))
      XCTAssertEqual(a.count, 32, alg)
      XCTAssertEqual(a, try Data(contentsOf: URL(fileURLWithPath: ss2)), alg)
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
