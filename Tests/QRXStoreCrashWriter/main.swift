import Foundation
import QRXStore

// A stand-in for `qrx migrate --all`, for the store's crash test (StoreCrashTests): seeds COUNT
// classical keys if they are missing, then migrates every one that has no hybrid key yet, one
// transaction per step, exactly as KeyMigrationService will. The test kills it with SIGKILL at
// arbitrary moments and runs it again until it finishes.
//
//   qrx-store-crash-writer URL COUNT

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
  FileHandle.standardError.write(Data("usage: QRXStoreCrashWriter URL COUNT\n".utf8))
  exit(2)
}

do {
  let store = try Store.open(url: arguments[1])
  let ids = (0..<count).map { String(format: "classic-%05d", $0) }
  // Seed in batches; a crash mid-batch leaves the batch out, and the next run adds it.
  for batch in stride(from: 0, to: count, by: 100) {
    try store.transaction { tx in
      for id in ids[batch..<min(batch + 100, count)] where try tx.getKey(id: id) == nil {
        try tx.insertKey(
          KeyRecord(id: id, algorithm: "Ed25519", usage: .transactionSigning, createdAt: 1),
          firstVersion: KeyVersionRecord(
            keyID: id, version: 1, createdAt: 1, publicKey: Array(id.utf8), sealedPrivateKey: [1, 2, 3]))
      }
    }
  }
  let claimant = "crash-writer:\(getpid())"
  var query = KeyQuery(algorithm: "Ed25519", migrated: false, limit: 50)
  while true {
    let page = try store.listKeys(query)
    guard let last = page.last else { break }
    for classical in page {
      guard case .claimed = try store.claimMigration(classicalKeyID: classical.id, claimant: claimant, at: 2) else {
        continue
      }
      // A fresh id on every attempt, as a real migration's `hybrid-<uuid>`.
      let hybridID = "hybrid-" + UUID().uuidString.lowercased()
      let attestations = AttestationDirection.allCases.map {
        ContinuityAttestation(
          oldKeyID: classical.id, newKeyID: hybridID, direction: $0, signerVersion: 1,
          message: Array(hybridID.utf8), signature: [9], createdAt: 3)
      }
      try store.transaction { tx in
        let done = try tx.completeMigration(
          classicalKeyID: classical.id,
          hybridKey: KeyRecord(id: hybridID, algorithm: "MLDSA65-Ed25519-SHA512", usage: classical.usage, createdAt: 3),
          hybridVersion: KeyVersionRecord(
            keyID: hybridID, version: 1, createdAt: 3, publicKey: Array(hybridID.utf8), sealedPrivateKey: [4, 5, 6]),
          attestations: attestations, at: 3)
        if done {
          try tx.appendAudit(
            actor: claimant, action: "key.migrate", keyID: classical.id, details: "{\"hybrid\":\"\(hybridID)\"}")
        }
      }
    }
    query.afterID = last.id
  }
  store.close()
} catch {
  FileHandle.standardError.write(Data("crash writer: \(error)\n".utf8))
  exit(1)
}
