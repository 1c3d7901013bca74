/// Errors of the store. Messages name what was wrong (a table, a key id, a state), never a secret,
/// a bound value or a connection password.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The store URL is neither `sqlite:PATH` nor `postgres://…` / `postgresql://…`.
  case unsupportedURL(String)
  /// The database could not be opened or connected to; the text is the library's reason.
  case connectionFailed(String)
  /// The connection to the server was lost.
  case connectionLost
  /// The database is locked by another writer for longer than the busy timeout, or the server
  /// aborted the transaction for a deadlock or serialization failure; retrying may succeed.
  case busy(String)
  /// A constraint of the schema refused the write (unique, foreign key, check).
  case constraintViolation(String)
  /// The database reported an error; the text is the library's reason.
  case database(String)
  /// A stored row does not have the shape the schema promises.
  case corruptRow(String)
  /// A value given to the store is not acceptable (empty id, malformed JSON, …).
  case invalidValue(String)
  /// The database was written by a newer QRX: its schema version is above the known ones.
  case schemaTooNew(found: Int, known: Int)
  /// `transaction` was called inside a transaction of the same store.
  case nestedTransaction
  /// A transaction handle was used after its transaction ended.
  case transactionFinished
  /// The store was closed.
  case closed
  /// A key with this id (or id and version) already exists.
  case duplicateKey(String)
  /// No key with this id (or id and version).
  case keyNotFound(String)
  /// A key state change that goes backwards (states only move active → rotated → retired → destroyed).
  case invalidStateTransition(from: KeyState, to: KeyState)
  /// A migration result was recorded for a key that was never claimed.
  case migrationNotClaimed(String)
  /// The key is already linked to another key by a migration.
  case alreadyMigrated(String)

  /// What went wrong, without secrets.
  public var description: String {
    switch self {
    case .unsupportedURL(let scheme):
      return "unsupported store URL (\(scheme)): use sqlite:PATH or postgres://…"
    case .connectionFailed(let reason): return "cannot open the store: \(reason)"
    case .connectionLost: return "the connection to the database was lost"
    case .busy(let reason): return "the database is busy: \(reason)"
    case .constraintViolation(let reason): return "constraint violated: \(reason)"
    case .database(let reason): return "database error: \(reason)"
    case .corruptRow(let reason): return "corrupt row: \(reason)"
    case .invalidValue(let reason): return "invalid value: \(reason)"
    case .schemaTooNew(let found, let known):
      return "the database schema is version \(found), this build knows up to \(known): upgrade QRX"
    case .nestedTransaction: return "a transaction was started inside a transaction of the same store"
    case .transactionFinished: return "a transaction handle was used after its transaction ended"
    case .closed: return "the store is closed"
    case .duplicateKey(let id): return "key \(id) already exists"
    case .keyNotFound(let id): return "no key \(id)"
    case .invalidStateTransition(let from, let to):
      return "a key cannot go from \(from.rawValue) to \(to.rawValue)"
    case .migrationNotClaimed(let id): return "the migration of key \(id) was not claimed"
    case .alreadyMigrated(let id): return "key \(id) is already linked by a migration"
    }
  }
}
