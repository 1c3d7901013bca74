import CLibCrypto
import Foundation

/// A small per-key pool of initialized libcrypto operation contexts.
///
/// Initializing a context (`EVP_DigestSignInit`, `EVP_PKEY_sign_init`, ...) fetches the algorithm
/// from the provider and costs as much as a fast signature; `openssl speed` initializes once and
/// reuses the context. A context is not thread-safe, so each operation takes one out of the pool
/// (or makes one), uses it alone, and puts it back. A context that saw an error is freed instead.
final class ContextPool: @unchecked Sendable {
  private let lock = NSLock()
  private var idle: [OpaquePointer] = []
  private let make: () -> OpaquePointer?
  private let free: (OpaquePointer) -> Void
  private let capacity = 8

  /// `make` returns a ready context (or nil on failure); `free` releases one.
  init(make: @escaping () -> OpaquePointer?, free: @escaping (OpaquePointer) -> Void) {
    self.make = make
    self.free = free
  }

  deinit { idle.forEach(free) }

  /// Runs `body` with a context of its own. `body` returns whether the context is still good.
  func withContext<R>(_ body: (OpaquePointer) throws -> (result: R, reusable: Bool)) throws -> R {
    lock.lock()
    let pooled = idle.popLast()
    lock.unlock()
    guard let context = pooled ?? make() else { throw OpenSSL.failure("context initialization") }
    let outcome: (result: R, reusable: Bool)
    do {
      outcome = try body(context)
    } catch {
      free(context)
      ERR_clear_error()
      throw error
    }
    guard outcome.reusable else {
      free(context)
      ERR_clear_error()
      return outcome.result
    }
    lock.lock()
    if idle.count < capacity {
      idle.append(context)
      lock.unlock()
    } else {
      lock.unlock()
      free(context)
    }
    return outcome.result
  }
}

extension ContextPool {
  /// Contexts for `EVP_DigestSign` (EdDSA: one-shot, reusable) with `key`.
  static func digestSign(_ key: EVPKey) -> ContextPool {
    ContextPool(
      make: {
        guard let context = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
          EVP_MD_CTX_free(context)
          return nil
        }
        return context
      }, free: { EVP_MD_CTX_free($0) })
  }

  /// Contexts for `EVP_DigestVerify` (EdDSA: one-shot, reusable) with `key`.
  static func digestVerify(_ key: EVPKey) -> ContextPool {
    ContextPool(
      make: {
        guard let context = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else {
          EVP_MD_CTX_free(context)
          return nil
        }
        return context
      }, free: { EVP_MD_CTX_free($0) })
  }

  /// `EVP_PKEY_CTX` contexts for `key`, initialized by `initialize` (sign, verify or derive init
  /// plus padding and digest settings).
  static func keyContexts(_ key: EVPKey, _ initialize: @escaping (OpaquePointer) -> Bool) -> ContextPool {
    ContextPool(
      make: {
        guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else { return nil }
        guard initialize(context) else {
          EVP_PKEY_CTX_free(context)
          return nil
        }
        return context
      }, free: { EVP_PKEY_CTX_free($0) })
  }
}
