import Foundation
import QRXPrimitives
import QRXStore

/// Which post-quantum algorithm a migration adds, chosen from the key's usage.
public struct MigrationPolicy: Sendable, Equatable {
  /// For transaction signing, API authentication and storage keys (default ML-DSA-65).
  public var signing = "ML-DSA-65"
  /// For withdrawal (cold and warm wallet) keys (default ML-DSA-87).
  public var withdrawal = "ML-DSA-87"
  /// Use SLH-DSA-SHA2-128s for withdrawal keys instead (hash-based: no lattice assumption). Keys
  /// with no SLH-DSA composite then fail; they never fall back to ML-DSA.
  public var withdrawalUsesSLHDSA = false

  /// The default policy.
  public init(withdrawalUsesSLHDSA: Bool = false) { self.withdrawalUsesSLHDSA = withdrawalUsesSLHDSA }

  /// The post-quantum algorithm for `usage`; nil for encryption (X25519 keys become X-Wing keys,
  /// whatever the policy). When no composite pairs a key's algorithm with an ML-DSA chosen here,
  /// the migration takes the next stronger ML-DSA (``ManagedAlgorithm/migrationComposite(keeping:preferring:)``).
  public func postQuantumAlgorithm(for usage: KeyUsage) -> String? {
    switch usage {
    case .transactionSigning, .apiAuth, .storage: return signing
    case .withdrawalSigning: return withdrawalUsesSLHDSA ? "SLH-DSA-SHA2-128s" : withdrawal
    case .encryption: return nil
    }
  }
}

/// Where a migration run stands, for a progress bar.
public struct MigrationProgress: Sendable, Equatable {
  /// Keys handled so far (migrated, already migrated or failed).
  public let done: Int
  /// Keys this run handles.
  public let total: Int
  /// Keys per second so far.
  public let keysPerSecond: Double
  /// Estimated seconds left at that rate.
  public let secondsRemaining: Double
}

/// What happened to one key.
public enum MigrationOutcome: Sendable, Equatable {
  /// This call created its hybrid key.
  case migrated(hybridKeyID: String)
  /// It had been migrated before (an earlier or concurrent run).
  case alreadyMigrated(hybridKeyID: String)
  /// It could not be migrated; the reason holds no secret.
  case failed(reason: String)
}

/// The report of ``KeyMigrationService/migrateAll(progress:)``.
public struct MigrationReport: Sendable, Equatable {
  /// Keys migrated by this run: (classical key id, hybrid key id).
  public var successfulMigrations: [(keyID: String, hybridKeyID: String)]
  /// Keys that failed: (classical key id, reason).
  public var failedMigrations: [(keyID: String, reason: String)]
  /// Keys found already migrated (by an earlier, interrupted or concurrent run).
  public var alreadyMigrated: Int
  /// When the run finished.
  public var timestamp: UnixMilliseconds

  /// Equal when every field is.
  public static func == (a: MigrationReport, b: MigrationReport) -> Bool {
    a.successfulMigrations.map { [$0.keyID, $0.hybridKeyID] }
      == b.successfulMigrations.map { [$0.keyID, $0.hybridKeyID] }
      && a.failedMigrations.map { [$0.keyID, $0.reason] } == b.failedMigrations.map { [$0.keyID, $0.reason] }
      && a.alreadyMigrated == b.alreadyMigrated && a.timestamp == b.timestamp
  }

  /// `{"successful_migrations": [{"key_id", "hybrid_key_id"}], "failed_migrations": [{"key_id",
  /// "reason"}], "already_migrated": n, "timestamp": ISO 8601}`.
  public var json: String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let object: [String: Any] = [
      "successful_migrations": successfulMigrations.map { ["key_id": $0.keyID, "hybrid_key_id": $0.hybridKeyID] },
      "failed_migrations": failedMigrations.map { ["key_id": $0.keyID, "reason": $0.reason] },
      "already_migrated": alreadyMigrated,
      "timestamp": formatter.string(from: Date(timeIntervalSince1970: Double(timestamp) / 1000)),
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

/// Moves classical keys to hybrid keys. Each hybrid key keeps the classical private key and adds a
/// fresh post-quantum key chosen by ``MigrationPolicy`` (composite signatures,
/// draft-ietf-lamps-pq-composite-sigs-19), gets the id `hybrid-<uuid>`, is linked both ways to the
/// old key, and comes with a continuity attestation in both directions.
///
/// Idempotent and resumable: per-key state lives in the store (claimed → completed | failed, see
/// docs/STORAGE.md); a run killed at any moment and run again finishes without a second hybrid key
/// for any classical key. Keys are claimed and completed in batches, one transaction each; key
/// generation and signing in between fan out over the cores.
public struct KeyMigrationService: Sendable {
  /// The store.
  public let store: any KeyStore
  /// The sealer of private keys.
  public let sealer: KeySealer
  /// Post-quantum algorithm by usage.
  public let policy: MigrationPolicy
  /// Who the audit log names.
  public let actor: String
  /// Keys per transaction.
  public var batchSize = 250
  /// Parallel workers for key generation and signing.
  public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// A service over `store`.
  public init(store: any KeyStore, sealer: KeySealer, policy: MigrationPolicy = MigrationPolicy(), actor: String) {
    self.store = store
    self.sealer = sealer
    self.policy = policy
    self.actor = actor
  }

  /// A service sharing a key manager's store, sealer and actor.
  public init(keys: KeyManager, policy: MigrationPolicy = MigrationPolicy()) {
    self.init(store: keys.store, sealer: keys.sealer, policy: policy, actor: keys.actor)
  }

  /// Domain separator of continuity statements.
  static let continuityDomain = Array("QRX-CONTINUITY-v1".utf8)

  /// The statement a continuity attestation signs:
  /// `"QRX-CONTINUITY-v1" ‖ str(direction) ‖ str(old id) ‖ u32(old version) ‖ str(old algorithm)
  /// ‖ str(old public key) ‖ str(new id) ‖ u32(new version) ‖ str(new algorithm) ‖ str(new public
  /// key)`, with str(x) = u32(length) ‖ bytes and u32 big endian (docs/KEYS.md).
  public static func continuityStatement(
    direction: AttestationDirection, old: (id: String, version: Int, algorithm: String, publicKey: [UInt8]),
    new: (id: String, version: Int, algorithm: String, publicKey: [UInt8])
  ) -> [UInt8] {
    var out = continuityDomain
    func u32(_ v: Int) {
      let x = UInt32(truncatingIfNeeded: v)
      out += [
        UInt8(x >> 24), UInt8(truncatingIfNeeded: x >> 16), UInt8(truncatingIfNeeded: x >> 8),
        UInt8(truncatingIfNeeded: x),
      ]
    }
    func str(_ bytes: [UInt8]) {
      u32(bytes.count)
      out += bytes
    }
    str(Array(direction.rawValue.utf8))
    str(Array(old.id.utf8))
    u32(old.version)
    str(Array(old.algorithm.utf8))
    str(old.publicKey)
    str(Array(new.id.utf8))
    u32(new.version)
    str(Array(new.algorithm.utf8))
    str(new.publicKey)
    return out
  }

  /// The statement of `direction` rebuilt from the stored keys: the old key at the version that
  /// attested, the new key at version 1.
  static func continuityStatement(
    direction: AttestationDirection, old: StoredKey, attestedOld: KeyVersionRecord, new: StoredKey,
    newVersion: KeyVersionRecord
  ) -> [UInt8] {
    continuityStatement(
      direction: direction, old: (old.record.id, attestedOld.version, old.record.algorithm, attestedOld.publicKey),
      new: (new.record.id, 1, new.record.algorithm, newVersion.publicKey))
  }

  /// Whether a key is one a migration handles (classical signature keys and
  /// encryption keys; hybrid and post-quantum-only keys are left alone).
  public static func isMigrationCandidate(_ record: KeyRecord) -> Bool {
    if record.usage == .encryption { return ManagedAlgorithm.named(record.algorithm)?.isHybrid != true }
    guard let algorithm = ManagedAlgorithm.named(record.algorithm) else { return false }
    return !algorithm.isHybrid
  }

  // MARK: Runs

  /// Migrates one key (see the type's documentation).
  public func migrateKey(id: String) async throws -> MigrationOutcome {
    guard let record = try store.getKey(id: id)?.record else { throw KeyManagerError.keyNotFound(id) }
    guard Self.isMigrationCandidate(record) || record.migratedTo != nil else {
      return .failed(reason: "\(record.algorithm) keys are not migrated (not a classical key)")
    }
    return try await migrateBatch([id])[id] ?? .failed(reason: "not processed")
  }

  /// Migrates every classical key not migrated yet, `batchSize` per transaction, calling
  /// `progress` after each batch. Keys that fail are reported and left for the next run.
  public func migrateAll(progress: (@Sendable (MigrationProgress) -> Void)? = nil) async throws -> MigrationReport {
    var ids: [String] = []
    var after: String? = nil
    while true {
      let page = try store.listKeys(KeyQuery(migrated: false, afterID: after, limit: 5000))
      guard let last = page.last else { break }
      ids += page.filter(Self.isMigrationCandidate).map(\.id)
      after = last.id
    }
    return try await migrate(ids: ids, progress: progress)
  }

  /// Migrates the keys `ids`, in order, in batches (see ``migrateAll(progress:)``).
  public func migrate(
    ids: [String], progress: (@Sendable (MigrationProgress) -> Void)? = nil
  ) async throws
    -> MigrationReport
  {
    var report = MigrationReport(successfulMigrations: [], failedMigrations: [], alreadyMigrated: 0, timestamp: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    var done = 0
    var index = 0
    while index < ids.count {
      let batch = Array(ids[index..<min(ids.count, index + max(1, batchSize))])
      index += batch.count
      let outcomes = try await migrateBatch(batch)
      for id in batch {
        switch outcomes[id] ?? .failed(reason: "not processed") {
        case .migrated(let hybrid): report.successfulMigrations.append((id, hybrid))
        case .alreadyMigrated: report.alreadyMigrated += 1
        case .failed(let reason): report.failedMigrations.append((id, reason))
        }
      }
      done += batch.count
      if let progress {
        let seconds = max(1e-9, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        let rate = Double(done) / seconds
        progress(
          MigrationProgress(
            done: done, total: ids.count, keysPerSecond: rate,
            secondsRemaining: Double(ids.count - done) / max(rate, 1e-9)))
      }
    }
    report.timestamp = StoreClock.now()
    return report
  }

  // MARK: One batch

  struct Claimed: Sendable {
    let record: KeyRecord
    let version: KeyVersionRecord
  }

  struct Prepared: Sendable {
    let classicalKeyID: String
    let hybridKey: KeyRecord
    let hybridVersion: KeyVersionRecord
    let attestations: [ContinuityAttestation]
  }

  /// Claims `ids` in one transaction, builds their hybrid keys in parallel, and completes them in
  /// one transaction (falling back to one transaction per key if the batch's fails).
  func migrateBatch(_ ids: [String]) async throws -> [String: MigrationOutcome] {
    var outcomes: [String: MigrationOutcome] = [:]
    let claimant = "\(ProcessInfo.processInfo.hostName):\(getpid())"
    let claimed: [Claimed] = try store.transaction { tx in
      var claimed: [Claimed] = []
      let now = StoreClock.now()
      for id in ids {
        guard let stored = try tx.getKey(id: id) else {
          outcomes[id] = .failed(reason: "no key \(id)")
          continue
        }
        switch try tx.claimMigration(classicalKeyID: id, claimant: claimant, at: now) {
        case .alreadyCompleted(let hybrid): outcomes[id] = .alreadyMigrated(hybridKeyID: hybrid)
        case .claimed: claimed.append(Claimed(record: stored.record, version: stored.current))
        }
      }
      return claimed
    }
    let results = await prepareInParallel(claimed)
    do {
      try complete(results, outcomes: &outcomes)
    } catch {
      // One bad key must not hold back the others: retry each in its own transaction.
      for result in results {
        var single: [String: MigrationOutcome] = [:]
        do {
          try complete([result], outcomes: &single)
        } catch {
          let id = result.id
          try? store.transaction { tx in
            try tx.recordMigrationFailure(classicalKeyID: id, reason: "\(error)", at: StoreClock.now())
          }
          single[id] = .failed(reason: "\(error)")
        }
        outcomes.merge(single) { _, new in new }
      }
    }
    return outcomes
  }

  private func complete(
    _ results: [(id: String, result: Result<Prepared, MigrationFailure>)], outcomes: inout [String: MigrationOutcome]
  ) throws {
    var local: [String: MigrationOutcome] = [:]
    try store.transaction { tx in
      let now = StoreClock.now()
      var audits: [(String, String, String)] = []
      for (id, result) in results {
        switch result {
        case .success(let prepared):
          if try tx.completeMigration(
            classicalKeyID: id, hybridKey: prepared.hybridKey, hybridVersion: prepared.hybridVersion,
            attestations: prepared.attestations, at: now)
          {
            local[id] = .migrated(hybridKeyID: prepared.hybridKey.id)
            audits.append(
              (
                "key.migrate", id,
                KeyManager.auditDetails([
                  "hybrid_key_id": prepared.hybridKey.id, "algorithm": prepared.hybridKey.algorithm,
                ])
              ))
          } else {
            local[id] = .alreadyMigrated(hybridKeyID: try tx.migration(classicalKeyID: id)?.hybridKeyID ?? "")
          }
        case .failure(let failure):
          try tx.recordMigrationFailure(classicalKeyID: id, reason: failure.reason, at: now)
          local[id] = .failed(reason: failure.reason)
          audits.append(("key.migrate.failed", id, KeyManager.auditDetails(["reason": failure.reason])))
        }
      }
      // Audit entries last: they lock the log's head until the commit (docs/STORAGE.md).
      for (action, id, details) in audits {
        try tx.appendAudit(actor: actor, action: action, keyID: id, details: details)
      }
    }
    outcomes.merge(local) { _, new in new }
  }

  struct MigrationFailure: Error, Sendable, CustomStringConvertible {
    let reason: String
    /// The reason alone, so that it is recorded as written.
    var description: String { reason }
  }

  private func prepareInParallel(
    _ claimed: [Claimed]
  ) async -> [(id: String, result: Result<Prepared, MigrationFailure>)] {
    let workerCount = max(1, min(workers, claimed.count))
    let chunk = (claimed.count + workerCount - 1) / max(1, workerCount)
    return await withTaskGroup(of: (Int, [(id: String, result: Result<Prepared, MigrationFailure>)]).self) { group in
      for w in 0..<workerCount {
        let slice = Array(claimed[min(claimed.count, w * chunk)..<min(claimed.count, (w + 1) * chunk)])
        group.addTask {
          (
            w,
            slice.map { item in
              (item.record.id, Result { try self.prepare(item) }.mapError { MigrationFailure(reason: "\($0)") })
            }
          )
        }
      }
      var parts: [(Int, [(id: String, result: Result<Prepared, MigrationFailure>)])] = []
      for await part in group { parts.append(part) }
      return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }
  }

  /// Builds the hybrid key of one classical key and both continuity attestations.
  func prepare(_ item: Claimed) throws -> Prepared {
    if let kem = ManagedAlgorithm.named(item.record.algorithm)?.kemKind { return try prepareKEM(item, kem) }
    let old = item.record
    let oldVersion = item.version
    guard let classical = ManagedAlgorithm.named(old.algorithm), !classical.isHybrid else {
      throw MigrationFailure(reason: "\(old.algorithm) is not a classical signature algorithm")
    }
    guard let postQuantum = policy.postQuantumAlgorithm(for: old.usage) else {
      throw MigrationFailure(
        reason: "a \(old.algorithm) signature key with usage encryption has no hybrid: encryption keys are X25519 "
          + "keys, which migrate to X-Wing")
    }
    let hybrid = try ManagedAlgorithm.migrationComposite(keeping: classical, preferring: postQuantum)
    guard oldVersion.state == .active || oldVersion.state == .rotated, let sealed = oldVersion.sealedPrivateKey else {
      throw MigrationFailure(reason: "the newest version is \(oldVersion.state.rawValue) or has no private key")
    }
    let oldPrivate = try sealer.unseal(sealed, keyID: old.id, version: oldVersion.version, algorithm: old.algorithm)
    let pair = try hybrid.hybridKey(keeping: oldPrivate)
    let newID = KeyManager.newKeyID(prefix: "hybrid")
    let now = StoreClock.now()
    let metadata = KeyMetadata.forAlgorithm(hybrid, rotation: KeyMetadata.decode(old.metadata).rotation)
    let record = KeyRecord(
      id: newID, algorithm: hybrid.name, usage: old.usage, label: old.label, createdAt: now, metadata: metadata.json)
    let version = KeyVersionRecord(
      keyID: newID, version: 1, createdAt: now, publicKey: pair.publicKey,
      sealedPrivateKey: try sealer.seal(pair.privateKey, keyID: newID, version: 1, algorithm: hybrid.name))
    let oldSide = (old.id, oldVersion.version, old.algorithm, oldVersion.publicKey)
    let newSide = (newID, 1, hybrid.name, pair.publicKey)
    let oldSignsNew = Self.continuityStatement(direction: .oldSignsNew, old: oldSide, new: newSide)
    let newSignsOld = Self.continuityStatement(direction: .newSignsOld, old: oldSide, new: newSide)
    let attestations = [
      ContinuityAttestation(
        oldKeyID: old.id, newKeyID: newID, direction: .oldSignsNew, signerVersion: oldVersion.version,
        message: oldSignsNew, signature: try classical.sign(privateKey: oldPrivate, message: oldSignsNew),
        createdAt: now),
      ContinuityAttestation(
        oldKeyID: old.id, newKeyID: newID, direction: .newSignsOld, signerVersion: 1, message: newSignsOld,
        signature: try pair.sign(newSignsOld), createdAt: now),
    ]
    return Prepared(classicalKeyID: old.id, hybridKey: record, hybridVersion: version, attestations: attestations)
  }

  // MARK: Checks

  /// Checks the continuity attestations between classical key `oldKeyID` and the hybrid key that
  /// replaced it: both directions present, each statement rebuilt from the stored keys and equal to
  /// the one stored, each signature valid under its signer's public key.
  public func verifyContinuity(classicalKeyID oldKeyID: String) throws -> Bool {
    try store.transaction { tx in
      guard let old = try tx.getKey(id: oldKeyID), let newID = old.record.migratedTo,
        let new = try tx.getKey(id: newID), new.record.migratedFrom == oldKeyID
      else { return false }
      let attestations = try tx.attestations(oldKeyID: oldKeyID, newKeyID: newID)
      guard Set(attestations.map(\.direction)) == Set(AttestationDirection.allCases), attestations.count == 2 else {
        return false
      }
      guard let newVersion = new.versions.first(where: { $0.version == 1 }),
        let newAlgorithm = ManagedAlgorithm.named(new.record.algorithm),
        let oldAlgorithm = ManagedAlgorithm.named(old.record.algorithm)
      else { return false }
      // Both statements name the old key's version that signed the old-signs-new attestation.
      guard let oldSigner = attestations.first(where: { $0.direction == .oldSignsNew }),
        let attestedOld = old.versions.first(where: { $0.version == oldSigner.signerVersion })
      else { return false }
      if oldAlgorithm.isKEM {
        return try verifyKEMContinuity(
          old: old, attestedOld: attestedOld, new: new, newVersion: newVersion, attestations: attestations, in: tx)
      }
      for attestation in attestations {
        let statement = Self.continuityStatement(
          direction: attestation.direction, old: old, attestedOld: attestedOld, new: new, newVersion: newVersion)
        guard statement == attestation.message else { return false }
        let valid =
          attestation.direction == .oldSignsNew
          ? oldAlgorithm.verify(publicKey: attestedOld.publicKey, message: statement, signature: attestation.signature)
          : newAlgorithm.verify(publicKey: newVersion.publicKey, message: statement, signature: attestation.signature)
        guard valid else { return false }
      }
      return true
    }
  }
}
