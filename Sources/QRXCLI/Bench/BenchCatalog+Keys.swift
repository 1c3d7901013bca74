import Foundation
import QRXKeys
import QRXPrimitives
import QRXStore

// `migrate-1000`: 1000 Ed25519 transaction-signing keys migrated to MLDSA65-Ed25519-SHA512 hybrid
// keys in a SQLite store in a temporary folder (claims and completions batched per transaction,
// key generation and attestation signing over all cores). ns_per_op is the time for 1000 keys:
// keys per second = 1e12 / ns_per_op. The keys are generated before timing, one store per run.
// `X-Wing migrate-1000` is the same for 1000 X25519 encryption keys becoming X-Wing keys that keep
// them (a fresh ML-KEM-768 key and two possession tags each).
extension BenchCatalog {
  static var keyManagerCases: [BenchCase] {
    [
      migrationCase(alg: "MLDSA65-Ed25519-SHA512", from: "Ed25519", usage: .transactionSigning),
      migrationCase(alg: "X-Wing", from: "X25519", usage: .encryption),
    ]
  }

  static func migrationCase(alg: String, from classical: String, usage: KeyUsage) -> BenchCase {
    BenchCase(alg: alg, op: "migrate-1000", fixedIterations: 1) {
      let runs = 6  // the harness's warm-up and five timed runs
      let stores = try (0..<runs).map { _ in
        try MigrationBenchStore(keys: 1000, algorithm: classical, usage: usage)
      }
      let next = BenchCounter()
      return {
        let store = stores[min(next.take(), stores.count - 1)]
        benchConsume(store.migrate())
      }
    }
  }
}

final class BenchCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func take() -> Int {
    lock.withLock {
      defer { value += 1 }
      return value
    }
  }
}

/// A SQLite store holding `keys` classical keys to migrate, deleted when released.
final class MigrationBenchStore: @unchecked Sendable {
  private let folder: URL
  private let store: any KeyStore
  private let service: KeyMigrationService

  init(keys: Int, algorithm: String, usage: KeyUsage) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(url: "sqlite:" + folder.appendingPathComponent("bench.db").path)
    let sealer = try KeySealer(masterKey: MasterKey.generate())
    let manager = KeyManager(store: store, sealer: sealer, actor: "bench")
    _ = try KeysCommands.wait {
      try await manager.generate(algorithm: algorithm, usage: usage, count: keys).count
    }
    service = KeyMigrationService(keys: manager)
  }

  deinit {
    store.close()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Migrates every key; stops the benchmark if any key fails (a silent failure would be a fantasy).
  func migrate() -> Int {
    let service = self.service
    do {
      let report = try KeysCommands.wait { try await service.migrateAll() }
      guard report.failedMigrations.isEmpty else {
        fatalError("bench: migration failed: \(report.failedMigrations[0])")
      }
      return report.successfulMigrations.count
    } catch {
      fatalError("bench: migration failed: \(error)")
    }
  }
}
