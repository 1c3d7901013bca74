// The MLKEM benchmarks of `qrx bench`. Empty until that family lands.
extension BenchCatalog {
  static var mlkemCases: [BenchCase] { [] }
}
