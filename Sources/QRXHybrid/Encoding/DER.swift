import QRXPrimitives

// A small, strict DER reader and writer (X.690, Section 10) for the key structures of this module:
// SubjectPublicKeyInfo, OneAsymmetricKey, ECPrivateKey, RSA keys and the RFC 9881/9935 CHOICEs.
// Definite lengths only, minimal length octets, single-byte tags, no indefinite forms; every
// malformed input is a `DERError`, never a trap, and no allocation exceeds the input's size.

/// Why a DER or PEM encoding was rejected. Says what was wrong, never what a secret was.
public enum DERError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input ended inside an element.
  case truncated
  /// A tag other than the one the structure requires.
  case unexpectedTag(expected: UInt8, actual: UInt8)
  /// A length that is indefinite, not minimal, or longer than four octets.
  case invalidLength
  /// Bytes after the end of the outermost element, or inside a constructed element after its last field.
  case trailingData
  /// An INTEGER, OID, BIT STRING or BOOLEAN whose content breaks DER.
  case invalidContent(String)
  /// An algorithm identifier this module does not know, or one that is not allowed here.
  case unsupportedAlgorithm(String)
  /// A PEM text without the expected armour, or whose base64 does not decode.
  case invalidPEM(String)

  /// What was wrong with the input.
  public var description: String {
    switch self {
    case .truncated: return "DER: input ends inside an element"
    case .unexpectedTag(let expected, let actual):
      return "DER: expected tag 0x\(Hex.encode([expected])), found 0x\(Hex.encode([actual]))"
    case .invalidLength: return "DER: invalid length encoding"
    case .trailingData: return "DER: unexpected bytes after the element"
    case .invalidContent(let why): return "DER: \(why)"
    case .unsupportedAlgorithm(let what): return "unsupported algorithm: \(what)"
    case .invalidPEM(let why): return "PEM: \(why)"
    }
  }
}

/// DER tags used here.
public enum DERTag {
  /// BOOLEAN.
  public static let boolean: UInt8 = 0x01
  /// INTEGER.
  public static let integer: UInt8 = 0x02
  /// BIT STRING.
  public static let bitString: UInt8 = 0x03
  /// OCTET STRING.
  public static let octetString: UInt8 = 0x04
  /// NULL.
  public static let null: UInt8 = 0x05
  /// OBJECT IDENTIFIER.
  public static let objectIdentifier: UInt8 = 0x06
  /// SEQUENCE (constructed).
  public static let sequence: UInt8 = 0x30
  /// Context-specific tag `number`, primitive.
  public static func contextPrimitive(_ number: UInt8) -> UInt8 { 0x80 | number }
  /// Context-specific tag `number`, constructed.
  public static func contextConstructed(_ number: UInt8) -> UInt8 { 0xA0 | number }
}

/// Reads DER elements one after another from a byte slice.
public struct DERReader {
  private var bytes: ArraySlice<UInt8>

  /// A reader over `bytes`.
  public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
  /// A reader over `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { bytes.isEmpty }

  /// The tag of the next element, or nil at the end.
  public var nextTag: UInt8? { bytes.first }

  /// Reads the next element, which must carry `tag`, and returns its content octets.
  public mutating func read(_ tag: UInt8) throws -> ArraySlice<UInt8> {
    let (actual, content) = try readAny()
    guard actual == tag else { throw DERError.unexpectedTag(expected: tag, actual: actual) }
    return content
  }

  /// Reads the next element, whatever its tag (X.690, 8.1.2 and 8.1.3, DER restrictions of 10.1).
  public mutating func readAny() throws -> (tag: UInt8, content: ArraySlice<UInt8>) {
    guard let tag = bytes.first else { throw DERError.truncated }
    guard tag & 0x1F != 0x1F else { throw DERError.invalidContent("multi-byte tags are not used here") }
    var index = bytes.index(after: bytes.startIndex)
    guard index < bytes.endIndex else { throw DERError.truncated }
    let first = bytes[index]
    index += 1
    var length = 0
    if first < 0x80 {
      length = Int(first)
    } else {
      let octets = Int(first & 0x7F)
      // 0x80 is the indefinite form; more than 4 octets cannot describe an input we would accept.
      guard octets >= 1, octets <= 4 else { throw DERError.invalidLength }
      guard bytes.endIndex - index >= octets else { throw DERError.truncated }
      guard bytes[index] != 0 else { throw DERError.invalidLength }
      for _ in 0..<octets {
        length = (length << 8) | Int(bytes[index])
        index += 1
      }
      guard length >= 0x80 else { throw DERError.invalidLength }
    }
    guard bytes.endIndex - index >= length else { throw DERError.truncated }
    let content = bytes[index..<(index + length)]
    bytes = bytes[(index + length)...]
    return (tag, content)
  }

  /// Reads an INTEGER that must be a small non-negative value (versions), strictly encoded.
  public mutating func readSmallInteger() throws -> Int {
    let content = try read(DERTag.integer)
    let magnitude = try DER.unsignedIntegerBytes(content)
    guard magnitude.count <= 4 else { throw DERError.invalidContent("integer too large") }
    return magnitude.reduce(0) { ($0 << 8) | Int($1) }
  }

  /// Reads an OBJECT IDENTIFIER and returns its dotted form.
  public mutating func readObjectIdentifier() throws -> String {
    try DER.decodeObjectIdentifier(read(DERTag.objectIdentifier))
  }

  /// Throws unless every byte has been read.
  public func finish() throws {
    guard bytes.isEmpty else { throw DERError.trailingData }
  }
}

/// DER encoding helpers.
public enum DER {
  /// The encoding of one element: `tag`, minimal length, `content` (X.690, 8.1.3.3 and 8.1.3.5).
  public static func element<Content: Collection>(_ tag: UInt8, _ content: Content) -> [UInt8]
  where Content.Element == UInt8 {
    var out: [UInt8] = [tag]
    let length = content.count
    if length < 0x80 {
      out.append(UInt8(length))
    } else {
      var octets: [UInt8] = []
      var rest = length
      while rest > 0 {
        octets.insert(UInt8(rest & 0xFF), at: 0)
        rest >>= 8
      }
      out.append(0x80 | UInt8(octets.count))
      out += octets
    }
    out.reserveCapacity(out.count + length)
    out += content
    return out
  }

  /// A SEQUENCE of already-encoded elements.
  public static func sequence(_ elements: [[UInt8]]) -> [UInt8] { element(DERTag.sequence, elements.joined()) }

  /// An OCTET STRING.
  public static func octetString<Content: Collection>(_ content: Content) -> [UInt8] where Content.Element == UInt8 {
    element(DERTag.octetString, content)
  }

  /// A BIT STRING of whole bytes (no unused bits).
  public static func bitString(_ content: [UInt8]) -> [UInt8] { element(DERTag.bitString, [0] + content) }

  /// A non-negative INTEGER from its value.
  public static func integer(_ value: Int) -> [UInt8] {
    var magnitude: [UInt8] = []
    var rest = value
    repeat {
      magnitude.insert(UInt8(rest & 0xFF), at: 0)
      rest >>= 8
    } while rest > 0
    if magnitude[0] & 0x80 != 0 { magnitude.insert(0, at: 0) }
    return element(DERTag.integer, magnitude)
  }

  /// The content of a BIT STRING with no unused bits.
  public static func bitStringBytes(_ content: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
    guard let unused = content.first else { throw DERError.invalidContent("empty BIT STRING") }
    guard unused == 0 else { throw DERError.invalidContent("BIT STRING with unused bits") }
    return content.dropFirst()
  }

  /// The magnitude of a non-negative, minimally encoded INTEGER (X.690, 8.3.2), without the sign octet.
  public static func unsignedIntegerBytes(_ content: ArraySlice<UInt8>) throws -> ArraySlice<UInt8> {
    guard let first = content.first else { throw DERError.invalidContent("empty INTEGER") }
    guard first & 0x80 == 0 else { throw DERError.invalidContent("negative INTEGER") }
    if content.count > 1 {
      let second = content[content.startIndex + 1]
      guard !(first == 0 && second & 0x80 == 0) else { throw DERError.invalidContent("INTEGER not minimal") }
    }
    return first == 0 && content.count > 1 ? content.dropFirst() : content
  }

  /// The encoded OBJECT IDENTIFIER element for a dotted string such as `1.3.6.1.5.5.7.6.48`.
  public static func objectIdentifier(_ dotted: String) -> [UInt8] {
    let arcs = dotted.split(separator: ".").compactMap { UInt64($0) }
    precondition(arcs.count >= 2 && arcs.count == dotted.split(separator: ".").count, "malformed OID literal")
    var content: [UInt8] = []
    func base128(_ value: UInt64) {
      var groups: [UInt8] = [UInt8(value & 0x7F)]
      var rest = value >> 7
      while rest > 0 {
        groups.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
        rest >>= 7
      }
      content += groups
    }
    base128(arcs[0] * 40 + arcs[1])
    for arc in arcs.dropFirst(2) { base128(arc) }
    return element(DERTag.objectIdentifier, content)
  }

  /// The dotted form of OBJECT IDENTIFIER content octets (X.690, 8.19), minimal base-128 only.
  public static func decodeObjectIdentifier(_ content: ArraySlice<UInt8>) throws -> String {
    guard !content.isEmpty, content.count <= 64 else { throw DERError.invalidContent("OID length") }
    var arcs: [UInt64] = []
    var value: UInt64 = 0
    var started = false
    for byte in content {
      if !started && byte == 0x80 { throw DERError.invalidContent("OID arc not minimal") }
      started = true
      guard value < (1 << 56) else { throw DERError.invalidContent("OID arc too large") }
      value = (value << 7) | UInt64(byte & 0x7F)
      if byte & 0x80 == 0 {
        arcs.append(value)
        value = 0
        started = false
      }
    }
    guard !started else { throw DERError.invalidContent("OID ends inside an arc") }
    let first = arcs[0]
    let head: [UInt64] = first < 80 ? [first / 40, first % 40] : [2, first - 80]
    return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
  }

  /// An AlgorithmIdentifier with no parameters (RFC 5280, Section 4.1.1.2), as the NIST and
  /// composite OIDs require (parameters absent).
  public static func algorithmIdentifier(_ oid: String) -> [UInt8] { sequence([objectIdentifier(oid)]) }

  /// Reads an AlgorithmIdentifier and returns its OID; parameters must be absent, or NULL when
  /// `allowNullParameters` (rsaEncryption).
  static func readAlgorithmIdentifier(_ reader: inout DERReader, allowNullParameters: Bool = false) throws -> String {
    var inner = DERReader(try reader.read(DERTag.sequence))
    let oid = try inner.readObjectIdentifier()
    if allowNullParameters, inner.nextTag == DERTag.null {
      guard try inner.read(DERTag.null).isEmpty else { throw DERError.invalidContent("NULL with content") }
    }
    try inner.finish()
    return oid
  }
}
