/// How a command failed, and so which exit code it returns (`../shared/DESIGN.md`, Command line).
public enum CLIError: Error, CustomStringConvertible {
  /// Bad usage: unknown flag, missing argument (exit 2).
  case usage(String)
  /// Bad input: missing file, malformed key, wrong length (exit 2).
  case input(String)
  /// A negative answer: invalid signature, failed check (exit 1).
  case negative(String)

  public var description: String {
    switch self {
    case .usage(let m), .input(let m), .negative(let m): return m
    }
  }

  /// The process exit code.
  public var exitCode: Int32 {
    switch self {
    case .negative: return 1
    case .usage, .input: return 2
    }
  }
}
