import QRXPrimitives

// The public API is generic over the parameter set and called from other modules, where the
// optimizer cannot specialize this module's internals; generic code would then read m, n and t
// through witness tables in the innermost loops. Each operation is therefore routed through a
// `switch` on the ten known sets, so every one runs as code compiled for its constants.

protocol McElieceOperation {
  associatedtype Output
  /// The operation for the parameter set Q.
  func run<Q: McElieceParameterSet>(_: Q.Type) -> Output
}

extension McElieceOperation {
  /// `run(P.self)`, with P replaced by the concrete set when it is one of the ten.
  @inline(__always) func specialized<P: McElieceParameterSet>(for _: P.Type) -> Output {
    if P.self == ClassicMcEliece348864.self { return run(ClassicMcEliece348864.self) }
    if P.self == ClassicMcEliece348864f.self { return run(ClassicMcEliece348864f.self) }
    if P.self == ClassicMcEliece460896.self { return run(ClassicMcEliece460896.self) }
    if P.self == ClassicMcEliece460896f.self { return run(ClassicMcEliece460896f.self) }
    if P.self == ClassicMcEliece6688128.self { return run(ClassicMcEliece6688128.self) }
    if P.self == ClassicMcEliece6688128f.self { return run(ClassicMcEliece6688128f.self) }
    if P.self == ClassicMcEliece6960119.self { return run(ClassicMcEliece6960119.self) }
    if P.self == ClassicMcEliece6960119f.self { return run(ClassicMcEliece6960119f.self) }
    if P.self == ClassicMcEliece8192128.self { return run(ClassicMcEliece8192128.self) }
    if P.self == ClassicMcEliece8192128f.self { return run(ClassicMcEliece8192128f.self) }
    return run(P.self)
  }
}

/// SeededKeyGen for P, specialized.
func mcelieceGenerate<P: McElieceParameterSet>(
  _: P.Type, seed: UnsafeRawBufferPointer, progress: (Int, Double) -> Void
) -> (privateKey: SecretBytes, publicKey: [UInt8]) {
  withoutActuallyEscaping(progress) { progress in
    McElieceKeyGenerationOperation(seed: seed, progress: progress).specialized(for: P.self)
  }
}

struct McElieceKeyGenerationOperation: McElieceOperation {
  let seed: UnsafeRawBufferPointer
  let progress: (Int, Double) -> Void
  func run<Q: McElieceParameterSet>(_: Q.Type) -> (privateKey: SecretBytes, publicKey: [UInt8]) {
    McElieceKeyGeneration<Q>.generate(seed: seed, progress: progress)
  }
}

struct McElieceDecodingKeyOperation: McElieceOperation {
  let privateKey: UnsafeRawBufferPointer
  func run<Q: McElieceParameterSet>(_: Q.Type) -> McElieceDecodingKey {
    McElieceDecodingKey.make(Q.self, privateKey: privateKey)
  }
}

struct McElieceEncapsulateOperation: McElieceOperation {
  let publicKey: UnsafeRawBufferPointer
  let random: any RandomSource
  func run<Q: McElieceParameterSet>(_: Q.Type) -> (sharedSecret: SecretBytes, ciphertext: [UInt8]) {
    McElieceEncapsulation<Q>.encapsulate(publicKey: publicKey, random: random)
  }
}

struct McElieceDecapsulateOperation: McElieceOperation {
  let key: McElieceDecodingKey
  let privateKey: UnsafeRawBufferPointer
  let ciphertext: UnsafeRawBufferPointer
  func run<Q: McElieceParameterSet>(_: Q.Type) -> SecretBytes {
    McElieceDecapsulation<Q>.decapsulate(key, privateKey: privateKey, ciphertext: ciphertext)
  }
}
