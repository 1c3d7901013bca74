// swift-tools-version:6.0
// QRX: the quantum-resistance layer of a cryptocurrency exchange.
// Module map and decisions: docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
  name: "QRX",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "QRXPrimitives", targets: ["QRXPrimitives"]),
    .library(name: "QRXClassical", targets: ["QRXClassical"]),
    .library(name: "QRXPostQuantum", targets: ["QRXPostQuantum"]),
    .library(name: "QRXHybrid", targets: ["QRXHybrid"]),
    .library(name: "QRXWallet", targets: ["QRXWallet"]),
    .library(name: "QRXStore", targets: ["QRXStore"]),
    .library(name: "QRXKeys", targets: ["QRXKeys"]),
    .executable(name: "qrx", targets: ["qrx"]),
  ],
  targets: [
    // System libraries: module maps only (Debian: libssl-dev, libsecp256k1-dev, libsqlite3-dev, libpq-dev).
    .systemLibrary(
      name: "CLibCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CSecp256k1", pkgConfig: "libsecp256k1",
      providers: [.apt(["libsecp256k1-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CLibPQ", pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]),

    .target(name: "QRXPrimitives", dependencies: ["CLibCrypto"]),
    .target(name: "QRXClassical", dependencies: ["QRXPrimitives", "CLibCrypto", "CSecp256k1"]),
    .target(name: "QRXPostQuantum", dependencies: ["QRXPrimitives", "CLibCrypto"]),
    .target(name: "QRXHybrid", dependencies: ["QRXPrimitives", "QRXClassical", "QRXPostQuantum"]),
    .target(name: "QRXWallet", dependencies: ["QRXPrimitives", "QRXClassical", "QRXPostQuantum", "QRXHybrid"]),
    .target(name: "QRXStore", dependencies: ["QRXPrimitives", "CSQLite", "CLibPQ"]),
    .target(
      name: "QRXKeys", dependencies: ["QRXPrimitives", "QRXClassical", "QRXPostQuantum", "QRXHybrid", "QRXStore"]),
    .target(
      name: "QRXCLI",
      dependencies: [
        "QRXPrimitives", "QRXClassical", "QRXPostQuantum", "QRXHybrid", "QRXStore", "QRXKeys", "QRXWallet",
      ]),
    .executableTarget(name: "qrx", dependencies: ["QRXCLI"]),

    // Shared by the test targets: where vectors are, file parsers, skip-or-fail when absent, and
    // fresh SQLite and PostgreSQL databases for the store suites.
    .target(name: "QRXTestSupport", dependencies: ["CLibPQ"], path: "Tests/QRXTestSupport"),
    .testTarget(name: "QRXPrimitivesTests", dependencies: ["QRXPrimitives", "QRXTestSupport"]),
    .testTarget(
      name: "QRXClassicalTests", dependencies: ["QRXClassical", "QRXPrimitives", "QRXTestSupport"]),
    .testTarget(
      name: "QRXPostQuantumTests", dependencies: ["QRXPostQuantum", "QRXPrimitives", "QRXTestSupport"]),
    .testTarget(
      name: "QRXHybridTests",
      dependencies: ["QRXHybrid", "QRXPrimitives", "QRXClassical", "QRXPostQuantum", "QRXTestSupport"]),
    .testTarget(
      name: "QRXWalletTests",
      dependencies: ["QRXWallet", "QRXHybrid", "QRXClassical", "QRXPostQuantum", "QRXPrimitives", "QRXTestSupport"]),
    // The stand-in migration process that QRXStoreTests kills with SIGKILL and restarts.
    .executableTarget(name: "QRXStoreCrashWriter", dependencies: ["QRXStore"], path: "Tests/QRXStoreCrashWriter"),
    .testTarget(name: "QRXStoreTests", dependencies: ["QRXStore", "QRXTestSupport", "QRXStoreCrashWriter"]),
    .testTarget(
      name: "QRXKeysTests",
      dependencies: ["QRXKeys", "QRXStore", "QRXPrimitives", "QRXClassical", "QRXHybrid", "QRXTestSupport"]),
    .testTarget(
      name: "QRXCLITests", dependencies: ["QRXCLI", "QRXPrimitives", "QRXStore", "QRXTestSupport"]),
  ]
)
