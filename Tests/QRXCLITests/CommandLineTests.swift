import Foundation
import QRXTestSupport
import XCTest

/// The command-line contract: help, exit codes, stdout for data, stderr for messages.
final class CommandLineTests: XCTestCase {
  func testHelpAndVersion() throws {
    let help = try QRXBinary.run(["--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.text.contains("usage: qrx COMMAND"))
    for command in ["keygen", "sign", "verify", "hash", "bench", "demo"] {
      let run = try QRXBinary.run([command, "--help"])
      XCTAssertEqual(run.status, 0, command)
      XCTAssertTrue(run.text.contains("usage: qrx \(command)"), command)
    }
    let version = try QRXBinary.run(["version"])
    XCTAssertEqual(version.status, 0)
    XCTAssertTrue(version.text.hasPrefix("qrx "))
  }

  func testNoArgumentsAndUnknownCommandAreUsageErrors() throws {
    let none = try QRXBinary.run([])
    XCTAssertEqual(none.status, 2)
    XCTAssertTrue(none.stdout.isEmpty)
    let unknown = try QRXBinary.run(["frobnicate"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown command"))
    XCTAssertTrue(unknown.stdout.isEmpty)
  }

  /// FIPS 202 example values: SHA3-256("abc") and SHAKE128("", 256 bits) from the NIST examples.
  func testHashKnownAnswersFromStandardInputAndFile() throws {
    let abc = try QRXBinary.run(["hash", "--alg", "sha3-256"], input: Data("abc".utf8))
    XCTAssertEqual(abc.status, 0)
    XCTAssertEqual(abc.text, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532\n")
    let shake = try QRXBinary.run(["hash", "--alg", "shake128", "--length", "32", "-"], input: Data())
    XCTAssertEqual(shake.text, "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26\n")
    let directory = try temporaryDirectory(self)
    let file = directory.appendingPathComponent("abc.txt")
    try Data("abc".utf8).write(to: file)
    // FIPS 180-2 example: SHA-256("abc").
    let sha = try QRXBinary.run(["hash", "--alg", "sha256", file.path])
    XCTAssertEqual(sha.text, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
  }

  func testHashBadInputExitsTwoWithOneLine() throws {
    let cases: [[String]] = [
      ["hash", "--alg", "md5"],
      ["hash", "--alg", "sha256", "/nonexistent/file"],
      ["hash", "--alg", "shake128", "--length", "0"],
      ["hash", "--alg", "shake128", "--length", "abc"],
      ["hash", "--alg", "sha256", "--length", "32"],
      ["hash"],
      ["hash", "--alg", "sha256", "--bogus"],
    ]
    for arguments in cases {
      let run = try QRXBinary.run(arguments)
      XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
      XCTAssertTrue(run.stdout.isEmpty, arguments.joined(separator: " "))
      XCTAssertTrue(run.stderr.hasPrefix("qrx hash: "), run.stderr)
    }
  }

  func testBenchListsAndFiltersAndRefusesUnknownNames() throws {
    let list = try QRXBinary.run(["bench", "--list", "--op", "hash-1KiB"])
    XCTAssertEqual(list.status, 0)
    XCTAssertTrue(list.text.contains("SHA3-256 hash-1KiB"))
    let none = try QRXBinary.run(["bench", "--alg", "no-such-algorithm"])
    XCTAssertEqual(none.status, 2)
  }

  func testKeyCommandsRefuseUnknownAlgorithmsAndMissingOptions() throws {
    let directory = try temporaryDirectory(self)
    let unknown = try QRXBinary.run(["keygen", "--alg", "Nope-1", "--out", directory.appendingPathComponent("k").path])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown algorithm"))
    let missing = try QRXBinary.run(["sign", "--in", "x"])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("missing required option"))
  }

  func testDemoRuns() throws {
    let demo = try QRXBinary.run(["demo"])
    XCTAssertEqual(demo.status, 0, demo.stderr)
    XCTAssertTrue(demo.text.contains("every algorithm and every check behaved"), demo.text)
    // The key manager tour migrated an X25519 key to X-Wing and kept the audit chain.
    XCTAssertTrue(demo.text.contains("X25519 (encryption) → X-Wing: decapsulation valid true"), demo.text)
    XCTAssertTrue(demo.text.contains("chain intact true"), demo.text)
    XCTAssertTrue(demo.text.contains("other message rejected true"), demo.text)
  }
}
