import CLibCrypto
import CSecp256k1
import QRXPrimitives

// secp256k1 through libsecp256k1: ECDSA (RFC 6979 nonces, low-S), BIP-340 Schnorr, and ECDH.
// Private keys are 32-byte big-endian scalars in [1, n-1]; zero or ≥ n is refused.

/// The secp256k1 namespace: `Secp256k1.ECDSA`, `Secp256k1.Schnorr`, `Secp256k1.KeyAgreement`.
public enum Secp256k1 {
  /// Bytes in a scalar, a field element, an x-only key.
  public static let scalarByteCount = 32

  /// The library context, created once and randomized against side channels. Every function
  /// used here takes it as `const`, so it is safe to share between threads.
  final class Context: @unchecked Sendable {
    let pointer: OpaquePointer

    init() {
      guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
        fatalError("secp256k1_context_create failed")
      }
      var seed = SystemRandom().bytes(count: 32)
      // Blinding is a side-channel hardening; libsecp256k1 documents failure only for bad arguments.
      _ = secp256k1_context_randomize(context, &seed)
      SecretBytes.wipe(&seed)
      pointer = context
    }
  }

  static let context = Context()

  /// Checks that `scalar` is a valid secret key: 32 bytes, in [1, n-1] (constant time in libsecp256k1).
  static func validateScalar(_ scalar: SecretBytes) throws {
    guard scalar.count == scalarByteCount else {
      throw ClassicalError.invalidPrivateKey("secp256k1 scalar must be 32 bytes, got \(scalar.count)")
    }
    let ok = OpenSSL.withSecret(scalar) { d, _ in secp256k1_ec_seckey_verify(context.pointer, d) }
    guard ok == 1 else { throw ClassicalError.invalidPrivateKey("secp256k1 scalar is zero or not below n") }
  }

  /// Parses a SEC1 point: 33-byte compressed (`02`/`03`) or 65-byte uncompressed (`04`); the
  /// hybrid forms (`06`/`07`) libsecp256k1 would also take are refused.
  static func parsePoint(_ bytes: [UInt8]) throws -> secp256k1_pubkey {
    let shapeOK =
      (bytes.count == 33 && (bytes[0] == 0x02 || bytes[0] == 0x03)) || (bytes.count == 65 && bytes[0] == 0x04)
    guard shapeOK else {
      throw ClassicalError.invalidPublicKey("secp256k1 key must be a 33-byte compressed or 65-byte uncompressed point")
    }
    var point = secp256k1_pubkey()
    guard secp256k1_ec_pubkey_parse(context.pointer, &point, bytes, bytes.count) == 1 else {
      throw ClassicalError.invalidPublicKey("secp256k1 point is not on the curve")
    }
    return point
  }

  /// SEC1 encoding of `point`, compressed (33 bytes) or not (65 bytes).
  static func serialize(_ point: secp256k1_pubkey, compressed: Bool) -> [UInt8] {
    var point = point
    var length = compressed ? 33 : 65
    var out = [UInt8](repeating: 0, count: length)
    let flags = UInt32(compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED)
    _ = secp256k1_ec_pubkey_serialize(context.pointer, &out, &length, &point, flags)
    return out
  }

  /// The point `d·G` for a validated scalar `d`.
  static func publicPoint(_ scalar: SecretBytes) throws -> secp256k1_pubkey {
    var point = secp256k1_pubkey()
    guard OpenSSL.withSecret(scalar, { d, _ in secp256k1_ec_pubkey_create(context.pointer, &point, d) }) == 1 else {
      throw ClassicalError.invalidPrivateKey("secp256k1 scalar is zero or not below n")
    }
    return point
  }

  /// SubjectPublicKeyInfo prefixes for a named-curve (`secp256k1`, 1.3.132.0.10) key, uncompressed and compressed.
  static let spkiPrefixUncompressed: [UInt8] = [
    0x30, 0x56, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81, 0x04,
    0x00, 0x0a, 0x03, 0x42, 0x00,
  ]
  static let spkiPrefixCompressed: [UInt8] = [
    0x30, 0x36, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81, 0x04,
    0x00, 0x0a, 0x03, 0x22, 0x00,
  ]

  /// The SEC1 point inside a SubjectPublicKeyInfo. Only the canonical DER with the named curve
  /// OID is accepted: explicit parameters, BER lengths and trailing bytes are refused.
  static func pointFromSubjectPublicKeyInfo(_ der: [UInt8]) throws -> [UInt8] {
    for (prefix, pointLength) in [(spkiPrefixUncompressed, 65), (spkiPrefixCompressed, 33)]
    where der.count == prefix.count + pointLength && der.starts(with: prefix) {
      return Array(der[prefix.count...])
    }
    throw ClassicalError.invalidPublicKey("not a canonical named-curve secp256k1 SubjectPublicKeyInfo")
  }

  /// A SubjectPublicKeyInfo for a SEC1 point.
  static func subjectPublicKeyInfo(_ point: [UInt8]) -> [UInt8] {
    (point.count == 33 ? spkiPrefixCompressed : spkiPrefixUncompressed) + point
  }

  /// A public point as keys of this family hold it: parsed once, compressed encoding kept.
  public struct Point: Sendable {
    let point: secp256k1_pubkey
    /// The 33-byte compressed SEC1 encoding.
    public let compressedRepresentation: [UInt8]

    init(_ point: secp256k1_pubkey) {
      self.point = point
      compressedRepresentation = Secp256k1.serialize(point, compressed: true)
    }

    /// The 65-byte uncompressed SEC1 encoding.
    public var uncompressedRepresentation: [UInt8] { Secp256k1.serialize(point, compressed: false) }
  }
}

extension secp256k1_pubkey: @retroactive @unchecked Sendable {}

// MARK: - ECDSA

extension Secp256k1 {
  /// ECDSA on secp256k1 over SHA-256(M) (SEC1, Section 4.1), nonces by RFC 6979, low-S signatures
  /// (BIP-146); verification refuses high-S. Wire form: 64-byte `r‖s`; DER also available.
  public enum ECDSA: ClassicalSignatureAlgorithm {
    /// The name used on the wire.
    public static let name = "secp256k1-ECDSA"
    /// Length of the private seed or scalar, in bytes.
    public static let seedByteCount: Int? = 32

    /// A private scalar `d`.
    public struct PrivateKey: ClassicalSigningKey {
      let d: SecretBytes
      /// The public key `Q = d·G`.
      public let publicKey: PublicKey

      /// A fresh key from the system's randomness (retrying the negligible out-of-range case).
      public init() throws {
        while true {
          if let key = try? PrivateKey(rawRepresentation: SystemRandom().secretBytes(count: 32)) {
            self = key
            return
          }
        }
      }

      /// The key with big-endian scalar `d` in [1, n-1].
      public init(rawRepresentation d: SecretBytes) throws {
        try Secp256k1.validateScalar(d)
        self.d = d
        publicKey = PublicKey(Point(try Secp256k1.publicPoint(d)))
      }

      /// The 32-byte big-endian scalar `d`.
      public var rawRepresentation: SecretBytes { d }

      /// The signature of SHA-256(`message`) as 64-byte `r‖s`, low-S.
      public func signature(for message: [UInt8]) throws -> [UInt8] {
        var signature = try sign(message)
        var out = [UInt8](repeating: 0, count: 64)
        _ = secp256k1_ecdsa_signature_serialize_compact(Secp256k1.context.pointer, &out, &signature)
        return out
      }

      /// The signature of SHA-256(`message`) in DER (`ECDSA-Sig-Value`, SEC1, Appendix C.8), low-S.
      public func derSignature(for message: [UInt8]) throws -> [UInt8] {
        var signature = try sign(message)
        var length = 72
        var out = [UInt8](repeating: 0, count: length)
        guard secp256k1_ecdsa_signature_serialize_der(Secp256k1.context.pointer, &out, &length, &signature) == 1
        else { throw ClassicalError.libraryFailure("secp256k1_ecdsa_signature_serialize_der") }
        out.removeLast(out.count - length)
        return out
      }

      /// ECDSA signing (SEC1, Section 4.1.3) with the RFC 6979 nonce; libsecp256k1 emits low-S.
      private func sign(_ message: [UInt8]) throws -> secp256k1_ecdsa_signature {
        let e = MessageDigests.hash(.sha256, message)
        var signature = secp256k1_ecdsa_signature()
        let ok = OpenSSL.withSecret(d) { d, _ in
          secp256k1_ecdsa_sign(Secp256k1.context.pointer, &signature, e, d, nil, nil)
        }
        guard ok == 1 else { throw ClassicalError.libraryFailure("secp256k1_ecdsa_sign") }
        return signature
      }
    }

    /// A public point `Q`.
    public struct PublicKey: ClassicalVerifyingKey {
      /// The point.
      public let point: Point

      init(_ point: Point) { self.point = point }

      /// Decodes a 33-byte compressed or 65-byte uncompressed SEC1 point.
      public init(rawRepresentation bytes: [UInt8]) throws {
        point = Point(try Secp256k1.parsePoint(bytes))
      }

      /// Decodes a canonical named-curve SubjectPublicKeyInfo.
      public init(derRepresentation der: [UInt8]) throws {
        try self.init(rawRepresentation: Secp256k1.pointFromSubjectPublicKeyInfo(der))
      }

      /// The 33-byte compressed SEC1 point.
      public var rawRepresentation: [UInt8] { point.compressedRepresentation }

      /// The SubjectPublicKeyInfo DER, with the compressed point.
      public var derRepresentation: [UInt8] { Secp256k1.subjectPublicKeyInfo(point.compressedRepresentation) }

      /// Whether the 64-byte `r‖s` is a valid low-S signature of SHA-256(`message`) (SEC1, Section 4.1.4).
      /// `r` or `s` ≥ n, zero, or `s` > n/2 are all `false`.
      public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        var parsed = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_compact(Secp256k1.context.pointer, &parsed, signature) == 1 else {
          return false
        }
        return verify(parsed, message)
      }

      /// Whether the DER signature is valid and low-S. Only strict DER is accepted: the
      /// signature must re-encode to exactly the same bytes.
      public func isValidDERSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard (8...72).contains(signature.count) else { return false }
        var parsed = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_der(Secp256k1.context.pointer, &parsed, signature, signature.count) == 1
        else { return false }
        var length = 72
        var again = [UInt8](repeating: 0, count: length)
        guard secp256k1_ecdsa_signature_serialize_der(Secp256k1.context.pointer, &again, &length, &parsed) == 1,
          again.prefix(length).elementsEqual(signature)
        else { return false }
        return verify(parsed, message)
      }

      /// ECDSA verification (SEC1, Section 4.1.4); libsecp256k1 refuses high-S.
      private func verify(_ signature: secp256k1_ecdsa_signature, _ message: [UInt8]) -> Bool {
        var signature = signature
        var q = point.point
        let e = MessageDigests.hash(.sha256, message)
        return secp256k1_ecdsa_verify(Secp256k1.context.pointer, &signature, e, &q) == 1
      }
    }
  }
}

// MARK: - Schnorr (BIP-340)

/// A libsecp256k1 key pair, wiped when released.
final class Secp256k1KeyPair: @unchecked Sendable {
  var keypair = secp256k1_keypair()

  init(_ d: SecretBytes) throws {
    guard OpenSSL.withSecret(d, { d, _ in secp256k1_keypair_create(Secp256k1.context.pointer, &keypair, d) }) == 1
    else {
      throw ClassicalError.invalidPrivateKey("secp256k1 scalar is zero or not below n")
    }
  }

  deinit {
    withUnsafeMutableBytes(of: &keypair) { OPENSSL_cleanse($0.baseAddress, $0.count) }
  }
}

extension Secp256k1 {
  /// BIP-340 Schnorr signatures over M (any length), 32-byte x-only public keys, 64-byte signatures.
  public enum Schnorr: ClassicalSignatureAlgorithm {
    /// The name used on the wire.
    public static let name = "secp256k1-Schnorr"
    /// Length of the private seed or scalar, in bytes.
    public static let seedByteCount: Int? = 32

    /// A private scalar `d'` with its key pair.
    public struct PrivateKey: ClassicalSigningKey {
      let d: SecretBytes
      let keyPair: Secp256k1KeyPair
      /// The x-only public key `bytes(P)`.
      public let publicKey: PublicKey

      /// A fresh key from the system's randomness.
      public init() throws {
        while true {
          if let key = try? PrivateKey(rawRepresentation: SystemRandom().secretBytes(count: 32)) {
            self = key
            return
          }
        }
      }

      /// The key with secret `d'` in [1, n-1] (BIP-340, "Public Key Generation").
      public init(rawRepresentation d: SecretBytes) throws {
        try Secp256k1.validateScalar(d)
        self.d = d
        keyPair = try Secp256k1KeyPair(d)
        var xonly = secp256k1_xonly_pubkey()
        var x = [UInt8](repeating: 0, count: 32)
        guard secp256k1_keypair_xonly_pub(Secp256k1.context.pointer, &xonly, nil, &keyPair.keypair) == 1,
          secp256k1_xonly_pubkey_serialize(Secp256k1.context.pointer, &x, &xonly) == 1
        else { throw ClassicalError.libraryFailure("secp256k1_keypair_xonly_pub") }
        publicKey = try PublicKey(rawRepresentation: x)
      }

      /// The 32-byte secret `d'`.
      public var rawRepresentation: SecretBytes { d }

      /// A signature of `message` with 32 fresh random bytes as `a` (BIP-340, "Default Signing").
      public func signature(for message: [UInt8]) throws -> [UInt8] {
        let a = SystemRandom().secretBytes(count: 32)
        return try signature(for: message, auxiliaryRandomness: a)
      }

      /// BIP-340 "Default Signing" with the given auxiliary random data `a` (32 bytes). For
      /// vectors and deterministic signing (all-zero `a`); normal callers use ``signature(for:)``.
      public func signature(for message: [UInt8], auxiliaryRandomness a: SecretBytes) throws -> [UInt8] {
        guard a.count == 32 else { throw ClassicalError.invalidInput("BIP-340 auxiliary randomness must be 32 bytes") }
        var signature = [UInt8](repeating: 0, count: 64)
        let ok = a.withUnsafeBytes { aBytes in
          var extra = secp256k1_schnorrsig_extraparams()
          extra.magic = (0xda, 0x6f, 0xb3, 0x8c)  // SECP256K1_SCHNORRSIG_EXTRAPARAMS_MAGIC
          extra.noncefp = nil  // secp256k1_nonce_function_bip340
          extra.ndata = UnsafeMutableRawPointer(mutating: aBytes.baseAddress)
          return OpenSSL.withBytes(message) { m, mLength in
            secp256k1_schnorrsig_sign_custom(
              Secp256k1.context.pointer, &signature, m, mLength, &keyPair.keypair, &extra)
          }
        }
        guard ok == 1 else { throw ClassicalError.libraryFailure("secp256k1_schnorrsig_sign_custom") }
        return signature
      }
    }

    /// An x-only public key (BIP-340): the 32-byte x coordinate of a point with even y.
    public struct PublicKey: ClassicalVerifyingKey {
      let key: secp256k1_xonly_pubkey
      /// The 32-byte x coordinate.
      public let rawRepresentation: [UInt8]

      /// Decodes `bytes(P)`: 32 bytes, x < p, and x on the curve (BIP-340, `lift_x`).
      public init(rawRepresentation bytes: [UInt8]) throws {
        guard bytes.count == 32 else {
          throw ClassicalError.invalidPublicKey("BIP-340 public key must be 32 bytes, got \(bytes.count)")
        }
        var key = secp256k1_xonly_pubkey()
        guard secp256k1_xonly_pubkey_parse(Secp256k1.context.pointer, &key, bytes) == 1 else {
          throw ClassicalError.invalidPublicKey("BIP-340 public key is not an x coordinate on the curve")
        }
        self.key = key
        rawRepresentation = bytes
      }

      /// BIP-340 "Verification" of the 64-byte signature over `message`.
      public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        var key = key
        return OpenSSL.withBytes(message) { m, mLength in
          secp256k1_schnorrsig_verify(Secp256k1.context.pointer, signature, m, mLength, &key) == 1
        }
      }
    }
  }
}

extension secp256k1_xonly_pubkey: @retroactive @unchecked Sendable {}

// MARK: - ECDH

extension Secp256k1 {
  /// ECDH on secp256k1 (SEC1, Section 3.3.1): the shared secret is the 32-byte x coordinate of
  /// `d·Q`, not libsecp256k1's default SHA-256 of the compressed point.
  public enum KeyAgreement: ClassicalKeyAgreement {
    /// The name used on the wire.
    public static let name = "secp256k1-ECDH"
    /// Length of the shared secret, in bytes.
    public static let sharedSecretByteCount = 32

    /// A private scalar `d`.
    public struct PrivateKey: ClassicalAgreementPrivateKey {
      let d: SecretBytes
      /// The public point `d·G`.
      public let publicKey: PublicKey

      /// A fresh key from the system's randomness.
      public init() throws {
        while true {
          if let key = try? PrivateKey(rawRepresentation: SystemRandom().secretBytes(count: 32)) {
            self = key
            return
          }
        }
      }

      /// The key with big-endian scalar `d` in [1, n-1].
      public init(rawRepresentation d: SecretBytes) throws {
        try Secp256k1.validateScalar(d)
        self.d = d
        publicKey = PublicKey(Point(try Secp256k1.publicPoint(d)))
      }

      /// The 32-byte big-endian scalar `d`.
      public var rawRepresentation: SecretBytes { d }

      /// The x coordinate of `d·Q` (SEC1, Section 3.3.1), computed in constant time by libsecp256k1.
      public func sharedSecretFromKeyAgreement(with peer: PublicKey) throws -> SecretBytes {
        var q = peer.point.point
        var ok: Int32 = 0
        let secret = SecretBytes(count: 32) { out in
          guard let output = out.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
          ok = OpenSSL.withSecret(d) { d, _ in
            secp256k1_ecdh(
              Secp256k1.context.pointer, output, &q, d,
              { output, x32, _, _ in
                guard let output, let x32 else { return 0 }
                output.update(from: x32, count: 32)
                return 1
              }, nil)
          }
        }
        guard ok == 1 else { throw ClassicalError.invalidSharedSecret }
        return secret
      }
    }

    /// A public point `Q`.
    public struct PublicKey: ClassicalAgreementPublicKey {
      /// The point.
      public let point: Point

      init(_ point: Point) { self.point = point }

      /// Decodes a 33-byte compressed or 65-byte uncompressed SEC1 point.
      public init(rawRepresentation bytes: [UInt8]) throws {
        point = Point(try Secp256k1.parsePoint(bytes))
      }

      /// Decodes a canonical named-curve SubjectPublicKeyInfo.
      public init(derRepresentation der: [UInt8]) throws {
        try self.init(rawRepresentation: Secp256k1.pointFromSubjectPublicKeyInfo(der))
      }

      /// The 33-byte compressed SEC1 point.
      public var rawRepresentation: [UInt8] { point.compressedRepresentation }
    }
  }
}

// MARK: - Scalar and point arithmetic for hierarchical derivation (BIP-32)

extension Secp256k1 {
  /// Whether `scalar` is a valid private key: 32 bytes, in [1, n-1] (constant time in libsecp256k1).
  public static func isValidPrivateKey(_ scalar: SecretBytes) -> Bool {
    (try? validateScalar(scalar)) != nil
  }

  /// The public point `k·G` of the private scalar `k` (BIP-32, `point(k)`).
  public static func publicKey(for k: SecretBytes) throws -> Point {
    try validateScalar(k)
    return Point(try publicPoint(k))
  }

  /// `(tweak + k) mod n`, the child scalar of BIP-32 CKDpriv. Throws when `tweak` ≥ n or the sum
  /// is zero (BIP-32: "the resulting key is invalid"); `k` must itself be valid.
  public static func tweakAdd(privateKey k: SecretBytes, tweak: SecretBytes) throws -> SecretBytes {
    try validateScalar(k)
    guard tweak.count == scalarByteCount else {
      throw ClassicalError.invalidInput("secp256k1 tweak must be 32 bytes, got \(tweak.count)")
    }
    var ok: Int32 = 0
    let sum = SecretBytes(count: scalarByteCount) { out in
      guard let base = out.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
      k.withUnsafeBytes { kBytes in
        guard let kBase = kBytes.baseAddress else { return }
        base.update(from: kBase.assumingMemoryBound(to: UInt8.self), count: scalarByteCount)
      }
      ok = OpenSSL.withSecret(tweak) { t, _ in secp256k1_ec_seckey_tweak_add(context.pointer, base, t) }
    }
    guard ok == 1 else { throw ClassicalError.invalidInput("secp256k1 tweak is not below n or the sum is zero") }
    return sum
  }
}

extension Secp256k1.Point {
  /// Decodes a 33-byte compressed or 65-byte uncompressed SEC1 point.
  public init(rawRepresentation bytes: [UInt8]) throws {
    self.init(try Secp256k1.parsePoint(bytes))
  }

  /// `self + tweak·G`, the child point of BIP-32 CKDpub. Throws when `tweak` ≥ n or the sum is
  /// the point at infinity (BIP-32: "the resulting key is invalid").
  public func addingTweak(_ tweak: [UInt8]) throws -> Secp256k1.Point {
    guard tweak.count == Secp256k1.scalarByteCount else {
      throw ClassicalError.invalidInput("secp256k1 tweak must be 32 bytes, got \(tweak.count)")
    }
    var sum = point
    guard secp256k1_ec_pubkey_tweak_add(Secp256k1.context.pointer, &sum, tweak) == 1 else {
      throw ClassicalError.invalidInput("secp256k1 tweak is not below n or the sum is the point at infinity")
    }
    return Secp256k1.Point(sum)
  }
}
