import CSQLite
import Foundation

/// A SQLite database file, opened for QRX: write-ahead log, `synchronous=FULL` (a commit is on
/// disk when it returns), a busy timeout for other processes, foreign keys enforced, deleted
/// content overwritten (`secure_delete`). The file is created with mode 0600.
final class SQLiteConnection: SQLConnection {
  let dialect = SQLDialect.sqlite
  private var database: OpaquePointer?
  private var statements: [String: OpaquePointer] = [:]

  /// How long a statement waits for another process's write lock before failing as busy.
  static let busyTimeoutMilliseconds: Int32 = 30_000

  /// Opens (creating if needed) the database at `path`.
  init(path: String) throws {
    guard !path.isEmpty else { throw StoreError.unsupportedURL("sqlite: needs a path") }
    try Self.createPrivately(path)
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      throw StoreError.connectionFailed("SQLite: \(reason)")
    }
    database = handle
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    do {
      let mode = try query("PRAGMA journal_mode=WAL", [])
      guard let first = mode.first, try first.text(0).lowercased() == "wal" else {
        throw StoreError.connectionFailed("SQLite: write-ahead logging is unavailable for this file")
      }
      try execute("PRAGMA synchronous=FULL", [])
      try execute("PRAGMA foreign_keys=ON", [])
      try execute("PRAGMA secure_delete=ON", [])
      let foreignKeys = try query("PRAGMA foreign_keys", [])
      guard let row = foreignKeys.first, try row.int(0) == 1 else {
        throw StoreError.connectionFailed("SQLite: foreign keys cannot be enabled")
      }
    } catch {
      close()
      throw error
    }
  }

  deinit { close() }

  /// Creates an absent database file with mode 0600, so the WAL and shared-memory files SQLite
  /// creates beside it inherit that mode.
  private static func createPrivately(_ path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    if fd >= 0 {
      Foundation.close(fd)
    } else if errno != EEXIST {
      throw StoreError.connectionFailed("SQLite: cannot create the database file (errno \(errno))")
    }
  }

  func close() {
    for statement in statements.values { sqlite3_finalize(statement) }
    statements.removeAll()
    if let database { sqlite3_close_v2(database) }
    database = nil
  }

  func prepareForTransaction() throws {
    guard database != nil else { throw StoreError.closed }
  }

  @discardableResult
  func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
    try run(sql, parameters, collect: false).changes
  }

  func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
    try run(sql, parameters, collect: true).rows
  }

  func executeSchema(_ sql: String) throws {
    guard let database else { throw StoreError.closed }
    let status = sqlite3_exec(database, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw error(status) }
  }

  private func statement(for sql: String) throws -> OpaquePointer {
    guard let database else { throw StoreError.closed }
    if let cached = statements[sql] { return cached }
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else { throw error(status) }
    statements[sql] = statement
    return statement
  }

  private func run(_ sql: String, _ parameters: [SQLValue], collect: Bool) throws -> (rows: [SQLRow], changes: Int) {
    let statement = try statement(for: sql)
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    guard Int(sqlite3_bind_parameter_count(statement)) == parameters.count else {
      throw StoreError.database("statement expects \(sqlite3_bind_parameter_count(statement)) parameters")
    }
    for (offset, parameter) in parameters.enumerated() {
      try bind(parameter, at: Int32(offset + 1), in: statement)
    }
    var rows: [SQLRow] = []
    while true {
      let status = sqlite3_step(statement)
      if status == SQLITE_DONE { break }
      guard status == SQLITE_ROW else { throw error(status) }
      if collect { rows.append(try row(of: statement)) }
    }
    return (rows, Int(sqlite3_changes(database)))
  }

  // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer) throws {
    let status: Int32
    switch value {
    case .null:
      status = sqlite3_bind_null(statement, index)
    case .integer(let v):
      status = sqlite3_bind_int64(statement, index, v)
    case .text(let string):
      var utf8 = Array(string.utf8)
      guard !utf8.contains(0) else { throw StoreError.invalidValue("text with a NUL character") }
      utf8.append(0)
      status = utf8.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          sqlite3_bind_text(statement, index, $0, Int32(buffer.count - 1), Self.transient)
        }
      }
    case .blob(let bytes):
      if bytes.isEmpty {
        status = sqlite3_bind_zeroblob(statement, index, 0)
      } else {
        status = bytes.withUnsafeBytes {
          sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient)
        }
      }
    }
    guard status == SQLITE_OK else { throw error(status) }
  }

  private func row(of statement: OpaquePointer) throws -> SQLRow {
    let count = sqlite3_column_count(statement)
    var values: [SQLValue] = []
    values.reserveCapacity(Int(count))
    for column in 0..<count {
      switch sqlite3_column_type(statement, column) {
      case SQLITE_NULL:
        values.append(.null)
      case SQLITE_INTEGER:
        values.append(.integer(sqlite3_column_int64(statement, column)))
      case SQLITE_TEXT:
        let length = Int(sqlite3_column_bytes(statement, column))
        if let text = sqlite3_column_text(statement, column) {
          values.append(.text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)))
        } else {
          values.append(.text(""))
        }
      case SQLITE_BLOB:
        let length = Int(sqlite3_column_bytes(statement, column))
        if let blob = sqlite3_column_blob(statement, column), length > 0 {
          values.append(.blob(Array(UnsafeRawBufferPointer(start: blob, count: length))))
        } else {
          values.append(.blob([]))
        }
      default:
        throw StoreError.corruptRow("SQLite: column \(column) holds a floating-point value")
      }
    }
    return SQLRow(values: values, context: "SQLite row")
  }

  private func error(_ status: Int32) -> StoreError {
    let reason = database.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
    switch status & 0xFF {
    case SQLITE_BUSY, SQLITE_LOCKED: return .busy(reason)
    case SQLITE_CONSTRAINT: return .constraintViolation(reason)
    default: return .database("SQLite: \(reason)")
    }
  }
}
