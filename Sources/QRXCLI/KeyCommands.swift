import Foundation
import QRXPrimitives

/// `keygen`, `pubkey`, `sign`, `verify`, `encaps`, `decaps`: the stable key-and-signature contract
/// of `../shared/DESIGN.md`, generic over the schemes in ``SchemeRegistry``.
enum KeyCommands {
  static let keygenUsage = """
    usage: qrx keygen --alg ALG [--seed HEX] --out SK [--pub PK] [--format raw|json] [--expanded]

    Generates a key pair. The private key is written with mode 0600, in its seed form unless
    --expanded asks for the NIST expanded encoding (ML-KEM, ML-DSA).

      --alg ALG        algorithm (see 'qrx algorithms')
      --seed HEX       deterministic generation from this seed (its size depends on ALG)
      --out SK         private key file
      --pub PK         public key file
      --format F       raw (the standard's bytes, the default) or json (carries the algorithm)
      --expanded       write the expanded private key instead of the seed

    """

  static let pubkeyUsage = """
    usage: qrx pubkey --key SK [--alg ALG] --out PK [--format raw|json]

    Writes the public key of the private key SK (seed or expanded form).

    """

  static let signUsage = """
    usage: qrx sign --key SK [--alg ALG] --in MSG --out SIG [--context HEX] [--deterministic]
                    [--prehash sha256|sha512|shake128|shake256]

    Signs the file MSG ('-' for standard input). Signing is hedged (fresh randomness) unless
    --deterministic is given. --context and --prehash apply where the algorithm defines them.

    """

  static let verifyUsage = """
    usage: qrx verify --pub PK [--alg ALG] --in MSG --sig SIG [--context HEX]
                      [--prehash sha256|sha512|shake128|shake256]

    Exit 0 if SIG is a valid signature of MSG under PK, 1 if it is not, 2 on bad input.

    """

  static let encapsUsage = """
    usage: qrx encaps --pub PK [--alg ALG] --out CT --secret SS

    Encapsulates a fresh shared secret to PK: the ciphertext goes to CT, the secret to SS (mode 0600).

    """

  static let decapsUsage = """
    usage: qrx decaps --key SK [--alg ALG] --in CT --secret SS

    Decapsulates the ciphertext CT with SK (seed or expanded form) into SS (mode 0600).

    """

  static func unknownAlgorithm(_ name: String) -> CLIError {
    CLIError.usage("unknown algorithm '\(name)' (see 'qrx algorithms')")
  }

  static func keyScheme(_ name: String) throws -> any KeyScheme {
    guard let scheme = SchemeRegistry.scheme(named: name) else { throw unknownAlgorithm(name) }
    return scheme
  }

  static func signatureScheme(_ name: String) throws -> any SignatureScheme {
    guard let scheme = SchemeRegistry.scheme(named: name) else { throw unknownAlgorithm(name) }
    guard let signer = scheme as? any SignatureScheme else {
      throw CLIError.usage("\(scheme.name) is a key-encapsulation mechanism, not a signature algorithm")
    }
    return signer
  }

  static func kemScheme(_ name: String) throws -> any KEMScheme {
    guard let scheme = SchemeRegistry.scheme(named: name) else { throw unknownAlgorithm(name) }
    guard let kem = scheme as? any KEMScheme else {
      throw CLIError.usage("\(scheme.name) is a signature algorithm, not a key-encapsulation mechanism")
    }
    return kem
  }

  static func hexOption(_ args: Arguments, _ name: String) throws -> [UInt8]? {
    guard let text = try args.value(name) else { return nil }
    do {
      return try Hex.decode(text)
    } catch {
      throw CLIError.usage("\(name) must be hex: \(error)")
    }
  }

  static func keygen(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: ["--alg", "--seed", "--out", "--pub", "--format"], flags: ["--expanded"])
    let scheme = try keyScheme(try args.required("--alg"))
    let out = try args.required("--out")
    let format = try KeyFormat.parse(try args.value("--format"))
    var seed: SecretBytes? = nil
    if var bytes = try hexOption(args, "--seed") {
      defer { SecretBytes.wipe(&bytes) }
      guard let expected = scheme.seedByteCount else {
        throw CLIError.usage("\(scheme.name) takes no --seed")
      }
      guard bytes.count == expected else {
        throw CLIError.usage("--seed for \(scheme.name) must be \(expected) bytes, got \(bytes.count)")
      }
      seed = SecretBytes(bytes)
    }
    let pair = try scheme.generateKey(seed: seed)
    let privateKey = args.has("--expanded") ? try scheme.expandedPrivateKey(pair.privateKey) : pair.privateKey
    var encoded = try KeyFile.encode(privateKey.copyBytes(), algorithm: scheme.name, isPrivate: true, format: format)
    defer { SecretBytes.wipe(&encoded) }
    try Files.writeSecret(SecretBytes(encoded), to: out)
    if let pub = try args.value("--pub") {
      try Files.write(
        KeyFile.encode(pair.publicKey, algorithm: scheme.name, isPrivate: false, format: format), to: pub)
    }
    return 0
  }

  static func pubkey(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--key", "--alg", "--out", "--format"], flags: [])
    let keyPath = try args.required("--key")
    let out = try args.required("--out")
    let format = try KeyFormat.parse(try args.value("--format"))
    let key = try KeyFile.read(keyPath, expectPrivate: true)
    let scheme = try keyScheme(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let publicKey = try scheme.publicKey(fromPrivateKey: key.bytes)
    try Files.write(KeyFile.encode(publicKey, algorithm: scheme.name, isPrivate: false, format: format), to: out)
    return 0
  }

  static func signatureOptions(_ args: Arguments, scheme: any SignatureScheme) throws -> SignatureOptions {
    var options = SignatureOptions()
    if let context = try hexOption(args, "--context") {
      guard scheme.supportedSignatureOptions.contains("context") else {
        throw CLIError.usage("\(scheme.name) takes no --context")
      }
      guard context.count <= 255 else { throw CLIError.usage("--context is at most 255 bytes") }
      options.context = context
    }
    if args.has("--deterministic") {
      guard scheme.supportedSignatureOptions.contains("deterministic") else {
        throw CLIError.usage(
          "\(scheme.name) has no --deterministic variant (it is deterministic or randomized by design)")
      }
      options.deterministic = true
    }
    if let prehash = try args.value("--prehash") {
      guard scheme.supportedSignatureOptions.contains("prehash") else {
        throw CLIError.usage("\(scheme.name) takes no --prehash")
      }
      let allowed = ["sha256", "sha512", "shake128", "shake256"]
      guard allowed.contains(prehash.lowercased()) else {
        throw CLIError.usage("--prehash must be one of \(allowed.joined(separator: ", "))")
      }
      options.prehash = prehash.lowercased()
    }
    return options
  }

  static func sign(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: ["--key", "--alg", "--in", "--out", "--context", "--prehash"], flags: ["--deterministic"])
    let keyPath = try args.required("--key")
    let input = try args.required("--in")
    let out = try args.required("--out")
    let key = try KeyFile.read(keyPath, expectPrivate: true)
    let scheme = try signatureScheme(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let options = try signatureOptions(args, scheme: scheme)
    let message = try Files.read(input)
    let signature = try scheme.sign(privateKey: key.bytes, message: message, options: options)
    try Files.write(signature, to: out)
    return 0
  }

  static func verify(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, options: ["--pub", "--alg", "--in", "--sig", "--context", "--prehash"], flags: [])
    let keyPath = try args.required("--pub")
    let input = try args.required("--in")
    let signaturePath = try args.required("--sig")
    let key = try KeyFile.read(keyPath, expectPrivate: false)
    let scheme = try signatureScheme(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let options = try signatureOptions(args, scheme: scheme)
    let message = try Files.read(input)
    let signature = try Files.read(signaturePath)
    let valid = try scheme.verify(
      publicKey: key.bytes.copyBytes(), message: message, signature: signature, options: options)
    guard valid else { throw CLIError.negative("invalid signature") }
    Console.error("valid signature")
    return 0
  }

  static func encaps(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--pub", "--alg", "--out", "--secret"], flags: [])
    let keyPath = try args.required("--pub")
    let out = try args.required("--out")
    let secretPath = try args.required("--secret")
    let key = try KeyFile.read(keyPath, expectPrivate: false)
    let scheme = try kemScheme(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let (secret, ciphertext) = try scheme.encapsulate(publicKey: key.bytes.copyBytes())
    try Files.write(ciphertext, to: out)
    try Files.writeSecret(secret, to: secretPath)
    return 0
  }

  static func decaps(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: ["--key", "--alg", "--in", "--secret"], flags: [])
    let keyPath = try args.required("--key")
    let input = try args.required("--in")
    let secretPath = try args.required("--secret")
    let key = try KeyFile.read(keyPath, expectPrivate: true)
    let scheme = try kemScheme(KeyFile.resolveAlgorithm(flag: try args.value("--alg"), key: key, path: keyPath))
    let ciphertext = try Files.read(input)
    let secret = try scheme.decapsulate(privateKey: key.bytes, ciphertext: ciphertext)
    try Files.writeSecret(secret, to: secretPath)
    return 0
  }
}

/// `qrx algorithms`: what this build can do.
enum AlgorithmsCommand {
  static let usage = """
    usage: qrx algorithms [--json]

    Lists every algorithm the key commands accept, with its kind.

    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: [], flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let rows: [(String, String)] =
      SchemeRegistry.signatureSchemes.map { ($0.name, "signature") }
      + SchemeRegistry.kemSchemes.map { ($0.name, "kem") }
    if args.has("--json") {
      for (name, kind) in rows { Console.out("{\"name\": \"\(name)\", \"kind\": \"\(kind)\"}") }
    } else {
      for (name, kind) in rows { Console.out(name.padding(toLength: 32, withPad: " ", startingAt: 0) + kind) }
    }
    return 0
  }
}
