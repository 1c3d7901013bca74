import QRXPrimitives
import QRXTestSupport
import XCTest

final class SecretsAndRandomTests: XCTestCase {
  func testSecretBytesNeverPrintsItsContents() {
    let secret = SecretBytes([0xDE, 0xAD, 0xBE, 0xEF])
    for text in [
      secret.description, secret.debugDescription, String(describing: secret), String(reflecting: secret),
      "\(secret)",
    ] {
      XCTAssertFalse(text.lowercased().contains("de"), text)
      XCTAssertFalse(text.contains("222"), text)
      XCTAssertTrue(text.contains("redacted"), text)
    }
    XCTAssertEqual(Mirror(reflecting: secret).children.count, 0)
  }

  func testSecretBytesConstantTimeEquality() {
    XCTAssertTrue(SecretBytes([1, 2, 3]).constantTimeEquals(SecretBytes([1, 2, 3])))
    XCTAssertFalse(SecretBytes([1, 2, 3]).constantTimeEquals(SecretBytes([1, 2, 4])))
    XCTAssertFalse(SecretBytes([1, 2, 3]).constantTimeEquals(SecretBytes([1, 2])))
    XCTAssertEqual(SecretBytes(zeroes: 0).count, 0)
    XCTAssertEqual(SecretBytes([9, 8]).copyBytes(), [9, 8])
  }

  func testConstantTimeSelect() {
    var a: [UInt8] = [1, 2, 3]
    let b: [UInt8] = [7, 8, 9]
    a.withUnsafeMutableBytes { x in b.withUnsafeBytes { y in ConstantTime.select(0, x, y) } }
    XCTAssertEqual(a, [1, 2, 3])
    a.withUnsafeMutableBytes { x in b.withUnsafeBytes { y in ConstantTime.select(1, x, y) } }
    XCTAssertEqual(a, [7, 8, 9])
  }

  func testWipeZeroesAnArray() {
    var bytes: [UInt8] = [1, 2, 3, 4]
    SecretBytes.wipe(&bytes)
    XCTAssertEqual(bytes, [0, 0, 0, 0])
  }

  func testSystemRandomFillsAndDiffers() {
    let a = SystemRandom().bytes(count: 32)
    let b = SystemRandom().bytes(count: 32)
    XCTAssertEqual(a.count, 32)
    XCTAssertNotEqual(a, b)  // 2^-256 chance of a false failure
  }

  /// The NIST KAT DRBG seeded with 00 01 ... 2f reproduces the master stream of the Falcon-512
  /// round-3 KAT file (made by the same harness): per entry, a 48-byte `seed`, then the `msg`.
  func testNISTKATRandomReproducesTheKATMasterStream() throws {
    let records = try Vectors.rsp(Vectors.shared("falcon/falcon512-KAT.rsp"))
    XCTAssertGreaterThan(records.count, 2)
    let drbg = NISTKATRandom(entropy: Array(0..<48))
    for (index, record) in records.prefix(3).enumerated() {
      guard let seed = record["seed"], let msg = record["msg"] else { throw VectorError.malformed("entry \(index)") }
      XCTAssertEqual(drbg.bytes(count: 48), hexBytes(seed), "entry \(index) seed")
      XCTAssertEqual(drbg.bytes(count: hexBytes(msg).count), hexBytes(msg), "entry \(index) msg")
    }
  }
}

final class SecretBytesLifecycleTests: XCTestCase {
  private struct Refused: Error {}

  /// A throwing initializer must not free the storage twice (the object is released normally).
  func testThrowingInitializerReleasesOnce() {
    for _ in 0..<100 {
      XCTAssertThrowsError(try SecretBytes(count: 32) { _ in throw Refused() })
    }
  }

  func testCopiesFromContiguousAndNonContiguousCollections() {
    XCTAssertEqual(SecretBytes([1, 2, 3] as [UInt8]).copyBytes(), [1, 2, 3])
    XCTAssertEqual(SecretBytes(([9, 8, 7, 6] as [UInt8])[1...]).copyBytes(), [8, 7, 6])
    XCTAssertEqual(SecretBytes((1...4).map { UInt8($0) }.reversed()).copyBytes(), [4, 3, 2, 1])
  }
}
