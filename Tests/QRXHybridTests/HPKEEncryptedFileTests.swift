import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// The `.qrx` file format: round trips at chunk boundaries, and every kind of tampering refused.
final class HPKEEncryptedFileTests: XCTestCase {
  let kem = ConcreteHybridKEM.xWing

  func testRoundTripsAtChunkBoundaries() throws {
    let (sk, pk) = try kem.generateKeyPair()
    let chunk = EncryptedFile.chunkByteCount
    for size in [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 7] {
      let plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let file = try EncryptedFile.encrypt(plaintext, to: pk, kem: kem, aad: [9, 9])
      let chunks = max(1, (size + chunk - 1) / chunk)
      let header = try EncryptedFile.Header.parse(file)
      XCTAssertEqual(file.count, header.length + size + 16 * chunks, "size \(size)")
      XCTAssertEqual(header.header.aad, [9, 9])
      XCTAssertEqual(header.header.kemID, 0x647a)
      XCTAssertEqual(try EncryptedFile.decrypt(file, privateKey: sk, kem: kem), plaintext, "size \(size)")
    }
  }

  func testHeaderLayoutIsTheDocumentedOne() throws {
    let (_, pk) = try kem.generateKeyPair()
    let file = try EncryptedFile.encrypt([1, 2, 3], to: pk, kem: kem, aad: [0xAA])
    XCTAssertEqual(Array(file[0..<4]), Array("QRXE".utf8))
    XCTAssertEqual(file[4], 1)
    XCTAssertEqual(Array(file[5..<11]), [0x64, 0x7a, 0x00, 0x11, 0x00, 0x02])  // X-Wing, SHAKE256, AES-256-GCM
    XCTAssertEqual(Array(file[11..<14]), [0x00, 0x01, 0xAA])
    XCTAssertEqual(Array(file[14..<16]), [0x04, 0x60])  // 1120-byte enc
    XCTAssertEqual(file.count, 16 + 1120 + 3 + 16)
  }

  func testEveryAlteredByteIsRefused() throws {
    let (sk, pk) = try kem.generateKeyPair()
    let file = try EncryptedFile.encrypt([UInt8](repeating: 0x5A, count: 100), to: pk, kem: kem, aad: [1])
    // A sample of positions across magic, version, suite, aad, enc and body.
    for index in [0, 4, 6, 8, 10, 12, 13, 15, 20, 600, 1135, 1136, 1140, file.count - 1] {
      var altered = file
      altered[index] ^= 0x01
      XCTAssertThrowsError(try EncryptedFile.decrypt(altered, privateKey: sk, kem: kem), "byte \(index)")
    }
  }

  func testTruncationAndReorderingAreRefused() throws {
    let (sk, pk) = try kem.generateKeyPair()
    let chunk = EncryptedFile.chunkByteCount
    let file = try EncryptedFile.encrypt([UInt8](repeating: 7, count: 3 * chunk), to: pk, kem: kem)
    let headerLength = try EncryptedFile.Header.parse(file).length
    let sealed = chunk + 16
    // Dropping the last whole chunk: the new last chunk was not sealed as last.
    let dropped = Array(file.dropLast(sealed))
    XCTAssertThrowsError(try EncryptedFile.decrypt(dropped, privateKey: sk, kem: kem)) {
      XCTAssertEqual($0 as? EncryptedFileError, .authenticationFailure)
    }
    // Swapping two chunks.
    var swapped = file
    let a = headerLength
    let b = headerLength + sealed
    swapped.replaceSubrange(a..<(a + sealed), with: file[b..<(b + sealed)])
    swapped.replaceSubrange(b..<(b + sealed), with: file[a..<(a + sealed)])
    XCTAssertThrowsError(try EncryptedFile.decrypt(swapped, privateKey: sk, kem: kem)) {
      XCTAssertEqual($0 as? EncryptedFileError, .authenticationFailure)
    }
    // Cutting into the header or leaving less than a tag.
    XCTAssertThrowsError(try EncryptedFile.decrypt(Array(file.prefix(headerLength + 15)), privateKey: sk, kem: kem)) {
      XCTAssertTrue($0 is EncryptedFileError)
    }
    for cut in [0, 3, 10, 500] {
      XCTAssertThrowsError(try EncryptedFile.decrypt(Array(file.prefix(cut)), privateKey: sk, kem: kem)) {
        XCTAssertTrue($0 is EncryptedFileError)
      }
    }
  }

  func testAHeaderNamingAnotherKEMIsRefusedBeforeDecapsulation() throws {
    let (_, pk) = try kem.generateKeyPair()
    let file = try EncryptedFile.encrypt([1], to: pk, kem: kem)
    let (otherSK, _) = try HPKEMLKEM.mlkem768.generateKeyPair()
    XCTAssertThrowsError(try EncryptedFile.decrypt(file, privateKey: otherSK, kem: HPKEMLKEM.mlkem768)) {
      XCTAssertEqual($0 as? EncryptedFileError, .kemMismatch(header: 0x647a, key: 0x0041))
    }
  }

  func testWrongKeyOfTheRightKEMFailsAuthentication() throws {
    let (_, pk) = try kem.generateKeyPair()
    let (otherSK, _) = try kem.generateKeyPair()
    let file = try EncryptedFile.encrypt([1, 2, 3], to: pk, kem: kem)
    XCTAssertThrowsError(try EncryptedFile.decrypt(file, privateKey: otherSK, kem: kem)) {
      XCTAssertEqual($0 as? EncryptedFileError, .authenticationFailure)
    }
  }

  func testMalformedHeadersAreTypedErrors() throws {
    let inputs: [[UInt8]] = [
      [], Array("QRXE".utf8), Array("QRXF".utf8) + [1], Array("QRXE".utf8) + [2],
      Array("QRXE".utf8) + [1, 0x64, 0x7a, 0x00, 0x11, 0xFF, 0xFF, 0, 0, 0, 0],
      Array("QRXE".utf8) + [1, 0x64, 0x7a, 0x00, 0x99, 0x00, 0x02, 0, 0, 0, 0],
      Array("QRXE".utf8) + [1, 0x64, 0x7a, 0x00, 0x11, 0x00, 0x02, 0xFF, 0xFF],
      Array("QRXE".utf8) + [1, 0x64, 0x7a, 0x00, 0x11, 0x00, 0x02, 0, 0, 0x04, 0x60, 1, 2],
    ]
    let (sk, _) = try kem.generateKeyPair()
    for input in inputs {
      XCTAssertThrowsError(try EncryptedFile.decrypt(input, privateKey: sk, kem: kem)) {
        XCTAssertTrue($0 is EncryptedFileError, "\($0)")
      }
    }
  }
}
