import Foundation
import QRXKeys
import QRXPrimitives
import QRXStore
import QRXWallet

/// `qrx demo`: a short tour of what works, run by `make run`.
enum DemoCommand {
  static let usage = """
    usage: qrx demo

    A short tour: hashing, authenticated encryption, then a key pair, a signature or an
    encapsulation for every algorithm this build knows (the slowest are skipped); then the key
    manager on a throwaway SQLite store (classical keys migrated to hybrid keys, checked, audited)
    and an HD wallet account from a fresh mnemonic. Nothing is written outside a temporary folder.

    """

  /// Algorithms whose key generation takes seconds: the demo names them but does not run them.
  static let slowAlgorithmPrefixes = [
    "Classic-McEliece", "SLH-DSA-SHA2-256s", "SLH-DSA-SHAKE-256s",
    "SLH-DSA-SHA2-192s", "SLH-DSA-SHAKE-192s", "RSA-4096", "RSA-3072",
  ]

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: [], flags: [])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let message = Array("QRX: both halves must hold.".utf8)
    Console.out("== Hashing \"\(String(decoding: message, as: UTF8.self))\"")
    Console.out("  SHA-256   \(Hex.encode(SHA256.hash(message)))")
    Console.out("  SHA3-256  \(Hex.encode(SHA3_256.hash(message)))")
    Console.out("  SHAKE256  \(Hex.encode(SHAKE256.hash(message, outputLength: 32)))")

    Console.out("== Authenticated encryption (AES-256-GCM, libcrypto)")
    let key = SystemRandom().bytes(count: 32)
    let nonce = SystemRandom().bytes(count: 12)
    let sealed = try AEAD.seal(.aes256GCM, message, key: key, nonce: nonce, authenticating: Array("header".utf8))
    let opened = try AEAD.open(.aes256GCM, sealed, key: key, nonce: nonce, authenticating: Array("header".utf8))
    Console.out("  sealed \(message.count) bytes into \(sealed.count); opened intact: \(opened == message)")
    var tampered = sealed
    tampered[0] ^= 1
    let refused = (try? AEAD.open(.aes256GCM, tampered, key: key, nonce: nonce)) == nil
    Console.out("  one flipped bit is refused: \(refused)")

    var failures = 0
    let signers = SchemeRegistry.signatureSchemes
    Console.out("== Signatures (\(signers.count) algorithms)")
    for scheme in signers {
      if slowAlgorithmPrefixes.contains(where: { scheme.name.hasPrefix($0) }) {
        Console.out("  \(scheme.name): skipped in the demo (slow key generation); see qrx bench")
        continue
      }
      let start = DispatchTime.now().uptimeNanoseconds
      let pair = try scheme.generateKey(seed: nil)
      let signature = try scheme.sign(privateKey: pair.privateKey, message: message, options: SignatureOptions())
      let valid = try scheme.verify(
        publicKey: pair.publicKey, message: message, signature: signature, options: SignatureOptions())
      let forged = try scheme.verify(
        publicKey: pair.publicKey, message: message + [0], signature: signature, options: SignatureOptions())
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      if !valid || forged { failures += 1 }
      Console.out(
        "  \(scheme.name): public key \(pair.publicKey.count) B, signature \(signature.count) B, valid \(valid), "
          + "other message rejected \(!forged) (\(String(format: "%.1f", ms)) ms)")
    }
    let kems = SchemeRegistry.kemSchemes
    Console.out("== Key encapsulation (\(kems.count) algorithms)")
    for scheme in kems {
      if slowAlgorithmPrefixes.contains(where: { scheme.name.hasPrefix($0) }) {
        Console.out("  \(scheme.name): skipped in the demo (slow key generation); see qrx bench")
        continue
      }
      let pair = try scheme.generateKey(seed: nil)
      let (secret, ciphertext) = try scheme.encapsulate(publicKey: pair.publicKey)
      let recovered = try scheme.decapsulate(privateKey: pair.privateKey, ciphertext: ciphertext)
      let agree = secret.constantTimeEquals(recovered)
      if !agree { failures += 1 }
      Console.out(
        "  \(scheme.name): public key \(pair.publicKey.count) B, ciphertext \(ciphertext.count) B, "
          + "shared secrets agree \(agree)")
    }
    failures += try keyManagerTour()
    failures += try walletTour(message)
    if failures > 0 {
      Console.error("qrx demo: \(failures) check(s) failed")
      return 1
    }
    Console.out("== Done: every algorithm and every check behaved.")
    return 0
  }

  /// The key manager on SQLite (the embedded default) in a temporary folder, with a master key
  /// that lives only in memory: classical keys of three usages migrated to hybrid keys, each hybrid
  /// key tested in both parts, continuity and the audit chain checked. Returns the failures.
  static func keyManagerTour() throws -> Int {
    Console.out("== Key manager on SQLite: classical keys → hybrid keys")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrx-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(url: "sqlite:" + folder.appendingPathComponent("demo.db").path)
    defer { store.close() }
    let manager = KeyManager(store: store, sealer: try KeySealer(masterKey: MasterKey.generate()), actor: "demo")
    let plan: [(String, KeyUsage, Int)] = [
      ("Ed25519", .transactionSigning, 3), ("secp256k1-ECDSA", .withdrawalSigning, 1), ("ECDSA-P256", .apiAuth, 1),
      ("X25519", .encryption, 1),
    ]
    for (algorithm, usage, count) in plan {
      _ = try KeysCommands.wait { try await manager.generate(algorithm: algorithm, usage: usage, count: count) }
    }
    let service = KeyMigrationService(keys: manager)
    let report = try KeysCommands.wait { try await service.migrateAll() }
    var failures = report.failedMigrations.count
    for (oldID, newID) in report.successfulMigrations {
      let old = try KeysCommands.wait { try await manager.key(id: oldID) }
      let new = try KeysCommands.wait { try await manager.key(id: newID) }
      let result = try KeysCommands.wait { try await manager.test(id: newID) }
      let continuity = try service.verifyContinuity(classicalKeyID: oldID)
      if !result.passed || !continuity { failures += 1 }
      let check = result.decapsulationValid != nil ? "decapsulation" : "signature"
      Console.out(
        "  \(old.record.algorithm) (\(old.record.usage.rawValue)) → \(new.record.algorithm): \(check) valid "
          + "\(result.decapsulationValid ?? result.signatureValid), quantum part valid "
          + "\(result.quantumComponentValid ?? false), continuity \(continuity)")
    }
    for failure in report.failedMigrations { Console.out("  \(failure.keyID) FAILED: \(failure.reason)") }
    let again = try KeysCommands.wait { try await service.migrateAll() }
    Console.out("  a second run migrates \(again.successfulMigrations.count) more (resumable, idempotent)")
    let audit = try store.verifyAuditChain()
    if !audit.isIntact || !again.successfulMigrations.isEmpty { failures += 1 }
    Console.out("  audit log: \(audit.entryCount) entries, chain intact \(audit.isIntact)")
    return failures
  }

  /// A fresh 24-word wallet's account 0: Ethereum address, hybrid address, and a hybrid signature
  /// that verifies against the address (and fails for another message). Returns the failures.
  static func walletTour(_ message: [UInt8]) throws -> Int {
    Console.out("== HD wallet: classical and post-quantum keys from one mnemonic")
    let wallet = try HDWallet(mnemonic: try BIP39.generateMnemonic(wordCount: 24), passphrase: "")
    let account = try wallet.generateAccount(0, coin: 60)
    let signature = try wallet.sign(message, account: account, context: [])
    let valid = account.hybridAddress.isValidSignature(
      signature, for: message, compositeAlgorithm: account.compositeAlgorithm,
      compositePublicKey: account.compositePublicKey)
    let forged = account.hybridAddress.isValidSignature(
      signature, for: message + [0], compositeAlgorithm: account.compositeAlgorithm,
      compositePublicKey: account.compositePublicKey)
    Console.out("  account 0: ethereum \(account.ethereumAddress ?? "-"), hybrid \(account.hybridAddress)")
    Console.out(
      "  \(account.compositeAlgorithm) signature \(signature.count) B: valid \(valid), other message rejected \(!forged)"
    )
    return valid && !forged ? 0 : 1
  }
}
