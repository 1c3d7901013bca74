#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// Falcon encodings (Falcon specification v1.2, section 3.11): public key h as 14-bit values,
// private key f, g, F as fixed-width signed values, and the compressed signature s2
// (Algorithms 17 and 18). Decoders reject every non-canonical input and never trap.

enum FalconCodec {
  /// Bits per coefficient of f and g in the private key, by logn (reference `max_fg_bits`).
  static func fgBits(_ logn: Int) -> Int { logn == 10 ? 5 : 6 }
  /// Bits per coefficient of F in the private key (reference `max_FG_bits`).
  static let bigFGBits = 8

  /// Section 3.11.4: h as consecutive 14-bit big-endian values.
  static func encodeModQ(_ x: [UInt16]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity((x.count * 14 + 7) / 8)
    var acc: UInt32 = 0
    var accLen = 0
    for v in x {
      acc = (acc << 14) | UInt32(v)
      accLen += 14
      while accLen >= 8 {
        accLen -= 8
        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(accLen)))
      }
    }
    if accLen > 0 { out.append(UInt8(truncatingIfNeeded: acc << UInt32(8 - accLen))) }
    return out
  }

  /// Inverse of ``encodeModQ(_:)``: nil on a wrong length, a value >= q, or nonzero padding bits.
  static func decodeModQ(_ bytes: ArraySlice<UInt8>, count n: Int) -> [UInt16]? {
    guard bytes.count == (n * 14 + 7) / 8 else { return nil }
    var x = [UInt16](repeating: 0, count: n)
    var acc: UInt32 = 0
    var accLen = 0
    var u = 0
    for byte in bytes {
      acc = (acc << 8) | UInt32(byte)
      accLen += 8
      if accLen >= 14 {
        accLen -= 14
        let w = (acc >> UInt32(accLen)) & 0x3FFF
        guard w < 12289 else { return nil }
        if u < n { x[u] = UInt16(w) }
        u += 1
      }
    }
    guard u == n, acc & ((1 << UInt32(accLen)) - 1) == 0 else { return nil }
    return x
  }

  /// Section 3.11.5: signed values on `bits` bits (two's complement), big-endian bit order.
  /// Values must lie in -(2^(bits-1) - 1) ... 2^(bits-1) - 1.
  static func encodeTrimmed(_ x: UnsafePointer<Int8>, count n: Int, bits: Int, into out: inout [UInt8]) {
    var acc: UInt32 = 0
    var accLen = 0
    let mask = (UInt32(1) << UInt32(bits)) - 1
    for u in 0..<n {
      acc = (acc << UInt32(bits)) | (UInt32(UInt8(bitPattern: x[u])) & mask)
      accLen += bits
      while accLen >= 8 {
        accLen -= 8
        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(accLen)))
      }
    }
    if accLen > 0 { out.append(UInt8(truncatingIfNeeded: acc << UInt32(8 - accLen))) }
  }

  /// Inverse of ``encodeTrimmed(_:count:bits:into:)``; false on the forbidden value -2^(bits-1)
  /// or nonzero padding bits. `bytes` must hold exactly ceil(n * bits / 8) bytes.
  static func decodeTrimmed(
    _ bytes: UnsafeRawBufferPointer, count n: Int, bits: Int, into x: UnsafeMutablePointer<Int8>
  ) -> Bool {
    guard bytes.count == (n * bits + 7) / 8 else { return false }
    var acc: UInt32 = 0
    var accLen = 0
    var u = 0
    let mask1 = (UInt32(1) << UInt32(bits)) - 1
    let mask2 = UInt32(1) << UInt32(bits - 1)
    var bad: UInt32 = 0
    for byte in bytes {
      acc = (acc << 8) | UInt32(byte)
      accLen += 8
      while accLen >= bits && u < n {
        accLen -= bits
        var w = (acc >> UInt32(accLen)) & mask1
        w |= 0 &- (w & mask2)
        bad |= w == (0 &- mask2) ? 1 : 0
        x[u] = Int8(truncatingIfNeeded: Int32(bitPattern: w))
        u += 1
      }
    }
    return bad == 0 && u == n && acc & ((1 << UInt32(accLen)) - 1) == 0
  }

  /// Falcon specification v1.2, Algorithm 17 (Compress): sign bit, 7 low bits of |s|, then the
  /// high bits of |s| in unary. Returns nil if a value exceeds 2047 or the output would exceed
  /// `maxBytes` bytes.
  static func compress(_ s: [Int16], maxBytes: Int) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(maxBytes)
    var acc: UInt32 = 0
    var accLen: UInt32 = 0
    for value in s {
      guard value >= -2047, value <= 2047 else { return nil }
      var t = Int32(value)
      acc <<= 1
      if t < 0 {
        t = -t
        acc |= 1
      }
      var w = UInt32(t)
      acc <<= 7
      acc |= w & 127
      w >>= 7
      accLen += 8
      acc <<= (w + 1)
      acc |= 1
      accLen += w + 1
      while accLen >= 8 {
        accLen -= 8
        guard out.count < maxBytes else { return nil }
        out.append(UInt8(truncatingIfNeeded: acc >> accLen))
      }
    }
    if accLen > 0 {
      guard out.count < maxBytes else { return nil }
      out.append(UInt8(truncatingIfNeeded: acc << (8 - accLen)))
    }
    return out
  }

  /// Falcon specification v1.2, Algorithm 18 (Decompress): nil unless `bytes` is exactly the
  /// canonical encoding of n values (no "-0", no value above 2047, all padding bits zero).
  static func decompress(_ bytes: ArraySlice<UInt8>, count n: Int) -> [Int16]? {
    var x = [Int16](repeating: 0, count: n)
    var acc: UInt32 = 0
    var accLen: UInt32 = 0
    var v = bytes.startIndex
    for u in 0..<n {
      guard v < bytes.endIndex else { return nil }
      acc = (acc << 8) | UInt32(bytes[v])
      v += 1
      let b = acc >> accLen
      let s = b & 128
      var m = b & 127
      while true {
        if accLen == 0 {
          guard v < bytes.endIndex else { return nil }
          acc = (acc << 8) | UInt32(bytes[v])
          v += 1
          accLen = 8
        }
        accLen -= 1
        if (acc >> accLen) & 1 != 0 { break }
        m += 128
        if m > 2047 { return nil }
      }
      // "-0" is not canonical.
      if s != 0 && m == 0 { return nil }
      x[u] = Int16(s != 0 ? -Int32(m) : Int32(m))
    }
    guard v == bytes.endIndex, acc & ((1 << accLen) - 1) == 0 else { return nil }
    return x
  }
}

/// Overwrites an array of secret values with zeros, with a call the optimizer cannot drop.
func falconWipe<T>(_ array: inout [T]) {
  array.withUnsafeMutableBytes { falconWipeBytes($0.baseAddress, $0.count) }
}

/// Overwrites `count` secret values at `pointer` with zeros (before deallocation).
func falconWipe<T>(_ pointer: UnsafeMutablePointer<T>, count: Int) {
  falconWipeBytes(UnsafeMutableRawPointer(pointer), count * MemoryLayout<T>.stride)
}

@inline(never)
private func falconWipeBytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) {
  guard let pointer, count > 0 else { return }
  #if canImport(Glibc)
  explicit_bzero(pointer, count)
  #else
  _ = memset_s(pointer, count, 0, count)
  #endif
}
