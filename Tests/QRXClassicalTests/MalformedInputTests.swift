import QRXClassical
import QRXPrimitives
import XCTest

/// Outside bytes of every length and shape: decoders throw typed errors and verifiers say
/// false; nothing traps. Inputs come from a fixed-seed generator, so every run is the same.
final class MalformedInputTests: XCTestCase {
  /// xorshift64*: a deterministic byte stream for test inputs (not for cryptography).
  private struct TestBytes {
    var state: UInt64
    mutating func next(_ count: Int) -> [UInt8] {
      (0..<count).map { _ in
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56)
      }
    }
  }

  private func isTyped(_ body: () throws -> Void) -> Bool {
    do {
      try body()
      return true  // accepted: fine for inputs that happen to be valid (e.g. any 32 bytes for X25519)
    } catch is ClassicalError {
      return true
    } catch {
      return false
    }
  }

  func testDecodersAndVerifiersNeverTrap() throws {
    var random = TestBytes(state: 0x5152_5853_7769_6674)
    let ed = try Ed25519.PrivateKey()
    let k1 = try Secp256k1.ECDSA.PrivateKey()
    let schnorr = try Secp256k1.Schnorr.PrivateKey()
    let p256 = try ECDSA<P256>.PrivateKey()
    let p521 = try ECDSA<P521>.PrivateKey()
    let rsa = try RSASignature<RSA2048, PSSSHA256>.PrivateKey()
    let message: [UInt8] = [1, 2, 3]
    let lengths = [0, 1, 2, 31, 32, 33, 56, 57, 64, 65, 66, 67, 71, 72, 114, 133, 256, 300, 1200]
    for length in lengths {
      for round in 0..<8 {
        var bytes = random.next(length)
        // Give some inputs a plausible first byte so the parsers get past their first check.
        if round % 2 == 1, !bytes.isEmpty { bytes[0] = [0x02, 0x03, 0x04, 0x30][round / 2 % 4] }
        let secret = SecretBytes(bytes)
        XCTAssertTrue(isTyped { _ = try Ed25519.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try Ed25519.PublicKey(derRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try Ed448.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try X25519.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try X448.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try Secp256k1.ECDSA.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try Secp256k1.ECDSA.PublicKey(derRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try Secp256k1.Schnorr.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try Secp256k1.KeyAgreement.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try ECDSA<P256>.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try ECDSA<P384>.PublicKey(derRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try ECDH<P521>.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try ECDH<BrainpoolP256r1>.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try RSASignature<RSA2048, PSSSHA256>.PublicKey(rawRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try RSASignature<RSA2048, PSSSHA256>.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try RSAOAEP<RSA2048>.PrivateKey(rawRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try ECDSA<P256>.PrivateKey(sec1DERRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try ECDH<P521>.PrivateKey(sec1DERRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try RSASignature<RSA2048, PSSSHA384>.PublicKey(pkcs1DERRepresentation: bytes) })
        XCTAssertTrue(isTyped { _ = try RSASignature<RSA2048, PKCS1SHA384>.PrivateKey(pkcs1DERRepresentation: secret) })
        XCTAssertTrue(isTyped { _ = try ECDSASignatureCodec.raw(fromDER: bytes, scalarByteCount: 32) })
        XCTAssertTrue(isTyped { _ = try ECDSASignatureCodec.der(fromRaw: bytes) })
        XCTAssertFalse(ed.publicKey.isValidSignature(bytes, for: message))
        XCTAssertFalse(k1.publicKey.isValidSignature(bytes, for: message))
        XCTAssertFalse(k1.publicKey.isValidDERSignature(bytes, for: message))
        XCTAssertFalse(schnorr.publicKey.isValidSignature(bytes, for: message))
        XCTAssertFalse(p256.publicKey.isValidSignature(bytes, for: message))
        XCTAssertFalse(p521.publicKey.isValidSignature(bytes, for: message))
        XCTAssertFalse(rsa.publicKey.isValidSignature(bytes, for: message))
        XCTAssertTrue(
          isTyped { _ = try RSAOAEP<RSA2048>.PrivateKey(rawRepresentation: rsa.rawRepresentation).decrypt(bytes) })
      }
    }
    let text = String(decoding: random.next(200).map { $0 & 0x7F }, as: UTF8.self)
    XCTAssertTrue(isTyped { _ = try RSASignature<RSA2048, PSSSHA256>.PublicKey(pemRepresentation: text) })
    XCTAssertTrue(
      isTyped {
        _ = try RSASignature<RSA2048, PSSSHA256>.PrivateKey(
          pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
      })
  }
}
