import Foundation

// The versioned schema. Each migration runs once, in its own transaction, and records itself in
// `schema_migrations`; a database newer than this build is refused. Never edit a released
// migration: add the next one. docs/STORAGE.md describes every table.

/// One step of a migration.
enum MigrationStep {
  /// Schema text for one dialect, rendered from a template: `{INT}` (64-bit integer),
  /// `{BYTES}` (byte string), `{STRICT}` (SQLite's type-checked tables).
  case schema(String)
  /// Schema text for one dialect only.
  case dialectSchema(sqlite: String, postgres: String)
  /// A data statement with bound values.
  case statement(String, [SQLValue])
}

/// A numbered schema change.
struct SchemaMigration {
  let version: Int
  let name: String
  let steps: [MigrationStep]
}

enum Schema {
  /// Every migration, in order; versions are 1, 2, 3, … without gaps.
  static let migrations: [SchemaMigration] = [
    SchemaMigration(
      version: 1, name: "key custody: keys, versions, migrations, attestations, audit log",
      steps: [
        .schema(
          """
          CREATE TABLE keys (
            id TEXT PRIMARY KEY,
            algorithm TEXT NOT NULL,
            usage TEXT NOT NULL,
            label TEXT,
            created_at {INT} NOT NULL,
            metadata TEXT NOT NULL,
            migrated_from TEXT UNIQUE REFERENCES keys (id),
            migrated_to TEXT UNIQUE REFERENCES keys (id),
            CHECK (migrated_from IS NULL OR migrated_from <> id),
            CHECK (migrated_to IS NULL OR migrated_to <> id)
          ){STRICT};
          CREATE INDEX keys_by_algorithm ON keys (algorithm, id);
          CREATE TABLE key_versions (
            key_id TEXT NOT NULL REFERENCES keys (id),
            version {INT} NOT NULL CHECK (version >= 1),
            state TEXT NOT NULL CHECK (state IN ('active', 'rotated', 'retired', 'destroyed')),
            created_at {INT} NOT NULL,
            updated_at {INT} NOT NULL,
            public_key {BYTES} NOT NULL,
            sealed_private_key {BYTES},
            use_count {INT} NOT NULL DEFAULT 0 CHECK (use_count >= 0),
            PRIMARY KEY (key_id, version),
            CHECK (state <> 'destroyed' OR sealed_private_key IS NULL)
          ){STRICT};
          CREATE TABLE key_migrations (
            classical_key_id TEXT PRIMARY KEY REFERENCES keys (id),
            state TEXT NOT NULL CHECK (state IN ('claimed', 'completed', 'failed')),
            hybrid_key_id TEXT UNIQUE REFERENCES keys (id),
            claimed_by TEXT NOT NULL,
            attempts {INT} NOT NULL CHECK (attempts >= 1),
            failure_reason TEXT,
            claimed_at {INT} NOT NULL,
            updated_at {INT} NOT NULL,
            CHECK ((state = 'completed') = (hybrid_key_id IS NOT NULL))
          ){STRICT};
          CREATE INDEX key_migrations_by_state ON key_migrations (state, classical_key_id);
          CREATE TABLE continuity_attestations (
            old_key_id TEXT NOT NULL REFERENCES keys (id),
            new_key_id TEXT NOT NULL REFERENCES keys (id),
            direction TEXT NOT NULL CHECK (direction IN ('old-signs-new', 'new-signs-old')),
            signer_version {INT} NOT NULL CHECK (signer_version >= 1),
            message {BYTES} NOT NULL,
            signature {BYTES} NOT NULL,
            created_at {INT} NOT NULL,
            PRIMARY KEY (old_key_id, new_key_id, direction)
          ){STRICT};
          CREATE INDEX continuity_attestations_by_new_key ON continuity_attestations (new_key_id);
          CREATE TABLE audit_log (
            seq {INT} PRIMARY KEY CHECK (seq >= 1),
            recorded_at {INT} NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            key_id TEXT,
            details TEXT NOT NULL,
            prev_hash {BYTES} NOT NULL CHECK (length(prev_hash) = 32),
            hash {BYTES} NOT NULL UNIQUE CHECK (length(hash) = 32)
          ){STRICT};
          CREATE INDEX audit_log_by_key ON audit_log (key_id, seq);
          CREATE TABLE audit_head (
            id {INT} PRIMARY KEY CHECK (id = 1),
            seq {INT} NOT NULL CHECK (seq >= 0),
            hash {BYTES} NOT NULL CHECK (length(hash) = 32)
          ){STRICT};
          """),
        .statement(
          "INSERT INTO audit_head (id, seq, hash) VALUES (?, ?, ?)",
          [.integer(1), .integer(0), .blob(AuditChain.genesisHash)]),
        // Append-only at the database too: an UPDATE or DELETE of the log fails. (The hash chain
        // is what detects an administrator who drops these triggers first.)
        .dialectSchema(
          sqlite: """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """,
          postgres: """
            CREATE FUNCTION qrx_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql
              AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
              FOR EACH ROW EXECUTE FUNCTION qrx_audit_log_append_only();
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
              FOR EACH STATEMENT EXECUTE FUNCTION qrx_audit_log_append_only();
            """),
      ])
  ]

  /// The newest schema version this build knows.
  static var latestVersion: Int { migrations.last?.version ?? 0 }

  /// `template` in `dialect`.
  static func render(_ template: String, for dialect: SQLDialect) -> String {
    template
      .replacingOccurrences(of: "{INT}", with: dialect == .sqlite ? "INTEGER" : "BIGINT")
      .replacingOccurrences(of: "{BYTES}", with: dialect.bytesType)
      .replacingOccurrences(of: "{STRICT}", with: dialect == .sqlite ? " STRICT" : "")
  }

  /// A fixed number for PostgreSQL's transaction-scoped advisory lock that serializes schema
  /// migrations between processes ("QRXschem" in ASCII).
  static let postgresMigrationLock: Int64 = 0x5152_5873_6368_656D
}
