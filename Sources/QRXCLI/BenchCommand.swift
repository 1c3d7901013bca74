import Foundation
import QRXPrimitives

/// `qrx bench`: runs the registered benchmarks (``BenchCatalog``), filtered by algorithm and operation.
enum BenchCommand {
  static let usage = """
    usage: qrx bench [--alg ALG ...] [--op OP ...] [--json] [--list]

    Measures each selected operation: warm-up, calibration, several timed runs, median.
    With --json, prints one object a line on stdout:
      {"alg": "SHA3-256", "op": "hash-1KiB", "ns_per_op": 5120, "iterations": 20000}
    Progress goes to stderr. Filters are case-insensitive and may be repeated.

      --alg ALG     only this algorithm (repeatable)
      --op OP       only this operation (repeatable)
      --json        machine-readable output
      --list        list the benchmarks without running them

    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--alg", "--op"], flags: ["--json", "--list"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let algs = Set(args.all("--alg").map { $0.lowercased() })
    let ops = Set(args.all("--op").map { $0.lowercased() })
    let selected = BenchCatalog.allCases.filter {
      (algs.isEmpty || algs.contains($0.alg.lowercased())) && (ops.isEmpty || ops.contains($0.op.lowercased()))
    }
    guard !selected.isEmpty else {
      throw CLIError.usage("no benchmark matches; see 'qrx bench --list'")
    }
    if args.has("--list") {
      for benchCase in selected { Console.out("\(benchCase.alg) \(benchCase.op)") }
      return 0
    }
    let harness = BenchHarness()
    let json = args.has("--json")
    if !json {
      Console.out(
        "alg".padding(toLength: 34, withPad: " ", startingAt: 0)
          + "op".padding(toLength: 14, withPad: " ", startingAt: 0) + "ns/op".leftPadded(14)
          + "iterations".leftPadded(12))
    }
    for (index, benchCase) in selected.enumerated() {
      if Console.standardErrorIsTerminal {
        FileHandle.standardError.write(
          Data("\r[\(index + 1)/\(selected.count)] \(benchCase.alg) \(benchCase.op)\u{1B}[K".utf8))
      }
      let result = try harness.measure(benchCase)
      if json {
        Console.out(result.jsonLine)
      } else {
        Console.out(
          result.alg.padding(toLength: 34, withPad: " ", startingAt: 0)
            + result.op.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(result.nanosecondsPerOperation).leftPadded(14) + String(result.iterations).leftPadded(12))
      }
    }
    if Console.standardErrorIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return 0
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
