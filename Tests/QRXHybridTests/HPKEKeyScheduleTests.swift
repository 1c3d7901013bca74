import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// The HPKE key schedule, contexts and exports on the 13 draft-ietf-hpke-pq vectors, starting from
/// each vector's `shared_secret` (no KEM involved).
final class HPKEKeyScheduleTests: XCTestCase {
  func testAllVectorsAreKnownSuites() throws {
    let vectors = try HPKEVector.load()
    XCTAssertEqual(vectors.count, 13)
    for v in vectors {
      XCTAssertEqual(v.mode, 0, v.label)
      XCTAssertNotNil(HPKEKDF(rawValue: v.kdf_id), v.label)
      XCTAssertNotNil(HPKEAEAD(rawValue: v.aead_id), v.label)
    }
  }

  func testSuiteIDs() throws {
    for v in try HPKEVector.load() {
      let kdf = try XCTUnwrap(HPKEKDF(rawValue: v.kdf_id))
      let aead = try XCTUnwrap(HPKEAEAD(rawValue: v.aead_id))
      XCTAssertEqual(hexString(LabeledKDF.hpkeSuiteID(kemID: v.kem_id, kdf: kdf, aead: aead)), v.suite_id, v.label)
    }
  }

  func testKeyScheduleGivesKeyNonceAndExporterSecret() throws {
    var checked = 0
    for v in try HPKEVector.load() {
      let state = try schedule(v)
      XCTAssertEqual(hexString(state.key.copyBytes()), v.key, "key, \(v.label)")
      XCTAssertEqual(hexString(state.baseNonce.copyBytes()), v.base_nonce, "base_nonce, \(v.label)")
      XCTAssertEqual(hexString(state.exporterSecret.copyBytes()), v.exporter_secret, "exporter_secret, \(v.label)")
      checked += 1
    }
    XCTAssertEqual(checked, 13)
  }

  func testEveryEncryptionSealsAndOpens() throws {
    var checked = 0
    for v in try HPKEVector.load() {
      let state = try schedule(v)
      var sender = HPKESenderContext(state: state)
      var recipient = HPKERecipientContext(state: state)
      for (seq, e) in v.encryptions.enumerated() {
        XCTAssertEqual(hexString(sender.state.computeNonce()), e.nonce, "nonce \(seq), \(v.label)")
        let ct = try sender.seal(hexBytes(e.pt), authenticating: hexBytes(e.aad))
        XCTAssertEqual(hexString(ct), e.ct, "ct \(seq), \(v.label)")
        let pt = try recipient.open(hexBytes(e.ct), authenticating: hexBytes(e.aad))
        XCTAssertEqual(hexString(pt), e.pt, "pt \(seq), \(v.label)")
        checked += 1
      }
    }
    XCTAssertEqual(checked, 130)
  }

  func testEveryExport() throws {
    var checked = 0
    for v in try HPKEVector.load() {
      let state = try schedule(v)
      let sender = HPKESenderContext(state: state)
      let recipient = HPKERecipientContext(state: state)
      for x in v.exports {
        let context = hexBytes(x.exporter_context)
        XCTAssertEqual(
          hexString(try sender.export(context: context, length: x.L).copyBytes()), x.exported_value, v.label)
        XCTAssertEqual(
          hexString(try recipient.export(context: context, length: x.L).copyBytes()), x.exported_value, v.label)
        checked += 1
      }
    }
    XCTAssertEqual(checked, 65)
  }

  func testOpenRejectsAlteredCiphertextAndKeepsSequence() throws {
    let v = try XCTUnwrap(try HPKEVector.load().first)
    var recipient = HPKERecipientContext(state: try schedule(v))
    var altered = hexBytes(v.encryptions[0].ct)
    altered[0] ^= 1
    XCTAssertThrowsError(try recipient.open(altered, authenticating: hexBytes(v.encryptions[0].aad))) {
      XCTAssertEqual($0 as? HPKEError, .openFailure)
    }
    XCTAssertThrowsError(try recipient.open(hexBytes(v.encryptions[0].ct), authenticating: [1])) {
      XCTAssertEqual($0 as? HPKEError, .openFailure)
    }
    XCTAssertThrowsError(try recipient.open([1, 2, 3])) { XCTAssertEqual($0 as? HPKEError, .openFailure) }
    // The failed attempts did not advance the sequence number: message 0 still opens.
    let pt = try recipient.open(hexBytes(v.encryptions[0].ct), authenticating: hexBytes(v.encryptions[0].aad))
    XCTAssertEqual(hexString(pt), v.encryptions[0].pt)
  }

  func testSequenceNumberOverflowIsRefused() throws {
    let v = try XCTUnwrap(try HPKEVector.load().first)
    var sender = HPKESenderContext(state: try schedule(v))
    sender.state.sequenceNumber = UInt64.max - 1
    XCTAssertNoThrow(try sender.seal([1]))
    XCTAssertThrowsError(try sender.seal([1])) { XCTAssertEqual($0 as? HPKEError, .messageLimitReached) }
    var recipient = HPKERecipientContext(state: try schedule(v))
    recipient.state.sequenceNumber = UInt64.max
    XCTAssertThrowsError(try recipient.open([UInt8](repeating: 0, count: 32))) {
      XCTAssertEqual($0 as? HPKEError, .messageLimitReached)
    }
  }

  func testExportOnlyContextRefusesToSealButExports() throws {
    let secret = SecretBytes([UInt8](repeating: 7, count: 32))
    let state = try HPKECiphersuite.keySchedule(
      kemID: 0x647a, kdf: .shake256, aead: .exportOnly, sharedSecret: secret, info: [])
    XCTAssertEqual(state.key.count, 0)
    XCTAssertEqual(state.baseNonce.count, 0)
    XCTAssertEqual(state.exporterSecret.count, 64)
    var sender = HPKESenderContext(state: state)
    XCTAssertThrowsError(try sender.seal([1])) { XCTAssertEqual($0 as? HPKEError, .exportOnlyContext) }
    XCTAssertEqual(try sender.export(context: [], length: 17).count, 17)
  }

  func testOversizedInfoIsATypedError() throws {
    let secret = SecretBytes([UInt8](repeating: 7, count: 32))
    for kdf in [HPKEKDF.shake256, .hkdfSHA256] {
      XCTAssertThrowsError(
        try HPKECiphersuite.keySchedule(
          kemID: 0x647a, kdf: kdf, aead: .aes128GCM, sharedSecret: secret, info: [UInt8](repeating: 0, count: 65536))
      ) { XCTAssertEqual($0 as? HPKEError, .inputTooLong(what: "info", maximum: 65535, actual: 65536)) }
    }
  }

  private func schedule(_ v: HPKEVector) throws -> HPKEContextState {
    let kdf = try XCTUnwrap(HPKEKDF(rawValue: v.kdf_id))
    let aead = try XCTUnwrap(HPKEAEAD(rawValue: v.aead_id))
    return try HPKECiphersuite.keySchedule(
      kemID: v.kem_id, kdf: kdf, aead: aead, sharedSecret: SecretBytes(hexBytes(v.shared_secret)),
      info: hexBytes(v.info))
  }
}
