// The thin layer under the store: one connection, prepared statements with bound parameters,
// rows of typed values. Two implementations (SQLite, libpq); neither is thread-safe, the store
// that owns a connection serializes every use of it.

/// A value bound to a statement parameter or read from a column.
enum SQLValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case text(String)
  case blob([UInt8])
}

/// One result row, read by column index in the order of the SELECT list.
struct SQLRow: Sendable {
  let values: [SQLValue]
  /// Names the query in error messages.
  let context: String

  private func value(_ index: Int) throws -> SQLValue {
    guard index >= 0, index < values.count else {
      throw StoreError.corruptRow("\(context): column \(index) missing")
    }
    return values[index]
  }

  func int(_ index: Int) throws -> Int64 {
    guard case .integer(let v) = try value(index) else {
      throw StoreError.corruptRow("\(context): column \(index) is not an integer")
    }
    return v
  }

  func int32(_ index: Int) throws -> Int {
    let v = try int(index)
    guard v >= Int64(Int32.min), v <= Int64(Int32.max) else {
      throw StoreError.corruptRow("\(context): column \(index) out of range")
    }
    return Int(v)
  }

  func text(_ index: Int) throws -> String {
    guard case .text(let v) = try value(index) else {
      throw StoreError.corruptRow("\(context): column \(index) is not text")
    }
    return v
  }

  func optionalText(_ index: Int) throws -> String? {
    if case .null = try value(index) { return nil }
    return try text(index)
  }

  func blob(_ index: Int) throws -> [UInt8] {
    guard case .blob(let v) = try value(index) else {
      throw StoreError.corruptRow("\(context): column \(index) is not a blob")
    }
    return v
  }

  func optionalBlob(_ index: Int) throws -> [UInt8]? {
    if case .null = try value(index) { return nil }
    return try blob(index)
  }
}

/// What differs between the two SQL dialects QRX speaks. Only schema text and fixed clauses are
/// chosen here; values always travel as bound parameters.
enum SQLDialect: String, Sendable {
  case sqlite
  case postgres

  /// The column type for bytes.
  var bytesType: String { self == .sqlite ? "BLOB" : "BYTEA" }

  /// Starts a transaction that writes. SQLite takes the write lock at once (`IMMEDIATE`), so two
  /// processes never deadlock upgrading a read lock; PostgreSQL locks rows as it goes.
  var beginTransaction: String { self == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

  /// Appended to a SELECT that reads a row the transaction will update. SQLite's write lock
  /// already excludes every other writer.
  var forUpdate: String { self == .sqlite ? "" : " FOR UPDATE" }
}

/// One database connection. Not thread-safe: the owner serializes all calls.
protocol SQLConnection: AnyObject {
  /// The dialect this connection speaks.
  var dialect: SQLDialect { get }

  /// Runs one statement with `?` placeholders bound to `parameters`; returns the rows changed.
  @discardableResult
  func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int

  /// Runs one query with `?` placeholders bound to `parameters`; returns every row.
  func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow]

  /// Runs schema text (one or more statements, no parameters): migrations only.
  func executeSchema(_ sql: String) throws

  /// Called before a transaction starts: reconnects a connection the server dropped.
  func prepareForTransaction() throws

  /// Releases the connection; later calls throw ``StoreError/closed``.
  func close()
}
