/// A small, strict command-line parser: `--name value`, `--name=value`, flags, repeated options
/// and positional arguments. Unknown options are usage errors (exit 2), never ignored.
public struct Arguments {
  private(set) var values: [String: [String]] = [:]
  private(set) var flags: Set<String> = []
  /// Arguments that are not options, in order.
  public private(set) var positional: [String] = []

  /// Parses `arguments` given the option names that take a value and the flag names.
  public init(_ arguments: [String], options: Set<String>, flags allowedFlags: Set<String>) throws {
    var index = 0
    var onlyPositional = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if onlyPositional || argument == "-" || !argument.hasPrefix("-") {
        positional.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositional = true
        continue
      }
      var name = argument
      var inlineValue: String? = nil
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      if name == "-h" { name = "--help" }
      if options.contains(name) {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else {
          guard index < arguments.count else { throw CLIError.usage("option \(name) needs a value") }
          value = arguments[index]
          index += 1
        }
        values[name, default: []].append(value)
      } else if allowedFlags.contains(name) || name == "--help" {
        guard inlineValue == nil else { throw CLIError.usage("flag \(name) takes no value") }
        flags.insert(name)
      } else {
        throw CLIError.usage("unknown option \(name)")
      }
    }
  }

  /// Whether `flag` was given.
  public func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The value of `option`, if given once; giving it twice is a usage error.
  public func value(_ option: String) throws -> String? {
    guard let list = values[option] else { return nil }
    guard list.count == 1 else { throw CLIError.usage("option \(option) given more than once") }
    return list[0]
  }

  /// The value of a required `option`.
  public func required(_ option: String) throws -> String {
    guard let value = try value(option) else { throw CLIError.usage("missing required option \(option)") }
    return value
  }

  /// Every value of a repeatable `option`.
  public func all(_ option: String) -> [String] { values[option] ?? [] }
}
