// Direct access to the Keccak-f[1600] permutation, for fixed-length constructions that build the
// padded state themselves (SLH-DSA's one-block tweakable hashes, FIPS 205, Section 11.1), where a
// sponge object's bookkeeping would cost as much as the permutation.

/// Keccak-f[1600] (FIPS 202, Section 3.4) on a caller-owned state.
public enum KeccakF1600 {
  /// Applies Keccak-f[1600] (Keccak-p[1600, 24]) to 25 lanes in place; lane A[x, y] is
  /// `lanes[x + 5 * y]`, and byte i of the state is byte i mod 8 of lane i / 8, little-endian.
  public static func permute(_ lanes: UnsafeMutablePointer<UInt64>) {
    keccakP1600(lanes, rounds: 24)
  }
}
