import Foundation
import QRXTestSupport
import XCTest

/// One Wycheproof test case with its group, as read from `testvectors_v1` JSON.
struct WycheproofCase {
  let group: [String: Any]
  let tcId: Int
  let comment: String
  let flags: [String]
  let result: String
  let fields: [String: Any]

  /// The hex field `name` of the case as bytes.
  func bytes(_ name: String) -> [UInt8] { hexBytes(fields[name] as? String ?? "") }

  var isValid: Bool { result == "valid" }
  var isInvalid: Bool { result == "invalid" }
  var isAcceptable: Bool { result == "acceptable" }
  var label: String { "tcId \(tcId) (\(result), \(flags.joined(separator: ","))) \(comment)" }
}

/// Reads a Wycheproof file from the shared vectors; checks that every announced case was read.
func wycheproofCases(_ file: String, line: UInt = #line) throws -> [WycheproofCase] {
  let url = try Vectors.shared("wycheproof/\(file)")
  guard let root = try Vectors.json(url) as? [String: Any], let groups = root["testGroups"] as? [[String: Any]] else {
    throw VectorError.malformed(file)
  }
  var cases: [WycheproofCase] = []
  for group in groups {
    for test in group["tests"] as? [[String: Any]] ?? [] {
      cases.append(
        WycheproofCase(
          group: group, tcId: test["tcId"] as? Int ?? -1, comment: test["comment"] as? String ?? "",
          flags: test["flags"] as? [String] ?? [], result: test["result"] as? String ?? "", fields: test))
    }
  }
  let announced = root["numberOfTests"] as? Int ?? -1
  XCTAssertEqual(cases.count, announced, "\(file): read \(cases.count) of \(announced) cases", line: line)
  XCTAssertFalse(cases.isEmpty, "\(file): no cases", line: line)
  return cases
}

/// Counts outcomes of a vector suite and prints one summary line, so the run shows what was checked.
struct SuiteTally {
  let name: String
  var passed = 0
  var total = 0

  init(_ name: String) { self.name = name }

  mutating func check(
    _ ok: Bool, _ message: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
  ) {
    total += 1
    if ok { passed += 1 } else { XCTFail("\(name): \(message())", file: file, line: line) }
  }

  func report(file: StaticString = #filePath, line: UInt = #line) {
    print("VECTORS \(name): \(passed)/\(total) passed")
    XCTAssertGreaterThan(total, 0, "\(name): no vectors checked", file: file, line: line)
  }
}

/// The lines of a text vector file, for LF and CRLF files alike. (`String.split(separator: "\n")`
/// does not split CRLF files: `"\r\n"` is one `Character` in Swift.)
func vectorLines(_ url: URL) throws -> [String] {
  try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// NIST `.rsp` records (`name = value` blocks separated by blank lines), CRLF-safe; `[section]`
/// lines are kept in each record under the key `"["`.
func rspRecords(_ url: URL) throws -> [[String: String]] {
  var records: [[String: String]] = []
  var current: [String: String] = [:]
  var section = ""
  func flush() {
    if !current.isEmpty {
      current["["] = section
      records.append(current)
    }
    current = [:]
  }
  for rawLine in try vectorLines(url) {
    let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
    if line.isEmpty {
      flush()
    } else if line.hasPrefix("[") {
      flush()
      section = line
    } else if !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") {
      current[line[..<equals].trimmingCharacters(in: .whitespaces)] =
        line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
  }
  flush()
  return records
}

/// Hex that may have an odd number of digits (an integer written without its leading zero).
func hexInteger(_ text: String) -> [UInt8] { hexBytes(text.count % 2 == 1 ? "0" + text : text) }
