import Foundation
import QRXHybrid
import QRXPrimitives

/// `keygen`, `pubkey`, `sign`, `verify`, `encaps`, `decaps`: the stable key-and-signature contract
/// of `../shared/DESIGN.md`, generic over the schemes in ``SchemeRegistry``.
enum KeyCommands {
  static let keygenUsage = """
    usage: qrx keygen --alg ALG [--seed HEX] --out SK [--pub PK] [--format raw|json|pem] [--expanded]

    Generates a key pair. The private key is written with mode 0600, in its seed form unless
    --expanded asks for the NIST expanded encoding (ML-KEM, ML-DSA).

      --alg ALG        algorithm (see 'qrx algorithms')
      --seed HEX       deterministic generation from this seed (its size depends on ALG)
      --out SK         private key file
      --pub PK         public key file
      --format F       raw (the default), json or pem (SPKI/PKCS#8; both carry the algorithm)
      --expanded       write the expanded private key instead of the seed

    """

  static let pubkeyUsage = """
    usage: qrx pubkey --key SK [--alg ALG] --out PK [--format raw|json|pem]

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

    Prints the algorithm registry: name, kind, NIST category, sizes, OID, status, and whether
    the key commands of this build implement it. --json prints one object a line.

    """

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: [], flags: ["--json"])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    // The registry is the table (QRXHybrid.AlgorithmRegistry); `implemented` says whether the
    // key commands of this build accept the name.
    let implemented = Set(SchemeRegistry.allNames.map { $0.lowercased() })
    for row in AlgorithmRegistry.all {
      let available = implemented.contains(row.name.lowercased())
      if args.has("--json") {
        Console.out(AlgorithmTable.jsonLine(row, implemented: available))
      } else {
        Console.out(AlgorithmTable.textLine(row, implemented: available))
      }
    }
    return 0
  }
}

/// Rows of `qrx algorithms`.
enum AlgorithmTable {
  static func size(_ value: Int?) -> String { value.map(String.init) ?? "-" }

  static func textLine(_ row: AlgorithmDescriptor, implemented: Bool) -> String {
    func pad(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
    }
    let payload = row.kind == .signature ? "sig=\(size(row.signatureBytes))" : "ct=\(size(row.ciphertextBytes))"
    return pad(row.name, 42) + pad(row.kind.rawValue, 14) + pad("cat=\(row.category)", 7)
      + pad("pk=\(size(row.publicKeyBytes))", 11) + pad(payload, 11) + pad(row.status.rawValue, 13)
      + pad(row.oid ?? "-", 26) + (implemented ? "implemented" : "not-in-this-build")
  }

  static func jsonLine(_ row: AlgorithmDescriptor, implemented: Bool) -> String {
    func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    func string(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }
    return "{\"name\": \"\(row.name)\", \"kind\": \"\(row.kind.rawValue)\", \"family\": \"\(row.family)\", "
      + "\"category\": \(row.category), \"public_key_bytes\": \(number(row.publicKeyBytes)), "
      + "\"private_key_bytes\": \(number(row.privateKeyBytes)), \"signature_bytes\": \(number(row.signatureBytes)), "
      + "\"ciphertext_bytes\": \(number(row.ciphertextBytes)), \"oid\": \(string(row.oid)), "
      + "\"status\": \"\(row.status.rawValue)\", \"hybrid\": \(row.isHybrid), \"implemented\": \(implemented)}"
  }
}
