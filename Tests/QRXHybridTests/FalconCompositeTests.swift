import QRXClassical
import QRXPostQuantum
import QRXPrimitives
import XCTest

@testable import QRXHybrid

/// The QRX Falcon-512 composites: round trips, the signature split, stripping and mixing, and the
/// label binding that M' alone carries for Falcon.
final class FalconCompositeTests: XCTestCase {
  private let names = ["QRX-Falcon512-Ed25519-SHA512", "QRX-Falcon512-secp256k1-ECDSA-SHA512"]
  private let message = Array("transfer 3 ETH to cold storage".utf8)

  private func algorithm(_ name: String) throws -> CompositeSignatureAlgorithm {
    try XCTUnwrap(CompositeSignatureAlgorithm.named(name), name)
  }

  private func key(_ name: String, seedByte: UInt8) throws -> CompositeSignature.PrivateKey {
    try CompositeSignature.PrivateKey(
      algorithm: algorithm(name), seed: SecretBytes([UInt8](repeating: seedByte, count: 32)))
  }

  func testTableRowsUseFalconLabelsAndSizes() throws {
    for name in names {
      let a = try algorithm(name)
      XCTAssertEqual(a.label, "QRX-COMPSIG-" + name.dropFirst(4))
      XCTAssertNil(a.oid)
      XCTAssertEqual(a.postQuantum, .falcon512)
      XCTAssertEqual(a.preHash, .sha512)
      XCTAssertEqual(a.category, 1)
      XCTAssertEqual(a.maximumSignatureByteCount, 752 + 64)
      let row = try XCTUnwrap(AlgorithmRegistry.descriptor(named: name))
      XCTAssertEqual(row.status, .experimental)
      XCTAssertEqual(row.privateKeyBytes, 1281 + 32)
      XCTAssertEqual(row.publicKeyBytes, 897 + (a.traditional == .ed25519 ? 32 : 33))
    }
  }

  /// A variable-length post-quantum half is only ever paired with a fixed-length traditional one,
  /// so that every composite signature splits in exactly one way.
  func testEveryVariableLengthPostQuantumHalfHasAFixedLengthPartner() {
    for a in CompositeSignatureAlgorithm.all where !a.postQuantum.hasFixedSignatureLength {
      XCTAssertNotNil(a.traditional.fixedSignatureByteCount, a.name)
    }
  }

  func testSeededKeysSignAndVerifyWithContext() throws {
    for name in names {
      let sk = try key(name, seedByte: 0x11)
      let again = try key(name, seedByte: 0x11)
      XCTAssertEqual(try sk.rawRepresentation.copyBytes(), try again.rawRepresentation.copyBytes(), name)
      let reloaded = try CompositeSignature.PrivateKey(
        algorithm: algorithm(name), rawRepresentation: sk.rawRepresentation)
      XCTAssertEqual(try reloaded.publicKey.rawRepresentation, try sk.publicKey.rawRepresentation, name)
      let pk = try CompositeSignature.PublicKey(
        algorithm: algorithm(name), rawRepresentation: sk.publicKey.rawRepresentation)
      let context = Array("order-book".utf8)
      let signature = try reloaded.signature(for: message, context: context)
      XCTAssertTrue(pk.isValidSignature(signature, for: message, context: context), name)
      XCTAssertFalse(pk.isValidSignature(signature, for: message), "\(name): other context")
      XCTAssertFalse(pk.isValidSignature(signature, for: message + [0], context: context), "\(name): other message")
      for index in [0, 45, signature.count - 65, signature.count - 1] {
        var flipped = signature
        flipped[index] ^= 0x01
        XCTAssertFalse(pk.isValidSignature(flipped, for: message, context: context), "\(name): byte \(index)")
      }
    }
  }

  func testDeterministicSigningIsRefused() throws {
    for name in names {
      XCTAssertThrowsError(try key(name, seedByte: 1).signature(for: message, deterministic: true)) { error in
        guard case .unsupported = error as? CompositeError else { return XCTFail("\(name): \(error)") }
      }
    }
  }

  /// The traditional half is the 64-byte tail; lengths outside [Falcon's shortest + 64, 752 + 64]
  /// are typed errors, and never valid.
  func testSignatureSplitIsUnambiguousAndRejectsMalformedLengths() throws {
    for name in names {
      let a = try algorithm(name)
      let sk = try key(name, seedByte: 2)
      let signature = try sk.signature(for: message)
      let halves = try a.splitSignature(signature)
      XCTAssertEqual(halves.traditional.count, 64, name)
      XCTAssertEqual(halves.postQuantum.first, 0x39, "\(name): Falcon-512 header byte")
      XCTAssertTrue(
        sk.publicKey.traditional.isValidSignature(
          Array(halves.traditional), for: try a.messageRepresentative(for: message, context: [])))
      for count in [0, 1, 64, 105, 817, 2000] {
        XCTAssertThrowsError(try a.splitSignature([UInt8](repeating: 0x39, count: count)), "\(name) \(count)") {
          error in
          guard case .invalidSignature = error as? CompositeError else { return XCTFail("\(name): \(error)") }
        }
        XCTAssertThrowsError(
          try HybridSignature(algorithm: a, keyID: "00", rawRepresentation: [UInt8](repeating: 0x39, count: count)))
      }
      XCTAssertNoThrow(try a.splitSignature([UInt8](repeating: 0, count: 106)))
      XCTAssertNoThrow(try a.splitSignature([UInt8](repeating: 0, count: 816)))
      XCTAssertFalse(sk.publicKey.isValidSignature(signature + [0], for: message), "\(name): trailing byte")
      XCTAssertFalse(sk.publicKey.isValidSignature(Array(signature.dropLast()), for: message), "\(name): truncated")
      // The hybrid signature envelope splits the same way.
      let hybrid = try HybridSignature(algorithm: a, keyID: "00", rawRepresentation: signature)
      XCTAssertEqual(hybrid.classicalSignature.count, 64)
      XCTAssertEqual(hybrid.rawRepresentation, signature)
      XCTAssertEqual(try HybridSignature(jsonEnvelope: hybrid.jsonEnvelope()), hybrid)
    }
  }

  /// Stripping: the Falcon half is a Falcon signature of M', not of M; the traditional half does
  /// not verify over M; either half alone is no composite signature.
  func testStrippedHalvesDoNotVerifyAlone() throws {
    for name in names {
      let a = try algorithm(name)
      let sk = try key(name, seedByte: 3)
      let pk = sk.publicKey
      let signature = try sk.signature(for: message)
      let halves = try a.splitSignature(signature)
      let falconHalf = Array(halves.postQuantum)
      let tradHalf = Array(halves.traditional)
      let mPrime = try a.messageRepresentative(for: message, context: [])
      let falconKey = try Falcon512.PublicKey(rawRepresentation: try pk.rawRepresentation.prefix(897))
      // Sanity: both halves verify in their composite role, so the negatives below mean something.
      XCTAssertTrue(falconKey.isValidSignature(falconHalf, for: mPrime), name)
      XCTAssertTrue(pk.traditional.isValidSignature(tradHalf, for: mPrime), name)
      XCTAssertFalse(falconKey.isValidSignature(falconHalf, for: message), "\(name): Falcon half over M")
      XCTAssertFalse(pk.traditional.isValidSignature(tradHalf, for: message), "\(name): traditional half over M")
      XCTAssertFalse(pk.isValidSignature(falconHalf, for: message), "\(name): Falcon half only")
      XCTAssertFalse(pk.isValidSignature(tradHalf, for: message), "\(name): traditional half only")
    }
  }

  /// Falcon takes no context: the label reaches it through M'. A Falcon half made under one
  /// Falcon composite is no Falcon signature of the M' another Falcon composite would build.
  func testTheLabelInMPrimeBindsTheFalconHalf() throws {
    let ed = try algorithm(names[0])
    let k1 = try algorithm(names[1])
    let sk = try key(names[0], seedByte: 4)
    let halves = try ed.splitSignature(try sk.signature(for: message))
    let falconKey = try Falcon512.PublicKey(rawRepresentation: try sk.publicKey.rawRepresentation.prefix(897))
    XCTAssertTrue(
      falconKey.isValidSignature(
        Array(halves.postQuantum), for: try ed.messageRepresentative(for: message, context: [])))
    XCTAssertFalse(
      falconKey.isValidSignature(
        Array(halves.postQuantum), for: try k1.messageRepresentative(for: message, context: [])))
  }

  /// The construction held against the text, not against `messageRepresentative`: M' is built
  /// here byte by byte ("CompositeAlgorithmSignatures2025" ‖ Label ‖ len(ctx) ‖ ctx ‖ SHA-512(M)),
  /// and each half is checked by the plain Falcon-512, Ed25519 and secp256k1 verifiers.
  func testHalvesVerifyOverAHandBuiltMPrime() throws {
    let context: [UInt8] = [0xC0, 0xFF, 0xEE]
    for name in names {
      let a = try algorithm(name)
      let sk = try key(name, seedByte: 8)
      let publicKey = try sk.publicKey.rawRepresentation
      let signature = try sk.signature(for: message, context: context)
      var mPrime = Array("CompositeAlgorithmSignatures2025".utf8)
      mPrime += Array(("QRX-COMPSIG-" + name.dropFirst(4)).utf8)
      mPrime += [UInt8(context.count)] + context
      mPrime += SHA2.hash(.sha512, message)
      let falconHalf = Array(signature.dropLast(64))
      let tradHalf = Array(signature.suffix(64))
      XCTAssertTrue(
        try Falcon512.PublicKey(rawRepresentation: publicKey.prefix(897)).isValidSignature(falconHalf, for: mPrime),
        name)
      let tradKey = Array(publicKey.dropFirst(897))
      switch a.traditional {
      case .ed25519:
        XCTAssertTrue(try Ed25519.PublicKey(rawRepresentation: tradKey).isValidSignature(tradHalf, for: mPrime), name)
      case .secp256k1ECDSA:
        XCTAssertTrue(
          try Secp256k1.ECDSA.PublicKey(rawRepresentation: tradKey).isValidSignature(tradHalf, for: mPrime), name)
      default:
        XCTFail("unexpected component \(a.traditional)")
      }
    }
  }

  /// Mixing: halves of signatures by two keys of the same algorithm do not verify together.
  func testHalvesFromDifferentKeysDoNotVerifyTogether() throws {
    for name in names {
      let a = try algorithm(name)
      let first = try key(name, seedByte: 5)
      let second = try key(name, seedByte: 6)
      let s1 = try first.signature(for: message)
      let s2 = try second.signature(for: message)
      XCTAssertTrue(first.publicKey.isValidSignature(s1, for: message))
      XCTAssertTrue(second.publicKey.isValidSignature(s2, for: message))
      let h1 = try a.splitSignature(s1)
      let h2 = try a.splitSignature(s2)
      let mixedA = Array(h1.postQuantum) + Array(h2.traditional)
      let mixedB = Array(h2.postQuantum) + Array(h1.traditional)
      for mixed in [mixedA, mixedB] {
        XCTAssertFalse(first.publicKey.isValidSignature(mixed, for: message), name)
        XCTAssertFalse(second.publicKey.isValidSignature(mixed, for: message), name)
      }
    }
  }

  func testMalformedKeysAreTypedErrors() throws {
    for name in names {
      let a = try algorithm(name)
      let sk = try key(name, seedByte: 7)
      var privateBytes = try sk.rawRepresentation.copyBytes()
      privateBytes[0] ^= 0x01  // Falcon private key header 0x59
      XCTAssertThrowsError(
        try CompositeSignature.PrivateKey(algorithm: a, rawRepresentation: SecretBytes(privateBytes))
      ) {
        guard case .invalidPrivateKey = $0 as? CompositeError else { return XCTFail("\(name): \($0)") }
      }
      XCTAssertThrowsError(
        try CompositeSignature.PrivateKey(
          algorithm: a, rawRepresentation: SecretBytes(Array(privateBytes.prefix(1281)))))
      var publicBytes = try sk.publicKey.rawRepresentation
      XCTAssertThrowsError(
        try CompositeSignature.PublicKey(algorithm: a, rawRepresentation: Array(publicBytes.dropLast())))
      publicBytes[0] = 0x0A  // Falcon-1024's header
      XCTAssertThrowsError(try CompositeSignature.PublicKey(algorithm: a, rawRepresentation: publicBytes)) {
        guard case .invalidPublicKey = $0 as? CompositeError else { return XCTFail("\(name): \($0)") }
      }
    }
  }
}
