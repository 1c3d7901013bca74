// The sponge construction over Keccak-p[1600] (FIPS 202, Section 4 and 5): absorb any number of
// times, then squeeze any number of times, of any size. Byte i of the state is byte i mod 8 of
// lane i / 8 in little-endian order (FIPS 202, Section 3.1.2), which is the host order here.

/// 200 bytes of Keccak state as 25 lanes, stored inline (no heap).
@usableFromInline
struct KeccakLanes: Sendable {
  @usableFromInline
  var lanes:
    (
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

  @usableFromInline
  init() {}
}

/// A Keccak sponge with a fixed rate and domain-separation byte.
///
/// `domain` is the byte that holds the suffix bits and the first padding bit: `0x06` for SHA-3,
/// `0x1F` for SHAKE, `0x01` for the original Keccak (Ethereum's Keccak-256), any of `0x01 ... 0x7F`
/// for TurboSHAKE.
public struct KeccakSponge: Sendable {
  @usableFromInline var state = KeccakLanes()
  /// The rate in bytes (200 minus twice the security level, in bytes).
  public let rate: Int
  @usableFromInline let domain: UInt8
  @usableFromInline let rounds: Int
  /// Bytes absorbed into, or squeezed from, the current block.
  @usableFromInline var offset = 0
  @usableFromInline var squeezing = false

  /// A sponge of `rate` bytes (1 ... 199) with domain byte `domain` over Keccak-p[1600, rounds].
  public init(rate: Int, domain: UInt8, rounds: Int = 24) {
    precondition(rate > 0 && rate < 200 && rate % 8 == 0, "Keccak rate must be 8 ... 192 bytes")
    precondition(rounds > 0 && rounds <= 24, "Keccak-p[1600] takes 1 ... 24 rounds")
    self.rate = rate
    self.domain = domain
    self.rounds = rounds
  }

  @inline(__always)
  @usableFromInline
  mutating func withLanes<R>(_ body: (UnsafeMutablePointer<UInt64>) -> R) -> R {
    withUnsafeMutablePointer(to: &state.lanes) { tuple in
      tuple.withMemoryRebound(to: UInt64.self, capacity: 25) { body($0) }
    }
  }

  @inline(__always)
  @usableFromInline
  mutating func permute() {
    let rounds = self.rounds
    withLanes { keccakP1600($0, rounds: rounds) }
  }

  /// Absorbs `bytes`. Absorbing after squeezing has begun is a programming error.
  public mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
    precondition(!squeezing, "cannot absorb into a Keccak sponge after squeezing")
    guard var input = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    let rate = self.rate
    let rounds = self.rounds
    var offset = self.offset
    withLanes { lanes in
      let stateBytes = UnsafeMutableRawPointer(lanes).assumingMemoryBound(to: UInt8.self)
      // Finish a partial block byte by byte.
      if offset > 0 {
        let take = min(rate &- offset, remaining)
        for i in 0..<take { stateBytes[offset &+ i] ^= input.load(fromByteOffset: i, as: UInt8.self) }
        offset &+= take
        input += take
        remaining &-= take
        if offset == rate {
          keccakP1600(lanes, rounds: rounds)
          offset = 0
        }
      }
      // Whole blocks, a lane at a time.
      let laneCount = rate &>> 3
      while remaining >= rate {
        for i in 0..<laneCount {
          lanes[i] ^= UInt64(littleEndian: input.loadUnaligned(fromByteOffset: i &<< 3, as: UInt64.self))
        }
        keccakP1600(lanes, rounds: rounds)
        input += rate
        remaining &-= rate
      }
      for i in 0..<remaining { stateBytes[offset &+ i] ^= input.load(fromByteOffset: i, as: UInt8.self) }
      offset &+= remaining
    }
    self.offset = offset
  }

  /// Absorbs `bytes`.
  @inlinable
  public mutating func absorb<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    if bytes.withContiguousStorageIfAvailable({ absorb(UnsafeRawBufferPointer($0)) }) == nil {
      let copy = Array(bytes)
      copy.withUnsafeBytes { absorb($0) }
    }
  }

  /// Pads the last block (FIPS 202, Algorithm 9 with pad10*1) and switches to squeezing.
  @usableFromInline
  mutating func finalizeAbsorb() {
    let offset = self.offset
    let rate = self.rate
    let domain = self.domain
    withLanes { lanes in
      let stateBytes = UnsafeMutableRawPointer(lanes).assumingMemoryBound(to: UInt8.self)
      stateBytes[offset] ^= domain
      stateBytes[rate &- 1] ^= 0x80
    }
    permute()
    self.offset = 0
    squeezing = true
  }

  /// Fills `output` with the next bytes of the sponge's output stream.
  public mutating func squeeze(into output: UnsafeMutableRawBufferPointer) {
    if !squeezing { finalizeAbsorb() }
    guard var out = output.baseAddress, output.count > 0 else { return }
    var remaining = output.count
    let rate = self.rate
    let rounds = self.rounds
    var offset = self.offset
    withLanes { lanes in
      let stateBytes = UnsafeMutableRawPointer(lanes)
      while remaining > 0 {
        if offset == rate {
          keccakP1600(lanes, rounds: rounds)
          offset = 0
        }
        let take = min(rate &- offset, remaining)
        out.copyMemory(from: stateBytes + offset, byteCount: take)
        out += take
        offset &+= take
        remaining &-= take
      }
    }
    self.offset = offset
  }

  /// Returns the next `count` bytes of the sponge's output stream.
  public mutating func squeeze(count: Int) -> [UInt8] {
    precondition(count >= 0, "output length must not be negative")
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      squeeze(into: UnsafeMutableRawBufferPointer(buffer))
      initialized = count
    }
  }

  /// Squeezes whole blocks straight from the state: `body` reads `rate` bytes a call.
  /// Used by rejection samplers (FIPS 203 SampleNTT, FIPS 204 RejNTTPoly) to avoid a copy.
  @inlinable
  public mutating func squeezeBlock<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    if !squeezing {
      finalizeAbsorb()
    } else {
      permute()
    }
    offset = rate
    let rate = self.rate
    return withLanes { body(UnsafeRawBufferPointer(start: UnsafeRawPointer($0), count: rate)) }
  }

  /// Zeroes the state, for sponges that absorbed secrets.
  public mutating func erase() {
    state = KeccakLanes()
    offset = 0
    squeezing = false
  }
}
