import Foundation
import QRXHybrid
import QRXPrimitives

/// `encrypt` and `decrypt`: whole files to a KEM public key with HPKE base mode, in the `.qrx`
/// format of docs/FORMATS.md ("Hybrid KEMs and HPKE").
enum EncryptCommands {
  static let encryptUsage = """
    usage: qrx encrypt --pub PK --alg KEM [--aad HEX] --in F --out F.qrx

    Encrypts the file F ('-' for standard input) to the public key PK with HPKE (base mode,
    SHAKE256, AES-256-GCM) in the .qrx format. The header names the suite and is bound into the
    encryption; --aad adds associated data that is authenticated and stored in the clear.

      --pub PK     recipient public key (raw needs --alg; json carries it)
      --alg KEM    \(kemNames.joined(separator: ", "))
      --aad HEX    associated data, at most \(EncryptedFile.maximumAADByteCount) bytes
      --in F       plaintext
      --out F.qrx  encrypted file

    """

  static let decryptUsage = """
    usage: qrx decrypt --key SK [--alg KEM] --in F.qrx --out F

    Decrypts a .qrx file with the private key SK. The KEM comes from the key (its file or --alg),
    never from the encrypted file: a file made for another KEM is refused. Exit 1 if the file
    does not authenticate (wrong key, altered or truncated), 2 on bad input.

    """

  /// The names `--alg` accepts.
  static var kemNames: [String] {
    HPKEKEMs.all.map(\.name) + ["X25519", "X448", "ECDH-P256", "ECDH-P384", "ECDH-P521"]
  }

  /// The HPKE KEM for an algorithm name; X25519, X448 and ECDH keys use their DHKEM.
  static func hpkeKEM(_ name: String) throws -> any HPKEKEM {
    switch name.lowercased() {
    case "x25519": return DHKEM.x25519
    case "x448": return DHKEM.x448
    case "ecdh-p256": return DHKEM.p256
    case "ecdh-p384": return DHKEM.p384
    case "ecdh-p521": return DHKEM.p521
    default:
      guard let kem = HPKEKEMs.kem(named: name) else {
        throw CLIError.usage("\(name) is not an HPKE KEM: use one of \(kemNames.joined(separator: ", "))")
      }
      return kem
    }
  }

  static func encrypt(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--pub", "--alg", "--aad", "--in", "--out"], flags: [])
    let keyPath = try args.required("--pub")
    let input = try args.required("--in")
    let out = try args.required("--out")
    let key = try KeyFile.read(keyPath, expectPrivate: false)
    let kem = try hpkeKEM(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let aad = try KeyCommands.hexOption(args, "--aad") ?? []
    guard aad.count <= EncryptedFile.maximumAADByteCount else {
      throw CLIError.usage("--aad is at most \(EncryptedFile.maximumAADByteCount) bytes")
    }
    var plaintext = try Files.read(input)
    defer { SecretBytes.wipe(&plaintext) }
    let sealed = try EncryptedFile.encrypt(plaintext, to: key.bytes.copyBytes(), kem: kem, aad: aad)
    try Files.write(sealed, to: out)
    return 0
  }

  static func decrypt(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--key", "--alg", "--in", "--out"], flags: [])
    let keyPath = try args.required("--key")
    let input = try args.required("--in")
    let out = try args.required("--out")
    let key = try KeyFile.read(keyPath, expectPrivate: true)
    let kem = try hpkeKEM(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let file = try Files.read(input)
    var plaintext: [UInt8]
    do {
      plaintext = try EncryptedFile.decrypt(file, privateKey: key.bytes, kem: kem)
    } catch EncryptedFileError.authenticationFailure {
      throw CLIError.negative(EncryptedFileError.authenticationFailure.description)
    } catch let error as EncryptedFileError {
      throw CLIError.input("\(input): \(error.description)")
    }
    defer { SecretBytes.wipe(&plaintext) }
    try Files.write(plaintext, to: out, private: true)
    return 0
  }
}
