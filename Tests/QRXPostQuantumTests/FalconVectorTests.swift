import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// The shared `falcon/falcon{512,1024}-KAT.rsp` files. Their private keys are 4097 / 8193 bytes
/// (f, g, F, G as 16-bit big-endian values after a 0x09 / 0x0A header): the round-1 submission's
/// uncompressed encoding, made by the round-1 key generator and sampler (sigma = 1.55 sqrt(q)).
/// A round-3 implementation cannot regenerate them, but every key and signature in them is a
/// valid Falcon object for the round-3 verifier: the signatures verify, and each private basis
/// yields the file's public key and satisfies f G - g F = q.
final class FalconVectorTests: XCTestCase {
  private func records(_ name: String) throws -> [[String: String]] {
    let all = try Vectors.rsp(try Vectors.shared("falcon/\(name)"))
    XCTAssertEqual(all.count, 100, "\(name) should hold 100 entries")
    return all
  }

  private func check<P: FalconParameters>(_: P.Type, file: String) throws {
    var verified = 0
    var keysChecked = 0
    for record in try records(file) {
      let count = record["count"] ?? "?"
      let pkBytes = hexBytes(record["pk"] ?? "")
      let msg = hexBytes(record["msg"] ?? "")
      let sm = hexBytes(record["sm"] ?? "")
      let pk = try FalconPublicKey<P>(rawRepresentation: pkBytes)
      XCTAssertEqual(pk.rawRepresentation, pkBytes, "entry \(count): public key re-encodes")
      if pk.openSignedMessage(sm) == msg { verified += 1 } else { XCTFail("entry \(count): signature rejected") }

      var tampered = sm
      tampered[tampered.count - 1] ^= 0x01
      XCTAssertNil(pk.openSignedMessage(tampered), "entry \(count): altered signature accepted")
      var otherMessage = sm
      otherMessage[42] ^= 0x80
      XCTAssertNil(pk.openSignedMessage(otherMessage), "entry \(count): altered message accepted")

      // The private basis: h = g / f must be the public key, and G must follow from f, g, F.
      let sk = hexBytes(record["sk"] ?? "")
      let n = P.degree
      XCTAssertEqual(sk.count, 1 + 8 * n)
      XCTAssertEqual(sk.first, UInt8(P.logn))
      var basis = [Int8](repeating: 0, count: 4 * n)
      var fits = true
      for i in 0..<(4 * n) {
        let v = Int16(bitPattern: UInt16(sk[1 + 2 * i]) << 8 | UInt16(sk[2 + 2 * i]))
        fits = fits && v >= -127 && v <= 127
        basis[i] = Int8(clamping: v)
      }
      XCTAssertTrue(fits, "entry \(count): basis coefficients fit in 8 bits")
      basis.withUnsafeBufferPointer { b in
        let p = b.baseAddress!
        let h = FalconModQ.publicKey(f: p, g: p + n, logn: P.logn)
        XCTAssertEqual(h, pk.h, "entry \(count): g / f is the public key")
        var G = [Int8](repeating: 0, count: n)
        let ok = FalconModQ.completePrivate(f: p, g: p + n, F: p + 2 * n, G: &G, logn: P.logn)
        XCTAssertTrue(ok, "entry \(count): NTRU equation solvable")
        XCTAssertEqual(G, Array(b[(3 * n)..<(4 * n)]), "entry \(count): G = (q + g F) / f")
      }
      keysChecked += 1
    }
    XCTAssertEqual(verified, 100, "\(file): signatures verified")
    XCTAssertEqual(keysChecked, 100)
  }

  func testFalcon512SharedKATSignaturesAndKeysAreValid() throws { try check(Falcon512.self, file: "falcon512-KAT.rsp") }

  func testFalcon1024SharedKATSignaturesAndKeysAreValid() throws {
    try check(Falcon1024.self, file: "falcon1024-KAT.rsp")
  }
}
