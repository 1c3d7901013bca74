import Foundation
import QRXTestSupport
import XCTest

/// Runs the built `qrx` binary (it sits beside the test bundle) and captures what it prints.
struct QRXRun {
  let status: Int32
  let stdout: Data
  let stderr: String
  var text: String { String(decoding: stdout, as: UTF8.self) }
}

enum QRXBinary {
  static var url: URL {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    // On Linux the runner is `.build/<config>/QRXPackageTests.xctest`; look beside it and up a level.
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("qrx")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Vectors.packageRoot.appendingPathComponent(".build/release/qrx")
  }

  /// Runs `qrx arguments`, feeding `input` on standard input.
  static func run(
    _ arguments: [String], input: Data = Data(), file: StaticString = #filePath, line: UInt = #line
  )
    throws -> QRXRun
  {
    let binary = url
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      XCTFail("qrx binary not found at \(binary.path): build it with the tests", file: file, line: line)
      throw VectorError.missing(binary.path)
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = stderr.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return QRXRun(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// A fresh temporary directory, removed at the end of the test.
func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}
