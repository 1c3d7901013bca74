import QRXPrimitives

// The public ML-KEM-768 API. MLKEM512.swift and MLKEM1024.swift are generated from this file by
// scripts/dev/gen_mlkem_sets.sh: edit this one and regenerate.

/// ML-KEM-768 (FIPS 203): a module-lattice key-encapsulation mechanism.
///
/// ```swift
/// let dk = try MLKEM768.PrivateKey()
/// let (secret, ciphertext) = try dk.publicKey.encapsulate()
/// let secret2 = try dk.decapsulate(ciphertext)
/// ```
public enum MLKEM768 {
  typealias Parameters = MLKEM768Parameters

  /// The wire name, `ML-KEM-768`.
  public static var name: String { Parameters.name }
  /// Bytes of an encapsulation (public) key.
  public static var publicKeyByteCount: Int { Parameters.encapsulationKeyByteCount }
  /// Bytes of the expanded (NIST) decapsulation key.
  public static var expandedPrivateKeyByteCount: Int { Parameters.decapsulationKeyByteCount }
  /// Bytes of the private key seed d ‖ z.
  public static var seedByteCount: Int { 64 }
  /// Bytes of a ciphertext.
  public static var ciphertextByteCount: Int { Parameters.ciphertextByteCount }
  /// Bytes of a shared secret.
  public static var sharedSecretByteCount: Int { 32 }

  /// An ML-KEM-768 decapsulation (private) key.
  ///
  /// Its stored form is the 64-byte seed d ‖ z; the expanded NIST encoding is accepted on import
  /// (checked as FIPS 203, Section 7.3 requires) and can be exported. Every key generated here
  /// passes a pairwise consistency check before it is returned.
  public struct PrivateKey: Sendable {
    let key: MLKEMDecapsulationKey<Parameters>

    /// A new random key (FIPS 203, Algorithm 19, ML-KEM.KeyGen).
    public init() throws {
      try self.init(using: SystemRandom())
    }

    /// A new key whose seed d ‖ z comes from `random`.
    public init(using random: some RandomSource) throws {
      let seed = random.secretBytes(count: 64)
      try self.init(seedRepresentation: seed)
    }

    /// The key generated from the 64-byte seed d ‖ z (FIPS 203, Algorithm 16).
    public init(seedRepresentation: SecretBytes) throws {
      key = try seedRepresentation.withUnsafeBytes { try MLKEMDecapsulationKey(seed: $0) }
    }

    /// The key generated from the 64-byte seed d ‖ z; the caller wipes its own copy.
    public init(seedRepresentation: [UInt8]) throws {
      key = try seedRepresentation.withUnsafeBytes { try MLKEMDecapsulationKey(seed: $0) }
    }

    /// Imports the expanded NIST decapsulation key, checking its length, its stored H(ek) and its
    /// embedded encapsulation key (FIPS 203, Section 7.3).
    public init(expandedRepresentation: SecretBytes) throws {
      key = try expandedRepresentation.withUnsafeBytes { try MLKEMDecapsulationKey(expanded: $0) }
    }

    /// Imports the expanded NIST decapsulation key; the caller wipes its own copy.
    public init(expandedRepresentation: [UInt8]) throws {
      key = try expandedRepresentation.withUnsafeBytes { try MLKEMDecapsulationKey(expanded: $0) }
    }

    /// ML-KEM.KeyGen_internal (FIPS 203, Algorithm 16) from given d and z (32 bytes each).
    /// For known-answer tests only: real keys come from ``init()``.
    public static func generateKeyDerandomizedForTesting(d: [UInt8], z: [UInt8]) throws -> PrivateKey {
      guard d.count == 32, z.count == 32 else {
        throw MLKEMError.invalidLength(what: "\(name) d or z", expected: 32, actual: d.count == 32 ? z.count : d.count)
      }
      var seed = d + z
      defer { SecretBytes.wipe(&seed) }
      return try PrivateKey(seedRepresentation: seed)
    }

    /// The seed d ‖ z (64 bytes), or nil for a key imported in expanded form, which lacks d.
    public var seedRepresentation: SecretBytes? { key.seed }

    /// The expanded NIST decapsulation key dk_PKE ‖ ek ‖ H(ek) ‖ z.
    public var expandedRepresentation: SecretBytes { key.dk }

    /// The matching encapsulation (public) key.
    public var publicKey: PublicKey { PublicKey(key: key.encapsulationKey) }

    /// The shared secret of `ciphertext` (FIPS 203, Algorithm 21, ML-KEM.Decaps). A ciphertext of
    /// the wrong length throws; a wrong ciphertext of the right length yields an unrelated secret
    /// (implicit rejection).
    public func decapsulate(_ ciphertext: [UInt8]) throws -> SecretBytes {
      try ciphertext.withUnsafeBytes { try key.decapsulate($0) }
    }
  }

  /// An ML-KEM-768 encapsulation (public) key.
  public struct PublicKey: Sendable {
    let key: MLKEMEncapsulationKey<Parameters>

    init(key: MLKEMEncapsulationKey<Parameters>) { self.key = key }

    /// Parses an encapsulation key, checking its length and that every coefficient is below q
    /// (FIPS 203, Section 7.2).
    public init(rawRepresentation: [UInt8]) throws {
      key = try rawRepresentation.withUnsafeBytes { try MLKEMEncapsulationKey($0) }
    }

    /// The encapsulation key ek as FIPS 203 encodes it.
    public var rawRepresentation: [UInt8] { key.ek }

    /// A fresh shared secret and the ciphertext that carries it (FIPS 203, Algorithm 20).
    public func encapsulate() throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
      key.encapsulate(using: SystemRandom())
    }

    /// Encapsulates with the 32-byte m drawn from `random`.
    public func encapsulate(using random: some RandomSource) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
    {
      key.encapsulate(using: random)
    }

    /// ML-KEM.Encaps_internal (FIPS 203, Algorithm 17) with a given 32-byte m.
    /// For known-answer tests only: real encapsulations use ``encapsulate()``.
    public func encapsulateDerandomizedForTesting(m: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8])
    {
      guard m.count == 32 else { throw MLKEMError.invalidLength(what: "\(name) m", expected: 32, actual: m.count) }
      return m.withUnsafeBytes { key.encapsulate(m: $0) }
    }
  }
}
