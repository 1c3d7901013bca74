import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import XCTest

/// One ML-KEM parameter set seen through closures, so each test runs unchanged over all three.
struct MLKEMUnderTest: Sendable {
  let name: String
  let publicKeyByteCount: Int
  let expandedPrivateKeyByteCount: Int
  let ciphertextByteCount: Int
  /// KeyGen_internal(d, z): (ek, dk expanded, d ‖ z as stored).
  let generate: @Sendable (_ d: [UInt8], _ z: [UInt8]) throws -> (ek: [UInt8], dk: [UInt8], seed: [UInt8]?)
  /// From a 64-byte seed: ek.
  let publicKeyFromSeed: @Sendable (_ seed: [UInt8]) throws -> [UInt8]
  /// Decapsulation with a key given as its 64-byte seed.
  let decapsulateWithSeed: @Sendable (_ seed: [UInt8], _ c: [UInt8]) throws -> [UInt8]
  /// Decapsulation with a key given in expanded form.
  let decapsulateWithExpanded: @Sendable (_ dk: [UInt8], _ c: [UInt8]) throws -> [UInt8]
  /// The ek inside an expanded key (after the Section 7.3 checks).
  let publicKeyFromExpanded: @Sendable (_ dk: [UInt8]) throws -> [UInt8]
  /// PublicKey(rawRepresentation:) then Encaps_internal with m: (K, c).
  let encapsulate: @Sendable (_ ek: [UInt8], _ m: [UInt8]) throws -> (K: [UInt8], c: [UInt8])
  /// PublicKey(rawRepresentation:) then a random encapsulation: (K, c).
  let encapsulateRandom: @Sendable (_ ek: [UInt8]) throws -> (K: [UInt8], c: [UInt8])
  /// A random key: (seed, ek).
  let generateRandom: @Sendable () throws -> (seed: [UInt8], ek: [UInt8])

  static let all: [MLKEMUnderTest] = [mlkem512, mlkem768, mlkem1024]

  static func named(_ name: String) -> MLKEMUnderTest? { all.first { $0.name == name } }

  static let mlkem512 = MLKEMUnderTest(
    name: MLKEM512.name, publicKeyByteCount: MLKEM512.publicKeyByteCount,
    expandedPrivateKeyByteCount: MLKEM512.expandedPrivateKeyByteCount,
    ciphertextByteCount: MLKEM512.ciphertextByteCount,
    generate: { d, z in
      let sk = try MLKEM512.PrivateKey.generateKeyDerandomizedForTesting(d: d, z: z)
      return (sk.publicKey.rawRepresentation, sk.expandedRepresentation.copyBytes(), sk.seedRepresentation?.copyBytes())
    },
    publicKeyFromSeed: { try MLKEM512.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    decapsulateWithSeed: { try MLKEM512.PrivateKey(seedRepresentation: $0).decapsulate($1).copyBytes() },
    decapsulateWithExpanded: { try MLKEM512.PrivateKey(expandedRepresentation: $0).decapsulate($1).copyBytes() },
    publicKeyFromExpanded: { try MLKEM512.PrivateKey(expandedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, m in
      let (K, c) = try MLKEM512.PublicKey(rawRepresentation: ek).encapsulateDerandomizedForTesting(m: m)
      return (K.copyBytes(), c)
    },
    encapsulateRandom: { ek in
      let (K, c) = try MLKEM512.PublicKey(rawRepresentation: ek).encapsulate()
      return (K.copyBytes(), c)
    },
    generateRandom: {
      let sk = try MLKEM512.PrivateKey()
      return (sk.seedRepresentation?.copyBytes() ?? [], sk.publicKey.rawRepresentation)
    })

  static let mlkem768 = MLKEMUnderTest(
    name: MLKEM768.name, publicKeyByteCount: MLKEM768.publicKeyByteCount,
    expandedPrivateKeyByteCount: MLKEM768.expandedPrivateKeyByteCount,
    ciphertextByteCount: MLKEM768.ciphertextByteCount,
    generate: { d, z in
      let sk = try MLKEM768.PrivateKey.generateKeyDerandomizedForTesting(d: d, z: z)
      return (sk.publicKey.rawRepresentation, sk.expandedRepresentation.copyBytes(), sk.seedRepresentation?.copyBytes())
    },
    publicKeyFromSeed: { try MLKEM768.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    decapsulateWithSeed: { try MLKEM768.PrivateKey(seedRepresentation: $0).decapsulate($1).copyBytes() },
    decapsulateWithExpanded: { try MLKEM768.PrivateKey(expandedRepresentation: $0).decapsulate($1).copyBytes() },
    publicKeyFromExpanded: { try MLKEM768.PrivateKey(expandedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, m in
      let (K, c) = try MLKEM768.PublicKey(rawRepresentation: ek).encapsulateDerandomizedForTesting(m: m)
      return (K.copyBytes(), c)
    },
    encapsulateRandom: { ek in
      let (K, c) = try MLKEM768.PublicKey(rawRepresentation: ek).encapsulate()
      return (K.copyBytes(), c)
    },
    generateRandom: {
      let sk = try MLKEM768.PrivateKey()
      return (sk.seedRepresentation?.copyBytes() ?? [], sk.publicKey.rawRepresentation)
    })

  static let mlkem1024 = MLKEMUnderTest(
    name: MLKEM1024.name, publicKeyByteCount: MLKEM1024.publicKeyByteCount,
    expandedPrivateKeyByteCount: MLKEM1024.expandedPrivateKeyByteCount,
    ciphertextByteCount: MLKEM1024.ciphertextByteCount,
    generate: { d, z in
      let sk = try MLKEM1024.PrivateKey.generateKeyDerandomizedForTesting(d: d, z: z)
      return (sk.publicKey.rawRepresentation, sk.expandedRepresentation.copyBytes(), sk.seedRepresentation?.copyBytes())
    },
    publicKeyFromSeed: { try MLKEM1024.PrivateKey(seedRepresentation: $0).publicKey.rawRepresentation },
    decapsulateWithSeed: { try MLKEM1024.PrivateKey(seedRepresentation: $0).decapsulate($1).copyBytes() },
    decapsulateWithExpanded: { try MLKEM1024.PrivateKey(expandedRepresentation: $0).decapsulate($1).copyBytes() },
    publicKeyFromExpanded: { try MLKEM1024.PrivateKey(expandedRepresentation: $0).publicKey.rawRepresentation },
    encapsulate: { ek, m in
      let (K, c) = try MLKEM1024.PublicKey(rawRepresentation: ek).encapsulateDerandomizedForTesting(m: m)
      return (K.copyBytes(), c)
    },
    encapsulateRandom: { ek in
      let (K, c) = try MLKEM1024.PublicKey(rawRepresentation: ek).encapsulate()
      return (K.copyBytes(), c)
    },
    generateRandom: {
      let sk = try MLKEM1024.PrivateKey()
      return (sk.seedRepresentation?.copyBytes() ?? [], sk.publicKey.rawRepresentation)
    })
}

/// Prints a suite's tally so the run shows how many vectors were checked, and fails on zero.
func mlkemReportVectorCount(
  _ suite: String, passed: Int, total: Int, file: StaticString = #filePath, line: UInt = #line
) {
  print("[vectors] \(suite): \(passed)/\(total) passed")
  XCTAssertGreaterThan(total, 0, "\(suite): no vectors were read", file: file, line: line)
  XCTAssertEqual(passed, total, "\(suite): \(total - passed) vectors failed", file: file, line: line)
}
