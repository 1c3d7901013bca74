import QRXPrimitives
import XCTest

@testable import QRXCLI

/// The Falcon schemes as the command line sees them.
final class FalconSchemeTests: XCTestCase {
  private func scheme(_ name: String) throws -> any SignatureScheme {
    try XCTUnwrap(SchemeRegistry.signatureSchemes.first { $0.name == name })
  }

  func testBothParameterSetsAreRegistered() throws {
    XCTAssertEqual(try scheme("Falcon-512").seedByteCount, 32)
    XCTAssertNotNil(SchemeRegistry.scheme(named: "falcon-1024"))
  }

  func testSeededKeygenSignVerify() throws {
    for name in ["Falcon-512", "Falcon-1024"] {
      let s = try scheme(name)
      let seed = SecretBytes([UInt8](repeating: 0x42, count: 32))
      let a = try s.generateKey(seed: seed)
      let b = try s.generateKey(seed: seed)
      XCTAssertEqual(a.publicKey, b.publicKey, "\(name): seeded keygen is deterministic")
      XCTAssertEqual(try s.publicKey(fromPrivateKey: a.privateKey), a.publicKey)
      let message = Array("order 42".utf8)
      let signature = try s.sign(privateKey: a.privateKey, message: message, options: SignatureOptions())
      XCTAssertTrue(try s.verify(publicKey: a.publicKey, message: message, signature: signature, options: .init()))
      XCTAssertFalse(try s.verify(publicKey: a.publicKey, message: [1], signature: signature, options: .init()))
      XCTAssertFalse(try s.verify(publicKey: a.publicKey, message: message, signature: [0x39], options: .init()))
    }
  }

  func testMalformedKeysAreInputErrors() throws {
    let s = try scheme("Falcon-512")
    XCTAssertThrowsError(try s.verify(publicKey: [9, 1, 2], message: [], signature: [], options: .init())) { error in
      XCTAssertEqual((error as? CLIError)?.exitCode, 2)
    }
    XCTAssertThrowsError(try s.publicKey(fromPrivateKey: SecretBytes(zeroes: 1281))) { error in
      XCTAssertEqual((error as? CLIError)?.exitCode, 2)
    }
    XCTAssertThrowsError(try s.generateKey(seed: SecretBytes(zeroes: 31)))
  }
}
