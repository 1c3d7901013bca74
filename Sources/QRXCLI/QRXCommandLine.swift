import Foundation
import QRXPrimitives

/// The `qrx` command-line tool. `main.swift` calls ``QRXCommandLine/main(_:)`` and exits with its code.
public enum QRXCommandLine {
  /// The tool's version.
  public static let version = "0.1.0"

  struct Command: Sendable {
    let name: String
    let summary: String
    let usage: String
    let run: @Sendable ([String]) throws -> Int32
  }

  static let commands: [Command] = [
    Command(name: "keygen", summary: "generate a key pair", usage: KeyCommands.keygenUsage, run: KeyCommands.keygen),
    Command(
      name: "pubkey", summary: "write the public key of a private key", usage: KeyCommands.pubkeyUsage,
      run: KeyCommands.pubkey),
    Command(name: "sign", summary: "sign a message", usage: KeyCommands.signUsage, run: KeyCommands.sign),
    Command(
      name: "verify", summary: "verify a signature (exit 0 valid, 1 invalid)", usage: KeyCommands.verifyUsage,
      run: KeyCommands.verify),
    Command(
      name: "encaps", summary: "encapsulate a shared secret to a public key", usage: KeyCommands.encapsUsage,
      run: KeyCommands.encaps),
    Command(
      name: "decaps", summary: "decapsulate a shared secret", usage: KeyCommands.decapsUsage,
      run: KeyCommands.decaps),
    Command(
      name: "encrypt", summary: "encrypt a file to a KEM public key (HPKE, .qrx)", usage: EncryptCommands.encryptUsage,
      run: EncryptCommands.encrypt),
    Command(
      name: "decrypt", summary: "decrypt a .qrx file (exit 1 if it does not authenticate)",
      usage: EncryptCommands.decryptUsage, run: EncryptCommands.decrypt),
    Command(
      name: "hash", summary: "hash a file or standard input (hex on stdout)", usage: HashCommand.usage,
      run: HashCommand.run),
    Command(
      name: "algorithms", summary: "list the algorithms this build knows", usage: AlgorithmsCommand.usage,
      run: AlgorithmsCommand.run),
    Command(
      name: "keys", summary: "managed keys: generate, import, list, show, test, rotate, sign, verify",
      usage: KeysCommands.keysUsage, run: KeysCommands.keys),
    Command(
      name: "migrate", summary: "migrate classical keys to hybrid keys (resumable)", usage: KeysCommands.migrateUsage,
      run: KeysCommands.migrate),
    Command(
      name: "audit", summary: "verify the audit log's hash chain (exit 1 if broken)", usage: KeysCommands.auditUsage,
      run: KeysCommands.audit),
    Command(
      name: "wallet", summary: "BIP-39 mnemonics and hybrid HD-wallet accounts", usage: WalletCommand.usage,
      run: WalletCommand.run),
    Command(
      name: "bench", summary: "measure operations (median ns per operation)", usage: BenchCommand.usage,
      run: BenchCommand.run),
    Command(name: "demo", summary: "a short tour of what works", usage: DemoCommand.usage, run: DemoCommand.run),
    Command(
      name: "version", summary: "print the version", usage: "usage: qrx version\n",
      run: { _ in
        Console.out("qrx \(version)")
        return 0
      }),
  ]

  static var overview: String {
    var text = """
      qrx \(version): hybrid (classical + post-quantum) cryptography for an exchange.

      usage: qrx COMMAND [OPTIONS]
             qrx COMMAND --help

      commands:

      """
    for command in commands {
      text += "  " + command.name.padding(toLength: 12, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += """

      Data goes to stdout or the files named; messages go to stderr.
      Exit codes: 0 success, 1 negative answer (invalid signature, failed check), 2 bad usage or input.

      """
    return text
  }

  /// Runs the tool with `arguments` (without the program name) and returns the exit code.
  public static func main(_ arguments: [String]) -> Int32 {
    guard let first = arguments.first else {
      FileHandle.standardError.write(Data(overview.utf8))
      return 2
    }
    if first == "--help" || first == "-h" || first == "help" {
      if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
        FileHandle.standardOutput.write(Data(command.usage.utf8))
      } else {
        FileHandle.standardOutput.write(Data(overview.utf8))
      }
      return 0
    }
    if first == "--version" { return main(["version"]) }
    guard let command = commands.first(where: { $0.name == first }) else {
      Console.error("qrx: unknown command '\(first)' (see qrx --help)")
      return 2
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      FileHandle.standardOutput.write(Data(command.usage.utf8))
      return 0
    }
    do {
      return try command.run(rest)
    } catch let error as CLIError {
      Console.error("qrx \(command.name): \(error.description)")
      if case .usage = error { Console.error("see 'qrx \(command.name) --help'") }
      return error.exitCode
    } catch {
      // Typed errors of the crypto layers describe the input, never secrets.
      Console.error("qrx \(command.name): \(error)")
      return 2
    }
  }
}
