/// Errors of the primitives layer. Messages describe the input, never secret values.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A key had the wrong size.
  case invalidKeySize(expected: String, actual: Int)
  /// A nonce had the wrong size.
  case invalidNonceSize(expected: String, actual: Int)
  /// An input had the wrong length.
  case invalidLength(what: String, expected: String, actual: Int)
  /// An argument was out of its allowed range.
  case invalidParameter(String)
  /// An authentication tag did not match: the ciphertext, tag, nonce, key or associated data is wrong.
  case authenticationFailure
  /// libcrypto reported an error; the text names the call.
  case libraryFailure(String)

  public var description: String {
    switch self {
    case .invalidKeySize(let expected, let actual):
      return "invalid key size: expected \(expected) bytes, got \(actual)"
    case .invalidNonceSize(let expected, let actual):
      return "invalid nonce size: expected \(expected) bytes, got \(actual)"
    case .invalidLength(let what, let expected, let actual):
      return "invalid \(what) length: expected \(expected) bytes, got \(actual)"
    case .invalidParameter(let text):
      return "invalid parameter: \(text)"
    case .authenticationFailure:
      return "authentication failed: the data or its tag was altered, or the key is wrong"
    case .libraryFailure(let call):
      return "libcrypto failure in \(call)"
    }
  }
}
