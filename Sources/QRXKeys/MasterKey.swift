import Foundation
import QRXPrimitives
import QRXStore

/// Errors of master-key loading and key sealing. Messages name files and formats, never key bytes.
public enum KeyCustodyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No master key: neither `QRX_MASTER_KEY` nor `QRX_MASTER_KEY_FILE`, and no default file may be made.
  case masterKeyMissing
  /// Both `QRX_MASTER_KEY` and `QRX_MASTER_KEY_FILE` are set; QRX will not guess which one is meant.
  case ambiguousMasterKeySource
  /// The master key text is not 64 hexadecimal characters.
  case malformedMasterKey(source: String)
  /// The key file is readable by others than its owner (its mode must be 0600 or 0400).
  case insecureKeyFile(path: String, mode: String)
  /// The key file is not a regular file owned by this user.
  case untrustedKeyFile(path: String, reason: String)
  /// The key file cannot be read or created.
  case keyFileUnavailable(path: String, errno: Int32)
  /// The sealed bytes are not in a format this build reads.
  case unsupportedSealedFormat(version: UInt8)
  /// The sealed bytes are too short or too long to be a sealed key.
  case malformedSealedKey(length: Int)
  /// The key was sealed under another master key.
  case wrongMasterKey
  /// The sealed key was altered, or belongs to another key id, version or algorithm.
  case sealedKeyTampered

  /// What went wrong, without secrets.
  public var description: String {
    switch self {
    case .masterKeyMissing:
      return "no master key: set QRX_MASTER_KEY (64 hex characters) or QRX_MASTER_KEY_FILE"
    case .ambiguousMasterKeySource:
      return "both QRX_MASTER_KEY and QRX_MASTER_KEY_FILE are set: keep one"
    case .malformedMasterKey(let source): return "the master key in \(source) is not 64 hexadecimal characters"
    case .insecureKeyFile(let path, let mode):
      return "refusing master key file \(path): mode \(mode), must be 0600 (readable by its owner only)"
    case .untrustedKeyFile(let path, let reason): return "refusing master key file \(path): \(reason)"
    case .keyFileUnavailable(let path, let errno): return "cannot use master key file \(path) (errno \(errno))"
    case .unsupportedSealedFormat(let version): return "sealed key format \(version) is not supported"
    case .malformedSealedKey(let length): return "a sealed key of \(length) bytes is malformed"
    case .wrongMasterKey: return "the key was sealed under a different master key"
    case .sealedKeyTampered:
      return "the sealed key failed authentication: altered, or bound to another key id, version or algorithm"
    }
  }
}

extension MasterKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// Never the key.
  public var description: String { "MasterKey(redacted)" }
  /// Never the key.
  public var debugDescription: String { description }
  /// No children: the key stays out of dumps.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// The 256-bit master key that protects every private key at rest.
///
/// Sources, in order: `QRX_MASTER_KEY` (64 hex characters), `QRX_MASTER_KEY_FILE` (a file holding
/// 64 hex characters, mode 0600, owned by this user), or, for the embedded SQLite default only, a
/// key file beside the database that is created on first run with a warning on stderr.
public struct MasterKey: Sendable {
  /// The key bytes.
  let secret: SecretBytes

  /// The environment variable holding the key in hex.
  public static let environmentVariable = "QRX_MASTER_KEY"
  /// The environment variable naming a key file.
  public static let fileEnvironmentVariable = "QRX_MASTER_KEY_FILE"
  /// Key size in bytes.
  public static let byteCount = 32

  /// A master key from 32 bytes (the caller wipes its copy).
  public init(bytes: [UInt8]) throws {
    guard bytes.count == Self.byteCount else {
      throw CryptoError.invalidKeySize(expected: "32", actual: bytes.count)
    }
    secret = SecretBytes(bytes)
  }

  /// A master key from `SecretBytes` of 32 bytes.
  public init(secret: SecretBytes) throws {
    guard secret.count == Self.byteCount else {
      throw CryptoError.invalidKeySize(expected: "32", actual: secret.count)
    }
    self.secret = secret
  }

  /// A fresh random master key.
  public static func generate(using random: RandomSource = SystemRandom()) -> MasterKey {
    // The size is right by construction.
    try! MasterKey(secret: random.secretBytes(count: byteCount))
  }

  /// A master key from 64 hexadecimal characters (surrounding whitespace ignored).
  public init(hex text: String, source: String) throws {
    var utf8 = Array(text.utf8)
    defer { SecretBytes.wipe(&utf8) }
    try self.init(hexCharacters: utf8, source: source)
  }

  /// A master key from the ASCII bytes of 64 hexadecimal characters, optionally surrounded by
  /// whitespace. Decoded without a branch or table index on the digits: this is key material.
  init(hexCharacters: [UInt8], source: String) throws {
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    var start = 0
    var end = hexCharacters.count
    while start < end && isSpace(hexCharacters[start]) { start += 1 }
    while end > start && isSpace(hexCharacters[end - 1]) { end -= 1 }
    guard end - start == 2 * Self.byteCount else { throw KeyCustodyError.malformedMasterKey(source: source) }
    var valid: Int32 = -1
    let secret = SecretBytes(count: Self.byteCount) { out in
      for i in 0..<Self.byteCount {
        let high = Self.hexDigit(hexCharacters[start + 2 * i])
        let low = Self.hexDigit(hexCharacters[start + 2 * i + 1])
        valid &= high.valid & low.valid
        out[i] = UInt8(truncatingIfNeeded: (high.value << 4) | low.value)
      }
    }
    guard valid == -1 else { throw KeyCustodyError.malformedMasterKey(source: source) }
    self.secret = secret
  }

  /// The lowercase hex digit of a nibble, without a branch or table on its value.
  private static func hexCharacter(_ nibble: UInt8) -> UInt8 {
    let n = Int32(nibble)
    return UInt8(truncatingIfNeeded: n + 0x30 + (((9 - n) >> 31) & 39))
  }

  /// The value of one hex digit and an all-ones mask when `c` is one (all zeroes otherwise),
  /// computed with masks only.
  private static func hexDigit(_ c: UInt8) -> (value: Int32, valid: Int32) {
    let x = Int32(c)
    let lower = x | 0x20
    // -1 when lo <= v <= hi, else 0: both differences negative, sign bit spread by >> 31.
    func within(_ v: Int32, _ lo: Int32, _ hi: Int32) -> Int32 { ((lo - 1 - v) & (v - hi - 1)) >> 31 }
    let isDigit = within(x, 0x30, 0x39)
    let isLetter = within(lower, 0x61, 0x66)
    return ((isDigit & (x - 0x30)) | (isLetter & (lower - 0x61 + 10)), isDigit | isLetter)
  }

  /// The master key as the environment and files say (see the type's documentation).
  ///
  /// - Parameters:
  ///   - environment: the process environment (tests pass their own).
  ///   - defaultKeyFile: the file to use, and to create when absent, when neither variable is
  ///     set; nil (PostgreSQL, production) makes a missing key an error.
  ///   - warn: receives the first-run warning (stderr by default).
  public static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment, defaultKeyFile: String?,
    random: RandomSource = SystemRandom(), warn: (String) -> Void = { MasterKey.printWarning($0) }
  ) throws -> MasterKey {
    let hex = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    let file = environment[fileEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    switch (hex, file) {
    case (.some, .some): throw KeyCustodyError.ambiguousMasterKeySource
    case (.some(let hex), nil): return try MasterKey(hex: hex, source: environmentVariable)
    case (nil, .some(let path)): return try readKeyFile(path)
    case (nil, nil):
      guard let defaultKeyFile else { throw KeyCustodyError.masterKeyMissing }
      if let created = try createKeyFileIfAbsent(defaultKeyFile, random: random) {
        warn(
          "warning: created a new master key in \(defaultKeyFile) (mode 0600). Every private key in the "
            + "store is sealed under it: back it up apart from the database, and set \(environmentVariable) "
            + "or \(fileEnvironmentVariable) in production.")
        return created
      }
      return try readKeyFile(defaultKeyFile)
    }
  }

  /// The master key for the store at `location`: as ``load(environment:defaultKeyFile:random:warn:)``,
  /// with `PATH.master-key` as the default for a SQLite store and no default for PostgreSQL.
  public static func load(
    for location: StoreLocation, environment: [String: String] = ProcessInfo.processInfo.environment,
    warn: (String) -> Void = { MasterKey.printWarning($0) }
  ) throws -> MasterKey {
    switch location {
    case .sqlite(let path):
      return try load(environment: environment, defaultKeyFile: defaultKeyFile(forDatabaseAt: path), warn: warn)
    case .postgres:
      return try load(environment: environment, defaultKeyFile: nil, warn: warn)
    }
  }

  /// Writes `message` and a newline to stderr.
  public static func printWarning(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  /// Reads a key file: a regular file owned by this user, mode 0600 or 0400, holding 64 hex
  /// characters. Opened without following a symbolic link, checked on the open descriptor.
  public static func readKeyFile(_ path: String) throws -> MasterKey {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ELOOP { throw KeyCustodyError.untrustedKeyFile(path: path, reason: "it is a symbolic link") }
      throw KeyCustodyError.keyFileUnavailable(path: path, errno: errno)
    }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { throw KeyCustodyError.keyFileUnavailable(path: path, errno: errno) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw KeyCustodyError.untrustedKeyFile(path: path, reason: "not a regular file")
    }
    guard status.st_uid == geteuid() else {
      throw KeyCustodyError.untrustedKeyFile(path: path, reason: "owned by another user")
    }
    let permissions = status.st_mode & 0o777
    guard permissions & 0o177 == 0 else {
      throw KeyCustodyError.insecureKeyFile(path: path, mode: "0" + String(permissions, radix: 8))
    }
    // 64 hex characters and a newline or two; anything longer is not a key file.
    var buffer = [UInt8](repeating: 0, count: 256)
    defer { SecretBytes.wipe(&buffer) }
    var total = 0
    while total < buffer.count {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
      if n < 0 {
        if errno == EINTR { continue }
        throw KeyCustodyError.keyFileUnavailable(path: path, errno: errno)
      }
      if n == 0 { break }
      total += n
    }
    guard total < buffer.count else { throw KeyCustodyError.malformedMasterKey(source: path) }
    var contents = Array(buffer[0..<total])
    defer { SecretBytes.wipe(&contents) }
    return try MasterKey(hexCharacters: contents, source: path)
  }

  /// Creates `path` with a fresh key (mode 0600, fsync'd) unless it exists; returns the new key,
  /// or nil if the file was already there.
  ///
  /// The key is written in full to a temporary file beside `path` and then hard-linked to `path`.
  /// `link` refuses an existing name, so of two processes starting on the same new store exactly
  /// one key wins and the other process reads it, and a crash never leaves a partial key file at
  /// `path` (an open-then-write would leave an empty one, refused on every later start).
  static func createKeyFileIfAbsent(_ path: String, random: RandomSource) throws -> MasterKey? {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary =
      (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).\(UInt64.random(in: .min ... .max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw KeyCustodyError.keyFileUnavailable(path: path, errno: errno) }
    let key = generate(using: random)
    var text = key.secret.withUnsafeBytes { bytes in
      var out = [UInt8](repeating: 0x0A, count: 2 * bytes.count + 1)
      for (i, byte) in bytes.enumerated() {
        out[2 * i] = hexCharacter(byte >> 4)
        out[2 * i + 1] = hexCharacter(byte & 0x0F)
      }
      return out
    }
    defer { SecretBytes.wipe(&text) }
    var written = 0
    var failure: Int32 = 0
    while written < text.count {
      let n = text.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 {
        if errno == EINTR { continue }
        failure = errno
        break
      }
      written += n
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    close(fd)
    if failure == 0 && link(temporary, path) != 0 { failure = errno }
    unlink(temporary)
    if failure == EEXIST { return nil }
    guard failure == 0 else { throw KeyCustodyError.keyFileUnavailable(path: path, errno: failure) }
    // Make the new directory entry durable too.
    let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryFD >= 0 {
      fsync(directoryFD)
      close(directoryFD)
    }
    return key
  }

  /// The default key file for a SQLite database at `databasePath`: `databasePath.master-key`.
  public static func defaultKeyFile(forDatabaseAt databasePath: String) -> String {
    databasePath + ".master-key"
  }
}
