import Foundation
import QRXPrimitives

/// BIP-39 mnemonics: entropy ↔ words with a checksum, and the 64-byte seed
/// PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" ‖ NFKD(passphrase), 2048).
public enum BIP39 {
  /// Why a mnemonic was refused. The texts never repeat the mnemonic or its words.
  public enum Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
    /// Entropy must be 128, 160, 192, 224 or 256 bits.
    case invalidEntropyLength(Int)
    /// A mnemonic has 12, 15, 18, 21 or 24 words.
    case invalidWordCount(Int)
    /// The word at `position` (1-based) is not in the English list.
    case unknownWord(position: Int)
    /// The checksum bits do not match the entropy.
    case invalidChecksum

    public var description: String {
      switch self {
      case .invalidEntropyLength(let bytes):
        return "entropy must be 16, 20, 24, 28 or 32 bytes, got \(bytes)"
      case .invalidWordCount(let count):
        return "a mnemonic has 12, 15, 18, 21 or 24 words, got \(count)"
      case .unknownWord(let position):
        return "word \(position) is not in the BIP-39 English word list"
      case .invalidChecksum:
        return "the mnemonic's checksum is wrong (a word was mistyped or the order changed)"
      }
    }
  }

  private static let wordIndex: [String: Int] = {
    var index: [String: Int] = [:]
    for (i, word) in englishWords.enumerated() { index[word] = i }
    return index
  }()

  /// The mnemonic of `entropy` (16 to 32 bytes, a multiple of 4): ENT bits, then the first
  /// ENT/32 bits of SHA-256(entropy), read as 11-bit word indexes (BIP-39, "Generating the mnemonic").
  public static func mnemonic(entropy: [UInt8]) throws -> String {
    guard [16, 20, 24, 28, 32].contains(entropy.count) else { throw Error.invalidEntropyLength(entropy.count) }
    let checksumBits = entropy.count * 8 / 32
    let checksum = SHA256.hash(entropy)
    var bits: [UInt8] = []
    bits.reserveCapacity(entropy.count * 8 + checksumBits)
    for byte in entropy { for i in (0..<8).reversed() { bits.append((byte >> UInt8(i)) & 1) } }
    for i in 0..<checksumBits { bits.append((checksum[i / 8] >> UInt8(7 - i % 8)) & 1) }
    var words: [String] = []
    for start in stride(from: 0, to: bits.count, by: 11) {
      var index = 0
      for bit in bits[start..<start + 11] { index = index << 1 | Int(bit) }
      words.append(englishWords[index])
    }
    return words.joined(separator: " ")
  }

  /// A fresh mnemonic of `wordCount` words (12, 15, 18, 21 or 24) from `random`.
  public static func generateMnemonic(
    wordCount: Int = 24, using random: some RandomSource = SystemRandom()
  )
    throws -> String
  {
    guard [12, 15, 18, 21, 24].contains(wordCount) else { throw Error.invalidWordCount(wordCount) }
    var entropy = random.bytes(count: wordCount * 4 / 3)
    defer { SecretBytes.wipe(&entropy) }
    return try mnemonic(entropy: entropy)
  }

  /// The words of `mnemonic` after NFKD normalisation, split on any whitespace.
  static func words(_ mnemonic: String) -> [String] {
    mnemonic.decomposedStringWithCompatibilityMapping.split(whereSeparator: { $0.isWhitespace }).map(String.init)
  }

  /// The entropy of `mnemonic`, checking word count, every word and the checksum.
  public static func entropy(mnemonic: String) throws -> [UInt8] {
    let words = words(mnemonic)
    guard [12, 15, 18, 21, 24].contains(words.count) else { throw Error.invalidWordCount(words.count) }
    var bits: [UInt8] = []
    for (position, word) in words.enumerated() {
      // Exact match only: an uppercased mnemonic would pass a case-insensitive check here but give
      // a different PBKDF2 seed, silently opening another wallet.
      guard let index = wordIndex[word] else { throw Error.unknownWord(position: position + 1) }
      for i in (0..<11).reversed() { bits.append(UInt8((index >> i) & 1)) }
    }
    let checksumBits = bits.count / 33
    let entropyBits = bits.count - checksumBits
    var entropy = [UInt8](repeating: 0, count: entropyBits / 8)
    for i in 0..<entropyBits where bits[i] == 1 { entropy[i / 8] |= 1 << UInt8(7 - i % 8) }
    let checksum = SHA256.hash(entropy)
    for i in 0..<checksumBits where bits[entropyBits + i] != (checksum[i / 8] >> UInt8(7 - i % 8)) & 1 {
      throw Error.invalidChecksum
    }
    return entropy
  }

  /// Whether `mnemonic` is a valid English BIP-39 mnemonic.
  public static func isValid(mnemonic: String) -> Bool { (try? entropy(mnemonic: mnemonic)) != nil }

  /// The 64-byte seed of `mnemonic` and `passphrase` (BIP-39, "From mnemonic to seed"). The mnemonic is
  /// validated first: a mistyped mnemonic must not silently give another wallet.
  public static func seed(mnemonic: String, passphrase: String = "") throws -> SecretBytes {
    _ = try entropy(mnemonic: mnemonic)
    var password = Array(words(mnemonic).joined(separator: " ").utf8)
    defer { SecretBytes.wipe(&password) }
    let salt = Array(("mnemonic" + passphrase).decomposedStringWithCompatibilityMapping.utf8)
    var seed = try PBKDF2.deriveKey(.sha512, password: password, salt: salt, iterations: 2048, length: 64)
    defer { SecretBytes.wipe(&seed) }
    return SecretBytes(seed)
  }
}
