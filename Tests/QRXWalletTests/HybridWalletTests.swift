import Foundation
import QRXClassical
import QRXHybrid
import QRXPostQuantum
import QRXPrimitives
import QRXTestSupport
import QRXWallet
import XCTest

/// Post-quantum derivation and hybrid accounts. The ML-DSA seeds `ξ` below were computed independently
/// of this code (Python's hashlib and hmac, docs/WALLET.md); the hybrid addresses are self-generated
/// regression vectors, published in docs/WALLET.md, not official ones.
final class HybridWalletTests: XCTestCase {
  static let mnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

  /// (passphrase, algorithm, index, ξ at m/44'/60'/0'/0'/INDEX').
  static let postQuantumSeeds: [(String, PostQuantumDerivation.Algorithm, UInt32, String)] = [
    ("", .mldsa44, 0, "af01edf27ea6b7213c7ba0894a5779060e99e65dcbbc9a8337d23334f8237256"),
    ("", .mldsa44, 1, "a9e721d0f24571dcfb844d38ed619ffe0b3a2d7e5382296c0e6e156976a17d66"),
    ("", .mldsa65, 0, "2c06661869f765b9436b94723f85f006812e550c2e3538dc7d4e0e7d821352dc"),
    ("", .mldsa65, 1, "bdab712318934827a541c98fa416b262dff9d473a3910c686931609001f58da4"),
    ("", .mldsa87, 0, "374e4c2f67cbc71b85e56fb1eb1e8a0b82613ac80be64e452df8a0032e2f73b2"),
    ("", .mldsa87, 1, "12313d36f48bb9ebe576ddd12e0891efbd26a907dded0069f642a1e4e0c74ae1"),
    ("TREZOR", .mldsa44, 0, "cf4876b65874fba834a6d260c66b1be90c96014f35dbfc4da62b7146fe176871"),
    ("TREZOR", .mldsa44, 1, "886befc37011a38559ccf84d51d4b5f5e9d8aae1cb3eff3f9382bc1a1b3efec6"),
    ("TREZOR", .mldsa65, 0, "162e787378c6bf7abe658ef04311f227b9d37f618cdd831e2ca5b5fd1fa81315"),
    ("TREZOR", .mldsa65, 1, "fc89ef03c4d6643fee62f68d62f07f11b7b09683d6754964dc9233ae58ce2ba9"),
    ("TREZOR", .mldsa87, 0, "4ee9fa3006c7b831d0542083199fae611aa4f4401ad16c43a469e386ee631745"),
    ("TREZOR", .mldsa87, 1, "5f843562c617da00cd22b9015f6e6e52281888b937a0a9b36dc946c95c4250ab"),
    ("", .falcon512, 0, "e1628effc86f45b8da8ce1613b3033b47ef0e11e6a203c3e9ba3542c2ab08e34"),
    ("", .falcon512, 1, "36a9a1917fc0fcc2d3c92f4f077cb41b594d10dbf4b9564ff5523bab90f52640"),
    ("TREZOR", .falcon512, 0, "a1292ca1a52d21e882d3cea881c75a6f5753324db05ecfe5198472fc5f194539"),
    ("TREZOR", .falcon512, 1, "33669cf30aa0532c03f6ec1afaec58c84dd3f009cfae795d82e63010e855ed8d"),
  ]

  func testPostQuantumSeedsMatchThePublishedVectors() throws {
    for (passphrase, algorithm, index, xi) in Self.postQuantumSeeds {
      let seed = try BIP39.seed(mnemonic: Self.mnemonic, passphrase: passphrase)
      let path = try PostQuantumDerivation.accountPath(coin: 60, index: index)
      XCTAssertEqual(path.description, "m/44'/60'/0'/0'/\(index)'")
      let derived = try PostQuantumDerivation.seed(algorithm, from: seed, path: path)
      XCTAssertEqual(hexString(derived.copyBytes()), xi, "\(algorithm.rawValue) \(passphrase) \(index)")
    }
  }

  func testDerivedMLDSAKeysAreTheKeysOfTheirSeeds() throws {
    let seed = try BIP39.seed(mnemonic: Self.mnemonic)
    let path = try PostQuantumDerivation.accountPath(coin: 60, index: 0)
    let xi = try PostQuantumDerivation.seed(.mldsa65, from: seed, path: path)
    let key = try PostQuantumDerivation.mldsa65Key(from: seed, path: path)
    XCTAssertEqual(
      key.publicKey.rawRepresentation, try MLDSA65.PrivateKey(seedRepresentation: xi).publicKey.rawRepresentation)
    XCTAssertEqual(try PostQuantumDerivation.mldsa44Key(from: seed, path: path).publicKey.rawRepresentation.count, 1312)
    XCTAssertEqual(try PostQuantumDerivation.mldsa87Key(from: seed, path: path).publicKey.rawRepresentation.count, 2592)
  }

  func testDerivedFalconKeyIsTheKeyOfItsSeedAndSigns() throws {
    let seed = try BIP39.seed(mnemonic: Self.mnemonic)
    let path = try PostQuantumDerivation.accountPath(coin: 60, index: 0)
    let key = try PostQuantumDerivation.falcon512Key(from: seed, path: path)
    let again = try Falcon512.PrivateKey(
      seedRepresentation: PostQuantumDerivation.seed(.falcon512, from: seed, path: path))
    XCTAssertEqual(key.publicKey, again.publicKey)
    let message = Array("falcon".utf8)
    XCTAssertTrue(key.publicKey.isValidSignature(key.signature(for: message), for: message))
  }

  func testPostQuantumDerivationIsHardenedOnly() throws {
    let seed = try BIP39.seed(mnemonic: Self.mnemonic)
    XCTAssertThrowsError(try PostQuantumDerivation.seed(.mldsa65, from: seed, path: DerivationPath("m/44'/60'/0'/0/0")))
    {
      XCTAssertEqual($0 as? WalletError, .hardenedDerivationRequired(index: 0))
    }
    XCTAssertThrowsError(try PostQuantumDerivation.accountPath(coin: 60, index: 0x8000_0000))
  }

  /// The default secp256k1 account 0 of this mnemonic has Ethereum's well-known address (MetaMask,
  /// ethers and others derive it at m/44'/60'/0'/0/0).
  func testSecp256k1AccountIsEthereumsAccount() throws {
    let account = try HDWallet(mnemonic: Self.mnemonic).generateAccount(0)
    XCTAssertEqual(account.classicalPath.description, "m/44'/60'/0'/0/0")
    XCTAssertEqual(account.postQuantumPath.description, "m/44'/60'/0'/0'/0'")
    XCTAssertEqual(account.ethereumAddress, "0x9858EfFD232B4033E47d90003D41EC34EcaEda94")
    XCTAssertEqual(account.compositeAlgorithm, "QRX-MLDSA65-secp256k1-ECDSA-SHA512")
  }

  /// The Ed25519 account at m/44'/501'/0'/0' of this mnemonic is Solana's well-known first account
  /// (its address is the Base58 public key).
  func testEd25519AccountIsSolanasAccount() throws {
    let account = try HDWallet(mnemonic: Self.mnemonic).generateAccount(0, coin: 501, classical: .ed25519)
    XCTAssertEqual(account.classicalPath.description, "m/44'/501'/0'/0'")
    XCTAssertEqual(Base58.encode(account.classicalKey.publicKey), "HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk")
    XCTAssertNil(account.ethereumAddress)
    XCTAssertEqual(account.compositeAlgorithm, "MLDSA65-Ed25519-SHA512")
  }

  /// Self-generated regression vectors (docs/WALLET.md): (passphrase, index, classical, classical public
  /// key, SHA3-256 of the ML-DSA-65 public key, hybrid address). The first two addresses were recomputed
  /// from the public keys by an independent Python script when they were published.
  static let accounts: [(String, UInt32, ClassicalAccountAlgorithm, String, String, String)] = [
    (
      "", 0, .secp256k1, "0237b0bb7a8288d38ed49a524b5dc98cff3eb5ca824c9f9dc0dfdb3d9cd600f299",
      "f442d7857898e1043f9a7b68627327841b959de5be79d055c2019f239dcdd169",
      "qrx1qd2hvdurktz76xtpaf57tl0kuc7fkzne50eq2fffq9lexh667230sadll8n"
    ),
    (
      "", 0, .ed25519, "45a0eaadc9f221f10b80cfa660626e7007ac69127fc30678b403f6b6acca635e",
      "f442d7857898e1043f9a7b68627327841b959de5be79d055c2019f239dcdd169",
      "qrx1q8dx6sygzvrkgmfa4xw6d795uj7qg5zzv0fygrrqqtzwrzy9us4csgfe200"
    ),
    (
      "", 1, .secp256k1, "039fd0991d0222b4e1339c1a1a5b5f6d9f6a96672a3247b638ee6156d9ea877a2f",
      "5ab7e4b566e26a4d04e9fffcdc363e9c52face8bfa20589b90b550eee88ee394",
      "qrx1qrmelzhzlhzgx6jhlj58d280r42qkp6nfqfqchntrzz2lvywfducqg49qra"
    ),
    (
      "", 1, .ed25519, "8cdc56b0560ad46e617fe7d74ee19a18773f463c88b65c8b944d7014662443dc",
      "5ab7e4b566e26a4d04e9fffcdc363e9c52face8bfa20589b90b550eee88ee394",
      "qrx1q77l0rtp9j9gsxzgy8vsjrz07eq4erkwpq3kjngn80f25flrzl7yqcu9s9l"
    ),
    (
      "TREZOR", 0, .secp256k1, "03986dee3b8afe24cb8ccb2ac23dac3f8c43d22850d14b809b26d6b8aa5a1f4778",
      "e5aaeb0835514c607abb540b934ec4753158082197839d98c915b9eb3d8b3eea",
      "qrx1qzdzrwhklut06e6lgzh0me3jnysdj34868h8uhf7yued260mv568qgjmqnt"
    ),
    (
      "TREZOR", 0, .ed25519, "4bc4d1c4350480b280fd0ce62cebb1f48aa84bd41dbcab467ad6741c663b9c08",
      "e5aaeb0835514c607abb540b934ec4753158082197839d98c915b9eb3d8b3eea",
      "qrx1qmdzy2ydyuz5qm8rlf6rh89sru4s0dnannu2zm7pr02p3ytcdnhqq29l24k"
    ),
    (
      "TREZOR", 1, .secp256k1, "03462e7b95dab24fe8a57ac897d9026545ec4327c9c5e4a772e5d14cc5422f9489",
      "076e796a70f54808fe21a6a329bd45988b1f38728b460ae92eeee603bca09609",
      "qrx1qhfcswt5ctwrcwzav6xguc27n97drgq3tzycnqsyacraykmzve37qhxqkvh"
    ),
    (
      "TREZOR", 1, .ed25519, "3319b94a1377668b80b273d1bb71dbb728760e4cda94b626bf76e7c6b9035732",
      "076e796a70f54808fe21a6a329bd45988b1f38728b460ae92eeee603bca09609",
      "qrx1qk6lk3m7vcyg7esk46p2w28feuyahnwdnjujf8stux4sjs8fyadeqgmx74m"
    ),
  ]

  func testHybridAccountsMatchThePublishedRegressionVectors() throws {
    for (passphrase, index, classical, classicalKey, postQuantumDigest, address) in Self.accounts {
      let account = try HDWallet(mnemonic: Self.mnemonic, passphrase: passphrase).generateAccount(
        index, classical: classical)
      let context = "\(passphrase) \(index) \(classical.rawValue)"
      XCTAssertEqual(hexString(account.classicalKey.publicKey), classicalKey, context)
      XCTAssertEqual(
        hexString(SHA3_256.hash(account.postQuantumKey.publicKey.rawRepresentation)), postQuantumDigest, context)
      XCTAssertEqual(account.hybridAddress.description, address, context)
      XCTAssertEqual(address.count, 63)
    }
  }

  func testSameMnemonicGivesTheSameAccounts() throws {
    let first = try HDWallet(mnemonic: Self.mnemonic, passphrase: "p").generateAccount(3)
    // Another wallet object from the same words, spaced differently (BIP-39 joins the words with
    // single spaces after NFKD).
    let spaced = "  " + Self.mnemonic.replacingOccurrences(of: " ", with: "\u{3000}") + "\n"
    let again = try HDWallet(mnemonic: spaced, passphrase: "p").generateAccount(3)
    XCTAssertEqual(first.hybridAddress, again.hybridAddress)
    XCTAssertEqual(hexString(first.classicalKey.publicKey), hexString(again.classicalKey.publicKey))
    XCTAssertEqual(
      hexString(SHA3_256.hash(first.postQuantumKey.publicKey.rawRepresentation)),
      hexString(SHA3_256.hash(again.postQuantumKey.publicKey.rawRepresentation)))
  }

  func testDifferentPassphraseOrIndexGivesDifferentAccounts() throws {
    let base = try HDWallet(mnemonic: Self.mnemonic, passphrase: "").generateAccount(0)
    for other in [
      try HDWallet(mnemonic: Self.mnemonic, passphrase: "x").generateAccount(0),
      try HDWallet(mnemonic: Self.mnemonic, passphrase: "").generateAccount(1),
      try HDWallet(mnemonic: Self.mnemonic, passphrase: "").generateAccount(0, coin: 0),
    ] {
      XCTAssertNotEqual(base.hybridAddress, other.hybridAddress)
      XCTAssertNotEqual(hexString(base.classicalKey.publicKey), hexString(other.classicalKey.publicKey))
      XCTAssertNotEqual(
        hexString(SHA3_256.hash(base.postQuantumKey.publicKey.rawRepresentation)),
        hexString(SHA3_256.hash(other.postQuantumKey.publicKey.rawRepresentation)))
    }
  }

  /// A wallet recovered from its words makes composite signatures of transactions that verify
  /// against the address (and composite public key) it had before; both account kinds.
  func testRecoveredWalletSignsTransactionsThatVerifyAgainstItsEarlierAddress() throws {
    let transaction = Array("QRX transfer v1: 100 units from account 2 to qrx1...".utf8)
    for classical in ClassicalAccountAlgorithm.allCases {
      let before = try HDWallet(mnemonic: Self.mnemonic, passphrase: "TREZOR").generateAccount(2, classical: classical)
      let address = before.hybridAddress.description
      let publicKey = before.compositePublicKey
      let recoveredWallet = try HDWallet(mnemonic: Self.mnemonic, passphrase: "TREZOR")
      let recovered = try recoveredWallet.generateAccount(2, classical: classical)
      let signature = try recoveredWallet.sign(transaction, account: recovered)
      let parsed = try HybridAddress(address)
      XCTAssertTrue(
        parsed.isValidSignature(
          signature, for: transaction, compositeAlgorithm: before.compositeAlgorithm, compositePublicKey: publicKey),
        classical.rawValue)
      // The composite key built from the account is the one the address names.
      XCTAssertEqual(try recovered.compositePrivateKey.publicKey.rawRepresentation, publicKey)
      // A changed transaction, a stripped half, another account's key, or another algorithm fail.
      var changed = transaction
      changed[0] ^= 1
      XCTAssertFalse(
        parsed.isValidSignature(
          signature, for: changed, compositeAlgorithm: before.compositeAlgorithm, compositePublicKey: publicKey))
      XCTAssertFalse(
        parsed.isValidSignature(
          Array(signature.dropLast(64)), for: transaction, compositeAlgorithm: before.compositeAlgorithm,
          compositePublicKey: publicKey))
      let other = try recoveredWallet.generateAccount(3, classical: classical)
      XCTAssertFalse(
        parsed.isValidSignature(
          try other.sign(transaction), for: transaction, compositeAlgorithm: other.compositeAlgorithm,
          compositePublicKey: other.compositePublicKey))
      XCTAssertFalse(
        parsed.isValidSignature(
          signature, for: transaction, compositeAlgorithm: "QRX-MLDSA65-secp256k1-Schnorr-SHA512",
          compositePublicKey: publicKey))
      // The signature alone verifies under the account's composite public key (the hybrid layer's check).
      let algorithm = try recovered.compositeSignatureAlgorithm
      XCTAssertTrue(
        try CompositeSignature.PublicKey(algorithm: algorithm, rawRepresentation: publicKey).isValidSignature(
          signature, for: transaction))
    }
  }

  func testHybridAddressBindsTheAlgorithmAndBothKeys() throws {
    let account = try HDWallet(mnemonic: Self.mnemonic).generateAccount(0)
    let pq = account.postQuantumKey.publicKey.rawRepresentation
    let classical = account.classicalKey.publicKey
    let address = account.hybridAddress
    XCTAssertTrue(
      address.isAddress(
        ofCompositeAlgorithm: account.compositeAlgorithm, postQuantumPublicKey: pq, classicalPublicKey: classical))
    XCTAssertFalse(
      address.isAddress(
        ofCompositeAlgorithm: "MLDSA65-Ed25519-SHA512", postQuantumPublicKey: pq, classicalPublicKey: classical))
    var otherPQ = pq
    otherPQ[100] ^= 1
    XCTAssertFalse(
      address.isAddress(
        ofCompositeAlgorithm: account.compositeAlgorithm, postQuantumPublicKey: otherPQ, classicalPublicKey: classical))
    let otherClassical = try HDWallet(mnemonic: Self.mnemonic).generateAccount(1).classicalKey.publicKey
    XCTAssertFalse(
      address.isAddress(
        ofCompositeAlgorithm: account.compositeAlgorithm, postQuantumPublicKey: pq, classicalPublicKey: otherClassical))
  }

  func testHybridAddressParsing() throws {
    let text = try XCTUnwrap(Self.accounts.first?.5)
    XCTAssertEqual(try HybridAddress(text).description, text)
    XCTAssertEqual(try HybridAddress(text.uppercased()).description, text)
    var flipped = Array(text)
    flipped[10] = flipped[10] == "q" ? "p" : "q"
    let bad = [
      "", "qrx1", String(flipped), text.replacingOccurrences(of: "qrx1", with: "qrt1"), String(text.dropLast()),
      // Bech32m-valid under "qrx" but version 1, or a 20-byte payload.
      try Bech32m.encode(
        hrp: "qrx", data: [1] + Bech32m.convertBits(Array(repeating: 7, count: 32), from: 8, to: 5, pad: true)),
      try Bech32m.encode(
        hrp: "qrx", data: [0] + Bech32m.convertBits(Array(repeating: 7, count: 20), from: 8, to: 5, pad: true)),
    ]
    for candidate in bad {
      XCTAssertThrowsError(try HybridAddress(candidate), candidate) { XCTAssertTrue($0 is WalletError, candidate) }
    }
  }

  func testWalletRefusesABadMnemonicAndSeed() {
    XCTAssertThrowsError(try HDWallet(mnemonic: "abandon abandon abandon"))
    XCTAssertThrowsError(try HDWallet(seed: SecretBytes(zeroes: 8)))
    XCTAssertThrowsError(try HDWallet(mnemonic: Self.mnemonic).generateAccount(0x8000_0000)) {
      XCTAssertEqual($0 as? WalletError, .invalidAccountIndex(0x8000_0000))
    }
    XCTAssertEqual("\((try? HDWallet(mnemonic: Self.mnemonic))!)", "HDWallet(redacted)")
  }
}
