// The MLDSA benchmarks of `qrx bench`. Empty until that family lands.
extension BenchCatalog {
  static var mldsaCases: [BenchCase] { [] }
}
