import QRXPrimitives

// The internal algorithms of ML-DSA (FIPS 204, Section 6): key generation, signing and verifying,
// generic over the parameter set and specialized per set by the callers. Keys are expanded once,
// when they are made or imported: the public key keeps Â and NTT(t1·2^d), the private key keeps
// ŝ1, ŝ2 and t̂0 (in zeroed-on-release storage), so signing and verifying start at the loop.

/// A public key, decoded and expanded for verification.
struct MLDSAPublicKeyMaterial<P: MLDSAParameterSet>: Sendable {
  /// pkEncode(ρ, t1).
  let encoded: [UInt8]
  /// tr = H(pk, 64).
  let tr: [UInt8]
  /// Â = ExpandA(ρ): k·l polynomials, row-major.
  let aHat: [Int32]
  /// NTT(t1·2^d): k polynomials. Nil for the public key of a private key, which is rarely used to
  /// verify: key generation then does not pay for it, and verification computes it each time.
  let t1Hat: [Int32]?

  /// NTT(t1·2^d), stored or computed from the encoding.
  var t1HatForVerification: [Int32] {
    if let t1Hat { return t1Hat }
    var t1 = [Int32](repeating: 0, count: P.k &* 256)
    t1.withUnsafeMutableBufferPointer { out in
      encoded.withUnsafeBytes { MLDSAEncoding.decodePublicKeyT1(P.self, pk: $0, into: out.baseAddress!) }
    }
    return t1.withUnsafeBufferPointer { MLDSACore<P>.t1Hat($0.baseAddress!) }
  }
}

/// A private key, decoded and expanded for signing.
struct MLDSAPrivateKeyMaterial<P: MLDSAParameterSet>: Sendable {
  /// ξ, when the key was generated from it.
  let seed: SecretBytes?
  /// skEncode(ρ, K, tr, s1, s2, t0).
  let encoded: SecretBytes
  /// ŝ1 (l polynomials), ŝ2 (k), t̂0 (k), as Int32, in the NTT domain.
  let nttVectors: SecretBytes
  /// The matching public key.
  let publicKey: MLDSAPublicKeyMaterial<P>
}

/// Why a key could not be decoded.
enum MLDSAKeyFailure: Error {
  case privateKeyOutOfRange
  case inconsistentPrivateKey
}

enum MLDSACore<P: MLDSAParameterSet> {
  typealias Layout = MLDSAEncoding.PrivateKeyLayout<P>

  /// Int32 count of k polynomials, and of l.
  static var kPolys: Int { P.k &* 256 }
  static var lPolys: Int { P.l &* 256 }

  /// Â = ExpandA(ρ) as an array.
  static func expandA(rho: UnsafeRawBufferPointer) -> [Int32] {
    [Int32](unsafeUninitializedCapacity: P.k &* P.l &* 256) { buffer, count in
      MLDSASampling.expandA(P.self, rho: rho, into: buffer.baseAddress!)
      count = P.k &* P.l &* 256
    }
  }

  /// NTT(t1·2^d) for the k polynomials of t1.
  static func t1Hat(_ t1: UnsafePointer<Int32>) -> [Int32] {
    [Int32](unsafeUninitializedCapacity: kPolys) { buffer, count in
      let out = buffer.baseAddress!
      for i in 0..<kPolys { out[i] = t1[i] &<< Int32(mldsaD) }
      for i in 0..<P.k {
        mldsaNTT(out + i &* 256)
        MLDSAPoly.reduce(out + i &* 256)
      }
      count = kPolys
    }
  }

  /// pkDecode (FIPS 204, Algorithm 23) of a public key of the right length, expanded.
  static func decodePublicKey(_ pk: UnsafeRawBufferPointer) -> MLDSAPublicKeyMaterial<P> {
    precondition(pk.count == P.publicKeyByteCount)
    var t1 = [Int32](repeating: 0, count: kPolys)
    t1.withUnsafeMutableBufferPointer { MLDSAEncoding.decodePublicKeyT1(P.self, pk: pk, into: $0.baseAddress!) }
    let rho = UnsafeRawBufferPointer(rebasing: pk[0..<32])
    return MLDSAPublicKeyMaterial(
      encoded: Array(pk), tr: SHAKE256.hash(pk, outputLength: 64), aHat: expandA(rho: rho),
      t1Hat: t1.withUnsafeBufferPointer { t1Hat($0.baseAddress!) })
  }

  /// ML-DSA.KeyGen_internal(ξ) (FIPS 204, Algorithm 6).
  static func generateKey(seed xi: SecretBytes) -> MLDSAPrivateKeyMaterial<P> {
    precondition(xi.count == 32)
    // (ρ, ρ', K) = H(ξ ‖ IntegerToBytes(k, 1) ‖ IntegerToBytes(l, 1), 128).
    var h = SHAKE256()
    xi.withUnsafeBytes { h.absorb($0) }
    h.absorb([UInt8(P.k), UInt8(P.l)])
    var expanded = [UInt8](repeating: 0, count: 128)
    expanded.withUnsafeMutableBytes { h.squeeze(into: $0) }
    h.erase()
    var s = [UInt8](repeating: 0, count: (P.l &+ P.k) &* 1024)
    defer {
      SecretBytes.wipe(&expanded)
      SecretBytes.wipe(&s)
    }
    return expanded.withUnsafeBytes { seeds in
      s.withUnsafeMutableBytes { sBytes in
        sBytes.withMemoryRebound(to: Int32.self) { sVector in
          MLDSASampling.expandS(
            P.self, rhoPrime: UnsafeRawBufferPointer(rebasing: seeds[32..<96]), into: sVector.baseAddress!)
          // The checks cannot fail for a key derived here.
          return try! finishKey(
            rho: UnsafeRawBufferPointer(rebasing: seeds[0..<32]),
            key: UnsafeRawBufferPointer(rebasing: seeds[96..<128]), s: sVector.baseAddress!, seed: xi,
            imported: nil)
        }
      }
    }
  }

  /// skDecode (FIPS 204, Algorithm 25) of a private key of the right length, with the checks that
  /// make it safe to sign with: s1 and s2 within [−η, η], and t0 and tr those that ρ, s1 and s2 give.
  static func decodePrivateKey(_ sk: UnsafeRawBufferPointer) throws -> MLDSAPrivateKeyMaterial<P> {
    precondition(sk.count == P.privateKeyByteCount)
    var s = [UInt8](repeating: 0, count: (P.l &+ P.k) &* 1024)
    var t0 = [UInt8](repeating: 0, count: P.k &* 1024)
    defer {
      SecretBytes.wipe(&s)
      SecretBytes.wipe(&t0)
    }
    let inRange = s.withUnsafeMutableBytes { sBytes in
      t0.withUnsafeMutableBytes { t0Bytes in
        sBytes.withMemoryRebound(to: Int32.self) { sVector in
          t0Bytes.withMemoryRebound(to: Int32.self) { t0Vector in
            MLDSAEncoding.decodePrivateKeyVectors(
              P.self, sk: sk, s: sVector.baseAddress!, t0: t0Vector.baseAddress!)
          }
        }
      }
    }
    guard inRange else { throw MLDSAKeyFailure.privateKeyOutOfRange }
    return try s.withUnsafeMutableBytes { sBytes in
      try t0.withUnsafeBytes { t0Bytes in
        try sBytes.withMemoryRebound(to: Int32.self) { sVector in
          try finishKey(
            rho: UnsafeRawBufferPointer(rebasing: sk[Layout.rho..<(Layout.rho &+ 32)]),
            key: UnsafeRawBufferPointer(rebasing: sk[Layout.key..<(Layout.key &+ 32)]),
            s: sVector.baseAddress!, seed: nil, imported: (sk, t0Bytes))
        }
      }
    }
  }

  /// The rest of KeyGen_internal (FIPS 204, Algorithm 6, from line 5) given ρ, K and s1 ‖ s2:
  /// t = NTT^-1(Â ∘ NTT(s1)) + s2, (t1, t0) = Power2Round(t), pk, tr, sk; and the NTT forms kept
  /// for signing. For an imported key, t0 and tr must match the ones it carries.
  private static func finishKey(
    rho: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, s: UnsafeMutablePointer<Int32>, seed: SecretBytes?,
    imported: (sk: UnsafeRawBufferPointer, t0: UnsafeRawBufferPointer)?
  ) throws -> MLDSAPrivateKeyMaterial<P> {
    let aHat = expandA(rho: rho)
    var t = [UInt8](repeating: 0, count: P.k &* 1024 &* 2)  // t, then t0
    var t1 = [Int32](repeating: 0, count: kPolys)
    var pk = [UInt8](repeating: 0, count: P.publicKeyByteCount)
    var tr = [UInt8]()
    defer { SecretBytes.wipe(&t) }
    var consistent = true
    // The initializer must not throw (SecretBytes would release its storage twice): the
    // consistency verdict is carried out of it and acted on afterwards.
    let nttVectors = SecretBytes(count: (P.l &+ 2 &* P.k) &* 1024) { storage in
      storage.withMemoryRebound(to: Int32.self) { ntt in
        let sHat = ntt.baseAddress!
        let t0Hat = sHat + (P.l &+ P.k) &* 256
        // ŝ1 ‖ ŝ2 = NTT(s1) ‖ NTT(s2).
        sHat.update(from: s, count: (P.l &+ P.k) &* 256)
        for i in 0..<(P.l &+ P.k) {
          mldsaNTT(sHat + i &* 256)
          MLDSAPoly.reduce(sHat + i &* 256)
        }
        t.withUnsafeMutableBytes { tBytes in
          tBytes.withMemoryRebound(to: Int32.self) { tBuffer in
            let tVector = tBuffer.baseAddress!
            let t0 = tVector + kPolys
            aHat.withUnsafeBufferPointer { a in
              for i in 0..<P.k {
                let ti = tVector + i &* 256
                MLDSAPoly.multiplyAccumulate(ti, row: a.baseAddress! + i &* P.l &* 256, vector: sHat, count: P.l)
                mldsaInverseNTT(ti)
                for j in 0..<256 { ti[j] = mldsaFreeze(ti[j] &+ s[lPolys &+ i &* 256 &+ j]) }
              }
            }
            t1.withUnsafeMutableBufferPointer { t1Buffer in
              for i in 0..<kPolys {
                let (high, low) = MLDSARounding.power2Round(tVector[i])
                t1Buffer[i] = high
                t0[i] = low
              }
              pk.withUnsafeMutableBytes {
                MLDSAEncoding.encodePublicKey(P.self, rho: rho, t1: t1Buffer.baseAddress!, into: $0)
              }
            }
            tr = SHAKE256.hash(pk, outputLength: 64)
            if let imported {
              // Constant-time comparisons: t0 is secret.
              let t0Matches = ConstantTime.equals(
                UnsafeRawBufferPointer(start: UnsafeRawPointer(t0), count: kPolys &* 4), imported.t0)
              let trMatches = tr.withUnsafeBytes {
                ConstantTime.equals($0, UnsafeRawBufferPointer(rebasing: imported.sk[Layout.tr..<(Layout.tr &+ 64)]))
              }
              consistent = t0Matches && trMatches
            }
            t0Hat.update(from: t0, count: kPolys)
            for i in 0..<P.k {
              mldsaNTT(t0Hat + i &* 256)
              MLDSAPoly.reduce(t0Hat + i &* 256)
            }
          }
        }
      }
    }
    guard consistent else { throw MLDSAKeyFailure.inconsistentPrivateKey }
    let encoded: SecretBytes
    if let imported {
      encoded = SecretBytes(imported.sk)
    } else {
      encoded = SecretBytes(count: P.privateKeyByteCount) { sk in
        t.withUnsafeBytes { tBytes in
          tBytes.withMemoryRebound(to: Int32.self) { tVector in
            tr.withUnsafeBytes { trBytes in
              MLDSAEncoding.encodePrivateKey(
                P.self, rho: rho, key: key, tr: trBytes, s: s, t0: tVector.baseAddress! + kPolys, into: sk)
            }
          }
        }
      }
    }
    let publicKey = MLDSAPublicKeyMaterial<P>(encoded: pk, tr: tr, aHat: aHat, t1Hat: nil)
    return MLDSAPrivateKeyMaterial(seed: seed, encoded: encoded, nttVectors: nttVectors, publicKey: publicKey)
  }

  /// μ = H(tr ‖ prefix ‖ message, 64): the message representative of ML-DSA.Sign_internal (FIPS 204,
  /// Algorithm 7, line 6), with M' = prefix ‖ message as Algorithm 2 or 4 format it.
  static func mu(tr: [UInt8], prefix: [UInt8], message: UnsafeRawBufferPointer) -> [UInt8] {
    var h = SHAKE256()
    h.absorb(tr)
    h.absorb(prefix)
    h.absorb(message)
    return h.squeeze(count: 64)
  }

  /// Bytes of the signing workspace: Int32 vectors y, ŷ, z, w, w1, r, ct0, h, ĉ, then byte buffers.
  static var signWorkspaceByteCount: Int { ((3 &* P.l &+ 5 &* P.k &+ 1) &* 256) &* 4 &+ 2048 }

  /// ML-DSA.Sign_internal(sk, M', rnd) (FIPS 204, Algorithm 7) from μ: the signature σ.
  /// The loop is the standard's rejection loop and allocates nothing.
  static func sign(
    _ key: MLDSAPrivateKeyMaterial<P>, mu: UnsafeRawBufferPointer, rnd: UnsafeRawBufferPointer
  ) -> [UInt8] {
    precondition(mu.count == 64 && rnd.count == 32)
    var workspace = [UInt8](repeating: 0, count: signWorkspaceByteCount)
    defer { SecretBytes.wipe(&workspace) }
    var sigma = [UInt8](repeating: 0, count: P.signatureByteCount)
    key.encoded.withUnsafeBytes { sk in
      key.nttVectors.withUnsafeBytes { nttBytes in
        key.publicKey.aHat.withUnsafeBufferPointer { aBuffer in
          workspace.withUnsafeMutableBytes { raw in
            nttBytes.withMemoryRebound(to: Int32.self) { ntt in
              let int32Count = (3 &* P.l &+ 5 &* P.k &+ 1) &* 256
              let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[(int32Count &* 4)...])
              UnsafeMutableRawBufferPointer(rebasing: raw[0..<(int32Count &* 4)]).withMemoryRebound(to: Int32.self) {
                words in
                sigma.withUnsafeMutableBytes { out in
                  signLoop(
                    sk: sk, sHat: ntt.baseAddress!, aHat: aBuffer.baseAddress!, mu: mu, rnd: rnd,
                    words: words.baseAddress!, bytes: bytes, sigma: out)
                }
              }
            }
          }
        }
      }
    }
    return sigma
  }

  /// The body of ML-DSA.Sign_internal (FIPS 204, Algorithm 7, lines 7 to 33) over fixed workspaces.
  @inline(__always)
  private static func signLoop(
    sk: UnsafeRawBufferPointer, sHat: UnsafePointer<Int32>, aHat: UnsafePointer<Int32>, mu: UnsafeRawBufferPointer,
    rnd: UnsafeRawBufferPointer, words: UnsafeMutablePointer<Int32>, bytes: UnsafeMutableRawBufferPointer,
    sigma: UnsafeMutableRawBufferPointer
  ) {
    let s1Hat = sHat
    let s2Hat = sHat + lPolys
    let t0Hat = sHat + (lPolys &+ kPolys)
    let y = words
    let yHat = y + lPolys
    let z = yHat + lPolys
    let w = z + lPolys
    let w1 = w + kPolys
    let r = w1 + kPolys
    let ct0 = r + kPolys
    let h = ct0 + kPolys
    let cHat = h + kPolys
    let rhoDoublePrime = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<64])
    let challenge = UnsafeMutableRawBufferPointer(rebasing: bytes[64..<(64 &+ P.challengeByteCount)])
    let maskScratch = UnsafeMutableRawBufferPointer(rebasing: bytes[128..<(128 &+ 640)])
    let w1Encoded = UnsafeMutableRawBufferPointer(rebasing: bytes[768..<(768 &+ P.k &* 32 &* P.w1Bits)])

    // ρ'' = H(K ‖ rnd ‖ μ, 64).
    var hash = SHAKE256()
    hash.absorb(UnsafeRawBufferPointer(rebasing: sk[Layout.key..<(Layout.key &+ 32)]))
    hash.absorb(rnd)
    hash.absorb(mu)
    hash.squeeze(into: rhoDoublePrime)
    hash.erase()

    let gamma1MinusBeta = P.gamma1 &- P.beta
    let gamma2MinusBeta = P.gamma2 &- P.beta
    var kappa = 0
    while true {
      // y = ExpandMask(ρ'', κ); w = NTT^-1(Â ∘ NTT(y)); w1 = HighBits(w).
      MLDSASampling.expandMask(
        P.self, rhoDoublePrime: UnsafeRawBufferPointer(rhoDoublePrime), kappa: kappa, into: y, scratch: maskScratch)
      kappa &+= P.l
      yHat.update(from: y, count: lPolys)
      for j in 0..<P.l { mldsaNTT(yHat + j &* 256) }
      for i in 0..<P.k {
        let wi = w + i &* 256
        MLDSAPoly.multiplyAccumulate(wi, row: aHat + i &* P.l &* 256, vector: yHat, count: P.l)
        mldsaInverseNTT(wi)
        for n in 0..<256 {
          let value = mldsaFreeze(wi[n])
          wi[n] = value
          w1[i &* 256 &+ n] = MLDSARounding.highBits(P.self, value)
        }
      }
      // c̃ = H(μ ‖ w1Encode(w1), λ/4); c = SampleInBall(c̃); ĉ = NTT(c).
      MLDSAEncoding.encodeW1(P.self, w1, into: w1Encoded.baseAddress!)
      var challengeHash = SHAKE256()
      challengeHash.absorb(mu)
      challengeHash.absorb(UnsafeRawBufferPointer(w1Encoded))
      challengeHash.squeeze(into: challenge)
      MLDSASampling.sampleInBall(P.self, rho: UnsafeRawBufferPointer(challenge), into: cHat, secretIndices: true)
      mldsaNTT(cHat)
      MLDSAPoly.reduce(cHat)

      // z = y + NTT^-1(ĉ ∘ ŝ1), centered.
      for j in 0..<P.l {
        let zj = z + j &* 256
        MLDSAPoly.multiply(zj, cHat, s1Hat + j &* 256)
        mldsaInverseNTT(zj)
        for n in 0..<256 { zj[n] = mldsaReduce32(zj[n] &+ y[j &* 256 &+ n]) }
      }
      if MLDSAPoly.infinityNorm(z, count: lPolys) >= gamma1MinusBeta { continue }

      // r = w − NTT^-1(ĉ ∘ ŝ2) in [0, q); r0 = LowBits(r).
      var lowNorm: Int32 = 0
      for i in 0..<P.k {
        let ri = r + i &* 256
        MLDSAPoly.multiply(ri, cHat, s2Hat + i &* 256)
        mldsaInverseNTT(ri)
        for n in 0..<256 { ri[n] = mldsaFreeze(w[i &* 256 &+ n] &- ri[n]) }
        for n in 0..<256 {
          let r0 = mldsaAbs(MLDSARounding.decompose(P.self, ri[n]).r0)
          let mask = (lowNorm &- r0) &>> 31
          lowNorm = (lowNorm & ~mask) | (r0 & mask)
        }
      }
      if lowNorm >= gamma2MinusBeta { continue }

      // ct0 = NTT^-1(ĉ ∘ t̂0), centered.
      for i in 0..<P.k {
        let ct0i = ct0 + i &* 256
        MLDSAPoly.multiply(ct0i, cHat, t0Hat + i &* 256)
        mldsaInverseNTT(ct0i)
        MLDSAPoly.reduce(ct0i)
      }
      if MLDSAPoly.infinityNorm(ct0, count: kPolys) >= P.gamma2 { continue }

      // h = MakeHint(−ct0, w − cs2 + ct0) (FIPS 204, Algorithm 39): HighBits(r + ct0) ≠ HighBits(r).
      var ones: Int32 = 0
      for n in 0..<kPolys {
        let before = MLDSARounding.highBits(P.self, r[n])
        let after = MLDSARounding.highBits(P.self, mldsaFreeze(r[n] &+ ct0[n]))
        let difference = before ^ after
        let bit = Int32(bitPattern: UInt32(bitPattern: difference | (0 &- difference)) &>> 31)
        h[n] = bit
        ones &+= bit
      }
      if ones > Int32(P.omega) { continue }

      MLDSAEncoding.encodeSignature(
        P.self, challenge: UnsafeRawBufferPointer(challenge), z: z, h: h, into: sigma)
      return
    }
  }

  /// ML-DSA.Verify_internal(pk, M', σ) (FIPS 204, Algorithm 8) from μ.
  static func verify(
    _ key: MLDSAPublicKeyMaterial<P>, mu: UnsafeRawBufferPointer, signature: UnsafeRawBufferPointer
  )
    -> Bool
  {
    guard signature.count == P.signatureByteCount, mu.count == 64 else { return false }
    // z, ẑ, h, w', w1' (k·256 each at most), ĉ.
    let int32Count = (2 &* P.l &+ 3 &* P.k &+ 1) &* 256
    var words = [Int32](repeating: 0, count: int32Count)
    var w1Encoded = [UInt8](repeating: 0, count: P.k &* 32 &* P.w1Bits)
    return words.withUnsafeMutableBufferPointer { buffer in
      let z = buffer.baseAddress!
      let zHat = z + lPolys
      let h = zHat + lPolys
      let w = h + kPolys
      let w1 = w + kPolys
      let cHat = w1 + kPolys
      guard MLDSAEncoding.decodeSignature(P.self, signature, z: z, h: h) else { return false }
      if MLDSAPoly.infinityNorm(z, count: lPolys) >= P.gamma1 &- P.beta { return false }
      let challenge = UnsafeRawBufferPointer(rebasing: signature[0..<P.challengeByteCount])
      MLDSASampling.sampleInBall(P.self, rho: challenge, into: cHat, secretIndices: false)
      mldsaNTT(cHat)
      MLDSAPoly.reduce(cHat)
      zHat.update(from: z, count: lPolys)
      for j in 0..<P.l {
        mldsaNTT(zHat + j &* 256)
        MLDSAPoly.reduce(zHat + j &* 256)
      }
      // w'_approx = NTT^-1(Â ∘ ẑ − ĉ ∘ NTT(t1·2^d)); w1' = UseHint(h, w'_approx).
      key.aHat.withUnsafeBufferPointer { aBuffer in
        key.t1HatForVerification.withUnsafeBufferPointer { tBuffer in
          let aHat = aBuffer.baseAddress!
          let t1Hat = tBuffer.baseAddress!
          for i in 0..<P.k {
            let wi = w + i &* 256
            let row = aHat + i &* P.l &* 256
            let t1i = t1Hat + i &* 256
            for n in 0..<256 {
              var sum = -(Int64(cHat[n]) &* Int64(t1i[n]))
              for j in 0..<P.l { sum &+= Int64(row[j &* 256 &+ n]) &* Int64(zHat[j &* 256 &+ n]) }
              wi[n] = mldsaReduce32(mldsaMontgomeryReduce(sum))
            }
            mldsaInverseNTT(wi)
            for n in 0..<256 {
              w1[i &* 256 &+ n] = MLDSARounding.useHint(P.self, h[i &* 256 &+ n], mldsaFreeze(wi[n]))
            }
          }
        }
      }
      // c̃' = H(μ ‖ w1Encode(w1'), λ/4); valid iff c̃' = c̃.
      return w1Encoded.withUnsafeMutableBytes { encoded in
        MLDSAEncoding.encodeW1(P.self, w1, into: encoded.baseAddress!)
        var hash = SHAKE256()
        hash.absorb(mu)
        hash.absorb(UnsafeRawBufferPointer(encoded))
        let recomputed = hash.squeeze(count: P.challengeByteCount)
        return recomputed.withUnsafeBytes { ConstantTime.equals($0, challenge) }
      }
    }
  }
}
