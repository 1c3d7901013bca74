import QRXHybrid
import QRXPrimitives

// The key-encapsulation keys the key manager holds (usage `encryption` or `storage`), beside
// AlgorithmAdapter.swift's signature keys:
//
// - X25519, the classical key agreement, used as DHKEM(X25519, HKDF-SHA256) (RFC 9180, Section 4.1);
//   the stored private key is the 32-byte scalar of RFC 7748.
// - X-Wing (draft-connolly-cfrg-xwing-kem), the hybrid. A generated key is stored as X-Wing's
//   32-byte seed. A key made by migrating an X25519 key is stored expanded, ML-KEM-768 seed d ‖ z
//   ‖ the kept X25519 scalar (96 bytes), because no seed expands to a chosen X25519 key
//   (ExpandedHybridKEM). The length tells the two forms apart, version by version; the public keys
//   and ciphertexts of both are X-Wing's, but only the seed form is X-Wing's portable private key.

/// A KEM whose keys the key manager holds.
enum ManagedKEM: String, CaseIterable, Sendable {
  case x25519 = "X25519"
  case xWing = "X-Wing"

  /// Bytes of an X-Wing seed (its standard private key).
  static let xWingSeedByteCount = 32

  var isHybrid: Bool { self == .xWing }

  /// The classical component's name.
  var classicalComponentName: String? { self == .xWing ? "X25519" : nil }
  /// The post-quantum component's name.
  var postQuantumComponentName: String? { self == .xWing ? "ML-KEM-768" : nil }

  /// The KEM that runs a stored private key of this algorithm, chosen by its form.
  func kem(forPrivateKey privateKey: SecretBytes) -> any KeyEncapsulationMechanism {
    switch self {
    case .x25519: return DHKEM.x25519
    case .xWing:
      return privateKey.count == Self.xWingSeedByteCount ? ConcreteHybridKEM.xWing : ExpandedHybridKEM.xWing
    }
  }

  /// The KEM that encapsulates to a public key of this algorithm.
  var encapsulator: any KeyEncapsulationMechanism {
    self == .x25519 ? DHKEM.x25519 : ConcreteHybridKEM.xWing
  }

  /// A fresh key pair in the stored form (X-Wing: the 32-byte seed).
  func generate() throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try encapsulator.generateKeyPair()
  }

  /// The public key of a stored private key; a malformed one throws.
  func publicKey(fromPrivateKey privateKey: SecretBytes) throws -> [UInt8] {
    try kem(forPrivateKey: privateKey).publicKey(fromPrivateKey: privateKey)
  }

  /// Encapsulates to `publicKey`: (shared secret, ciphertext).
  func encapsulate(to publicKey: [UInt8]) throws -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    try encapsulator.encapsulate(to: publicKey)
  }

  /// Decapsulates `ciphertext` with a stored private key.
  func decapsulate(_ ciphertext: [UInt8], privateKey: SecretBytes) throws -> SecretBytes {
    try kem(forPrivateKey: privateKey).decapsulate(ciphertext, privateKey: privateKey)
  }

  /// For X-Wing, whether the ML-KEM-768 half alone round-trips; nil for X25519.
  func postQuantumComponentRoundTrip(privateKey: SecretBytes, publicKey: [UInt8]) throws -> Bool? {
    guard self == .xWing else { return nil }
    let expanded =
      privateKey.count == Self.xWingSeedByteCount
      ? try ExpandedHybridKEM.xWing.expandedPrivateKey(fromSeed: privateKey) : privateKey
    return try ExpandedHybridKEM.xWing.postQuantumComponentRoundTrip(privateKey: expanded, publicKey: publicKey)
  }

  /// The X-Wing key that keeps an X25519 private key and adds a fresh ML-KEM-768 key: stored
  /// expanded (96 bytes); its public key ends with the X25519 public key.
  static func xWingKeeping(x25519PrivateKey: SecretBytes) throws -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    try ExpandedHybridKEM.xWing.keyPair(keepingGroupScalar: x25519PrivateKey)
  }
}
