import Foundation
import QRXPrimitives
import QRXStore
import QRXTestSupport
import XCTest

@testable import QRXKeys

/// Fills every request with `start, start+1, …` (so a 12-byte nonce is predictable).
struct CountingRandom: RandomSource {
  var start: UInt8
  func fill(_ buffer: UnsafeMutableRawBufferPointer) {
    for i in 0..<buffer.count { buffer[i] = start &+ UInt8(truncatingIfNeeded: i) }
  }
}

final class KeySealerTests: XCTestCase {
  let masterBytes = [UInt8](0..<32)
  let privateKey = SecretBytes([UInt8](0x40..<0x60))

  func sealer(_ bytes: [UInt8]? = nil) throws -> KeySealer {
    try KeySealer(masterKey: MasterKey(bytes: bytes ?? masterBytes))
  }

  /// The documented format and derivations, against a value computed independently with Python's
  /// `cryptography` (HKDF-SHA256, AESGCM) from docs/STORAGE.md.
  func testSealedFormatMatchesTheDocumentedConstruction() throws {
    let sealer = try sealer()
    XCTAssertEqual(hexString(sealer.masterKeyIdentifier), "cbcf6b9107de2a13")
    let sealed = try sealer.seal(
      privateKey, keyID: "ed-1", version: 3, algorithm: "Ed25519", random: CountingRandom(start: 0xA0))
    XCTAssertEqual(
      hexString(sealed),
      "01cbcf6b9107de2a13a0a1a2a3a4a5a6a7a8a9aaab781451bfb117466192a7d64093eb26441d9b158d2e1c67d5b97e08e4c92bf0b923dc18ad1a89fa628aeea246ece630b2"
    )
    XCTAssertEqual(sealed.count, KeySealer.overheadByteCount + privateKey.count)
  }

  func testSealThenUnsealGivesTheKeyBack() throws {
    let sealer = try sealer()
    let sealed = try sealer.seal(privateKey, keyID: "k", version: 1, algorithm: "ML-DSA-65")
    let opened = try sealer.unseal(sealed, keyID: "k", version: 1, algorithm: "ML-DSA-65")
    XCTAssertTrue(opened.constantTimeEquals(privateKey))
    // Fresh nonces: sealing twice never gives the same bytes.
    XCTAssertNotEqual(sealed, try sealer.seal(privateKey, keyID: "k", version: 1, algorithm: "ML-DSA-65"))
    let empty = try sealer.seal(SecretBytes(zeroes: 0), keyID: "k", version: 1, algorithm: "x")
    XCTAssertEqual(try sealer.unseal(empty, keyID: "k", version: 1, algorithm: "x").count, 0)
  }

  func testEveryAlteredByteIsATypedError() throws {
    let sealer = try sealer()
    let sealed = try sealer.seal(privateKey, keyID: "k", version: 2, algorithm: "Ed25519")
    for position in 0..<sealed.count {
      var tampered = sealed
      tampered[position] ^= 0x01
      XCTAssertThrowsError(try sealer.unseal(tampered, keyID: "k", version: 2, algorithm: "Ed25519")) { error in
        let expected: KeyCustodyError
        switch position {
        case 0: expected = .unsupportedSealedFormat(version: 0)
        case 1...8: expected = .wrongMasterKey
        default: expected = .sealedKeyTampered
        }
        XCTAssertEqual(error as? KeyCustodyError, expected, "byte \(position)")
      }
    }
    for length in [0, 1, KeySealer.overheadByteCount - 1] {
      XCTAssertThrowsError(
        try sealer.unseal(Array(sealed.prefix(length)), keyID: "k", version: 2, algorithm: "Ed25519")
      ) {
        XCTAssertEqual($0 as? KeyCustodyError, .malformedSealedKey(length: length))
      }
    }
    XCTAssertThrowsError(try sealer.unseal(sealed + [0], keyID: "k", version: 2, algorithm: "Ed25519")) {
      XCTAssertEqual($0 as? KeyCustodyError, .sealedKeyTampered)
    }
  }

  func testASealedKeyMovedToAnotherIdVersionOrAlgorithmDoesNotOpen() throws {
    let sealer = try sealer()
    let sealed = try sealer.seal(privateKey, keyID: "k", version: 2, algorithm: "Ed25519")
    for (id, version, algorithm) in [("k2", 2, "Ed25519"), ("k", 1, "Ed25519"), ("k", 2, "secp256k1-ECDSA")] {
      XCTAssertThrowsError(try sealer.unseal(sealed, keyID: id, version: version, algorithm: algorithm)) {
        XCTAssertEqual($0 as? KeyCustodyError, .sealedKeyTampered)
      }
    }
  }

  func testAWrongMasterKeyIsATypedError() throws {
    let sealed = try sealer().seal(privateKey, keyID: "k", version: 1, algorithm: "Ed25519")
    var other = masterBytes
    other[31] ^= 0x80
    XCTAssertThrowsError(try sealer(other).unseal(sealed, keyID: "k", version: 1, algorithm: "Ed25519")) {
      XCTAssertEqual($0 as? KeyCustodyError, .wrongMasterKey)
    }
  }

  /// A key imported from a known seed leaves no trace of it in the SQLite files (database, WAL,
  /// shared memory); the public key, stored in the clear, is found by the same search.
  func testASealedSeedLeavesNoTraceInTheDatabaseFiles() throws {
    let url = try TestDatabases.sqliteURL(for: self)
    let path = String(url.dropFirst("sqlite:".count))
    let seed = SHA256.hash(Array("QRX seed-trace test: this seed must never reach the disk".utf8))
    let publicKey = SHA256.hash(Array("QRX seed-trace test: public key".utf8))
    let sealer = try sealer()
    let store = try Store.open(url: url)
    for version in 1...3 {
      let sealed = try sealer.seal(SecretBytes(seed), keyID: "imported", version: version, algorithm: "Ed25519")
      if version == 1 {
        try store.insertKey(
          KeyRecord(id: "imported", algorithm: "Ed25519", usage: .withdrawalSigning, createdAt: 1),
          firstVersion: KeyVersionRecord(
            keyID: "imported", version: 1, createdAt: 1, publicKey: publicKey, sealedPrivateKey: sealed))
      } else {
        try store.transaction {
          try $0.addKeyVersion(
            KeyVersionRecord(
              keyID: "imported", version: version, createdAt: 1, publicKey: publicKey, sealedPrivateKey: sealed))
        }
      }
    }
    try store.appendAudit(actor: "test", action: "key.import", keyID: "imported")
    let stored = try XCTUnwrap(try store.getKey(id: "imported"))
    XCTAssertTrue(
      try sealer.unseal(XCTUnwrap(stored.current.sealedPrivateKey), keyID: "imported", version: 3, algorithm: "Ed25519")
        .constantTimeEquals(SecretBytes(seed)))

    var files: [[UInt8]] = []
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      files.append(Array(try Data(contentsOf: URL(fileURLWithPath: path + suffix))))
    }
    store.close()
    XCTAssertFalse(files.isEmpty)
    let seedHex = Array(Hex.encode(seed).utf8)
    for (index, bytes) in files.enumerated() {
      XCTAssertFalse(contains(bytes, seed), "file \(index) holds the seed")
      XCTAssertFalse(contains(bytes, seedHex), "file \(index) holds the seed in hex")
      // Any 8-byte window of the seed would be a leak too.
      for start in stride(from: 0, to: 32, by: 8) {
        XCTAssertFalse(contains(bytes, Array(seed[start..<start + 8])), "file \(index) holds seed bytes \(start)...")
      }
    }
    XCTAssertTrue(files.contains { contains($0, publicKey) }, "the search must find the public key")
  }

  private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let first = needle[0]
    var i = 0
    while i <= haystack.count - needle.count {
      if haystack[i] == first && Array(haystack[i..<i + needle.count]) == needle { return true }
      i += 1
    }
    return false
  }
}
