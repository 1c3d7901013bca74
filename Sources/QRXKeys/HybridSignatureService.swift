/// Hybrid signatures by managed keys: signs only with hybrid (composite) keys, and verifies only
/// hybrid signatures, both halves required (DESIGN.md decision 5: never "either half").
public struct HybridSignatureService: Sendable {
  /// The key manager holding the keys.
  public let keys: KeyManager

  /// A service over `keys`.
  public init(keys: KeyManager) { self.keys = keys }

  /// Signs `message` with the newest version of hybrid key `keyID`. A classical key is
  /// ``KeyManagerError/notHybrid(_:)``.
  public func sign(_ message: [UInt8], keyID: String) async throws -> KeySignature {
    guard try await keys.key(id: keyID).isHybrid else { throw KeyManagerError.notHybrid(keyID) }
    return try await keys.sign(message, keyID: keyID)
  }

  /// Finds the key by the signature's key id and version and verifies both halves. A signature
  /// that names a classical algorithm or key is `false`; an unknown key is an error.
  public func verify(_ message: [UInt8], signature: KeySignature) async throws -> Bool {
    guard ManagedAlgorithm.named(signature.algorithm)?.isHybrid == true else { return false }
    return try await keys.verify(message, signature: signature)
  }
}
