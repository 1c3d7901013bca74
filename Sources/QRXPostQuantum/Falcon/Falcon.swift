import QRXPrimitives

// Falcon-512 and Falcon-1024 (Falcon specification v1.2, the NIST round-3 submission), in the
// shape of ../shared/DESIGN.md: one namespace per parameter set, private keys in the NIST
// encoding, detached signatures `header (0x30 + logn) || nonce (40 bytes) || compressed s2`.
//
// FN-DSA (FIPS 206) readiness: hash-to-point and the signature encoding live behind
// `FalconSign.hashToPoint` and `FalconCodec.compress`/`decompress`; the draft standard changes
// those (and the padding), not the lattice arithmetic.

/// A Falcon parameter set.
public protocol FalconParameters: Sendable {
  /// Wire name (`Falcon-512`).
  static var name: String { get }
  /// log2 of the ring degree n.
  static var logn: Int { get }
  /// floor(beta^2): the bound on ||(s1, s2)||^2.
  static var normBound: UInt32 { get }
  /// 1 / sigma (specification Table 3.3).
  static var inverseSigma: Double { get }
  /// sigma_min (specification Table 3.3).
  static var sigmaMin: Double { get }
  /// Largest compressed s2 that signing emits: the round-3 NIST API's buffer (CRYPTO_BYTES
  /// minus length, nonce and header), so that known answers reproduce.
  static var compressedSignatureCapacity: Int { get }
  /// Largest detached signature (header, nonce and compressed s2) that verification accepts:
  /// the CRYPTO_BYTES of PQClean and liboqs, for interoperability.
  static var maximumSignatureByteCount: Int { get }
}

extension FalconParameters {
  /// The ring degree n.
  public static var degree: Int { 1 << logn }
  /// Size of the NIST public key encoding: header byte and 14 bits per coefficient of h.
  public static var publicKeyByteCount: Int { 1 + (degree * 14 + 7) / 8 }
  /// Size of the NIST private key encoding: header byte, f and g trimmed, F on 8 bits.
  public static var privateKeyByteCount: Int { 1 + 2 * (degree * FalconCodec.fgBits(logn) / 8) + degree }
}

/// Falcon-512 (NIST security level 1).
public enum Falcon512: FalconParameters {
  public static let name = "Falcon-512"
  public static let logn = 9
  public static let normBound: UInt32 = 34_034_726
  public static let inverseSigma = 0.0060336696681577241031668062510953022
  public static let sigmaMin = 1.2778336969128335860256340575729042
  public static let compressedSignatureCapacity = 690 - 43
  public static let maximumSignatureByteCount = 752
  /// A Falcon-512 private key.
  public typealias PrivateKey = FalconPrivateKey<Falcon512>
  /// A Falcon-512 public key.
  public typealias PublicKey = FalconPublicKey<Falcon512>
}

/// Falcon-1024 (NIST security level 5).
public enum Falcon1024: FalconParameters {
  public static let name = "Falcon-1024"
  public static let logn = 10
  public static let normBound: UInt32 = 70_265_242
  public static let inverseSigma = 0.0059386453095331159950250124336477482
  public static let sigmaMin = 1.2982803343442918539708792538826807
  public static let compressedSignatureCapacity = 1330 - 43
  public static let maximumSignatureByteCount = 1462
  /// A Falcon-1024 private key.
  public typealias PrivateKey = FalconPrivateKey<Falcon1024>
  /// A Falcon-1024 public key.
  public typealias PublicKey = FalconPublicKey<Falcon1024>
}

/// Length of the signature nonce r.
let falconNonceByteCount = 40

/// A Falcon public key h.
public struct FalconPublicKey<P: FalconParameters>: Sendable, Equatable {
  let h: [UInt16]

  /// The NIST encoding: `0x00 + logn || h (14 bits per coefficient)`.
  public var rawRepresentation: [UInt8] { [UInt8(P.logn)] + FalconCodec.encodeModQ(h) }

  /// Decodes the NIST encoding. Throws on a wrong length or header, a coefficient >= q, or
  /// nonzero padding bits.
  public init<Bytes: Collection>(rawRepresentation bytes: Bytes) throws where Bytes.Element == UInt8 {
    let b = Array(bytes)
    guard b.count == P.publicKeyByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(P.publicKeyByteCount)", actual: b.count)
    }
    guard b[0] == UInt8(P.logn) else {
      throw CryptoError.invalidParameter("\(P.name) public key: wrong header byte")
    }
    guard let h = FalconCodec.decodeModQ(b[1...], count: P.degree) else {
      throw CryptoError.invalidParameter("\(P.name) public key: coefficient out of range or nonzero padding")
    }
    self.h = h
  }

  init(h: [UInt16]) { self.h = h }

  /// Falcon specification v1.2, Algorithm 16 (Verify) for a detached signature
  /// `0x30 + logn || r || compressed s2`. Malformed signatures are simply invalid.
  public func isValidSignature<Message: Collection>(_ signature: [UInt8], for message: Message) -> Bool
  where Message.Element == UInt8 {
    let nonceEnd = 1 + falconNonceByteCount
    guard signature.count > nonceEnd, signature.count <= P.maximumSignatureByteCount,
      signature[0] == 0x30 + UInt8(P.logn)
    else { return false }
    return verify(
      nonce: Array(signature[1..<nonceEnd]), compressed: signature[nonceEnd...], message: Array(message))
  }

  /// Verifies the NIST signed-message form `len (2 bytes) || r || message || 0x20 + logn || s2`,
  /// returning the message when the signature is valid.
  public func openSignedMessage(_ signedMessage: [UInt8]) -> [UInt8]? {
    let sm = signedMessage
    guard sm.count >= 3 + falconNonceByteCount else { return nil }
    let sigLength = Int(sm[0]) << 8 | Int(sm[1])
    guard sigLength >= 2, sigLength <= sm.count - falconNonceByteCount - 2 else { return nil }
    let messageLength = sm.count - falconNonceByteCount - 2 - sigLength
    let headerIndex = 2 + falconNonceByteCount + messageLength
    guard sm[headerIndex] == 0x20 + UInt8(P.logn) else { return nil }
    let message = Array(sm[(2 + falconNonceByteCount)..<headerIndex])
    let nonce = Array(sm[2..<(2 + falconNonceByteCount)])
    guard verify(nonce: nonce, compressed: sm[(headerIndex + 1)...], message: message) else { return nil }
    return message
  }

  func verify(nonce: [UInt8], compressed: ArraySlice<UInt8>, message: [UInt8]) -> Bool {
    guard let s2 = FalconCodec.decompress(compressed, count: P.degree) else { return false }
    let c = FalconSign.hashToPoint(nonce: nonce, message: message, logn: P.logn)
    return FalconModQ.verify(c: c, s2: s2, h: h, logn: P.logn, bound: P.normBound)
  }
}

/// A Falcon private key (f, g, F), with G recomputed from the NTRU equation.
public struct FalconPrivateKey<P: FalconParameters>: Sendable {
  /// f, g, F, G as signed bytes, n each.
  let basis: SecretBytes
  /// The matching public key.
  public let publicKey: FalconPublicKey<P>

  /// A new random key pair from the system generator.
  public init() {
    self.init(randomSource: SystemRandom())
  }

  /// A new key pair: 48 bytes from `randomSource` seed the key generation's SHAKE-256, as the
  /// NIST submission's `crypto_sign_keypair` does (with the NIST KAT DRBG this reproduces the
  /// round-3 known answers).
  public init(randomSource: some RandomSource) {
    let seed = randomSource.secretBytes(count: 48)
    self.init(shakeSeed: seed)
  }

  /// Deterministic key generation from a 32-byte seed (HD wallets): the seed is absorbed, alone,
  /// into the SHAKE-256 instance that drives key generation (`SHAKE-256(seed)` replaces the 48
  /// random bytes of ``init(randomSource:)``); f and g are drawn from that stream, then (F, G)
  /// are solved. The same seed always yields the same key.
  public init(seedRepresentation seed: SecretBytes) throws {
    guard seed.count == 32 else { throw CryptoError.invalidKeySize(expected: "32", actual: seed.count) }
    self.init(shakeSeed: seed)
  }

  init(shakeSeed: SecretBytes) {
    var shake = SHAKE256()
    shakeSeed.withUnsafeBytes { shake.absorb($0) }
    var rng = FalconKeygen.WordSource(shake: shake)
    let n = P.degree
    var h: [UInt16] = []
    basis = SecretBytes(count: 4 * n) { raw in
      let p = raw.bindMemory(to: Int8.self).baseAddress!
      h = FalconKeygen.generate(rng: &rng, logn: P.logn, f: p, g: p + n, F: p + 2 * n, G: p + 3 * n)
    }
    rng.erase()
    publicKey = FalconPublicKey(h: h)
  }

  /// Decodes the NIST private key encoding `0x50 + logn || f || g || F`, recomputes G and h.
  /// Throws on a wrong length or header, a forbidden value, nonzero padding, or a key whose
  /// NTRU equation has no small solution.
  public init<Bytes: Collection>(rawRepresentation bytes: Bytes) throws where Bytes.Element == UInt8 {
    var b = Array(bytes)
    defer { SecretBytes.wipe(&b) }
    guard b.count == P.privateKeyByteCount else {
      throw CryptoError.invalidKeySize(expected: "\(P.privateKeyByteCount)", actual: b.count)
    }
    guard b[0] == 0x50 + UInt8(P.logn) else {
      throw CryptoError.invalidParameter("\(P.name) private key: wrong header byte")
    }
    let n = P.degree
    let fgLength = n * FalconCodec.fgBits(P.logn) / 8
    var h: [UInt16]?
    var failure: String?
    // The initializer closure must not throw (a throwing SecretBytes initializer would release
    // its storage twice); failures are reported after it returns.
    basis = SecretBytes(count: 4 * n) { raw in
      let p = raw.bindMemory(to: Int8.self).baseAddress!
      let ok = b.withUnsafeBytes { all -> Bool in
        let fBytes = UnsafeRawBufferPointer(rebasing: all[1..<(1 + fgLength)])
        let gBytes = UnsafeRawBufferPointer(rebasing: all[(1 + fgLength)..<(1 + 2 * fgLength)])
        let FBytes = UnsafeRawBufferPointer(rebasing: all[(1 + 2 * fgLength)...])
        return FalconCodec.decodeTrimmed(fBytes, count: n, bits: FalconCodec.fgBits(P.logn), into: p)
          && FalconCodec.decodeTrimmed(gBytes, count: n, bits: FalconCodec.fgBits(P.logn), into: p + n)
          && FalconCodec.decodeTrimmed(FBytes, count: n, bits: FalconCodec.bigFGBits, into: p + 2 * n)
      }
      guard ok else {
        failure = "malformed encoding"
        return
      }
      guard FalconModQ.completePrivate(f: p, g: p + n, F: p + 2 * n, G: p + 3 * n, logn: P.logn) else {
        failure = "not a valid NTRU basis"
        return
      }
      h = FalconModQ.publicKey(f: p, g: p + n, logn: P.logn)
    }
    if let failure { throw CryptoError.invalidParameter("\(P.name) private key: \(failure)") }
    guard let h else { throw CryptoError.invalidParameter("\(P.name) private key: f is not invertible") }
    publicKey = FalconPublicKey(h: h)
  }

  /// The NIST private key encoding `0x50 + logn || f || g || F` (the stored form).
  public var rawRepresentation: SecretBytes {
    let n = P.degree
    return basis.withUnsafeBytes { raw in
      let p = raw.bindMemory(to: Int8.self).baseAddress!
      var out: [UInt8] = [0x50 + UInt8(P.logn)]
      out.reserveCapacity(P.privateKeyByteCount)
      FalconCodec.encodeTrimmed(p, count: n, bits: FalconCodec.fgBits(P.logn), into: &out)
      FalconCodec.encodeTrimmed(p + n, count: n, bits: FalconCodec.fgBits(P.logn), into: &out)
      FalconCodec.encodeTrimmed(p + 2 * n, count: n, bits: FalconCodec.bigFGBits, into: &out)
      defer { SecretBytes.wipe(&out) }
      return SecretBytes(out)
    }
  }

  /// A detached signature `0x30 + logn || r || compressed s2` over `message`, with fresh
  /// randomness from the system generator.
  public func signature<Message: Collection>(for message: Message) -> [UInt8] where Message.Element == UInt8 {
    signature(for: message, randomSource: SystemRandom())
  }

  /// A detached signature drawing the nonce (40 bytes) and then the sampler seed (48 bytes) from
  /// `randomSource`, in the order of the NIST submission's `crypto_sign`.
  public func signature<Message: Collection>(for message: Message, randomSource: some RandomSource) -> [UInt8]
  where Message.Element == UInt8 {
    while true {
      let (nonce, s2) = signCore(message: Array(message), randomSource: randomSource)
      // Algorithm 10, line 9: restart when the compressed s2 does not fit.
      if let body = FalconCodec.compress(s2, maxBytes: P.compressedSignatureCapacity) {
        return [0x30 + UInt8(P.logn)] + nonce + body
      }
    }
  }

  /// The NIST signed-message form `len || r || message || 0x20 + logn || compressed s2`
  /// (the known-answer files' `sm`), with randomness drawn as ``signature(for:randomSource:)``.
  public func signedMessage(_ message: [UInt8], randomSource: some RandomSource) -> [UInt8] {
    while true {
      let (nonce, s2) = signCore(message: message, randomSource: randomSource)
      if let body = FalconCodec.compress(s2, maxBytes: P.compressedSignatureCapacity) {
        let length = body.count + 1
        return [UInt8(length >> 8), UInt8(length & 0xFF)] + nonce + message + [0x20 + UInt8(P.logn)] + body
      }
    }
  }

  /// Falcon specification v1.2, Algorithm 10 (Sign) up to the compression: the nonce r and s2.
  func signCore(message: [UInt8], randomSource: some RandomSource) -> (nonce: [UInt8], s2: [Int16]) {
    let n = P.degree
    let nonce = randomSource.bytes(count: falconNonceByteCount)
    let hm = FalconSign.hashToPoint(nonce: nonce, message: message, logn: P.logn)
    let seed = randomSource.secretBytes(count: 48)
    var shake = SHAKE256()
    seed.withUnsafeBytes { shake.absorb($0) }
    defer { shake.erase() }
    let tmp = UnsafeMutablePointer<Double>.allocate(capacity: 10 * n)
    defer {
      falconWipe(tmp, count: 10 * n)
      tmp.deallocate()
    }
    return basis.withUnsafeBytes { raw in
      let p = raw.bindMemory(to: Int8.self).baseAddress!
      while true {
        var sampler = FalconSampler(prng: FalconPRNG(from: &shake), sigmaMin: P.sigmaMin)
        defer { sampler.prng.erase() }
        if let s2 = FalconSign.signDynamic(
          sampler: &sampler, f: p, g: p + n, F: p + 2 * n, G: p + 3 * n, hm: hm, logn: P.logn,
          bound: P.normBound, inverseSigma: P.inverseSigma, tmp: tmp)
        {
          return (nonce, s2)
        }
      }
    }
  }
}
