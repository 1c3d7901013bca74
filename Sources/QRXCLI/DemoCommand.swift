import Foundation
import QRXPrimitives

/// `qrx demo`: a short tour of what works, run by `make run`.
enum DemoCommand {
  static let usage = """
    usage: qrx demo

    A short tour: hashing, authenticated encryption, then a key pair, a signature or an
    encapsulation for every algorithm this build knows (the slowest are skipped).

    """

  /// Algorithms whose key generation takes seconds: the demo names them but does not run them.
  static let slowAlgorithmPrefixes = [
    "Classic-McEliece", "SLH-DSA-SHA2-256s", "SLH-DSA-SHAKE-256s",
    "SLH-DSA-SHA2-192s", "SLH-DSA-SHAKE-192s", "RSA-4096", "RSA-3072",
  ]

  static func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, options: [], flags: [])
    guard args.positional.isEmpty else { throw CLIError.usage("unexpected argument \(args.positional[0])") }
    let message = Array("QRX: both halves must hold.".utf8)
    Console.out("== Hashing \"\(String(decoding: message, as: UTF8.self))\"")
    Console.out("  SHA-256   \(Hex.encode(SHA256.hash(message)))")
    Console.out("  SHA3-256  \(Hex.encode(SHA3_256.hash(message)))")
    Console.out("  SHAKE256  \(Hex.encode(SHAKE256.hash(message, outputLength: 32)))")

    Console.out("== Authenticated encryption (AES-256-GCM, libcrypto)")
    let key = SystemRandom().bytes(count: 32)
    let nonce = SystemRandom().bytes(count: 12)
    let sealed = try AEAD.seal(.aes256GCM, message, key: key, nonce: nonce, authenticating: Array("header".utf8))
    let opened = try AEAD.open(.aes256GCM, sealed, key: key, nonce: nonce, authenticating: Array("header".utf8))
    Console.out("  sealed \(message.count) bytes into \(sealed.count); opened intact: \(opened == message)")
    var tampered = sealed
    tampered[0] ^= 1
    let refused = (try? AEAD.open(.aes256GCM, tampered, key: key, nonce: nonce)) == nil
    Console.out("  one flipped bit is refused: \(refused)")

    var failures = 0
    let signers = SchemeRegistry.signatureSchemes
    Console.out("== Signatures (\(signers.count) algorithms)")
    for scheme in signers {
      if slowAlgorithmPrefixes.contains(where: { scheme.name.hasPrefix($0) }) {
        Console.out("  \(scheme.name): skipped in the demo (slow key generation); see qrx bench")
        continue
      }
      let start = DispatchTime.now().uptimeNanoseconds
      let pair = try scheme.generateKey(seed: nil)
      let signature = try scheme.sign(privateKey: pair.privateKey, message: message, options: SignatureOptions())
      let valid = try scheme.verify(
        publicKey: pair.publicKey, message: message, signature: signature, options: SignatureOptions())
      let forged = try scheme.verify(
        publicKey: pair.publicKey, message: message + [0], signature: signature, options: SignatureOptions())
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      if !valid || forged { failures += 1 }
      Console.out(
        "  \(scheme.name): public key \(pair.publicKey.count) B, signature \(signature.count) B, valid \(valid), "
          + "other message rejected \(!forged) (\(String(format: "%.1f", ms)) ms)")
    }
    let kems = SchemeRegistry.kemSchemes
    Console.out("== Key encapsulation (\(kems.count) algorithms)")
    for scheme in kems {
      if slowAlgorithmPrefixes.contains(where: { scheme.name.hasPrefix($0) }) {
        Console.out("  \(scheme.name): skipped in the demo (slow key generation); see qrx bench")
        continue
      }
      let pair = try scheme.generateKey(seed: nil)
      let (secret, ciphertext) = try scheme.encapsulate(publicKey: pair.publicKey)
      let recovered = try scheme.decapsulate(privateKey: pair.privateKey, ciphertext: ciphertext)
      let agree = secret.constantTimeEquals(recovered)
      if !agree { failures += 1 }
      Console.out(
        "  \(scheme.name): public key \(pair.publicKey.count) B, ciphertext \(ciphertext.count) B, "
          + "shared secrets agree \(agree)")
    }
    if failures > 0 {
      Console.error("qrx demo: \(failures) algorithm(s) misbehaved")
      return 1
    }
    Console.out("== Done: every algorithm behaved.")
    return 0
  }
}
