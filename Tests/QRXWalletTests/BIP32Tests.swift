import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import QRXWallet
import XCTest

/// BIP-32 against the standard's test vectors 1–5 (../shared/vectors/bip32/vectors.json).
final class BIP32Tests: XCTestCase {
  private struct Vector: Decodable {
    struct Chain: Decodable {
      let path: String
      let xpub: String
      let xprv: String
    }
    struct Invalid: Decodable {
      let key: String
      let reason: String
    }
    let name: String
    let seed: String?
    let chains: [Chain]
    let invalid: [Invalid]
  }

  private func vectors() throws -> [Vector] {
    try Vectors.decode([Vector].self, from: Vectors.shared("bip32/vectors.json"))
  }

  private func xprv(_ key: ExtendedPrivateKey) -> String { String(decoding: key.serialized.copyBytes(), as: UTF8.self) }

  func testVectors1To4PrivateDerivationAndSerialization() throws {
    let all = try vectors().filter { !$0.chains.isEmpty }
    XCTAssertEqual(all.count, 4)
    var checked = 0
    for vector in all {
      let master = try ExtendedPrivateKey(seed: SecretBytes(hexBytes(XCTUnwrap(vector.seed))))
      for chain in vector.chains {
        let key = try master.derived(DerivationPath(chain.path))
        XCTAssertEqual(xprv(key), chain.xprv, "\(vector.name) \(chain.path)")
        XCTAssertEqual(key.extendedPublicKey.serialized, chain.xpub, "\(vector.name) \(chain.path)")
        // The same key one CKDpriv step at a time.
        var stepwise = master
        for i in try DerivationPath(chain.path).indexes { stepwise = try stepwise.derivedChild(i) }
        XCTAssertEqual(xprv(stepwise), chain.xprv, "\(vector.name) \(chain.path), stepwise")
        checked += 1
      }
    }
    XCTAssertEqual(checked, 6 + 6 + 2 + 3)
  }

  /// CKDpub from the parent's xpub gives the same key as N(CKDpriv) wherever the last level is non-hardened.
  func testPublicDerivationMatchesPrivateDerivation() throws {
    var checked = 0
    for vector in try vectors() {
      for (parent, child) in zip(vector.chains, vector.chains.dropFirst()) {
        let parentPath = try DerivationPath(parent.path)
        let childPath = try DerivationPath(child.path)
        guard let last = childPath.indexes.last, childPath.indexes.dropLast() == parentPath.indexes[...] else {
          continue
        }
        let parentPublic = try ExtendedPublicKey(serialized: parent.xpub)
        if DerivationPath.isHardened(last) {
          XCTAssertThrowsError(try parentPublic.derivedChild(last)) {
            XCTAssertEqual($0 as? WalletError, .hardenedChildOfPublicKey(index: last))
          }
        } else {
          XCTAssertEqual(try parentPublic.derivedChild(last).serialized, child.xpub, "\(vector.name) \(child.path)")
          checked += 1
        }
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 5)
  }

  func testParsingRoundTripsEveryVectorKey() throws {
    for vector in try vectors() {
      for chain in vector.chains {
        XCTAssertEqual(xprv(try ExtendedPrivateKey(serialized: chain.xprv)), chain.xprv)
        XCTAssertEqual(try ExtendedPublicKey(serialized: chain.xpub).serialized, chain.xpub)
        // A key of the other kind is refused by each parser.
        XCTAssertThrowsError(try ExtendedPrivateKey(serialized: chain.xpub))
        XCTAssertThrowsError(try ExtendedPublicKey(serialized: chain.xprv))
      }
    }
  }

  func testFingerprintsChainToTheParent() throws {
    let vector = try XCTUnwrap(try vectors().first)
    let master = try ExtendedPrivateKey(seed: SecretBytes(hexBytes(XCTUnwrap(vector.seed))))
    XCTAssertEqual(master.parentFingerprint, [0, 0, 0, 0])
    // BIP-32 test vector 1: the master key's identifier is 3442193e1bb70916e914552172cd4e2dbc9df811.
    XCTAssertEqual(hexString(master.identifier), "3442193e1bb70916e914552172cd4e2dbc9df811")
    let child = try master.derivedChild(DerivationPath.hardenedOffset)
    XCTAssertEqual(child.parentFingerprint, master.fingerprint)
    XCTAssertEqual(child.depth, 1)
    XCTAssertEqual(child.childNumber, DerivationPath.hardenedOffset)
  }

  /// Test vector 5: every invalid extended key is refused, for the reason the standard gives.
  func testVector5InvalidKeysAreRefusedForTheirReason() throws {
    let invalid = try XCTUnwrap(try vectors().first { $0.name == "Test vector 5" }).invalid
    XCTAssertEqual(invalid.count, 14)
    let expected: [String: String] = [
      "pubkey version / prvkey mismatch": "public version with private key data",
      "prvkey version / pubkey mismatch": "private version with public key data",
      "invalid pubkey prefix 04": "public key data must start with 0x02 or 0x03",
      "invalid prvkey prefix 04": "private key data must start with 0x00",
      "invalid pubkey prefix 01": "public key data must start with 0x02 or 0x03",
      "invalid prvkey prefix 01": "private key data must start with 0x00",
      "zero depth with non-zero parent fingerprint": "depth 0 with a non-zero parent fingerprint",
      "zero depth with non-zero index": "depth 0 with a non-zero child number",
      "private key 0 not in 1..n-1": "private key not in [1, n-1]",
      "private key n not in 1..n-1": "private key not in [1, n-1]",
      "invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007":
        "public key is not a point on secp256k1",
      "invalid checksum": "Base58Check checksum does not match",
    ]
    for entry in invalid {
      let reason = try XCTUnwrap(expected[entry.reason], "unmapped reason: \(entry.reason)")
      let parse: () throws -> Void =
        entry.key.hasPrefix("xprv")
        ? { _ = try ExtendedPrivateKey(serialized: entry.key) } : { _ = try ExtendedPublicKey(serialized: entry.key) }
      XCTAssertThrowsError(try parse(), entry.reason) {
        XCTAssertEqual($0 as? WalletError, .invalidExtendedKey(reason), entry.reason)
      }
      // Neither parser accepts it.
      XCTAssertThrowsError(try ExtendedPrivateKey(serialized: entry.key), entry.reason)
      XCTAssertThrowsError(try ExtendedPublicKey(serialized: entry.key), entry.reason)
    }
  }

  func testMalformedTextIsATypedError() throws {
    let valid = try XCTUnwrap(try vectors().first?.chains.first?.xpub)
    let cases = [
      "", "0", valid + "1", String(valid.dropLast()), valid.replacingOccurrences(of: "x", with: "0"),
      String(repeating: "z", count: 2000), "xpub661MyMwAqRbc", String(repeating: "1", count: 82),
    ]
    for text in cases {
      XCTAssertThrowsError(try ExtendedPublicKey(serialized: text)) { XCTAssertTrue($0 is WalletError, text) }
      XCTAssertThrowsError(try ExtendedPrivateKey(serialized: text)) { XCTAssertTrue($0 is WalletError, text) }
    }
  }

  func testSeedLengthIsChecked() {
    for count in [0, 15, 65] {
      XCTAssertThrowsError(try ExtendedPrivateKey(seed: SecretBytes(zeroes: count))) {
        XCTAssertEqual($0 as? WalletError, .invalidSeedLength(count))
      }
    }
  }

  func testDerivationPathParsing() throws {
    XCTAssertEqual(try DerivationPath("m").indexes, [])
    XCTAssertEqual(
      try DerivationPath("m/0'/1/2h/2H/1000000000").indexes, [0x8000_0000, 1, 0x8000_0002, 0x8000_0002, 1_000_000_000])
    XCTAssertEqual(try DerivationPath("m/44'/60'/0'/0/7").description, "m/44'/60'/0'/0/7")
    XCTAssertEqual(try DerivationPath("m/2147483647'").indexes, [0xFFFF_FFFF])
    for bad in [
      "", "M/0", "m/", "m//1", "m/2147483648", "m/-1", "m/01", "m/ 1", "m/1''", "0/1", "m/4294967296", "m/1x",
    ] {
      XCTAssertThrowsError(try DerivationPath(bad), bad) { XCTAssertTrue($0 is WalletError, bad) }
    }
    XCTAssertThrowsError(try DerivationPath((["m"] + Array(repeating: "0", count: 256)).joined(separator: "/")))
  }

  func testExtendedPrivateKeyDescriptionIsRedacted() throws {
    let key = try ExtendedPrivateKey(seed: SecretBytes(hexBytes("000102030405060708090a0b0c0d0e0f")))
    XCTAssertFalse("\(key)".contains("xprv"))
    XCTAssertFalse(String(reflecting: key).contains("e8f32e72"))
  }
}
