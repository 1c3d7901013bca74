import Foundation
import QRXPostQuantum
import QRXTestSupport
import XCTest

/// The 1000-entry known-answer files of cryptography-vectors for each parameter set
/// (`asymmetric/MLKEM/kat_MLKEM_{512,768,1024}.rsp`): key generation from (d, z), encapsulation
/// with m, decapsulation of ct, and implicit rejection of the invalid ciphertext ct_n.
final class MLKEMKnownAnswerTests: XCTestCase {
  func testMLKEM512KnownAnswers() throws { try runKnownAnswers(.mlkem512, file: "kat_MLKEM_512.rsp") }
  func testMLKEM768KnownAnswers() throws { try runKnownAnswers(.mlkem768, file: "kat_MLKEM_768.rsp") }
  func testMLKEM1024KnownAnswers() throws { try runKnownAnswers(.mlkem1024, file: "kat_MLKEM_1024.rsp") }

  private func runKnownAnswers(_ kem: MLKEMUnderTest, file: String) throws {
    let records = try countedRecords(Vectors.pypi("cryptography_vectors/asymmetric/MLKEM/\(file)"))
    var passed = 0
    for record in records {
      guard let count = record["count"], let d = record["d"], let z = record["z"], let msg = record["msg"],
        let pk = record["pk"], let sk = record["sk"], let ct = record["ct"], let ss = record["ss"],
        let ctN = record["ct_n"], let ssN = record["ss_n"]
      else {
        XCTFail("\(file): record without the expected fields: \(record.keys.sorted())")
        continue
      }
      let label = "\(kem.name) KAT count \(count)"
      let key = try kem.generate(hexBytes(d), hexBytes(z))
      let encapsulation = try kem.encapsulate(key.ek, hexBytes(msg))
      let decapsulated = try kem.decapsulateWithExpanded(hexBytes(sk), hexBytes(ct))
      let rejected = try kem.decapsulateWithExpanded(hexBytes(sk), hexBytes(ctN))
      var ok = true
      ok = check(key.ek, pk, "\(label): pk") && ok
      ok = check(key.dk, sk, "\(label): sk") && ok
      ok = check(encapsulation.c, ct, "\(label): ct") && ok
      ok = check(encapsulation.K, ss, "\(label): ss from encapsulation") && ok
      ok = check(decapsulated, ss, "\(label): ss from decapsulation") && ok
      ok = check(rejected, ssN, "\(label): implicit rejection of ct_n") && ok
      if ok { passed += 1 }
    }
    mlkemReportVectorCount("\(kem.name) \(file)", passed: passed, total: records.count)
    XCTAssertEqual(records.count, 1000, "\(file) should hold 1000 entries")
  }

  private func check(_ actual: [UInt8], _ expectedHex: String, _ message: String) -> Bool {
    let expected = hexBytes(expectedHex)
    guard actual == expected else {
      XCTFail("\(message): got \(hexString(actual)), expected \(expectedHex)")
      return false
    }
    return true
  }

  /// These files have no blank line between entries: a `count = ` line starts each one.
  private func countedRecords(_ url: URL) throws -> [[String: String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var records: [[String: String]] = []
    for line in text.split(whereSeparator: \.isNewline) {
      guard let equals = line.firstIndex(of: "=") else { continue }
      let name = line[..<equals].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if name == "count" { records.append([:]) }
      guard !records.isEmpty else { throw VectorError.malformed("\(url.lastPathComponent): field before count") }
      records[records.count - 1][name] = value
    }
    return records
  }
}
