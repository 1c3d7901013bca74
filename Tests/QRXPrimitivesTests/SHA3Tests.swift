import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// NIST CAVP SHA-3 and SHAKE byte-oriented vectors (FIPS 202), from cryptography-vectors.
final class SHA3Tests: XCTestCase {
  private func messages(_ file: String) throws -> [(message: [UInt8], digest: [UInt8])] {
    let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/\(file)"))
    return records.compactMap { record in
      guard let length = record["Len"].flatMap({ Int($0) }), let msg = record["Msg"],
        let digest = record["MD"] ?? record["Output"]
      else { return nil }
      return (Array(hexBytes(msg).prefix(length / 8)), hexBytes(digest))
    }
  }

  private func checkFixed(_ function: (some SHA3Function).Type, _ prefix: String) throws {
    for kind in ["ShortMsg", "LongMsg"] {
      let cases = try messages("SHA3/\(prefix)\(kind).rsp")
      XCTAssertGreaterThan(cases.count, 60, "\(prefix)\(kind): too few vectors parsed")
      for (index, test) in cases.enumerated() {
        XCTAssertEqual(function.hash(test.message), test.digest, "\(prefix)\(kind) #\(index)")
      }
    }
  }

  func testSHA3_224ShortAndLong() throws { try checkFixed(SHA3_224.self, "SHA3_224") }
  func testSHA3_256ShortAndLong() throws { try checkFixed(SHA3_256.self, "SHA3_256") }
  func testSHA3_384ShortAndLong() throws { try checkFixed(SHA3_384.self, "SHA3_384") }
  func testSHA3_512ShortAndLong() throws { try checkFixed(SHA3_512.self, "SHA3_512") }

  /// SHA3VS Monte Carlo: MD_i = SHA3(MD_{i-1}), 1000 times per checkpoint.
  private func checkMonte(_ function: (some SHA3Function).Type, _ prefix: String) throws {
    let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/SHA3/\(prefix)Monte.rsp"))
    guard let seed = records.first(where: { $0["Seed"] != nil })?["Seed"] else {
      throw VectorError.malformed("no Seed in \(prefix)Monte.rsp")
    }
    let checkpoints = records.compactMap { $0["MD"] }.map { hexBytes($0) }
    XCTAssertEqual(checkpoints.count, 100)
    var md = hexBytes(seed)
    for (j, expected) in checkpoints.enumerated() {
      for _ in 0..<1000 { md = function.hash(md) }
      XCTAssertEqual(md, expected, "\(prefix) Monte checkpoint \(j)")
      if md != expected { return }
    }
  }

  func testSHA3_224Monte() throws { try checkMonte(SHA3_224.self, "SHA3_224") }
  func testSHA3_256Monte() throws { try checkMonte(SHA3_256.self, "SHA3_256") }
  func testSHA3_384Monte() throws { try checkMonte(SHA3_384.self, "SHA3_384") }
  func testSHA3_512Monte() throws { try checkMonte(SHA3_512.self, "SHA3_512") }

  private func shake(_ bits: Int, _ message: [UInt8], _ length: Int) -> [UInt8] {
    bits == 128 ? SHAKE128.hash(message, outputLength: length) : SHAKE256.hash(message, outputLength: length)
  }

  private func checkShakeMessages(_ bits: Int) throws {
    for kind in ["ShortMsg", "LongMsg"] {
      let cases = try messages("SHAKE/SHAKE\(bits)\(kind).rsp")
      XCTAssertGreaterThan(cases.count, 60)
      for (index, test) in cases.enumerated() {
        XCTAssertEqual(shake(bits, test.message, test.digest.count), test.digest, "SHAKE\(bits) \(kind) #\(index)")
      }
    }
  }

  func testSHAKE128ShortAndLong() throws { try checkShakeMessages(128) }
  func testSHAKE256ShortAndLong() throws { try checkShakeMessages(256) }

  private func checkVariableOut(_ bits: Int) throws {
    let records = try Vectors.rsp(Vectors.pypi("cryptography_vectors/hashes/SHAKE/SHAKE\(bits)VariableOut.rsp"))
    var count = 0
    for record in records {
      guard let outputBits = record["Outputlen"].flatMap({ Int($0) }), let msg = record["Msg"],
        let output = record["Output"]
      else { continue }
      XCTAssertEqual(outputBits % 8, 0)
      XCTAssertEqual(
        shake(bits, hexBytes(msg), outputBits / 8), hexBytes(output), "VariableOut \(record["COUNT"] ?? "")")
      count += 1
    }
    XCTAssertGreaterThan(count, 200)
  }

  func testSHAKE128VariableOut() throws { try checkVariableOut(128) }
  func testSHAKE256VariableOut() throws { try checkVariableOut(256) }

  /// SHAKE Monte Carlo (SHA3VS, Section 6.3.3): the next message is the first 16 bytes of the last
  /// output, and the next output length comes from its last two bytes.
  private func checkShakeMonte(_ bits: Int) throws {
    let url = try Vectors.pypi("cryptography_vectors/hashes/SHAKE/SHAKE\(bits)Monte.rsp")
    let text = try String(contentsOf: url, encoding: .utf8)
    func header(_ name: String) throws -> Int {
      guard let range = text.range(of: "[\(name) = "),
        let end = text[range.upperBound...].firstIndex(of: "]"),
        let value = Int(text[range.upperBound..<end])
      else { throw VectorError.malformed("missing \(name)") }
      return value
    }
    let minBytes = try header("Minimum Output Length (bits)") / 8
    let maxBytes = try header("Maximum Output Length (bits)") / 8
    let records = try Vectors.rsp(url)
    guard let message = records.first(where: { $0["Msg"] != nil })?["Msg"] else {
      throw VectorError.malformed("no Msg")
    }
    let checkpoints = records.compactMap { $0["Output"] }.map { hexBytes($0) }
    XCTAssertEqual(checkpoints.count, 100)
    let range = maxBytes - minBytes + 1
    var outputLength = maxBytes
    var output = hexBytes(message)
    for (j, expected) in checkpoints.enumerated() {
      for _ in 0..<1000 {
        var next = Array(output.prefix(16))
        next += [UInt8](repeating: 0, count: 16 - next.count)
        output = shake(bits, next, outputLength)
        let rightmost = Int(output[output.count - 2]) << 8 | Int(output[output.count - 1])
        outputLength = minBytes + rightmost % range
      }
      XCTAssertEqual(output, expected, "SHAKE\(bits) Monte checkpoint \(j)")
      if output != expected { return }
    }
  }

  func testSHAKE128Monte() throws { try checkShakeMonte(128) }
  func testSHAKE256Monte() throws { try checkShakeMonte(256) }

  /// Incremental absorbing in odd pieces and squeezing in odd pieces equals the one-shot result,
  /// which itself is pinned to the NIST vectors above.
  func testIncrementalAbsorbAndSqueezeMatchOneShot() {
    let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let oneShot = SHAKE128.hash(message, outputLength: 700)
    for pieceSize in [1, 7, 167, 168, 169, 500] {
      var shake = SHAKE128()
      var offset = 0
      while offset < message.count {
        let end = min(message.count, offset + pieceSize)
        shake.absorb(message[offset..<end])
        offset = end
      }
      var output: [UInt8] = []
      for squeezeSize in [1, 0, 167, 168, 200, 164] { output += shake.squeeze(count: squeezeSize) }
      XCTAssertEqual(output, oneShot, "piece size \(pieceSize)")
    }
  }

  /// `squeezeBlock` reads the same stream as `squeeze`, a whole block at a time.
  func testSqueezeBlockReadsTheOutputStream() {
    let expected = SHAKE256.hash([1, 2, 3], outputLength: 3 * SHAKE256.rate)
    var shake = SHAKE256()
    shake.absorb([1, 2, 3])
    var blocks: [UInt8] = []
    for _ in 0..<3 { blocks += shake.squeezeBlock { Array($0) } }
    XCTAssertEqual(blocks, expected)
  }

  /// Keccak-256 as Ethereum uses it: the empty-string digest is the well-known constant of the Ethereum
  /// yellow paper (c5d246...a470), which differs from SHA3-256's.
  func testKeccak256EmptyString() {
    XCTAssertEqual(
      Hex.encode(Keccak256.hash([UInt8]())), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
  }

  /// TurboSHAKE128 (RFC 9861, Section 5): M = empty, D = 0x1F, 32 bytes.
  func testTurboSHAKE128EmptyMessage() {
    var sponge = TurboSHAKE.turboSHAKE128(domain: 0x1F)
    XCTAssertEqual(
      Hex.encode(sponge.squeeze(count: 32)), "1e415f1c5983aff2169217277d17bb538cd945a397ddec541f1ce41af2c1b74c")
  }

  /// TurboSHAKE256 (RFC 9861, Section 5): M = empty, D = 0x1F, 64 bytes.
  func testTurboSHAKE256EmptyMessage() {
    var sponge = TurboSHAKE.turboSHAKE256(domain: 0x1F)
    XCTAssertEqual(
      Hex.encode(sponge.squeeze(count: 64)),
      "367a329dafea871c7802ec67f905ae13c57695dc2c6663c61035f59a18f8e7db"
        + "11edc0e12e91ea60eb6b32df06dd7f002fbafabb6e13ec1cc20d995547600db0")
  }
}
