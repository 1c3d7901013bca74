import Foundation
import QRXPrimitives
import QRXTestSupport
import XCTest

/// `qrx wallet`: mnemonics, accounts (the issue's JSON shape), and one-line errors with exit 2.
final class WalletCommandTests: XCTestCase {
  static let mnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

  private func mnemonicFile(_ text: String = mnemonic) throws -> String {
    let file = try temporaryDirectory(self).appendingPathComponent("words.txt")
    try Data((text + "\n").utf8).write(to: file)
    return file.path
  }

  func testNewPrintsAValidMnemonicOnce() throws {
    for (arguments, count) in [(["wallet", "new"], 24), (["wallet", "new", "--words", "12"], 12)] {
      let run = try QRXBinary.run(arguments)
      XCTAssertEqual(run.status, 0, run.stderr)
      let lines = run.text.split(separator: "\n")
      XCTAssertEqual(lines.count, 1)
      XCTAssertEqual(lines.first?.split(separator: " ").count, count)
      // The words form a valid mnemonic: the account command accepts them.
      let account = try QRXBinary.run([
        "wallet", "account", "--mnemonic-file", mnemonicFile(String(lines[0])), "--index", "0",
      ])
      XCTAssertEqual(account.status, 0, account.stderr)
    }
    XCTAssertNotEqual(try QRXBinary.run(["wallet", "new"]).text, try QRXBinary.run(["wallet", "new"]).text)
  }

  /// Account 0 of the BIP-39 test mnemonic: Ethereum's well-known address, and the regression vectors
  /// of docs/WALLET.md.
  func testAccountJSONHasTheIssuesShapeAndKnownValues() throws {
    let run = try QRXBinary.run(["wallet", "account", "--mnemonic-file", mnemonicFile(), "--index", "0", "--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    XCTAssertEqual(Set(object.keys), ["index", "secp256k1", "ml_dsa_65", "hybrid_address"])
    XCTAssertEqual(object["index"] as? Int, 0)
    let secp = try XCTUnwrap(object["secp256k1"] as? [String: String])
    XCTAssertEqual(Set(secp.keys), ["path", "public_key", "address"])
    XCTAssertEqual(secp["path"], "m/44'/60'/0'/0/0")
    XCTAssertEqual(secp["public_key"], "0237b0bb7a8288d38ed49a524b5dc98cff3eb5ca824c9f9dc0dfdb3d9cd600f299")
    XCTAssertEqual(secp["address"], "0x9858EfFD232B4033E47d90003D41EC34EcaEda94")
    let pq = try XCTUnwrap(object["ml_dsa_65"] as? [String: String])
    XCTAssertEqual(Set(pq.keys), ["path", "public_key"])
    XCTAssertEqual(pq["path"], "m/44'/60'/0'/0'/0'")
    let pqKey = try Hex.decode(XCTUnwrap(pq["public_key"]))
    XCTAssertEqual(pqKey.count, 1952)
    XCTAssertEqual(hexString(SHA3_256.hash(pqKey)), "f442d7857898e1043f9a7b68627327841b959de5be79d055c2019f239dcdd169")
    XCTAssertEqual(
      object["hybrid_address"] as? String, "qrx1qd2hvdurktz76xtpaf57tl0kuc7fkzne50eq2fffq9lexh667230sadll8n")
  }

  func testInlineMnemonicStandardInputAndPassphrase() throws {
    let fromFile = try QRXBinary.run(["wallet", "account", "--mnemonic-file", mnemonicFile(), "--index", "1"])
    let inline = try QRXBinary.run(["wallet", "account", "--mnemonic", Self.mnemonic, "--index", "1"])
    let stdin = try QRXBinary.run(
      ["wallet", "account", "--mnemonic-file", "-", "--index", "1"], input: Data(Self.mnemonic.utf8))
    XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
    XCTAssertEqual(fromFile.stdout, inline.stdout)
    XCTAssertEqual(fromFile.stdout, stdin.stdout)
    XCTAssertTrue(fromFile.text.contains("qrx1qrmelzhzlhzgx6jhlj58d280r42qkp6nfqfqchntrzz2lvywfducqg49qra"))
    let trezor = try QRXBinary.run(
      ["wallet", "account", "--mnemonic-file", mnemonicFile(), "--passphrase", "TREZOR", "--index", "1"])
    XCTAssertTrue(trezor.text.contains("qrx1qhfcswt5ctwrcwzav6xguc27n97drgq3tzycnqsyacraykmzve37qhxqkvh"))
  }

  /// `wallet sign` writes a composite signature that `qrx verify` accepts under the composite public
  /// key written beside it, and refuses for a changed message.
  func testSignProducesACompositeSignatureThatVerify() throws {
    let directory = try temporaryDirectory(self)
    let message = directory.appendingPathComponent("tx.bin").path
    let signature = directory.appendingPathComponent("tx.sig").path
    let publicKey = directory.appendingPathComponent("account.pub").path
    try Data("QRX transfer v1: 42 units".utf8).write(to: URL(fileURLWithPath: message))
    let sign = try QRXBinary.run([
      "wallet", "sign", "--mnemonic-file", mnemonicFile(), "--index", "0", "--in", message, "--out", signature,
      "--pub", publicKey,
    ])
    XCTAssertEqual(sign.status, 0, sign.stderr)
    XCTAssertTrue(sign.stdout.isEmpty)
    let key = try Data(contentsOf: URL(fileURLWithPath: publicKey))
    XCTAssertEqual(key.count, 1952 + 33)
    XCTAssertEqual(
      hexString(Array(key.suffix(33))), "0237b0bb7a8288d38ed49a524b5dc98cff3eb5ca824c9f9dc0dfdb3d9cd600f299")
    let alg = "QRX-MLDSA65-secp256k1-ECDSA-SHA512"
    let verify = try QRXBinary.run(["verify", "--alg", alg, "--pub", publicKey, "--in", message, "--sig", signature])
    XCTAssertEqual(verify.status, 0, verify.stderr)
    try Data("QRX transfer v1: 43 units".utf8).write(to: URL(fileURLWithPath: message))
    let changed = try QRXBinary.run(["verify", "--alg", alg, "--pub", publicKey, "--in", message, "--sig", signature])
    XCTAssertEqual(changed.status, 1)
  }

  func testHelpWarnsAboutMnemonicsOnTheCommandLine() throws {
    let help = try QRXBinary.run(["wallet", "--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.text.contains("usage: qrx wallet"))
    XCTAssertTrue(help.text.contains("RISK"))
    XCTAssertTrue(help.text.contains("--mnemonic-file"))
  }

  func testBadInputExitsTwoWithoutOutput() throws {
    let words = try mnemonicFile()
    let badChecksum = try mnemonicFile(Array(repeating: "abandon", count: 12).joined(separator: " "))
    let cases: [[String]] = [
      ["wallet", "account", "--mnemonic-file", badChecksum, "--index", "0"],
      ["wallet", "account", "--mnemonic", "abandon abandon", "--index", "0"],
      ["wallet", "account", "--mnemonic-file", words, "--index", "2147483648"],
      ["wallet", "account", "--mnemonic-file", words, "--index", "-1"],
      ["wallet", "account", "--mnemonic-file", words, "--index", "x"],
      ["wallet", "account", "--mnemonic-file", words, "--index", "0", "--coin", "99999999999"],
      ["wallet", "account", "--mnemonic-file", "/nonexistent/words", "--index", "0"],
      ["wallet", "account", "--index", "0"],
      ["wallet", "account", "--mnemonic-file", words, "--mnemonic", Self.mnemonic, "--index", "0"],
      ["wallet", "account", "--mnemonic-file", words],
      ["wallet", "new", "--words", "13"],
      ["wallet", "sign", "--mnemonic-file", words, "--index", "0", "--in", "/nonexistent/msg", "--out", "/tmp/x"],
      ["wallet", "sign", "--mnemonic-file", words, "--index", "0", "--out", "/tmp/x"],
      ["wallet", "frobnicate"],
      ["wallet"],
    ]
    for arguments in cases {
      let run = try QRXBinary.run(arguments)
      let label = arguments.joined(separator: " ")
      XCTAssertEqual(run.status, 2, label)
      XCTAssertTrue(run.stdout.isEmpty, label)
      XCTAssertTrue(run.stderr.hasPrefix("qrx wallet: "), run.stderr)
      XCTAssertFalse(run.stderr.contains("abandon"), "errors never repeat the mnemonic: \(label)")
    }
  }
}
