import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// The key-and-signature contract through the built `qrx` binary: files in, files out, exit codes.
final class KeyCommandTests: XCTestCase {
  private func path(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

  func testMLDSASignVerifyRoundTripAndExitCodes() throws {
    let dir = try temporaryDirectory(self)
    let message = path(dir, "msg")
    try Data("transfer 10 BTC".utf8).write(to: URL(fileURLWithPath: message))
    for format in ["raw", "json"] {
      let sk = path(dir, "sk.\(format)")
      let pk = path(dir, "pk.\(format)")
      let sig = path(dir, "sig.\(format)")
      XCTAssertEqual(
        try QRXBinary.run(["keygen", "--alg", "ML-DSA-65", "--out", sk, "--pub", pk, "--format", format]).status, 0)
      let attributes = try FileManager.default.attributesOfItem(atPath: sk)
      XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "private key mode")
      // JSON files carry the algorithm; raw files need --alg.
      let alg = format == "raw" ? ["--alg", "ML-DSA-65"] : []
      XCTAssertEqual(
        try QRXBinary.run(["sign", "--key", sk, "--in", message, "--out", sig, "--context", "6578"] + alg).status, 0)
      let valid = try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig, "--context", "6578"] + alg)
      XCTAssertEqual(valid.status, 0, valid.stderr)
      let wrongContext = try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig] + alg)
      XCTAssertEqual(wrongContext.status, 1, "a signature with another context is a negative answer")
      var tampered = try Data(contentsOf: URL(fileURLWithPath: sig))
      tampered[10] ^= 1
      try tampered.write(to: URL(fileURLWithPath: sig))
      let invalid = try QRXBinary.run(
        ["verify", "--pub", pk, "--in", message, "--sig", sig, "--context", "6578"] + alg)
      XCTAssertEqual(invalid.status, 1)
      XCTAssertTrue(invalid.stdout.isEmpty)
    }
    // A raw key without --alg, and a key of another algorithm, are refused with exit 2.
    let rawKey = path(dir, "sk.raw")
    XCTAssertEqual(try QRXBinary.run(["sign", "--key", rawKey, "--in", message, "--out", path(dir, "x")]).status, 2)
    let json = path(dir, "sk.json")
    XCTAssertEqual(
      try QRXBinary.run(["sign", "--key", json, "--alg", "ML-DSA-44", "--in", message, "--out", path(dir, "x")]).status,
      2)
  }

  func testMLKEMEncapsulateDecapsulateRoundTrip() throws {
    let dir = try temporaryDirectory(self)
    let dk = path(dir, "dk")
    let ek = path(dir, "ek")
    XCTAssertEqual(try QRXBinary.run(["keygen", "--alg", "ML-KEM-768", "--out", dk, "--pub", ek]).status, 0)
    let ct = path(dir, "ct")
    XCTAssertEqual(
      try QRXBinary.run(["encaps", "--pub", ek, "--alg", "ML-KEM-768", "--out", ct, "--secret", path(dir, "ss1")])
        .status, 0)
    XCTAssertEqual(
      try QRXBinary.run(["decaps", "--key", dk, "--alg", "ML-KEM-768", "--in", ct, "--secret", path(dir, "ss2")])
        .status, 0)
    let first = try Data(contentsOf: URL(fileURLWithPath: path(dir, "ss1")))
    XCTAssertEqual(first.count, 32)
    XCTAssertEqual(first, try Data(contentsOf: URL(fileURLWithPath: path(dir, "ss2"))))
    // A truncated ciphertext is bad input.
    try Data(try Data(contentsOf: URL(fileURLWithPath: ct)).dropLast()).write(to: URL(fileURLWithPath: ct))
    XCTAssertEqual(
      try QRXBinary.run(["decaps", "--key", dk, "--alg", "ML-KEM-768", "--in", ct, "--secret", path(dir, "ss3")])
        .status, 2)
  }

  /// CCTV keys with one unreduced coefficient through `qrx encaps`: every tenth key of each set
  /// (each is a process launch; `MLKEMSchemeTests` runs every key through the same scheme code).
  func testEncapsRefusesUnreducedKeysWithExit2() throws {
    let dir = try temporaryDirectory(self)
    for name in ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"] {
      let lines = try Vectors.gunzipLines(Vectors.shared("cctv/ml-kem/modulus/\(name).txt.gz"))
      XCTAssertGreaterThan(lines.count, 700)
      var checked = 0
      for index in stride(from: 0, to: lines.count, by: 10) {
        let key = path(dir, "ek")
        try Data(hexBytes(lines[index])).write(to: URL(fileURLWithPath: key))
        let run = try QRXBinary.run([
          "encaps", "--pub", key, "--alg", name, "--out", path(dir, "ct"), "--secret", path(dir, "ss"),
        ])
        XCTAssertEqual(run.status, 2, "\(name) line \(index + 1)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path(dir, "ss")), "no secret written for a refused key")
        checked += 1
      }
      XCTAssertGreaterThan(checked, 70)
    }
  }

  /// A raw Ed25519 private key is its seed, so `--seed 7b…` writes a raw key file that starts with
  /// `{`: it must be read as raw, not refused as a broken JSON file.
  func testRawKeyFileStartingWithABraceSignsAndVerifies() throws {
    let dir = try temporaryDirectory(self)
    let message = path(dir, "msg")
    try Data("hello".utf8).write(to: URL(fileURLWithPath: message))
    let sk = path(dir, "sk")
    let pk = path(dir, "pk")
    let sig = path(dir, "sig")
    let seed = "7b" + String(repeating: "a5", count: 31)
    XCTAssertEqual(
      try QRXBinary.run(["keygen", "--alg", "Ed25519", "--seed", seed, "--out", sk, "--pub", pk]).status, 0)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: sk)).first, UInt8(ascii: "{"))
    let signed = try QRXBinary.run(["sign", "--key", sk, "--alg", "Ed25519", "--in", message, "--out", sig])
    XCTAssertEqual(signed.status, 0, signed.stderr)
    XCTAssertEqual(
      try QRXBinary.run(["verify", "--pub", pk, "--alg", "Ed25519", "--in", message, "--sig", sig]).status, 0)
  }

  func testEd25519AndSecp256k1FromSeeds() throws {
    let dir = try temporaryDirectory(self)
    let message = path(dir, "msg")
    try Data("hello".utf8).write(to: URL(fileURLWithPath: message))
    for alg in ["Ed25519", "secp256k1-ECDSA", "secp256k1-Schnorr"] {
      let seed = String(repeating: "11", count: 32)
      let sk = path(dir, "\(alg).sk")
      let pk = path(dir, "\(alg).pk")
      XCTAssertEqual(
        try QRXBinary.run(["keygen", "--alg", alg, "--seed", seed, "--out", sk, "--pub", pk, "--format", "json"])
          .status,
        0, alg)
      let sig = path(dir, "\(alg).sig")
      XCTAssertEqual(try QRXBinary.run(["sign", "--key", sk, "--in", message, "--out", sig]).status, 0, alg)
      XCTAssertEqual(try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig]).status, 0, alg)
      XCTAssertEqual(try QRXBinary.run(["verify", "--pub", pk, "--in", sk, "--sig", sig]).status, 1, alg)
      // A short seed is bad usage.
      XCTAssertEqual(try QRXBinary.run(["keygen", "--alg", alg, "--seed", "11", "--out", sk]).status, 2, alg)
    }
  }
}
