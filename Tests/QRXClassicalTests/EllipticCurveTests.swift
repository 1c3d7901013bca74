import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

private func leftPad(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
  let trimmed = Array(bytes.drop(while: { $0 == 0 }))
  return [UInt8](repeating: 0, count: max(0, count - trimmed.count)) + trimmed
}

final class EllipticCurveTests: XCTestCase {
  /// NIST CAVS `SigVer.rsp` (FIPS 186-3, cryptography-vectors) for the curve–hash pairs QRX uses:
  /// P-256/SHA-256, P-384/SHA-384, P-521/SHA-512. 15 cases each.
  func testECDSANISTSigVer() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/ECDSA/FIPS_186-3/SigVer.rsp")
    var tally = SuiteTally("NIST SigVer.rsp (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512)")
    for record in try rspRecords(url) {
      guard let message = record["Msg"], let qx = record["Qx"], let qy = record["Qy"], let r = record["R"],
        let s = record["S"], let result = record["Result"], let section = record["["]
      else { continue }
      let expected = result.hasPrefix("P")
      let signature = TestDER.ecdsaSignature(r: hexInteger(r), s: hexInteger(s))
      func verify<C: WeierstrassCurve>(_ curve: C.Type) -> Bool {
        let point = [4] + leftPad(hexInteger(qx), C.scalarByteCount) + leftPad(hexInteger(qy), C.scalarByteCount)
        guard let key = try? ECDSA<C>.PublicKey(rawRepresentation: point) else { return false }
        return key.isValidSignature(signature, for: hexBytes(message))
      }
      let ok: Bool
      switch section {
      case "[P-256,SHA-256]": ok = verify(P256.self)
      case "[P-384,SHA-384]": ok = verify(P384.self)
      case "[P-521,SHA-512]": ok = verify(P521.self)
      default: continue
      }
      tally.check(ok == expected, "\(section) Result=\(result): got \(ok)")
    }
    XCTAssertEqual(tally.total, 45)
    tally.report()
  }

  /// RFC 7027 brainpool ECDH vectors (cryptography-vectors `ECDH/brainpool.txt`) for
  /// brainpoolP256r1 and brainpoolP384r1: public keys from private keys, and the shared x coordinate.
  func testBrainpoolECDHRFC7027() throws {
    let url = try Vectors.pypi("cryptography_vectors/asymmetric/ECDH/brainpool.txt")
    var tally = SuiteTally("RFC 7027 brainpool ECDH")
    for record in try rspRecords(url) {
      guard let curve = record["curve"], let dA = record["dA"], let dB = record["dB"], let z = record["x_Z"] else {
        continue
      }
      let qA = hexBytes("04" + (record["x_qA"] ?? "") + (record["y_qA"] ?? ""))
      let qB = hexBytes("04" + (record["x_qB"] ?? "") + (record["y_qB"] ?? ""))
      func run<C: WeierstrassCurve>(_ c: C.Type) throws {
        let a = try ECDH<C>.PrivateKey(rawRepresentation: SecretBytes(hexBytes(dA)))
        let b = try ECDH<C>.PrivateKey(rawRepresentation: SecretBytes(hexBytes(dB)))
        let ab = try a.sharedSecretFromKeyAgreement(with: ECDH<C>.PublicKey(rawRepresentation: qB)).copyBytes()
        let ba = try b.sharedSecretFromKeyAgreement(with: ECDH<C>.PublicKey(rawRepresentation: qA)).copyBytes()
        tally.check(
          a.publicKey.rawRepresentation == qA && b.publicKey.rawRepresentation == qB && ab == hexBytes(z)
            && ba == hexBytes(z), curve)
      }
      switch curve {
      case "brainpoolP256r1": try run(BrainpoolP256r1.self)
      case "brainpoolP384r1": try run(BrainpoolP384r1.self)
      default: continue
      }
    }
    XCTAssertEqual(tally.total, 2)
    tally.report()
  }

  private func roundTrip<C: WeierstrassCurve>(_ curve: C.Type) throws {
    let key = try ECDSA<C>.PrivateKey()
    XCTAssertEqual(key.rawRepresentation.count, C.scalarByteCount)
    XCTAssertEqual(key.publicKey.rawRepresentation.count, 1 + 2 * C.scalarByteCount)
    let message = Array("ECDSA \(C.name)".utf8)
    let signature = try key.signature(for: message)
    XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message), C.name)
    XCTAssertFalse(key.publicKey.isValidSignature(signature, for: []), C.name)
    XCTAssertFalse(key.publicKey.isValidSignature(signature + [0], for: message), C.name)
    XCTAssertFalse(key.publicKey.isValidSignature([], for: message), C.name)
    let raw = try ECDSASignatureCodec.raw(fromDER: signature, scalarByteCount: C.scalarByteCount)
    XCTAssertEqual(raw.count, 2 * C.scalarByteCount)
    XCTAssertEqual(try ECDSASignatureCodec.der(fromRaw: raw), signature)
    // Reload from the scalar and from the SPKI; compressed points are accepted and written uncompressed.
    let again = try ECDSA<C>.PrivateKey(rawRepresentation: key.rawRepresentation)
    XCTAssertEqual(again.publicKey.rawRepresentation, key.publicKey.rawRepresentation)
    let spki = try key.publicKey.derRepresentation
    XCTAssertEqual(try ECDSA<C>.PublicKey(derRepresentation: spki).rawRepresentation, key.publicKey.rawRepresentation)
    let q = key.publicKey.rawRepresentation
    let compressed = [2 | (q.last! & 1)] + q[1...C.scalarByteCount]
    XCTAssertEqual(try ECDSA<C>.PublicKey(rawRepresentation: compressed).rawRepresentation, q)
    var offCurve = q
    offCurve[offCurve.count - 1] ^= 1
    XCTAssertThrowsError(try ECDSA<C>.PublicKey(rawRepresentation: offCurve)) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    // ECDH agrees both ways.
    let a = try ECDH<C>.PrivateKey()
    let b = try ECDH<C>.PrivateKey(rawRepresentation: key.rawRepresentation)
    let ab = try a.sharedSecretFromKeyAgreement(with: b.publicKey)
    let ba = try b.sharedSecretFromKeyAgreement(with: a.publicKey)
    XCTAssertTrue(ab.constantTimeEquals(ba))
    XCTAssertEqual(ab.count, C.scalarByteCount)
  }

  func testAllCurvesRoundTrip() throws {
    try roundTrip(P256.self)
    try roundTrip(P384.self)
    try roundTrip(P521.self)
    try roundTrip(BrainpoolP256r1.self)
    try roundTrip(BrainpoolP384r1.self)
  }

  /// Scalars 0, n and above are refused; n − 1 is the largest accepted (P-256 order from SP 800-186).
  func testScalarRange() throws {
    let n = hexBytes("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")
    var nMinusOne = n
    nMinusOne[31] -= 1
    XCTAssertNoThrow(try ECDSA<P256>.PrivateKey(rawRepresentation: SecretBytes(nMinusOne)))
    for bad in [n, [UInt8](repeating: 0, count: 32), [UInt8](repeating: 0xFF, count: 32), [1, 2, 3]] {
      XCTAssertThrowsError(try ECDSA<P256>.PrivateKey(rawRepresentation: SecretBytes(bad))) {
        guard case ClassicalError.invalidPrivateKey = $0 else { return XCTFail("wrong error \($0)") }
      }
    }
  }

  func testWrongCurveAndMalformedKeys() throws {
    let p384 = try ECDSA<P384>.PrivateKey().publicKey
    XCTAssertThrowsError(try ECDSA<P256>.PublicKey(rawRepresentation: p384.rawRepresentation))
    XCTAssertThrowsError(try ECDSA<P256>.PublicKey(derRepresentation: p384.derRepresentation)) {
      guard case ClassicalError.invalidPublicKey = $0 else { return XCTFail("wrong error \($0)") }
    }
    XCTAssertThrowsError(try ECDH<P256>.PublicKey(rawRepresentation: [0]))
    XCTAssertThrowsError(try ECDH<P256>.PublicKey(rawRepresentation: [4] + [UInt8](repeating: 0, count: 64)))
    XCTAssertThrowsError(try ECDSASignatureCodec.raw(fromDER: [0x30, 0x02, 0x02, 0x00], scalarByteCount: 32))
    XCTAssertThrowsError(try ECDSASignatureCodec.der(fromRaw: [1, 2, 3]))
  }
}
