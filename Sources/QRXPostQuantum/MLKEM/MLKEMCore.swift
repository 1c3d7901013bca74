import QRXPrimitives

// K-PKE and the internal ML-KEM algorithms (FIPS 203, Sections 5 and 6), written once for every
// parameter set. Inputs and outputs are raw pointers of the exact sizes of Table 3; the callers
// (`MLKEMDecapsulationKey`, `MLKEMEncapsulationKey`) check lengths and formats first.
// Variable names follow the standard: ρ `rho`, σ `sigma`, t̂ `tHat`, ŝ `sHat`, ê `eHat`, y and ŷ `y`.

/// The ML-KEM algorithms for the parameter set `P`.
enum MLKEMCore<P: MLKEMParameterSet> {
  typealias Poly = MLKEMPolynomial

  // MARK: Hash functions (FIPS 203, Section 4.1)

  /// G(a ‖ b) = SHA3-512(a ‖ b) into 64 bytes.
  @inline(__always)
  static func G(
    _ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int,
    into out: UnsafeMutablePointer<UInt8>
  ) {
    var sponge = SHA3_512.makeSponge()
    sponge.absorb(UnsafeRawBufferPointer(start: a, count: aCount))
    sponge.absorb(UnsafeRawBufferPointer(start: b, count: bCount))
    sponge.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: 64))
    sponge.erase()
  }

  /// H(s) = SHA3-256(s) into 32 bytes.
  @inline(__always)
  static func H(_ s: UnsafePointer<UInt8>, _ count: Int, into out: UnsafeMutablePointer<UInt8>) {
    var sponge = SHA3_256.makeSponge()
    sponge.absorb(UnsafeRawBufferPointer(start: s, count: count))
    sponge.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: 32))
  }

  /// J(z ‖ c) = SHAKE256(z ‖ c, 8 · 32) into 32 bytes.
  @inline(__always)
  static func J(
    _ z: UnsafePointer<UInt8>, _ c: UnsafePointer<UInt8>, _ cCount: Int, into out: UnsafeMutablePointer<UInt8>
  ) {
    var xof = SHAKE256()
    xof.absorb(UnsafeRawBufferPointer(start: z, count: 32))
    xof.absorb(UnsafeRawBufferPointer(start: c, count: cCount))
    xof.squeeze(into: UnsafeMutableRawBufferPointer(start: out, count: 32))
    xof.erase()
  }

  // MARK: K-PKE (FIPS 203, Section 5)

  /// K-PKE.KeyGen (FIPS 203, Algorithm 13): ek_PKE (384k + 32 bytes) and dk_PKE (384k bytes) from d.
  /// Also leaves Â and t̂ in `expansion` (see `MLKEMPublicExpansion`) for later encryptions.
  static func pkeKeyGen(
    d: UnsafePointer<UInt8>, ek: UnsafeMutablePointer<UInt8>, dk: UnsafeMutablePointer<UInt8>,
    expansion: MLKEMPublicExpansion, scratch: inout MLKEMScratch
  ) {
    let k = P.k
    // (ρ, σ) ← G(d ‖ k)
    let rhoSigma = scratch.bytes(64)
    var kByte = UInt8(truncatingIfNeeded: k)
    G(d, 32, &kByte, 1, into: rhoSigma)
    let rho = UnsafePointer(rhoSigma)
    let sigma = UnsafePointer(rhoSigma + 32)

    let sHat = scratch.polynomials(k)
    let eHat = scratch.polynomials(k)
    let prfOutput = scratch.bytes(64 &* 3)
    var N: UInt8 = 0
    for i in 0..<k {
      Poly.sampleCBD(sHat + 256 &* i, eta: P.eta1, seed: sigma, nonce: N, buffer: prfOutput)
      N &+= 1
    }
    for i in 0..<k {
      Poly.sampleCBD(eHat + 256 &* i, eta: P.eta1, seed: sigma, nonce: N, buffer: prfOutput)
      N &+= 1
    }
    for i in 0..<k {
      Poly.ntt(sHat + 256 &* i)
      Poly.ntt(eHat + 256 &* i)
    }

    // t̂ ← Â ∘ ŝ + ê, one row of Â at a time; t̂ overwrites ê.
    let sCache = scratch.take(Int16.self, Poly.multiplyCacheCount &* k)
    for j in 0..<k { Poly.makeMultiplyCache(sCache + Poly.multiplyCacheCount &* j, sHat + 256 &* j) }
    let accumulator = scratch.take(Int32.self, 256)
    for i in 0..<k {
      accumulator.update(repeating: 0, count: 256)
      for j in 0..<k {
        let aHat = expansion.aHat(row: i, column: j, k: k)
        Poly.sampleNTT(aHat, rho: rho, row: i, column: j)
        Poly.multiplyAccumulate(accumulator, aHat, sHat + 256 &* j, sCache + Poly.multiplyCacheCount &* j)
      }
      let eHat = eHat + 256 &* i
      let tHat = expansion.tHat(i, k: k)
      for c in 0..<256 {
        // The accumulator carries R⁻¹; multiplying by R² · R⁻¹ restores the plain value.
        let product = MLKEMField.multiply(MLKEMField.montgomeryReduce(accumulator[c]), MLKEMField.rSquared)
        tHat[c] = MLKEMField.canonical(product &+ eHat[c])
      }
      Poly.byteEncode12(tHat, into: ek + 384 &* i)
    }
    // ek_PKE ← ByteEncode₁₂(t̂) ‖ ρ; dk_PKE ← ByteEncode₁₂(ŝ)
    (ek + 384 &* k).update(from: rho, count: 32)
    for i in 0..<k {
      let s = sHat + 256 &* i
      for c in 0..<256 { s[c] = MLKEMField.canonical(s[c]) }
      Poly.byteEncode12(s, into: dk + 384 &* i)
    }
  }

  /// K-PKE.Encrypt (FIPS 203, Algorithm 14): the ciphertext c of m under ek_PKE with randomness r.
  /// Lines 2-8 (decoding t̂, expanding Â from ρ) were done once, when the key was parsed, into
  /// `expansion`.
  static func pkeEncrypt(
    expansion: MLKEMPublicExpansion, m: UnsafePointer<UInt8>, r: UnsafePointer<UInt8>,
    c: UnsafeMutablePointer<UInt8>, scratch: inout MLKEMScratch
  ) {
    let k = P.k

    let y = scratch.polynomials(k)
    let e1 = scratch.polynomials(k)
    let e2 = scratch.polynomials(1)
    let prfOutput = scratch.bytes(64 &* 3)
    var N: UInt8 = 0
    for i in 0..<k {
      Poly.sampleCBD(y + 256 &* i, eta: P.eta1, seed: r, nonce: N, buffer: prfOutput)
      N &+= 1
    }
    for i in 0..<k {
      Poly.sampleCBD(e1 + 256 &* i, eta: P.eta2, seed: r, nonce: N, buffer: prfOutput)
      N &+= 1
    }
    Poly.sampleCBD(e2, eta: P.eta2, seed: r, nonce: N, buffer: prfOutput)

    // ŷ ← NTT(y)
    let yCache = scratch.take(Int16.self, Poly.multiplyCacheCount &* k)
    for i in 0..<k {
      Poly.ntt(y + 256 &* i)
      Poly.makeMultiplyCache(yCache + Poly.multiplyCacheCount &* i, y + 256 &* i)
    }

    // u ← NTT⁻¹(Âᵀ ∘ ŷ) + e₁, compressed into c₁ row by row; Âᵀ[i, j] = Â[j, i].
    let u = scratch.polynomials(1)
    let accumulator = scratch.take(Int32.self, 256)
    for i in 0..<k {
      accumulator.update(repeating: 0, count: 256)
      for j in 0..<k {
        let aHat = expansion.aHat(row: j, column: i, k: k)
        Poly.multiplyAccumulate(accumulator, aHat, y + 256 &* j, yCache + Poly.multiplyCacheCount &* j)
      }
      Poly.reduceAccumulator(accumulator, into: u)
      Poly.inverseNTT(u)
      let e = e1 + 256 &* i
      for c in 0..<256 { u[c] = u[c] &+ e[c] }
      Poly.compressAndEncode(u, bits: P.du, into: c + 32 &* P.du &* i)
    }

    // v ← NTT⁻¹(t̂ᵀ ∘ ŷ) + e₂ + μ, with μ ← Decompress₁(ByteDecode₁(m)); c₂ ← ByteEncode_dv(Compress_dv(v))
    accumulator.update(repeating: 0, count: 256)
    for j in 0..<k {
      Poly.multiplyAccumulate(accumulator, expansion.tHat(j, k: k), y + 256 &* j, yCache + Poly.multiplyCacheCount &* j)
    }
    let v = u
    Poly.reduceAccumulator(accumulator, into: v)
    Poly.inverseNTT(v)
    let mu = scratch.polynomials(1)
    Poly.decodeMessage(m, into: mu)
    for c in 0..<256 { v[c] = v[c] &+ e2[c] &+ mu[c] }
    Poly.compressAndEncode(v, bits: P.dv, into: c + 32 &* P.du &* k)
  }

  /// K-PKE.Decrypt (FIPS 203, Algorithm 15): the 32-byte message m of c under dk_PKE.
  static func pkeDecrypt(
    dk: UnsafePointer<UInt8>, c: UnsafePointer<UInt8>, m: UnsafeMutablePointer<UInt8>,
    scratch: inout MLKEMScratch
  ) {
    let k = P.k
    // u′ ← Decompress_du(ByteDecode_du(c₁)), then NTT(u′)
    let uHat = scratch.polynomials(k)
    let uCache = scratch.take(Int16.self, Poly.multiplyCacheCount &* k)
    for i in 0..<k {
      let ui = uHat + 256 &* i
      Poly.decodeAndDecompress(c + 32 &* P.du &* i, bits: P.du, into: ui)
      Poly.ntt(ui)
      Poly.makeMultiplyCache(uCache + Poly.multiplyCacheCount &* i, ui)
    }
    // v′ ← Decompress_dv(ByteDecode_dv(c₂)); ŝ ← ByteDecode₁₂(dk_PKE)
    let vPrime = scratch.polynomials(1)
    Poly.decodeAndDecompress(c + 32 &* P.du &* k, bits: P.dv, into: vPrime)
    let sHat = scratch.polynomials(1)
    let accumulator = scratch.take(Int32.self, 256)
    accumulator.update(repeating: 0, count: 256)
    for i in 0..<k {
      Poly.byteDecode12(dk + 384 &* i, into: sHat)
      Poly.multiplyAccumulate(accumulator, sHat, uHat + 256 &* i, uCache + Poly.multiplyCacheCount &* i)
    }
    // w ← v′ − NTT⁻¹(ŝᵀ ∘ NTT(u′)); m ← ByteEncode₁(Compress₁(w))
    let w = sHat
    Poly.reduceAccumulator(accumulator, into: w)
    Poly.inverseNTT(w)
    for j in 0..<256 { w[j] = vPrime[j] &- w[j] }
    Poly.encodeMessage(w, into: m)
  }

  // MARK: ML-KEM internal algorithms (FIPS 203, Section 6)

  /// ML-KEM.KeyGen_internal (FIPS 203, Algorithm 16): ek and dk = dk_PKE ‖ ek ‖ H(ek) ‖ z from d, z.
  static func keyGenInternal(
    d: UnsafePointer<UInt8>, z: UnsafePointer<UInt8>, ek: UnsafeMutablePointer<UInt8>,
    dk: UnsafeMutablePointer<UInt8>, expansion: MLKEMPublicExpansion
  ) {
    let k = P.k
    MLKEMScratch.with { scratch in
      pkeKeyGen(d: d, ek: ek, dk: dk, expansion: expansion, scratch: &scratch)
    }
    (dk + 384 &* k).update(from: ek, count: P.encapsulationKeyByteCount)
    H(ek, P.encapsulationKeyByteCount, into: dk + (768 &* k &+ 32))
    (dk + (768 &* k &+ 64)).update(from: z, count: 32)
  }

  /// ML-KEM.Encaps_internal (FIPS 203, Algorithm 17): K (32 bytes) and c from ek and m. `h` is
  /// H(ek) and `expansion` holds ek's t̂ and Â, both computed once when the key was parsed.
  static func encapsInternal(
    expansion: MLKEMPublicExpansion, h: UnsafePointer<UInt8>, m: UnsafePointer<UInt8>,
    K: UnsafeMutablePointer<UInt8>, c: UnsafeMutablePointer<UInt8>
  ) {
    MLKEMScratch.with { scratch in
      // (K, r) ← G(m ‖ H(ek)); c ← K-PKE.Encrypt(ek, m, r)
      let Kr = scratch.bytes(64)
      G(m, 32, h, 32, into: Kr)
      pkeEncrypt(expansion: expansion, m: m, r: Kr + 32, c: c, scratch: &scratch)
      K.update(from: Kr, count: 32)
    }
  }

  /// ML-KEM.Decaps_internal (FIPS 203, Algorithm 18): K (32 bytes) from dk and c, with implicit
  /// rejection: the re-encryption is compared without early exit and the key selected by mask.
  /// `expansion` holds t̂ and Â of the ek inside dk.
  static func decapsInternal(
    dk: UnsafePointer<UInt8>, expansion: MLKEMPublicExpansion, c: UnsafePointer<UInt8>,
    K: UnsafeMutablePointer<UInt8>
  ) {
    let k = P.k
    let ciphertextByteCount = P.ciphertextByteCount
    let dkPKE = dk
    let h = dk + (768 &* k &+ 32)
    let z = dk + (768 &* k &+ 64)
    MLKEMScratch.with { scratch in
      // m′ ← K-PKE.Decrypt(dk_PKE, c); (K′, r′) ← G(m′ ‖ h); K̄ ← J(z ‖ c)
      let mPrime = scratch.bytes(32)
      pkeDecrypt(dk: dkPKE, c: c, m: mPrime, scratch: &scratch)
      let KrPrime = scratch.bytes(64)
      G(mPrime, 32, h, 32, into: KrPrime)
      J(z, c, ciphertextByteCount, into: K)
      // c′ ← K-PKE.Encrypt(ek_PKE, m′, r′); if c ≠ c′ then K′ ← K̄
      let cPrime = scratch.bytes(ciphertextByteCount)
      pkeEncrypt(expansion: expansion, m: mPrime, r: KrPrime + 32, c: cPrime, scratch: &scratch)
      let equal = ConstantTime.isZero(mlkemDifference(c, cPrime, ciphertextByteCount))
      ConstantTime.select(
        equal, UnsafeMutableRawBufferPointer(start: K, count: 32), UnsafeRawBufferPointer(start: KrPrime, count: 32))
    }
  }

  /// Lines 2-8 of K-PKE.Encrypt (FIPS 203, Algorithm 14) for a checked ek: t̂ ← ByteDecode₁₂(ek[0 : 384k])
  /// and Â[i, j] ← SampleNTT(ρ ‖ j ‖ i), into a new expansion.
  static func expand(ek: UnsafePointer<UInt8>) -> MLKEMPublicExpansion {
    let k = P.k
    let expansion = MLKEMPublicExpansion(k: k)
    let rho = ek + 384 &* k
    for i in 0..<k {
      Poly.byteDecode12(ek + 384 &* i, into: expansion.tHat(i, k: k))
      for j in 0..<k { Poly.sampleNTT(expansion.aHat(row: i, column: j, k: k), rho: rho, row: i, column: j) }
    }
    return expansion
  }

  // MARK: Input checks (FIPS 203, Section 7)

  /// The modulus check of FIPS 203, Section 7.2, on an encapsulation key of the right length.
  static func encapsulationKeyIsReduced(_ ek: UnsafePointer<UInt8>) -> Bool {
    var reduced = true
    for i in 0..<P.k where !Poly.isReduced12(ek + 384 &* i) { reduced = false }
    return reduced
  }
}

/// The OR of all bytes of a ⊕ b, folded to one byte: zero exactly when a and b are equal. Reads
/// every byte; no early exit.
@inline(__always)
func mlkemDifference(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> UInt8 {
  var difference: UInt64 = 0
  let words = count &>> 3
  let rawA = UnsafeRawPointer(a)
  let rawB = UnsafeRawPointer(b)
  for w in 0..<words {
    difference |=
      rawA.loadUnaligned(fromByteOffset: w &<< 3, as: UInt64.self)
      ^ rawB.loadUnaligned(fromByteOffset: w &<< 3, as: UInt64.self)
  }
  for i in (words &<< 3)..<count { difference |= UInt64(a[i] ^ b[i]) }
  difference |= difference &>> 32
  difference |= difference &>> 16
  difference |= difference &>> 8
  return UInt8(truncatingIfNeeded: difference)
}
