import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// Known answers for the round-3 Falcon submission: the NIST KAT transcript (count, seed, mlen,
/// msg, pk, sk, smlen, sm), regenerated with the NIST DRBG and hashed with SHA-256, must equal
/// the hashes liboqs publishes for the official round-3 files (`single`: first entry, `all`: 100).
final class FalconKATTests: XCTestCase {
  struct Transcript {
    var text = ""
    var singleHash: [UInt8] = []
  }

  private func expectedHashes(_ alg: String) throws -> (single: String, all: String) {
    let url = try Vectors.shared("liboqs/sig-kats.json")
    guard let root = try Vectors.json(url) as? [String: Any], let entry = root[alg] as? [String: String],
      let single = entry["single"], let all = entry["all"]
    else { throw VectorError.malformed("sig-kats.json has no \(alg) entry") }
    return (single, all)
  }

  private func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02X", $0) }.joined() }

  private func transcript<P: FalconParameters>(_: P.Type, count: Int) -> Transcript {
    let master = NISTKATRandom(entropy: Array(0..<48))
    var t = Transcript()
    for i in 0..<count {
      let seed = master.bytes(count: 48)
      let msg = master.bytes(count: 33 * (i + 1))
      let drbg = NISTKATRandom(entropy: seed)
      let sk = FalconPrivateKey<P>(randomSource: drbg)
      let sm = sk.signedMessage(msg, randomSource: drbg)
      var entry = "count = \(i)\nseed = \(hex(seed))\nmlen = \(msg.count)\nmsg = \(hex(msg))\n"
      entry += "pk = \(hex(sk.publicKey.rawRepresentation))\nsk = \(hex(sk.rawRepresentation.copyBytes()))\n"
      entry += "smlen = \(sm.count)\nsm = \(hex(sm))\n"
      XCTAssertEqual(sk.publicKey.openSignedMessage(sm), msg, "entry \(i): own signature must verify")
      if i == 0 { t.singleHash = SHA256.hash(Array(entry.utf8)) }
      t.text += (i == 0 ? "" : "\n") + entry
    }
    return t
  }

  private func check<P: FalconParameters>(_: P.Type) throws {
    let expected = try expectedHashes(P.name)
    let t = transcript(P.self, count: 100)
    XCTAssertEqual(hexString(t.singleHash), expected.single, "\(P.name) KAT entry 0 (pk, sk, sm)")
    XCTAssertEqual(hexString(SHA256.hash(Array(t.text.utf8))), expected.all, "\(P.name) KAT entries 0-99")
  }

  func testFalcon512ReproducesAll100Round3KnownAnswers() throws { try check(Falcon512.self) }

  func testFalcon1024ReproducesAll100Round3KnownAnswers() throws { try check(Falcon1024.self) }
}
