import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXCLI

/// The composite signature schemes as the command line sees them, and a few runs of `qrx`.
final class CompositeSchemeTests: XCTestCase {
  /// The 18 names of draft-ietf-lamps-pq-composite-sigs-19 (Section 7, without `id-`).
  private static let draftNames = [
    "MLDSA44-RSA2048-PSS-SHA256", "MLDSA44-RSA2048-PKCS15-SHA256", "MLDSA44-Ed25519-SHA512",
    "MLDSA44-ECDSA-P256-SHA256", "MLDSA65-RSA3072-PSS-SHA512", "MLDSA65-RSA3072-PKCS15-SHA512",
    "MLDSA65-RSA4096-PSS-SHA512", "MLDSA65-RSA4096-PKCS15-SHA512", "MLDSA65-ECDSA-P256-SHA512",
    "MLDSA65-ECDSA-P384-SHA512", "MLDSA65-ECDSA-brainpoolP256r1-SHA512", "MLDSA65-Ed25519-SHA512",
    "MLDSA87-ECDSA-P384-SHA512", "MLDSA87-ECDSA-brainpoolP384r1-SHA512", "MLDSA87-Ed448-SHAKE256",
    "MLDSA87-RSA3072-PSS-SHA512", "MLDSA87-RSA4096-PSS-SHA512", "MLDSA87-ECDSA-P521-SHA512",
  ]

  /// The QRX combinations of docs/FORMATS.md.
  private static let qrxNames = [
    "QRX-MLDSA65-secp256k1-ECDSA-SHA512", "QRX-MLDSA87-secp256k1-ECDSA-SHA512",
    "QRX-MLDSA65-secp256k1-Schnorr-SHA512", "QRX-MLDSA87-secp256k1-Schnorr-SHA512", "QRX-MLDSA87-Ed25519-SHA512",
    "QRX-MLDSA87-ECDSA-P256-SHA512", "QRX-SLHDSA-SHA2-128s-Ed25519-SHA512",
    "QRX-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512", "QRX-Falcon512-Ed25519-SHA512",
    "QRX-Falcon512-secp256k1-ECDSA-SHA512",
  ]

  private static let allNames = draftNames + qrxNames
  private static let seededNames = allNames.filter { !$0.contains("RSA") }

  private func scheme(_ name: String) throws -> any SignatureScheme {
    try XCTUnwrap(SchemeRegistry.signatureSchemes.first { $0.name == name }, name)
  }

  private func assertExit2(_ body: @autoclosure () throws -> some Any, _ what: String, line: UInt = #line) {
    XCTAssertThrowsError(try body(), what, line: line) { error in
      XCTAssertEqual((error as? CLIError)?.exitCode, 2, "\(what): \(error)", line: line)
    }
  }

  func testEveryCompositeNameIsRegistered() throws {
    XCTAssertEqual(Self.allNames.count, 28)
    XCTAssertEqual(Self.seededNames.count, 20)
    // Nothing registered beyond the names written out here.
    let registered = SchemeRegistry.signatureSchemes.map(\.name).filter { $0.contains("MLDSA") || $0.contains("QRX-") }
    XCTAssertEqual(Set(registered), Set(Self.allNames))
    for name in Self.allNames {
      let s = try scheme(name)
      XCTAssertEqual(s.seedByteCount, name.contains("RSA") ? nil : 32, name)
      XCTAssertNotNil(SchemeRegistry.scheme(named: name.lowercased()), name)
      XCTAssertTrue(s.supportedSignatureOptions.contains("context"), name)
      XCTAssertEqual(s.supportedSignatureOptions.contains("deterministic"), !name.contains("Falcon"), name)
    }
  }

  /// Seeded keygen → sign → verify for every non-RSA composite; a wrong message, a wrong context
  /// and a malformed signature are negative answers.
  func testSeededKeygenSignVerifyForEveryNonRSAComposite() throws {
    let message = Array("withdraw 0.5 BTC to bc1q…".utf8)
    let context = Array("qrx-cli-test".utf8)
    for name in Self.seededNames {
      let s = try scheme(name)
      let seed = SecretBytes(Array(0..<32))
      let key = try s.generateKey(seed: seed)
      XCTAssertEqual(try s.generateKey(seed: seed).publicKey, key.publicKey, "\(name): seeded keygen is deterministic")
      XCTAssertEqual(try s.publicKey(fromPrivateKey: key.privateKey), key.publicKey, name)
      let options = SignatureOptions(context: context)
      let signature = try s.sign(privateKey: key.privateKey, message: message, options: options)
      XCTAssertTrue(
        try s.verify(publicKey: key.publicKey, message: message, signature: signature, options: options), name)
      XCTAssertFalse(
        try s.verify(publicKey: key.publicKey, message: message + [1], signature: signature, options: options),
        "\(name): wrong message")
      XCTAssertFalse(
        try s.verify(publicKey: key.publicKey, message: message, signature: signature, options: SignatureOptions()),
        "\(name): wrong context")
      XCTAssertFalse(
        try s.verify(
          publicKey: key.publicKey, message: message, signature: Array(signature.dropLast()), options: options),
        "\(name): truncated signature")
      XCTAssertFalse(
        try s.verify(publicKey: key.publicKey, message: message, signature: [], options: options), "\(name): empty")
      var flipped = signature
      flipped[flipped.count / 2] ^= 0x80
      XCTAssertFalse(
        try s.verify(publicKey: key.publicKey, message: message, signature: flipped, options: options),
        "\(name): flipped bit")
    }
  }

  func testOneRSACompositeRoundTrip() throws {
    let s = try scheme("MLDSA44-RSA2048-PSS-SHA256")
    assertExit2(try s.generateKey(seed: SecretBytes(zeroes: 32)), "RSA composites take no seed")
    let key = try s.generateKey(seed: nil)
    XCTAssertEqual(try s.publicKey(fromPrivateKey: key.privateKey), key.publicKey)
    let message = Array("rsa composite".utf8)
    let signature = try s.sign(privateKey: key.privateKey, message: message, options: SignatureOptions())
    XCTAssertTrue(try s.verify(publicKey: key.publicKey, message: message, signature: signature, options: .init()))
    XCTAssertFalse(try s.verify(publicKey: key.publicKey, message: [], signature: signature, options: .init()))
    XCTAssertFalse(
      try s.verify(
        publicKey: key.publicKey, message: message, signature: signature, options: SignatureOptions(context: [1])))
  }

  /// Malformed keys and seeds are bad input (exit 2); so are options a scheme cannot honour.
  func testMalformedKeysAreInputErrors() throws {
    for name in ["MLDSA65-Ed25519-SHA512", "QRX-Falcon512-Ed25519-SHA512", "QRX-Falcon512-secp256k1-ECDSA-SHA512"] {
      let s = try scheme(name)
      let key = try s.generateKey(seed: SecretBytes([UInt8](repeating: 7, count: 32)))
      let signature = try s.sign(privateKey: key.privateKey, message: [1], options: .init())
      assertExit2(
        try s.verify(publicKey: Array(key.publicKey.dropLast()), message: [1], signature: signature, options: .init()),
        "\(name): short public key")
      assertExit2(
        try s.verify(publicKey: key.publicKey + [0], message: [1], signature: signature, options: .init()),
        "\(name): long public key")
      assertExit2(try s.verify(publicKey: [], message: [1], signature: signature, options: .init()), "\(name): empty")
      var badPrivate = key.privateKey.copyBytes()
      badPrivate[0] ^= 0xFF
      let truncated = SecretBytes(Array(badPrivate.dropLast()))
      assertExit2(try s.publicKey(fromPrivateKey: truncated), "\(name): short private key")
      assertExit2(
        try s.sign(privateKey: SecretBytes(zeroes: 3), message: [1], options: .init()), "\(name): tiny private key")
      assertExit2(try s.generateKey(seed: SecretBytes(zeroes: 31)), "\(name): short seed")
      assertExit2(
        try s.sign(
          privateKey: key.privateKey, message: [1],
          options: SignatureOptions(context: [UInt8](repeating: 0, count: 256))),
        "\(name): context over 255 bytes")
      assertExit2(
        try s.sign(privateKey: key.privateKey, message: [1], options: SignatureOptions(prehash: "sha256")),
        "\(name): --prehash")
    }
    // Falcon composites refuse --deterministic (Falcon signing is randomized).
    let falcon = try scheme("QRX-Falcon512-Ed25519-SHA512")
    let key = try falcon.generateKey(seed: nil)
    assertExit2(
      try falcon.sign(privateKey: key.privateKey, message: [1], options: SignatureOptions(deterministic: true)),
      "Falcon composite --deterministic")
  }

  // MARK: - The real binary

  private func path(_ directory: URL, _ name: String) -> String { directory.appendingPathComponent(name).path }

  func testBinaryPEMKeygenSignVerifyAndTamper() throws {
    let dir = try temporaryDirectory(self)
    let message = path(dir, "msg")
    try Data("transfer 10 BTC".utf8).write(to: URL(fileURLWithPath: message))
    let sk = path(dir, "sk.pem")
    let pk = path(dir, "pk.pem")
    let sig = path(dir, "sig")
    let keygen = try QRXBinary.run([
      "keygen", "--alg", "MLDSA65-Ed25519-SHA512", "--format", "pem", "--out", sk, "--pub", pk,
    ])
    XCTAssertEqual(keygen.status, 0, keygen.stderr)
    XCTAssertTrue(try String(contentsOfFile: pk, encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----"))
    let sign = try QRXBinary.run(["sign", "--key", sk, "--in", message, "--out", sig, "--context", "0a0b"])
    XCTAssertEqual(sign.status, 0, sign.stderr)
    let valid = try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig, "--context", "0a0b"])
    XCTAssertEqual(valid.status, 0, valid.stderr)
    XCTAssertEqual(try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig]).status, 1, "no context")
    var tampered = try Data(contentsOf: URL(fileURLWithPath: sig))
    tampered[tampered.count - 1] ^= 1  // in the Ed25519 half
    try tampered.write(to: URL(fileURLWithPath: sig))
    let invalid = try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig, "--context", "0a0b"])
    XCTAssertEqual(invalid.status, 1, invalid.stderr)
  }

  func testBinaryFalconCompositeFromSeed() throws {
    let dir = try temporaryDirectory(self)
    let message = path(dir, "msg")
    try Data("order 7".utf8).write(to: URL(fileURLWithPath: message))
    let alg = "QRX-Falcon512-secp256k1-ECDSA-SHA512"
    let sk = path(dir, "sk.json")
    let pk = path(dir, "pk.json")
    let sig = path(dir, "sig")
    let seed = String(repeating: "5a", count: 32)
    let keygen = try QRXBinary.run([
      "keygen", "--alg", alg, "--seed", seed, "--format", "json", "--out", sk, "--pub", pk,
    ])
    XCTAssertEqual(keygen.status, 0, keygen.stderr)
    XCTAssertEqual(try QRXBinary.run(["sign", "--key", sk, "--in", message, "--out", sig]).status, 0)
    XCTAssertEqual(try QRXBinary.run(["verify", "--pub", pk, "--in", message, "--sig", sig]).status, 0)
    XCTAssertEqual(try QRXBinary.run(["verify", "--pub", pk, "--in", sk, "--sig", sig]).status, 1, "other message")
    // No OID: PEM is refused; Falcon has no deterministic signing.
    XCTAssertEqual(
      try QRXBinary.run(["keygen", "--alg", alg, "--format", "pem", "--out", path(dir, "x.pem")]).status, 2)
    XCTAssertEqual(
      try QRXBinary.run(["sign", "--key", sk, "--in", message, "--out", sig, "--deterministic"]).status, 2)
  }

  func testBinaryAlgorithmsJSONListsEveryComposite() throws {
    let run = try QRXBinary.run(["algorithms", "--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    var rows: [String: [String: Any]] = [:]
    for line in run.text.split(separator: "\n") {
      let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      if let name = object["name"] as? String { rows[name] = object }
    }
    for name in Self.allNames {
      let row = try XCTUnwrap(rows[name], "\(name) listed")
      XCTAssertEqual(row["kind"] as? String, "signature", name)
      XCTAssertEqual(row["hybrid"] as? Bool, true, name)
      XCTAssertEqual(row["implemented"] as? Bool, true, name)
    }
    XCTAssertEqual(rows["MLDSA65-Ed25519-SHA512"]?["oid"] as? String, "1.3.6.1.5.5.7.6.48")
    XCTAssertEqual(rows["QRX-Falcon512-Ed25519-SHA512"]?["status"] as? String, "experimental")
  }
}
