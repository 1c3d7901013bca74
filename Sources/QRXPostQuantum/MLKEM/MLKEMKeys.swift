import QRXPrimitives

// The key objects behind the public `MLKEM512`, `MLKEM768` and `MLKEM1024` types, written once
// for every parameter set. They own the byte encodings, check every outside input before the core
// sees it (FIPS 203, Section 7), and keep every secret in `SecretBytes`.

/// An encapsulation key that passed the checks of FIPS 203, Section 7.2, with H(ek) cached.
struct MLKEMEncapsulationKey<P: MLKEMParameterSet>: Sendable {
  /// ek, 384k + 32 bytes.
  let ek: [UInt8]
  /// H(ek), 32 bytes.
  let h: [UInt8]
  /// t̂ and Â of ek.
  let expansion: MLKEMPublicExpansion

  /// Parses and checks an encapsulation key: length (type check) and modulus check (Section 7.2).
  init(_ bytes: UnsafeRawBufferPointer) throws {
    guard bytes.count == P.encapsulationKeyByteCount, let base = bytes.baseAddress else {
      throw MLKEMError.invalidLength(
        what: "\(P.name) encapsulation key", expected: P.encapsulationKeyByteCount, actual: bytes.count)
    }
    let pointer = base.assumingMemoryBound(to: UInt8.self)
    guard MLKEMCore<P>.encapsulationKeyIsReduced(pointer) else { throw MLKEMError.encapsulationKeyNotReduced }
    ek = Array(bytes)
    h = [UInt8](unsafeUninitializedCapacity: 32) { buffer, initialized in
      MLKEMCore<P>.H(pointer, P.encapsulationKeyByteCount, into: buffer.baseAddress!)
      initialized = 32
    }
    expansion = MLKEMCore<P>.expand(ek: pointer)
  }

  /// A key that was already checked, with its hash and expansion.
  init(checkedKey ek: [UInt8], h: [UInt8], expansion: MLKEMPublicExpansion) {
    self.ek = ek
    self.h = h
    self.expansion = expansion
  }

  /// ML-KEM.Encaps (FIPS 203, Algorithm 20) with m from `random`.
  func encapsulate(using random: some RandomSource) -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    let m = random.secretBytes(count: 32)
    return m.withUnsafeBytes { encapsulate(m: $0) }
  }

  /// ML-KEM.Encaps_internal (FIPS 203, Algorithm 17) for a 32-byte m.
  func encapsulate(m: UnsafeRawBufferPointer) -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    precondition(m.count == 32, "m is 32 bytes")
    var ciphertext = [UInt8](repeating: 0, count: P.ciphertextByteCount)
    let sharedSecret = SecretBytes(count: 32) { K in
      h.withUnsafeBufferPointer { h in
        ciphertext.withUnsafeMutableBufferPointer { c in
          MLKEMCore<P>.encapsInternal(
            expansion: expansion, h: h.baseAddress!, m: m.baseAddress!.assumingMemoryBound(to: UInt8.self),
            K: K.baseAddress!.assumingMemoryBound(to: UInt8.self), c: c.baseAddress!)
        }
      }
    }
    return (sharedSecret, ciphertext)
  }
}

/// A decapsulation key: the expanded NIST encoding dk = dk_PKE ‖ ek ‖ H(ek) ‖ z, and the seed
/// d ‖ z it came from when known.
struct MLKEMDecapsulationKey<P: MLKEMParameterSet>: Sendable {
  /// dk, 768k + 96 bytes.
  let dk: SecretBytes
  /// d ‖ z, 64 bytes; nil for a key imported in expanded form, which does not contain d.
  let seed: SecretBytes?
  /// The encapsulation key inside dk.
  let encapsulationKey: MLKEMEncapsulationKey<P>

  /// ML-KEM.KeyGen_internal (FIPS 203, Algorithm 16) from the 64-byte seed d ‖ z, followed by a
  /// pairwise consistency check (encapsulate to the new key, decapsulate, compare).
  init(seed seedBytes: UnsafeRawBufferPointer) throws {
    guard seedBytes.count == 64, let seedBase = seedBytes.baseAddress else {
      throw MLKEMError.invalidLength(what: "\(P.name) seed (d ‖ z)", expected: 64, actual: seedBytes.count)
    }
    let d = seedBase.assumingMemoryBound(to: UInt8.self)
    var ek = [UInt8](repeating: 0, count: P.encapsulationKeyByteCount)
    let expansion = MLKEMPublicExpansion(k: P.k)
    let dk = SecretBytes(count: P.decapsulationKeyByteCount) { dk in
      ek.withUnsafeMutableBufferPointer { ek in
        MLKEMCore<P>.keyGenInternal(
          d: d, z: d + 32, ek: ek.baseAddress!, dk: dk.baseAddress!.assumingMemoryBound(to: UInt8.self),
          expansion: expansion)
      }
    }
    let hOffset = 768 &* P.k &+ 32
    let h = dk.withUnsafeBytes { Array($0[hOffset..<(hOffset &+ 32)]) }
    self.dk = dk
    self.seed = SecretBytes(count: 64) { $0.copyMemory(from: seedBytes) }
    self.encapsulationKey = MLKEMEncapsulationKey(checkedKey: ek, h: h, expansion: expansion)
    try checkPairwiseConsistency()
  }

  /// Imports the expanded NIST encoding with the checks of FIPS 203, Section 7.3: length, the
  /// stored H(ek) matches, and the embedded ek passes the modulus check.
  init(expanded bytes: UnsafeRawBufferPointer) throws {
    let k = P.k
    guard bytes.count == P.decapsulationKeyByteCount, let base = bytes.baseAddress else {
      throw MLKEMError.invalidLength(
        what: "\(P.name) decapsulation key", expected: P.decapsulationKeyByteCount, actual: bytes.count)
    }
    let pointer = base.assumingMemoryBound(to: UInt8.self)
    let ekRange = (384 &* k)..<(768 &* k &+ 32)
    guard MLKEMCore<P>.encapsulationKeyIsReduced(pointer + ekRange.lowerBound) else {
      throw MLKEMError.decapsulationKeyNotReduced
    }
    let ek = Array(bytes[ekRange])
    var h = [UInt8](repeating: 0, count: 32)
    MLKEMCore<P>.H(pointer + ekRange.lowerBound, ekRange.count, into: &h)
    let storedHash = UnsafeRawBufferPointer(rebasing: bytes[ekRange.upperBound..<(ekRange.upperBound &+ 32)])
    let hashMatches = h.withUnsafeBytes { ConstantTime.equals($0, storedHash) }
    guard hashMatches else { throw MLKEMError.decapsulationKeyHashMismatch }
    self.dk = SecretBytes(count: bytes.count) { $0.copyMemory(from: bytes) }
    self.seed = nil
    self.encapsulationKey = MLKEMEncapsulationKey(
      checkedKey: ek, h: h, expansion: MLKEMCore<P>.expand(ek: pointer + ekRange.lowerBound))
  }

  /// ML-KEM.Decaps (FIPS 203, Algorithm 21) after the ciphertext type check of Section 7.3.
  func decapsulate(_ ciphertext: UnsafeRawBufferPointer) throws -> SecretBytes {
    guard ciphertext.count == P.ciphertextByteCount, let c = ciphertext.baseAddress else {
      throw MLKEMError.invalidLength(
        what: "\(P.name) ciphertext", expected: P.ciphertextByteCount, actual: ciphertext.count)
    }
    return SecretBytes(count: 32) { K in
      dk.withUnsafeBytes { dk in
        MLKEMCore<P>.decapsInternal(
          dk: dk.baseAddress!.assumingMemoryBound(to: UInt8.self), expansion: encapsulationKey.expansion,
          c: c.assumingMemoryBound(to: UInt8.self), K: K.baseAddress!.assumingMemoryBound(to: UInt8.self))
      }
    }
  }

  /// Encapsulates to this key's ek with fresh m and checks that decapsulation returns the same K.
  private func checkPairwiseConsistency() throws {
    let (K, c) = encapsulationKey.encapsulate(using: SystemRandom())
    let KPrime = try c.withUnsafeBytes { try decapsulate($0) }
    guard K.constantTimeEquals(KPrime) else { throw MLKEMError.pairwiseConsistencyFailure }
  }
}
