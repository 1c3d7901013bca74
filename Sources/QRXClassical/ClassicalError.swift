/// Errors of the classical layer. Messages describe what was wrong with the input, never a secret.
public enum ClassicalError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A private key was malformed: wrong length, out of range, undecodable, wrong algorithm or size.
  case invalidPrivateKey(String)
  /// A public key was malformed: wrong length, not on the curve, undecodable, wrong algorithm or size.
  case invalidPublicKey(String)
  /// A signature could not be decoded (only conversion functions throw this; verification says `false`).
  case invalidSignatureEncoding(String)
  /// Key agreement produced a value that must not be used (all-zero, or the point at infinity).
  case invalidSharedSecret
  /// A ciphertext did not decrypt. Deliberately says nothing more (RFC 8017, Section 7.1.2, Note).
  case decryptionFailure
  /// An input was too long or out of range for the operation.
  case invalidInput(String)
  /// The library refused an operation that should have worked; the text names the call.
  case libraryFailure(String)

  /// What was wrong with the input; never a secret value.
  public var description: String {
    switch self {
    case .invalidPrivateKey(let why): return "invalid private key: \(why)"
    case .invalidPublicKey(let why): return "invalid public key: \(why)"
    case .invalidSignatureEncoding(let why): return "invalid signature encoding: \(why)"
    case .invalidSharedSecret: return "key agreement produced an invalid shared secret"
    case .decryptionFailure: return "decryption failed"
    case .invalidInput(let why): return "invalid input: \(why)"
    case .libraryFailure(let call): return "library failure in \(call)"
    }
  }
}
