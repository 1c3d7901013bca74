import QRXPrimitives
import QRXTestSupport
import XCTest

/// `KeccakF1600.permute`, the public permutation, against SHAKE256 through the sponge.
final class KeccakF1600Tests: XCTestCase {
  /// One permutation of a padded one-block state gives SHAKE256's first output block.
  private func shake256OneBlock(_ message: [UInt8]) -> [UInt8] {
    precondition(message.count < 136)
    var lanes = [UInt64](repeating: 0, count: 25)
    var block = message + [0x1F] + [UInt8](repeating: 0, count: 135 - message.count)
    block[135] ^= 0x80
    for i in 0..<17 {
      for j in 0..<8 { lanes[i] |= UInt64(block[8 * i + j]) << (8 * UInt64(j)) }
    }
    lanes.withUnsafeMutableBufferPointer { KeccakF1600.permute($0.baseAddress!) }
    return (0..<136).map { UInt8(truncatingIfNeeded: lanes[$0 / 8] >> (8 * UInt64($0 % 8))) }
  }

  /// SHAKE256 of the empty string (FIPS 202 example value).
  func testEmptyMessageGivesTheKnownSHAKE256Value() {
    XCTAssertEqual(
      hexString(Array(shake256OneBlock([])[..<32])),
      "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f")
  }

  /// Agrees with the sponge's permutation on every message length that fits one block.
  func testAgreesWithTheSpongeOnOneBlockMessages() {
    var shake = SHAKE256()
    shake.absorb(Array("KeccakF1600Tests".utf8))
    for length in 0..<136 {
      let message = shake.squeeze(count: length)
      XCTAssertEqual(shake256OneBlock(message), SHAKE256.hash(message, outputLength: 136), "length \(length)")
    }
  }
}
