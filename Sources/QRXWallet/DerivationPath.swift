/// A BIP-32 derivation path such as `m/44'/60'/0'/0/7`: child indexes from the master key, hardened
/// ones at 2³¹ and above (written with `'`, `h` or `H`).
public struct DerivationPath: Sendable, Hashable, CustomStringConvertible {
  /// The first hardened index, 2³¹ (BIP-32, "Child key derivation functions").
  public static let hardenedOffset: UInt32 = 0x8000_0000
  /// The longest path (a serialized key's depth is one byte).
  public static let maximumDepth = 255

  /// The child indexes, master first.
  public let indexes: [UInt32]

  /// The path of `indexes` (each already offset by 2³¹ when hardened).
  public init(indexes: [UInt32]) throws {
    guard indexes.count <= Self.maximumDepth else { throw WalletError.depthOverflow }
    self.indexes = indexes
  }

  /// Parses `m`, `m/0'/1/2h`: the letter `m`, then `/`-separated decimal indexes below 2³¹, each
  /// optionally marked hardened. No spaces, signs or leading zeros.
  public init(_ text: String) throws {
    var components = text.split(separator: "/", omittingEmptySubsequences: false)
    guard components.first == "m" else { throw WalletError.invalidPath("must start with 'm'") }
    components.removeFirst()
    guard components.count <= Self.maximumDepth else { throw WalletError.depthOverflow }
    var indexes: [UInt32] = []
    for (level, component) in components.enumerated() {
      var digits = Substring(component)
      var hardened = false
      if let last = digits.last, last == "'" || last == "h" || last == "H" {
        hardened = true
        digits = digits.dropLast()
      }
      guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }),
        digits == "0" || digits.first != "0", let value = UInt32(digits), value < Self.hardenedOffset
      else { throw WalletError.invalidPath("level \(level + 1) is not an index below 2^31") }
      indexes.append(hardened ? value | Self.hardenedOffset : value)
    }
    self.indexes = indexes
  }

  /// Whether `index` is hardened (≥ 2³¹).
  public static func isHardened(_ index: UInt32) -> Bool { index >= hardenedOffset }

  /// Whether every level is hardened.
  public var isFullyHardened: Bool { indexes.allSatisfy(Self.isHardened) }

  /// This path extended by one child.
  public func appending(_ index: UInt32) throws -> DerivationPath { try DerivationPath(indexes: indexes + [index]) }

  /// The text form, with `'` for hardened levels.
  public var description: String {
    (["m"]
      + indexes.map { Self.isHardened($0) ? "\($0 - Self.hardenedOffset)'" : "\($0)" }).joined(separator: "/")
  }
}
