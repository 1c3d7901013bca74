import QRXPrimitives

// The command line's view of an algorithm: bytes in, bytes out, in the standards' own encodings.
// Each algorithm family adds its schemes in its own file (`SchemeRegistry+Family.swift`); the
// commands (`keygen`, `pubkey`, `sign`, `verify`, `encaps`, `decaps`) only ever see these protocols.
// Private keys cross this boundary as `SecretBytes` in their stored (seed) form.

/// Options for signing and verifying that some algorithms take.
public struct SignatureOptions: Sendable {
  /// The context string (FIPS 204/205 and the composite drafts); empty by default.
  public var context: [UInt8] = []
  /// Deterministic signing instead of hedged.
  public var deterministic = false
  /// A pre-hash (`sha256`, `sha512`, `shake128`, `shake256`) for HashML-DSA / HashSLH-DSA.
  public var prehash: String? = nil

  public init(context: [UInt8] = [], deterministic: Bool = false, prehash: String? = nil) {
    self.context = context
    self.deterministic = deterministic
    self.prehash = prehash
  }
}

/// What any algorithm the command line handles can do with its keys.
public protocol KeyScheme: Sendable {
  /// The wire name (`ML-DSA-65`, `Ed25519`, `X-Wing`).
  var name: String { get }
  /// The length of `--seed` for seeded key generation, or nil if it takes none.
  var seedByteCount: Int? { get }
  /// A new key pair: the private key in its stored (seed) form and the public key's raw encoding.
  /// With `seed`, generation is deterministic.
  func generateKey(seed: SecretBytes?) throws -> (privateKey: SecretBytes, publicKey: [UInt8])
  /// The public key of a private key given in any accepted form (seed or expanded).
  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8]
  /// The expanded (NIST) private key for `--expanded`; throws if the scheme has none.
  func expandedPrivateKey(_ privateKey: SecretBytes) throws -> SecretBytes
  /// Flags of `sign`/`verify` this scheme accepts beyond the basics (`context`, `deterministic`, `prehash`).
  var supportedSignatureOptions: Set<String> { get }
}

extension KeyScheme {
  public func expandedPrivateKey(_ privateKey: SecretBytes) throws -> SecretBytes {
    throw CLIError.input("\(name) has no expanded private key form")
  }
  public var supportedSignatureOptions: Set<String> { [] }
}

/// A signature algorithm as the command line sees it.
public protocol SignatureScheme: KeyScheme {
  /// Signs `message`. Malformed keys throw.
  func sign(privateKey: SecretBytes, message: [UInt8], options: SignatureOptions) throws -> [UInt8]
  /// Whether `signature` is valid. A malformed public key throws (exit 2); a wrong or malformed
  /// signature returns false (exit 1).
  func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8], options: SignatureOptions) throws -> Bool
}

/// A key-encapsulation mechanism as the command line sees it.
public protocol KEMScheme: KeyScheme {
  /// Encapsulates to `publicKey`: the shared secret and the ciphertext. A malformed key throws.
  func encapsulate(publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
  /// Decapsulates `ciphertext`. Malformed keys or wrong-length ciphertexts throw.
  func decapsulate(privateKey: SecretBytes, ciphertext: [UInt8]) throws -> SecretBytes
}

/// Every scheme the command line knows. Families fill their own lists in their own files.
public enum SchemeRegistry {
  /// All signature schemes, in display order.
  public static var signatureSchemes: [any SignatureScheme] {
    classicalSignatureSchemes + mldsaSchemes + slhdsaSchemes + falconSchemes + compositeSignatureSchemes
  }

  /// All KEM schemes, in display order.
  public static var kemSchemes: [any KEMScheme] {
    classicalKEMSchemes + mlkemSchemes + mcelieceSchemes + hybridKEMSchemes
  }

  /// The scheme named `name` (case-insensitive), of either kind.
  public static func scheme(named name: String) -> (any KeyScheme)? {
    let wanted = name.lowercased()
    if let s = signatureSchemes.first(where: { $0.name.lowercased() == wanted }) { return s }
    return kemSchemes.first(where: { $0.name.lowercased() == wanted })
  }

  /// All names, for error messages and `--help`.
  public static var allNames: [String] { signatureSchemes.map(\.name) + kemSchemes.map(\.name) }
}
