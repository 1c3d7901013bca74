import QRXPrimitives

/// A QRX hybrid address: Bech32m with the human-readable part `qrx` over a version symbol and a
/// SHA3-256 digest that binds the composite algorithm's name and both public keys (docs/WALLET.md):
///
///     H = SHA3-256("QRX hybrid address v1" ‖ 0x00 ‖ ser16(|A|) ‖ A ‖ ser16(|pk_PQ|) ‖ pk_PQ ‖ ser16(|pk_T|) ‖ pk_T)
///     address = Bech32m("qrx", [0] ‖ convertbits(H, 8 → 5, pad))
///
/// with `A` the composite's ASCII name, `pk_PQ` the post-quantum and `pk_T` the classical public key,
/// each in its standard raw encoding. The address is 63 characters, within Bech32's 90.
public struct HybridAddress: Sendable, Hashable, CustomStringConvertible {
  /// The human-readable part.
  public static let humanReadablePart = "qrx"
  /// The version symbol this code writes and reads.
  public static let version: UInt8 = 0
  /// The domain-separation string hashed first.
  public static let domain = "QRX hybrid address v1"

  /// The 32-byte digest `H`.
  public let digest: [UInt8]

  /// The address of a composite key: `compositeAlgorithm` with its two public keys. Throws when a
  /// field is longer than ser16 can say (65535 bytes).
  public init(compositeAlgorithm: String, postQuantumPublicKey: [UInt8], classicalPublicKey: [UInt8]) throws {
    var sponge = SHA3_256.makeSponge()
    sponge.absorb(Array(Self.domain.utf8) + [0])
    for field in [Array(compositeAlgorithm.utf8), postQuantumPublicKey, classicalPublicKey] {
      guard field.count <= Int(UInt16.max) else {
        throw WalletError.invalidAddress("a hashed field is longer than 65535 bytes")
      }
      sponge.absorb([UInt8(field.count >> 8), UInt8(field.count & 0xff)])
      sponge.absorb(field)
    }
    digest = sponge.squeeze(count: SHA3_256.outputByteCount)
  }

  /// Parses an address: Bech32m with the checksum verified, the part `qrx`, version 0 and a 32-byte digest.
  public init(_ text: String) throws {
    let hrp: String
    let data: [UInt8]
    do {
      (hrp, data) = try Bech32m.decode(text)
    } catch {
      throw WalletError.invalidAddress("not Bech32m: \(error)")
    }
    guard hrp == Self.humanReadablePart else { throw WalletError.invalidAddress("prefix must be 'qrx'") }
    guard let version = data.first, version == Self.version else {
      throw WalletError.invalidAddress("unknown address version")
    }
    let payload: [UInt8]
    do {
      payload = try Bech32m.convertBits(Array(data.dropFirst()), from: 5, to: 8, pad: false)
    } catch {
      throw WalletError.invalidAddress("payload is not canonical")
    }
    guard payload.count == SHA3_256.outputByteCount else {
      throw WalletError.invalidAddress("payload must be 32 bytes, got \(payload.count)")
    }
    digest = payload
  }

  /// The Bech32m text, lowercase.
  public var description: String {
    // 32 bytes are 52 symbols: with "qrx", "1", the version and 6 checksum symbols, 63 characters.
    let symbols = [Self.version] + ((try? Bech32m.convertBits(digest, from: 8, to: 5, pad: true)) ?? [])
    return (try? Bech32m.encode(hrp: Self.humanReadablePart, data: symbols)) ?? ""
  }

  /// Whether this is the address of `compositeAlgorithm` with these public keys.
  public func isAddress(
    ofCompositeAlgorithm compositeAlgorithm: String, postQuantumPublicKey: [UInt8], classicalPublicKey: [UInt8]
  ) -> Bool {
    let other = try? HybridAddress(
      compositeAlgorithm: compositeAlgorithm, postQuantumPublicKey: postQuantumPublicKey,
      classicalPublicKey: classicalPublicKey)
    return other == self
  }
}
