// The MLDSA schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var mldsaSchemes: [any SignatureScheme] { [] }
}
