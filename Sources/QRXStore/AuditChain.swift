import QRXPrimitives

/// One entry of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
  /// Position in the log: 1, 2, 3, … without gaps.
  public var seq: Int64
  /// When it was recorded.
  public var recordedAt: UnixMilliseconds
  /// Who did it (operator, service, host:pid).
  public var actor: String
  /// What was done (`key.generate`, `key.rotate`, `master-key.rotate`, …).
  public var action: String
  /// The key concerned, if one.
  public var keyID: String?
  /// A JSON object (text) with the facts of the action; never a secret.
  public var details: String
  /// The previous entry's hash (32 zero bytes for the first entry).
  public var previousHash: [UInt8]
  /// This entry's hash, ``AuditChain/entryHash(seq:recordedAt:actor:action:keyID:details:previousHash:)``.
  public var hash: [UInt8]
}

/// The result of checking the audit chain.
public struct AuditVerification: Sendable, Equatable {
  /// Whether every entry is intact, in order, and none is missing.
  public var isIntact: Bool
  /// Entries checked.
  public var entryCount: Int64
  /// The hash of the last intact entry (the genesis value for an empty log).
  public var headHash: [UInt8]
  /// The first entry that does not check, when broken.
  public var firstBadSeq: Int64?
  /// What is wrong, when broken.
  public var problem: String?
}

/// The hash chain of the audit log.
///
/// Entry `n` carries `prev_hash = hash(n-1)` (32 zero bytes for `n = 1`) and
/// `hash = SHA-256(E)`, where `E` is this canonical encoding (integers big-endian, strings UTF-8,
/// `str(x)` = 4-byte length ‖ bytes):
///
///     "QRX-AUDIT-v1" ‖ seq (8) ‖ recorded_at (8, two's complement) ‖ str(actor) ‖ str(action)
///     ‖ (0x00 | 0x01 ‖ str(key_id)) ‖ str(details) ‖ prev_hash (32)
///
/// `details` is hashed as the exact stored text. The store also keeps the newest `(seq, hash)` in
/// `audit_head`, so deleting the last entries is detected too. An administrator who rewrites the
/// whole chain and the head is detected only against a head hash kept elsewhere (docs/STORAGE.md).
public enum AuditChain {
  /// The `prev_hash` of the first entry.
  public static let genesisHash = [UInt8](repeating: 0, count: 32)

  /// The domain separator at the start of every encoded entry.
  public static let domain = Array("QRX-AUDIT-v1".utf8)

  /// The canonical encoding `E` of an entry (see the type's documentation).
  public static func canonicalEncoding(
    seq: Int64, recordedAt: UnixMilliseconds, actor: String, action: String, keyID: String?, details: String,
    previousHash: [UInt8]
  ) -> [UInt8] {
    var out = domain
    out.reserveCapacity(domain.count + 64 + actor.utf8.count + action.utf8.count + details.utf8.count + 48)
    appendUInt64(UInt64(bitPattern: seq), to: &out)
    appendUInt64(UInt64(bitPattern: recordedAt), to: &out)
    appendString(actor, to: &out)
    appendString(action, to: &out)
    if let keyID {
      out.append(1)
      appendString(keyID, to: &out)
    } else {
      out.append(0)
    }
    appendString(details, to: &out)
    out += previousHash
    return out
  }

  /// SHA-256 of the canonical encoding.
  public static func entryHash(
    seq: Int64, recordedAt: UnixMilliseconds, actor: String, action: String, keyID: String?, details: String,
    previousHash: [UInt8]
  ) -> [UInt8] {
    SHA256.hash(
      canonicalEncoding(
        seq: seq, recordedAt: recordedAt, actor: actor, action: action, keyID: keyID, details: details,
        previousHash: previousHash))
  }

  /// Recomputes `entry`'s hash from its fields.
  static func recomputedHash(_ entry: AuditEntry) -> [UInt8] {
    entryHash(
      seq: entry.seq, recordedAt: entry.recordedAt, actor: entry.actor, action: entry.action, keyID: entry.keyID,
      details: entry.details, previousHash: entry.previousHash)
  }

  private static func appendUInt64(_ value: UInt64, to out: inout [UInt8]) {
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  private static func appendString(_ text: String, to out: inout [UInt8]) {
    let bytes = Array(text.utf8)
    let length = UInt32(truncatingIfNeeded: bytes.count)
    for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
    out += bytes
  }
}
