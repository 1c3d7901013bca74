import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// Deterministic randomness for tests: SHAKE-256 of a label.
final class FalconTestRandom: RandomSource {
  private var shake = SHAKE256()
  init(_ label: String) { shake.absorb(Array(label.utf8)) }
  func fill(_ buffer: UnsafeMutableRawBufferPointer) { shake.squeeze(into: buffer) }
}

final class FalconTests: XCTestCase {
  // MARK: Behaviour

  func testSignatureVerifiesAndBindsMessageAndKey() throws {
    let sk = Falcon512.PrivateKey(randomSource: FalconTestRandom("key"))
    let other = Falcon512.PrivateKey(randomSource: FalconTestRandom("other key"))
    let message = Array("transfer 100 BTC to cold storage".utf8)
    let sig = sk.signature(for: message)
    XCTAssertEqual(sig.first, 0x39)
    XCTAssertLessThanOrEqual(sig.count, Falcon512.maximumSignatureByteCount)
    XCTAssertTrue(sk.publicKey.isValidSignature(sig, for: message))
    XCTAssertFalse(sk.publicKey.isValidSignature(sig, for: message + [0]))
    XCTAssertFalse(other.publicKey.isValidSignature(sig, for: message))
  }

  func testFalcon1024SignatureVerifies() throws {
    let sk = Falcon1024.PrivateKey(randomSource: FalconTestRandom("key 1024"))
    let sig = sk.signature(for: [1, 2, 3])
    XCTAssertEqual(sig.first, 0x3A)
    XCTAssertTrue(sk.publicKey.isValidSignature(sig, for: [1, 2, 3]))
    XCTAssertFalse(sk.publicKey.isValidSignature(sig, for: [1, 2, 4]))
  }

  func testSeededKeyGenerationIsDeterministicAndSeedSensitive() throws {
    let seed = SecretBytes(Array(repeating: UInt8(7), count: 32))
    let a = try Falcon512.PrivateKey(seedRepresentation: seed)
    let b = try Falcon512.PrivateKey(seedRepresentation: seed)
    XCTAssertEqual(a.publicKey, b.publicKey)
    XCTAssertTrue(a.rawRepresentation.constantTimeEquals(b.rawRepresentation))
    var other = Array(repeating: UInt8(7), count: 32)
    other[31] = 8
    let c = try Falcon512.PrivateKey(seedRepresentation: SecretBytes(other))
    XCTAssertNotEqual(a.publicKey, c.publicKey)
    XCTAssertThrowsError(try Falcon512.PrivateKey(seedRepresentation: SecretBytes(zeroes: 31)))
  }

  func testPrivateKeyRoundTripsThroughItsEncoding() throws {
    let sk = Falcon1024.PrivateKey(randomSource: FalconTestRandom("roundtrip"))
    let raw = sk.rawRepresentation
    XCTAssertEqual(raw.count, Falcon1024.privateKeyByteCount)
    let back = try Falcon1024.PrivateKey(rawRepresentation: raw.copyBytes())
    XCTAssertEqual(back.publicKey, sk.publicKey)
    let pk = try Falcon1024.PublicKey(rawRepresentation: sk.publicKey.rawRepresentation)
    XCTAssertEqual(pk, sk.publicKey)
  }

  func testSizes() {
    XCTAssertEqual(Falcon512.publicKeyByteCount, 897)
    XCTAssertEqual(Falcon512.privateKeyByteCount, 1281)
    XCTAssertEqual(Falcon1024.publicKeyByteCount, 1793)
    XCTAssertEqual(Falcon1024.privateKeyByteCount, 2305)
  }

  // MARK: Malformed input

  func testMalformedPublicKeysThrow() throws {
    let good = Falcon512.PrivateKey(randomSource: FalconTestRandom("pk")).publicKey.rawRepresentation
    XCTAssertThrowsError(try Falcon512.PublicKey(rawRepresentation: good.dropLast()))
    XCTAssertThrowsError(try Falcon512.PublicKey(rawRepresentation: good + [0]))
    XCTAssertThrowsError(try Falcon512.PublicKey(rawRepresentation: [UInt8]()))
    var header = good
    header[0] = 0x0A
    XCTAssertThrowsError(try Falcon512.PublicKey(rawRepresentation: header))
    var outOfRange = good
    outOfRange[1] = 0xFF  // first coefficient 0x3FFx >= q
    outOfRange[2] |= 0xFC
    XCTAssertThrowsError(try Falcon512.PublicKey(rawRepresentation: outOfRange))
    XCTAssertThrowsError(try Falcon1024.PublicKey(rawRepresentation: good))
  }

  func testMalformedPrivateKeysThrow() throws {
    let good = Falcon512.PrivateKey(randomSource: FalconTestRandom("sk")).rawRepresentation.copyBytes()
    XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: good.dropLast()))
    XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: [UInt8]()))
    var header = good
    header[0] = 0x5A
    XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: header))
    // f_0 = -32 is the forbidden 6-bit value 100000.
    var forbidden = good
    forbidden[1] = (forbidden[1] & 0x03) | 0x80
    XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: forbidden))
    // Arbitrary small f, g, F are (almost surely) not an NTRU basis with a small G.
    var random = [UInt8](repeating: 0, count: good.count)
    random[0] = 0x59
    let r = FalconTestRandom("not a basis").bytes(count: good.count - 1)
    for i in 1..<good.count { random[i] = r[i - 1] & 0x41 }
    XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: random))
    XCTAssertThrowsError(try Falcon1024.PrivateKey(rawRepresentation: good))
  }

  func testNonCanonicalSignaturesAreRejected() throws {
    let sk = Falcon512.PrivateKey(randomSource: FalconTestRandom("canonical"))
    let message: [UInt8] = [42]
    let sig = sk.signature(for: message, randomSource: FalconTestRandom("sig"))
    XCTAssertTrue(sk.publicKey.isValidSignature(sig, for: message))

    XCTAssertFalse(sk.publicKey.isValidSignature(sig + [0], for: message), "trailing byte")
    XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig.dropLast()), for: message), "truncated")
    var header = sig
    header[0] = 0x29
    XCTAssertFalse(sk.publicKey.isValidSignature(header, for: message), "NIST sm header")
    XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig.prefix(41)), for: message), "no body")
    XCTAssertFalse(sk.publicKey.isValidSignature([], for: message))

    // Re-encode s2 with its first coefficient's sign flipped to "-0" where it is 0, or with
    // nonzero padding bits: decode, then craft.
    let body = Array(sig[41...])
    let s2 = try XCTUnwrap(FalconCodec.decompress(body[...], count: 512))
    var bits: [UInt8] = []
    func push(_ v: UInt32, _ count: Int) {
      for i in stride(from: count - 1, through: 0, by: -1) { bits.append(UInt8((v >> UInt32(i)) & 1)) }
    }
    func encode(_ values: [Int16], minusZeroAt: Int? = nil) -> [UInt8] {
      bits = []
      for (i, v) in values.enumerated() {
        let a = UInt32(abs(Int32(v)))
        push(v < 0 || i == minusZeroAt ? 1 : 0, 1)
        push(a & 127, 7)
        for _ in 0..<(a >> 7) { bits.append(0) }
        bits.append(1)
      }
      var out: [UInt8] = []
      var i = 0
      while i < bits.count {
        var byte: UInt8 = 0
        for j in 0..<8 { byte = byte << 1 | (i + j < bits.count ? bits[i + j] : 0) }
        out.append(byte)
        i += 8
      }
      return out
    }
    XCTAssertEqual(encode(s2), body, "test encoder matches")
    if let zero = s2.firstIndex(of: 0) {
      let minusZero = encode(s2, minusZeroAt: zero)
      XCTAssertNil(FalconCodec.decompress(minusZero[...], count: 512))
      XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig[..<41]) + minusZero, for: message), "-0")
    }
    if bits.count % 8 != 0 {
      var padded = body
      padded[padded.count - 1] |= 1
      XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig[..<41]) + padded, for: message), "padding bits")
    }
    // A coefficient above 2047 (sixteen zero bits of unary) is rejected.
    XCTAssertNil(FalconCodec.decompress([0x00, 0x00, 0x00, 0x80][...], count: 1))
  }

  func testRandomBytesNeverCrashTheDecoders() {
    let rng = FalconTestRandom("fuzz")
    let pk = Falcon512.PrivateKey(randomSource: FalconTestRandom("fuzz key")).publicKey
    for i in 0..<300 {
      let length = Int(rng.bytes(count: 2).withUnsafeBytes { $0.load(as: UInt16.self) }) % 1600
      var bytes = rng.bytes(count: length)
      if i % 3 == 0, !bytes.isEmpty { bytes[0] = 0x39 }
      XCTAssertFalse(pk.isValidSignature(bytes, for: [1]))
      XCTAssertNil(pk.openSignedMessage(bytes))
      _ = try? Falcon512.PublicKey(rawRepresentation: bytes)
      _ = try? Falcon512.PrivateKey(rawRepresentation: bytes)
      if length >= 897 {
        var key = Array(bytes.prefix(897))
        key[0] = 0x09
        _ = try? Falcon512.PublicKey(rawRepresentation: key)
      }
      if length >= 1281 {
        var key = Array(bytes.prefix(1281))
        key[0] = 0x59
        XCTAssertThrowsError(try Falcon512.PrivateKey(rawRepresentation: key))
      }
    }
  }
}
