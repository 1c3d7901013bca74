import Foundation
import QRXKeys
import QRXPrimitives
import QRXStore

// Key-custody benchmarks: sealing a 32-byte seed (KeySealer, AES-256-GCM with bound associated
// data), and committing keys to a SQLite store (WAL, synchronous=FULL) with their audit entries,
// one key per transaction and 32 per transaction. These bound the storage share of the
// `migrate-1000` target (10 000 keys in under a minute).
extension BenchCatalog {
  static var storeCases: [BenchCase] {
    [
      BenchCase(alg: "KeySealer", op: "seal-32B") {
        let sealer = try KeySealer(masterKey: MasterKey.generate())
        let seed = SystemRandom().secretBytes(count: 32)
        return { benchConsume(try? sealer.seal(seed, keyID: "bench-key", version: 1, algorithm: "Ed25519")) }
      },
      BenchCase(alg: "KeySealer", op: "unseal-32B") {
        let sealer = try KeySealer(masterKey: MasterKey.generate())
        let sealed = try sealer.seal(
          SystemRandom().secretBytes(count: 32), keyID: "bench-key", version: 1, algorithm: "Ed25519")
        return { benchConsume(try? sealer.unseal(sealed, keyID: "bench-key", version: 1, algorithm: "Ed25519")) }
      },
      BenchCase(alg: "SQLite", op: "commit-1key") {
        let database = try BenchDatabase()
        return { database.commit(keys: 1) }
      },
      BenchCase(alg: "SQLite", op: "commit-32keys") {
        let database = try BenchDatabase()
        return { database.commit(keys: 32) }
      },
    ]
  }
}

/// A SQLite store in a temporary folder, deleted when the benchmark releases it.
final class BenchDatabase: @unchecked Sendable {
  private let folder: URL
  private let store: any KeyStore
  private let lock = NSLock()
  private var next = 0
  private let publicKey = [UInt8](repeating: 0x5A, count: 32)
  private let sealed = [UInt8](repeating: 0xA5, count: KeySealer.overheadByteCount + 32)

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try Store.open(url: "sqlite:" + folder.appendingPathComponent("bench.db").path)
  }

  deinit {
    store.close()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Inserts `keys` keys, each with its audit entry, in one transaction.
  func commit(keys: Int) {
    let first: Int = lock.withLock {
      defer { next += keys }
      return next
    }
    do {
      try store.transaction { transaction in
        for n in first..<first + keys {
          let id = "bench-\(n)"
          try transaction.insertKey(
            KeyRecord(id: id, algorithm: "Ed25519", usage: .transactionSigning, createdAt: 0),
            firstVersion: KeyVersionRecord(
              keyID: id, version: 1, createdAt: 0, publicKey: publicKey, sealedPrivateKey: sealed))
          try transaction.appendAudit(actor: "bench", action: "key.import", keyID: id, details: "{}")
        }
      }
    } catch {
      // A benchmark that silently stopped writing would report a fantasy: stop instead.
      fatalError("bench: the store failed: \(error)")
    }
  }
}
