import QRXPrimitives
import XCTest

@testable import QRXHybrid

/// Properties every composite must have, checked on each one (RSA composites aside: their key
/// generation is slow, and the draft's vectors cover them in `CompositeVectorTests`).
final class CompositeEveryAlgorithmTests: XCTestCase {
  private let message = Array("move 3 BTC to cold storage".utf8)

  private lazy var algorithms = CompositeSignatureAlgorithm.all.filter { !$0.traditional.isRSA }

  /// One key and one signature of `message` for each algorithm, from a fixed seed.
  private func signed() throws -> [(key: CompositeSignature.PrivateKey, signature: [UInt8])] {
    try algorithms.map {
      let key = try CompositeSignature.PrivateKey(algorithm: $0, seed: SecretBytes(Array(100..<132)))
      return (key, try key.signature(for: message))
    }
  }

  func testTheFourMigrationCompositesAreRegisteredWithQRXLabelsAndNoOID() throws {
    let expected = [
      ("QRX-MLDSA87-Ed25519-SHA512", "QRX-COMPSIG-MLDSA87-Ed25519-SHA512", "ML-DSA-87", "Ed25519"),
      (
        "QRX-MLDSA87-secp256k1-Schnorr-SHA512", "QRX-COMPSIG-MLDSA87-secp256k1-Schnorr-SHA512", "ML-DSA-87",
        "secp256k1-Schnorr"
      ),
      ("QRX-MLDSA87-ECDSA-P256-SHA512", "QRX-COMPSIG-MLDSA87-ECDSA-P256-SHA512", "ML-DSA-87", "ECDSA-P256"),
      (
        "QRX-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512", "QRX-COMPSIG-SLHDSA-SHA2-128s-secp256k1-ECDSA-SHA512",
        "SLH-DSA-SHA2-128s", "secp256k1-ECDSA"
      ),
    ]
    for (name, label, postQuantum, traditional) in expected {
      let algorithm = try XCTUnwrap(CompositeSignatureAlgorithm.named(name), name)
      XCTAssertEqual(algorithm.label, label)
      XCTAssertNil(algorithm.oid, name)
      XCTAssertEqual(algorithm.postQuantum.rawValue, postQuantum)
      XCTAssertEqual(algorithm.traditional.rawValue, traditional)
      XCTAssertEqual(algorithm.preHash, .sha512, name)
      let row = try XCTUnwrap(AlgorithmRegistry.descriptor(named: name), name)
      XCTAssertEqual(row.family, "QRX-Composite", name)
      XCTAssertEqual(row.status, .experimental, name)
    }
  }

  func testEveryCompositeRoundTripsAndATamperedHalfFails() throws {
    for (algorithm, (key, signature)) in zip(algorithms, try signed()) {
      let name = algorithm.name
      let publicKey = try CompositeSignature.PublicKey(
        algorithm: algorithm, rawRepresentation: try key.publicKey.rawRepresentation)
      XCTAssertTrue(publicKey.isValidSignature(signature, for: message), name)
      XCTAssertFalse(publicKey.isValidSignature(signature, for: message + [0]), "\(name): other message")
      let reloaded = try CompositeSignature.PrivateKey(algorithm: algorithm, rawRepresentation: key.rawRepresentation)
      XCTAssertEqual(try reloaded.publicKey.rawRepresentation, try publicKey.rawRepresentation, name)
      XCTAssertTrue(publicKey.isValidSignature(try reloaded.signature(for: message), for: message), name)

      let halves = try algorithm.splitSignature(signature)
      var postQuantumTampered = signature
      postQuantumTampered[halves.postQuantum.startIndex + halves.postQuantum.count / 2] ^= 0x01
      XCTAssertFalse(publicKey.isValidSignature(postQuantumTampered, for: message), "\(name): post-quantum half")
      var traditionalTampered = signature
      traditionalTampered[halves.traditional.endIndex - 1] ^= 0x01
      XCTAssertFalse(publicKey.isValidSignature(traditionalTampered, for: message), "\(name): traditional half")
    }
  }

  /// Keys of one composite are never accepted by another. Where one's public key even decodes as
  /// the other's (same sizes), its signatures do not verify there; where one's private key bytes
  /// decode as the other's (ML-DSA seeds and 32-byte classical keys fit many), the key so made
  /// signs nothing that verifies under the first public key, and vice versa: the label in M' and
  /// the post-quantum parameter set keep them apart.
  func testNoCompositeAcceptsAnotherCompositesKeysOrSignatures() throws {
    var privateKeysDecodedElsewhere = 0
    for (a, (key, signature)) in zip(algorithms, try signed()) {
      let publicKeyBytes = try key.publicKey.rawRepresentation
      let privateKeyBytes = try key.rawRepresentation
      for b in algorithms where b != a {
        if let foreign = try? CompositeSignature.PublicKey(algorithm: b, rawRepresentation: publicKeyBytes) {
          XCTAssertFalse(foreign.isValidSignature(signature, for: message), "\(a.name) signature under \(b.name)")
        }
        guard let other = try? CompositeSignature.PrivateKey(algorithm: b, rawRepresentation: privateKeyBytes) else {
          continue
        }
        privateKeysDecodedElsewhere += 1
        XCTAssertFalse(other.publicKey.isValidSignature(signature, for: message), "\(a.name) signature, \(b.name) key")
        XCTAssertFalse(
          key.publicKey.isValidSignature(try other.signature(for: message), for: message),
          "\(b.name) signature from \(a.name) key bytes")
      }
    }
    XCTAssertGreaterThan(privateKeysDecodedElsewhere, 0, "the cross checks above must not be vacuous")
  }
}
