#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// One heap block per operation holds every temporary (polynomials, accumulators, seeds); it is
// wiped with a store the optimizer cannot remove before it is freed, so no secret outlives the call.

/// A bump allocator over one scratch block.
struct MLKEMScratch {
  /// Large enough for the biggest operation (ML-KEM-1024 decapsulation uses under 24 KiB); only
  /// the part used is touched and wiped.
  static let capacity = 32 * 1024

  private let base: UnsafeMutableRawPointer
  private var used = 0

  private init(base: UnsafeMutableRawPointer) { self.base = base }

  /// Runs `body` with a fresh scratch block, then wipes what was used and frees it.
  static func with<R>(_ body: (inout MLKEMScratch) throws -> R) rethrows -> R {
    let base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    var scratch = MLKEMScratch(base: base)
    defer {
      mlkemWipe(base, scratch.used)
      base.deallocate()
    }
    return try body(&scratch)
  }

  /// `count` uninitialized values of `T`, 16-byte aligned.
  mutating func take<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
    let start = (used &+ 15) & ~15
    let end = start &+ count &* MemoryLayout<T>.stride
    // An internal sizing invariant, not reachable from input.
    precondition(end <= Self.capacity, "ML-KEM scratch block too small")
    used = end
    return (base + start).bindMemory(to: T.self, capacity: count)
  }

  /// `count` polynomials (256 coefficients each), contiguous.
  mutating func polynomials(_ count: Int) -> UnsafeMutablePointer<Int16> { take(Int16.self, 256 &* count) }

  /// `count` bytes.
  mutating func bytes(_ count: Int) -> UnsafeMutablePointer<UInt8> { take(UInt8.self, count) }
}

/// Overwrites `count` bytes at `pointer` with zeroes, in a way the optimizer keeps.
func mlkemWipe(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
  guard count > 0 else { return }
  #if canImport(Darwin)
  _ = memset_s(pointer, count, 0, count)
  #else
  explicit_bzero(pointer, count)
  #endif
}
