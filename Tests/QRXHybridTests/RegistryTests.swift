import QRXPrimitives
import XCTest

@testable import QRXHybrid

final class RegistryTests: XCTestCase {
  func testEveryNameIsUniqueAndEveryCompositeIsRegistered() {
    let names = AlgorithmRegistry.all.map { $0.name.lowercased() }
    XCTAssertEqual(Set(names).count, names.count)
    for algorithm in CompositeSignatureAlgorithm.all {
      let row = AlgorithmRegistry.descriptor(named: algorithm.name)
      XCTAssertEqual(row?.kind, .signature, algorithm.name)
      XCTAssertEqual(row?.oid, algorithm.oid)
      XCTAssertEqual(row?.isHybrid, true)
    }
    XCTAssertEqual(AlgorithmRegistry.descriptor(oid: "1.3.6.1.5.5.7.6.48")?.name, "MLDSA65-Ed25519-SHA512")
    XCTAssertEqual(AlgorithmRegistry.descriptor(named: "id-MLDSA87-Ed448-SHAKE256")?.category, 5)
  }

  func testRegistrySizesMatchTheImplementations() throws {
    for algorithm in CompositeSignatureAlgorithm.all where !algorithm.traditional.isRSA {
      let key = try CompositeSignature.PrivateKey(algorithm: algorithm, seed: SecretBytes(zeroes: 32))
      let row = try XCTUnwrap(AlgorithmRegistry.descriptor(named: algorithm.name))
      XCTAssertEqual(row.publicKeyBytes, try key.publicKey.rawRepresentation.count, algorithm.name)
      if let privateBytes = row.privateKeyBytes {
        XCTAssertEqual(privateBytes, try key.rawRepresentation.count, algorithm.name)
      }
      XCTAssertLessThanOrEqual(try key.signature(for: [1]).count, row.signatureBytes ?? 0, algorithm.name)
    }
  }

  func testAKEMIsNeverApprovedForSigning() {
    let permissive = AlgorithmPolicy(
      allowed: [:], minimumCategory: 0, allowsClassicalOnly: true, allowsExperimental: true)
    for row in AlgorithmRegistry.all where row.kind != .signature {
      XCTAssertFalse(permissive.isApproved(row.name, for: .transactionSigning), row.name)
    }
    for row in AlgorithmRegistry.all where row.kind == .signature {
      XCTAssertFalse(permissive.isApproved(row.name, for: .keyEncapsulation), row.name)
      XCTAssertFalse(permissive.isApproved(row.name, for: .storage), row.name)
    }
  }

  func testExchangeDefaultPolicy() {
    let policy = AlgorithmPolicy.exchangeDefault
    XCTAssertTrue(policy.isApproved("MLDSA65-Ed25519-SHA512", for: .transactionSigning))
    XCTAssertTrue(policy.isApproved("ML-DSA-87", for: .transactionSigning))
    XCTAssertTrue(policy.isApproved("X-Wing", for: .keyEncapsulation))
    XCTAssertFalse(policy.isApproved("Ed25519", for: .transactionSigning))  // classical-only
    XCTAssertFalse(policy.isApproved("MLDSA44-Ed25519-SHA512", for: .transactionSigning))  // category 2 < 3
    XCTAssertFalse(policy.isApproved("Falcon-512", for: .transactionSigning))  // experimental
    XCTAssertFalse(policy.isApproved("ML-KEM-512", for: .keyEncapsulation))  // category 1
    XCTAssertFalse(policy.isApproved("no-such-algorithm", for: .storage))
    var disabled = policy
    disabled.disabled = ["ML-DSA-65"]
    XCTAssertFalse(disabled.isApproved("ml-dsa-65", for: .transactionSigning))
  }

  func testClassicalOnlyNeedsExplicitPermission() {
    let legacy = AlgorithmPolicy(minimumCategory: 3, allowsClassicalOnly: true)
    XCTAssertTrue(legacy.isApproved("Ed25519", for: .transactionSigning))
    XCTAssertFalse(legacy.isApproved("RSA-2048-PSS", for: .transactionSigning))  // deprecated
    XCTAssertFalse(AlgorithmPolicy().isApproved("secp256k1-ECDSA", for: .transactionSigning))
  }
}
