import CLibCrypto

/// Builds an `OSSL_PARAM` list whose names and values stay valid until the builder is released.
/// `OSSL_PARAM` keeps raw pointers, so every string and buffer is copied into storage this object
/// owns (and wipes: octet values are often keys).
final class OSSLParameters {
  private var allocations: [(UnsafeMutableRawPointer, Int)] = []
  private var parameters: [OSSL_PARAM] = []

  deinit {
    for (pointer, count) in allocations {
      OPENSSL_cleanse(pointer, count)
      pointer.deallocate()
    }
  }

  private func copy(_ bytes: UnsafeRawBufferPointer, extra: Int) -> UnsafeMutableRawPointer {
    let count = bytes.count + extra
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 8)
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
    if let base = bytes.baseAddress, bytes.count > 0 { pointer.copyMemory(from: base, byteCount: bytes.count) }
    allocations.append((pointer, max(count, 1)))
    return pointer
  }

  private func cString(_ text: String) -> UnsafeMutablePointer<CChar> {
    let utf8 = Array(text.utf8)
    return utf8.withUnsafeBytes { copy($0, extra: 1) }.assumingMemoryBound(to: CChar.self)
  }

  /// A UTF-8 string parameter.
  func addString(_ name: String, _ value: String) {
    parameters.append(OSSL_PARAM_construct_utf8_string(cString(name), cString(value), 0))
  }

  /// An octet-string parameter.
  func addOctets(_ name: String, _ value: [UInt8]) {
    let pointer = value.withUnsafeBytes { copy($0, extra: 0) }
    parameters.append(OSSL_PARAM_construct_octet_string(cString(name), pointer, value.count))
  }

  /// An unsigned integer parameter.
  func addUInt(_ name: String, _ value: UInt32) {
    let pointer = withUnsafeBytes(of: value) { copy($0, extra: 0) }
    parameters.append(
      OSSL_PARAM_construct_uint(cString(name), pointer.assumingMemoryBound(to: UInt32.self)))
  }

  /// Runs `body` with the terminated list.
  func withParameters<R>(_ body: (UnsafeMutablePointer<OSSL_PARAM>) -> R) -> R {
    var list = parameters
    list.append(OSSL_PARAM_construct_end())
    return list.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  }
}
