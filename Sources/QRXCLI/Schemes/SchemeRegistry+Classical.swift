// The Classical schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var classicalSignatureSchemes: [any SignatureScheme] { [] }
}
