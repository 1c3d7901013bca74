import Foundation

/// Where a store lives, parsed from its URL.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
  /// A SQLite database file (`sqlite:PATH`; `sqlite://PATH` also works). The embedded default.
  case sqlite(path: String)
  /// A PostgreSQL database (`postgres://…` or `postgresql://…`, as libpq reads it).
  case postgres(url: String)

  /// The location named by `url`.
  public init(url: String) throws {
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
      self = .postgres(url: url)
    } else if url.hasPrefix("sqlite:") {
      var path = String(url.dropFirst("sqlite:".count))
      if path.hasPrefix("//") { path.removeFirst(2) }
      guard !path.isEmpty else { throw StoreError.unsupportedURL("sqlite: without a path") }
      // SQLite's special names are not files: no WAL, no durability.
      guard path != ":memory:", !path.hasPrefix("file:") else {
        throw StoreError.unsupportedURL("sqlite: needs a file path")
      }
      self = .sqlite(path: path)
    } else {
      let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
      throw StoreError.unsupportedURL(scheme.count <= 20 ? "\(scheme):" : "unknown scheme")
    }
  }

  /// Whether this is PostgreSQL.
  public var isPostgres: Bool {
    if case .postgres = self { return true }
    return false
  }

  /// The URL with any password replaced by `***`, for messages and logs.
  public var description: String {
    switch self {
    case .sqlite(let path): return "sqlite:\(path)"
    case .postgres(let url):
      guard var components = URLComponents(string: url) else { return "postgres://(unparsable URL)" }
      if components.password != nil { components.password = "***" }
      if let items = components.queryItems {
        components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: $0.name, value: "***") : $0 }
      }
      return components.string ?? "postgres://(unparsable URL)"
    }
  }
}

/// Opens stores.
public enum Store {
  /// The default store of the command line: a SQLite file in the working directory.
  public static let defaultURL = "sqlite:./qrx.db"

  /// The environment variable naming the store.
  public static let environmentVariable = "QRX_DB"

  /// The store URL a command uses: its `--db` option if given, else `QRX_DB`, else ``defaultURL``.
  public static func url(
    option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let option, !option.isEmpty { return option }
    if let value = environment[environmentVariable], !value.isEmpty { return value }
    return defaultURL
  }

  /// Opens the store at `url` (`sqlite:PATH` or `postgres://…`), creating a SQLite file if needed
  /// and applying pending schema migrations.
  public static func open(
    url: String, clock: @escaping @Sendable () -> UnixMilliseconds = StoreClock.now
  ) throws -> any KeyStore {
    try SQLKeyStore(location: StoreLocation(url: url), clock: clock)
  }
}
