import QRXPrimitives
import QRXStore

// Migration of encryption keys: an X25519 key becomes an X-Wing key that keeps the X25519 private
// key and adds a fresh ML-KEM-768 key (stored expanded, see KEMAdapter.swift). The X-Wing public
// key ends with the old X25519 public key, so senders who know only the old key see the same
// classical half, and anyone can check that the classical half was kept.
//
// Continuity for KEM keys. A KEM key cannot sign through libcrypto, so "the old key signs the new
// public key" becomes a possession tag: each side's attestation is
//
//   tag = HMAC-SHA256(HMAC-SHA256(sk, "QRX-KEM-POSSESSION-v1"), statement)
//
// over the same statement a signature attestation signs (continuityStatement), with sk the
// signer's stored private key. Only a holder of sk can make or check the tag: it protects the
// record against anyone without the keys (a writer to the database cannot forge one), but the key
// manager that holds the master key could make it as well, so it proves less than a signature and
// third parties cannot check it. Most of the guarantee is in the check itself, which unseals both
// keys (sealing binds id, version and algorithm), derives each public key and compares it with
// the stored one, and requires the X-Wing key's classical half to be the old X25519 key
// (docs/KEYS.md). A publicly verifiable form would need XEdDSA over the X25519 key, which
// libcrypto does not offer.

extension KeyMigrationService {
  /// Domain separator of the possession-MAC key.
  static let possessionDomain = Array("QRX-KEM-POSSESSION-v1".utf8)

  /// The possession tag of `statement` under a KEM private key (see the file's comment).
  static func possessionTag(privateKey: SecretBytes, statement: [UInt8]) -> [UInt8] {
    var macKey = privateKey.withUnsafeBytes { key in
      possessionDomain.withUnsafeBytes { HMAC.authenticationCode(.sha256, key: key, message: $0) }
    }
    defer { SecretBytes.wipe(&macKey) }
    return HMAC.authenticationCode(.sha256, key: macKey, message: statement)
  }

  /// Builds the X-Wing key of one X25519 encryption key and both possession attestations.
  func prepareKEM(_ item: Claimed, _ kem: ManagedKEM) throws -> Prepared {
    let old = item.record
    let oldVersion = item.version
    guard kem == .x25519 else {
      throw MigrationFailure(reason: "\(old.algorithm) keys are not migrated (not a classical key)")
    }
    guard oldVersion.state == .active || oldVersion.state == .rotated, let sealed = oldVersion.sealedPrivateKey else {
      throw MigrationFailure(reason: "the newest version is \(oldVersion.state.rawValue) or has no private key")
    }
    let oldPrivate = try sealer.unseal(sealed, keyID: old.id, version: oldVersion.version, algorithm: old.algorithm)
    guard try kem.publicKey(fromPrivateKey: oldPrivate) == oldVersion.publicKey else {
      throw MigrationFailure(reason: "the stored X25519 public key does not match its private key")
    }
    let pair = try ManagedKEM.xWingKeeping(x25519PrivateKey: oldPrivate)
    guard Array(pair.publicKey.suffix(oldVersion.publicKey.count)) == oldVersion.publicKey else {
      throw MigrationFailure(reason: "the X-Wing key did not keep the X25519 public key")
    }
    let hybrid = ManagedKEM.xWing.rawValue
    let newID = KeyManager.newKeyID(prefix: "hybrid")
    let now = StoreClock.now()
    var metadata = KeyMetadata.forAlgorithm(
      ManagedAlgorithm(kind: .kem(.xWing)), rotation: KeyMetadata.decode(old.metadata).rotation)
    metadata.compositeDraft = "draft-connolly-cfrg-xwing-kem"
    let record = KeyRecord(
      id: newID, algorithm: hybrid, usage: old.usage, label: old.label, createdAt: now, metadata: metadata.json)
    let version = KeyVersionRecord(
      keyID: newID, version: 1, createdAt: now, publicKey: pair.publicKey,
      sealedPrivateKey: try sealer.seal(pair.privateKey, keyID: newID, version: 1, algorithm: hybrid))
    let oldSide = (old.id, oldVersion.version, old.algorithm, oldVersion.publicKey)
    let newSide = (newID, 1, hybrid, pair.publicKey)
    let oldSignsNew = Self.continuityStatement(direction: .oldSignsNew, old: oldSide, new: newSide)
    let newSignsOld = Self.continuityStatement(direction: .newSignsOld, old: oldSide, new: newSide)
    let attestations = [
      ContinuityAttestation(
        oldKeyID: old.id, newKeyID: newID, direction: .oldSignsNew, signerVersion: oldVersion.version,
        message: oldSignsNew, signature: Self.possessionTag(privateKey: oldPrivate, statement: oldSignsNew),
        createdAt: now),
      ContinuityAttestation(
        oldKeyID: old.id, newKeyID: newID, direction: .newSignsOld, signerVersion: 1, message: newSignsOld,
        signature: Self.possessionTag(privateKey: pair.privateKey, statement: newSignsOld), createdAt: now),
    ]
    return Prepared(classicalKeyID: old.id, hybridKey: record, hybridVersion: version, attestations: attestations)
  }

  /// The KEM side of ``verifyContinuity(classicalKeyID:)``: both statements rebuilt and equal to
  /// the stored ones; each private key unsealed, its public key derived and equal to the stored
  /// one; each possession tag recomputed and equal (constant time); the X-Wing key's classical
  /// half equal to the old X25519 public key. It unseals two private keys, so it is audited
  /// (`key.continuity.verify`, in `tx`).
  func verifyKEMContinuity(
    old: StoredKey, attestedOld: KeyVersionRecord, new: StoredKey, newVersion: KeyVersionRecord,
    attestations: [ContinuityAttestation], in tx: any KeyStoreTransaction
  ) throws -> Bool {
    let valid = checkKEMContinuity(
      old: old, attestedOld: attestedOld, new: new, newVersion: newVersion, attestations: attestations)
    try tx.appendAudit(
      actor: actor, action: "key.continuity.verify", keyID: new.record.id,
      details: KeyManager.auditDetails(["old_key_id": old.record.id, "valid": valid]))
    return valid
  }

  private func checkKEMContinuity(
    old: StoredKey, attestedOld: KeyVersionRecord, new: StoredKey, newVersion: KeyVersionRecord,
    attestations: [ContinuityAttestation]
  ) -> Bool {
    guard let oldKEM = ManagedAlgorithm.named(old.record.algorithm)?.kemKind,
      let newKEM = ManagedAlgorithm.named(new.record.algorithm)?.kemKind,
      newVersion.publicKey.count > attestedOld.publicKey.count,
      Array(newVersion.publicKey.suffix(attestedOld.publicKey.count)) == attestedOld.publicKey,
      let oldSealed = attestedOld.sealedPrivateKey, let newSealed = newVersion.sealedPrivateKey,
      let oldPrivate = try? sealer.unseal(
        oldSealed, keyID: old.record.id, version: attestedOld.version, algorithm: old.record.algorithm),
      let newPrivate = try? sealer.unseal(newSealed, keyID: new.record.id, version: 1, algorithm: new.record.algorithm),
      (try? oldKEM.publicKey(fromPrivateKey: oldPrivate)) == attestedOld.publicKey,
      (try? newKEM.publicKey(fromPrivateKey: newPrivate)) == newVersion.publicKey
    else { return false }
    for attestation in attestations {
      let statement = Self.continuityStatement(
        direction: attestation.direction, old: old, attestedOld: attestedOld, new: new, newVersion: newVersion)
      guard statement == attestation.message else { return false }
      let signer = attestation.direction == .oldSignsNew ? oldPrivate : newPrivate
      guard ConstantTime.equals(Self.possessionTag(privateKey: signer, statement: statement), attestation.signature)
      else { return false }
    }
    return true
  }
}
