// The SLHDSA schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var slhdsaSchemes: [any SignatureScheme] { [] }
}
