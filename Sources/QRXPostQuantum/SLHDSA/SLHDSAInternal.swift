import QRXPrimitives

// WOTS+, XMSS, the hypertree, FORS and the internal SLH-DSA functions (FIPS 205, Sections 5 to 9).
//
// One generic engine serves all twelve parameter sets; it is specialized for each hash family.
// Buffers are raw pointers into fixed-size storage owned by the caller or taken from the stack.
// Indices into trees come from the message digest, which is public; secrets (SK.seed, SK.prf) only
// ever enter the hash functions, and libcrypto's SHA-2 and the Keccak permutation are constant time.

/// The SLH-DSA algorithms over one key and one instantiation of the hash functions.
@usableFromInline
struct SLHDSAEngine<Hash: SLHDSATweakableHash> {
  @usableFromInline let p: SLHDSAParameters
  @usableFromInline var hash: Hash

  @usableFromInline
  init(_ p: SLHDSAParameters, pkSeed: UnsafeRawPointer, skSeed: UnsafeRawPointer?) {
    self.p = p
    hash = Hash(parameters: p, pkSeed: pkSeed, skSeed: skSeed)
  }

  // MARK: WOTS+ (FIPS 205, Section 5)

  /// The len base-w digits of M and its checksum (FIPS 205, Algorithm 7 lines 1 to 9, and
  /// Algorithm 8 lines 1 to 9), written to `msg`.
  @inline(__always)
  func wotsDigits(_ m: UnsafeRawPointer, _ msg: UnsafeMutablePointer<UInt8>) {
    let len1 = p.len1
    var csum = 0
    // base_2b(M, lg_w, len1) (FIPS 205, Algorithm 4) with lg_w = 4: two nibbles a byte, high first.
    for i in 0..<(p.n) {
      let byte = m.load(fromByteOffset: i, as: UInt8.self)
      msg[2 &* i] = byte &>> 4
      msg[2 &* i &+ 1] = byte & 0x0F
    }
    for i in 0..<len1 { csum &+= 15 &- Int(msg[i]) }
    // csum ≪ ((8 − ((len2 · lg_w) mod 8)) mod 8) = csum ≪ 4, then base_2b(toByte(csum, 2), 4, 3).
    csum &<<= 4
    msg[len1] = UInt8(truncatingIfNeeded: (csum &>> 12) & 0x0F)
    msg[len1 &+ 1] = UInt8(truncatingIfNeeded: (csum &>> 8) & 0x0F)
    msg[len1 &+ 2] = UInt8(truncatingIfNeeded: (csum &>> 4) & 0x0F)
  }

  /// wots_pkGen (FIPS 205, Algorithm 6). `adrs` is a WOTS_HASH address with its key pair set.
  /// With `signature`, also wots_sign (Algorithm 7) of the message whose base-w digits (with
  /// checksum) are `digits`: chain i stops at step msg[i] on its way to w − 1 and is recorded there,
  /// which gives the same values as Algorithm 7 without hashing the chains twice.
  @usableFromInline
  mutating func wotsPKGen(
    _ adrs: SLHDSAAddress, _ pk: UnsafeMutableRawPointer,
    signature: (digits: UnsafePointer<UInt8>, sig: UnsafeMutableRawPointer)? = nil
  ) {
    let n = p.n
    let len = p.len
    var skADRS = adrs
    skADRS.setTypeAndClear(.wotsPRF)
    skADRS.setKeyPairAddress(adrs.keyPairAddress)
    var chainADRS = adrs
    withUnsafeTemporaryAllocation(byteCount: 67 * 32, alignment: 8) { buffer in
      let tmp = buffer.baseAddress!
      for i in 0..<len {
        skADRS.setChainAddress(UInt32(truncatingIfNeeded: i))
        let node = tmp + i &* n
        hash.prf(skADRS, node)
        chainADRS.setChainAddress(UInt32(truncatingIfNeeded: i))
        if let signature {
          let digit = Int(signature.digits[i])
          let element = signature.sig + i &* n
          hash.chain(node, start: 0, steps: digit, chainADRS, element)
          hash.chain(element, start: digit, steps: 15 &- digit, chainADRS, node)
        } else {
          hash.chain(node, start: 0, steps: 15, chainADRS, node)
        }
      }
      var wotspkADRS = adrs
      wotspkADRS.setTypeAndClear(.wotsPK)
      wotspkADRS.setKeyPairAddress(adrs.keyPairAddress)
      hash.t(wotspkADRS, tmp, count: len &* n, pk)
    }
  }

  /// wots_pkFromSig (FIPS 205, Algorithm 8).
  @usableFromInline
  mutating func wotsPKFromSig(
    _ sig: UnsafeRawPointer, _ m: UnsafeRawPointer, _ adrs: SLHDSAAddress, _ pk: UnsafeMutableRawPointer
  ) {
    let n = p.n
    let len = p.len
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 67) { digits in
      let msg = digits.baseAddress!
      wotsDigits(m, msg)
      withUnsafeTemporaryAllocation(byteCount: 67 * 32, alignment: 8) { buffer in
        let tmp = buffer.baseAddress!
        var chainADRS = adrs
        for i in 0..<len {
          chainADRS.setChainAddress(UInt32(truncatingIfNeeded: i))
          let digit = Int(msg[i])
          hash.chain(sig + i &* n, start: digit, steps: 15 &- digit, chainADRS, tmp + i &* n)
        }
        var wotspkADRS = adrs
        wotspkADRS.setTypeAndClear(.wotsPK)
        wotspkADRS.setKeyPairAddress(adrs.keyPairAddress)
        hash.t(wotspkADRS, tmp, count: len &* n, pk)
      }
    }
  }

  // MARK: Merkle trees (FIPS 205, Algorithms 9, 10, 15, 16)

  /// Which leaves a tree has.
  @usableFromInline
  enum Leaves {
    /// XMSS: leaf i is wots_pkGen with key pair address i (FIPS 205, Algorithm 9 lines 1 to 3).
    case wots
    /// FORS: leaf i is F(fors_skGen(i)) (FIPS 205, Algorithm 15 lines 1 to 4).
    case fors
  }

  /// The root of a tree of height `height` and, when `auth` is given, the authentication path of
  /// leaf `target`. Computes every node once, left to right with a stack: the same values as the
  /// recursive xmss_node (FIPS 205, Algorithm 9) or fors_node (Algorithm 15) called for each AUTH[j]
  /// (Algorithms 10 and 16), at 2^height leaves and 2^height − 1 calls of H.
  /// `adrs` carries the layer, tree and (for FORS) key pair; `offset` is the index of the first
  /// leaf (FORS tree i starts at i · 2^a). With `wotsSignature`, leaf `target`'s WOTS+ key also
  /// signs the given digits (see `wotsPKGen`).
  @usableFromInline
  mutating func treeRoot(
    _ leaves: Leaves, height: Int, target: UInt32, offset: UInt32, _ adrs: SLHDSAAddress,
    auth: UnsafeMutableRawPointer?, root: UnsafeMutableRawPointer,
    wotsSignature: (digits: UnsafePointer<UInt8>, sig: UnsafeMutableRawPointer)? = nil
  ) {
    let n = p.n
    var nodeADRS = adrs
    var leafADRS = adrs
    switch leaves {
    case .wots:
      nodeADRS.setTypeAndClear(.tree)
      leafADRS.setTypeAndClear(.wotsHash)
    case .fors:
      break
    }
    withUnsafeTemporaryAllocation(byteCount: 16 * 32, alignment: 8) { stackBuffer in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { heightBuffer in
        let stack = stackBuffer.baseAddress!
        let heights = heightBuffer.baseAddress!
        var top = 0
        for i in 0..<(UInt32(1) &<< UInt32(height)) {
          let slot = stack + top &* n
          switch leaves {
          case .wots:
            leafADRS.setKeyPairAddress(i)
            wotsPKGen(leafADRS, slot, signature: i == target ? wotsSignature : nil)
          case .fors:
            forsLeaf(offset &+ i, adrs, slot)
          }
          if let auth, i == target ^ 1 { auth.copyMemory(from: slot, byteCount: n) }
          heights[top] = 0
          top &+= 1
          var index = i
          while top >= 2 && heights[top &- 1] == heights[top &- 2] {
            let z = heights[top &- 1] &+ 1
            index &>>= 1
            nodeADRS.setTreeHeight(UInt32(truncatingIfNeeded: z))
            nodeADRS.setTreeIndex((offset &>> UInt32(z)) &+ index)
            let left = stack + (top &- 2) &* n
            hash.h(nodeADRS, left, left + n, left)
            top &-= 1
            heights[top &- 1] = z
            if let auth, z < height, index == (target &>> UInt32(z)) ^ 1 {
              (auth + z &* n).copyMemory(from: left, byteCount: n)
            }
          }
        }
        root.copyMemory(from: stack, byteCount: n)
      }
    }
  }

  /// The FORS leaf with index `i`: F(PK.seed, ADRS, fors_skGen(SK.seed, PK.seed, ADRS, i))
  /// (FIPS 205, Algorithm 15 lines 1 to 4, with Algorithm 14).
  @inline(__always)
  mutating func forsLeaf(_ i: UInt32, _ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer) {
    forsSKGen(i, adrs, out)
    var leafADRS = adrs
    leafADRS.setTreeHeight(0)
    leafADRS.setTreeIndex(i)
    hash.f(leafADRS, out, out)
  }

  /// fors_skGen (FIPS 205, Algorithm 14).
  @inline(__always)
  mutating func forsSKGen(_ idx: UInt32, _ adrs: SLHDSAAddress, _ out: UnsafeMutableRawPointer) {
    var skADRS = adrs
    skADRS.setTypeAndClear(.forsPRF)
    skADRS.setKeyPairAddress(adrs.keyPairAddress)
    skADRS.setTreeIndex(idx)
    hash.prf(skADRS, out)
  }

  // MARK: XMSS (FIPS 205, Section 6)

  /// xmss_sign (FIPS 205, Algorithm 10), which also returns the tree's root (the value
  /// xmss_pkFromSig would recompute in ht_sign, Algorithm 12). `m` may alias `root`.
  @usableFromInline
  mutating func xmssSign(
    _ m: UnsafeRawPointer, _ idx: UInt32, _ adrs: SLHDSAAddress, _ sig: UnsafeMutableRawPointer,
    root: UnsafeMutableRawPointer
  ) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 67) { digitBuffer in
      let digits = digitBuffer.baseAddress!
      wotsDigits(m, digits)
      treeRoot(
        .wots, height: p.hPrime, target: idx, offset: 0, adrs, auth: sig + p.len &* p.n, root: root,
        wotsSignature: (UnsafePointer(digits), sig))
    }
  }

  /// xmss_pkFromSig (FIPS 205, Algorithm 11). `m` may alias `root`.
  @usableFromInline
  mutating func xmssPKFromSig(
    _ idx: UInt32, _ sig: UnsafeRawPointer, _ m: UnsafeRawPointer, _ adrs: SLHDSAAddress,
    _ root: UnsafeMutableRawPointer
  ) {
    let n = p.n
    var adrs = adrs
    adrs.setTypeAndClear(.wotsHash)
    adrs.setKeyPairAddress(idx)
    wotsPKFromSig(sig, m, adrs, root)
    adrs.setTypeAndClear(.tree)
    adrs.setTreeIndex(idx)
    let auth = sig + p.len &* n
    for k in 0..<p.hPrime {
      adrs.setTreeHeight(UInt32(truncatingIfNeeded: k &+ 1))
      if (idx &>> UInt32(k)) & 1 == 0 {
        adrs.setTreeIndex(adrs.treeIndex &>> 1)
        hash.h(adrs, root, auth + k &* n, root)
      } else {
        adrs.setTreeIndex((adrs.treeIndex &- 1) &>> 1)
        hash.h(adrs, auth + k &* n, root, root)
      }
    }
  }

  // MARK: Hypertree (FIPS 205, Section 7)

  /// ht_sign (FIPS 205, Algorithm 12).
  @usableFromInline
  mutating func htSign(
    _ m: UnsafeRawPointer, _ idxTree: UInt64, _ idxLeaf: UInt32, _ sig: UnsafeMutableRawPointer
  ) {
    let n = p.n
    let xmssBytes = p.xmssSignatureByteCount
    withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { rootBuffer in
      let root = rootBuffer.baseAddress!
      root.copyMemory(from: m, byteCount: n)
      var adrs = SLHDSAAddress()
      var idxTree = idxTree
      var idxLeaf = idxLeaf
      let leafMask = (UInt64(1) &<< UInt64(p.hPrime)) &- 1
      for j in 0..<p.d {
        if j > 0 {
          idxLeaf = UInt32(truncatingIfNeeded: idxTree & leafMask)
          idxTree &>>= UInt64(p.hPrime)
        }
        adrs.setLayerAddress(j)
        adrs.setTreeAddress(idxTree)
        xmssSign(root, idxLeaf, adrs, sig + j &* xmssBytes, root: root)
      }
    }
  }

  /// ht_verify (FIPS 205, Algorithm 13).
  @usableFromInline
  mutating func htVerify(
    _ m: UnsafeRawPointer, _ sig: UnsafeRawPointer, _ idxTree: UInt64, _ idxLeaf: UInt32,
    _ pkRoot: UnsafeRawPointer
  ) -> Bool {
    let n = p.n
    let xmssBytes = p.xmssSignatureByteCount
    return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { nodeBuffer in
      let node = nodeBuffer.baseAddress!
      node.copyMemory(from: m, byteCount: n)
      var adrs = SLHDSAAddress()
      var idxTree = idxTree
      var idxLeaf = idxLeaf
      let leafMask = (UInt64(1) &<< UInt64(p.hPrime)) &- 1
      for j in 0..<p.d {
        if j > 0 {
          idxLeaf = UInt32(truncatingIfNeeded: idxTree & leafMask)
          idxTree &>>= UInt64(p.hPrime)
        }
        adrs.setLayerAddress(j)
        adrs.setTreeAddress(idxTree)
        xmssPKFromSig(idxLeaf, sig + j &* xmssBytes, node, adrs, node)
      }
      return ConstantTime.equals(
        UnsafeRawBufferPointer(start: node, count: n), UnsafeRawBufferPointer(start: pkRoot, count: n))
    }
  }

  // MARK: FORS (FIPS 205, Section 8)

  /// The k FORS indices base_2b(md, a, k) (FIPS 205, Algorithm 4, as used by Algorithms 16 and 17).
  @inline(__always)
  func forsIndices(_ md: UnsafeRawPointer, _ indices: UnsafeMutablePointer<UInt32>) {
    let a = p.a
    var consumed = 0
    var bits = 0
    var total: UInt64 = 0
    let mask = (UInt64(1) &<< UInt64(a)) &- 1
    for out in 0..<p.k {
      while bits < a {
        total = (total &<< 8) | UInt64(md.load(fromByteOffset: consumed, as: UInt8.self))
        consumed &+= 1
        bits &+= 8
      }
      bits &-= a
      indices[out] = UInt32(truncatingIfNeeded: (total &>> UInt64(bits)) & mask)
    }
  }

  /// fors_sign (FIPS 205, Algorithm 16), which also computes PK_FORS: the T_k of the k roots that
  /// fors_pkFromSig (Algorithm 17) would recompute in slh_sign_internal (Algorithm 19).
  @usableFromInline
  mutating func forsSign(
    _ md: UnsafeRawPointer, _ adrs: SLHDSAAddress, _ sig: UnsafeMutableRawPointer,
    pkFORS: UnsafeMutableRawPointer
  ) {
    let n = p.n
    let a = p.a
    let k = p.k
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 35) { indexBuffer in
      let indices = indexBuffer.baseAddress!
      forsIndices(md, indices)
      withUnsafeTemporaryAllocation(byteCount: 35 * 32, alignment: 8) { rootBuffer in
        let roots = rootBuffer.baseAddress!
        for i in 0..<k {
          let offset = UInt32(truncatingIfNeeded: i &<< a)
          let element = sig + i &* (a &+ 1) &* n
          forsSKGen(offset &+ indices[i], adrs, element)
          treeRoot(
            .fors, height: a, target: indices[i], offset: offset, adrs, auth: element + n, root: roots + i &* n)
        }
        var forspkADRS = adrs
        forspkADRS.setTypeAndClear(.forsRoots)
        forspkADRS.setKeyPairAddress(adrs.keyPairAddress)
        hash.t(forspkADRS, roots, count: k &* n, pkFORS)
      }
    }
  }

  /// fors_pkFromSig (FIPS 205, Algorithm 17).
  @usableFromInline
  mutating func forsPKFromSig(
    _ sig: UnsafeRawPointer, _ md: UnsafeRawPointer, _ adrs: SLHDSAAddress, _ pk: UnsafeMutableRawPointer
  ) {
    let n = p.n
    let a = p.a
    let k = p.k
    var adrs = adrs
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 35) { indexBuffer in
      let indices = indexBuffer.baseAddress!
      forsIndices(md, indices)
      withUnsafeTemporaryAllocation(byteCount: 35 * 32, alignment: 8) { rootBuffer in
        let roots = rootBuffer.baseAddress!
        for i in 0..<k {
          let element = sig + i &* (a &+ 1) &* n
          let auth = element + n
          let node = roots + i &* n
          adrs.setTreeHeight(0)
          adrs.setTreeIndex(UInt32(truncatingIfNeeded: i &<< a) &+ indices[i])
          hash.f(adrs, element, node)
          for j in 0..<a {
            adrs.setTreeHeight(UInt32(truncatingIfNeeded: j &+ 1))
            if (indices[i] &>> UInt32(j)) & 1 == 0 {
              adrs.setTreeIndex(adrs.treeIndex &>> 1)
              hash.h(adrs, node, auth + j &* n, node)
            } else {
              adrs.setTreeIndex((adrs.treeIndex &- 1) &>> 1)
              hash.h(adrs, auth + j &* n, node, node)
            }
          }
        }
        var forspkADRS = adrs
        forspkADRS.setTypeAndClear(.forsRoots)
        forspkADRS.setKeyPairAddress(adrs.keyPairAddress)
        hash.t(forspkADRS, roots, count: k &* n, pk)
      }
    }
  }

  // MARK: SLH-DSA internal functions (FIPS 205, Section 9)

  /// slh_keygen_internal (FIPS 205, Algorithm 18), lines 1 to 3: PK.root, the root of the top XMSS tree.
  @usableFromInline
  mutating func publicRoot(_ pkRoot: UnsafeMutableRawPointer) {
    var adrs = SLHDSAAddress()
    adrs.setLayerAddress(p.d &- 1)
    treeRoot(.wots, height: p.hPrime, target: 0, offset: 0, adrs, auth: nil, root: pkRoot)
  }

  /// Splits the digest into md, idx_tree and idx_leaf (FIPS 205, Algorithm 19 lines 6 to 10).
  @inline(__always)
  func splitDigest(_ digest: UnsafeRawPointer) -> (md: UnsafeRawPointer, idxTree: UInt64, idxLeaf: UInt32) {
    let mdBytes = (p.k &* p.a &+ 7) / 8
    let treeBits = p.h &- p.hPrime
    let treeBytes = (treeBits &+ 7) / 8
    let leafBytes = (p.hPrime &+ 7) / 8
    var idxTree: UInt64 = 0
    for i in 0..<treeBytes {
      idxTree = (idxTree &<< 8) | UInt64(digest.load(fromByteOffset: mdBytes &+ i, as: UInt8.self))
    }
    if treeBits < 64 { idxTree &= (UInt64(1) &<< UInt64(treeBits)) &- 1 }
    var idxLeaf: UInt32 = 0
    for i in 0..<leafBytes {
      idxLeaf = (idxLeaf &<< 8) | UInt32(digest.load(fromByteOffset: mdBytes &+ treeBytes &+ i, as: UInt8.self))
    }
    idxLeaf &= (UInt32(1) &<< UInt32(p.hPrime)) &- 1
    return (digest, idxTree, idxLeaf)
  }

  /// slh_sign_internal (FIPS 205, Algorithm 19) after R = PRF_msg: FORS and hypertree signatures
  /// for the digest H_msg(R, PK.seed, PK.root, M), written to `sig` after R.
  @usableFromInline
  mutating func signDigest(_ digest: UnsafeRawPointer, _ sig: UnsafeMutableRawPointer) {
    let n = p.n
    let (md, idxTree, idxLeaf) = splitDigest(digest)
    var adrs = SLHDSAAddress()
    adrs.setTreeAddress(idxTree)
    adrs.setTypeAndClear(.forsTree)
    adrs.setKeyPairAddress(idxLeaf)
    withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { pkBuffer in
      let pkFORS = pkBuffer.baseAddress!
      forsSign(md, adrs, sig + n, pkFORS: pkFORS)
      htSign(pkFORS, idxTree, idxLeaf, sig + (n &+ p.forsSignatureByteCount))
    }
  }

  /// slh_verify_internal (FIPS 205, Algorithm 20) from line 4 on, given the digest.
  @usableFromInline
  mutating func verifyDigest(_ digest: UnsafeRawPointer, _ sig: UnsafeRawPointer, pkRoot: UnsafeRawPointer) -> Bool {
    let n = p.n
    let (md, idxTree, idxLeaf) = splitDigest(digest)
    var adrs = SLHDSAAddress()
    adrs.setTreeAddress(idxTree)
    adrs.setTypeAndClear(.forsTree)
    adrs.setKeyPairAddress(idxLeaf)
    return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { pkBuffer in
      let pkFORS = pkBuffer.baseAddress!
      forsPKFromSig(sig + n, md, adrs, pkFORS)
      return htVerify(pkFORS, sig + (n &+ p.forsSignatureByteCount), idxTree, idxLeaf, pkRoot)
    }
  }
}

/// The internal functions of FIPS 205, Section 9, over byte buffers, dispatched to the engine of
/// the parameter set's hash family.
@usableFromInline
enum SLHDSAInternal {
  /// slh_keygen_internal (FIPS 205, Algorithm 18): writes SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root to
  /// `sk` (4n bytes) from `seeds` = SK.seed ‖ SK.prf ‖ PK.seed (3n bytes).
  @usableFromInline
  static func keygen(_ p: SLHDSAParameters, seeds: UnsafeRawBufferPointer, sk: UnsafeMutableRawBufferPointer) {
    precondition(seeds.count == 3 * p.n && sk.count == 4 * p.n, "SLH-DSA key generation buffer sizes")
    let n = p.n
    let base = sk.baseAddress!
    base.copyMemory(from: seeds.baseAddress!, byteCount: 3 * n)
    let skSeed = UnsafeRawPointer(base)
    let pkSeed = UnsafeRawPointer(base + 2 * n)
    switch p.family {
    case .shake:
      var engine = SLHDSAEngine<SLHDSASHAKEHash>(p, pkSeed: pkSeed, skSeed: skSeed)
      engine.publicRoot(base + 3 * n)
      engine.hash.erase()
    case .sha2:
      var engine = SLHDSAEngine<SLHDSASHA2Hash>(p, pkSeed: pkSeed, skSeed: skSeed)
      engine.publicRoot(base + 3 * n)
      engine.hash.erase()
    }
  }

  /// slh_sign_internal (FIPS 205, Algorithm 19): the signature of `message` (M) under `sk`
  /// (4n bytes) with `addrnd` (n bytes) as opt_rand.
  @usableFromInline
  static func sign(
    _ p: SLHDSAParameters, message: UnsafeRawBufferPointer, sk: UnsafeRawBufferPointer,
    addrnd: UnsafeRawBufferPointer
  ) -> [UInt8] {
    precondition(sk.count == 4 * p.n && addrnd.count == p.n, "SLH-DSA signing buffer sizes")
    let n = p.n
    let skBase = sk.baseAddress!
    let skSeed = skBase
    let skPrf = UnsafeRawBufferPointer(start: skBase + n, count: n)
    let pkSeed = UnsafeRawBufferPointer(start: skBase + 2 * n, count: n)
    let pkRoot = UnsafeRawBufferPointer(start: skBase + 3 * n, count: n)
    return [UInt8](unsafeUninitializedCapacity: p.signatureByteCount) { buffer, initialized in
      let sig = UnsafeMutableRawPointer(buffer.baseAddress!)
      withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { digestBuffer in
        let digest = digestBuffer.baseAddress!
        let r = UnsafeRawBufferPointer(start: sig, count: n)
        switch p.family {
        case .shake:
          SLHDSASHAKEHash.prfMsg(p, skPrf: skPrf, optRand: addrnd, message: message, sig)
          SLHDSASHAKEHash.hMsg(p, r: r, pkSeed: pkSeed, pkRoot: pkRoot, message: message, digest)
          var engine = SLHDSAEngine<SLHDSASHAKEHash>(p, pkSeed: pkSeed.baseAddress!, skSeed: skSeed)
          engine.signDigest(digest, sig)
          engine.hash.erase()
        case .sha2:
          SLHDSASHA2Hash.prfMsg(p, skPrf: skPrf, optRand: addrnd, message: message, sig)
          SLHDSASHA2Hash.hMsg(p, r: r, pkSeed: pkSeed, pkRoot: pkRoot, message: message, digest)
          var engine = SLHDSAEngine<SLHDSASHA2Hash>(p, pkSeed: pkSeed.baseAddress!, skSeed: skSeed)
          engine.signDigest(digest, sig)
          engine.hash.erase()
        }
      }
      initialized = p.signatureByteCount
    }
  }

  /// slh_verify_internal (FIPS 205, Algorithm 20): whether `sig` is a signature of `message`
  /// under `pk` (2n bytes). Any signature length other than the set's is rejected.
  @usableFromInline
  static func verify(
    _ p: SLHDSAParameters, message: UnsafeRawBufferPointer, signature sig: UnsafeRawBufferPointer,
    pk: UnsafeRawBufferPointer
  ) -> Bool {
    guard sig.count == p.signatureByteCount, pk.count == 2 * p.n, let sigBase = sig.baseAddress,
      let pkBase = pk.baseAddress
    else { return false }
    let n = p.n
    let r = UnsafeRawBufferPointer(start: sigBase, count: n)
    let pkSeed = UnsafeRawBufferPointer(start: pkBase, count: n)
    let pkRoot = UnsafeRawBufferPointer(start: pkBase + n, count: n)
    return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { digestBuffer in
      let digest = digestBuffer.baseAddress!
      switch p.family {
      case .shake:
        SLHDSASHAKEHash.hMsg(p, r: r, pkSeed: pkSeed, pkRoot: pkRoot, message: message, digest)
        var engine = SLHDSAEngine<SLHDSASHAKEHash>(p, pkSeed: pkBase, skSeed: nil)
        return engine.verifyDigest(digest, sigBase, pkRoot: pkRoot.baseAddress!)
      case .sha2:
        SLHDSASHA2Hash.hMsg(p, r: r, pkSeed: pkSeed, pkRoot: pkRoot, message: message, digest)
        var engine = SLHDSAEngine<SLHDSASHA2Hash>(p, pkSeed: pkBase, skSeed: nil)
        return engine.verifyDigest(digest, sigBase, pkRoot: pkRoot.baseAddress!)
      }
    }
  }
}
