import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

/// Keys generated once per run (RSA key generation is slow), shared by the round-trip tests.
private let key2048 = Result { try RSASignature<RSA2048, PSSSHA256>.PrivateKey() }
private let key4096 = Result { try RSASignature<RSA4096, PSSSHA256>.PrivateKey() }

final class RSATests: XCTestCase {
  private func wycheproofPSS<Padding: RSASignaturePadding>(_ file: String, _ padding: Padding.Type) throws {
    var tally = SuiteTally("wycheproof \(file)")
    for test in try wycheproofCases(file) {
      let key = try RSASignature<RSA4096, Padding>.PublicKey(
        rawRepresentation: hexBytes(test.group["publicKeyDer"] as? String ?? ""))
      let ok = key.isValidSignature(test.bytes("sig"), for: test.bytes("msg"))
      tally.check(ok == test.isValid, "\(test.label): got \(ok)")
    }
    tally.report()
  }

  /// Wycheproof `rsa_pss_4096_sha256_mgf1_32_test.json` (no acceptable cases).
  func testPSS4096SHA256Wycheproof() throws {
    try wycheproofPSS("rsa_pss_4096_sha256_mgf1_32_test.json", PSSSHA256.self)
  }

  /// Wycheproof `rsa_pss_4096_sha512_mgf1_64_test.json` (no acceptable cases).
  func testPSS4096SHA512Wycheproof() throws {
    try wycheproofPSS("rsa_pss_4096_sha512_mgf1_64_test.json", PSSSHA512.self)
  }

  /// NIST CAVS `SigVer15_186-3.rsp` (cryptography-vectors): RSASSA-PKCS1-v1_5 verification with
  /// SHA-256 and SHA-512 for 2048-, 3072- and 4096-bit moduli.
  func testPKCS1NISTSigVer() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/RSA/FIPS_186-2/SigVer15_186-3.rsp")
    var tally = SuiteTally("NIST SigVer15_186-3 (PKCS#1 v1.5, SHA-256/512, 2048-4096)")
    var n: [UInt8] = []
    for record in try rspRecords(url) {
      if let modulus = record["n"] { n = hexBytes(modulus) }
      guard let hash = record["SHAAlg"], let e = record["e"], let message = record["Msg"], let s = record["S"],
        let result = record["Result"]
      else { continue }
      let spki = TestDER.rsaPublicKey(n: n, e: hexBytes(e))
      let expected = result.hasPrefix("P")
      let signature = hexBytes(s)
      let ok: Bool
      switch (n.count * 8, hash) {
      case (2048, "SHA256"):
        ok = try RSASignature<RSA2048, PKCS1SHA256>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      case (2048, "SHA512"):
        ok = try RSASignature<RSA2048, PKCS1SHA512>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      case (3072, "SHA256"):
        ok = try RSASignature<RSA3072, PKCS1SHA256>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      case (3072, "SHA512"):
        ok = try RSASignature<RSA3072, PKCS1SHA512>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      case (4096, "SHA256"):
        ok = try RSASignature<RSA4096, PKCS1SHA256>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      case (4096, "SHA512"):
        ok = try RSASignature<RSA4096, PKCS1SHA512>.PublicKey(rawRepresentation: spki)
          .isValidSignature(signature, for: hexBytes(message))
      default:
        continue
      }
      tally.check(ok == expected, "n=\(n.count * 8) \(hash) Result=\(result): got \(ok)")
    }
    XCTAssertEqual(tally.total, 6 * 18, "18 cases for each of the six (size, hash) pairs")
    tally.report()
  }

  /// cryptography-vectors `oaep-custom/oaep-sha256-sha256.txt`: RSAES-OAEP decryption with
  /// SHA-256/MGF1-SHA-256, 10 keys (2048-bit) × 6 messages.
  func testOAEPDecryptionVectors() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/RSA/oaep-custom/oaep-sha256-sha256.txt")
    let lines = try vectorLines(url)
    var tally = SuiteTally("cryptography-vectors OAEP SHA-256/MGF1-SHA-256")
    var fields: [String: [UInt8]] = [:]
    var inPrivateKey = false
    var key: RSAOAEP<RSA2048>.PrivateKey? = nil
    var message: [UInt8] = []
    var i = 0
    while i < lines.count {
      let line = lines[i]
      let next = i + 1 < lines.count && !lines[i + 1].hasPrefix("#") ? hexInteger(lines[i + 1]) : nil
      switch line {
      case "# Public key": inPrivateKey = false
      case "# Private key": inPrivateKey = true
      case "# Modulus:": if inPrivateKey, let next { fields["n"] = next }
      case "# Public exponent:": if let next { fields["e"] = next }
      case "# Exponent:": if inPrivateKey, let next { fields["d"] = next }
      case "# Prime 1:": if let next { fields["p"] = next }
      case "# Prime 2:": if let next { fields["q"] = next }
      case "# Prime exponent 1:": if let next { fields["dp"] = next }
      case "# Prime exponent 2:": if let next { fields["dq"] = next }
      case "# Coefficient:":
        if let next {
          let components = ["n", "e", "d", "p", "q", "dp", "dq"].map { fields[$0] ?? [] } + [next]
          key = try RSAOAEP<RSA2048>.PrivateKey(
            rawRepresentation: SecretBytes(TestDER.rsaPrivateKey(components)))
        }
      case "# Message:": if let next { message = next }
      case "# Encryption:":
        if let next, let key {
          let plain = try key.decrypt(next).copyBytes()
          let index = tally.total + 1
          tally.check(plain == message, "ciphertext \(index)")
        }
      default: break
      }
      i += 1
    }
    XCTAssertEqual(tally.total, 60)
    tally.report()
  }

  /// A private key whose CRT values disagree with n, e, d is refused at import, even though
  /// libcrypto would still sign with it (it falls back from CRT to d when the check fails).
  func testInconsistentPrivateKeyIsRefused() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/RSA/oaep-custom/oaep-sha256-sha256.txt")
    let lines = try vectorLines(url)
    // The first key's private components: n, e, d, p, q, dP, dQ, qInv follow "# Private key".
    let start = try XCTUnwrap(lines.firstIndex(of: "# Private key"))
    let components = (0..<8).map { hexInteger(lines[start + 2 + 2 * $0]) }
    XCTAssertNoThrow(try RSAOAEP<RSA2048>.PrivateKey(rawRepresentation: SecretBytes(TestDER.rsaPrivateKey(components))))
    for index in [3, 5, 6, 7] {  // p, dP, dQ, qInv
      var altered = components
      altered[index][altered[index].count - 1] ^= 0x02
      XCTAssertThrowsError(
        try RSAOAEP<RSA2048>.PrivateKey(rawRepresentation: SecretBytes(TestDER.rsaPrivateKey(altered)))
      ) {
        guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
      }
    }
  }

  func testSignVerifyRoundTripAllPaddings() throws {
    let key = try key2048.get()
    let der = key.rawRepresentation
    let message = Array("withdraw 1.5 ETH".utf8)
    func check<P: RSASignaturePadding>(_ padding: P.Type) throws {
      let signer = try RSASignature<RSA2048, P>.PrivateKey(rawRepresentation: der)
      let signature = try signer.signature(for: message)
      XCTAssertEqual(signature.count, 256, P.name)
      XCTAssertTrue(signer.publicKey.isValidSignature(signature, for: message), P.name)
      XCTAssertFalse(signer.publicKey.isValidSignature(signature, for: message + [0]), P.name)
      XCTAssertFalse(signer.publicKey.isValidSignature(Array(signature.dropFirst()), for: message), P.name)
      var flipped = signature
      flipped[100] ^= 0x40
      XCTAssertFalse(signer.publicKey.isValidSignature(flipped, for: message), P.name)
    }
    try check(PSSSHA256.self)
    try check(PSSSHA512.self)
    try check(PKCS1SHA256.self)
    try check(PKCS1SHA512.self)
    // A PSS signature is not a PKCS#1 v1.5 signature and vice versa.
    let pss = try RSASignature<RSA2048, PSSSHA256>.PrivateKey(rawRepresentation: der).signature(for: message)
    XCTAssertFalse(
      try RSASignature<RSA2048, PKCS1SHA256>.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        .isValidSignature(pss, for: message))
  }

  func testRSA4096PSSRoundTrip() throws {
    let key = try key4096.get()
    let signature = try key.signature(for: [1, 2, 3])
    XCTAssertEqual(signature.count, 512)
    let reloaded = try RSASignature<RSA4096, PSSSHA256>.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
    XCTAssertTrue(reloaded.isValidSignature(signature, for: [1, 2, 3]))
  }

  func testKeyEncodingsRoundTrip() throws {
    let key = try key2048.get()
    let again = try RSASignature<RSA2048, PSSSHA256>.PrivateKey(rawRepresentation: key.rawRepresentation)
    XCTAssertEqual(again.publicKey.rawRepresentation, key.publicKey.rawRepresentation)
    let pem = try key.pemRepresentation.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    XCTAssertTrue(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    let fromPEM = try RSASignature<RSA2048, PSSSHA256>.PrivateKey(pemRepresentation: pem)
    XCTAssertTrue(fromPEM.rawRepresentation.constantTimeEquals(key.rawRepresentation))
    let publicPEM = try key.publicKey.pemRepresentation
    XCTAssertTrue(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    XCTAssertEqual(
      try RSASignature<RSA2048, PSSSHA256>.PublicKey(pemRepresentation: publicPEM).rawRepresentation,
      key.publicKey.rawRepresentation)
    // The PEM label must match.
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PublicKey(pemRepresentation: pem))
  }

  func testWrongSizeAndMalformedKeysThrowTypedErrors() throws {
    let key = try key2048.get()
    XCTAssertThrowsError(
      try RSASignature<RSA4096, PSSSHA256>.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
    ) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try RSASignature<RSA3072, PKCS1SHA256>.PrivateKey(rawRepresentation: key.rawRepresentation)) {
      guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    var spki = key.publicKey.rawRepresentation
    for bad in [[], [0x30], Array(spki.dropLast()), spki + [0], [UInt8](repeating: 0x30, count: 300)] {
      XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PublicKey(rawRepresentation: bad)) {
        guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
      }
    }
    spki[spki.count - 1] ^= 1
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PublicKey(rawRepresentation: spki))  // even e
    var pkcs8 = key.rawRepresentation.copyBytes()
    pkcs8[pkcs8.count / 2] ^= 0xFF
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PrivateKey(rawRepresentation: SecretBytes(pkcs8))) {
      guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PrivateKey(rawRepresentation: SecretBytes([0x30, 0x00])))
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PrivateKey(pemRepresentation: "not pem"))
    // An Ed25519 key is not an RSA key.
    let ed = try Ed25519.PrivateKey().publicKey.derRepresentation
    XCTAssertThrowsError(try RSASignature<RSA2048, PSSSHA256>.PublicKey(rawRepresentation: ed))
  }

  func testOAEPRoundTripAndFailures() throws {
    let key = try RSAOAEP<RSA2048>.PrivateKey(rawRepresentation: key2048.get().rawRepresentation)
    let secret = [UInt8](repeating: 7, count: 32)
    let ciphertext = try key.publicKey.encrypt(secret)
    XCTAssertEqual(ciphertext.count, 256)
    XCTAssertEqual(try key.decrypt(ciphertext).copyBytes(), secret)
    var bad = ciphertext
    bad[5] ^= 1
    XCTAssertThrowsError(try key.decrypt(bad)) { XCTAssertEqual($0 as? ClassicalError, .decryptionFailure) }
    XCTAssertThrowsError(try key.decrypt(Array(ciphertext.dropLast()))) {
      XCTAssertEqual($0 as? ClassicalError, .decryptionFailure)
    }
    XCTAssertThrowsError(
      try key.publicKey.encrypt([UInt8](repeating: 0, count: RSAOAEP<RSA2048>.maximumMessageByteCount + 1)))
    XCTAssertNoThrow(try key.publicKey.encrypt([UInt8](repeating: 0, count: RSAOAEP<RSA2048>.maximumMessageByteCount)))
  }
}
