import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import QRXWallet
import XCTest

/// SLIP-10 against its published vectors (../shared/vectors/slip10/vectors.json): secp256k1 (which is
/// BIP-32) and Ed25519. The NIST P-256 and Curve25519 trees are not part of QRX's wallet.
final class SLIP10Tests: XCTestCase {
  private struct Vector: Decodable {
    struct Chain: Decodable {
      let path: String
      let fingerprint: String
      // swiftlint:disable:next identifier_name
      let chain_code: String
      let `private`: String
      let `public`: String
    }
    let name: String
    let seed: String
    let chains: [Chain]
  }

  private func vectors(for curve: String) throws -> [Vector] {
    try Vectors.decode([Vector].self, from: Vectors.shared("slip10/vectors.json")).filter {
      $0.name.hasSuffix("for \(curve)")
    }
  }

  func testSecp256k1Vectors() throws {
    let vectors = try vectors(for: "secp256k1")
    XCTAssertEqual(vectors.count, 2)
    var checked = 0
    for vector in vectors {
      let master = try ExtendedPrivateKey(seed: SecretBytes(hexBytes(vector.seed)))
      for chain in vector.chains {
        let key = try master.derived(DerivationPath(chain.path))
        let context = "\(vector.name) \(chain.path)"
        XCTAssertEqual(hexString(key.parentFingerprint), chain.fingerprint, context)
        XCTAssertEqual(hexString(key.chainCode.copyBytes()), chain.chain_code, context)
        XCTAssertEqual(hexString(key.privateKey.copyBytes()), chain.private, context)
        XCTAssertEqual(hexString(key.publicKey.compressedRepresentation), chain.public, context)
        checked += 1
      }
    }
    XCTAssertEqual(checked, 12)
  }

  func testEd25519Vectors() throws {
    let vectors = try vectors(for: "ed25519")
    XCTAssertEqual(vectors.count, 2)
    var checked = 0
    for vector in vectors {
      let master = try SLIP10Ed25519Key(seed: SecretBytes(hexBytes(vector.seed)))
      for chain in vector.chains {
        let key = try master.derived(DerivationPath(chain.path))
        let context = "\(vector.name) \(chain.path)"
        XCTAssertEqual(hexString(key.parentFingerprint), chain.fingerprint, context)
        XCTAssertEqual(hexString(key.chainCode.copyBytes()), chain.chain_code, context)
        XCTAssertEqual(hexString(key.privateKey.rawRepresentation.copyBytes()), chain.private, context)
        XCTAssertEqual(hexString(key.publicKey), chain.public, context)
        checked += 1
      }
    }
    XCTAssertEqual(checked, 12)
  }

  func testEd25519RefusesNonHardenedChildren() throws {
    let master = try SLIP10Ed25519Key(seed: SecretBytes(hexBytes("000102030405060708090a0b0c0d0e0f")))
    XCTAssertThrowsError(try master.derivedChild(1)) {
      XCTAssertEqual($0 as? WalletError, .hardenedDerivationRequired(index: 1))
    }
    XCTAssertThrowsError(try master.derived(DerivationPath("m/0'/1/2'")))
  }
}
