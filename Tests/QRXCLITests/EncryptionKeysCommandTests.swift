import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// `qrx keys` and `qrx migrate` with key-encapsulation keys: X25519 encryption keys migrate to
/// X-Wing keys that keep them.
final class EncryptionKeysCommandTests: KeysCommandChecks {
  override func freshURL() throws -> String { try TestDatabases.sqliteURL(for: self) }

  func testX25519KeysMigrateToXWingBesideSignatureKeys() throws {
    let db = try freshURL()
    let encryption = try qrx(["keys", "generate", "--alg", "X25519", "--count", "2", "--db", db]).out
      .split(separator: "\n").map(String.init)
    let signing = try qrx(["keys", "generate", "--alg", "Ed25519", "--db", db]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let shown = try jsonObject(try qrx(["keys", "show", encryption[0], "--json", "--db", db]).out)
    XCTAssertEqual(shown["usage"] as? String, "encryption", "X25519 keys default to usage encryption")

    let report = try jsonObject(try qrx(["migrate", "--all", "--json", "--db", db]).out)
    let successes = try XCTUnwrap(report["successful_migrations"] as? [[String: String]])
    XCTAssertEqual(Set(successes.compactMap { $0["key_id"] }), Set(encryption + [signing]))
    XCTAssertEqual((report["failed_migrations"] as? [Any])?.count, 0)
    for success in successes where encryption.contains(success["key_id"] ?? "") {
      let hybrid = try XCTUnwrap(success["hybrid_key_id"])
      let result = try jsonObject(try qrx(["keys", "test", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(result["key_id"] as? String, hybrid)
      XCTAssertEqual(result["decapsulation_valid"] as? Bool, true)
      XCTAssertEqual(result["quantum_component_valid"] as? Bool, true)
      XCTAssertNil(result["signature_valid"], "a KEM key reports no signature")
      let new = try jsonObject(try qrx(["keys", "show", hybrid, "--json", "--db", db]).out)
      XCTAssertEqual(new["algorithm"] as? String, "X-Wing")
      XCTAssertEqual(new["continuity_valid"] as? Bool, true)
      let old = try jsonObject(try qrx(["keys", "show", success["key_id"]!, "--json", "--db", db]).out)
      let newKey = try Base64URL.decode(try XCTUnwrap(new["public_key"] as? String))
      let oldKey = try Base64URL.decode(try XCTUnwrap(old["public_key"] as? String))
      XCTAssertEqual(Array(newKey.suffix(32)), oldKey, "the X25519 key is kept")
    }
    let status = try jsonObject(try qrx(["migrate", "status", "--json", "--db", db]).out)
    XCTAssertEqual(status["completed"] as? Int, 3)
    XCTAssertEqual(status["not_migrated"] as? Int, 0)
    try qrx(["audit", "verify", "--db", db])
  }

  func testAKEMKeyRefusesToSignAndAMismatchedUsageIsRefused() throws {
    let db = try freshURL()
    let folder = try temporaryDirectory(self)
    let id = try qrx(["keys", "generate", "--alg", "X-Wing", "--db", db]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let message = folder.appendingPathComponent("m").path
    try Data("hello".utf8).write(to: URL(fileURLWithPath: message))
    let signature = folder.appendingPathComponent("sig").path
    let refused = try qrx(["keys", "sign", id, "--in", message, "--out", signature, "--db", db], expect: nil)
    XCTAssertNotEqual(refused.status, 0)
    XCTAssertFalse(FileManager.default.fileExists(atPath: signature), "no signature file for a KEM key")
    let mismatch = try qrx(
      ["keys", "generate", "--alg", "X-Wing", "--usage", "transaction-signing", "--db", db], expect: nil)
    XCTAssertNotEqual(mismatch.status, 0)
    XCTAssertEqual(mismatch.out, "", "nothing on stdout when refused")
  }

  /// `keys list`: one line per key (id, algorithm, usage, version, state, label, what replaced it);
  /// `--json`: one object per line with the same facts.
  func testKeysListShowsEveryKeyOnceAndWhatReplacedIt() throws {
    let db = try freshURL()
    let x25519 = try qrx(["keys", "generate", "--alg", "X25519", "--label", "vault", "--db", db]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let ed25519 = try qrx(["keys", "generate", "--alg", "Ed25519", "--usage", "api-auth", "--db", db]).out
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let report = try jsonObject(try qrx(["migrate", x25519, "--json", "--db", db]).out)
    let hybrid = try XCTUnwrap((report["successful_migrations"] as? [[String: String]])?.first?["hybrid_key_id"])

    let lines = try qrx(["keys", "list", "--db", db]).out.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 3, "\(lines)")
    XCTAssertEqual(
      lines.first { $0.hasPrefix(x25519) }, "\(x25519)  X25519  encryption  v1 active  vault  migrated to \(hybrid)")
    XCTAssertEqual(lines.first { $0.hasPrefix(ed25519) }, "\(ed25519)  Ed25519  api-auth  v1 active")
    XCTAssertEqual(lines.first { $0.hasPrefix(hybrid) }, "\(hybrid)  X-Wing  encryption  v1 active  vault")

    let objects = try qrx(["keys", "list", "--json", "--db", db]).out.split(separator: "\n").map {
      try jsonObject(String($0))
    }
    XCTAssertEqual(Set(objects.compactMap { $0["key_id"] as? String }), [x25519, ed25519, hybrid])
    let old = try XCTUnwrap(objects.first { $0["key_id"] as? String == x25519 })
    XCTAssertEqual(old["migrated_to"] as? String, hybrid)
    XCTAssertEqual(old["hybrid"] as? Bool, false)
    let new = try XCTUnwrap(objects.first { $0["key_id"] as? String == hybrid })
    XCTAssertEqual(new["migrated_from"] as? String, x25519)
    XCTAssertEqual(new["hybrid"] as? Bool, true)
  }
}
