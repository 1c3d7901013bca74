import CLibCrypto
import QRXPrimitives

// The functions H_msg, PRF, PRF_msg, F, H and T_l of SLH-DSA (FIPS 205, Section 11), in its two
// instantiations. Both work on raw pointers into fixed buffers: the tweakable hashes run millions
// of times a signature, so none of them allocates. An output may alias an input.

/// The tweakable hash functions of one SLH-DSA key (PK.seed, and SK.seed when signing).
@usableFromInline
protocol SLHDSATweakableHash {
  /// Sets up for `pkSeed` (n bytes) and, for key generation and signing, `skSeed` (n bytes).
  init(parameters: SLHDSAParameters, pkSeed: UnsafeRawPointer, skSeed: UnsafeRawPointer?)
  /// F(PK.seed, ADRS, M1): n bytes to n bytes.
  mutating func f(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, _ out: UnsafeMutableRawPointer)
  /// H(PK.seed, ADRS, M1 ‖ M2): 2n bytes to n bytes.
  mutating func h(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m2: UnsafeRawPointer, _ out: UnsafeMutableRawPointer)
  /// T_l(PK.seed, ADRS, M): l · n bytes to n bytes.
  mutating func t(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, count: Int, _ out: UnsafeMutableRawPointer)
  /// PRF(PK.seed, SK.seed, ADRS): n bytes.
  mutating func prf(_ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer)
  /// chain(X, i, s, PK.seed, ADRS) (FIPS 205, Algorithm 5): `steps` applications of F from `start`.
  mutating func chain(
    _ x: UnsafeRawPointer, start: Int, steps: Int, _ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer)
  /// Zeroes every copy of SK.seed.
  mutating func erase()

  /// PRF_msg(SK.prf, opt_rand, M): n bytes.
  static func prfMsg(
    _ p: SLHDSAParameters, skPrf: UnsafeRawBufferPointer, optRand: UnsafeRawBufferPointer,
    message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer)
  /// H_msg(R, PK.seed, PK.root, M): m bytes.
  static func hMsg(
    _ p: SLHDSAParameters, r: UnsafeRawBufferPointer, pkSeed: UnsafeRawBufferPointer,
    pkRoot: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer)
}

/// 32 bytes kept inline (n ≤ 32), for PK.seed and SK.seed.
@usableFromInline
typealias SLHDSASeedStorage = (UInt64, UInt64, UInt64, UInt64)

// MARK: - SHAKE (FIPS 205, Section 11.1)

/// 25 lanes of Keccak state, inline.
@usableFromInline
typealias SLHDSAKeccakState = (
  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
)

/// SLH-DSA's functions over SHAKE256 (FIPS 205, Section 11.1).
///
/// F, H and PRF absorb at most 3n + 32 ≤ 128 bytes, less than SHAKE256's 136-byte rate, and
/// squeeze n ≤ 32 bytes: one Keccak-f[1600] call each. They are computed on a state built lane by
/// lane (PK.seed ‖ ADRS ‖ M, then the SHAKE padding 0x1F … 0x80), without a sponge object.
@usableFromInline
struct SLHDSASHAKEHash: SLHDSATweakableHash {
  @usableFromInline let n: Int
  /// PK.seed as n / 8 little-endian lanes.
  @usableFromInline var pkSeed: SLHDSASeedStorage = (0, 0, 0, 0)
  @usableFromInline var skSeed: SLHDSASeedStorage = (0, 0, 0, 0)
  @usableFromInline var state: SLHDSAKeccakState = (
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  )

  @usableFromInline
  init(parameters: SLHDSAParameters, pkSeed: UnsafeRawPointer, skSeed: UnsafeRawPointer?) {
    n = parameters.n
    let n = self.n
    withUnsafeMutableBytes(of: &self.pkSeed) { $0.baseAddress!.copyMemory(from: pkSeed, byteCount: n) }
    if let skSeed {
      withUnsafeMutableBytes(of: &self.skSeed) { $0.baseAddress!.copyMemory(from: skSeed, byteCount: n) }
    }
  }

  /// Loads PK.seed ‖ ADRS into the first n / 8 + 4 lanes of `lanes` and zeroes the rest; returns
  /// the index of the first lane after ADRS.
  @inline(__always)
  static func loadPrefix(
    _ pkSeed: SLHDSASeedStorage, _ n: Int, _ adrs: SLHDSAAddress, _ lanes: UnsafeMutablePointer<UInt64>
  ) -> Int {
    let seedLanes = n &>> 3
    withUnsafeBytes(of: pkSeed) { seed in
      for i in 0..<seedLanes { lanes[i] = seed.load(fromByteOffset: i &<< 3, as: UInt64.self) }
    }
    // ADRS is big-endian words; lane i holds its bytes 8i ..< 8i + 8 in little-endian order.
    withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { buffer in
      let a = buffer.baseAddress!
      adrs.write32(to: a)
      for i in 0..<4 { lanes[seedLanes &+ i] = UInt64(littleEndian: a.load(fromByteOffset: i &<< 3, as: UInt64.self)) }
    }
    for i in (seedLanes &+ 4)..<25 { lanes[i] = 0 }
    return seedLanes &+ 4
  }

  /// SHAKE256(PK.seed ‖ ADRS ‖ M1 ‖ M2, 8n), M1 and M2 of n bytes each (M2 optional): one permutation.
  @inline(__always)
  mutating func oneBlock(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m2: UnsafeRawPointer?, _ out: UnsafeMutableRawPointer
  ) {
    let n = self.n
    let messageLanes = n &>> 3
    let pkSeed = self.pkSeed
    withUnsafeMutablePointer(to: &state) { tuple in
      tuple.withMemoryRebound(to: UInt64.self, capacity: 25) { lanes in
        var next = Self.loadPrefix(pkSeed, n, adrs, lanes)
        for i in 0..<messageLanes {
          lanes[next &+ i] = UInt64(littleEndian: m1.loadUnaligned(fromByteOffset: i &<< 3, as: UInt64.self))
        }
        next &+= messageLanes
        if let m2 {
          for i in 0..<messageLanes {
            lanes[next &+ i] = UInt64(littleEndian: m2.loadUnaligned(fromByteOffset: i &<< 3, as: UInt64.self))
          }
          next &+= messageLanes
        }
        // SHAKE padding (FIPS 202, Section 6.2 and B.2): 0x1F after the input, 0x80 in byte 135.
        lanes[next] ^= 0x1F
        lanes[16] ^= 0x8000_0000_0000_0000
        KeccakF1600.permute(lanes)
        for i in 0..<messageLanes {
          out.storeBytes(of: lanes[i].littleEndian, toByteOffset: i &<< 3, as: UInt64.self)
        }
      }
    }
  }

  /// F (FIPS 205, Section 11.1).
  @usableFromInline
  mutating func f(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, _ out: UnsafeMutableRawPointer) {
    oneBlock(adrs, m, nil, out)
  }

  /// H (FIPS 205, Section 11.1).
  @usableFromInline
  mutating func h(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m2: UnsafeRawPointer, _ out: UnsafeMutableRawPointer
  ) {
    oneBlock(adrs, m1, m2, out)
  }

  /// T_l = SHAKE256(PK.seed ‖ ADRS ‖ M, 8n) (FIPS 205, Section 11.1), through the sponge: M spans several blocks.
  @usableFromInline
  mutating func t(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, count: Int, _ out: UnsafeMutableRawPointer) {
    let n = self.n
    var shake = SHAKE256()
    withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { prefix in
      let base = prefix.baseAddress!
      withUnsafeBytes(of: pkSeed) { base.copyMemory(from: $0.baseAddress!, byteCount: n) }
      adrs.write32(to: base + n)
      shake.absorb(UnsafeRawBufferPointer(start: base, count: n + 32))
    }
    shake.absorb(UnsafeRawBufferPointer(start: m, count: count))
    shake.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: n))
  }

  /// PRF(PK.seed, SK.seed, ADRS) = SHAKE256(PK.seed ‖ ADRS ‖ SK.seed, 8n) (FIPS 205, Section 11.1).
  @usableFromInline
  mutating func prf(_ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer) {
    var seed = skSeed
    withUnsafeBytes(of: &seed) { oneBlock(adrs, $0.baseAddress!, nil, out) }
    seed = (0, 0, 0, 0)
  }

  /// chain (FIPS 205, Algorithm 5): the state is rebuilt from PK.seed ‖ ADRS lanes each step, and
  /// the chain value moves from the output lanes to the message lanes without leaving registers.
  @usableFromInline
  mutating func chain(
    _ x: UnsafeRawPointer, start: Int, steps: Int, _ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer
  ) {
    let n = self.n
    if steps == 0 {
      if UnsafeRawPointer(out) != x { out.copyMemory(from: x, byteCount: n) }
      return
    }
    var adrs = adrs
    adrs.setHashAddress(UInt32(truncatingIfNeeded: start))
    let messageLanes = n &>> 3
    let pkSeed = self.pkSeed
    withUnsafeMutablePointer(to: &state) { tuple in
      tuple.withMemoryRebound(to: UInt64.self, capacity: 25) { lanes in
        var value: SLHDSASeedStorage = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.baseAddress!.copyMemory(from: x, byteCount: n) }
        // Lanes of PK.seed ‖ ADRS; the hash address (ADRS bytes 28 ..< 32, big-endian) is the
        // high half of the last ADRS lane, which is read little-endian.
        var prefix: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let prefixLanes = withUnsafeMutableBytes(of: &prefix) { p in
          let count = Self.loadPrefix(pkSeed, n, adrs, lanes)
          for i in 0..<count { p.storeBytes(of: lanes[i], toByteOffset: i &<< 3, as: UInt64.self) }
          return count
        }
        let hashLane = prefixLanes &- 1
        let hashLaneLow =
          withUnsafeBytes(of: prefix) { $0.load(fromByteOffset: hashLane &<< 3, as: UInt64.self) }
          & 0x0000_0000_FFFF_FFFF
        for j in start..<(start &+ steps) {
          withUnsafeBytes(of: prefix) { p in
            for i in 0..<hashLane { lanes[i] = p.load(fromByteOffset: i &<< 3, as: UInt64.self) }
          }
          lanes[hashLane] = hashLaneLow | (UInt64(UInt32(truncatingIfNeeded: j).byteSwapped) &<< 32)
          withUnsafeBytes(of: value) { v in
            for i in 0..<messageLanes {
              lanes[prefixLanes &+ i] = UInt64(littleEndian: v.load(fromByteOffset: i &<< 3, as: UInt64.self))
            }
          }
          for i in (prefixLanes &+ messageLanes)..<25 { lanes[i] = 0 }
          lanes[prefixLanes &+ messageLanes] = 0x1F
          lanes[16] ^= 0x8000_0000_0000_0000
          KeccakF1600.permute(lanes)
          withUnsafeMutableBytes(of: &value) { v in
            for i in 0..<messageLanes {
              v.storeBytes(of: lanes[i].littleEndian, toByteOffset: i &<< 3, as: UInt64.self)
            }
          }
        }
        withUnsafeBytes(of: value) { out.copyMemory(from: $0.baseAddress!, byteCount: n) }
      }
    }
  }

  @usableFromInline
  mutating func erase() {
    skSeed = (0, 0, 0, 0)
    state = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  }

  /// PRF_msg = SHAKE256(SK.prf ‖ opt_rand ‖ M, 8n) (FIPS 205, Section 11.1).
  @usableFromInline
  static func prfMsg(
    _ p: SLHDSAParameters, skPrf: UnsafeRawBufferPointer, optRand: UnsafeRawBufferPointer,
    message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer
  ) {
    var shake = SHAKE256()
    shake.absorb(skPrf)
    shake.absorb(optRand)
    shake.absorb(message)
    shake.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: p.n))
    shake.erase()
  }

  /// H_msg = SHAKE256(R ‖ PK.seed ‖ PK.root ‖ M, 8m) (FIPS 205, Section 11.1).
  @usableFromInline
  static func hMsg(
    _ p: SLHDSAParameters, r: UnsafeRawBufferPointer, pkSeed: UnsafeRawBufferPointer,
    pkRoot: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer
  ) {
    var shake = SHAKE256()
    shake.absorb(r)
    shake.absorb(pkSeed)
    shake.absorb(pkRoot)
    shake.absorb(message)
    shake.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: p.m))
  }
}

// MARK: - SHA-2 (FIPS 205, Section 11.2)

/// SLH-DSA's functions over SHA-256 and SHA-512 (FIPS 205, Section 11.2).
///
/// Every F, H, T and PRF input starts with PK.seed padded to a full block, so the compression
/// state after that block is computed once (FIPS 205, Section 11.2.1 allows this) and each call
/// then costs one compression of a block assembled in place, through libcrypto's
/// `SHA256_Transform` (which uses the SHA extensions where the processor has them).
@usableFromInline
struct SLHDSASHA2Hash: SLHDSATweakableHash {
  @usableFromInline let n: Int
  /// Security categories 3 and 5 use SHA-512 for H, T, H_msg and PRF_msg.
  @usableFromInline let wide: Bool
  /// SHA-256 state after the block PK.seed ‖ toByte(0, 64 − n).
  @usableFromInline var seeded256 = SHA256_CTX()
  /// SHA-512 state after the block PK.seed ‖ toByte(0, 128 − n) (only when `wide`).
  @usableFromInline var seeded512 = SHA512_CTX()
  /// Scratch contexts the compressions run in.
  @usableFromInline var work256 = SHA256_CTX()
  @usableFromInline var work512 = SHA512_CTX()
  @usableFromInline var skSeed: SLHDSASeedStorage = (0, 0, 0, 0)

  @usableFromInline
  init(parameters: SLHDSAParameters, pkSeed: UnsafeRawPointer, skSeed: UnsafeRawPointer?) {
    n = parameters.n
    wide = parameters.n > 16
    let n = self.n
    withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { block in
      let base = block.baseAddress!
      base.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
      base.copyMemory(from: pkSeed, byteCount: n)
      SHA256_Init(&seeded256)
      SHA256_Update(&seeded256, base, 64)
      if wide {
        SHA512_Init(&seeded512)
        SHA512_Update(&seeded512, base, 128)
      }
    }
    if let skSeed {
      withUnsafeMutableBytes(of: &self.skSeed) { $0.baseAddress!.copyMemory(from: skSeed, byteCount: n) }
    }
  }

  /// Compresses one 64-byte `block` from the seeded SHA-256 state; writes the first n bytes of the
  /// resulting chaining value (big-endian words) to `out`.
  @inline(__always)
  mutating func compress256(_ block: UnsafeRawPointer, _ out: UnsafeMutableRawPointer) {
    work256.h = seeded256.h
    SHA256_Transform(&work256, block.assumingMemoryBound(to: UInt8.self))
    let words = n &>> 2
    withUnsafeBytes(of: &work256.h) { h in
      for i in 0..<words {
        out.storeBytes(
          of: h.load(fromByteOffset: i &<< 2, as: UInt32.self).bigEndian, toByteOffset: i &<< 2, as: UInt32.self)
      }
    }
  }

  /// Compresses one 128-byte `block` from the seeded SHA-512 state; writes n bytes to `out`.
  @inline(__always)
  mutating func compress512(_ block: UnsafeRawPointer, _ out: UnsafeMutableRawPointer) {
    work512.h = seeded512.h
    SHA512_Transform(&work512, block.assumingMemoryBound(to: UInt8.self))
    let words = n &>> 3
    withUnsafeBytes(of: &work512.h) { h in
      for i in 0..<words {
        out.storeBytes(
          of: h.load(fromByteOffset: i &<< 3, as: UInt64.self).bigEndian, toByteOffset: i &<< 3, as: UInt64.self)
      }
    }
  }

  /// Trunc_n(SHA-256(PK.seed ‖ toByte(0, 64 − n) ‖ ADRSc ‖ M1 ‖ M2)) for |M1 ‖ M2| ≤ 33 bytes: one block.
  @inline(__always)
  mutating func oneBlock256(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m1Count: Int, _ m2: UnsafeRawPointer?,
    _ out: UnsafeMutableRawPointer
  ) {
    var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &block) { b in
      let base = b.baseAddress!
      adrs.write22(to: base)
      (base + 22).copyMemory(from: m1, byteCount: m1Count)
      var used = 22 &+ m1Count
      if let m2 {
        (base + used).copyMemory(from: m2, byteCount: m1Count)
        used &+= m1Count
      }
      base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
      base.storeBytes(of: UInt64((64 &+ used) &<< 3).bigEndian, toByteOffset: 56, as: UInt64.self)
      compress256(base, out)
    }
  }

  /// Trunc_n(SHA-512(PK.seed ‖ toByte(0, 128 − n) ‖ ADRSc ‖ M1 ‖ M2)) for |M1 ‖ M2| ≤ 89 bytes: one block.
  @inline(__always)
  mutating func oneBlock512(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m2: UnsafeRawPointer, _ out: UnsafeMutableRawPointer
  ) {
    var block:
      (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64
      ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    let n = self.n
    withUnsafeMutableBytes(of: &block) { b in
      let base = b.baseAddress!
      adrs.write22(to: base)
      (base + 22).copyMemory(from: m1, byteCount: n)
      (base + 22 + n).copyMemory(from: m2, byteCount: n)
      let used = 22 &+ 2 &* n
      base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
      base.storeBytes(of: UInt64((128 &+ used) &<< 3).bigEndian, toByteOffset: 120, as: UInt64.self)
      compress512(base, out)
    }
  }

  /// F = Trunc_n(SHA-256(PK.seed ‖ toByte(0, 64 − n) ‖ ADRSc ‖ M1)) (FIPS 205, Section 11.2).
  @usableFromInline
  mutating func f(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, _ out: UnsafeMutableRawPointer) {
    oneBlock256(adrs, m, n, nil, out)
  }

  /// H: SHA-256 for n = 16, SHA-512 otherwise (FIPS 205, Sections 11.2.1 and 11.2.2).
  @usableFromInline
  mutating func h(
    _ adrs: SLHDSAAddress, _ m1: UnsafeRawPointer, _ m2: UnsafeRawPointer, _ out: UnsafeMutableRawPointer
  ) {
    if wide {
      oneBlock512(adrs, m1, m2, out)
    } else {
      oneBlock256(adrs, m1, n, m2, out)
    }
  }

  /// T_l: SHA-256 for n = 16, SHA-512 otherwise (FIPS 205, Sections 11.2.1 and 11.2.2).
  @usableFromInline
  mutating func t(_ adrs: SLHDSAAddress, _ m: UnsafeRawPointer, count: Int, _ out: UnsafeMutableRawPointer) {
    var adrsc: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let n = self.n
    withUnsafeMutableBytes(of: &adrsc) { a in
      adrs.write22(to: a.baseAddress!)
      if wide {
        var digest: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        work512 = seeded512
        SHA512_Update(&work512, a.baseAddress!, 22)
        SHA512_Update(&work512, m, count)
        withUnsafeMutableBytes(of: &digest) { d in
          SHA512_Final(d.baseAddress!.assumingMemoryBound(to: UInt8.self), &work512)
          out.copyMemory(from: d.baseAddress!, byteCount: n)
        }
      } else {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        work256 = seeded256
        SHA256_Update(&work256, a.baseAddress!, 22)
        SHA256_Update(&work256, m, count)
        withUnsafeMutableBytes(of: &digest) { d in
          SHA256_Final(d.baseAddress!.assumingMemoryBound(to: UInt8.self), &work256)
          out.copyMemory(from: d.baseAddress!, byteCount: n)
        }
      }
    }
  }

  /// PRF = Trunc_n(SHA-256(PK.seed ‖ toByte(0, 64 − n) ‖ ADRSc ‖ SK.seed)) (FIPS 205, Section 11.2).
  @usableFromInline
  mutating func prf(_ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer) {
    var seed = skSeed
    withUnsafeBytes(of: &seed) { oneBlock256(adrs, $0.baseAddress!, n, nil, out) }
    seed = (0, 0, 0, 0)
  }

  /// chain (FIPS 205, Algorithm 5), with the block assembled once and only the hash address and
  /// the chain value rewritten between compressions.
  @usableFromInline
  mutating func chain(
    _ x: UnsafeRawPointer, start: Int, steps: Int, _ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer
  ) {
    let n = self.n
    if steps == 0 {
      if UnsafeRawPointer(out) != x { out.copyMemory(from: x, byteCount: n) }
      return
    }
    var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &block) { b in
      let base = b.baseAddress!
      adrs.write22(to: base)
      (base + 22).copyMemory(from: x, byteCount: n)
      let used = 22 &+ n
      base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
      base.storeBytes(of: UInt64((64 &+ used) &<< 3).bigEndian, toByteOffset: 56, as: UInt64.self)
      for j in start..<(start &+ steps) {
        // The hash address is ADRSc bytes 18 ..< 22.
        base.storeBytes(of: UInt32(truncatingIfNeeded: j).bigEndian, toByteOffset: 18, as: UInt32.self)
        compress256(base, base + 22)
      }
      out.copyMemory(from: base + 22, byteCount: n)
    }
  }

  @usableFromInline
  mutating func erase() {
    skSeed = (0, 0, 0, 0)
    work256 = SHA256_CTX()
    work512 = SHA512_CTX()
  }

  /// PRF_msg = Trunc_n(HMAC-SHA-X(SK.prf, opt_rand ‖ M)) (FIPS 205, Sections 11.2.1 and 11.2.2).
  @usableFromInline
  static func prfMsg(
    _ p: SLHDSAParameters, skPrf: UnsafeRawBufferPointer, optRand: UnsafeRawBufferPointer,
    message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer
  ) {
    var input = [UInt8](repeating: 0, count: optRand.count + message.count)
    input.withUnsafeMutableBytes { buffer in
      buffer.baseAddress!.copyMemory(from: optRand.baseAddress!, byteCount: optRand.count)
      if message.count > 0 {
        (buffer.baseAddress! + optRand.count).copyMemory(from: message.baseAddress!, byteCount: message.count)
      }
    }
    var mac = input.withUnsafeBytes { HMAC.authenticationCode(p.n > 16 ? .sha512 : .sha256, key: skPrf, message: $0) }
    mac.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: p.n) }
    SecretBytes.wipe(&mac)
  }

  /// H_msg = MGF1-SHA-X(R ‖ PK.seed ‖ SHA-X(R ‖ PK.seed ‖ PK.root ‖ M), m)
  /// (FIPS 205, Sections 11.2.1 and 11.2.2; MGF1 of RFC 8017, Appendix B.2.1).
  @usableFromInline
  static func hMsg(
    _ p: SLHDSAParameters, r: UnsafeRawBufferPointer, pkSeed: UnsafeRawBufferPointer,
    pkRoot: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, _ out: UnsafeMutableRawPointer
  ) {
    let variant: SHA2Variant = p.n > 16 ? .sha512 : .sha256
    let inner = SHA2Hasher(variant)
    inner.update(r)
    inner.update(pkSeed)
    inner.update(pkRoot)
    inner.update(message)
    let digest = inner.finalize()
    // MGF1 seed: R ‖ PK.seed ‖ digest ‖ counter.
    var seed = Array(r) + Array(pkSeed) + digest + [0, 0, 0, 0]
    let counterOffset = seed.count - 4
    var produced = 0
    var counter: UInt32 = 0
    while produced < p.m {
      seed[counterOffset] = UInt8(truncatingIfNeeded: counter >> 24)
      seed[counterOffset + 1] = UInt8(truncatingIfNeeded: counter >> 16)
      seed[counterOffset + 2] = UInt8(truncatingIfNeeded: counter >> 8)
      seed[counterOffset + 3] = UInt8(truncatingIfNeeded: counter)
      let block = SHA2.hash(variant, seed)
      let take = min(block.count, p.m - produced)
      block.withUnsafeBytes { (out + produced).copyMemory(from: $0.baseAddress!, byteCount: take) }
      produced += take
      counter += 1
    }
  }
}
