import Foundation
import QRXClassical
import QRXPrimitives
import QRXTestSupport
import XCTest

/// The classical halves of the composite ML-DSA vectors (draft-ietf-lamps-pq-composite-sigs,
/// `composite-sigs/testvectors.json`): each traditional private key (PKCS#1 `RSAPrivateKey`, SEC1
/// `ECPrivateKey`, EdDSA seed) must load and give the traditional public key of the vector, and the
/// traditional signature must verify over the draft's `M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M)`
/// (built here from the draft's text, for both `s` with an empty context and `sWithContext`).
final class CompositeComponentTests: XCTestCase {
  private struct Component {
    let publicKeyMatches: Bool
    let privateKeyRoundTrips: Bool
    let verify: ([UInt8], [UInt8]) -> Bool
  }

  private func signature<A: ClassicalSignatureAlgorithm>(
    _ algorithm: A.Type, _ key: A.PrivateKey, publicKey: [UInt8], roundTrips: Bool
  ) -> Component {
    Component(
      publicKeyMatches: key.publicKey.rawRepresentation == publicKey, privateKeyRoundTrips: roundTrips,
      verify: { key.publicKey.isValidSignature($0, for: $1) })
  }

  private func rsa<Size: RSAModulusSize, Padding: RSASignaturePadding>(
    _ size: Size.Type, _ padding: Padding.Type, _ sk: [UInt8], _ pk: [UInt8]
  ) throws -> Component {
    let key = try RSASignature<Size, Padding>.PrivateKey(pkcs1DERRepresentation: SecretBytes(sk))
    return Component(
      publicKeyMatches: try key.publicKey.pkcs1DERRepresentation == pk,
      privateKeyRoundTrips: try key.pkcs1DERRepresentation.copyBytes() == sk,
      verify: { key.publicKey.isValidSignature($0, for: $1) })
  }

  private func ecdsa<C: WeierstrassCurve>(_ curve: C.Type, _ sk: [UInt8], _ pk: [UInt8]) throws -> Component {
    let key = try ECDSA<C>.PrivateKey(sec1DERRepresentation: SecretBytes(sk))
    return signature(
      ECDSA<C>.self, key, publicKey: pk, roundTrips: try key.sec1DERRepresentation.copyBytes() == sk)
  }

  private func component(_ name: String, _ sk: [UInt8], _ pk: [UInt8]) throws -> Component? {
    switch name {
    case _ where name.contains("RSA2048-PSS"), _ where name.contains("RSA3072-PSS"):
      return try name.contains("2048")
        ? rsa(RSA2048.self, PSSSHA256.self, sk, pk) : rsa(RSA3072.self, PSSSHA256.self, sk, pk)
    case _ where name.contains("RSA2048-PKCS15"): return try rsa(RSA2048.self, PKCS1SHA256.self, sk, pk)
    case _ where name.contains("RSA3072-PKCS15"): return try rsa(RSA3072.self, PKCS1SHA256.self, sk, pk)
    case _ where name.contains("RSA4096-PSS"): return try rsa(RSA4096.self, PSSSHA384.self, sk, pk)
    case _ where name.contains("RSA4096-PKCS15"): return try rsa(RSA4096.self, PKCS1SHA384.self, sk, pk)
    case _ where name.contains("ECDSA-P256"): return try ecdsa(P256.self, sk, pk)
    case _ where name.contains("ECDSA-P384"): return try ecdsa(P384.self, sk, pk)
    case _ where name.contains("ECDSA-P521"): return try ecdsa(P521.self, sk, pk)
    case _ where name.contains("ECDSA-brainpoolP256r1"): return try ecdsa(BrainpoolP256r1.self, sk, pk)
    case _ where name.contains("ECDSA-brainpoolP384r1"): return try ecdsa(BrainpoolP384r1.self, sk, pk)
    case _ where name.contains("Ed25519"):
      let key = try Ed25519.PrivateKey(rawRepresentation: SecretBytes(sk))
      return signature(Ed25519.self, key, publicKey: pk, roundTrips: key.rawRepresentation.copyBytes() == sk)
    case _ where name.contains("Ed448"):
      let key = try Ed448.PrivateKey(rawRepresentation: SecretBytes(sk))
      return signature(Ed448.self, key, publicKey: pk, roundTrips: key.rawRepresentation.copyBytes() == sk)
    default:
      return nil
    }
  }

  func testTraditionalHalvesOfCompositeVectors() throws {
    let url = try Vectors.shared("composite-sigs/testvectors.json")
    let root = try XCTUnwrap(try Vectors.json(url) as? [String: Any])
    let message = [UInt8](try XCTUnwrap(Data(base64Encoded: root["m"] as? String ?? "")))
    let context = [UInt8](try XCTUnwrap(Data(base64Encoded: root["ctx"] as? String ?? "")))
    var tally = SuiteTally("composite-sigs traditional halves (keys, s, sWithContext)")
    for test in root["tests"] as? [[String: Any]] ?? [] {
      let id = test["tcId"] as? String ?? ""
      guard id.hasPrefix("id-MLDSA") else { continue }  // pure ML-DSA cases have no classical half
      let level = ["MLDSA44": (1312, 2420), "MLDSA65": (1952, 3309), "MLDSA87": (2592, 4627)]
      let (pkLength, sigLength) = try XCTUnwrap(level[String(id.dropFirst(3).prefix(7))], id)
      func bytes(_ field: String) throws -> [UInt8] {
        [UInt8](try XCTUnwrap(Data(base64Encoded: test[field] as? String ?? ""), "\(id) \(field)"))
      }
      let pk = try bytes("pk")
      let sk = try bytes("sk")
      guard let half = try component(id, Array(sk.dropFirst(32)), Array(pk.dropFirst(pkLength))) else {
        XCTFail("\(id): no classical component")
        continue
      }
      // draft-ietf-lamps-pq-composite-sigs-19, Section 2.2 and 4.2.
      let prefix = Array("CompositeAlgorithmSignatures2025".utf8)
      // Labels are "COMPSIG-" and the name without "id-", except that the Brainpool curves are
      // abbreviated (draft-19, Section 7: COMPSIG-MLDSA65-ECDSA-BP256-SHA512).
      let label = Array(
        ("COMPSIG-" + id.dropFirst(3)).replacingOccurrences(of: "brainpoolP256r1", with: "BP256")
          .replacingOccurrences(of: "brainpoolP384r1", with: "BP384").utf8)
      let ph: [UInt8]
      if id.hasSuffix("SHA256") {
        ph = SHA256.hash(message)
      } else if id.hasSuffix("SHA512") {
        ph = SHA512.hash(message)
      } else {
        ph = SHAKE256.hash(message, outputLength: 64)
      }
      let signatures = [([UInt8](), try bytes("s")), (context, try bytes("sWithContext"))]
      var verified = true
      for (ctx, s) in signatures {
        let mPrime = prefix + label + [UInt8(ctx.count)] + ctx + ph
        verified = verified && half.verify(Array(s.dropFirst(sigLength)), mPrime)
        verified = verified && !half.verify(Array(s.dropFirst(sigLength)), mPrime + [0])
      }
      tally.check(
        half.publicKeyMatches && half.privateKeyRoundTrips && verified,
        "\(id): public key \(half.publicKeyMatches), round trip \(half.privateKeyRoundTrips), verified \(verified)")
    }
    XCTAssertEqual(tally.total, 18)
    tally.report()
  }
}
