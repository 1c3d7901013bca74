import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXCLI

/// The classical schemes through the command line's protocols: names, seeds, exit-code classes.
final class ClassicalSchemeTests: XCTestCase {
  private func signatureScheme(_ name: String) throws -> any SignatureScheme {
    try XCTUnwrap(SchemeRegistry.scheme(named: name) as? any SignatureScheme, "\(name) is not registered")
  }

  func testEveryNamedSchemeIsRegistered() throws {
    let names = [
      "Ed25519", "Ed448", "secp256k1-ECDSA", "secp256k1-Schnorr", "ECDSA-P256", "ECDSA-P384", "ECDSA-P521",
      "ECDSA-brainpoolP256r1", "ECDSA-brainpoolP384r1",
    ]
    let rsa = [2048, 3072, 4096].flatMap { bits in
      ["PSS", "PSS-SHA384", "PSS-SHA512", "PKCS1-SHA256", "PKCS1-SHA384", "PKCS1-SHA512"].map { "RSA-\(bits)-\($0)" }
    }
    for name in names + rsa { _ = try signatureScheme(name) }
    XCTAssertEqual(Set(SchemeRegistry.classicalSignatureSchemes.map(\.name)).count, names.count + rsa.count)
  }

  /// RFC 8032 Section 7.1, TEST 1: `--seed` is the Ed25519 seed.
  func testEd25519SeededKeygenSignVerify() throws {
    let scheme = try signatureScheme("Ed25519")
    XCTAssertEqual(scheme.seedByteCount, 32)
    let seed = SecretBytes(hexBytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    let (sk, pk) = try scheme.generateKey(seed: seed)
    XCTAssertEqual(pk, hexBytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
    XCTAssertTrue(sk.constantTimeEquals(seed))
    let signature = try scheme.sign(privateKey: sk, message: [], options: SignatureOptions())
    XCTAssertEqual(
      signature,
      hexBytes(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
      ))
    XCTAssertTrue(try scheme.verify(publicKey: pk, message: [], signature: signature, options: SignatureOptions()))
    XCTAssertFalse(try scheme.verify(publicKey: pk, message: [1], signature: signature, options: SignatureOptions()))
    XCTAssertFalse(try scheme.verify(publicKey: pk, message: [], signature: [1, 2], options: SignatureOptions()))
  }

  /// BIP-340 vector 0: `--seed` is the secp256k1 scalar; `--deterministic` uses an all-zero aux_rand.
  func testSchnorrSeededDeterministic() throws {
    let scheme = try signatureScheme("secp256k1-Schnorr")
    var three = [UInt8](repeating: 0, count: 32)
    three[31] = 3
    let (sk, pk) = try scheme.generateKey(seed: SecretBytes(three))
    XCTAssertEqual(pk, hexBytes("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9"))
    let signature = try scheme.sign(
      privateKey: sk, message: [UInt8](repeating: 0, count: 32), options: SignatureOptions(deterministic: true))
    XCTAssertEqual(
      signature,
      hexBytes(
        "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0"
      ))
  }

  func testMalformedInputIsExitTwoAndWrongSignatureIsFalse() throws {
    for name in ["Ed25519", "secp256k1-ECDSA", "ECDSA-P256", "RSA-2048-PSS"] {
      let scheme = try signatureScheme(name)
      XCTAssertThrowsError(
        try scheme.verify(publicKey: [1, 2, 3], message: [], signature: [], options: SignatureOptions())
      ) { XCTAssertEqual(($0 as? CLIError)?.exitCode, 2, name) }
      XCTAssertThrowsError(
        try scheme.sign(privateKey: SecretBytes([1, 2, 3]), message: [], options: SignatureOptions())
      ) { XCTAssertEqual(($0 as? CLIError)?.exitCode, 2, name) }
      // Zero is no scalar (Ed25519 seeds, though, may be any 32 bytes).
      if name != "Ed25519" {
        XCTAssertThrowsError(try scheme.publicKey(fromPrivateKey: SecretBytes(zeroes: 32))) {
          XCTAssertEqual(($0 as? CLIError)?.exitCode, 2, name)
        }
      }
    }
    let scheme = try signatureScheme("secp256k1-ECDSA")
    let (sk, pk) = try scheme.generateKey(seed: nil)
    XCTAssertEqual(pk.count, 33)
    XCTAssertEqual(try scheme.publicKey(fromPrivateKey: sk), pk)
    let signature = try scheme.sign(privateKey: sk, message: [9], options: SignatureOptions())
    XCTAssertEqual(signature.count, 64)
    XCTAssertTrue(try scheme.verify(publicKey: pk, message: [9], signature: signature, options: SignatureOptions()))
    XCTAssertFalse(try scheme.verify(publicKey: pk, message: [8], signature: signature, options: SignatureOptions()))
    XCTAssertFalse(
      try scheme.verify(publicKey: pk, message: [9], signature: signature + [0], options: SignatureOptions()))
  }

  func testUnsupportedOptionsAreUsageErrors() throws {
    let rsa = try signatureScheme("RSA-2048-PSS")
    XCTAssertNil(rsa.seedByteCount)
    XCTAssertThrowsError(try rsa.generateKey(seed: SecretBytes(zeroes: 32))) {
      XCTAssertEqual(($0 as? CLIError)?.exitCode, 2)
    }
    let ed = try signatureScheme("Ed25519")
    let (sk, _) = try ed.generateKey(seed: nil)
    XCTAssertThrowsError(try ed.sign(privateKey: sk, message: [], options: SignatureOptions(context: [1]))) {
      XCTAssertEqual(($0 as? CLIError)?.exitCode, 2)
    }
    let p256 = try signatureScheme("ECDSA-P256")
    let (p256Key, _) = try p256.generateKey(seed: nil)
    XCTAssertThrowsError(
      try p256.sign(privateKey: p256Key, message: [], options: SignatureOptions(deterministic: true)))
    XCTAssertThrowsError(try ed.generateKey(seed: SecretBytes(zeroes: 31))) {
      XCTAssertEqual(($0 as? CLIError)?.exitCode, 2)
    }
  }
}
