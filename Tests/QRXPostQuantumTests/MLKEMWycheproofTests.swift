import QRXPostQuantum
import QRXTestSupport
import XCTest

/// Wycheproof's ML-KEM files (C2SP/wycheproof `testvectors_v1`): decapsulation from a seed
/// (`mlkem_*_test`), encapsulation with m including unreduced and wrong-length keys
/// (`_encaps_test`), key generation from a seed (`_keygen_seed_test`) and decapsulation with an
/// expanded key including corrupted keys (`_semi_expanded_decaps_test`). Every case is either
/// `valid` or `invalid` in these files; an `acceptable` case would fail the test until decided.
final class MLKEMWycheproofTests: XCTestCase {
  struct File: Decodable {
    let numberOfTests: Int
    let testGroups: [Group]
  }
  struct Group: Decodable {
    let parameterSet: String
    let tests: [Case]
  }
  struct Case: Decodable {
    let tcId: Int
    let comment: String?
    let flags: [String]?
    let seed: String?
    let ek: String?
    let dk: String?
    let m: String?
    let c: String?
    let K: String?
    let result: String
  }

  func testDecapsulationFromSeed512() throws { try runDecapsulation("mlkem_512_test.json") }
  func testDecapsulationFromSeed768() throws { try runDecapsulation("mlkem_768_test.json") }
  func testDecapsulationFromSeed1024() throws { try runDecapsulation("mlkem_1024_test.json") }
  func testEncapsulation512() throws { try runEncapsulation("mlkem_512_encaps_test.json") }
  func testEncapsulation768() throws { try runEncapsulation("mlkem_768_encaps_test.json") }
  func testEncapsulation1024() throws { try runEncapsulation("mlkem_1024_encaps_test.json") }
  func testKeyGenerationFromSeed512() throws { try runKeyGeneration("mlkem_512_keygen_seed_test.json") }
  func testKeyGenerationFromSeed768() throws { try runKeyGeneration("mlkem_768_keygen_seed_test.json") }
  func testKeyGenerationFromSeed1024() throws { try runKeyGeneration("mlkem_1024_keygen_seed_test.json") }
  func testExpandedKeyDecapsulation512() throws {
    try runExpandedDecapsulation("mlkem_512_semi_expanded_decaps_test.json")
  }
  func testExpandedKeyDecapsulation768() throws {
    try runExpandedDecapsulation("mlkem_768_semi_expanded_decaps_test.json")
  }
  func testExpandedKeyDecapsulation1024() throws {
    try runExpandedDecapsulation("mlkem_1024_semi_expanded_decaps_test.json")
  }

  /// Loads `name` and runs `body` on every case; `body` returns whether the case passed.
  private func run(_ name: String, _ body: (MLKEMUnderTest, Case, String) throws -> Bool) throws {
    let file = try Vectors.decode(File.self, from: Vectors.shared("wycheproof/\(name)"))
    var passed = 0
    var total = 0
    for group in file.testGroups {
      guard let kem = MLKEMUnderTest.named(group.parameterSet) else {
        XCTFail("\(name): unknown parameter set \(group.parameterSet)")
        continue
      }
      for test in group.tests {
        total += 1
        let label = "\(name) tcId \(test.tcId) (\(test.comment ?? ""), \(test.flags ?? []))"
        XCTAssert(test.result == "valid" || test.result == "invalid", "\(label): undecided result \(test.result)")
        if try body(kem, test, label) { passed += 1 }
      }
    }
    XCTAssertEqual(total, file.numberOfTests, "\(name): numberOfTests")
    mlkemReportVectorCount(name, passed: passed, total: total)
  }

  /// Expects `body` to throw; returns whether it did.
  private func expectThrows(_ label: String, _ body: () throws -> Void) -> Bool {
    do {
      try body()
      XCTFail("\(label): accepted an invalid input")
      return false
    } catch {
      return true
    }
  }

  private func equal(_ actual: [UInt8], _ expected: String?, _ label: String) -> Bool {
    guard let expected else {
      XCTFail("\(label): no expected value in the file")
      return false
    }
    guard actual == hexBytes(expected) else {
      XCTFail("\(label): got \(hexString(actual)), expected \(expected)")
      return false
    }
    return true
  }

  private func runDecapsulation(_ name: String) throws {
    try run(name) { kem, test, label in
      let seed = hexBytes(test.seed ?? "")
      let c = hexBytes(test.c ?? "")
      if test.result == "valid" {
        let ek = try kem.publicKeyFromSeed(seed)
        let K = try kem.decapsulateWithSeed(seed, c)
        return equal(ek, test.ek, "\(label): ek") && equal(K, test.K, "\(label): K")
      }
      // Invalid cases: a seed or a ciphertext of the wrong length.
      let seedIsWellFormed = seed.count == 64
      let ciphertextIsWellFormed = c.count == kem.ciphertextByteCount
      XCTAssertFalse(seedIsWellFormed && ciphertextIsWellFormed, "\(label): nothing wrong with this case's lengths")
      return expectThrows(label) { _ = try kem.decapsulateWithSeed(seed, c) }
    }
  }

  private func runEncapsulation(_ name: String) throws {
    try run(name) { kem, test, label in
      let ek = hexBytes(test.ek ?? "")
      let m = hexBytes(test.m ?? "")
      if test.result == "valid" {
        let (K, c) = try kem.encapsulate(ek, m)
        return equal(c, test.c, "\(label): c") && equal(K, test.K, "\(label): K")
      }
      return expectThrows(label) { _ = try kem.encapsulate(ek, m) }
    }
  }

  private func runKeyGeneration(_ name: String) throws {
    try run(name) { kem, test, label in
      XCTAssertEqual(test.result, "valid", "\(label): only valid key generation cases are expected")
      let seed = hexBytes(test.seed ?? "")
      let key = try kem.generate(Array(seed[0..<32]), Array(seed[32..<64]))
      return equal(key.ek, test.ek, "\(label): ek") && equal(key.dk, test.dk, "\(label): dk")
        && equal(key.seed ?? [], test.seed, "\(label): stored seed")
    }
  }

  private func runExpandedDecapsulation(_ name: String) throws {
    try run(name) { kem, test, label in
      let dk = hexBytes(test.dk ?? "")
      let c = hexBytes(test.c ?? "")
      if test.result == "valid" {
        let ek = try kem.publicKeyFromExpanded(dk)
        let K = try kem.decapsulateWithExpanded(dk, c)
        return equal(ek, test.ek, "\(label): ek") && equal(K, test.K, "\(label): K")
      }
      return expectThrows(label) { _ = try kem.decapsulateWithExpanded(dk, c) }
    }
  }
}
