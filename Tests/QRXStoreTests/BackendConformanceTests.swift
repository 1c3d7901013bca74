import QRXTestSupport
import XCTest

@testable import QRXStore

// The conformance suite once per backend. A new check in StoreConformance gets a line in both.

/// The conformance suite on SQLite (a fresh file per test).
final class SQLiteStoreTests: StoreConformance {
  override func freshURL() throws -> String { try TestDatabases.sqliteURL(for: self) }

  func testMigrationsRunOnceAndReopeningIsIdempotent() throws { try checkMigrationsRunOnceAndReopeningIsIdempotent() }
  func testNewerSchemaIsRefused() throws { try checkNewerSchemaIsRefused() }
  func testInsertedKeyReadsBackExactly() throws { try checkInsertedKeyReadsBackExactly() }
  func testDuplicateKeyIsRefused() throws { try checkDuplicateKeyIsRefused() }
  func testInvalidValuesAreRefused() throws { try checkInvalidValuesAreRefused() }
  func testRotationAddsVersions() throws { try checkRotationAddsVersions() }
  func testStatesMoveForwardOnlyAndDestructionErasesThePrivateKey() throws {
    try checkStatesMoveForwardOnlyAndDestructionErasesThePrivateKey()
  }
  func testUseCountAndMetadataUpdate() throws { try checkUseCountAndMetadataUpdate() }
  func testListingFiltersAndPages() throws { try checkListingFiltersAndPages() }
  func testTransactionCommitsEverythingOrNothing() throws { try checkTransactionCommitsEverythingOrNothing() }
  func testNestedTransactionsAndEscapedHandlesAreRefused() throws {
    try checkNestedTransactionsAndEscapedHandlesAreRefused()
  }
  func testConcurrentWritersFromThreadsAndConnections() throws { try checkConcurrentWritersFromThreadsAndConnections() }
  func testMigrationClaimsResumeAndCompleteOnce() throws { try checkMigrationClaimsResumeAndCompleteOnce() }
  func testUniqueConstraintsGiveOneHybridKeyPerClassicalKey() throws {
    try checkUniqueConstraintsGiveOneHybridKeyPerClassicalKey()
  }
  func testSealedKeysPageAndReplaceOnlyWhenUnchanged() throws { try checkSealedKeysPageAndReplaceOnlyWhenUnchanged() }
  func testAuditEntriesChainAndVerify() throws { try checkAuditEntriesChainAndVerify() }
  func testAuditLogRefusesUpdateAndDelete() throws { try checkAuditLogRefusesUpdateAndDelete() }
  func testAuditDetectsAnEditedRow() throws { try checkAuditDetectsAnEditedRow() }
  func testAuditDetectsAnEditedRowWithARecomputedHash() throws { try checkAuditDetectsAnEditedRowWithARecomputedHash() }
  func testAuditDetectsADeletedRow() throws { try checkAuditDetectsADeletedRow() }
  func testAuditDetectsDeletedNewestRows() throws { try checkAuditDetectsDeletedNewestRows() }
  func testAuditDetectsReorderedRows() throws { try checkAuditDetectsReorderedRows() }
}

/// The conformance suite on PostgreSQL (a fresh schema per test on the server of `QRX_TEST_POSTGRES_URL`;
/// fails when it is missing under `make test`).
final class PostgresStoreTests: StoreConformance {
  override func freshURL() throws -> String { try TestDatabases.postgresURL(for: self) }

  func testMigrationsRunOnceAndReopeningIsIdempotent() throws { try checkMigrationsRunOnceAndReopeningIsIdempotent() }
  func testNewerSchemaIsRefused() throws { try checkNewerSchemaIsRefused() }
  func testInsertedKeyReadsBackExactly() throws { try checkInsertedKeyReadsBackExactly() }
  func testDuplicateKeyIsRefused() throws { try checkDuplicateKeyIsRefused() }
  func testInvalidValuesAreRefused() throws { try checkInvalidValuesAreRefused() }
  func testRotationAddsVersions() throws { try checkRotationAddsVersions() }
  func testStatesMoveForwardOnlyAndDestructionErasesThePrivateKey() throws {
    try checkStatesMoveForwardOnlyAndDestructionErasesThePrivateKey()
  }
  func testUseCountAndMetadataUpdate() throws { try checkUseCountAndMetadataUpdate() }
  func testListingFiltersAndPages() throws { try checkListingFiltersAndPages() }
  func testTransactionCommitsEverythingOrNothing() throws { try checkTransactionCommitsEverythingOrNothing() }
  func testNestedTransactionsAndEscapedHandlesAreRefused() throws {
    try checkNestedTransactionsAndEscapedHandlesAreRefused()
  }
  func testConcurrentWritersFromThreadsAndConnections() throws { try checkConcurrentWritersFromThreadsAndConnections() }
  func testMigrationClaimsResumeAndCompleteOnce() throws { try checkMigrationClaimsResumeAndCompleteOnce() }
  func testUniqueConstraintsGiveOneHybridKeyPerClassicalKey() throws {
    try checkUniqueConstraintsGiveOneHybridKeyPerClassicalKey()
  }
  func testSealedKeysPageAndReplaceOnlyWhenUnchanged() throws { try checkSealedKeysPageAndReplaceOnlyWhenUnchanged() }
  func testAuditEntriesChainAndVerify() throws { try checkAuditEntriesChainAndVerify() }
  func testAuditLogRefusesUpdateAndDelete() throws { try checkAuditLogRefusesUpdateAndDelete() }
  func testAuditDetectsAnEditedRow() throws { try checkAuditDetectsAnEditedRow() }
  func testAuditDetectsAnEditedRowWithARecomputedHash() throws { try checkAuditDetectsAnEditedRowWithARecomputedHash() }
  func testAuditDetectsADeletedRow() throws { try checkAuditDetectsADeletedRow() }
  func testAuditDetectsDeletedNewestRows() throws { try checkAuditDetectsDeletedNewestRows() }
  func testAuditDetectsReorderedRows() throws { try checkAuditDetectsReorderedRows() }
}
