import Foundation
import QRXPostQuantum
import QRXPrimitives

// The ML-DSA benchmarks of `qrx bench` (FIPS 204), per parameter set:
// - keygen: PrivateKey(seedRepresentation:), including the expansion kept for signing;
// - sign: a hedged signature of a 32-byte message with a ready key;
// - sign-cctv: the average deterministic signing time over the C2SP CCTV message set
//   (`cctv/ml-dsa/benchmark/ML-DSA-nn.json`, empty context, ξ = 32 zero bytes), whose messages
//   reproduce the true distribution of rejection rounds: the honest signing figure;
// - verify: a valid signature with a ready public key; verify-raw also decodes and expands the
//   public key from its bytes first, as a verifier without a key cache does.
extension BenchCatalog {
  static var mldsaCases: [BenchCase] {
    mldsaCases(MLDSA44.PrivateKey.self, name: MLDSA44.name)
      + mldsaCases(MLDSA65.PrivateKey.self, name: MLDSA65.name)
      + mldsaCases(MLDSA87.PrivateKey.self, name: MLDSA87.name)
  }

  private static func mldsaCases<Key: MLDSACommandLineKey>(_: Key.Type, name: String) -> [BenchCase] {
    let message = [UInt8](repeating: 0x5A, count: 32)
    var cases = [
      BenchCase(alg: name, op: "keygen") {
        let seed = SecretBytes([UInt8](repeating: 7, count: 32))
        return { benchConsume(try? Key(seedRepresentation: seed)) }
      },
      BenchCase(alg: name, op: "sign") {
        let key = try Key(seedRepresentation: SecretBytes([UInt8](repeating: 7, count: 32)))
        return { benchConsume(try? key.signature(for: message, context: [], deterministic: false)) }
      },
      BenchCase(alg: name, op: "verify") {
        let key = try Key(seedRepresentation: SecretBytes([UInt8](repeating: 7, count: 32)))
        let signature = try key.signature(for: message, context: [], deterministic: false)
        let publicKey = key.publicKey
        return { benchConsume(publicKey.isValidSignature(signature, for: message, context: [])) }
      },
      BenchCase(alg: name, op: "verify-raw") {
        let key = try Key(seedRepresentation: SecretBytes([UInt8](repeating: 7, count: 32)))
        let signature = try key.signature(for: message, context: [], deterministic: false)
        let raw = key.publicKey.rawRepresentation
        return {
          let publicKey = try? Key.Public(rawRepresentation: raw)
          benchConsume(publicKey?.isValidSignature(signature, for: message, context: []))
        }
      },
    ]
    if let url = mldsaBenchmarkMessages(name) {
      cases.append(
        BenchCase(alg: name, op: "sign-cctv", fixedIterations: mldsaBenchmarkMessageCount(url)) {
          let messages = try mldsaBenchmarkMessageSet(url)
          let key = try Key(seedRepresentation: SecretBytes(zeroes: 32))
          // One operation signs the next message; a timed run of `count` operations signs each
          // message exactly once, so the reported time is the average over the set.
          let cursor = MLDSABenchCursor()
          return {
            let message = messages[cursor.next(messages.count)]
            benchConsume(try? key.signature(for: message, context: [], deterministic: true))
          }
        })
    }
    return cases
  }

  /// The messages of a CCTV benchmark set, as UTF-8 bytes.
  private static func mldsaBenchmarkMessageSet(_ url: URL) throws -> [[UInt8]] {
    guard let texts = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String], !texts.isEmpty
    else { throw CLIError.input("\(url.path): expected a JSON array of message strings") }
    return texts.map { Array($0.utf8) }
  }

  /// The number of messages in a CCTV benchmark set (1 if it cannot be read; preparing then fails loudly).
  private static func mldsaBenchmarkMessageCount(_ url: URL) -> Int {
    (try? mldsaBenchmarkMessageSet(url).count) ?? 1
  }

  /// `cctv/ml-dsa/benchmark/<name>.json` under `QRX_VECTORS`, `../shared/vectors` from the working
  /// directory, or `../shared/vectors` beside the package that built this executable; nil (with a
  /// note on stderr) when it is nowhere.
  private static func mldsaBenchmarkMessages(_ name: String) -> URL? {
    let relative = "cctv/ml-dsa/benchmark/\(name).json"
    var roots: [URL] = []
    if let path = ProcessInfo.processInfo.environment["QRX_VECTORS"], !path.isEmpty {
      roots.append(URL(fileURLWithPath: path))
    }
    roots.append(URL(fileURLWithPath: "../shared/vectors"))
    // <package>/.build/<config>/qrx → <package>/../shared/vectors
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var package = executable.deletingLastPathComponent()
    for _ in 0..<3 {
      package = package.deletingLastPathComponent()
      roots.append(package.appendingPathComponent("../shared/vectors").standardizedFileURL)
    }
    for root in roots {
      let url = root.appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    FileHandle.standardError.write(
      Data("note: \(relative) not found (set QRX_VECTORS); \(name) sign-cctv skipped\n".utf8))
    return nil
  }
}

/// Walks a message set in a loop, for the single-threaded benchmark harness.
final class MLDSABenchCursor: @unchecked Sendable {
  private var index = 0

  /// The next index below `count`.
  func next(_ count: Int) -> Int {
    defer { index = (index + 1) % count }
    return index
  }
}
