import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXHybrid

/// One base-mode vector of hpke-pq/test-vectors.json (RFC 9180 layout).
struct HPKEVector: Decodable {
  struct Encryption: Decodable {
    let aad: String
    let ct: String
    let nonce: String
    let pt: String
  }

  struct Export: Decodable {
    let exporter_context: String
    let L: Int
    let exported_value: String
  }

  let mode: Int
  let kem_id: UInt16
  let kdf_id: UInt16
  let aead_id: UInt16
  let info: String
  let ikmE: String
  let ikmR: String
  let skRm: String
  let pkRm: String
  let enc: String
  let shared_secret: String
  let suite_id: String
  let key: String
  let base_nonce: String
  let exporter_secret: String
  let encryptions: [Encryption]
  let exports: [Export]

  var label: String {
    String(format: "kem 0x%04x kdf 0x%04x aead 0x%04x", kem_id, kdf_id, aead_id)
  }

  static func load() throws -> [HPKEVector] {
    try Vectors.decode([HPKEVector].self, from: Vectors.shared("hpke-pq/test-vectors.json"))
  }
}
