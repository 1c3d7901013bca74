import Foundation
import QRXPostQuantum
import QRXPrimitives

// The Classic McEliece benchmarks of `qrx bench`: keygen, encaps and decaps (with a loaded key, and from the raw
// encoding as the C reference does) for each of the ten
// sets. Key generation takes from tenths of a second to seconds, so it runs a fixed small count and
// shows a counter on standard error when that is a terminal.
extension BenchCatalog {
  static var mcelieceCases: [BenchCase] {
    mcelieceCases(ClassicMcEliece348864.self) + mcelieceCases(ClassicMcEliece348864f.self)
      + mcelieceCases(ClassicMcEliece460896.self) + mcelieceCases(ClassicMcEliece460896f.self)
      + mcelieceCases(ClassicMcEliece6688128.self) + mcelieceCases(ClassicMcEliece6688128f.self)
      + mcelieceCases(ClassicMcEliece6960119.self) + mcelieceCases(ClassicMcEliece6960119f.self)
      + mcelieceCases(ClassicMcEliece8192128.self) + mcelieceCases(ClassicMcEliece8192128f.self)
  }

  private static func mcelieceCases<P: McElieceParameterSet>(_: P.Type) -> [BenchCase] {
    let seed = [UInt8](repeating: 7, count: 32)
    return [
      BenchCase(alg: P.name, op: "keygen", fixedIterations: 2) {
        let showProgress = Console.standardErrorIsTerminal
        let counter = McElieceBenchCounter()
        return {
          let key = P.PrivateKey()
          benchConsume(key)
          if showProgress {
            FileHandle.standardError.write(Data("\r\(P.name) keygen: \(counter.next()) done \u{1B}[K".utf8))
          }
        }
      },
      BenchCase(alg: P.name, op: "encaps") {
        let publicKey = try P.PrivateKey(seedRepresentation: seed).publicKey
        return { benchConsume(publicKey.encapsulate()) }
      },
      BenchCase(alg: P.name, op: "decaps") {
        let privateKey = try P.PrivateKey(seedRepresentation: seed)
        let (_, ciphertext) = try privateKey.publicKey.encapsulate()
        return { benchConsume(try? privateKey.decapsulate(ciphertext)) }
      },
      // As the C reference does it: parse the private key (support and g) on every call.
      BenchCase(alg: P.name, op: "decaps-from-raw") {
        let privateKey = try P.PrivateKey(seedRepresentation: seed)
        let raw = privateKey.rawRepresentation.copyBytes()
        let (_, ciphertext) = try privateKey.publicKey.encapsulate()
        return {
          let key = try? P.PrivateKey(rawRepresentation: raw)
          benchConsume(try? key?.decapsulate(ciphertext))
        }
      },
    ]
  }
}

/// Counts benchmark iterations for the progress line.
private final class McElieceBenchCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    count += 1
    return count
  }
}
