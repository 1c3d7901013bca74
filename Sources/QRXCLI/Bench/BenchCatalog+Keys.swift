import Foundation
import QRXKeys
import QRXPrimitives
import QRXStore

// `migrate-1000`: 1000 Ed25519 transaction-signing keys migrated to MLDSA65-Ed25519-SHA512 hybrid
// keys in a SQLite store in a temporary folder (claims and completions batched per transaction,
// key generation and attestation signing over all cores). ns_per_op is the time for 1000 keys:
// keys per second = 1e12 / ns_per_op. The keys are generated before timing, one store per run.
extension BenchCatalog {
  static var keyManagerCases: [BenchCase] {
    [
      BenchCase(alg: "MLDSA65-Ed25519-SHA512", op: "migrate-1000", fixedIterations: 1) {
        let runs = 6  // the harness's warm-up and five timed runs
        let stores = try (0..<runs).map { _ in try MigrationBenchStore(keys: 1000) }
        let next = BenchCounter()
        return {
          let store = stores[min(next.take(), stores.count - 1)]
          benchConsume(store.migrate())
        }
      }
    ]
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

  init(keys: Int) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(url: "sqlite:" + folder.appendingPathComponent("bench.db").path)
    let sealer = try KeySealer(masterKey: MasterKey.generate())
    let manager = KeyManager(store: store, sealer: sealer, actor: "bench")
    _ = try KeysCommands.wait {
      try await manager.generate(algorithm: "Ed25519", usage: .transactionSigning, count: keys).count
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
