import QRXCLI
import QRXPrimitives
import QRXTestSupport
import XCTest

/// The SLH-DSA schemes as the command line sees them.
final class SLHDSASchemeTests: XCTestCase {
  private static let names = [
    "SLH-DSA-SHA2-128s", "SLH-DSA-SHAKE-128s", "SLH-DSA-SHA2-128f", "SLH-DSA-SHAKE-128f",
    "SLH-DSA-SHA2-192s", "SLH-DSA-SHAKE-192s", "SLH-DSA-SHA2-192f", "SLH-DSA-SHAKE-192f",
    "SLH-DSA-SHA2-256s", "SLH-DSA-SHAKE-256s", "SLH-DSA-SHA2-256f", "SLH-DSA-SHAKE-256f",
  ]

  private func scheme(_ name: String) throws -> any SignatureScheme {
    try XCTUnwrap(SchemeRegistry.scheme(named: name) as? any SignatureScheme, "\(name) is not registered")
  }

  /// All twelve sets are registered as signature schemes with their FIPS 205 names and options.
  func testAllTwelveSetsAreRegistered() throws {
    for name in Self.names {
      let s = try scheme(name)
      XCTAssertEqual(s.name, name)
      let n = name.hasSuffix("128s") || name.hasSuffix("128f") ? 16 : name.contains("192") ? 24 : 32
      XCTAssertEqual(s.seedByteCount, 3 * n, name)
      XCTAssertEqual(s.supportedSignatureOptions, ["context", "deterministic", "prehash"])
    }
  }

  /// `keygen --seed` reproduces the NIST ACVP key-generation answers (first case of each group).
  func testSeededKeyGenerationMatchesACVP() throws {
    let url = try Vectors.shared("acvp/slh-dsa/SLH-DSA-keyGen-FIPS205.internalProjection.json")
    let root = try XCTUnwrap(try Vectors.json(url) as? [String: Any])
    for group in try XCTUnwrap(root["testGroups"] as? [[String: Any]]) {
      let s = try scheme(try XCTUnwrap(group["parameterSet"] as? String))
      let test = try XCTUnwrap((group["tests"] as? [[String: Any]])?.first)
      let seed =
        hexBytes(test["skSeed"] as? String ?? "") + hexBytes(test["skPrf"] as? String ?? "")
        + hexBytes(test["pkSeed"] as? String ?? "")
      let (privateKey, publicKey) = try s.generateKey(seed: SecretBytes(seed))
      XCTAssertEqual(privateKey.copyBytes(), hexBytes(test["sk"] as? String ?? ""), s.name)
      XCTAssertEqual(publicKey, hexBytes(test["pk"] as? String ?? ""), s.name)
      XCTAssertEqual(try s.publicKey(fromPrivateKey: privateKey), publicKey, s.name)
    }
  }

  /// sign/verify with `--context`, `--deterministic` and `--prehash`.
  func testSignAndVerifyWithOptions() throws {
    let s = try scheme("SLH-DSA-SHA2-128f")
    let (privateKey, publicKey) = try s.generateKey(seed: SecretBytes([UInt8](repeating: 3, count: 48)))
    let message = Array("withdraw 1 ETH".utf8)
    let options = SignatureOptions(context: [0x51], deterministic: true)
    let signature = try s.sign(privateKey: privateKey, message: message, options: options)
    XCTAssertEqual(try s.sign(privateKey: privateKey, message: message, options: options), signature)
    XCTAssertTrue(try s.verify(publicKey: publicKey, message: message, signature: signature, options: options))
    XCTAssertFalse(try s.verify(publicKey: publicKey, message: message, signature: signature, options: .init()))
    XCTAssertFalse(try s.verify(publicKey: publicKey, message: message + [0], signature: signature, options: options))

    let preHashed = SignatureOptions(prehash: "sha256")
    let hedged = try s.sign(privateKey: privateKey, message: message, options: preHashed)
    XCTAssertTrue(try s.verify(publicKey: publicKey, message: message, signature: hedged, options: preHashed))
    XCTAssertFalse(try s.verify(publicKey: publicKey, message: message, signature: hedged, options: .init()))
  }

  /// Bad input is a typed error (exit 2); a bad signature is a negative answer, not an error.
  func testMalformedInputs() throws {
    let s = try scheme("SLH-DSA-SHAKE-128f")
    let (privateKey, publicKey) = try s.generateKey(seed: SecretBytes([UInt8](repeating: 9, count: 48)))
    XCTAssertThrowsError(try s.generateKey(seed: SecretBytes([UInt8](repeating: 9, count: 47)))) {
      XCTAssertEqual(($0 as? CLIError)?.exitCode, 2)
    }
    XCTAssertThrowsError(try s.publicKey(fromPrivateKey: SecretBytes([UInt8](repeating: 1, count: 63)))) {
      XCTAssertEqual(($0 as? CLIError)?.exitCode, 2)
    }
    XCTAssertThrowsError(
      try s.verify(publicKey: Array(publicKey.dropLast()), message: [], signature: [], options: .init())
    ) { XCTAssertEqual(($0 as? CLIError)?.exitCode, 2) }
    XCTAssertThrowsError(
      try s.sign(privateKey: privateKey, message: [], options: SignatureOptions(prehash: "md5"))
    ) { XCTAssertEqual(($0 as? CLIError)?.exitCode, 2) }
    XCTAssertThrowsError(
      try s.sign(
        privateKey: privateKey, message: [], options: SignatureOptions(context: [UInt8](repeating: 0, count: 256)))
    ) { XCTAssertEqual(($0 as? CLIError)?.exitCode, 2) }
    XCTAssertFalse(try s.verify(publicKey: publicKey, message: [], signature: [1, 2, 3], options: .init()))
  }
}
