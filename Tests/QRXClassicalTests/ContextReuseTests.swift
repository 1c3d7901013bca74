import Dispatch
import Foundation
import QRXClassical
import QRXPrimitives
import XCTest

/// Keys keep initialized libcrypto contexts in a pool: results must not depend on what the
/// previous operation on the same key was, nor on how many threads use the key at once.
final class ContextReuseTests: XCTestCase {
  private func exercise<A: ClassicalSignatureAlgorithm>(_ algorithm: A.Type, key: A.PrivateKey) throws {
    let messages = (0..<6).map { [UInt8](repeating: UInt8($0), count: $0 * 7) }
    let signatures = try messages.map { try key.signature(for: $0) }
    let publicKey = key.publicKey
    let independent = try A.PublicKey(rawRepresentation: publicKey.rawRepresentation)
    for (message, signature) in zip(messages, signatures) {
      XCTAssertTrue(publicKey.isValidSignature(signature, for: message), A.name)
      XCTAssertFalse(publicKey.isValidSignature(signature, for: message + [1]), A.name)
      XCTAssertFalse(publicKey.isValidSignature([0x30, 0x01, 0xFF], for: message), A.name)
      XCTAssertFalse(publicKey.isValidSignature([UInt8](repeating: 0xFF, count: signature.count), for: message), A.name)
      XCTAssertTrue(publicKey.isValidSignature(signature, for: message), A.name)
      XCTAssertTrue(independent.isValidSignature(signature, for: message), A.name)
    }
    // Concurrent signing and verifying with one key.
    let results = SendableBox([Bool](repeating: false, count: 32))
    DispatchQueue.concurrentPerform(iterations: 32) { i in
      let message = [UInt8(i), 1, 2, 3]
      let ok = (try? key.signature(for: message)).map { publicKey.isValidSignature($0, for: message) } ?? false
      results.set(i, ok)
    }
    XCTAssertTrue(results.values.allSatisfy { $0 }, "\(A.name) concurrent use")
  }

  func testSignatureContextsAreReusable() throws {
    try exercise(Ed25519.self, key: Ed25519.PrivateKey())
    try exercise(Ed448.self, key: Ed448.PrivateKey())
    try exercise(ECDSA<P256>.self, key: ECDSA<P256>.PrivateKey())
    try exercise(ECDSA<P521>.self, key: ECDSA<P521>.PrivateKey())
    try exercise(ECDSA<BrainpoolP384r1>.self, key: ECDSA<BrainpoolP384r1>.PrivateKey())
    try exercise(Secp256k1.ECDSA.self, key: Secp256k1.ECDSA.PrivateKey())
    try exercise(Secp256k1.Schnorr.self, key: Secp256k1.Schnorr.PrivateKey())
    let rsa = try RSASignature<RSA2048, PSSSHA256>.PrivateKey()
    try exercise(RSASignature<RSA2048, PSSSHA256>.self, key: rsa)
    try exercise(
      RSASignature<RSA2048, PKCS1SHA512>.self,
      key: RSASignature<RSA2048, PKCS1SHA512>.PrivateKey(rawRepresentation: rsa.rawRepresentation))
  }

  func testAgreementContextsAreReusable() throws {
    let key = try X25519.PrivateKey()
    let zero = try X25519.PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
    for _ in 0..<3 {
      let peer = try X25519.PrivateKey()
      let expected = try peer.sharedSecretFromKeyAgreement(with: key.publicKey)
      XCTAssertThrowsError(try key.sharedSecretFromKeyAgreement(with: zero))
      XCTAssertTrue(try key.sharedSecretFromKeyAgreement(with: peer.publicKey).constantTimeEquals(expected))
    }
    let ec = try ECDH<P384>.PrivateKey()
    for _ in 0..<3 {
      let peer = try ECDH<P384>.PrivateKey()
      let expected = try peer.sharedSecretFromKeyAgreement(with: ec.publicKey)
      XCTAssertTrue(try ec.sharedSecretFromKeyAgreement(with: peer.publicKey).constantTimeEquals(expected))
    }
  }
}

/// A lock-protected array for collecting results from concurrent work in a test.
final class SendableBox: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Bool]
  init(_ values: [Bool]) { storage = values }
  func set(_ index: Int, _ value: Bool) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }
  var values: [Bool] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
