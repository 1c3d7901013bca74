import Foundation
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

/// C2SP CCTV `ml-kem/modulus`: encapsulation keys with one coefficient ≥ q. FIPS 203, Section 7.2
/// requires every one to be refused, and the decapsulation key check of Section 7.3 to refuse an
/// expanded key that embeds one.
final class MLKEMModulusCheckTests: XCTestCase {
  func testMLKEM512RefusesUnreducedKeys() throws { try runModulus(.mlkem512) }
  func testMLKEM768RefusesUnreducedKeys() throws { try runModulus(.mlkem768) }
  func testMLKEM1024RefusesUnreducedKeys() throws { try runModulus(.mlkem1024) }

  private func runModulus(_ kem: MLKEMUnderTest) throws {
    let url = try Vectors.shared("cctv/ml-kem/modulus/\(kem.name).txt.gz")
    let keys = try Vectors.gunzipLines(url).map { hexBytes($0) }
    var refused = 0
    for (index, ek) in keys.enumerated() {
      XCTAssertEqual(ek.count, kem.publicKeyByteCount, "line \(index + 1): length")
      do {
        _ = try kem.encapsulateRandom(ek)
        XCTFail("\(kem.name) modulus line \(index + 1): unreduced key accepted")
      } catch let error as MLKEMError {
        XCTAssertEqual(error, .encapsulationKeyNotReduced, "line \(index + 1)")
        if error == .encapsulationKeyNotReduced { refused += 1 }
      }
    }
    mlkemReportVectorCount("\(kem.name) CCTV modulus", passed: refused, total: keys.count)
  }

  /// An expanded key whose embedded ek is unreduced is refused even when its stored hash matches.
  func testExpandedKeyWithUnreducedEncapsulationKeyIsRefused() throws {
    for kem in MLKEMUnderTest.all {
      let url = try Vectors.shared("cctv/ml-kem/modulus/\(kem.name).txt.gz")
      guard let line = try Vectors.gunzipLines(url).first else { return XCTFail("\(kem.name): empty modulus file") }
      let (seed, _) = try kem.generateRandom()
      var dk = try kem.generate(Array(seed[0..<32]), Array(seed[32..<64])).dk
      let ek = hexBytes(line)
      let k = (kem.publicKeyByteCount - 32) / 384
      dk.replaceSubrange((384 * k)..<(768 * k + 32), with: ek)
      dk.replaceSubrange((768 * k + 32)..<(768 * k + 64), with: SHA3_256.hash(ek))
      XCTAssertThrowsError(try kem.decapsulateWithExpanded(dk, [UInt8](repeating: 0, count: kem.ciphertextByteCount))) {
        XCTAssertEqual($0 as? MLKEMError, .decapsulationKeyNotReduced, kem.name)
      }
    }
  }
}
