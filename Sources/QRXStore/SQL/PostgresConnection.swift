import CLibPQ
import Foundation

/// A PostgreSQL connection through libpq. Statements are prepared once per connection
/// (`PQprepare`, named `qrx_N`) and executed with bound parameters: integers and text in text
/// format, bytes in binary format; results come back in binary format and are decoded by column
/// type. SQL is written with `?` placeholders, rewritten to `$1, $2, …` here.
final class PostgresConnection: SQLConnection {
  let dialect = SQLDialect.postgres
  private var connection: OpaquePointer?
  private var statementNames: [String: String] = [:]

  /// Connects to `url` (`postgres://user:password@host:port/database?options`), as libpq parses it.
  init(url: String) throws {
    guard let connection = PQconnectdb(url) else { throw StoreError.connectionFailed("libpq: out of memory") }
    guard PQstatus(connection) == CONNECTION_OK else {
      let reason = Self.redacting(url, in: Self.message(PQerrorMessage(connection)))
      PQfinish(connection)
      throw StoreError.connectionFailed("PostgreSQL: \(reason)")
    }
    self.connection = connection
    // CREATE … IF NOT EXISTS and friends talk; nothing of theirs belongs on stderr.
    PQsetNoticeProcessor(connection, { _, _ in }, nil)
  }

  deinit { close() }

  func close() {
    if let connection { PQfinish(connection) }
    connection = nil
    statementNames.removeAll()
  }

  func prepareForTransaction() throws {
    guard let connection else { throw StoreError.closed }
    if PQstatus(connection) != CONNECTION_OK {
      PQreset(connection)
      statementNames.removeAll()
      guard PQstatus(connection) == CONNECTION_OK else { throw StoreError.connectionLost }
    }
  }

  func executeSchema(_ sql: String) throws {
    guard let connection else { throw StoreError.closed }
    guard let result = PQexec(connection, sql) else { throw StoreError.connectionLost }
    defer { PQclear(result) }
    try check(result)
  }

  @discardableResult
  func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
    try run(sql, parameters) { result in
      let tuples = String(cString: PQcmdTuples(result))
      return Int(tuples) ?? 0
    }
  }

  func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
    try run(sql, parameters) { try rows(of: $0) }
  }

  /// `?` outside quoted text becomes `$n`.
  static func numberedPlaceholders(_ sql: String) -> (text: String, count: Int) {
    var out = ""
    var count = 0
    var inQuote = false
    for character in sql {
      if character == "'" { inQuote.toggle() }
      if character == "?" && !inQuote {
        count += 1
        out += "$\(count)"
      } else {
        out.append(character)
      }
    }
    return (out, count)
  }

  private func statementName(for sql: String, parameterCount: Int) throws -> String {
    guard let connection else { throw StoreError.closed }
    if let name = statementNames[sql] { return name }
    let (text, count) = Self.numberedPlaceholders(sql)
    guard count == parameterCount else {
      throw StoreError.database("statement expects \(count) parameters, got \(parameterCount)")
    }
    let name = "qrx_\(statementNames.count + 1)"
    guard let result = PQprepare(connection, name, text, Int32(count), nil) else { throw StoreError.connectionLost }
    defer { PQclear(result) }
    try check(result)
    statementNames[sql] = name
    return name
  }

  private func run<R>(_ sql: String, _ parameters: [SQLValue], _ read: (OpaquePointer) throws -> R) throws -> R {
    guard let connection else { throw StoreError.closed }
    let name = try statementName(for: sql, parameterCount: parameters.count)
    // Each parameter gets its own buffer for the duration of the call.
    var buffers: [UnsafeMutablePointer<CChar>?] = []
    var lengths: [Int32] = []
    var formats: [Int32] = []
    defer {
      for (buffer, length) in zip(buffers, lengths) {
        guard let buffer else { continue }
        buffer.update(repeating: 0, count: Int(max(length, 1)))
        buffer.deallocate()
      }
    }
    for parameter in parameters {
      let bytes: [UInt8]?
      let format: Int32
      switch parameter {
      case .null:
        bytes = nil
        format = 0
      case .integer(let v):
        bytes = Array(String(v).utf8) + [0]
        format = 0
      case .text(let string):
        let utf8 = Array(string.utf8)
        guard !utf8.contains(0) else { throw StoreError.invalidValue("text with a NUL character") }
        bytes = utf8 + [0]
        format = 0
      case .blob(let blob):
        bytes = blob
        format = 1
      }
      if let bytes {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBytes { raw in
          if raw.count > 0 { UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
        }
        buffers.append(buffer)
        lengths.append(Int32(bytes.count))
      } else {
        buffers.append(nil)
        lengths.append(0)
      }
      formats.append(format)
    }
    let result: OpaquePointer? = buffers.withUnsafeBufferPointer { values in
      values.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
        PQexecPrepared(
          connection, name, Int32(parameters.count), constValues.baseAddress, lengths, formats, 1)
      }
    }
    guard let result else { throw StoreError.connectionLost }
    defer { PQclear(result) }
    try check(result)
    return try read(result)
  }

  private func check(_ result: OpaquePointer) throws {
    let status = PQresultStatus(result)
    if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
    if let connection, PQstatus(connection) != CONNECTION_OK { throw StoreError.connectionLost }
    let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
    // The primary message only: DETAIL lines can quote the values of a row.
    let reason = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? "unknown error"
    if state.hasPrefix("23") { throw StoreError.constraintViolation(reason) }
    if state == "40001" || state == "40P01" || state == "55P03" { throw StoreError.busy(reason) }
    throw StoreError.database("PostgreSQL \(state): \(reason)")
  }

  // Type OIDs of the columns QRX reads (pg_type.h).
  private static let boolOID: UInt32 = 16
  private static let byteaOID: UInt32 = 17
  private static let nameOID: UInt32 = 19
  private static let int8OID: UInt32 = 20
  private static let int2OID: UInt32 = 21
  private static let int4OID: UInt32 = 23
  private static let textOID: UInt32 = 25
  private static let varcharOID: UInt32 = 1043

  private func rows(of result: OpaquePointer) throws -> [SQLRow] {
    let rowCount = PQntuples(result)
    let columnCount = PQnfields(result)
    var rows: [SQLRow] = []
    rows.reserveCapacity(Int(rowCount))
    for row in 0..<rowCount {
      var values: [SQLValue] = []
      values.reserveCapacity(Int(columnCount))
      for column in 0..<columnCount {
        if PQgetisnull(result, row, column) == 1 {
          values.append(.null)
          continue
        }
        let length = Int(PQgetlength(result, row, column))
        let bytes: UnsafeRawBufferPointer
        if let pointer = PQgetvalue(result, row, column) {
          bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        } else {
          bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        }
        values.append(try Self.decode(bytes, type: PQftype(result, column), column: Int(column)))
      }
      rows.append(SQLRow(values: values, context: "PostgreSQL row"))
    }
    return rows
  }

  /// A binary-format column value.
  private static func decode(_ bytes: UnsafeRawBufferPointer, type: UInt32, column: Int) throws -> SQLValue {
    func bigEndian(_ width: Int) throws -> Int64 {
      guard bytes.count == width else { throw StoreError.corruptRow("PostgreSQL: integer column \(column) width") }
      var v: Int64 = bytes[0] & 0x80 != 0 ? -1 : 0
      for byte in bytes { v = (v << 8) | Int64(byte) }
      return v
    }
    switch type {
    case int8OID: return .integer(try bigEndian(8))
    case int4OID: return .integer(try bigEndian(4))
    case int2OID: return .integer(try bigEndian(2))
    case boolOID: return .integer(try bigEndian(1) & 1)
    case textOID, varcharOID, nameOID: return .text(String(decoding: bytes, as: UTF8.self))
    case byteaOID: return .blob(Array(bytes))
    default: throw StoreError.corruptRow("PostgreSQL: column \(column) has unsupported type \(type)")
    }
  }

  /// `message` without the URL's password, should libpq quote the part of the URL it could not parse.
  static func redacting(_ url: String, in message: String) -> String {
    var secrets: [String] = []
    if let components = URLComponents(string: url) {
      if let password = components.password, !password.isEmpty { secrets.append(password) }
      if let percentEncoded = components.percentEncodedPassword, !percentEncoded.isEmpty {
        secrets.append(percentEncoded)
      }
      for item in components.queryItems ?? [] where item.name == "password" {
        if let value = item.value, !value.isEmpty { secrets.append(value) }
      }
    } else if let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") {
      // Unparsable URL: treat everything between the scheme and the last @ as secret.
      let credentials = String(url[scheme.upperBound..<at])
      if !credentials.isEmpty { secrets.append(credentials) }
    }
    var out = message
    for secret in secrets { out = out.replacingOccurrences(of: secret, with: "***") }
    return out
  }

  private static func message(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "unknown error" }
    return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
