import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

/// Wycheproof ML-DSA vectors (C2SP/wycheproof testvectors_v1): signing from the seed ξ and from the
/// expanded private key (deterministic unless `rnd` is given; from μ where no message is given),
/// and verification, including malformed keys, signatures, hints and contexts. No case here is
/// `acceptable`; every `invalid` signing case must fail at key import or at signing.
final class MLDSAWycheproofTests: XCTestCase {
  private struct Counts {
    var passed = 0
    var total = 0
    mutating func record(_ ok: Bool) {
      total += 1
      if ok { passed += 1 }
    }
  }

  private func load(_ file: String) throws -> [[String: Any]] {
    let url = try Vectors.shared("wycheproof/\(file)")
    guard let root = try Vectors.json(url) as? [String: Any], let groups = root["testGroups"] as? [[String: Any]]
    else { throw VectorError.malformed(file) }
    return groups
  }

  func testSignWithSeed44() throws { try sign(MLDSA44.PrivateKey.self, "44", seeded: true, expected: 86) }
  func testSignWithSeed65() throws { try sign(MLDSA65.PrivateKey.self, "65", seeded: true, expected: 105) }
  func testSignWithSeed87() throws { try sign(MLDSA87.PrivateKey.self, "87", seeded: true, expected: 96) }
  func testSignWithExpandedKey44() throws { try sign(MLDSA44.PrivateKey.self, "44", seeded: false, expected: 73) }
  func testSignWithExpandedKey65() throws { try sign(MLDSA65.PrivateKey.self, "65", seeded: false, expected: 78) }
  func testSignWithExpandedKey87() throws { try sign(MLDSA87.PrivateKey.self, "87", seeded: false, expected: 69) }
  func testVerify44() throws { try verify(MLDSA44.PrivateKey.self, "44", expected: 180) }
  func testVerify65() throws { try verify(MLDSA65.PrivateKey.self, "65", expected: 210) }
  func testVerify87() throws { try verify(MLDSA87.PrivateKey.self, "87", expected: 241) }

  private func sign<K: TestMLDSAPrivateKey>(_: K.Type, _ set: String, seeded: Bool, expected: Int) throws {
    let file = "mldsa_\(set)_sign_\(seeded ? "seed" : "noseed")_test.json"
    var counts = Counts()
    for group in try load(file) {
      let keyBytes = hexBytes(group[seeded ? "privateSeed" : "privateKey"] as? String ?? "")
      let groupPublicKey = group["publicKey"] as? String
      let key = Result { seeded ? try K(seedRepresentation: keyBytes) : try K(expandedRepresentation: keyBytes) }
      for test in group["tests"] as? [[String: Any]] ?? [] {
        let label = "\(file) tcId \(test["tcId"] ?? "?") (\(test["comment"] ?? ""))"
        let valid = (test["result"] as? String) == "valid"
        let signature = Result { () throws -> [UInt8] in
          let key = try key.get()
          if let groupPublicKey {
            XCTAssertTrue(key.publicKey.rawRepresentation == hexBytes(groupPublicKey), "\(label): public key")
          }
          let rnd = hexBytes(test["rnd"] as? String ?? String(repeating: "00", count: 32))
          if let msg = test["msg"] as? String {
            let context = hexBytes(test["ctx"] as? String ?? "")
            if let mu = test["mu"] as? String {
              XCTAssertEqual(try key.publicKey.mu(for: hexBytes(msg), context: context), hexBytes(mu), "\(label): μ")
            }
            return try key.testingOnlySignature(for: hexBytes(msg), context: context, rnd: rnd)
          }
          return key.testingOnlySignature(forMu: hexBytes(test["mu"] as? String ?? ""), rnd: rnd)
        }
        switch signature {
        case .success(let produced):
          let ok = valid && produced == hexBytes(test["sig"] as? String ?? "")
          XCTAssertTrue(ok, "\(label): \(valid ? "signature differs" : "signing should have failed")")
          counts.record(ok)
        case .failure(let error):
          XCTAssertFalse(valid, "\(label): unexpected error \(error)")
          counts.record(!valid)
        }
      }
    }
    XCTAssertEqual(counts.total, expected, "\(file): case count")
    XCTAssertEqual(counts.passed, counts.total)
    print("Wycheproof \(file): \(counts.passed)/\(counts.total)")
  }

  private func verify<K: TestMLDSAPrivateKey>(_: K.Type, _ set: String, expected: Int) throws {
    let file = "mldsa_\(set)_verify_test.json"
    var counts = Counts()
    for group in try load(file) {
      let publicKey = Result { try K.PublicKeyType(rawRepresentation: hexBytes(group["publicKey"] as? String ?? "")) }
      for test in group["tests"] as? [[String: Any]] ?? [] {
        let label = "\(file) tcId \(test["tcId"] ?? "?") (\(test["comment"] ?? ""))"
        let valid = (test["result"] as? String) == "valid"
        switch publicKey {
        case .success(let key):
          let accepted = key.isValidSignature(
            hexBytes(test["sig"] as? String ?? ""), for: hexBytes(test["msg"] as? String ?? ""),
            context: hexBytes(test["ctx"] as? String ?? ""))
          XCTAssertEqual(accepted, valid, label)
          counts.record(accepted == valid)
        case .failure:
          // Only keys of the wrong length are rejected at import.
          XCTAssertFalse(valid, "\(label): public key rejected")
          counts.record(!valid)
        }
      }
    }
    XCTAssertEqual(counts.total, expected, "\(file): case count")
    XCTAssertEqual(counts.passed, counts.total)
    print("Wycheproof \(file): \(counts.passed)/\(counts.total)")
  }
}
