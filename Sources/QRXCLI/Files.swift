import Foundation
import QRXPrimitives

#if canImport(Glibc)
import Glibc
#endif

/// File input and output for the command line: `-` means standard input or output; writes are atomic
/// (temporary file, fsync, rename), and private keys are created with mode 0600 from the start.
enum Files {
  /// The longest input the command line reads into memory (keys, signatures, messages).
  static let maximumInputSize = 1 << 30

  static func read(_ path: String) throws -> [UInt8] {
    if path == "-" {
      return Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError.input("\(path): no such file")
    }
    guard !isDirectory.boolValue else { throw CLIError.input("\(path): is a directory") }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError.input("\(path): cannot be read") }
    defer { try? handle.close() }
    let data = try handle.readToEnd() ?? Data()
    guard data.count <= maximumInputSize else { throw CLIError.input("\(path): larger than 1 GiB") }
    return Array(data)
  }

  /// Reads a file holding a secret; the plain copy is wiped before returning.
  static func readSecret(_ path: String) throws -> SecretBytes {
    var bytes = try read(path)
    defer { SecretBytes.wipe(&bytes) }
    return SecretBytes(bytes)
  }

  /// Writes `bytes` to `path` atomically; `private` files get mode 0600.
  static func write(_ bytes: [UInt8], to path: String, private isPrivate: Bool = false) throws {
    if path == "-" {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary =
      (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let mode: mode_t = isPrivate ? 0o600 : 0o644
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw CLIError.input("\(path): cannot be written (\(String(cString: strerror(errno))))") }
    var ok = true
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 {
          if errno == EINTR { continue }
          ok = false
          return
        }
        offset += written
      }
    }
    if ok { ok = fsync(fd) == 0 }
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw CLIError.input("\(path): cannot be written (\(String(cString: strerror(errno))))")
    }
  }

  /// Writes a secret with mode 0600.
  static func writeSecret(_ secret: SecretBytes, to path: String) throws {
    var bytes = secret.copyBytes()
    defer { SecretBytes.wipe(&bytes) }
    try write(bytes, to: path, private: true)
  }
}

/// Messages to standard error.
enum Console {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  static func out(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
  }

  static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
