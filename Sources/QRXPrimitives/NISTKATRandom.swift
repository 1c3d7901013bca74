import CLibCrypto

/// The AES-256-CTR DRBG of the NIST post-quantum submission harness (`rng.c`: `randombytes_init`,
/// `randombytes`), used only to reproduce known-answer files byte for byte. Never a production
/// generator: it is deterministic by design.
public final class NISTKATRandom: RandomSource {
  private var key = [UInt8](repeating: 0, count: 32)
  private var v = [UInt8](repeating: 0, count: 16)

  /// `randombytes_init(entropy, personalization)`: `entropy` is 48 bytes, `personalization` empty or 48 bytes.
  public init(entropy: [UInt8], personalization: [UInt8] = []) {
    precondition(entropy.count == 48, "the NIST KAT DRBG takes 48 bytes of entropy")
    precondition(personalization.isEmpty || personalization.count == 48, "personalization is 0 or 48 bytes")
    var seedMaterial = entropy
    for i in 0..<personalization.count { seedMaterial[i] ^= personalization[i] }
    update(seedMaterial)
  }

  deinit {
    OPENSSL_cleanse(&key, key.count)
    OPENSSL_cleanse(&v, v.count)
  }

  /// `randombytes(x, xlen)`.
  public func fill(_ buffer: UnsafeMutableRawBufferPointer) {
    var offset = 0
    while offset < buffer.count {
      incrementV()
      let block = aes256Block(v)
      let take = min(16, buffer.count - offset)
      for i in 0..<take { buffer[offset + i] = block[i] }
      offset += take
    }
    update(nil)
  }

  private func incrementV() {
    var j = 15
    while j >= 0 {
      if v[j] == 0xFF {
        v[j] = 0
        j -= 1
      } else {
        v[j] += 1
        break
      }
    }
  }

  /// `AES256_CTR_DRBG_Update`.
  private func update(_ providedData: [UInt8]?) {
    var temp: [UInt8] = []
    for _ in 0..<3 {
      incrementV()
      temp += aes256Block(v)
    }
    if let providedData {
      for i in 0..<48 { temp[i] ^= providedData[i] }
    }
    key = Array(temp[0..<32])
    v = Array(temp[32..<48])
  }

  private func aes256Block(_ input: [UInt8]) -> [UInt8] {
    guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new: out of memory") }
    defer { EVP_CIPHER_CTX_free(context) }
    var output = [UInt8](repeating: 0, count: 32)
    var length: Int32 = 0
    guard EVP_EncryptInit_ex(context, EVP_aes_256_ecb(), nil, key, nil) == 1,
      EVP_CIPHER_CTX_set_padding(context, 0) == 1,
      EVP_EncryptUpdate(context, &output, &length, input, 16) == 1, length == 16
    else { fatalError("AES-256-ECB through libcrypto failed") }
    return Array(output[0..<16])
  }
}
