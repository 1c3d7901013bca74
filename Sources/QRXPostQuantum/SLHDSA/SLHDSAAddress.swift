// The 32-byte hash address ADRS (FIPS 205, Section 4.2) and its 22-byte compressed form ADRSc
// (FIPS 205, Section 11.2). Fields are kept as integers and encoded big-endian when hashed.

/// ADRS: which call of a tweakable hash this is (FIPS 205, Section 4.2, Figure 2).
@usableFromInline
struct SLHDSAAddress: Sendable {
  /// Address types (FIPS 205, Table 1).
  @usableFromInline
  enum Kind: UInt32, Sendable {
    case wotsHash = 0
    case wotsPK = 1
    case tree = 2
    case forsTree = 3
    case forsRoots = 4
    case wotsPRF = 5
    case forsPRF = 6
  }

  /// Bytes 0 ..< 4: layer address.
  @usableFromInline var layer: UInt32 = 0
  /// Bytes 4 ..< 16: tree address (the top four bytes are always zero, as h - h' ≤ 64).
  @usableFromInline var tree: UInt64 = 0
  /// Bytes 16 ..< 20: type.
  @usableFromInline var type: UInt32 = 0
  /// Bytes 20 ..< 24: key pair address (WOTS+, FORS) or padding (tree).
  @usableFromInline var word1: UInt32 = 0
  /// Bytes 24 ..< 28: chain address (WOTS+) or tree height (trees).
  @usableFromInline var word2: UInt32 = 0
  /// Bytes 28 ..< 32: hash address (WOTS+) or tree index (trees).
  @usableFromInline var word3: UInt32 = 0

  @usableFromInline
  init() {}

  /// ADRS.setLayerAddress(l).
  @inline(__always) @usableFromInline
  mutating func setLayerAddress(_ l: Int) { layer = UInt32(truncatingIfNeeded: l) }

  /// ADRS.setTreeAddress(t).
  @inline(__always) @usableFromInline
  mutating func setTreeAddress(_ t: UInt64) { tree = t }

  /// ADRS.setTypeAndClear(Y): sets the type and zeroes the last 12 bytes.
  @inline(__always) @usableFromInline
  mutating func setTypeAndClear(_ y: Kind) {
    type = y.rawValue
    word1 = 0
    word2 = 0
    word3 = 0
  }

  /// ADRS.setKeyPairAddress(i).
  @inline(__always) @usableFromInline
  mutating func setKeyPairAddress(_ i: UInt32) { word1 = i }

  /// ADRS.getKeyPairAddress().
  @inline(__always) @usableFromInline
  var keyPairAddress: UInt32 { word1 }

  /// ADRS.setChainAddress(i).
  @inline(__always) @usableFromInline
  mutating func setChainAddress(_ i: UInt32) { word2 = i }

  /// ADRS.setTreeHeight(z).
  @inline(__always) @usableFromInline
  mutating func setTreeHeight(_ z: UInt32) { word2 = z }

  /// ADRS.setHashAddress(i).
  @inline(__always) @usableFromInline
  mutating func setHashAddress(_ i: UInt32) { word3 = i }

  /// ADRS.setTreeIndex(i).
  @inline(__always) @usableFromInline
  mutating func setTreeIndex(_ i: UInt32) { word3 = i }

  /// ADRS.getTreeIndex().
  @inline(__always) @usableFromInline
  var treeIndex: UInt32 { word3 }

  /// Writes the full 32-byte ADRS (FIPS 205, Section 4.2) at `out`.
  @inline(__always) @usableFromInline
  func write32(to out: UnsafeMutableRawPointer) {
    out.storeBytes(of: layer.bigEndian, toByteOffset: 0, as: UInt32.self)
    out.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
    out.storeBytes(of: tree.bigEndian, toByteOffset: 8, as: UInt64.self)
    out.storeBytes(of: type.bigEndian, toByteOffset: 16, as: UInt32.self)
    out.storeBytes(of: word1.bigEndian, toByteOffset: 20, as: UInt32.self)
    out.storeBytes(of: word2.bigEndian, toByteOffset: 24, as: UInt32.self)
    out.storeBytes(of: word3.bigEndian, toByteOffset: 28, as: UInt32.self)
  }

  /// Writes ADRSc = ADRS[3] ‖ ADRS[8:16] ‖ ADRS[19] ‖ ADRS[20:32] (FIPS 205, Section 11.2) at `out`.
  @inline(__always) @usableFromInline
  func write22(to out: UnsafeMutableRawPointer) {
    out.storeBytes(of: UInt8(truncatingIfNeeded: layer), toByteOffset: 0, as: UInt8.self)
    out.storeBytes(of: tree.bigEndian, toByteOffset: 1, as: UInt64.self)
    out.storeBytes(of: UInt8(truncatingIfNeeded: type), toByteOffset: 9, as: UInt8.self)
    out.storeBytes(of: word1.bigEndian, toByteOffset: 10, as: UInt32.self)
    out.storeBytes(of: word2.bigEndian, toByteOffset: 14, as: UInt32.self)
    out.storeBytes(of: word3.bigEndian, toByteOffset: 18, as: UInt32.self)
  }
}
