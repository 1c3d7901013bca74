import Foundation
import QRXPrimitives

// `qrx bench`: one harness for every operation. Each case prepares its inputs once (outside the
// timing), then the harness warms up, calibrates an iteration count, times several runs and
// reports the median nanoseconds per operation.

/// One benchmarked operation.
public struct BenchCase: Sendable {
  /// Algorithm wire name (`ML-DSA-65`).
  public let alg: String
  /// Operation (`keygen`, `sign`, `hash-1KiB`).
  public let op: String
  /// Runs before timing (key generation, message set-up) and returns the operation to time.
  public let prepare: @Sendable () throws -> @Sendable () -> Void
  /// For slow operations: time exactly this many iterations a run, without calibration.
  public let fixedIterations: Int?

  public init(
    alg: String, op: String, fixedIterations: Int? = nil,
    prepare: @escaping @Sendable () throws -> @Sendable () -> Void
  ) {
    self.alg = alg
    self.op = op
    self.fixedIterations = fixedIterations
    self.prepare = prepare
  }
}

/// One measured result, printed by `qrx bench --json` as
/// `{"alg": "SHA3-256", "op": "hash-1KiB", "ns_per_op": 5120, "iterations": 20000}`.
public struct BenchResult: Sendable {
  public let alg: String
  public let op: String
  public let nanosecondsPerOperation: Int
  public let iterations: Int

  /// The JSON line of `../shared/DESIGN.md`, keys in that order.
  public var jsonLine: String {
    "{\"alg\": \(jsonString(alg)), \"op\": \(jsonString(op)), \"ns_per_op\": \(nanosecondsPerOperation), \"iterations\": \(iterations)}"
  }

  private func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// The timing loop.
public struct BenchHarness: Sendable {
  /// Target wall time of one timed run, in nanoseconds.
  public var runTargetNanoseconds: UInt64 = 200_000_000
  /// Timed runs whose median is reported.
  public var runs = 5

  public init() {}

  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Measures `benchCase`.
  public func measure(_ benchCase: BenchCase) throws -> BenchResult {
    let operation = try benchCase.prepare()
    let iterations: Int
    if let fixed = benchCase.fixedIterations {
      operation()  // warm-up
      iterations = fixed
    } else {
      // Warm up and calibrate: double until one batch takes a tenth of the target.
      var count = 1
      while true {
        let start = Self.now()
        for _ in 0..<count { operation() }
        let elapsed = Self.now() - start
        if elapsed >= runTargetNanoseconds / 10 || count >= 1 << 24 {
          let perOp = max(1, elapsed / UInt64(count))
          iterations = max(1, Int(runTargetNanoseconds / perOp))
          break
        }
        count *= 2
      }
    }
    var samples: [UInt64] = []
    for _ in 0..<max(1, runs) {
      let start = Self.now()
      for _ in 0..<iterations { operation() }
      samples.append((Self.now() - start) / UInt64(iterations))
    }
    samples.sort()
    return BenchResult(
      alg: benchCase.alg, op: benchCase.op, nanosecondsPerOperation: Int(samples[samples.count / 2]),
      iterations: iterations)
  }
}

/// Every registered benchmark. Families add theirs in their own files (`BenchCatalog+Family.swift`).
public enum BenchCatalog {
  /// All cases, in display order.
  public static var allCases: [BenchCase] {
    primitivesCases + classicalCases + mlkemCases + mldsaCases + slhdsaCases + falconCases + mcelieceCases
      + hybridKEMCases + storeCases + compositeCases + keyManagerCases + walletCases
  }
}

/// Keeps the optimizer from discarding a benchmarked result.
@inline(never)
public func benchConsume<T>(_ value: T) {
  withExtendedLifetime(value) {}
}
