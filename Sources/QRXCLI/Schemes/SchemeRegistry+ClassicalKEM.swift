// The ClassicalKEM schemes of the command line. Empty until that family lands.
extension SchemeRegistry {
  static var classicalKEMSchemes: [any KEMScheme] { [] }
}
