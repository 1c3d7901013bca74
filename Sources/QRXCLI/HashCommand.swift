import Foundation
import QRXPrimitives

/// `qrx hash`: streams a file (or standard input) through a hash and prints lowercase hex.
enum HashCommand {
  static let usage = """
    usage: qrx hash --alg ALG [--length BYTES] [FILE|-]

    Hashes FILE (standard input when absent or '-') and prints the digest as lowercase hex.

      --alg ALG         sha256, sha384, sha512, sha3-224, sha3-256, sha3-384, sha3-512,
                        shake128, shake256
      --length BYTES    output size for shake128/shake256 (default 32 and 64 bytes)

    """

  static let algorithms = [
    "sha256", "sha384", "sha512", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "shake128", "shake256",
  ]

  /// The largest SHAKE output the command prints.
  static let maximumLength = 1 << 20

  private enum Hasher {
    case sha2(SHA2Hasher)
    case keccak(KeccakSponge, outputLength: Int)
  }

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--alg", "--length"], flags: [])
    let name = try args.required("--alg").lowercased()
    guard algorithms.contains(name) else {
      throw CLIError.usage("unknown hash algorithm '\(name)': expected one of \(algorithms.joined(separator: ", "))")
    }
    guard args.positional.count <= 1 else { throw CLIError.usage("at most one input file") }
    var length: Int? = nil
    if let text = try args.value("--length") {
      guard name.hasPrefix("shake") else { throw CLIError.usage("--length applies to shake128 and shake256 only") }
      guard let value = Int(text), value >= 1, value <= maximumLength else {
        throw CLIError.usage("--length must be a whole number of bytes from 1 to \(maximumLength)")
      }
      length = value
    }
    var hasher: Hasher
    switch name {
    case "sha256": hasher = .sha2(SHA2Hasher(.sha256))
    case "sha384": hasher = .sha2(SHA2Hasher(.sha384))
    case "sha512": hasher = .sha2(SHA2Hasher(.sha512))
    case "sha3-224": hasher = .keccak(SHA3_224.makeSponge(), outputLength: SHA3_224.outputByteCount)
    case "sha3-256": hasher = .keccak(SHA3_256.makeSponge(), outputLength: SHA3_256.outputByteCount)
    case "sha3-384": hasher = .keccak(SHA3_384.makeSponge(), outputLength: SHA3_384.outputByteCount)
    case "sha3-512": hasher = .keccak(SHA3_512.makeSponge(), outputLength: SHA3_512.outputByteCount)
    case "shake128": hasher = .keccak(KeccakSponge(rate: 168, domain: 0x1F), outputLength: length ?? 32)
    default: hasher = .keccak(KeccakSponge(rate: 136, domain: 0x1F), outputLength: length ?? 64)
    }
    let path = args.positional.first ?? "-"
    let handle: FileHandle
    if path == "-" {
      handle = FileHandle.standardInput
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError.input("\(path): no such file")
      }
      guard !isDirectory.boolValue, let file = FileHandle(forReadingAtPath: path) else {
        throw CLIError.input("\(path): cannot be read")
      }
      handle = file
    }
    defer { if path != "-" { try? handle.close() } }
    while true {
      let chunk = handle.readData(ofLength: 1 << 16)
      if chunk.isEmpty { break }
      chunk.withUnsafeBytes { bytes in
        switch hasher {
        case .sha2(let h): h.update(bytes)
        case .keccak(var sponge, let outputLength):
          sponge.absorb(bytes)
          hasher = .keccak(sponge, outputLength: outputLength)
        }
      }
    }
    let digest: [UInt8]
    switch hasher {
    case .sha2(let h): digest = h.finalize()
    case .keccak(var sponge, let outputLength): digest = sponge.squeeze(count: outputLength)
    }
    Console.out(Hex.encode(digest))
    return 0
  }
}
