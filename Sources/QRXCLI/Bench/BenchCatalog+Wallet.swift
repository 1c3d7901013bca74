import QRXPrimitives
import QRXWallet

// HD-wallet benchmarks: one BIP-32 step (private hardened, public non-hardened), one SLIP-10
// ML-DSA-65 path, a whole hybrid account (two derivations, ML-DSA-65 key generation, the address),
// and the BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds, which dominates recovery).
extension BenchCatalog {
  static let benchMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

  static var walletCases: [BenchCase] {
    [
      BenchCase(alg: "BIP-32", op: "ckdpriv-hardened") {
        let master = try HDWallet(mnemonic: benchMnemonic).masterKey
        return { benchConsume(try? master.derivedChild(DerivationPath.hardenedOffset)) }
      },
      BenchCase(alg: "BIP-32", op: "ckdpub") {
        let master = try HDWallet(mnemonic: benchMnemonic).masterKey.extendedPublicKey
        return { benchConsume(try? master.derivedChild(0)) }
      },
      BenchCase(alg: "SLIP-10-ML-DSA-65", op: "derive-account-seed") {
        let seed = try BIP39.seed(mnemonic: benchMnemonic)
        let path = try PostQuantumDerivation.accountPath(coin: 60, index: 0)
        return { benchConsume(try? PostQuantumDerivation.seed(.mldsa65, from: seed, path: path)) }
      },
      BenchCase(alg: "HD-wallet", op: "account") {
        let wallet = try HDWallet(mnemonic: benchMnemonic)
        return { benchConsume(try? wallet.generateAccount(0)) }
      },
      BenchCase(alg: "BIP-39", op: "seed") {
        { benchConsume(try? BIP39.seed(mnemonic: benchMnemonic)) }
      },
    ]
  }
}
