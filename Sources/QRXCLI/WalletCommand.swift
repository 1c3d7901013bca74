import Foundation
import QRXPrimitives
import QRXWallet

/// `qrx wallet`: BIP-39 mnemonics and the hybrid accounts of an HD wallet (docs/WALLET.md).
enum WalletCommand {
  static let usage = """
    usage: qrx wallet new [--words 12|24]
           qrx wallet account (--mnemonic-file F | --mnemonic "WORDS") [--passphrase P] [--coin N]
                              --index N [--json]
           qrx wallet sign (--mnemonic-file F | --mnemonic "WORDS") [--passphrase P] [--coin N]
                           --index N --in MSG --out SIG [--pub PK] [--context HEX]

    new      prints a fresh BIP-39 mnemonic (24 words unless --words 12) once, on stdout. Write it
             down; it is never stored and never shown again.
    account  derives account N of the wallet: the secp256k1 key at m/44'/COIN'/0'/0/N with its
             Ethereum address, the ML-DSA-65 key at m/44'/COIN'/0'/0'/N', and their hybrid address.
    sign     signs the file MSG ('-' for standard input) with account N's composite key,
             QRX-MLDSA65-secp256k1-ECDSA-SHA512; --pub writes its composite public key
             (ML-DSA-65 key ‖ compressed secp256k1 key), which 'qrx verify --alg
             QRX-MLDSA65-secp256k1-ECDSA-SHA512' reads and the hybrid address names.

      --mnemonic-file F   read the mnemonic from file F ('-' for standard input): preferred
      --mnemonic WORDS    the mnemonic itself. RISK: a command line is visible to other users
                          (ps, /proc) and is kept in shell history; use --mnemonic-file
      --passphrase P      the BIP-39 passphrase (default empty); the same risk applies
      --coin N            SLIP-44 coin type (default 60, Ether)
      --index N           account index, 0 to 2147483647
      --json              {"index", "secp256k1": {"path", "public_key", "address"},
                           "ml_dsa_65": {"path", "public_key"}, "hybrid_address"} (hex keys)
      --in MSG            the message (the transaction's signed bytes)
      --out SIG           where the composite signature goes
      --pub PK            where the composite public key goes (optional)
      --context HEX       the composite context, at most 255 bytes (default empty)

    """

  static func run(_ arguments: [String]) throws -> Int32 {
    guard let subcommand = arguments.first else { throw CLIError.usage("missing subcommand: new, account or sign") }
    let rest = Array(arguments.dropFirst())
    switch subcommand {
    case "new": return try new(rest)
    case "account": return try account(rest)
    case "sign": return try sign(rest)
    default: throw CLIError.usage("unknown subcommand '\(subcommand)': expected new, account or sign")
    }
  }

  static func new(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--words"], flags: [])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument '\(args.positional[0])'") }
    let text = try args.value("--words") ?? "24"
    guard let words = Int(text), words == 12 || words == 24 else { throw CLIError.input("--words must be 12 or 24") }
    Console.out(try BIP39.generateMnemonic(wordCount: words))
    return 0
  }

  static func account(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: ["--mnemonic", "--mnemonic-file", "--passphrase", "--coin", "--index"], flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument '\(args.positional[0])'") }
    let index = try hardenableNumber(args.required("--index"), name: "--index")
    let coin = try hardenableNumber(args.value("--coin") ?? "60", name: "--coin")
    let mnemonic = try readMnemonic(args)
    let wallet: HDWallet
    do {
      wallet = try HDWallet(mnemonic: mnemonic, passphrase: args.value("--passphrase") ?? "")
    } catch let error as BIP39.Error {
      throw CLIError.input(error.description)
    }
    let account = try wallet.generateAccount(index, coin: coin)
    let classicalKey = Hex.encode(account.classicalKey.publicKey)
    let postQuantumKey = Hex.encode(account.postQuantumKey.publicKey.rawRepresentation)
    let address = account.ethereumAddress ?? ""
    if args.has("--json") {
      // Every value is a decimal, hex, a path or an address: nothing needs escaping.
      Console.out(
        "{\"index\": \(index), \"secp256k1\": {\"path\": \"\(account.classicalPath)\", \"public_key\": \"\(classicalKey)\", "
          + "\"address\": \"\(address)\"}, \"ml_dsa_65\": {\"path\": \"\(account.postQuantumPath)\", "
          + "\"public_key\": \"\(postQuantumKey)\"}, \"hybrid_address\": \"\(account.hybridAddress)\"}")
    } else {
      Console.out(
        """
        index             \(index)
        secp256k1 path    \(account.classicalPath)
        secp256k1 key     \(classicalKey)
        ethereum address  \(address)
        ML-DSA-65 path    \(account.postQuantumPath)
        ML-DSA-65 key     \(postQuantumKey)
        hybrid address    \(account.hybridAddress)
        """)
    }
    return 0
  }

  static func sign(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments,
      options: [
        "--mnemonic", "--mnemonic-file", "--passphrase", "--coin", "--index", "--in", "--out", "--pub", "--context",
      ], flags: [])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument '\(args.positional[0])'") }
    let index = try hardenableNumber(args.required("--index"), name: "--index")
    let coin = try hardenableNumber(args.value("--coin") ?? "60", name: "--coin")
    let input = try args.required("--in")
    let output = try args.required("--out")
    var context: [UInt8] = []
    if let hex = try args.value("--context") {
      guard let bytes = try? Hex.decode(hex), bytes.count <= 255 else {
        throw CLIError.input("--context must be hex, at most 255 bytes")
      }
      context = bytes
    }
    let mnemonic = try readMnemonic(args)
    let wallet: HDWallet
    do {
      wallet = try HDWallet(mnemonic: mnemonic, passphrase: args.value("--passphrase") ?? "")
    } catch let error as BIP39.Error {
      throw CLIError.input(error.description)
    }
    let account = try wallet.generateAccount(index, coin: coin)
    let message = try Files.read(input)
    let signature = try wallet.sign(message, account: account, context: context)
    try Files.write(signature, to: output)
    if let pub = try args.value("--pub") { try Files.write(account.compositePublicKey, to: pub) }
    return 0
  }

  /// A decimal below 2³¹ (an index that may be hardened).
  static func hardenableNumber(_ text: String, name: String) throws -> UInt32 {
    guard !text.isEmpty, text.count <= 10, text.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = UInt32(text),
      value < 0x8000_0000
    else { throw CLIError.input("\(name) must be a whole number from 0 to 2147483647") }
    return value
  }

  /// The mnemonic from exactly one of --mnemonic-file (preferred) and --mnemonic.
  static func readMnemonic(_ args: Arguments) throws -> String {
    let inline = try args.value("--mnemonic")
    let path = try args.value("--mnemonic-file")
    switch (inline, path) {
    case (let words?, nil):
      return words
    case (nil, let path?):
      let secret = try Files.readSecret(path)
      guard secret.count <= 4096 else { throw CLIError.input("\(path): too large for a mnemonic") }
      var bytes = secret.copyBytes()
      defer { SecretBytes.wipe(&bytes) }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw CLIError.input("\(path): the mnemonic is not UTF-8 text")
      }
      return text
    case (nil, nil):
      throw CLIError.usage("give the mnemonic with --mnemonic-file F (preferred) or --mnemonic")
    case (_?, _?):
      throw CLIError.usage("give only one of --mnemonic-file and --mnemonic")
    }
  }
}
