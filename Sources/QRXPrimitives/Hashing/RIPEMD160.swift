import CLibCrypto

// RIPEMD-160 through libcrypto (OpenSSL 3.0.7 and later keep it in the default provider). Only
// Bitcoin-style key identifiers need it: HASH160 = RIPEMD-160(SHA-256(x)) (BIP-32, "Key identifiers").

/// RIPEMD-160 in one call.
public enum RIPEMD160 {
  /// Output size in bytes.
  public static let outputByteCount = 20

  /// RIPEMD-160(`data`).
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    let bytes = Array(data)
    return [UInt8](unsafeUninitializedCapacity: outputByteCount) { out, count in
      var length: UInt32 = 0
      let ok = bytes.withUnsafeBytes { input in
        EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, ripemd160Digest.md, nil)
      }
      precondition(ok == 1 && Int(length) == outputByteCount, "EVP_Digest(RIPEMD-160) failed")
      count = Int(length)
    }
  }
}

/// HASH160(`data`) = RIPEMD-160(SHA-256(`data`)), Bitcoin's key identifier.
public enum HASH160 {
  /// RIPEMD-160(SHA-256(`data`)).
  public static func hash<Bytes: Sequence>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    RIPEMD160.hash(SHA256.hash(data))
  }
}

/// libcrypto's RIPEMD-160, fetched once and never freed.
private struct FetchedRIPEMD160: @unchecked Sendable {
  let md: OpaquePointer

  init() {
    guard let md = EVP_MD_fetch(nil, "RIPEMD-160", nil) else { fatalError("libcrypto has no RIPEMD-160") }
    self.md = md
  }
}

private let ripemd160Digest = FetchedRIPEMD160()
