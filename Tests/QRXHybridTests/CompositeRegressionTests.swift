import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// Regression vectors for the QRX composites (docs/FORMATS.md). These are NOT independent known
/// answers: they were generated once by this code (seed 00..1f, deterministic signing) and are
/// checked here so that any change to the QRX construction, labels or key derivation is caught.
final class CompositeRegressionTests: XCTestCase {
  private struct Vector {
    let name: String
    let sk: String
    let publicKeySHA256: String
    let publicKeyBytes: Int
    let signatureSHA256: String
    let signatureBytes: Int
  }

  private let vectors: [Vector] = [
    Vector(
      name: "QRX-MLDSA65-secp256k1-ECDSA-SHA512",
      sk:
        "c44c88d819b2a5399ec6f854392e54fd1ef95d2709d3eb04cd7db0489512a6766d75f1362bcf99e5de7b00b84c96a5db1e51b5692357c56997f3dd7441122d06",
      publicKeySHA256: "f103380df78c12baee82dcb0710f075ea0d518a07784e7aeee6287ce8c6be2ff", publicKeyBytes: 1985,
      signatureSHA256: "fbd6da1c9068dc554e25a88a22f37e307c14fc602af4c24d7db2dc84a36901d6", signatureBytes: 3373),
    Vector(
      name: "QRX-MLDSA87-secp256k1-ECDSA-SHA512",
      sk:
        "51ea24e6e60e9c13f7044eeca6235175510e370445f60db2b153358a4ec21395d5f32974e9f7144a0c5ed75bfb796b525724ac919279df27627127ff3fafb9e8",
      publicKeySHA256: "a39957d0834d27c73b4178fb8f86825569facf6547d2dedb011fb9445a21ea64", publicKeyBytes: 2625,
      signatureSHA256: "bb0f2b98a310123631c97c12a359ca8864ee3bae44cf9ee58f52dc5c9c4d6c98", signatureBytes: 4691),
    Vector(
      name: "QRX-MLDSA65-secp256k1-Schnorr-SHA512",
      sk:
        "9153b21097bff6d611a4270732a94c35b6e7d6952c0b1ba9f54ca965c511daa415babd2898d3bbc72c21fa6f2b78ba7dd59b114f6555c9ec84dc43e337430a2b",
      publicKeySHA256: "f9b6cc6452dc2cae8c7cac25a8dd213f7ce34edff017aa3422d0f73d8a3e1261", publicKeyBytes: 1984,
      signatureSHA256: "4f49413b3a0fa5c1428db21282aff0a4e4a7f236b0dc625cc3eba7115483fd6e", signatureBytes: 3373),
    Vector(
      name: "QRX-SLHDSA-SHA2-128s-Ed25519-SHA512",
      sk:
        "399c3d57cbe9fb8535299c95301344ddd121ad5f9023c5906afdfdc193807504de3b90e6381d66096f2aa04ca23c514df770ac76b07672c88018f80bc0c7553d329f2ab52e0103296ae379c3491939486e2cf6ee7706323462fe57620d78e0d6",
      publicKeySHA256: "b9ef3e2f52e01e0626f76b5b7fe08b800b56c53d4796aa6b64ee2d2b4d536412", publicKeyBytes: 64,
      signatureSHA256: "639a4cef2312410894ef90070fed9924e23493249d7a80bbe56aca79575b3d30", signatureBytes: 7920),
  ]

  func testQRXCompositesReproduceTheirPublishedVectors() throws {
    let seed = SecretBytes(Array(0..<32))
    let message = Array("QRX composite regression vector".utf8)
    for vector in vectors {
      let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named(vector.name))
      let key = try CompositeSignature.PrivateKey(algorithm: algorithm, seed: seed)
      XCTAssertEqual(hexString(try key.rawRepresentation.copyBytes()), vector.sk, vector.name)
      let publicKey = try key.publicKey.rawRepresentation
      XCTAssertEqual(publicKey.count, vector.publicKeyBytes, vector.name)
      XCTAssertEqual(hexString(SHA2.hash(.sha256, publicKey)), vector.publicKeySHA256, vector.name)
      let signature = try key.signature(for: message, deterministic: true)
      XCTAssertEqual(signature.count, vector.signatureBytes, vector.name)
      XCTAssertEqual(hexString(SHA2.hash(.sha256, signature)), vector.signatureSHA256, vector.name)
      XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message), vector.name)
    }
  }
}
