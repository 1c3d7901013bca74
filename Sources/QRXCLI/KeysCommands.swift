import Foundation
import QRXKeys
import QRXPrimitives
import QRXStore

/// `qrx keys …`, `qrx migrate …`, `qrx audit verify`: the key manager, migration to hybrid keys and
/// the audit log, over the store named by `--db` (default `sqlite:./qrx.db`, or `QRX_DB`).
enum KeysCommands {
  static let keysUsage = """
    usage: qrx keys generate --alg ALG [--usage U] [--count N] [--label L]
           qrx keys import --alg ALG --key FILE [--usage U] [--label L]
           qrx keys list
           qrx keys show ID
           qrx keys test ID
           qrx keys rotate ID
           qrx keys sign ID --in F --out SIG
           qrx keys verify --in F --sig SIG
    every form also takes [--db sqlite:PATH|postgres://…] [--json]

    Keys live in the store, their private keys sealed under the master key (QRX_MASTER_KEY,
    QRX_MASTER_KEY_FILE, or PATH.master-key beside a SQLite store, created on first run).
    Usages: transaction-signing (default), withdrawal-signing, api-auth, encryption, storage.
    Key-encapsulation keys (X25519, X-Wing) are for encryption (their default) or storage; they
    cannot sign. Signature keys cannot have usage encryption.
    'keys test' signs and verifies a fresh message with each part of the key; for a
    key-encapsulation key it encapsulates a fresh secret and decapsulates it with each part.
    'keys verify' exits 0 for a valid signature, 1 for an invalid one.

    """

  static let migrateUsage = """
    usage: qrx migrate --all | ID… [--slh-dsa] [--batch N] [--db URL] [--json]
           qrx migrate status [--db URL] [--json]

    Moves classical keys to hybrid keys that keep the classical key and add a post-quantum key:
    ML-DSA-65 for signing keys, ML-DSA-87 for withdrawal keys (SLH-DSA-SHA2-128s with --slh-dsa).
    Without a composite for that pairing the next stronger ML-DSA is taken; with --slh-dsa a
    withdrawal key without an SLH-DSA composite fails instead (docs/KEYS.md has the table).
    X25519 encryption keys become X-Wing keys that keep the X25519 key and add ML-KEM-768.
    Resumable: run it again after an interruption; no key gets a second hybrid key.
    A progress bar goes to stderr on a terminal; --json prints the report on stdout.
    Exit 0 when every key migrated (or already was), 1 when some failed (the report says why).

    """

  static let auditUsage = """
    usage: qrx audit verify [--db URL] [--json]

    Checks the audit log's hash chain: exit 0 if intact, 1 if an entry was edited, deleted or reordered.

    """

  // MARK: Shared

  static let commonOptions: Set<String> = ["--db"]

  static func openStore(_ args: Arguments) throws -> (store: any KeyStore, location: StoreLocation) {
    let url = Store.url(option: try args.value("--db"))
    let location = try StoreLocation(url: url)
    return (try Store.open(url: url), location)
  }

  static func openManager(_ args: Arguments) throws -> KeyManager {
    let (store, location) = try openStore(args)
    let sealer = try KeySealer(masterKey: MasterKey.load(for: location))
    return KeyManager(store: store, sealer: sealer)
  }

  static func usage(_ text: String) throws -> KeyUsage {
    guard let usage = KeyUsage(rawValue: text) else {
      throw CLIError.usage("unknown usage '\(text)': \(KeyUsage.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return usage
  }

  static func json(_ object: Any) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  static func describe(_ key: KeyInfo) -> [String: Any] {
    var object: [String: Any] = [
      "key_id": key.record.id, "algorithm": key.record.algorithm, "usage": key.record.usage.rawValue,
      "hybrid": key.isHybrid, "version": key.current.version, "state": key.current.state.rawValue,
      "created_at": key.record.createdAt, "public_key": Base64URL.encode(key.current.publicKey),
      "versions": key.versions.map {
        ["version": $0.version, "state": $0.state.rawValue, "created_at": $0.createdAt, "use_count": $0.useCount]
      },
    ]
    if let label = key.record.label { object["label"] = label }
    if let from = key.record.migratedFrom { object["migrated_from"] = from }
    if let to = key.record.migratedTo { object["migrated_to"] = to }
    if let policy = key.rotationPolicy {
      var rotation: [String: Any] = [:]
      if let age = policy.maxAgeSeconds { rotation["max_age_seconds"] = age }
      if let uses = policy.maxUses { rotation["max_uses"] = uses }
      object["rotation"] = rotation
    }
    return object
  }

  static func line(_ key: KeyInfo) -> String {
    "\(key.record.id)  \(key.record.algorithm)  \(key.record.usage.rawValue)  v\(key.current.version) "
      + "\(key.current.state.rawValue)" + (key.record.label.map { "  \($0)" } ?? "")
      + (key.record.migratedTo.map { "  migrated to \($0)" } ?? "")
  }

  /// Runs `body` on the concurrency pool and waits for it (commands are synchronous).
  static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
      done.signal()
    }
    done.wait()
    guard let result = box.result else { throw CLIError.input("internal error: no result") }
    return try result.get()
  }

  // MARK: keys

  static func keys(_ arguments: [String]) throws -> Int32 {
    guard let sub = arguments.first else { throw CLIError.usage("missing subcommand") }
    let rest = Array(arguments.dropFirst())
    switch sub {
    case "generate": return try generate(rest)
    case "import": return try importKey(rest)
    case "list": return try list(rest)
    case "show", "test", "rotate": return try single(sub, rest)
    case "sign": return try sign(rest)
    case "verify": return try verify(rest)
    default: throw CLIError.usage("unknown subcommand 'keys \(sub)'")
    }
  }

  static func generate(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: commonOptions.union(["--alg", "--usage", "--count", "--label"]), flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let algorithm = try args.required("--alg")
    let keyUsage = try usage(try args.value("--usage") ?? KeyManager.defaultUsage(forAlgorithm: algorithm).rawValue)
    let countText = try args.value("--count") ?? "1"
    guard let count = Int(countText), count >= 1, count <= 1_000_000 else {
      throw CLIError.usage("--count must be 1 … 1000000")
    }
    let label = try args.value("--label")
    let manager = try openManager(args)
    let made = try wait {
      try await manager.generate(algorithm: algorithm, usage: keyUsage, label: label, count: count)
    }
    for key in made { Console.out(args.has("--json") ? json(describe(key)) : key.record.id) }
    return 0
  }

  static func importKey(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: commonOptions.union(["--alg", "--key", "--usage", "--label"]), flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let path = try args.required("--key")
    let loaded = try KeyFile.read(path, expectPrivate: true)
    let algorithm = try KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: loaded, path: path)
    let keyUsage = try usage(try args.value("--usage") ?? KeyManager.defaultUsage(forAlgorithm: algorithm).rawValue)
    let label = try args.value("--label")
    let manager = try openManager(args)
    let key = try wait {
      try await manager.importKey(algorithm: algorithm, privateKey: loaded.bytes, usage: keyUsage, label: label)
    }
    Console.out(args.has("--json") ? json(describe(key)) : key.record.id)
    return 0
  }

  static func list(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: commonOptions, flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let manager = try openManager(args)
    var after: String? = nil
    while true {
      let cursor = after
      let page = try wait { try await manager.list(KeyQuery(afterID: cursor, limit: 1000)) }
      guard let last = page.last else { break }
      for key in page { Console.out(args.has("--json") ? json(describe(key)) : line(key)) }
      after = last.record.id
    }
    return 0
  }

  static func single(_ sub: String, _ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: commonOptions, flags: ["--json"])
    guard args.positional.count == 1 else { throw CLIError.usage("keys \(sub) takes one key id") }
    let id = args.positional[0]
    let manager = try openManager(args)
    switch sub {
    case "show":
      let key = try wait { try await manager.key(id: id) }
      var object = describe(key)
      if key.record.migratedTo != nil {
        let service = KeyMigrationService(keys: manager)
        object["continuity_valid"] = try service.verifyContinuity(classicalKeyID: id)
      } else if let from = key.record.migratedFrom {
        let service = KeyMigrationService(keys: manager)
        object["continuity_valid"] = try service.verifyContinuity(classicalKeyID: from)
      }
      if args.has("--json") {
        Console.out(json(object))
      } else {
        for name in object.keys.sorted() { Console.out("\(name): \(object[name]!)") }
      }
      return 0
    case "test":
      let result = try wait { try await manager.test(id: id) }
      var object: [String: Any] = [
        "key_id": result.keyID,
        "quantum_component_valid": result.quantumComponentValid.map { $0 as Any } ?? NSNull(),
      ]
      let what: String
      if let decapsulation = result.decapsulationValid {
        object["decapsulation_valid"] = decapsulation
        what = "decapsulation \(decapsulation ? "valid" : "INVALID")"
      } else {
        object["signature_valid"] = result.signatureValid
        what = "signature \(result.signatureValid ? "valid" : "INVALID")"
      }
      Console.out(
        args.has("--json")
          ? json(object)
          : "\(id): \(what), quantum component "
            + (result.quantumComponentValid.map { $0 ? "valid" : "INVALID" } ?? "none (classical key)"))
      return result.passed ? 0 : 1
    default:
      let key = try wait { try await manager.rotate(id: id) }
      Console.out(args.has("--json") ? json(describe(key)) : "\(id): now version \(key.current.version)")
      return 0
    }
  }

  static func sign(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: commonOptions.union(["--in", "--out"]), flags: ["--json"])
    guard args.positional.count == 1 else { throw CLIError.usage("keys sign takes one key id") }
    let id = args.positional[0]
    let message = try Files.read(try args.required("--in"))
    let out = try args.required("--out")
    let manager = try openManager(args)
    let signature = try wait { try await manager.sign(message, keyID: id) }
    try Files.write(signature.jsonRepresentation, to: out)
    return 0
  }

  static func verify(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: commonOptions.union(["--in", "--sig"]), flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let message = try Files.read(try args.required("--in"))
    let signature = try KeySignature(jsonRepresentation: try Files.read(try args.required("--sig")))
    let manager = try openManager(args)
    let valid = try wait { try await manager.verify(message, signature: signature) }
    if args.has("--json") {
      Console.out(json(["key_id": signature.keyID, "key_version": signature.keyVersion, "valid": valid]))
    }
    guard valid else { throw CLIError.negative("invalid signature") }
    if !args.has("--json") { Console.error("valid signature by \(signature.keyID) version \(signature.keyVersion)") }
    return 0
  }

  // MARK: migrate

  static func migrate(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: commonOptions.union(["--batch"]), flags: ["--json", "--all", "--slh-dsa"])
    if args.positional == ["status"] { return try status(args) }
    guard args.has("--all") != !args.positional.isEmpty else {
      throw CLIError.usage("give --all or key ids (not both)")
    }
    let manager = try openManager(args)
    var service = KeyMigrationService(
      keys: manager, policy: MigrationPolicy(withdrawalUsesSLHDSA: args.has("--slh-dsa")))
    if let batch = try args.value("--batch") {
      guard let n = Int(batch), n >= 1, n <= 10_000 else { throw CLIError.usage("--batch must be 1 … 10000") }
      service.batchSize = n
    }
    let showBar = Console.standardErrorIsTerminal
    let progress: (@Sendable (MigrationProgress) -> Void)? = showBar ? progressBar : nil
    let ids = args.positional
    let all = args.has("--all")
    let runner = service
    let report = try wait {
      all ? try await runner.migrateAll(progress: progress) : try await runner.migrate(ids: ids, progress: progress)
    }
    if showBar { Console.error("") }
    if args.has("--json") {
      Console.out(report.json)
    } else {
      Console.out(
        "migrated \(report.successfulMigrations.count), already migrated \(report.alreadyMigrated), "
          + "failed \(report.failedMigrations.count)")
      for failure in report.failedMigrations { Console.out("  \(failure.keyID): \(failure.reason)") }
    }
    return report.failedMigrations.isEmpty ? 0 : 1
  }

  /// Draws `[#####-----] done/total  rate  time left` on stderr, in place.
  @Sendable static func progressBar(_ p: MigrationProgress) {
    let width = 30
    let filled = p.total == 0 ? width : width * p.done / p.total
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let rate = Int(p.keysPerSecond.rounded())
    let left = Int(p.secondsRemaining.rounded())
    FileHandle.standardError.write(Data("\r[\(bar)] \(p.done)/\(p.total)  \(rate) keys/s  \(left) s left ".utf8))
  }

  static func status(_ args: Arguments) throws -> Int32 {
    let (store, _) = try openStore(args)
    defer { store.close() }
    let summary = try store.migrationSummary()
    let remaining = try store.transaction { tx in
      try tx.listKeysCount(migrated: false)
    }
    let object: [String: Any] = [
      "completed": summary.completed, "claimed": summary.claimed, "failed": summary.failed,
      "not_migrated": remaining,
    ]
    if args.has("--json") {
      Console.out(json(object))
    } else {
      Console.out(
        "completed \(summary.completed), in progress or interrupted \(summary.claimed), failed \(summary.failed), "
          + "classical keys not migrated \(remaining)")
    }
    return 0
  }

  // MARK: audit

  static func audit(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: commonOptions, flags: ["--json"])
    guard args.positional == ["verify"] else { throw CLIError.usage("usage: qrx audit verify") }
    let (store, _) = try openStore(args)
    defer { store.close() }
    let result = try store.verifyAuditChain()
    if args.has("--json") {
      var object: [String: Any] = [
        "intact": result.isIntact, "entries": result.entryCount, "head_hash": Hex.encode(result.headHash),
      ]
      if let bad = result.firstBadSeq { object["first_bad_seq"] = bad }
      if let problem = result.problem { object["problem"] = problem }
      Console.out(json(object))
    } else if result.isIntact {
      Console.out("audit log intact: \(result.entryCount) entries, head \(Hex.encode(result.headHash))")
    }
    guard result.isIntact else { throw CLIError.negative("audit log broken: \(result.problem ?? "unknown")") }
    return 0
  }
}

/// Carries a task's result to the thread waiting on the semaphore.
final class ResultBox<T>: @unchecked Sendable {
  var result: Result<T, any Error>?
}

extension KeyStoreTransaction {
  /// Classical keys (migration candidates) not replaced by a hybrid key yet.
  func listKeysCount(migrated: Bool) throws -> Int {
    var count = 0
    var after: String? = nil
    while true {
      let page = try listKeys(KeyQuery(migrated: migrated, afterID: after, limit: 5000))
      guard let last = page.last else { break }
      count += page.filter { KeyMigrationService.isMigrationCandidate($0) }.count
      after = last.id
    }
    return count
  }
}
