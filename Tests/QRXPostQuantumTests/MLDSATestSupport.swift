import CLibCrypto
import QRXPrimitives
import QRXTestSupport
import XCTest

@testable import QRXPostQuantum

// One generic view of the three ML-DSA namespaces, so each vector suite is written once.

protocol TestMLDSAPrivateKey {
  associatedtype PublicKeyType: TestMLDSAPublicKey
  init(seedRepresentation: [UInt8]) throws
  init(expandedRepresentation: [UInt8]) throws
  var seedRepresentation: SecretBytes? { get }
  var expandedRepresentation: SecretBytes { get }
  var publicKey: PublicKeyType { get }
  func signature(for message: [UInt8], context: [UInt8]) throws -> [UInt8]
  func deterministicSignature(for message: [UInt8], context: [UInt8]) throws -> [UInt8]
  func signature(
    for message: [UInt8], context: [UInt8], preHash: MLDSAPreHash, deterministic: Bool
  ) throws
    -> [UInt8]
  func signature(forMu mu: [UInt8], deterministic: Bool) throws -> [UInt8]
  func testingOnlySignatureInternal(message: [UInt8], rnd: [UInt8]) -> [UInt8]
  func testingOnlySignature(for message: [UInt8], context: [UInt8], rnd: [UInt8]) throws -> [UInt8]
  func testingOnlySignature(
    forDigest digest: [UInt8], preHash: MLDSAPreHash, context: [UInt8], rnd: [UInt8]
  ) throws
    -> [UInt8]
  func testingOnlySignature(forMu mu: [UInt8], rnd: [UInt8]) -> [UInt8]
}

protocol TestMLDSAPublicKey {
  init(rawRepresentation: [UInt8]) throws
  var rawRepresentation: [UInt8] { get }
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8]) -> Bool
  func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8], preHash: MLDSAPreHash) -> Bool
  func isValidSignature(
    _ signature: [UInt8], forDigest digest: [UInt8], preHash: MLDSAPreHash, context: [UInt8]
  )
    -> Bool
  func isValidSignature(_ signature: [UInt8], forMu mu: [UInt8]) -> Bool
  func mu(for message: [UInt8], context: [UInt8]) throws -> [UInt8]
  func testingOnlyIsValidSignatureInternal(_ signature: [UInt8], message: [UInt8]) -> Bool
}

extension MLDSA44.PrivateKey: TestMLDSAPrivateKey {}
extension MLDSA65.PrivateKey: TestMLDSAPrivateKey {}
extension MLDSA87.PrivateKey: TestMLDSAPrivateKey {}
extension MLDSA44.PublicKey: TestMLDSAPublicKey {}
extension MLDSA65.PublicKey: TestMLDSAPublicKey {}
extension MLDSA87.PublicKey: TestMLDSAPublicKey {}

/// The private key type of each parameter set, by its name on the wire.
var mldsaSets: [(name: String, type: any TestMLDSAPrivateKey.Type)] {
  [
    ("ML-DSA-44", MLDSA44.PrivateKey.self),
    ("ML-DSA-65", MLDSA65.PrivateKey.self),
    ("ML-DSA-87", MLDSA87.PrivateKey.self),
  ]
}

func mldsaSet(named name: String) -> (any TestMLDSAPrivateKey.Type)? {
  mldsaSets.first { $0.name == name }?.type
}

/// HashML-DSA functions by their ACVP names.
let acvpPreHashNames: [String: MLDSAPreHash] = [
  "SHA2-224": .sha224, "SHA2-256": .sha256, "SHA2-384": .sha384, "SHA2-512": .sha512,
  "SHA2-512/224": .sha512_224, "SHA2-512/256": .sha512_256, "SHA3-224": .sha3_224, "SHA3-256": .sha3_256,
  "SHA3-384": .sha3_384, "SHA3-512": .sha3_512, "SHAKE-128": .shake128, "SHAKE-256": .shake256,
]

/// PH(M) computed by libcrypto, independently of the code under test (QRX computes neither
/// SHA-512/224 nor SHA-512/256 itself).
func opensslDigest(_ function: MLDSAPreHash, _ message: [UInt8]) -> [UInt8] {
  let md: OpaquePointer?
  switch function {
  case .sha224: md = EVP_sha224()
  case .sha256: md = EVP_sha256()
  case .sha384: md = EVP_sha384()
  case .sha512: md = EVP_sha512()
  case .sha512_224: md = EVP_sha512_224()
  case .sha512_256: md = EVP_sha512_256()
  case .sha3_224: md = EVP_sha3_224()
  case .sha3_256: md = EVP_sha3_256()
  case .sha3_384: md = EVP_sha3_384()
  case .sha3_512: md = EVP_sha3_512()
  case .shake128, .shake256:
    let ctx = EVP_MD_CTX_new()
    defer { EVP_MD_CTX_free(ctx) }
    var out = [UInt8](repeating: 0, count: function.digestByteCount)
    EVP_DigestInit_ex(ctx, function == .shake128 ? EVP_shake128() : EVP_shake256(), nil)
    EVP_DigestUpdate(ctx, message, message.count)
    EVP_DigestFinalXOF(ctx, &out, out.count)
    return out
  }
  var out = [UInt8](repeating: 0, count: 64)
  var length: UInt32 = 0
  EVP_Digest(message, message.count, &out, &length, md, nil)
  return Array(out[0..<Int(length)])
}

/// Reads a NIST-style `.rsp` file whose records each start at a `count = ` line.
func readCountedRecords(_ url: URL) throws -> [[String: String]] {
  let text = try String(contentsOf: url, encoding: .utf8)
  var records: [[String: String]] = []
  for rawLine in text.split(separator: "\n") {
    let line = rawLine.trimmingCharacters(in: .whitespaces)
    guard let range = line.range(of: " = ") else { continue }
    let name = String(line[..<range.lowerBound])
    if name == "count" { records.append([:]) }
    guard !records.isEmpty else { continue }
    records[records.count - 1][name] = String(line[range.upperBound...])
  }
  return records
}
